"""Wall and CPU time of a full-feature `copier copy` beside Copier's own floor.

The floor is a one-question Copier template (one question, one rendered file), copied the same
way in the same run: whatever this template costs beyond it is its interview, its validators, its
computed values and its files. Each copy runs the `copier` CLI of this venv as a user would
(`copier copy --trust --defaults --skip-tasks`, from a git repository), interleaved with the
floor; CPU time is user + system of the copier process and everything it started.

    uv run python benchmarks/copy_time.py [--runs 5] [--template PATH]

`--template` times another checkout of this template (a git repository, e.g. an older commit
extracted with `git archive` and committed) beside the same floor.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIER = Path(sys.executable).parent / "copier"
# Every feature that adds files or computed values: dbt, Iceberg, the sensor, alerts, Kubernetes,
# GitHub CI and a multi-partition.
FULL_FEATURE = {
    "use_dbt": "true",
    "use_iceberg": "true",
    "use_sensor": "true",
    "alerting": "slack",
    "deployment": "kubernetes",
    "ci_provider": "github",
    "partitioning": "daily_static",
    "run_uv_sync": "false",
}


def floor_template(folder: Path) -> Path:
    """A git repository holding a one-question Copier template."""
    folder.mkdir()
    (folder / "copier.yml").write_text("project_name:\n  type: str\n  default: Data Pipeline\n")
    (folder / "README.md.jinja").write_text("# {{ project_name }}\n")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run([*git, "init", "--quiet"], cwd=folder, check=True)
    subprocess.run([*git, "add", "."], cwd=folder, check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "floor"], cwd=folder, check=True)
    return folder


def timed_copy(template: Path, destination: Path, answers: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `copier copy` in a fresh process."""
    data = [arg for key, value in answers.items() for arg in ("--data", f"{key}={value}")]
    command = [str(COPIER), "copy", "--trust", "--defaults", "--skip-tasks", "--quiet", *data]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*command, str(template), str(destination)], capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        sys.exit(f"copier copy of {template} failed:\n{done.stderr[-3000:]}")
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--template", type=Path, default=ROOT, help="template repository")
    args = parser.parse_args()
    settings = Path(tempfile.mkdtemp()) / "copier-settings.yml"
    settings.write_text("{}\n")
    os.environ["COPIER_SETTINGS_PATH"] = str(settings)
    os.environ["UV_PYTHON_DOWNLOADS"] = "never"
    samples: dict[str, list[tuple[float, float]]] = {"full-feature": [], "floor": []}
    with tempfile.TemporaryDirectory() as tmp:
        floor = floor_template(Path(tmp) / "floor-template")
        for run in range(args.runs + 1):  # the first round warms the caches and is dropped
            full = timed_copy(args.template, Path(tmp) / f"full-{run}", FULL_FEATURE)
            bare = timed_copy(floor, Path(tmp) / f"floor-{run}", {})
            if run:
                samples["full-feature"].append(full)
                samples["floor"].append(bare)
    print(f"{args.runs} runs each, interleaved (mean)      wall s    CPU s")
    means = {}
    for name, label in (
        ("full-feature", "copier-dagster, full-feature copy"),
        ("floor", "one-question template (floor)"),
    ):
        wall = statistics.mean(w for w, _ in samples[name])
        cpu = statistics.mean(c for _, c in samples[name])
        means[name] = (wall, cpu)
        print(f"{label:<40} {wall:7.2f}  {cpu:7.2f}")
    (full_wall, full_cpu), (floor_wall, floor_cpu) = means["full-feature"], means["floor"]
    ratio = f"{full_wall / floor_wall:7.2f}x {full_cpu / floor_cpu:7.2f}x"
    print(f"{'ratio full-feature / floor':<40} {ratio}")


if __name__ == "__main__":
    main()
