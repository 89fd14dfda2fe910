"""Post-copy task: install the project and make its first commit.

Run by Copier in the new project's folder, only on `copier copy` (never on update):

1. `uv sync`, when uv is on PATH and not disabled with `--no-uv-sync`
   (`copier copy --data run_uv_sync=false ...`), so uv.lock lands in the first commit; then,
   for a project with dbt, `dbt parse` so that the manifest the definitions load exists;
2. `git init` and a first commit, when git is available and the folder is not inside a repo;
3. print what to run next.

Every step is idempotent and a failing optional step never fails the copy.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

COMMIT_MESSAGE = "Initial commit from copier-dagster"
FALLBACK_IDENTITY = ["-c", "user.name=copier-dagster", "-c", "user.email=copier-dagster@localhost"]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def uv_sync(project: Path) -> bool:
    uv = shutil.which("uv")
    if uv is None:
        print("uv is not installed: skipping `uv sync` (pip install uv, then run it).")
        return False
    print("Running `uv sync` ...", flush=True)
    result = _run([uv, "sync"], project)
    if result.returncode != 0:
        print(f"`uv sync` failed; run it yourself to see why:\n{result.stderr[-2000:]}")
        return False
    return True


def dbt_parse(project: Path) -> bool:
    if not (project / "dbt_project" / "dbt_project.yml").is_file():
        return False
    uv = shutil.which("uv")
    assert uv is not None
    print("Running `dbt parse` ...", flush=True)
    dbt = [
        "dbt",
        "parse",
        "--quiet",
        "--project-dir",
        "dbt_project",
        "--profiles-dir",
        "dbt_project",
    ]
    result = _run([uv, "run", "--frozen", *dbt], project)
    if result.returncode != 0:
        print(
            "`dbt parse` failed (a warehouse adapter needs the variables of .env.example set);\n"
            f"run `uv run {' '.join(dbt)}` once they are:\n{result.stdout[-2000:]}"
        )
        return False
    return True


def git_init(project: Path) -> bool:
    git = shutil.which("git")
    if git is None:
        print("git is not installed: skipping the first commit.")
        return False
    if _run([git, "rev-parse", "--is-inside-work-tree"], project).returncode == 0:
        print("Already inside a git repository: leaving it as it is.")
        return False
    _run([git, "init", "--quiet"], project)
    _run([git, "add", "--all"], project)
    has_identity = _run([git, "config", "user.email"], project).returncode == 0
    identity = [] if has_identity else FALLBACK_IDENTITY
    commit = _run(
        [git, *identity, "commit", "--quiet", "--no-verify", "-m", COMMIT_MESSAGE], project
    )
    if commit.returncode != 0:
        print(f"git commit failed:\n{commit.stderr[-2000:]}")
        return False
    print("Initialized a git repository with a first commit.")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uv-sync", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--project", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    synced = uv_sync(args.project) if args.uv_sync else False
    if synced:
        dbt_parse(args.project)
    git_init(args.project)
    print("\nNext steps:")
    print(f"  cd {args.project}")
    if not synced:
        print("  uv sync")
    print("  uv run pytest\n  uv run dg dev")
    return 0


if __name__ == "__main__":
    sys.exit(main())
