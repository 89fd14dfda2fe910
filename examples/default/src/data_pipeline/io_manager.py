"""The IO manager: every asset is a table in the Iceberg catalog, a write replaces a partition.

A partition's rows are selected by its window as instants (table_partition.py), never as
wall-clock times, and replaced by the table store (lakehouse.py), whose docstring says
why Dagster's own IO managers for it are not used.

An asset's table is named after the last part of its key. Asset metadata, Dagster's names:
- `partition_expr`: the column of the partition dimension (`"ordered_at"`), or one per
  dimension of a multi-partitioned asset (`{"date": "ordered_at", "region": "region"}`);
- `partition_transform`: that time column's Iceberg transform (default lakehouse.TIME_TRANSFORM);
- `schema_update_mode`: `"error"` (default) fails a write whose columns changed; `"update"`
  adds new columns first.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import dagster as dg
import pyarrow as pa

from . import lakehouse
from .lib import frames
from .table_partition import TablePartition

PREVIEW_ROWS = 5


class TableIOManager(dg.ConfigurableIOManager):
    """Writes an asset's partition to its table and reads upstream partitions back."""

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # Creates the catalog and namespace before any step writes (see open_catalog()).
        lakehouse.open_catalog()

    def handle_output(self, context: dg.OutputContext, obj: frames.Frame | pa.Table | None) -> None:
        if obj is None:
            # An asset that returns nothing (a fresh `dg scaffold defs` stub, or one that writes
            # elsewhere itself) has no table to store.
            context.log.info(f"{context.asset_key.to_user_string()} returned None: nothing stored")
            return
        metadata = context.definition_metadata or {}
        partition = table_partition(context, metadata)
        partitioned = context.has_asset_partitions
        data = frames.to_arrow(obj)
        table_name = lakehouse.write_partition(
            context.asset_key.path[-1],
            data,
            partition,
            partition_by(partition, metadata),
            metadata.get("schema_update_mode", "error"),
        )
        context.add_output_metadata(table_metadata(table_name, data, partitioned, data.num_rows))

    def load_input(self, context: dg.InputContext) -> frames.Frame:
        upstream = context.upstream_output
        metadata = (upstream.definition_metadata if upstream else None) or {}
        data = lakehouse.read_partition(
            context.asset_key.path[-1], table_partition(context, metadata)
        )
        return frames.from_arrow(data)


def table_partition(
    context: dg.InputContext | dg.OutputContext, metadata: Mapping[str, Any]
) -> TablePartition:
    """The rows of the asset partition(s) that `context` reads or writes (see partition_rows)."""
    if not context.has_asset_partitions:
        return TablePartition()
    return partition_rows(
        context.asset_key.to_user_string(),
        context.asset_partitions_def,
        context.asset_partition_keys,
        metadata,
    )


def partition_rows(
    asset: str,
    definition: dg.PartitionsDefinition,
    partition_keys: Sequence[str],
    metadata: Mapping[str, Any],
) -> TablePartition:
    """The rows of `asset`'s table that hold `partition_keys` of `definition`: the keys' time
    window as instants in the column `metadata["partition_expr"]` names, and the value of each
    dimension without time in its column.

    Raises dg.Failure when the asset names no partition column, or when the keys span several
    values of a dimension without time (those run one key per run).
    """
    expression = metadata.get("partition_expr")
    if expression is None:
        raise dg.Failure(
            f"{asset} is partitioned: name its partition column in its metadata, "
            'e.g. metadata={"partition_expr": "ordered_at"}'
        )
    if isinstance(definition, dg.MultiPartitionsDefinition):
        dimensions = {d.name: d.partitions_def for d in definition.partitions_defs}
        columns = dict(expression)
    else:
        dimensions = {"": definition}
        columns = {"": expression}
    time_column, timezone, keys, windows = None, "UTC", {}, []
    for dimension, dimension_def in dimensions.items():
        values = {
            key.keys_by_dimension[dimension] if isinstance(key, dg.MultiPartitionKey) else key
            for key in partition_keys
        }
        if isinstance(dimension_def, dg.TimeWindowPartitionsDefinition):
            time_column, timezone = columns[dimension], dimension_def.timezone
            windows = [dimension_def.time_window_for_partition_key(value) for value in values]
        elif len(values) != 1:
            raise dg.Failure(
                f"{asset}: a run handles one key of {dimension or 'its partitions'} at a time, "
                f"got {sorted(values)}"
            )
        else:
            keys[columns[dimension]] = values.pop()
    if time_column is None:
        return TablePartition(keys=keys)
    start = min(window.start for window in windows)
    end = max(window.end for window in windows)
    return TablePartition(time_column, start, end, keys, timezone)


def partition_by(
    partition: TablePartition, metadata: Mapping[str, Any]
) -> Sequence[tuple[str, str]]:
    """The Iceberg partition spec of a new table: its time column, then each key column."""
    fields = []
    if partition.time_column:
        transform = metadata.get("partition_transform", lakehouse.TIME_TRANSFORM)
        fields.append((partition.time_column, transform))
    fields += [(column, "identity") for column in partition.keys]
    return fields


def table_metadata(table_name: str, data: pa.Table, partitioned: bool, rows: int) -> dict[str, Any]:
    """What the Dagster UI shows of a write: table name, row count (`rows`), column schema,
    preview (`data`'s first rows)."""
    schema = dg.TableSchema(
        columns=[dg.TableColumn(column.name, str(column.type)) for column in data.schema]
    )
    preview = [
        {name: str(value) for name, value in row.items()}
        for row in data.slice(0, PREVIEW_ROWS).to_pylist()
    ]
    row_count = "dagster/partition_row_count" if partitioned else "dagster/row_count"
    return {
        "dagster/table_name": table_name,
        row_count: dg.MetadataValue.int(rows),
        "dagster/column_schema": dg.MetadataValue.table_schema(schema),
        "preview": dg.MetadataValue.table(
            records=[dg.TableRecord(row) for row in preview], schema=schema
        ),
    }
