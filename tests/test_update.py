"""`copier update` keeps the user's edits, brings template changes and applies changed answers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import copier
import pytest
from conftest import TEMPLATE_ROOT


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def template_repo(tmp_path: Path) -> Path:
    """A throwaway copy of this template, committed and tagged v1.0.0 then v1.1.0."""
    repo = tmp_path / "template"
    repo.mkdir()
    for name in ("copier.yml", "extensions", "versions.toml", "template", "hooks", "includes"):
        source = TEMPLATE_ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, repo / name)
    git("init", "--quiet", cwd=repo)
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "-m", "v1.0.0", cwd=repo)
    git("tag", "v1.0.0", cwd=repo)
    readme = repo / "template" / "README.md.jinja"
    readme.write_text(readme.read_text() + "\n## Support\n\nAsk the data platform team.\n")
    (repo / "template" / "CONTRIBUTING.md").write_text("# Contributing\n\nRun `uv run pytest`.\n")
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "-m", "v1.1.0", cwd=repo)
    git("tag", "v1.1.0", cwd=repo)
    return repo


def test_update_keeps_edits_and_brings_changes(template_repo: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    copier.run_copy(
        str(template_repo),
        project,
        vcs_ref="v1.0.0",
        data={"run_uv_sync": False},
        defaults=True,
        unsafe=True,
    )
    package = project / "src" / "data_pipeline"
    # The user's edits: a new asset module, README lines, an edited asset.
    (package / "defs" / "customers.py").write_text(
        'import dagster as dg\n\n\n@dg.asset\ndef customers() -> None:\n    """Ours."""\n'
    )
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("## Layout", "Our team notes.\n\n## Layout"))
    assets = package / "defs" / "orders" / "assets.py"
    assets.write_text(assets.read_text().replace('GROUP = "orders"', 'GROUP = "sales_orders"'))
    git("add", "--all", cwd=project)
    git("commit", "--quiet", "-m", "our edits", cwd=project)

    copier.run_update(project, defaults=True, overwrite=True, unsafe=True, vcs_ref="v1.1.0")

    assert (package / "defs" / "customers.py").read_text().endswith('"""Ours."""\n')
    assert "Our team notes." in readme.read_text()
    assert 'GROUP = "sales_orders"' in assets.read_text()
    assert "Ask the data platform team." in readme.read_text()
    assert (project / "CONTRIBUTING.md").is_file()
    assert "_commit: v1.1.0" in (project / ".copier-answers.yml").read_text()
    for path in project.rglob("*"):
        if path.is_file() and ".git" not in path.parts and path.suffix not in {".pyc", ".duckdb"}:
            assert "<<<<<<<" not in path.read_text(errors="replace"), path
    assert not list(project.rglob("*.rej"))

    # Changing an answer on update adds and removes the files it governs.
    git("add", "--all", cwd=project)
    git("commit", "--quiet", "-m", "update to v1.1.0", cwd=project)
    copier.run_update(
        project,
        data={"automation": "declarative", "use_sensor": True},
        defaults=True,
        overwrite=True,
        unsafe=True,
    )
    assert "AutomationCondition" in (package / "defs" / "automation.py").read_text()
    assert (package / "defs" / "sensors.py").is_file()
    assert (project / "tests" / "test_automation.py").is_file()
    assert not (project / "tests" / "test_schedules.py").exists()
    assert 'GROUP = "sales_orders"' in assets.read_text()
    assert "automation: declarative" in (project / ".copier-answers.yml").read_text()


def test_projects_from_before_iceberg_keep_their_duckdb_warehouse(tmp_path: Path) -> None:
    """The v0.2.0 migration: an answers file without use_iceberg does not switch storage."""
    repo = tmp_path / "template"
    shutil.copytree(TEMPLATE_ROOT, repo, ignore=shutil.ignore_patterns(".git", ".venv", "*cache*"))
    git("init", "--quiet", cwd=repo)
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "-m", "v0.1.0", cwd=repo)
    git("tag", "v0.1.0", cwd=repo)
    project = tmp_path / "project"
    copier.run_copy(
        str(repo),
        project,
        vcs_ref="v0.1.0",
        data={"run_uv_sync": False, "use_dbt": False, "use_iceberg": False},
        defaults=True,
        unsafe=True,
    )
    # What a v0.1 project recorded: no use_iceberg answer at all.
    answers = project / ".copier-answers.yml"
    answers.write_text(
        "".join(
            line
            for line in answers.read_text().splitlines(keepends=True)
            if not line.startswith("use_iceberg:")
        )
    )
    git("commit", "--quiet", "--all", "-m", "a v0.1 project", cwd=project)
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## v0.2.0\n")
    git("commit", "--quiet", "--all", "-m", "v0.2.0", cwd=repo)
    git("tag", "v0.2.0", cwd=repo)

    copier.run_update(project, defaults=True, overwrite=True, unsafe=True, vcs_ref="v0.2.0")

    assert "use_iceberg: false" in answers.read_text()
    package = project / "src" / "data_pipeline"
    assert not (package / "lakehouse.py").exists()
    assert "DuckDBPandasIOManager" in (package / "defs" / "resources.py").read_text()
