"""The medium tier's example beside a plain polars + PyIceberg script: wall time and peak memory.

One daily partition (UTC) of N synthetic orders goes through raw_orders -> cleaned_orders ->
daily_revenue, with the checks, into a fresh SQLite Iceberg catalog:

- medium: the generated project (data_volume=medium, compute_engine=polars or, with
  `--engines`, duckdb; no dbt), its three
  assets materialized in process with `dg.materialize` (lazy frames, streaming sinks, files
  added to Iceberg in place);
- plain: a script with the same generator, the same three transforms in eager polars and
  PyIceberg appends of the three tables (partitioned by day), no Dagster, no checks.

Each run is a fresh interpreter started by a fresh parent that reports its child's peak RSS
(`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`), so runs never share a peak:

    uv run python benchmarks/medium_tier.py --rows 1000000 10000000 30000000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from _harness import render, run_json

MEDIUM = """
import os, tempfile
import dagster as dg
from data_pipeline.defs.orders.assets import (
    RawOrdersConfig, cleaned_orders, daily_revenue, raw_orders
)
from data_pipeline.io_manager import TableIOManager
result = dg.materialize(
    [raw_orders, cleaned_orders, daily_revenue],
    resources={"io_manager": TableIOManager()},
    instance=dg.DagsterInstance.ephemeral(),
    run_config=dg.RunConfig({"raw_orders": RawOrdersConfig(rows_per_partition=ROWS)}),
    partition_key="2025-01-01",
)
assert result.success
assert all(check.passed for check in result.get_asset_check_evaluations())
"""

PLAIN = """
from datetime import UTC, datetime, timedelta
import polars as pl
from pyiceberg.catalog import load_catalog
from pyiceberg.transforms import DayTransform
from data_pipeline.lib import orders
start = datetime(2025, 1, 1, tzinfo=UTC)
catalog = load_catalog(
    "plain", type="sql", uri=os.environ["ICEBERG_CATALOG_URI"],
    warehouse=os.environ["ICEBERG_WAREHOUSE"],
)
catalog.create_namespace("plain")

def append(name, frame, column):
    data = frame.to_arrow()
    table = catalog.create_table(("plain", name), schema=data.schema)
    with table.update_spec() as spec:
        spec.add_field(column, DayTransform(), f"{column}_day")
    table.append(data)

end = start + timedelta(days=1)
raw = pl.from_arrow(orders.generate_orders(start, end, ROWS, orders.seed_for("2025-01-01")))
append("raw_orders", raw, "ordered_at")
cleaned = (
    raw.lazy()
    .filter(pl.col("customer_id").is_not_null() & (pl.col("quantity") > 0))
    .unique(subset="order_id", keep="any")
    .with_columns(revenue=(pl.col("quantity") * pl.col("unit_price")).round(2))
    .collect()
)
append("cleaned_orders", cleaned, "ordered_at")
summary = (
    cleaned.lazy()
    .with_columns(period_start=pl.col("ordered_at").dt.date())
    .group_by("period_start", "region")
    .agg(orders=pl.len(), units=pl.col("quantity").sum(), revenue=pl.col("revenue").sum().round(2))
    .with_columns(average_order_value=(pl.col("revenue") / pl.col("orders")).round(2))
    .sort("period_start", "region")
    .collect()
)
append("daily_revenue", summary, "period_start")
"""

# A fresh parent per run: it starts the workload as its only child and reports that child's
# wall time and peak RSS.
PARENT = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run([sys.executable, "-c", sys.argv[1]], capture_output=True, text=True)
wall = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr[-3000:])
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": wall, "peak_gb": peak_kib * 1024 / 1e9}))
"""


def measure(workload: str, rows: int, project: Path) -> dict:
    """Runs `workload` over `rows` rows against a fresh catalog; wall seconds and peak GB."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "PYTHONPATH": str(project / "src"),
            "ICEBERG_CATALOG_URI": f"sqlite:///{scratch}/catalog.db",
            "ICEBERG_WAREHOUSE": Path(scratch, "warehouse").as_uri(),
            "DAGSTER_HOME": scratch,
        }
        code = f"import os\nROWS = {rows}\n{workload}"
        return run_json(f"import sys; sys.argv[1:] = [{code!r}]\n{PARENT}", env, cwd=project)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", nargs="+", default=["polars"], choices=["polars", "duckdb"])
    parser.add_argument(
        "--no-plain", action="store_true", help="skip the plain script (it holds every row)"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        projects = {
            engine: render(
                Path(folder) / engine,
                {"data_volume": "medium", "compute_engine": engine, "use_dbt": False},
            )
            for engine in arguments.engines
        }
        print(f"{'rows':>12} {'engine':>7}  {'medium s':>9} {'plain s':>8} {'ratio':>6}", end="")
        print(f"  {'medium GB':>9} {'plain GB':>8}")
        for rows in arguments.rows:
            plain = {"seconds": float("nan"), "peak_gb": float("nan")}
            if not arguments.no_plain:
                plain = measure(PLAIN, rows, next(iter(projects.values())))
            for engine, project in projects.items():
                medium = measure(MEDIUM, rows, project)
                print(
                    f"{rows:>12,} {engine:>7}  {medium['seconds']:>9.1f} {plain['seconds']:>8.1f}"
                    f" {medium['seconds'] / plain['seconds']:>6.2f}"
                    f"  {medium['peak_gb']:>9.2f} {plain['peak_gb']:>8.2f}",
                    flush=True,
                )
    sys.exit(0)


if __name__ == "__main__":
    main()
