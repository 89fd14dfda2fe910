"""The orders example's transformations in pandas: pure functions, no Dagster, no I/O."""

from collections.abc import Sequence

import pandas as pd
import pyarrow as pa


def clean_orders(raw: pd.DataFrame) -> pd.DataFrame:
    """Drops repeated orders and invalid rows, and adds each order's revenue.

    Of the rows sharing an order_id the first is kept (the source repeats exact copies); rows
    without a customer or with a quantity below 1 are invalid. Adds revenue (float, cents).
    """
    valid = raw["customer_id"].notna() & (raw["quantity"] > 0)
    cleaned = raw.loc[valid].drop_duplicates(subset="order_id", keep="first")
    return cleaned.reset_index(drop=True).assign(
        revenue=(cleaned["quantity"] * cleaned["unit_price"]).round(2).to_numpy()
    )


def summarize_orders(
    cleaned: pd.DataFrame, periods: pa.Array | pa.ChunkedArray, by: Sequence[str] = ("region",)
) -> pd.DataFrame:
    """Orders, units, revenue and average order value per period and `by` columns.

    `periods` holds each order's `period_start`, row for row (a local date, or the start of the
    partition an order belongs to: lib.orders computes it).
    """
    summary = (
        cleaned.assign(period_start=periods.to_pandas().set_axis(cleaned.index))
        .groupby(["period_start", *by], as_index=False)
        .agg(
            orders=("order_id", "count"),
            units=("quantity", "sum"),
            revenue=("revenue", "sum"),
        )
    )
    summary["revenue"] = summary["revenue"].round(2)
    summary["average_order_value"] = (summary["revenue"] / summary["orders"]).round(2)
    return summary.sort_values(["period_start", *by], ignore_index=True)
