"""A fast sweep: every choice value rendered on its own, ruff-clean, with the files it implies."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import TEMPLATE_ROOT, run, shared_env


def _choices() -> list[tuple[str, object]]:
    loaded = yaml.safe_load((TEMPLATE_ROOT / "copier.yml").read_text())
    questions = {key: value for key, value in loaded.items() if isinstance(value, dict)}
    values: list[tuple[str, object]] = []
    for key, question in questions.items():
        if "choices" in question:
            choices = question["choices"]
            options = choices.values() if isinstance(choices, dict) else choices
            multiselect = question.get("multiselect", False)
            values += [(key, [value] if multiselect else value) for value in options]
        elif question.get("type") == "bool" and question.get("when") is not False:
            values += [(key, True), (key, False)]
    return values


CHOICES = _choices()


def test_sweep_covers_the_interview() -> None:
    keys = {key for key, _ in CHOICES}
    assert {
        "python_version",
        "data_volume",
        "compute_engine",
        "partitioning",
        "automation",
        "use_sensor",
        "include_example",
        "use_dbt",
        "dbt_adapter",
        "use_iceberg",
        "iceberg_catalog",
        "alerting",
        "deployment",
        "ci_provider",
        "observability",
    } <= keys


@pytest.mark.parametrize(("key", "value"), CHOICES, ids=[f"{k}={v}" for k, v in CHOICES])
def test_choice_renders_clean(copie, key: str, value: object) -> None:
    # A REST catalog has no default URI: the user must name it.
    needs = {"iceberg_catalog_uri": "https://catalog.example.com/api"} if value == "rest" else {}
    result = copie.copy(extra_answers={key: value, **needs, "run_uv_sync": False})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    answers = result.answers
    package = project / "src" / answers["package_name"]
    env = shared_env(project)
    run(["ruff", "check", "."], project, env)
    run(["ruff", "format", "--check", "."], project, env)

    partitioning = answers.get("partitioning", "daily")
    automation = answers.get("automation", "schedules")
    use_sensor = answers.get("use_sensor", False)
    example = answers.get("include_example", True)
    assert (package / "defs" / "partitions.py").exists() == (partitioning != "none")
    assert (package / "defs" / "automation.py").exists() == (automation != "none")
    assert (project / "tests" / "test_schedules.py").exists() == (automation == "schedules")
    assert (project / "tests" / "test_automation.py").exists() == (automation == "declarative")
    assert (package / "defs" / "sensors.py").exists() == use_sensor
    assert (project / "tests" / "test_sensors.py").exists() == use_sensor
    assert (package / "defs" / "batches.py").exists() == (partitioning == "dynamic")
    assert (package / "defs" / "orders" / "assets.py").exists() == example
    assert (package / "lib" / "orders.py").exists() == example
    assert (package / "defs" / "assets.py").exists() != example
    use_iceberg = answers.get("use_iceberg", True)
    use_dbt = answers.get("use_dbt", True)
    adapter = answers.get("dbt_adapter", "duckdb")
    assert (package / "lib" / "transforms.py").exists() == (example and not use_dbt)
    assert (package / "lakehouse.py").exists() == use_iceberg
    assert (package / "warehouse.py").exists() != use_iceberg
    assert (package / "defs" / "maintenance.py").exists() == use_iceberg
    assert (project / "tests" / "test_maintenance.py").exists() == use_iceberg
    assert (package / "dbt_iceberg.py").exists() == (
        use_iceberg and use_dbt and adapter == "duckdb"
    )
    observability = answers.get("observability", [])
    assert (package / "observability" / "__init__.py").exists() == bool(observability)
    for backend in ("openlineage", "opentelemetry"):
        module = package / "observability" / f"{backend}.py"
        assert module.exists() == (backend in observability)
    dependencies = (project / "pyproject.toml").read_text()
    assert ("dagster-openlineage" in dependencies) == ("openlineage" in observability)
    assert ("opentelemetry-sdk" in dependencies) == ("opentelemetry" in observability)
    assert ("pyiceberg" in dependencies) == use_iceberg
    # The project's own table store: neither dagster-iceberg nor dagster-duckdb (io_manager.py).
    assert "dagster-iceberg" not in dependencies
    assert "dagster-duckdb" not in dependencies
    if use_iceberg:
        catalog = answers.get("iceberg_catalog", "sql")
        assert f'"type": "{catalog}"' in (package / "lakehouse.py").read_text()
        assert ("pyiceberg[glue," in dependencies) == (catalog == "glue")
    assert not (project / ".python-version").exists()
    assert 'requires-python = ">=3.10"' in (project / "pyproject.toml").read_text()
    # No template syntax and no placeholder survives rendering.
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=project, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in tracked:
        path = project / name
        if path.is_file():
            text = path.read_text()
            if not name.startswith("dbt_project/"):  # dbt files carry Jinja of their own
                # GitHub and GitLab expressions (${{ ... }}) are meant to be there.
                bare = text.replace("${{", "")
                assert "{{" not in bare and "{%" not in bare, path
            assert "TODO" not in text and "\n    pass\n" not in text and "    ...\n" not in text
            if name.endswith(".md"):
                # A Jinja tag that ends a line swallows its line break (trim_blocks): the next
                # list item would run on in the same line.
                assert not re.search(r"\S- \*\*", text), path
