"""The schedule requests the runs it should, for the partition that just closed."""

from datetime import timedelta

import dagster as dg

from data_pipeline.defs.partitions import PARTITIONS


def test_schedule_requests_the_partition_that_just_closed(defs: dg.Definitions) -> None:
    key = PARTITIONS.get_partition_keys()[2]
    tick = PARTITIONS.time_window_for_partition_key(key).end + timedelta(minutes=15)
    context = dg.build_schedule_context(
        scheduled_execution_time=tick, repository_def=defs.get_repository_def()
    )
    schedule = defs.resolve_schedule_def("pipeline_schedule")
    run_requests = schedule.evaluate_tick(context).run_requests
    assert [request.partition_key for request in run_requests] == [key]
