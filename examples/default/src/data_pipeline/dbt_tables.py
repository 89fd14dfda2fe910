"""What Dagster shows of the dbt models that dbt_iceberg.py stores in Iceberg.

DuckDB only runs dbt's SQL, in memory: a model's table is the Iceberg table of the catalog
(lakehouse.py), not the DuckDB relation dbt names. The translator gives each model that table's
name and kind; after a build, each model's output carries the rows, column schema and preview of
the part of the table the run wrote.
"""

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliInvocation, DbtProject

from . import lakehouse
from .io_manager import table_metadata
from .table_partition import TablePartition

WHOLE_TABLE = TablePartition()


class IcebergTranslator(DagsterDbtTranslator):
    """dbt's view of a model, with its Iceberg table as its table name and kind."""

    def get_asset_spec(
        self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest["nodes"].get(unique_id)
        if node is None or node["resource_type"] != "model":
            return spec
        return spec.replace_attributes(
            kinds={"dbt", "iceberg"},
            metadata={**spec.metadata, "dagster/table_name": table_name(node)},
        )


def with_table_metadata(
    invocation: DbtCliInvocation, partition: TablePartition = WHOLE_TABLE
) -> Iterator[Any]:
    """The events of a dbt build of `partition`, each model's output with what Iceberg holds of
    its rows of `partition`: row count, column schema, preview."""
    partitioned = partition != WHOLE_TABLE
    for event in invocation.stream():
        if not isinstance(event, dg.Output):
            yield event
            continue
        node = invocation.manifest["nodes"][event.metadata["unique_id"].value]
        data = lakehouse.read_partition(node["alias"], model_rows(partition, node))
        metadata = table_metadata(table_name(node), data, partitioned, data.num_rows)
        yield event.with_metadata({**event.metadata, **metadata})


def model_rows(partition: TablePartition, node: Mapping[str, Any]) -> TablePartition:
    """`partition`'s rows of a model: its window on the model's `iceberg_time_column` (none, the
    whole window), and its keys."""
    time_column = node["config"].get("iceberg_time_column")
    if partition.start is None or time_column is None:
        return TablePartition(keys=partition.keys)
    return replace(partition, time_column=time_column)


def table_name(node: Mapping[str, Any]) -> str:
    """A model's Iceberg table: `catalog.namespace.alias`."""
    return f"{lakehouse.CATALOG_NAME}.{lakehouse.NAMESPACE}.{node['alias']}"
