"""The orders example's transformations in polars: pure functions, no Dagster, no I/O.

{% if streams %}
Each function plans lazily and returns the plan: nothing runs until the IO manager sinks the
result (or a check counts it) with the streaming engine.
{% else %}
Each function plans lazily and collects once{{ ', with the streaming engine' if data_volume == 'medium' else '' }}.
{% endif %}
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
{% if summary_grain == 'hour' %}
from datetime import UTC, datetime
{% endif %}

import polars as pl
{% if not streams %}
import pyarrow as pa
{% endif %}

{% if streams %}
from .frames import concat, profile, scratch_folder, split_by_key, staged


def clean_orders(raw: pl.LazyFrame) -> pl.LazyFrame:
    """Drops repeated orders and invalid rows, and adds each order's revenue.

    Of the rows sharing an order_id the first is kept (the source repeats exact copies); rows
    without a customer or with a quantity below 1 are invalid. Adds revenue (float, cents).
    """
    # is_first_distinct, not unique(): the streaming engine then holds the order ids seen so
    # far, not the rows it keeps.
    return (
        raw.filter(pl.col("customer_id").is_not_null() & (pl.col("quantity") > 0))
        .filter(pl.col("order_id").is_first_distinct())
        .with_columns(revenue=(pl.col("quantity") * pl.col("unit_price")).round(2))
    )


@contextmanager
def clean_and_profile(
    raw: pl.LazyFrame, key: str, required: Sequence[str]
) -> Iterator[tuple[pl.LazyFrame, tuple[int, int, int]]]:
    """clean_orders(raw), with its profile (lib.frames.profile by `key` and `required`), for the
    block's duration: the frame reads scratch files that go when the block ends.

    Orders are split into hash buckets of `key` (one streaming run writes them to scratch files)
    and cleaned one bucket at a time, so polars holds one bucket's keys while it deduplicates,
    not the partition's. The profile counts the cleaned buckets' files, which the frame then
    reads (the IO manager's sink, inside the block).
    """
    with scratch_folder() as scratch:
        buckets = split_by_key(raw, key, scratch / "buckets")
        parts = staged([clean_orders(bucket) for bucket in buckets], scratch / "cleaned")
        counts = [profile(part, key, required) for part in parts]
        rows, duplicates, missing = (sum(values) for values in zip(*counts, strict=True))
        yield concat(parts), (rows, duplicates, missing)
{% else %}
from .frames import profile


def clean_orders(raw: pl.DataFrame) -> pl.DataFrame:
    """Drops repeated orders and invalid rows, and adds each order's revenue.

    Of the rows sharing an order_id the first is kept (the source repeats exact copies); rows
    without a customer or with a quantity below 1 are invalid. Adds revenue (float, cents).
    """
    return (
        raw.lazy()
        .filter(pl.col("customer_id").is_not_null() & (pl.col("quantity") > 0))
        .unique(subset="order_id", keep="first", maintain_order=True)
        .with_columns(revenue=(pl.col("quantity") * pl.col("unit_price")).round(2))
        .collect({{ 'engine="streaming"' if data_volume == 'medium' else '' }})
    )


@contextmanager
def clean_and_profile(
    raw: pl.DataFrame, key: str, required: Sequence[str]
) -> Iterator[tuple[pa.Table, tuple[int, int, int]]]:
    """clean_orders(raw) as an Arrow table, with its profile (lib.frames.profile by `key` and
    `required`), for the block's duration."""
    table = clean_orders(raw).to_arrow()
    yield table, profile(table, key, required)
{% endif %}
{% if summary_grain == 'day' %}


def local_date(column: str, timezone: str) -> pl.Expr:
    """The local calendar date in `timezone` of each instant of `column` (Date): its summary day."""
    return pl.col(column).dt.convert_time_zone(timezone).dt.date()
{% else %}


def window_start(column: str, starts: Sequence[datetime]) -> pl.Expr:
    """For each instant of `column`, the latest of `starts` at or before it (Datetime, UTC).

    With the starts of a run's partition windows this is the partition each order belongs to,
    whatever the calendar does: hours of 30 or 90 minutes, the two runs of a repeated hour.
    An instant before every start gets null (the summary's reconciliation check then fails).
    """
    ordered = sorted((start.astimezone(UTC) for start in starts), reverse=True)
    instant = pl.col(column).dt.convert_time_zone("UTC")
    expression = pl.when(instant >= ordered[0]).then(pl.lit(ordered[0]))
    for start in ordered[1:]:
        expression = expression.when(instant >= start).then(pl.lit(start))
    return expression.otherwise(None)
{% endif %}


def summarize_orders(
    cleaned: pl.{{ 'LazyFrame' if streams else 'DataFrame' }}, period: pl.Expr, by: Sequence[str] = ("region",)
) -> pl.{{ 'LazyFrame' if streams else 'DataFrame' }}:
    """Orders, units, revenue and average order value per period and `by` columns.

    `period` gives each order's `period_start` ({{ 'local_date()' if summary_grain == 'day' else 'window_start()' }}).
    """
    return (
        cleaned.lazy()
        .with_columns(period_start=period)
        .group_by("period_start", *by)
        .agg(
            orders=pl.col("order_id").count().cast(pl.Int64),
            units=pl.col("quantity").sum(),
            revenue=pl.col("revenue").sum().round(2),
        )
        .with_columns(average_order_value=(pl.col("revenue") / pl.col("orders")).round(2))
        .sort("period_start", *by)
{% if not streams %}
        .collect({{ 'engine="streaming"' if data_volume == 'medium' else '' }})
{% endif %}
    )
