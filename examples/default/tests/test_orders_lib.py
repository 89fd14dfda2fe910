"""Unit tests of the orders source, lib.orders: no Dagster involved."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from data_pipeline.lib import orders

START = datetime(2025, 1, 1, tzinfo=UTC)
END = START + timedelta(days=1)
BERLIN = ZoneInfo("Europe/Berlin")


def test_generation_is_deterministic_and_inside_the_window() -> None:
    first = orders.generate_orders(START, END, rows=500, seed=7)
    assert first.equals(orders.generate_orders(START, END, rows=500, seed=7))
    assert not first.equals(orders.generate_orders(START, END, rows=500, seed=8))
    assert first.num_rows == 500
    assert first.schema.field("ordered_at").type == pa.timestamp("us", tz="UTC")
    assert pc.min(first["ordered_at"]).as_py() >= START
    assert pc.max(first["ordered_at"]).as_py() < END


def test_a_23_hour_day_gets_23_hours_of_orders() -> None:
    # Europe/Berlin skips 02:00-03:00 on 2025-03-30: the local day lasts 23 hours.
    start, end = datetime(2025, 3, 30, tzinfo=BERLIN), datetime(2025, 3, 31, tzinfo=BERLIN)
    raw = orders.generate_orders(start, end, rows=2_000, seed=1)
    assert pc.min(raw["ordered_at"]).as_py() >= start
    assert pc.max(raw["ordered_at"]).as_py() < end
    assert pc.max(raw["ordered_at"]).as_py() > datetime(2025, 3, 30, 21, tzinfo=UTC)


def test_generation_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="rows"):
        orders.generate_orders(START, END, rows=0, seed=1)
    with pytest.raises(ValueError, match="after start"):
        orders.generate_orders(END, START, rows=10, seed=1)
    with pytest.raises(ValueError, match="tz-aware"):
        orders.generate_orders(START.replace(tzinfo=None), END, rows=10, seed=1)


def test_regions_are_honoured() -> None:
    raw = orders.generate_orders(START, END, rows=200, seed=3, regions=["eu"])
    assert pc.unique(raw["region"]).to_pylist() == ["eu"]


def test_source_batches_carry_each_slice_key() -> None:
    sources = [
        orders.SourceSlice(key, START, END, key_column="batch_id") for key in ("first", "second")
    ]
    batches = orders.source_batches(sources, rows=100)
    table = pa.Table.from_batches(batches, orders.source_schema(sources))
    assert table["batch_id"].to_pylist() == ["first"] * 100 + ["second"] * 100
    second = orders.generate_orders(START, END, rows=100, seed=orders.seed_for("second"))
    assert table.slice(100).drop_columns("batch_id").equals(second)
    with pytest.raises(ValueError, match="key columns differ"):
        orders.source_schema([*sources, orders.SourceSlice("third", START, END)])
