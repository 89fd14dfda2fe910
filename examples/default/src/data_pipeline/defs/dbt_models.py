"""The dbt models as Dagster assets, and dbt's tests as their asset checks.

`@dbt_assets` in Python rather than the YAML `DbtProjectComponent`: the partition window has to
become dbt vars and the project shares its partitions, retry policy and concurrency pool with the
Python assets, all of which are plain Python here.
"""

import functools
import json
from collections.abc import Iterator, Mapping
from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from .. import lakehouse
from ..dbt_iceberg import table_partition
from ..dbt_project import dbt_project
from ..io_manager import table_metadata
from .execution import BACKFILL_POLICY, RETRY_POLICY, WAREHOUSE_POOL
from .partitions import PARTITIONS, TIMEZONE


class Translator(DagsterDbtTranslator):
    """What Dagster adds to dbt's view of a model: its Iceberg table."""

    def get_asset_spec(
        self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest["nodes"].get(unique_id)
        if node is None or node["resource_type"] != "model":
            return spec
        # DuckDB only runs the SQL in memory: the model is an Iceberg table of the catalog.
        table_name = f"{lakehouse.CATALOG_NAME}.{lakehouse.NAMESPACE}.{node['alias']}"
        return spec.replace_attributes(
            kinds={"dbt", "iceberg"},
            metadata={**spec.metadata, "dagster/table_name": table_name},
        )


def with_table_metadata(event: Any, manifest: Mapping[str, Any], vars: Mapping[str, Any]) -> Any:
    """A model's output with what Iceberg holds of its partition: rows, column schema, preview."""
    if not isinstance(event, dg.Output):
        return event
    node = manifest["nodes"][event.metadata["unique_id"].value]
    partition = table_partition(
        {
            "iceberg_time_column": node["config"].get("iceberg_time_column"),
            "iceberg_partition": {
                "start": vars.get("partition_start"),
                "end": vars.get("partition_end"),
                "timezone": TIMEZONE,
                "column": vars.get("partition_column"),
                "key": vars.get("partition_key"),
            },
        }
    )
    data = lakehouse.read_partition(node["alias"], partition)
    table_name = f"{lakehouse.CATALOG_NAME}.{lakehouse.NAMESPACE}.{node['alias']}"
    return event.with_metadata({**event.metadata, **table_metadata(table_name, data, True)})


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
        dagster_dbt_translator=Translator(),
        retry_policy=RETRY_POLICY,
        pool=WAREHOUSE_POOL,
    )
    def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
        """`dbt build`: runs the models for the partition and their tests."""
        vars = dbt_vars(context)
        invocation = dbt.cli(["build", "--vars", json.dumps(vars)], context=context)
        for event in invocation.stream():
            yield with_table_metadata(event, invocation.manifest, vars)

    return dbt_models


@dg.definitions
def definitions() -> dg.Definitions:
    return dg.Definitions(assets=[build_dbt_models()])
