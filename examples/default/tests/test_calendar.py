"""Partitions where wall-clock and absolute time disagree hold exactly their own rows.

In UTC a day can last 23 or 25 hours, and the weeks and months around it too, and
an hour can repeat. These tests find such partitions in the project's own partitions definition
over its first year, materialize each of them and a regular one on throwaway storage, and check
that every partition holds exactly its rows, with no overlap. In a zone without daylight saving
there are none, and the tests assert that too, so they never pass empty.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import dagster as dg
import pyarrow.compute as pc

from data_pipeline import lakehouse
from data_pipeline.defs.dbt_models import build_dbt_models
from data_pipeline.defs.orders.assets import RawOrdersConfig, raw_orders
from data_pipeline.defs.partitions import PARTITIONS, START_DATE, TIMEZONE
from data_pipeline.table_partition import TablePartition

ASSETS = [raw_orders, build_dbt_models()]
ROWS = 300
ZONE = ZoneInfo(TIMEZONE)
FIRST_DAY = datetime.fromisoformat(START_DATE).replace(tzinfo=ZONE)
YEAR_END = FIRST_DAY + timedelta(days=366)
TIME_PARTITIONS = PARTITIONS
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
REGULAR = next(key for key in FIRST_YEAR if key not in IRREGULAR)


def offsets_change_in_the_first_year() -> bool:
    """Whether the zone's UTC offset changes at all in the first year (from the tz database)."""
    start = FIRST_DAY.astimezone(UTC)
    days = (start + timedelta(days=day) for day in range(367))
    return len({day.astimezone(ZONE).utcoffset() for day in days}) > 1


def partition_key(key: str) -> str:
    return key


def rows_of(table: str, time_column: str, key: str) -> int:
    """How many rows of `table` lie in the window of `key` (and its static key)."""
    window = TIME_PARTITIONS.time_window_for_partition_key(key)
    partition = TablePartition(time_column, window.start, window.end, timezone=TIMEZONE)
    return lakehouse.read_partition(table, partition).num_rows


def test_the_calendar_has_the_irregular_partitions_the_zone_implies() -> None:
    assert bool(IRREGULAR) == offsets_change_in_the_first_year()


def test_irregular_partitions_hold_exactly_their_own_rows(
    resources: dict[str, object], instance: dg.DagsterInstance
) -> None:
    """Every irregular partition and a regular one through the whole graph, all on one storage,
    so that none may take another's rows."""
    keys = [*IRREGULAR, REGULAR]
    for key in keys:
        result = dg.materialize(
            ASSETS,
            resources=resources,
            instance=instance,
            run_config=dg.RunConfig({"raw_orders": RawOrdersConfig(rows_per_partition=ROWS)}),
            partition_key=partition_key(key),
        )
        assert result.success
    everything = lakehouse.read_partition("raw_orders", TablePartition())
    assert everything.num_rows == len(keys) * ROWS
    for key in keys:
        assert rows_of("raw_orders", "ordered_at", key) == ROWS
        cleaned = rows_of("stg_orders", "ordered_at", key)
        window = TIME_PARTITIONS.time_window_for_partition_key(key)
        summary = lakehouse.read_partition(
            "daily_revenue",
            TablePartition("period_start", window.start, window.end, timezone=TIMEZONE),
        )
        assert 0 < cleaned < ROWS
        assert pc.sum(summary["orders"]).as_py() == cleaned
