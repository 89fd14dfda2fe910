"""The orders example's source data: pure functions, no Dagster, no I/O.

Orders are synthetic and deterministic: the same window, row count and seed always give the same
rows, so a partition can be re-run and compared. A few rows are dirty on purpose (repeated orders,
missing customers, non-positive quantities) so that cleaning has real work to do.

Time is carried as instants: `ordered_at` is `timestamp[us, tz=UTC]` whatever the partitions'
time zone, so a day of 23 or 25 hours and the two runs of a repeated hour never collide.
"""

import zlib
from collections.abc import Sequence
from datetime import datetime

import numpy as np
import pyarrow as pa

PRODUCTS: tuple[str, ...] = ("widget", "gadget", "gizmo", "sprocket", "flange")
DEFAULT_REGIONS: tuple[str, ...] = ("north", "south", "east", "west")
# Every DUPLICATE_EVERY-th row repeats the row before it (an at-least-once source).
DUPLICATE_EVERY = 50
# Rows whose position is MISSING_CUSTOMER_OFFSET modulo MISSING_CUSTOMER_EVERY lack a customer.
MISSING_CUSTOMER_EVERY, MISSING_CUSTOMER_OFFSET = 97, 3
# Rows whose position is ZERO_QUANTITY_OFFSET modulo ZERO_QUANTITY_EVERY have quantity 0.
ZERO_QUANTITY_EVERY, ZERO_QUANTITY_OFFSET = 89, 5
INSTANT = pa.timestamp("us", tz="UTC")


def seed_for(key: str) -> int:
    """A stable seed for a partition key (the built-in hash() is salted per process)."""
    return zlib.crc32(key.encode("utf-8"))


def generate_orders(
    start: datetime,
    end: datetime,
    rows: int,
    seed: int,
    regions: Sequence[str] = DEFAULT_REGIONS,
) -> pa.Table:
    """`rows` synthetic orders placed in `[start, end)`, as an Arrow table.

    `start` and `end` are tz-aware; the span is absolute time, so a 23-hour day gets 23 hours
    of orders. Columns: order_id, region, product (string), customer_id (int64, with nulls),
    quantity (int64), unit_price (float64), ordered_at (timestamp[us, tz=UTC]).
    Raises ValueError for naive or empty windows, rows below 1 or no regions.
    """
    if start.utcoffset() is None or end.utcoffset() is None:
        raise ValueError("start and end must be tz-aware")
    start_us, end_us = (round(bound.timestamp() * 1_000_000) for bound in (start, end))
    if end_us <= start_us:
        raise ValueError(f"end {end} must be after start {start}")
    if rows < 1:
        raise ValueError(f"rows must be positive, got {rows}")
    if not regions:
        raise ValueError("regions must not be empty")
    rng = np.random.default_rng(seed)
    position = np.arange(rows)
    # A repeated row copies every field of its predecessor.
    source = np.where(position % DUPLICATE_EVERY == DUPLICATE_EVERY - 1, position - 1, position)
    ordered_at = np.sort(rng.integers(start_us, end_us, size=rows))[source]
    customer = rng.integers(1, 5_000, size=rows)[source]
    quantity = rng.integers(1, 10, size=rows)[source]
    quantity[source % ZERO_QUANTITY_EVERY == ZERO_QUANTITY_OFFSET] = 0
    missing_customer = source % MISSING_CUSTOMER_EVERY == MISSING_CUSTOMER_OFFSET
    region = np.asarray(regions, dtype=object)[rng.integers(0, len(regions), size=rows)[source]]
    product = np.asarray(PRODUCTS, dtype=object)[rng.integers(0, len(PRODUCTS), size=rows)[source]]
    return pa.table(
        {
            "order_id": pa.array([f"{seed:08x}-{row:09d}" for row in source], pa.string()),
            "customer_id": pa.array(customer, pa.int64(), mask=missing_customer),
            "region": pa.array(region, pa.string()),
            "product": pa.array(product, pa.string()),
            "quantity": pa.array(quantity, pa.int64()),
            "unit_price": pa.array(rng.uniform(2.0, 200.0, size=rows).round(2)[source]),
            "ordered_at": pa.array(ordered_at, INSTANT),
        }
    )
