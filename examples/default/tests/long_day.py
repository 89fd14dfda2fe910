"""Days of Europe/Berlin as table partitions, and rows for them: data the tests share.

Europe/Berlin turns its clocks back on 2025-10-26: that local day lasts 25 hours and spans two
UTC days (22:00 UTC on the 25th to 23:00 UTC on the 26th).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pyarrow as pa

from data_pipeline.table_partition import INSTANT, TablePartition

BERLIN = ZoneInfo("Europe/Berlin")


def berlin_day(day: date) -> TablePartition:
    """The local day `day` in Europe/Berlin as a partition of the time column `measured_at`."""
    start = datetime.combine(day, time(), BERLIN)
    end = datetime.combine(day + timedelta(days=1), time(), BERLIN)
    return TablePartition("measured_at", start, end, timezone="Europe/Berlin")


LONG_DAY = berlin_day(date(2025, 10, 26))
NEXT_DAY = berlin_day(date(2025, 10, 27))


def hourly_rows(partition: TablePartition, value: int) -> pa.Table:
    """Rows `measured_at` (one per hour of absolute time in the partition's window, UTC
    instants) and `value`."""
    assert partition.instants is not None
    start, end = partition.instants
    hours = int((end - start).total_seconds() // 3600)
    moments = [start + timedelta(hours=hour) for hour in range(hours)]
    return pa.table({"measured_at": pa.array(moments, INSTANT), "value": [value] * hours})
