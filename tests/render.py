"""Render a named scenario for reading: `uv run python tests/render.py NAME DEST`.

The scenarios are those of tests/scenarios.py. The post-copy task (uv sync, dbt parse, git init)
is skipped, so DEST holds exactly the files Copier renders. `--force` replaces an existing DEST.
`examples/default` is the rendered sample of the default answers; tests/test_examples.py keeps it
byte-identical to a fresh render, so every template change shows its effect on a real project in
review: re-render it with `uv run python tests/render.py defaults examples/default --force`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import copier

sys.path.insert(0, str(Path(__file__).parent))
from scenarios import BY_NAME  # noqa: E402

TEMPLATE_ROOT = Path(__file__).resolve().parents[1]
# Lines of the answers file that name the template's source and commit, not the project.
PROVENANCE = ("_commit:", "_src_path:")


def render(name: str, destination: Path) -> Path:
    """Renders scenario `name` into `destination` without running the post-copy task."""
    scenario = BY_NAME[name]
    copier.run_copy(
        str(TEMPLATE_ROOT),
        destination,
        data={**scenario.answers, "run_uv_sync": False},
        defaults=True,
        unsafe=True,
        skip_tasks=True,
        quiet=True,
        vcs_ref=None,
    )
    answers = destination / ".copier-answers.yml"
    kept = [line for line in answers.read_text().splitlines(keepends=True)]
    answers.write_text("".join(line for line in kept if not line.startswith(PROVENANCE)))
    return destination


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=sorted(BY_NAME))
    parser.add_argument("destination", type=Path)
    parser.add_argument("--force", action="store_true", help="replace an existing destination")
    args = parser.parse_args()
    if args.destination.exists():
        if not args.force:
            parser.error(f"{args.destination} exists (pass --force to replace it)")
        shutil.rmtree(args.destination)
    render(args.name, args.destination)
    print(f"Rendered {args.name} into {args.destination}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
