"""What every generated project must pass, whatever produced it: ruff, `dg check defs`, the
README's launch command and query, the scenario's odd batch and growth, and its own tests.
tests/test_scenarios.py runs it on each named scenario, tests/test_readme.py on the project the
README's first command generates."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import launch_commands, project_env, run, shared_env, uv
from growth import add_user_assets
from scenarios import Scenario


def placeholder_environment(project: Path) -> dict[str, str]:
    """The variables of the generated .env.example: enough for dbt to parse, never to connect."""
    pairs = (
        line.partition("=")
        for line in (project / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    return {name: value for name, _, value in pairs}


LOCAL_CATALOG = {
    "ICEBERG_CATALOG_URI": "sqlite:///data/iceberg/catalog.db",
    "ICEBERG_WAREHOUSE": "data/iceberg/warehouse",
}


def source_table(answers: dict[str, object]) -> str:
    """The table the project's Python assets write first."""
    return "raw_orders" if answers.get("include_example", True) else "starter_table"


def git_status(project: Path) -> str:
    return subprocess.run(
        ["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True
    ).stdout


def check_project(
    project: Path, answers: dict[str, object], scenario: Scenario, launched: bool = False
) -> None:
    """ruff, `dg check defs`, the README's launch command (unless `launched`) and its query,
    the scenario's odd batch and growth, then the project's own tests."""
    if scenario.uv_sync:
        env = project_env()
        tool = [uv(), "run", "--frozen"]
    else:
        env = shared_env(project)
        tool = []
    run([*tool, "ruff", "check", "."], project, env)
    run([*tool, "ruff", "format", "--check", "."], project, env)
    warehouse_adapter = (
        answers.get("use_dbt", True) and answers.get("dbt_adapter", "duckdb") != "duckdb"
    )
    # `dg check defs` parses dbt (the manifest is missing) with the placeholders of .env.example;
    # the project's own tests run without them, so its live-warehouse tests skip.
    remote_catalog = (
        answers.get("use_iceberg", True) and answers.get("iceberg_catalog", "sql") != "sql"
    )
    parse_env = (
        {**env, **placeholder_environment(project)} if warehouse_adapter or remote_catalog else env
    )
    if not scenario.grows:
        # A growing project runs it once, with the user's assets (tests/growth.py).
        run([*tool, "dg", "check", "defs"], project, parse_env)
    # The README's launch command, as a user pastes it (in this repo's venv unless the project
    # was installed with its own uv sync). dbt on a warehouse needs one: only its Python runs.
    readme = (project / "README.md").read_text()
    launch = launch_commands(readme)
    if not scenario.uv_sync:
        launch = launch.replace("uv run ", "")
    if warehouse_adapter:
        launch = launch.replace("--assets '*'", f"--assets '{source_table(answers)}'")
    launch_env = {**env, **LOCAL_CATALOG} if remote_catalog else env
    if remote_catalog:
        # The README's launch switches to the local catalog for a first try: so does the test.
        assert "ICEBERG_CATALOG_URI=" in launch
    if not launched:
        run(launch, project, launch_env)
    package = answers["package_name"]
    store = "lakehouse" if answers.get("use_iceberg", True) else "warehouse"
    read_back = (
        f"from {package} import {store}; from {package}.table_partition import TablePartition; "
        f"print({store}.read_partition({source_table(answers)!r}, TablePartition()).num_rows)"
    )
    if answers.get("use_iceberg", True):
        # The README's own query snippet runs as written (in the same interpreter, first).
        snippet = readme.split("```python\n", 1)[1].split("```", 1)[0]
        read_back = f"{snippet}\n{read_back}"
    rows = run([*tool, "python", "-c", read_back], project, launch_env).stdout.split()[-1]
    assert int(rows) > 0
    if scenario.odd_batch:
        # A batch is data: one named with quotes, brackets, a '|' and an accent runs too.
        batch = 'o\'brien "[eu]" | zoë'
        dg = [*tool, "dg", "launch"]
        config = {"ops": {"register_batch": {"config": {"batch_id": batch}}}}
        dagster_home = {**launch_env, "DAGSTER_HOME": str(project / ".dagster")}
        run(
            [*dg, "--job", "register_batch_job", "--config-json", json.dumps(config)],
            project,
            dagster_home,
        )
        selection = f"'{source_table(answers)}'" if warehouse_adapter else "*"
        run([*dg, "--assets", selection.strip("'"), "--partition", batch], project, dagster_home)
    # Launches write only to ignored places.
    assert git_status(project) == ""

    if scenario.grows:
        add_user_assets(project, package, tool, env, parse_env)
    run([*tool, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], project, env)
