"""Which rows belong to a partition: windows compared as instants, keys as data. No Dagster."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pyarrow as pa
import pytest

from data_pipeline.table_partition import (
    INSTANT,
    TablePartition,
    as_instants,
    as_wall_clock,
    in_utc,
    rows_outside,
)

from long_day import berlin_day

NEW_YORK = ZoneInfo("America/New_York")
# The repeated autumn hour: 01:00-02:00 runs first at UTC-4, then again at UTC-5.
FIRST_RUN = datetime(2025, 11, 2, 1, tzinfo=NEW_YORK)
SECOND_RUN = datetime(2025, 11, 2, 1, fold=1, tzinfo=NEW_YORK)
AFTER = datetime(2025, 11, 2, 2, tzinfo=NEW_YORK)


def test_the_two_runs_of_a_repeated_hour_are_different_instants() -> None:
    first = TablePartition("at", FIRST_RUN, SECOND_RUN, timezone="America/New_York")
    second = TablePartition("at", SECOND_RUN, AFTER, timezone="America/New_York")
    assert first.instants == (
        datetime(2025, 11, 2, 5, tzinfo=UTC),
        datetime(2025, 11, 2, 6, tzinfo=UTC),
    )
    assert second.instants == (
        datetime(2025, 11, 2, 6, tzinfo=UTC),
        datetime(2025, 11, 2, 7, tzinfo=UTC),
    )
    # On the wall clock both start at 01:00: that is why windows are never compared there.
    assert first.wall_clock[0] == second.wall_clock[0]


def test_a_23_hour_day_has_local_dates_and_instants() -> None:
    day = berlin_day(date(2025, 3, 30))
    assert day.local_dates == (date(2025, 3, 30), date(2025, 3, 31))
    start, end = day.instants
    assert (end - start).total_seconds() == 23 * 3600


def test_bad_windows_are_refused() -> None:
    with pytest.raises(ValueError, match="tz-aware"):
        TablePartition("at", datetime(2025, 1, 1), datetime(2025, 1, 2))
    with pytest.raises(ValueError, match="not after"):
        TablePartition("at", SECOND_RUN, FIRST_RUN)
    with pytest.raises(ValueError, match="time_column"):
        TablePartition(None, FIRST_RUN, AFTER)


def test_rows_outside_counts_rows_of_other_windows_and_keys() -> None:
    data = pa.table(
        {
            "at": pa.array(
                [
                    datetime(2025, 11, 2, 5, 30, tzinfo=UTC),  # first run of 01:00
                    datetime(2025, 11, 2, 6, 30, tzinfo=UTC),  # second run of 01:00
                    None,
                ],
                INSTANT,
            ),
            "batch_id": ["o'brien", "o'brien", "o'brien"],
        }
    )
    first = TablePartition("at", FIRST_RUN, SECOND_RUN, {"batch_id": "o'brien"})
    assert rows_outside(data, first) == 2
    assert rows_outside(data, TablePartition(keys={"batch_id": "o'brien"})) == 0
    assert rows_outside(data, TablePartition(keys={"batch_id": "other"})) == 3
    assert rows_outside(data, TablePartition()) == 0


def test_wall_clock_and_instants_round_trip() -> None:
    instants = pa.table(
        {"at": pa.array([datetime(2025, 3, 30, 0, 30, tzinfo=UTC)], INSTANT), "n": [1]}
    )
    local = as_wall_clock(instants, {"at"}, "Europe/Berlin")
    assert local["at"].to_pylist() == [datetime(2025, 3, 30, 1, 30)]
    assert as_instants(local, "Europe/Berlin").equals(instants)


def test_zoned_times_keep_their_instants_in_utc() -> None:
    # New York's repeated 01:00: the second run is an hour after the first.
    zoned = pa.table(
        {"at": pa.array([SECOND_RUN, FIRST_RUN], pa.timestamp("us", "America/New_York"))}
    )
    utc = [SECOND_RUN.astimezone(UTC), FIRST_RUN.astimezone(UTC)]
    assert in_utc(zoned).equals(pa.table({"at": pa.array(utc, INSTANT)}))
    naive = pa.table({"at": pa.array([datetime(2025, 11, 2, 1)], pa.timestamp("us"))})
    assert in_utc(naive).equals(naive)
