"""This repository's own history, for the update tests: earlier versions as a user got them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml
from conftest import TEMPLATE_ROOT

SHALLOW_HINT = (
    "this clone lacks the template's history (a shallow CI checkout?): run "
    "`git fetch --unshallow` (.ci/run does) or check out with full history"
)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def earlier_versions() -> list[str] | None:
    """Full hashes of the commits before HEAD that changed copier.yml, newest first.

    The main line only (first parents): the versions a user could copy. A branch's own commits
    were never the template's HEAD; their merge commit is.

    None without the full history: no git repository, or a shallow clone (whose oldest commit
    would pass for one that changed every file).
    """
    try:
        if git("rev-parse", "--is-shallow-repository", cwd=TEMPLATE_ROOT).strip() != "false":
            return None
        head = git("rev-parse", "HEAD", cwd=TEMPLATE_ROOT).strip()
        commits = git(
            "log", "--first-parent", "--format=%H", "HEAD", "--", "copier.yml", cwd=TEMPLATE_ROOT
        )
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    return [commit for commit in commits.split() if commit != head]


def clone_template(destination: Path) -> Path:
    """A `git clone` of this repository at HEAD, plus the working tree's uncommitted changes.

    Updating to the clone's HEAD then tests what is on disk, as the other template tests do;
    on a clean checkout (CI) the clone is HEAD itself.
    """
    head = git("rev-parse", "HEAD", cwd=TEMPLATE_ROOT).strip()
    git("clone", "--quiet", str(TEMPLATE_ROOT), str(destination), cwd=TEMPLATE_ROOT)
    git("checkout", "--quiet", "--detach", head, cwd=destination)
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=TEMPLATE_ROOT)
    wanted = {name for name in listed.split("\0") if name and (TEMPLATE_ROOT / name).is_file()}
    for name in set(git("ls-files", "-z", cwd=destination).split("\0")) - wanted - {""}:
        (destination / name).unlink()
    for name in wanted:
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(TEMPLATE_ROOT / name, destination / name)
    git("add", "--all", cwd=destination)
    if git("status", "--porcelain", cwd=destination):
        git("commit", "--quiet", "-m", f"uncommitted changes on {head[:7]}", cwd=destination)
    return destination


def asked_questions(copier_yml: str) -> dict[str, dict]:
    """The questions a copier.yml asks (computed `when: false` values left out)."""
    questions: dict[str, dict] = {}
    for document in copier_yml.split("\n---\n"):
        if document.strip().startswith("!include"):
            continue
        loaded = yaml.safe_load(document) or {}
        questions.update(
            {
                key: value
                for key, value in loaded.items()
                if isinstance(value, dict) and not key.startswith("_")
            }
        )
    return {key: value for key, value in questions.items() if value.get("when") is not False}
