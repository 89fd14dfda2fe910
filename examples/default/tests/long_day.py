"""A day of 25 hours and the day after it as table partitions, and rows for them: the shared
data of the table store's tests.

Europe/Berlin turns its clocks back on 2025-10-26: that local day lasts 25 hours and spans two
UTC days (22:00 UTC on the 25th to 23:00 UTC on the 26th).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pyarrow as pa

from data_pipeline.table_partition import INSTANT, TablePartition

BERLIN = ZoneInfo("Europe/Berlin")
LONG_DAY = TablePartition(
    "measured_at",
    datetime(2025, 10, 26, tzinfo=BERLIN),
    datetime(2025, 10, 27, tzinfo=BERLIN),
    timezone="Europe/Berlin",
)
NEXT_DAY = TablePartition(
    "measured_at",
    datetime(2025, 10, 27, tzinfo=BERLIN),
    datetime(2025, 10, 28, tzinfo=BERLIN),
    timezone="Europe/Berlin",
)


def hourly_rows(partition: TablePartition, value: int) -> pa.Table:
    """Rows `measured_at` (one per hour of absolute time in the partition's window, UTC
    instants) and `value`."""
    assert partition.instants is not None
    start, end = partition.instants
    hours = int((end - start).total_seconds() // 3600)
    moments = [start + timedelta(hours=hour) for hour in range(hours)]
    return pa.table({"measured_at": pa.array(moments, INSTANT), "value": [value] * hours})
