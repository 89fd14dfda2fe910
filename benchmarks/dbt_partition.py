"""Cold load time of a dbt project's definitions and the time of one partition's dbt run.

Renders the default project (pandas, daily, dbt on DuckDB), parses it once, then in fresh
interpreters times loading the definitions and materializing raw_orders + the dbt models for one
partition, reporting the dbt step on its own:

    uv run python benchmarks/dbt_partition.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _harness import parsed_dbt_project, render, run_json

MATERIALIZE = """
import json, time, dagster as dg
from data_pipeline.defs.dbt_models import build_dbt_models
from data_pipeline.defs.orders.assets import raw_orders
from data_pipeline.defs.resources import resources
with dg.instance_for_test() as instance:
    started = time.perf_counter()
    result = dg.materialize(
        [raw_orders, build_dbt_models()], resources=resources().resources, instance=instance,
        partition_key="2025-01-01",
    )
    total = time.perf_counter() - started
    assert result.success
    steps = {}
    for entry in instance.all_logs(result.run_id):
        event = entry.dagster_event
        if event and event.event_type_value in ("STEP_START", "STEP_SUCCESS"):
            steps.setdefault(event.step_key, []).append(entry.timestamp)
    dbt_step = next(v for k, v in steps.items() if "dbt" in k)
    print(json.dumps({"total": total, "dbt": dbt_step[-1] - dbt_step[0]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = render(Path(tmp) / "project")
        env = parsed_dbt_project(project, Path(tmp))
        code = "from data_pipeline.definitions import defs; defs()"
        loads = []
        for _ in range(args.runs + 1):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=project, env=env, check=True)
            loads.append(time.perf_counter() - started)
        print(f"definitions load (dbt project)  median {statistics.median(loads[1:]):6.2f} s")
        runs = []
        for _ in range(args.runs):
            runs.append(run_json(MATERIALIZE, env, cwd=project))
        print(
            f"one partition, raw + dbt build  median "
            f"{statistics.median(r['total'] for r in runs):6.2f} s"
        )
        print(
            f"  of which the dbt step         median "
            f"{statistics.median(r['dbt'] for r in runs):6.2f} s"
        )


if __name__ == "__main__":
    main()
