"""Orders ingestion: raw_orders, which the dbt models (dbt_project/) clean and summarize.

The asset only wires the pure functions of `lib.orders`; the IO manager stores the table
in Iceberg and replaces exactly the partition being materialized. Its check
runs inside the materialization and blocks dbt when the table is empty.
"""

from collections.abc import Iterator

import dagster as dg
import pyarrow as pa

from ...lib import frames, orders
from ..execution import table_asset
from ..partitions import PARTITIONS

GROUP = "orders"
# The columns that select a partition's rows of each table (Dagster's metadata key).
ORDERS_PARTITION = {"partition_expr": "ordered_at"}


class RawOrdersConfig(dg.Config):
    rows_per_partition: int = 10000


def source_slices(
    context: dg.AssetExecutionContext, config: RawOrdersConfig
) -> list[orders.SourceSlice]:
    """The source rows of the run's partition keys: one slice per key."""
    # A slice per key, as in single runs: a run over a range writes the same rows.
    return [
        orders.SourceSlice(key, *PARTITIONS.time_window_for_partition_key(key))
        for key in context.partition_keys
    ]


@table_asset(
    group_name=GROUP,
    metadata=ORDERS_PARTITION,
    check_specs=[dg.AssetCheckSpec("not_empty", asset="raw_orders", blocking=True)],
)
def raw_orders(
    context: dg.AssetExecutionContext, config: RawOrdersConfig
) -> Iterator[dg.Output[pa.Table] | dg.AssetCheckResult]:
    """Orders as the source exports them: repeated rows and invalid values included."""
    sources = source_slices(context, config)
    # Generated batch by batch into one table; the count is taken on the way.
    rows = 0

    def batches() -> Iterator[pa.RecordBatch]:
        nonlocal rows
        for batch in orders.source_batches(sources, config.rows_per_partition):
            rows += batch.num_rows
            yield batch

    yield dg.Output(frames.from_batches(orders.source_schema(sources), batches))
    yield dg.AssetCheckResult(check_name="not_empty", passed=rows > 0, metadata={"rows": rows})
