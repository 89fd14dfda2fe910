"""The rows of a table that belong to one Dagster partition, and how to select them in Arrow.

A partition is a time window (`[start, end)` on a time column), keys of static or dynamic
dimensions (`{column: key}`), or both. The IO manager builds it from a run's context, the dbt
plugin from the vars Dagster passes; the table store compares with it. No Dagster import.

Windows are compared as instants, never as wall-clock times: a day in a zone with daylight
saving lasts 23 or 25 hours, and the repeated autumn hour has two partitions whose wall-clock
bounds are equal. A time column holds instants (`timestamp[us, tz=UTC]`), or local calendar
dates for daily summaries (`date32`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.compute as pc

INSTANT = pa.timestamp("us", tz="UTC")


@dataclass(frozen=True)
class TablePartition:
    """A partition's rows: `time_column` in `[start, end)` and each `keys` column equal to its key.

    `start` and `end` are tz-aware datetimes (any zone); `timezone` is the IANA zone of the
    partitions, in which local dates and wall-clock times are read. An empty `TablePartition()`
    is the whole table. Raises ValueError for naive or inverted bounds.
    """

    time_column: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    keys: Mapping[str, str] = field(default_factory=dict)
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        if self.time_column is None:
            if self.start is not None or self.end is not None:
                raise ValueError("a time window needs a time_column")
            return
        if self.start is None or self.end is None:
            raise ValueError(f"{self.time_column}: a time window needs a start and an end")
        if self.start.utcoffset() is None or self.end.utcoffset() is None:
            raise ValueError(f"{self.time_column}: window bounds must be tz-aware")
        if self.end.timestamp() <= self.start.timestamp():
            raise ValueError(f"{self.time_column}: window end {self.end} is not after {self.start}")

    @property
    def instants(self) -> tuple[datetime, datetime] | None:
        """The window as UTC instants, or None for a partition without a time dimension."""
        if self.start is None or self.end is None:
            return None
        return self.start.astimezone(UTC), self.end.astimezone(UTC)

    @property
    def local_dates(self) -> tuple[date, date] | None:
        """The window as local calendar dates: `[first day, day after the last)`."""
        if self.start is None or self.end is None:
            return None
        zone = ZoneInfo(self.timezone)
        return self.start.astimezone(zone).date(), self.end.astimezone(zone).date()

    @property
    def wall_clock(self) -> tuple[datetime, datetime] | None:
        """The window as naive wall-clock times in `timezone` (how earlier versions stored time)."""
        if self.start is None or self.end is None:
            return None
        zone = ZoneInfo(self.timezone)
        return (
            self.start.astimezone(zone).replace(tzinfo=None),
            self.end.astimezone(zone).replace(tzinfo=None),
        )

    def describe(self) -> str:
        """`ordered_at in [2025-03-29T23:00:00+00:00, ...), region = 'eu'`, for messages."""
        parts = []
        if bounds := self.instants:
            start, end = (bound.isoformat() for bound in bounds)
            parts.append(f"{self.time_column} in [{start}, {end})")
        parts += [f"{column} = {key!r}" for column, key in self.keys.items()]
        return ", ".join(parts) or "the whole table"


def rows_outside(data: pa.Table, partition: TablePartition) -> int:
    """How many rows of `data` do not belong to `partition` (nulls count as outside)."""
    if data.num_rows == 0 or (partition.time_column is None and not partition.keys):
        return 0
    inside = pa.array([True] * data.num_rows)
    if partition.time_column:
        column = data.column(partition.time_column)
        if pa.types.is_date(column.type):
            bounds = partition.local_dates
        else:
            column, bounds = column.cast(INSTANT), partition.instants
        assert bounds is not None
        start, end = (pa.scalar(bound, column.type) for bound in bounds)
        inside = pc.and_(pc.greater_equal(column, start), pc.less(column, end))
    for column_name, key in partition.keys.items():
        inside = pc.and_(inside, pc.equal(data.column(column_name), key))
    return data.num_rows - pc.sum(pc.fill_null(inside, False).cast(pa.int64())).as_py()


def as_instants(data: pa.Table, timezone: str) -> pa.Table:
    """`data` with naive wall-clock timestamps read as UTC instants in `timezone`.

    Tables created by earlier versions of this project store wall-clock times; of a repeated
    hour the earlier reading wins.
    """
    for index, column_field in enumerate(data.schema):
        if pa.types.is_timestamp(column_field.type) and column_field.type.tz is None:
            instants = pc.assume_timezone(
                data.column(index), timezone, ambiguous="earliest", nonexistent="earliest"
            )
            data = data.set_column(index, column_field.name, instants.cast(INSTANT))
    return data


def in_utc(data: pa.Table) -> pa.Table:
    """`data` with every zoned timestamp column in UTC: the same instants (Arrow holds a zoned
    timestamp as UTC already, so only the label changes). Naive columns are left as they are."""
    for index, column_field in enumerate(data.schema):
        kind = column_field.type
        if pa.types.is_timestamp(kind) and kind.tz not in (None, "UTC"):
            utc = data.column(index).cast(pa.timestamp(kind.unit, "UTC"))
            data = data.set_column(index, column_field.name, utc)
    return data


def as_wall_clock(data: pa.Table, columns: set[str], timezone: str) -> pa.Table:
    """`data` with the instants of `columns` as naive wall-clock times in `timezone`."""
    for index, column_field in enumerate(data.schema):
        if column_field.name in columns and pa.types.is_timestamp(column_field.type):
            zoned = data.column(index).cast(pa.timestamp("us", timezone))
            data = data.set_column(index, column_field.name, pc.local_timestamp(zoned))
    return data
