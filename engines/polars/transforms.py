{% if streams %}
"""The orders example's transformations in polars: pure functions, no Dagster, no I/O.

Each function plans lazily and returns the plan: nothing runs until the IO manager sinks the
result (or a check counts it) with the streaming engine.
"""

from collections.abc import Sequence
{% if summary_grain == 'hour' %}
from datetime import UTC, datetime
{% endif %}

import polars as pl


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
    cleaned: pl.LazyFrame, period: pl.Expr, by: Sequence[str] = ("region",)
) -> pl.LazyFrame:
    """Orders, units, revenue and average order value per period and `by` columns.

    `period` gives each order's `period_start` ({{ 'local_date()' if summary_grain == 'day' else 'window_start()' }}).
    """
    return (
        cleaned.with_columns(period_start=period)
        .group_by("period_start", *by)
        .agg(
            orders=pl.col("order_id").count().cast(pl.Int64),
            units=pl.col("quantity").sum(),
            revenue=pl.col("revenue").sum().round(2),
        )
        .with_columns(average_order_value=(pl.col("revenue") / pl.col("orders")).round(2))
        .sort("period_start", *by)
    )
{% else %}
"""The orders example's transformations in polars: pure functions, no Dagster, no I/O.

Each function plans lazily and collects once{{ ', with the streaming engine' if data_volume == 'medium' else '' }}.
"""

from collections.abc import Sequence

import polars as pl
import pyarrow as pa


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


def summarize_orders(
    cleaned: pl.DataFrame, periods: pa.Array | pa.ChunkedArray, by: Sequence[str] = ("region",)
) -> pl.DataFrame:
    """Orders, units, revenue and average order value per period and `by` columns.

    `periods` holds each order's `period_start`, row for row (a local date, or the start of the
    partition an order belongs to: lib.orders computes it).
    """
    return (
        cleaned.lazy()
        .with_columns(period_start=pl.from_arrow(periods))
        .group_by("period_start", *by)
        .agg(
            orders=pl.col("order_id").count().cast(pl.Int64),
            units=pl.col("quantity").sum(),
            revenue=pl.col("revenue").sum().round(2),
        )
        .with_columns(average_order_value=(pl.col("revenue") / pl.col("orders")).round(2))
        .sort("period_start", *by)
        .collect({{ 'engine="streaming"' if data_volume == 'medium' else '' }})
    )
{% endif %}
