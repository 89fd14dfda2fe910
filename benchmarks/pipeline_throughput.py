"""Rows per second and peak memory of the example's pure functions, per compute engine.

Each engine's generated `lib/orders.py` runs in a fresh interpreter over one partition of N rows
(the same code the assets run with `rows_per_partition=N`):

    uv run python benchmarks/pipeline_throughput.py --rows 1000000 10000000
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from _harness import render, run_json

WORKLOAD = {
    "pandas": """
raw = orders.generate_orders(START, END, rows=ROWS, seed=1)
mark("generate")
cleaned = orders.clean_orders(raw)
mark("clean")
summary = orders.summarize_orders(cleaned)
mark("summarize")
kept = len(cleaned)
""",
    "polars": """
raw = orders.generate_orders(START, END, rows=ROWS, seed=1)
mark("generate")
cleaned = orders.clean_orders(raw.lazy()).collect(engine="streaming")
mark("clean")
summary = orders.summarize_orders(cleaned.lazy()).collect(engine="streaming")
mark("summarize")
kept = cleaned.height
""",
    "duckdb": """
import duckdb
connection = duckdb.connect()
raw = orders.generate_orders(connection, START, END, rows=ROWS, seed=1)
raw.to_table("raw")
mark("generate")
cleaned = orders.clean_orders(connection.table("raw"))
cleaned.to_table("cleaned")
mark("clean")
summary = orders.summarize_orders(connection.table("cleaned")).fetchall()
mark("summarize")
kept = connection.table("cleaned").count("*").fetchone()[0]
""",
}

HARNESS = """
import json, resource, time
from datetime import datetime, timedelta
from data_pipeline.lib import orders
START = datetime(2025, 1, 1)
END = START + timedelta(days=1)
ROWS = {rows}
timings = {{}}
last = time.perf_counter()
def mark(step):
    global last
    now = time.perf_counter()
    timings[step] = now - last
    last = now
{workload}
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"timings": timings, "kept": kept, "peak_mb": peak_mb}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--engines", nargs="+", default=list(WORKLOAD))
    args = parser.parse_args()
    print(
        f"{'engine':<8} {'rows':>11} {'generate':>9} {'clean':>8} {'summary':>8} "
        f"{'rows/s':>12} {'peak MB':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for engine in args.engines:
            project = render(
                Path(tmp) / engine,
                {"compute_engine": engine, "use_dbt": False, "partitioning": "none"},
            )
            env = {**os.environ, "PYTHONPATH": str(project / "src")}
            for rows in args.rows:
                code = HARNESS.format(rows=rows, workload=WORKLOAD[engine])
                result = run_json(code, env)
                t = result["timings"]
                total = sum(t.values())
                print(
                    f"{engine:<8} {rows:>11,} {t['generate']:>8.2f}s {t['clean']:>7.2f}s "
                    f"{t['summarize']:>7.2f}s {rows / total:>12,.0f} {result['peak_mb']:>8.0f}"
                )


if __name__ == "__main__":
    main()
