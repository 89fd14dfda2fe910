"""The large tier's shapes that do not install pyspark for real: each renders ruff-clean, its
dbt project parses and `dg check defs` loads its definitions (Spark is never started: the Spark
jobs run only when an asset materializes). pyspark-large-daily-berlin in scenarios.SCENARIOS
runs a large project end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run, shared_env
from scenarios import LARGE_SCENARIOS, Scenario


@pytest.mark.parametrize("scenario", LARGE_SCENARIOS, ids=lambda scenario: scenario.name)
def test_large_shape_checks(copie, scenario: Scenario) -> None:
    result = copie.copy(extra_answers={**scenario.answers, "run_uv_sync": False})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    answers = result.answers
    package = project / "src" / answers["package_name"]
    env = shared_env(project)
    run(["ruff", "check", "."], project, env)
    run(["ruff", "format", "--check", "."], project, env)
    if answers.get("use_dbt", True):
        parse = ["dbt", "parse", "--quiet", "--project-dir", "dbt_project"]
        run([*parse, "--profiles-dir", "dbt_project"], project, env)
    run(["dg", "check", "defs"], project, env)
    example = answers.get("include_example", True)
    assert (package / "defs" / "spark.py").exists() == example
    assert (package / "spark_jobs" / "orders.py").exists() == example
    assert ("def commit_files(" in (package / "lakehouse.py").read_text()) == example
    dependencies = (project / "pyproject.toml").read_text()
    assert "pyspark" in dependencies
    platform = answers.get("spark_platform", "local")
    assert ("dagster-databricks" in dependencies) == (platform == "databricks")
    assert ("dagster-aws" in dependencies) == (platform == "emr_serverless")
