"""The dbt models as Dagster assets, and dbt's tests as their asset checks.

`@dbt_assets` in Python rather than the YAML `DbtProjectComponent`: the partition window has to
become dbt vars and the project shares its partitions, retry policy and concurrency pool with the
Python assets, all of which are plain Python here.
"""

import functools
import json
from collections.abc import Iterator
from typing import Any

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from ..dbt_project import DbtCli, dbt_project
from ..dbt_tables import IcebergTranslator, with_table_metadata
from ..io_manager import partition_rows
from ..table_partition import TablePartition
from .execution import ASSET_SETTINGS
from .partitions import PARTITIONS

# The partition's columns, as partition_rows() reads them from an asset's metadata: period_start
# stands for each model's own time column (dbt_project.yml), as only the window reaches dbt.
DBT_PARTITION = {"partition_expr": "period_start"}


def dbt_vars(partition: TablePartition) -> dict[str, str]:
    """`partition` as the vars of `partition_filter()` (dbt_project/macros): its window as UTC
    instants and as local calendar dates, so a day of 23 or 25 hours and either run of a repeated
    hour select exactly their own rows; its key column and key (data: the macro quotes the key as
    a SQL literal).
    """
    vars: dict[str, str] = {}
    if partition.instants and partition.local_dates:
        (start, end), (first_day, day_after) = partition.instants, partition.local_dates
        vars |= {
            "partition_start": start.isoformat(),
            "partition_end": end.isoformat(),
            "partition_start_date": first_day.isoformat(),
            "partition_end_date": day_after.isoformat(),
        }
    if partition.keys:
        # One dimension of keys at most: its column and the run's key.
        [(column, key)] = partition.keys.items()
        vars |= {"partition_column": column, "partition_key": key}
    return vars


@functools.cache
def build_dbt_models() -> dg.AssetsDefinition:
    """The dbt models as one multi-asset, built from the current manifest when first asked."""
    project = dbt_project()

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=IcebergTranslator(),
        **ASSET_SETTINGS,
    )
    def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
        """`dbt build`: runs the models for the partition and their tests."""
        partition = partition_rows("dbt_models", PARTITIONS, context.partition_keys, DBT_PARTITION)
        vars = dbt_vars(partition)
        invocation = dbt.cli(["build", "--vars", json.dumps(vars)], context=context)
        yield from with_table_metadata(invocation, partition)

    return dbt_models


@dg.definitions
def definitions() -> dg.Definitions:
    """The models, and the `dbt` resource that builds them."""
    return dg.Definitions(
        assets=[build_dbt_models()], resources={"dbt": DbtCli(project_dir=dbt_project())}
    )
