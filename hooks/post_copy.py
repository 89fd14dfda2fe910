"""Post-copy task: the project-local Dagster instance, install, dbt parse, first commit.

Run by Copier in the new project's folder, only on `copier copy` (never on update):

1. `.env`, from `.env.example`, with DAGSTER_HOME pointing at `.dagster/`: `dg launch`,
   `dagster` commands and `dg dev` run from the project folder then share one run history
   (Dagster's CLI reads `.env` and needs DAGSTER_HOME as an absolute path);
2. `uv sync`, when uv is on PATH and not disabled with `--no-uv-sync`
   (`copier copy --data run_uv_sync=false ...`), so uv.lock lands in the first commit; then,
   with `--dbt`, `dbt parse`, so the first `dg` command finds a current manifest;
3. `git init` and a first commit, when git is available and the folder is not inside a repo.

Each step shows its own output (uv's progress, dbt's errors). A failing install step stops the
task with its exit code and the commands that finish the setup by hand; Copier then reports the
task as failed and exits non-zero. Every step is idempotent. Copier's message after the copy is
the one list of next steps.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

COMMIT_MESSAGE = "Initial commit from copier-dagster"
FALLBACK_IDENTITY = ["-c", "user.name=copier-dagster", "-c", "user.email=copier-dagster@localhost"]
DBT_PARSE = ["dbt", "parse", "--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
INSTANCE_DIR = ".dagster"


def local_instance(project: Path) -> bool:
    """Writes `.env` (a copy of `.env.example`) with DAGSTER_HOME; returns whether it changed."""
    env = project / ".env"
    if env.exists():
        text = env.read_text(encoding="utf-8")
    elif (project / ".env.example").is_file():
        text = (project / ".env.example").read_text(encoding="utf-8")
    else:
        text = ""
    if any(line.startswith("DAGSTER_HOME=") for line in text.splitlines()):
        return False
    home = (project / INSTANCE_DIR).resolve()
    home.mkdir(exist_ok=True)
    text = text.rstrip("\n")
    text += (
        "\n\n# The project's own Dagster instance (written by the post-copy task): every dg and\n"
        "# dagster command run from the project folder shares its run history.\n"
        f"DAGSTER_HOME={home}\n"
    )
    env.write_text(text.lstrip("\n"), encoding="utf-8")
    return True


def install_steps(uv: str, dbt: bool) -> list[tuple[str, list[str], str]]:
    """(title, command, the same command to type by hand) for each install step."""
    steps = [("Installing the project: uv sync", [uv, "sync"], "uv sync")]
    if dbt:
        # With the variables of .env (the placeholders of .env.example until the user fills them
        # in), as `dg` reads them: a warehouse profile's env_var() calls need a value to parse.
        parse = ["--env-file", ".env", *DBT_PARSE]
        typed = f"uv run {' '.join(parse)}"
        steps.append(("Parsing the dbt project: dbt parse", [uv, "run", "--frozen", *parse], typed))
    return steps


def install(project: Path, steps: list[tuple[str, list[str], str]]) -> int:
    """Runs the steps with their output shown; the first failure returns its exit code."""
    for index, (title, command, _) in enumerate(steps):
        print(f"\n==> {title}", flush=True)
        code = subprocess.run(command, cwd=project, check=False).returncode
        if code:
            by_hand = "".join(f"  {typed}\n" for _, _, typed in steps[index:])
            print(
                f"\nerror: {title} failed (exit {code}).\n"
                f"Fix the cause above, then finish by hand:\n  cd {project}\n{by_hand}",
                file=sys.stderr,
                flush=True,
            )
            return code
    return 0


def git_init(project: Path) -> bool:
    git = shutil.which("git")
    if git is None:
        print("git is not installed: skipping the first commit.")
        return False
    inside = subprocess.run(
        [git, "rev-parse", "--is-inside-work-tree"], cwd=project, capture_output=True
    )
    if inside.returncode == 0:
        print("Already inside a git repository: leaving it as it is.")
        return False
    subprocess.run([git, "init", "--quiet"], cwd=project, check=True)
    subprocess.run([git, "add", "--all"], cwd=project, check=True)
    has_identity = (
        subprocess.run([git, "config", "user.email"], cwd=project, capture_output=True).returncode
        == 0
    )
    identity = [] if has_identity else FALLBACK_IDENTITY
    commit = [git, *identity, "commit", "--quiet", "--no-verify", "-m", COMMIT_MESSAGE]
    result = subprocess.run(commit, cwd=project, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"git commit failed:\n{result.stderr[-2000:]}")
        return False
    print("\n==> Initialized a git repository with a first commit.")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uv-sync", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--dbt", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--project", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    local_instance(args.project)
    if args.uv_sync:
        uv = shutil.which("uv")
        if uv is None:
            print("uv is not installed: skipping `uv sync` (pip install uv, then run it).")
        else:
            code = install(args.project, install_steps(uv, args.dbt))
            if code:
                return code
    git_init(args.project)
    return 0


if __name__ == "__main__":
    sys.exit(main())
