"""Cold load time of a generated project's definitions beside a bare `create-dagster project`.

Both load in this repo's venv, each in a fresh interpreter, so the difference is the code the
template generates. Prints the median and min of N runs.

    uv run python benchmarks/load_time.py [--runs 5] [--data key=value ...]
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

import copier

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def load_seconds(project: Path, package: str) -> float:
    code = f"from {package}.definitions import defs; defs()"
    env = {
        **os.environ,
        "PYTHONPATH": str(project / "src"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",  # DbtCliResource looks for dbt
    }
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=project, env=env, check=True)
    return time.perf_counter() - start


def report(label: str, samples: list[float]) -> None:
    print(f"{label:<40} median {statistics.median(samples):6.2f} s   min {min(samples):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", action="append", default=[], help="extra answers key=value")
    args = parser.parse_args()
    answers = dict(item.split("=", 1) for item in args.data)
    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp) / "generated"
        copier.run_copy(
            str(ROOT),
            generated,
            data=answers,
            defaults=True,
            unsafe=True,
            skip_tasks=True,
            quiet=True,
        )
        if (generated / "dbt_project").is_dir():  # the manifest the definitions load
            dbt_dir = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
            subprocess.run(
                [str(BIN / "dbt"), "parse", "--quiet", *dbt_dir],
                cwd=generated,
                env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
                check=True,
            )
        bare = Path(tmp) / "bare_project"
        subprocess.run(
            [str(BIN / "create-dagster"), "project", "--no-uv-sync", str(bare)],
            check=True,
            capture_output=True,
        )
        load_seconds(generated, "data_pipeline")  # warm the file-system cache and .pyc files
        load_seconds(bare, "bare_project")
        report(
            "create-dagster project (empty defs)",
            [load_seconds(bare, "bare_project") for _ in range(args.runs)],
        )
        report(
            f"copier-dagster {answers or 'defaults'}",
            [load_seconds(generated, "data_pipeline") for _ in range(args.runs)],
        )


if __name__ == "__main__":
    main()
