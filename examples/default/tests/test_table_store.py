"""The table store (lakehouse.py) replaces exactly a partition's rows, on any calendar day."""

from datetime import UTC, datetime

import pyarrow as pa
import pytest

from data_pipeline import lakehouse
from data_pipeline.table_partition import INSTANT, TablePartition

from long_day import LONG_DAY, NEXT_DAY, hourly_rows


def write(data: pa.Table, partition: TablePartition, schema_update: str = "error") -> None:
    lakehouse.write_partition("probe", data, partition, [("measured_at", "day")], schema_update)


@pytest.mark.usefixtures("warehouse")
def test_a_25_hour_day_is_replaced_whole_and_alone() -> None:
    write(hourly_rows(LONG_DAY, 1), LONG_DAY)
    write(hourly_rows(NEXT_DAY, 1), NEXT_DAY)
    write(hourly_rows(LONG_DAY, 2), LONG_DAY)
    assert lakehouse.read_partition("probe", LONG_DAY)["value"].to_pylist() == [2] * 25
    assert lakehouse.read_partition("probe", NEXT_DAY)["value"].to_pylist() == [1] * 24


@pytest.mark.usefixtures("warehouse")
def test_a_row_outside_the_partition_is_refused() -> None:
    write(hourly_rows(LONG_DAY, 1), LONG_DAY)
    with pytest.raises(ValueError, match="outside the partition"):
        write(hourly_rows(NEXT_DAY, 2), LONG_DAY)
    assert lakehouse.read_partition("probe", TablePartition())["value"].to_pylist() == [1] * 25


@pytest.mark.usefixtures("warehouse")
def test_new_columns_need_schema_update() -> None:
    write(hourly_rows(LONG_DAY, 1), LONG_DAY)
    wider = hourly_rows(LONG_DAY, 2).append_column("note", pa.array(["x"] * 25))
    with pytest.raises(ValueError):
        write(wider, LONG_DAY)
    write(wider, LONG_DAY, schema_update="update")
    assert lakehouse.read_partition("probe", LONG_DAY)["note"].to_pylist() == ["x"] * 25


@pytest.mark.usefixtures("warehouse")
def test_times_in_the_partitions_zone_are_stored_as_the_same_instants() -> None:
    # An asset may hand over Dagster's window bounds as they come: in the partitions' zone.
    rows = hourly_rows(LONG_DAY, 1)
    local = rows["measured_at"].cast(pa.timestamp("us", LONG_DAY.timezone))
    write(rows.set_column(0, "measured_at", local), LONG_DAY)
    stored = lakehouse.read_partition("probe", LONG_DAY)
    assert stored["measured_at"].to_pylist() == rows["measured_at"].to_pylist()
    assert stored.schema.field("measured_at").type == INSTANT


@pytest.mark.usefixtures("warehouse")
def test_a_table_of_wall_clock_times_from_an_earlier_version_keeps_working() -> None:
    # Earlier versions of this project stored naive wall-clock times in the partitions' zone.
    legacy = pa.schema([("measured_at", pa.timestamp("us")), ("value", pa.int64())])
    lakehouse.open_catalog().create_table((lakehouse.NAMESPACE, "probe"), schema=legacy)
    write(hourly_rows(LONG_DAY, 1), LONG_DAY)
    write(hourly_rows(NEXT_DAY, 1), NEXT_DAY)
    rows = lakehouse.read_partition("probe", LONG_DAY)
    # The repeated 02:00 hour reads back as its first run: wall-clock times cannot tell them apart.
    assert rows.num_rows == 25
    assert rows.schema.field("measured_at").type == INSTANT
    assert min(rows["measured_at"].to_pylist()) == datetime(2025, 10, 25, 22, tzinfo=UTC)
