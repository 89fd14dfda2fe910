"""The orders example's source data: pure functions, no Dagster, no I/O.

Orders are synthetic and deterministic: the same window, row count and seed always give the same
rows, so a partition can be re-run and compared. A few rows are dirty on purpose (repeated orders,
missing customers, non-positive quantities) so that cleaning has real work to do.

Time is carried as instants: `ordered_at` is `timestamp[us, tz=UTC]` whatever the partitions'
time zone, so a day of 23 or 25 hours and the two runs of a repeated hour never collide.
"""

import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

PRODUCTS: tuple[str, ...] = ("widget", "gadget", "gizmo", "sprocket", "flange")
DEFAULT_REGIONS: tuple[str, ...] = ("north", "south", "east", "west")
# Every DUPLICATE_EVERY-th row repeats the row before it (an at-least-once source).
DUPLICATE_EVERY = 50
# Rows whose position is MISSING_CUSTOMER_OFFSET modulo MISSING_CUSTOMER_EVERY lack a customer.
MISSING_CUSTOMER_EVERY, MISSING_CUSTOMER_OFFSET = 97, 3
# Rows whose position is ZERO_QUANTITY_OFFSET modulo ZERO_QUANTITY_EVERY have quantity 0.
ZERO_QUANTITY_EVERY, ZERO_QUANTITY_OFFSET = 89, 5
INSTANT = pa.timestamp("us", tz="UTC")
# The columns of generated orders.
SCHEMA = pa.schema(
    [
        ("order_id", pa.string()),
        ("customer_id", pa.int64()),
        ("region", pa.string()),
        ("product", pa.string()),
        ("quantity", pa.int64()),
        ("unit_price", pa.float64()),
        ("ordered_at", INSTANT),
    ]
)
# Rows generated at a time (a multiple of DUPLICATE_EVERY): bounds the generator's memory.
BATCH_ROWS = 500_000


def seed_for(key: str) -> int:
    """A stable seed for a partition key (the built-in hash() is salted per process)."""
    return zlib.crc32(key.encode("utf-8"))


@dataclass(frozen=True)
class SourceSlice:
    """The source rows one partition key stands for: orders placed in `[start, end)` (tz-aware
    instants) in `regions`, generated from the key's seed, so a re-run gets the same rows."""

    key: str
    start: datetime
    end: datetime
    regions: tuple[str, ...] = DEFAULT_REGIONS
    # A column to add that holds `key` in every row (string), if any: the batch rows came in.
    key_column: str | None = None

    @property
    def seed(self) -> int:
        return seed_for(self.key)


def source_schema(sources: Sequence[SourceSlice]) -> pa.Schema:
    """The columns of source_batches(sources): SCHEMA, then the slices' key column (string) if
    they have one. Raises ValueError when the slices' key columns differ."""
    key_columns = {source.key_column for source in sources}
    if len(key_columns) > 1:
        raise ValueError(f"the slices' key columns differ: {sorted(map(str, key_columns))}")
    key_column = next(iter(key_columns), None)
    return SCHEMA if key_column is None else SCHEMA.append(pa.field(key_column, pa.string()))


def source_batches(sources: Sequence[SourceSlice], rows: int) -> Iterator[pa.RecordBatch]:
    """The rows of every slice in turn, `rows` per slice, as order_batches() generates them from
    its window, seed and regions; a slice's key column, if it has one, comes last.

    Batches are generated on demand, one at a time. Raises ValueError as order_batches() does.
    """
    for source in sources:
        for batch in order_batches(source.start, source.end, rows, source.seed, source.regions):
            if source.key_column is None:
                yield batch
            else:
                key = pa.array([source.key] * batch.num_rows, pa.string())
                yield batch.append_column(source.key_column, key)


def window_microseconds(
    start: datetime, end: datetime, rows: int, regions: Sequence[str]
) -> tuple[int, int]:
    """`[start, end)` as microseconds since 1970, once an order set's arguments are checked.

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
    return start_us, end_us


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
    The rows of order_batches(), in one table. Raises ValueError as order_batches() does.
    """
    return pa.Table.from_batches(list(order_batches(start, end, rows, seed, regions)), SCHEMA)


def order_batches(
    start: datetime,
    end: datetime,
    rows: int,
    seed: int,
    regions: Sequence[str] = DEFAULT_REGIONS,
    batch_rows: int = BATCH_ROWS,
) -> Iterator[pa.RecordBatch]:
    """generate_orders()'s rows as Arrow record batches of at most `batch_rows` rows, in order.

    Batch i holds rows `[i * batch_rows, (i + 1) * batch_rows)` placed in its share of the
    window and is computed from `seed` and `i` alone, so only one batch is in memory at a time.
    Raises ValueError for naive or empty windows, rows below 1, no regions, or a `batch_rows`
    that is not a positive multiple of DUPLICATE_EVERY (a repeat must follow its original).
    """
    start_us, end_us = window_microseconds(start, end, rows, regions)
    if batch_rows < 1 or batch_rows % DUPLICATE_EVERY:
        raise ValueError(f"batch_rows must be a positive multiple of {DUPLICATE_EVERY}")
    width = end_us - start_us
    for first in range(0, rows, batch_rows):
        last = min(first + batch_rows, rows)
        # The batch's share of the window, in proportion to its rows.
        span = (start_us + width * first // rows, start_us + width * last // rows)
        yield _batch(first, last, span, seed, regions)


def _batch(
    first: int, last: int, span: tuple[int, int], seed: int, regions: Sequence[str]
) -> pa.RecordBatch:
    """Rows `[first, last)` of a generated set, ordered in `span` (microseconds since 1970)."""
    rng = np.random.default_rng([seed, first])
    size = last - first
    position = np.arange(first, last)
    # A repeated row copies every field of its predecessor (within the batch: see batch_rows).
    source = np.where(position % DUPLICATE_EVERY == DUPLICATE_EVERY - 1, position - 1, position)
    local = source - first
    ordered_at = np.sort(rng.integers(span[0], max(span[1], span[0] + 1), size=size))[local]
    customer = rng.integers(1, 5_000, size=size)[local]
    quantity = rng.integers(1, 10, size=size)[local]
    quantity[source % ZERO_QUANTITY_EVERY == ZERO_QUANTITY_OFFSET] = 0
    missing_customer = source % MISSING_CUSTOMER_EVERY == MISSING_CUSTOMER_OFFSET
    # Arrow picks the strings by index: no Python object per row.
    region = pa.array(regions, pa.string()).take(rng.integers(0, len(regions), size=size)[local])
    product = pa.array(PRODUCTS, pa.string()).take(rng.integers(0, len(PRODUCTS), size=size)[local])
    # "{seed:08x}-{source:09d}", built by Arrow rather than a Python loop over the rows.
    serial = pc.utf8_lpad(pa.array(source, pa.int64()).cast(pa.string()), 9, "0")
    order_id = pc.binary_join_element_wise(f"{seed:08x}", serial, "-")
    return pa.record_batch(
        {
            "order_id": order_id,
            "customer_id": pa.array(customer, pa.int64(), mask=missing_customer),
            "region": region,
            "product": product,
            "quantity": pa.array(quantity, pa.int64()),
            "unit_price": pa.array(rng.uniform(2.0, 200.0, size=size).round(2)[local]),
            "ordered_at": pa.array(ordered_at, INSTANT),
        },
        schema=SCHEMA,
    )
