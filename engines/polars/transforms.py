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
