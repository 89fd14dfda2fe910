"""The schedule requests the runs it should, for the partition that just closed."""

from datetime import UTC, datetime, timedelta

import dagster as dg

from calendar_keys import FIRST_YEAR, IRREGULAR, TIME_PARTITIONS, ZONE, keys_of


def test_schedule_requests_the_partition_that_just_closed(defs: dg.Definitions) -> None:
    key = TIME_PARTITIONS.get_partition_keys()[2]
    tick = TIME_PARTITIONS.time_window_for_partition_key(key).end + timedelta(minutes=15)
    context = dg.build_schedule_context(
        scheduled_execution_time=tick, repository_def=defs.get_repository_def()
    )
    schedule = defs.resolve_schedule_def("pipeline_schedule")
    run_requests = schedule.evaluate_tick(context).run_requests
    assert sorted(request.partition_key for request in run_requests) == sorted(keys_of(key))


def test_the_schedule_requests_only_partitions_that_exist(defs: dg.Definitions) -> None:
    """Ticks every 15 minutes through the days of the first year's irregular partitions
    (tests/calendar_keys.py) request real keys."""
    schedule = defs.resolve_schedule_def("pipeline_schedule")
    keys = {key for time_key in FIRST_YEAR for key in keys_of(time_key)}
    days = {TIME_PARTITIONS.time_window_for_partition_key(key).start.date() for key in IRREGULAR}
    for day in sorted(days):
        first_tick = datetime.combine(day, datetime.min.time(), ZONE).astimezone(UTC)
        # 30 hours of ticks from local midnight: the longest day (25 hours) and the next morning.
        for quarter in range(4 * 30):
            tick = first_tick + timedelta(minutes=15 * quarter)
            context = dg.build_schedule_context(
                scheduled_execution_time=tick, repository_def=defs.get_repository_def()
            )
            for request in schedule.evaluate_tick(context).run_requests or []:
                assert request.partition_key in keys, (tick, request.partition_key)
