"""`dg check defs` on a generated project beside a bare `create-dagster project`, same venv.

The dev loop's floor: every `dg` command loads the definitions. Both projects run from this
repo's venv (bytecode compiled: `uv sync --compile-bytecode`), each command in a fresh process;
the generated project's dbt manifest is current, as after the post-copy task, so the command
measures loading, not parsing. Prints the median and min wall time of N runs of each, in turns,
and their ratio (the goal: at most 1.3x).

    uv run python benchmarks/check_defs.py [--runs 5] [--data key=value ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _harness import render

BIN = Path(sys.executable).parent


def seconds(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", action="append", default=[], help="extra answers key=value")
    args = parser.parse_args()
    answers = dict(item.split("=", 1) for item in args.data)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    with tempfile.TemporaryDirectory() as tmp:
        generated = render(Path(tmp) / "generated", answers)
        subprocess.run([BIN / "create-dagster", "project", "--no-uv-sync", "bare"], cwd=tmp,
                       check=True, capture_output=True)  # fmt: skip
        bare = Path(tmp) / "bare"
        projects = {
            "generated project": (generated, {**env, "PYTHONPATH": str(generated / "src")}),
            "bare create-dagster project": (bare, {**env, "PYTHONPATH": str(bare / "src")}),
        }
        if (generated / "dbt_project").is_dir():
            dbt_dir = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
            subprocess.run([BIN / "dbt", "parse", "--quiet", *dbt_dir], cwd=generated,
                           env=projects["generated project"][1], check=True)  # fmt: skip
        samples: dict[str, list[float]] = {name: [] for name in projects}
        check = [str(BIN / "dg"), "check", "defs"]
        for _ in range(args.runs):
            for name, (project, project_env) in projects.items():
                samples[name].append(seconds(check, project, project_env))
    for name, values in samples.items():
        print(f"{name:<30} median {statistics.median(values):6.2f} s   min {min(values):6.2f} s")
    ratio = statistics.median(samples["generated project"]) / statistics.median(
        samples["bare create-dagster project"]
    )
    print(f"{'ratio (medians)':<30} {ratio:6.2f}x")


if __name__ == "__main__":
    main()
