"""What the benchmarks share: render a project, and time code in a fresh interpreter."""

from __future__ import annotations

import json
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
