"""Resources shared by every asset, configured from the environment (see .env.example)."""

import dagster as dg

from ..io_manager import TableIOManager


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={"io_manager": TableIOManager()})
