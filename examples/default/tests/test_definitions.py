import os
from datetime import timedelta
from pathlib import Path

import dagster as dg
import pytest

from data_pipeline.definitions import EXPECTED_WARNINGS

SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.txt"


def asset_graph(defs: dg.Definitions) -> list[str]:
    """`asset <- upstream, ...` for every asset of the definitions, sorted."""
    graph = defs.get_repository_def().asset_graph
    lines = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda key: key.to_user_string()):
        name = key.to_user_string()
        upstream = graph.get(key).parent_keys
        parents = ", ".join(sorted(parent.to_user_string() for parent in upstream))
        lines.append(f"{name} <- {parents}" if parents else name)
    return lines


def test_the_asset_graph_matches_its_snapshot(defs: dg.Definitions) -> None:
    text = SNAPSHOT.read_text()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        header = [line for line in text.splitlines() if line.startswith("#")]
        text = "\n".join([*header, *asset_graph(defs)]) + "\n"
        SNAPSHOT.write_text(text)
    expected = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert asset_graph(defs) == expected, (
        "the asset graph changed; if you meant it, run\n"
        "  UPDATE_SNAPSHOTS=1 uv run pytest tests/test_definitions.py"
    )


def test_the_example_assets_are_defined(defs: dg.Definitions) -> None:
    repository = defs.get_repository_def()
    asset_keys = {key.to_user_string() for key in repository.asset_graph.get_all_asset_keys()}
    assert {"raw_orders", "stg_orders", "daily_revenue"} <= asset_keys
    check_keys = {
        f"{key.asset_key.to_user_string()}:{key.name}"
        for key in repository.asset_graph.asset_check_keys
    }
    # dbt's data tests are asset checks of the model they test, beside the Python asset's own.
    assert {
        "raw_orders:not_empty",
        "stg_orders:unique_stg_orders_order_id",
        "stg_orders:not_null_stg_orders_customer_id",
        "stg_orders:positive_stg_orders_quantity",
    } <= check_keys
    assert any(key.startswith("stg_orders:accepted_values_stg_orders_region") for key in check_keys)
    assert any(key.startswith("daily_revenue:relationships_") for key in check_keys)


def test_tables_have_a_freshness_policy(defs: dg.Definitions) -> None:
    spec = defs.resolve_assets_def("raw_orders").specs_by_key[dg.AssetKey("raw_orders")]
    assert spec.freshness_policy is not None
    assert spec.freshness_policy.fail_window.to_timedelta() == timedelta(hours=26)


def test_jobs_schedules_and_sensors(defs: dg.Definitions) -> None:
    repository = defs.get_repository_def()
    job_names = {job.name for job in repository.get_all_jobs() if not job.name.startswith("__")}
    assert sorted(job_names) == ["iceberg_maintenance_job", "pipeline_job"]
    schedule_names = {schedule.name for schedule in repository.schedule_defs}
    assert sorted(schedule_names) == ["iceberg_maintenance_schedule", "pipeline_schedule"]
    sensor_names = {sensor.name for sensor in repository.sensor_defs}
    assert sorted(sensor_names) == []


def test_executor(defs: dg.Definitions) -> None:
    assert defs.executor.name == "in_process"


def test_the_tests_silence_the_same_warnings_as_the_commands(pytestconfig: pytest.Config) -> None:
    silenced = [line.split(":")[1] for line in pytestconfig.getini("filterwarnings")]
    assert silenced == [message for message, _ in EXPECTED_WARNINGS]
