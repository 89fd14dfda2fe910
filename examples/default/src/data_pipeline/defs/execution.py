"""How runs execute, tuned for a small data volume.

Small data fits in memory, so every run executes in one process: no per-step process start-up
(each step process re-imports the code location).

Every asset that writes joins the `warehouse` concurrency pool, whose limit (README.md,
"Concurrency") bounds the parallel commits to the Iceberg catalog.
"""

import functools
from datetime import timedelta
from typing import Any

import dagster as dg

from .partitions import PARTITIONS

WAREHOUSE_POOL = "warehouse"

RETRY_POLICY = dg.RetryPolicy(
    max_retries=2,
    delay=5,
    backoff=dg.Backoff.EXPONENTIAL,
    jitter=dg.Jitter.PLUS_MINUS,
)

# A table not updated within this window is stale: the UI flags it and freshness checks fail.
FRESHNESS_POLICY = dg.FreshnessPolicy.time_window(
    fail_window=timedelta(hours=26), warn_window=timedelta(hours=19)
)

# A backfill launches one run per 31 day partitions; runs go in parallel up to the
# pool's limit, and dbt builds a run's range in one invocation.
BACKFILL_POLICY = dg.BackfillPolicy.multi_run(max_partitions_per_run=31)

# What every asset of the project shares, dbt models included: partitions, backfills, retries
# and the writers' pool.
ASSET_SETTINGS: dict[str, Any] = {
    "partitions_def": PARTITIONS,
    "backfill_policy": BACKFILL_POLICY,
    "retry_policy": RETRY_POLICY,
    "pool": WAREHOUSE_POOL,
}

# `@dg.asset` with ASSET_SETTINGS and the table assets' kinds and freshness. An asset adds its own
# group, metadata, checks and automation: `@table_asset(group_name=..., check_specs=[...])`.
table_asset = functools.partial(
    dg.asset, **ASSET_SETTINGS, kinds={"pandas", "iceberg"}, freshness_policy=FRESHNESS_POLICY
)


@dg.definitions
def execution() -> dg.Definitions:
    return dg.Definitions(executor=dg.in_process_executor)
