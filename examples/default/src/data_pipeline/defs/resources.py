"""Resources shared by every asset, configured from the environment (see .env.example)."""

import dagster as dg

from ..dbt_project import DbtCli, dbt_project
from ..io_manager import TableIOManager


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "io_manager": TableIOManager(),
            "dbt": DbtCli(project_dir=dbt_project()),
        }
    )
