"""Resources shared by every asset, configured from the environment (see .env.example)."""

import dagster as dg
from dagster_dbt import DbtCliResource

from ..dbt_project import dbt_project
from ..io_manager import TableIOManager


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "io_manager": TableIOManager(),
            "dbt": DbtCliResource(project_dir=dbt_project()),
        }
    )
