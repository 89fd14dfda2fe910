"""examples/default is the rendered sample of the default answers, byte for byte."""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import TEMPLATE_ROOT
from render import render

SAMPLE = TEMPLATE_ROOT / "examples" / "default"


def differences(left: Path, right: Path) -> list[str]:
    """Files only on one side or with different bytes, relative to the two roots."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"{prefix}{name} (only in the sample)" for name in comparison.left_only)
        found.extend(f"{prefix}{name} (only in a fresh render)" for name in comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(f"{prefix}{name}" for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return found


def test_the_sample_is_a_fresh_render_of_the_defaults(tmp_path: Path) -> None:
    fresh = render("defaults", tmp_path / "default")
    changed = differences(SAMPLE, fresh)
    assert not changed, (
        "examples/default differs from a fresh render; re-render it with\n"
        "  uv run python tests/render.py defaults examples/default --force\n" + "\n".join(changed)
    )
