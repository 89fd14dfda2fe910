"""A user grows a generated project: assets with other partitions, none, or static keys.

For several project shapes, the test scaffolds three assets with `dg scaffold defs` the way the
generated README says, fills them in with a test of their own, updates the graph snapshot with
the documented command, and checks that `dg check defs` and the project's own tests stay green.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import run, shared_env
from scenarios import BY_NAME

# Shapes: time partitions on Iceberg with dbt, static keys on the DuckDB file with dbt, dynamic
# batches, no partitions, and daily x static keys.
SHAPES = [
    "dbt-daily-berlin",
    "dbt-pandas-static-sensor",
    "polars-dynamic-declarative",
    "pandas-none-declarative-sensor",
    "duckdb-daily_static-declarative-sensor",
]

USER_ASSETS = {
    "daily_visits": '''
        """Visits per day, partitioned by UTC days of its own."""

        import dagster as dg
        import pyarrow as pa

        from ..table_partition import INSTANT

        DAYS = dg.DailyPartitionsDefinition(start_date="2025-01-01")


        @dg.asset(partitions_def=DAYS, metadata={"partition_expr": "day_start"})
        def daily_visits(context: dg.AssetExecutionContext) -> pa.Table:
            """One row per day: when it began and its visits."""
            start = context.partition_time_window.start
            return pa.table({"day_start": pa.array([start], INSTANT), "visits": [3]})
    ''',
    "settings_table": '''
        """Settings, not partitioned."""

        import dagster as dg
        import pyarrow as pa


        @dg.asset
        def settings_table() -> pa.Table:
            """One row per setting."""
            return pa.table({"name": ["retention_days"], "value": ["30"]})
    ''',
    "region_targets": '''
        """Targets per region, partitioned by static keys of its own."""

        import dagster as dg
        import pyarrow as pa

        REGIONS = dg.StaticPartitionsDefinition(["north", "south"])


        @dg.asset(partitions_def=REGIONS, metadata={"partition_expr": "region"})
        def region_targets(context: dg.AssetExecutionContext) -> pa.Table:
            """The target of one region."""
            return pa.table({"region": [context.partition_key], "target": [10]})
    ''',
}

USER_TEST = '''
    """The user's own assets materialize on throwaway storage."""

    import dagster as dg

    from {package}.defs.daily_visits import daily_visits
    from {package}.defs.region_targets import region_targets
    from {package}.defs.settings_table import settings_table


    def test_the_new_assets_materialize(
        resources: dict[str, object], instance: dg.DagsterInstance
    ) -> None:
        for asset, partition in [
            (daily_visits, "2025-01-02"),
            (settings_table, None),
            (region_targets, "south"),
        ]:
            result = dg.materialize(
                [asset], resources=resources, instance=instance, partition_key=partition
            )
            assert result.success
'''


@pytest.mark.parametrize("name", SHAPES)
def test_assets_added_by_the_user_keep_the_project_green(copie, name: str) -> None:
    result = copie.copy(extra_answers={**BY_NAME[name].answers, "run_uv_sync": False})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    package = result.answers["package_name"]
    env = shared_env(project)
    defs = project / "src" / package / "defs"
    for asset, source in USER_ASSETS.items():
        run(["dg", "scaffold", "defs", "dagster.asset", f"{asset}.py"], project, env)
        assert (defs / f"{asset}.py").is_file()
        (defs / f"{asset}.py").write_text(textwrap.dedent(source).lstrip())
    test = textwrap.dedent(USER_TEST).lstrip().format(package=package)
    (project / "tests" / "test_user_assets.py").write_text(test)

    run(["ruff", "check", "."], project, env)
    run(["dg", "check", "defs"], project, env)
    if result.answers.get("use_dbt", True):
        dbt_dir = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
        run(["dbt", "parse", "--quiet", *dbt_dir], project, env)
    # The graph snapshot fails until it is updated with the command the README documents.
    pytest_command = ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    snapshot = run([*pytest_command, "tests/test_definitions.py"], project, env, check=False)
    assert snapshot.returncode != 0 and "UPDATE_SNAPSHOTS=1" in snapshot.stdout
    run([*pytest_command, "tests/test_definitions.py"], project, {**env, "UPDATE_SNAPSHOTS": "1"})
    graph = (project / "tests" / "snapshots" / "asset_graph.txt").read_text()
    assert {"daily_visits", "settings_table", "region_targets"} <= set(graph.split())
    run(pytest_command, project, env)
