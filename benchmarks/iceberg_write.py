"""Rows per second written to Iceberg for one partition, beside a plain Parquet write.

Renders the default project (pandas, daily, Iceberg on the SQLite catalog), generates one
partition of N rows with its `lib/orders.py`, and times in fresh interpreters:

- `parquet`: `pyarrow.parquet.write_table` of the same Arrow table (the floor);
- `iceberg`: what the IO manager does per partition, an overwrite of that day's rows in a
  day-partitioned table (first write, then a re-write that replaces the partition);
- `dagster`: `raw_orders` materialized in process through the project's Iceberg IO manager.

    uv run python benchmarks/iceberg_write.py --rows 1000000
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from _harness import render, run_json

HARNESS = """
import json, resource, time
from datetime import datetime, timedelta
import pyarrow as pa
import pyarrow.parquet as pq
from data_pipeline.lib import orders
START = datetime(2025, 1, 1)
ROWS = {rows}
frame = orders.generate_orders(START, START + timedelta(days=1), rows=ROWS, seed=1)
table = pa.Table.from_pandas(frame, preserve_index=False)
mode = "{mode}"
started = time.perf_counter()
if mode == "parquet":
    pq.write_table(table, "{tmp}/orders.parquet")
    timings = {{"write": time.perf_counter() - started}}
elif mode == "iceberg":
    from pyiceberg.expressions import And, GreaterThanOrEqual, LessThan
    from pyiceberg.transforms import DayTransform
    from data_pipeline.lakehouse import NAMESPACE, open_catalog
    catalog = open_catalog()
    iceberg = catalog.create_table((NAMESPACE, "bench_orders"), schema=table.schema)
    with iceberg.update_spec() as spec:
        spec.add_field("ordered_at", DayTransform(), "ordered_at_day")
    day = And(GreaterThanOrEqual("ordered_at", "2025-01-01T00:00:00"),
              LessThan("ordered_at", "2025-01-02T00:00:00"))
    started = time.perf_counter()
    iceberg.overwrite(table, overwrite_filter=day)
    first = time.perf_counter() - started
    started = time.perf_counter()
    iceberg.overwrite(table, overwrite_filter=day)
    timings = {{"write": first, "rewrite": time.perf_counter() - started}}
    assert iceberg.scan().count() == ROWS
else:
    import dagster as dg
    from data_pipeline.defs.orders.assets import RawOrdersConfig, raw_orders
    from data_pipeline.defs.resources import lakehouse_io_manager
    started = time.perf_counter()
    result = dg.materialize(
        [raw_orders],
        resources={{"io_manager": lakehouse_io_manager()}},
        partition_key="2025-01-01",
        run_config=dg.RunConfig({{"raw_orders": RawOrdersConfig(rows_per_partition=ROWS)}}),
    )
    assert result.success
    timings = {{"write": time.perf_counter() - started}}
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"timings": timings, "peak_mb": peak_mb}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    args = parser.parse_args()
    print(f"{'mode':<8} {'rows':>11} {'seconds':>8} {'rows/s':>12} {'peak MB':>8}  note")
    with tempfile.TemporaryDirectory() as tmp:
        project = render(Path(tmp) / "project", {"use_dbt": False})
        for rows in args.rows:
            for mode in ("parquet", "iceberg", "dagster"):
                run_dir = Path(tmp) / f"{mode}-{rows}"
                run_dir.mkdir()
                env = {
                    **os.environ,
                    "PYTHONPATH": str(project / "src"),
                    "ICEBERG_CATALOG_URI": f"sqlite:///{run_dir / 'catalog.db'}",
                    "ICEBERG_WAREHOUSE": (run_dir / "warehouse").as_uri(),
                }
                code = HARNESS.format(rows=rows, mode=mode, tmp=run_dir)
                result = run_json(code, env)
                for step, seconds in result["timings"].items():
                    note = {"write": "first write", "rewrite": "re-write of the partition"}[step]
                    if mode == "dagster":
                        note = "dg.materialize(raw_orders): generation + write + events"
                    print(
                        f"{mode:<8} {rows:>11,} {seconds:>7.2f}s {rows / seconds:>12,.0f} "
                        f"{result['peak_mb']:>8.0f}  {note}"
                    )


if __name__ == "__main__":
    main()
