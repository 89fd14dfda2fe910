from datetime import timedelta

import dagster as dg


def test_definitions_load(defs: dg.Definitions) -> None:
    repository = defs.get_repository_def()
    asset_keys = sorted(key.to_user_string() for key in repository.asset_graph.get_all_asset_keys())
    assert asset_keys == ["daily_revenue", "raw_orders", "stg_orders"]


def test_tables_have_a_freshness_policy(defs: dg.Definitions) -> None:
    spec = defs.resolve_assets_def("raw_orders").specs_by_key[dg.AssetKey("raw_orders")]
    assert spec.freshness_policy is not None
    assert spec.freshness_policy.fail_window.to_timedelta() == timedelta(hours=26)


def test_jobs_schedules_and_sensors(defs: dg.Definitions) -> None:
    repository = defs.get_repository_def()
    job_names = {job.name for job in repository.get_all_jobs() if not job.name.startswith("__")}
    assert job_names == {"iceberg_maintenance_job", "pipeline_job"}
    schedule_names = {schedule.name for schedule in repository.schedule_defs}
    assert schedule_names == {"iceberg_maintenance_schedule", "pipeline_schedule"}
    sensor_names = {sensor.name for sensor in repository.sensor_defs}
    assert sensor_names == set()


def test_executor(defs: dg.Definitions) -> None:
    assert defs.executor is dg.in_process_executor
