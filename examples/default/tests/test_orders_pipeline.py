"""The orders pipeline materialized in process for real partitions on a throwaway catalog.

The partitions include every one of the first year where wall-clock and absolute time disagree
(tests/calendar_keys.py): each must hold exactly its own rows.
"""

import dagster as dg
import pyarrow.compute as pc

from data_pipeline import lakehouse
from data_pipeline.defs.orders.assets import RawOrdersConfig
from data_pipeline.defs.partitions import PARTITIONS
from data_pipeline.lib import orders
from data_pipeline.table_partition import TablePartition

from calendar_keys import IRREGULAR, partition_of

ROWS = 2_000
FIRST, SECOND = PARTITIONS.get_partition_keys()[:2]
# The first two partitions, in one run, and every irregular one (tests/calendar_keys.py).
PARTITION_KEYS = list(dict.fromkeys([FIRST, SECOND, *IRREGULAR]))


def expected_clean_rows(rows: int) -> int:
    """Counts the rows cleaning must keep, straight from the dirty-data rules."""
    return sum(
        1
        for position in range(rows)
        if position % orders.DUPLICATE_EVERY != orders.DUPLICATE_EVERY - 1
        and position % orders.MISSING_CUSTOMER_EVERY != orders.MISSING_CUSTOMER_OFFSET
        and position % orders.ZERO_QUANTITY_EVERY != orders.ZERO_QUANTITY_OFFSET
    )


def total_orders() -> int:
    summary = lakehouse.read_partition("daily_revenue", TablePartition())
    return pc.sum(summary["orders"]).as_py() or 0


def materialize(
    pipeline: list[dg.AssetsDefinition],
    resources: dict[str, object],
    instance: dg.DagsterInstance,
    partition_key: str | None,
    rows: int = ROWS,
    tags: dict[str, str] | None = None,
) -> dg.ExecuteInProcessResult:
    result = dg.materialize(
        pipeline,
        resources=resources,
        instance=instance,
        run_config=dg.RunConfig({"raw_orders": RawOrdersConfig(rows_per_partition=rows)}),
        partition_key=partition_key,
        tags=tags,
    )
    assert result.success
    return result


def materialize_range(
    pipeline: list[dg.AssetsDefinition],
    resources: dict[str, object],
    instance: dg.DagsterInstance,
    first: str,
    last: str,
) -> dg.ExecuteInProcessResult:
    """One run over the partitions from `first` to `last`, as a backfill batches them
    (BACKFILL_POLICY) or the UI launches a range."""
    range_tags = {
        "dagster/asset_partition_range_start": first,
        "dagster/asset_partition_range_end": last,
    }
    return materialize(pipeline, resources, instance, None, tags=range_tags)


def count(table: str) -> int:
    return lakehouse.read_partition(table, TablePartition()).num_rows


def test_every_partition_materializes_with_passing_checks_and_reruns_in_place(
    pipeline: list[dg.AssetsDefinition], resources: dict[str, object], instance: dg.DagsterInstance
) -> None:
    # Every check of the assets (their own and the dbt tests) runs, in every run.
    checks = {key for assets in pipeline for key in assets.check_keys}
    # The first two in one run over their range: each must still hold exactly its own rows
    # (below). Every other partition in a run of its own.
    results = [materialize_range(pipeline, resources, instance, FIRST, SECOND)]
    results += [materialize(pipeline, resources, instance, key) for key in PARTITION_KEYS[2:]]
    for result in results:
        evaluations = result.get_asset_check_evaluations()
        assert {evaluation.asset_check_key for evaluation in evaluations} == checks
        assert len(evaluations) == len(checks)
        assert all(evaluation.passed for evaluation in evaluations)
    others = len(PARTITION_KEYS) - 1
    assert count("raw_orders") == (others + 1) * ROWS
    assert total_orders() == (others + 1) * expected_clean_rows(ROWS)
    # Every partition holds exactly its own rows, whatever its length in hours.
    for partition_key in PARTITION_KEYS:
        orders_in = partition_of("ordered_at", partition_key)
        assert lakehouse.read_partition("raw_orders", orders_in).num_rows == ROWS
        cleaned = lakehouse.read_partition("stg_orders", orders_in).num_rows
        periods = partition_of("period_start", partition_key)
        summary = lakehouse.read_partition("daily_revenue", periods)
        assert pc.sum(summary["orders"]).as_py() == cleaned == expected_clean_rows(ROWS)
    # A re-run with fewer source rows replaces its own partition whole (none of its old rows
    # are left) and leaves the others alone.
    materialize(pipeline, resources, instance, PARTITION_KEYS[0], rows=ROWS // 2)
    assert count("raw_orders") == others * ROWS + ROWS // 2
    kept = others * expected_clean_rows(ROWS) + expected_clean_rows(ROWS // 2)
    assert count("stg_orders") == kept
    assert total_orders() == kept
