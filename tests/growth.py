"""A user grows a generated project: assets with other partitions, none, or static keys.

For the scenarios marked `grows` (tests/scenarios.py: time partitions on Iceberg with dbt,
static keys on the DuckDB file with dbt, dynamic batches, no partitions, daily x static keys),
tests/test_scenarios.py calls `add_user_assets` after the README's launch: it scaffolds an
asset with `dg scaffold defs` the way the generated README says and leaves it the stub `dg`
wrote (it returns None: nothing is stored), writes three more by hand, adds a test of their
own, checks that `dg check defs` stays green (for these scenarios the only `dg check defs`:
the user's files only add to the project's, so it covers the project as generated too), and
updates the graph snapshot with the documented command. The project's own tests then run once,
with the user's assets in them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import run

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

# Scaffolded with `dg scaffold defs` and left as dg wrote it.
STUB = "draft_orders"

USER_TEST = '''
    """The user's own assets materialize on throwaway storage."""

    import dagster as dg

    from {package}.defs.daily_visits import daily_visits
    from {package}.defs.draft_orders import draft_orders
    from {package}.defs.region_targets import region_targets
    from {package}.defs.settings_table import settings_table


    def test_the_new_assets_materialize(
        resources: dict[str, object], instance: dg.DagsterInstance
    ) -> None:
        for asset, partition in [
            (daily_visits, "2025-01-02"),
            (settings_table, None),
            (region_targets, "south"),
            (draft_orders, None),
        ]:
            result = dg.materialize(
                [asset], resources=resources, instance=instance, partition_key=partition
            )
            assert result.success
'''


def add_user_assets(
    project: Path, package: str, tool: list[str], env: dict[str, str], check_env: dict[str, str]
) -> None:
    """Adds the user's assets and their test; `dg check defs` (in `check_env`: the placeholders
    a warehouse or remote catalog needs to parse) and the graph snapshot follow."""
    graph_file = project / "tests" / "snapshots" / "asset_graph.txt"
    graph_before = set(graph_file.read_text().splitlines())
    defs = project / "src" / package / "defs"
    run([*tool, "dg", "scaffold", "defs", "dagster.asset", f"{STUB}.py"], project, env)
    assert (defs / f"{STUB}.py").is_file()
    for asset, source in USER_ASSETS.items():
        (defs / f"{asset}.py").write_text(textwrap.dedent(source).lstrip())
    test = textwrap.dedent(USER_TEST).lstrip().format(package=package)
    (project / "tests" / "test_user_assets.py").write_text(test)

    run([*tool, "ruff", "check", "."], project, env)
    run([*tool, "dg", "check", "defs"], project, check_env)
    # The graph snapshot fails until it is updated with the command the README documents.
    pytest_command = [*tool, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    snapshot = run([*pytest_command, "tests/test_definitions.py"], project, env, check=False)
    assert snapshot.returncode != 0 and "UPDATE_SNAPSHOTS=1" in snapshot.stdout
    run([*pytest_command, "tests/test_definitions.py"], project, {**env, "UPDATE_SNAPSHOTS": "1"})
    # The update adds the user's assets and changes nothing else.
    graph_after = set(graph_file.read_text().splitlines())
    assert graph_after == graph_before | set(USER_ASSETS) | {STUB}, graph_after ^ graph_before
