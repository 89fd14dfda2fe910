"""The post-copy task: git init + first commit, optional uv sync, idempotent, copy-only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import copier
from conftest import TEMPLATE_ROOT


def _commits(project: Path) -> list[str]:
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=project, capture_output=True, text=True, check=True
    )
    return log.stdout.splitlines()


def test_copy_commits_without_uv_sync(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copier.run_copy(
        str(TEMPLATE_ROOT), project, data={"run_uv_sync": False}, defaults=True, unsafe=True
    )
    assert _commits(project) == ["Initial commit from copier-dagster"]
    assert not (project / ".venv").exists()
    assert not (project / "uv.lock").exists()
    # The project-local instance: .env (ignored) points DAGSTER_HOME at .dagster/, whose
    # configuration is tracked and whose storage is not.
    env = (project / ".env").read_text()
    assert f"DAGSTER_HOME={(project / '.dagster').resolve()}\n" in env
    assert env.startswith((project / ".env.example").read_text().rstrip("\n"))
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=project, capture_output=True, text=True, check=True
    ).stdout.split()
    assert ".dagster/dagster.yaml" in tracked
    assert ".env" not in tracked


def test_skip_tasks_leaves_no_repository(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copier.run_copy(str(TEMPLATE_ROOT), project, defaults=True, unsafe=True, skip_tasks=True)
    assert (project / "pyproject.toml").is_file()
    assert not (project / ".git").exists()


def test_hook_is_idempotent_and_respects_an_existing_repository(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copier.run_copy(
        str(TEMPLATE_ROOT), project, data={"run_uv_sync": False}, defaults=True, unsafe=True
    )
    again = subprocess.run(
        [sys.executable, str(TEMPLATE_ROOT / "hooks" / "post_copy.py"), "--no-uv-sync"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Already inside a git repository" in again.stdout
    assert _commits(project) == ["Initial commit from copier-dagster"]


def test_hook_without_git_or_uv_still_succeeds(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "README.md").write_text("x\n")
    result = subprocess.run(
        [sys.executable, str(TEMPLATE_ROOT / "hooks" / "post_copy.py"), "--uv-sync"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path / "empty-bin")},
        check=True,
    )
    assert "uv is not installed" in result.stdout
    assert "git is not installed" in result.stdout
    assert not (project / ".git").exists()


def test_a_failing_install_step_fails_the_task_with_what_to_run(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_uv = bin_dir / "uv"
    fake_uv.write_text("#!/bin/sh\necho 'resolution failed' >&2\nexit 3\n")
    fake_uv.chmod(0o755)
    result = subprocess.run(
        [sys.executable, str(TEMPLATE_ROOT / "hooks" / "post_copy.py"), "--uv-sync", "--dbt"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 3
    assert "resolution failed" in result.stderr
    assert "uv sync failed (exit 3)" in result.stderr
    assert "uv run --env-file .env dbt parse" in result.stderr
    assert not (project / ".git").exists()
