"""One partition's dbt step with dagster-dbt's DbtCliResource beside the generated DbtCli.

DbtCliResource.cli() runs `dbt --version` in a subprocess and loads a dbt adapter with every
macro of the project before each dbt command; DbtCli (the generated dbt_project.py) skips both.
Renders the default project (dbt on Iceberg), parses it once, then in one fresh interpreter
materializes raw_orders and the dbt models for N partitions with each resource, in turns, on a
throwaway catalog. Prints the median and min wall time of the whole run per resource:

    uv run python benchmarks/dbt_step.py [--runs 3]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _harness import parsed_dbt_project, render, run_json

MATERIALIZE = """
import json, statistics, time
import dagster as dg
from dagster_dbt import DbtCliResource
from data_pipeline.dbt_project import DbtCli, dbt_project
from data_pipeline.defs.dbt_models import build_dbt_models
from data_pipeline.defs.orders.assets import raw_orders
from data_pipeline.defs.partitions import PARTITIONS
from data_pipeline.io_manager import TableIOManager

keys = PARTITIONS.get_partition_keys()[:RUNS]
seconds = {"DbtCliResource (dagster-dbt)": [], "DbtCli (generated)": []}
resources = {"DbtCliResource (dagster-dbt)": DbtCliResource, "DbtCli (generated)": DbtCli}
with dg.instance_for_test() as instance:
    for key in keys:
        for name, resource in resources.items():
            dbt = resource(project_dir=dbt_project())
            started = time.perf_counter()
            result = dg.materialize(
                [raw_orders, build_dbt_models()],
                resources={"io_manager": TableIOManager(), "dbt": dbt},
                instance=instance,
                partition_key=key,
            )
            assert result.success
            seconds[name].append(time.perf_counter() - started)
print(json.dumps({name: [statistics.median(v), min(v)] for name, v in seconds.items()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = render(Path(tmp) / "project")
        env = parsed_dbt_project(project, Path(tmp))
        figures = run_json(MATERIALIZE.replace("RUNS", str(args.runs)), env, cwd=project)
    print(f"raw_orders + dbt models, one partition, {args.runs} runs each (median, min seconds):")
    for name, (median, least) in figures.items():
        print(f"  {name:30} {median:6.2f}  {least:6.2f}")
    plain, ours = (figures[name][0] for name in figures)
    print(f"  saved per dbt step: {plain - ours:.2f} s ({ours / plain:.2f}x)")


if __name__ == "__main__":
    main()
