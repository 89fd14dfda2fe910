"""The large tier's Spark path beside polars: one partition of raw orders into Iceberg.

- spark: the generated large project (compute_engine=pyspark, Spark local mode), raw_orders
  materialized in process: its Spark job runs through Dagster Pipes in a process of its own
  (JVM start included), writes Parquet, and the asset commits the files to Iceberg;
- polars: the same example rendered with compute_engine=polars (small tier, no dbt), raw_orders
  generated in memory and written to Iceberg by the project's IO manager.

Each run is a fresh interpreter with its own SQLite catalog; wall time of the materialization:

    uv run python benchmarks/spark_vs_polars.py --rows 1000000 10000000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from _harness import render, run_json

BIN = Path(sys.executable).parent

MATERIALIZE = """
import json, time
import dagster as dg
from data_pipeline.defs.orders.assets import RawOrdersConfig, raw_orders
from data_pipeline.io_manager import TableIOManager
resources = {"io_manager": TableIOManager()}
if SPARK:
    from data_pipeline.defs.spark import SparkJobs
    resources["spark"] = SparkJobs()
started = time.perf_counter()
result = dg.materialize(
    [raw_orders],
    resources=resources,
    instance=dg.DagsterInstance.ephemeral(),
    run_config=dg.RunConfig({"raw_orders": RawOrdersConfig(rows_per_partition=ROWS)}),
    partition_key="2025-01-01",
)
seconds = time.perf_counter() - started
assert result.success
print(json.dumps({"seconds": seconds}))
"""

ENGINES = {
    "spark": {"data_volume": "large"},
    "polars": {"compute_engine": "polars", "use_dbt": False},
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    args = parser.parse_args()
    figures: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {name: render(Path(tmp) / name, answers) for name, answers in ENGINES.items()}
        for rows in args.rows:
            for name, project in projects.items():
                store = Path(tmp) / f"{name}-{rows}"
                env = {
                    **os.environ,
                    "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
                    "PYTHONPATH": str(project / "src"),
                    "ICEBERG_CATALOG_URI": f"sqlite:///{store}.db",
                    "ICEBERG_WAREHOUSE": store.as_uri(),
                }
                env.pop("VIRTUAL_ENV", None)
                code = MATERIALIZE.replace("SPARK", str(name == "spark")).replace("ROWS", str(rows))
                figures.setdefault(rows, {})[name] = run_json(code, env, cwd=project)["seconds"]
    print("raw_orders, one partition into Iceberg (seconds, fresh interpreter each):")
    print(f"{'rows':>12}  {'spark local':>12}  {'polars':>8}")
    for rows, seconds in figures.items():
        print(f"{rows:>12,}  {seconds['spark']:>12.1f}  {seconds['polars']:>8.1f}")


if __name__ == "__main__":
    main()
