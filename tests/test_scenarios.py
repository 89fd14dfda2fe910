"""Every named scenario is rendered, linted, checked by `dg`, launched as its README says and
passes its own tests (tests/project_checks.py; the defaults as the README's first command makes
them, in tests/test_readme.py); the other warehouse adapters install and parse."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import project_env, run, uv
from project_checks import check_project, git_status, placeholder_environment
from scenarios import SCENARIOS, WAREHOUSE_SCENARIOS, Scenario

# The default answers run as the README's first command leaves them: installed with their own
# uv sync (tests/test_readme.py calls check_project).
RUN_HERE = [scenario for scenario in SCENARIOS if scenario.name != "defaults"]


@pytest.mark.parametrize("scenario", RUN_HERE, ids=lambda scenario: scenario.name)
def test_scenario(copie, scenario: Scenario) -> None:
    result = copie.copy(extra_answers={**scenario.answers, "run_uv_sync": scenario.uv_sync})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    # The post-copy task committed everything it generated (and uv.lock when it synced).
    assert (project / ".git").is_dir()
    assert git_status(project) == ""
    assert (project / "uv.lock").is_file() == scenario.uv_sync
    check_project(project, result.answers, scenario)


@pytest.mark.parametrize("scenario", WAREHOUSE_SCENARIOS, ids=lambda scenario: scenario.name)
def test_warehouse_adapter_installs_and_parses(copie, scenario: Scenario) -> None:
    """The project installs with its own uv sync (the adapter's dependency resolves), is
    ruff-clean, and `dg check defs` parses the dbt project with the adapter's profile and the
    placeholders of .env.example; the rest is dbt-postgres's, run in test_scenario."""
    result = copie.copy(extra_answers={**scenario.answers, "run_uv_sync": True})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    assert git_status(project) == ""
    env = project_env()
    tool = [uv(), "run", "--frozen"]
    run([*tool, "ruff", "check", "."], project, env)
    run([*tool, "ruff", "format", "--check", "."], project, env)
    adapter = result.answers["dbt_adapter"]
    profile = yaml.safe_load((project / "dbt_project" / "profiles.yml").read_text())
    (target,) = (p["outputs"][p["target"]] for p in profile.values() if isinstance(p, dict))
    assert target["type"] == adapter
    run([*tool, "dg", "check", "defs"], project, {**env, **placeholder_environment(project)})
    assert (project / "dbt_project" / "target" / "manifest.json").is_file()
