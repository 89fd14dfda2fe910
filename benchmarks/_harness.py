"""What the benchmarks share: render a project, and time code in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import copier

ROOT = Path(__file__).resolve().parents[1]


def render(destination: Path, answers: dict[str, object] | None = None) -> Path:
    """The template rendered with `answers` (defaults otherwise), no post-copy task."""
    copier.run_copy(
        str(ROOT),
        destination,
        data={"run_uv_sync": False, **(answers or {})},
        defaults=True,
        unsafe=True,
        skip_tasks=True,
        quiet=True,
    )
    return destination


def run_json(code: str, env: dict[str, str], cwd: Path | None = None) -> dict:
    """Runs `code` in a fresh interpreter and returns the JSON object it printed last."""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def parsed_dbt_project(project: Path, store: Path) -> dict[str, str]:
    """The environment for running `project` from this venv on a throwaway catalog under
    `store`, with its dbt manifest parsed first (so runs measure running, not parsing)."""
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(project / "src"),
        "ICEBERG_CATALOG_URI": f"sqlite:///{store / 'catalog.db'}",
        "ICEBERG_WAREHOUSE": (store / "warehouse").as_uri(),
    }
    env.pop("VIRTUAL_ENV", None)
    dbt_dir = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
    subprocess.run(
        [bin_dir / "dbt", "parse", "--quiet", *dbt_dir], cwd=project, env=env, check=True
    )
    return env
