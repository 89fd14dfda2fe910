"""The partitions of the project's first year where wall-clock and absolute time disagree.

Where clocks change, a day lasts 23 or 25 hours (and so do the weeks and months around it) and
an hour can repeat. IRREGULAR holds the keys of the project's own partitions definition, in
UTC, whose absolute length differs from their wall-clock length or whose
local start repeats: none in a zone without daylight saving. The pipeline's tests materialize
every one of them and read each back with `partition_of`. The schedule and automation tests
take the keys they expect of a time partition from `keys_of`.
"""

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from data_pipeline.defs.partitions import PARTITIONS, START_DATE, TIMEZONE
from data_pipeline.table_partition import TablePartition

ZONE = ZoneInfo(TIMEZONE)
FIRST_DAY = datetime.fromisoformat(START_DATE).replace(tzinfo=ZONE)
YEAR_END = FIRST_DAY + timedelta(days=366)
TIME_PARTITIONS = PARTITIONS


def partition_of(time_column: str, key: str) -> TablePartition:
    """The rows of `key` in a table whose instants are in `time_column`: its time window, as
    Dagster defines it."""
    window = PARTITIONS.time_window_for_partition_key(key)
    return TablePartition(time_column, window.start, window.end, timezone=TIMEZONE)


def keys_of(key: str) -> list[str]:
    """The partition keys of the time partition `key`: only itself."""
    return [key]


FIRST_YEAR = TIME_PARTITIONS.get_partition_keys(current_time=YEAR_END)


def wall_clock(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def irregular_keys() -> list[str]:
    """Keys whose absolute length differs from their wall-clock length, or whose start repeats."""
    windows = {key: TIME_PARTITIONS.time_window_for_partition_key(key) for key in FIRST_YEAR}
    starts = Counter(wall_clock(window.start) for window in windows.values())
    return [
        key
        for key, window in windows.items()
        if window.end.timestamp() - window.start.timestamp()
        != (wall_clock(window.end) - wall_clock(window.start)).total_seconds()
        or starts[wall_clock(window.start)] > 1
    ]


IRREGULAR = irregular_keys()
