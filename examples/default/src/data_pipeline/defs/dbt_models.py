"""The dbt models as Dagster assets, and dbt's tests as their asset checks.

`@dbt_assets` in Python rather than the YAML `DbtProjectComponent`: the partition window has to
become dbt vars and the project shares its partitions, retry policy and concurrency pool with the
Python assets, all of which are plain Python here.
"""

import functools
import json
from collections.abc import Iterator
from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from ..dbt_project import dbt_project
from .execution import BACKFILL_POLICY, RETRY_POLICY, WAREHOUSE_POOL
from .partitions import PARTITIONS, TIMEZONE


def dbt_vars(context: dg.AssetExecutionContext) -> dict[str, str]:
    """The partition being built, as the vars of `partition_filter()` (dbt_project/macros).

    The window as UTC instants and as local calendar dates, so a day of 23 or 25 hours and
    either run of a repeated hour select exactly their own rows.
    """
    window = context.partition_time_window
    zone = ZoneInfo(TIMEZONE)
    return {
        "partition_start": window.start.astimezone(UTC).isoformat(),
        "partition_end": window.end.astimezone(UTC).isoformat(),
        "partition_start_date": window.start.astimezone(zone).date().isoformat(),
        "partition_end_date": window.end.astimezone(zone).date().isoformat(),
    }


@functools.cache
def build_dbt_models() -> dg.AssetsDefinition:
    """The dbt models as one multi-asset, built from the current manifest when first asked."""
    project = dbt_project()

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        partitions_def=PARTITIONS,
        # A backfill's run builds its range of partitions in one dbt invocation.
        backfill_policy=BACKFILL_POLICY,
        retry_policy=RETRY_POLICY,
        pool=WAREHOUSE_POOL,
    )
    def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
        """`dbt build`: runs the models for the partition and their tests."""
        arguments = ["build", "--vars", json.dumps(dbt_vars(context))]
        yield from dbt.cli(arguments, context=context).stream()

    return dbt_models


@dg.definitions
def definitions() -> dg.Definitions:
    return dg.Definitions(assets=[build_dbt_models()])
