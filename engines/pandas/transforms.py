"""The orders example's transformations in pandas: pure functions, no Dagster, no I/O."""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
{% if summary_grain == 'hour' %}
from datetime import datetime
{% endif %}

{% if summary_grain == 'hour' %}
import numpy as np
{% endif %}
import pandas as pd
import pyarrow as pa
{% if summary_grain == 'day' %}
import pyarrow.compute as pc
{% endif %}

from .frames import profile, to_arrow

# How a summary gets each order's `period_start`: an Arrow array of the cleaned frame's rows.
Period = Callable[[pd.DataFrame], pa.Array]


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


@contextmanager
def clean_and_profile(
    raw: pd.DataFrame, key: str, required: Sequence[str]
) -> Iterator[tuple[pa.Table, tuple[int, int, int]]]:
    """clean_orders(raw) as an Arrow table, with its profile (lib.frames.profile by `key` and
    `required`), for the block's duration."""
    table = to_arrow(clean_orders(raw))
    yield table, profile(table, key, required)
{% if summary_grain == 'day' %}


def local_date(column: str, timezone: str) -> Period:
    """The local calendar date in `timezone` of each instant of `column` (date32): its
    summary day."""

    def dates(frame: pd.DataFrame) -> pa.Array:
        instants = pa.Array.from_pandas(frame[column])
        return pc.local_timestamp(instants.cast(pa.timestamp("us", timezone))).cast(pa.date32())

    return dates
{% else %}


def window_start(column: str, starts: Sequence[datetime]) -> Period:
    """For each instant of `column`, the latest of `starts` at or before it (timestamp[us, tz=UTC]).

    With the starts of a run's partition windows this is the partition each order belongs to,
    whatever the calendar does: hours of 30 or 90 minutes, the two runs of a repeated hour.
    An instant before every start gets null (the summary's reconciliation check then fails).
    """
    instant = pa.timestamp("us", "UTC")
    bounds = np.array(sorted(round(start.timestamp() * 1_000_000) for start in starts))

    def window_starts(frame: pd.DataFrame) -> pa.Array:
        moments = pa.Array.from_pandas(frame[column]).cast(instant).cast(pa.int64())
        index = np.searchsorted(bounds, moments.to_numpy(zero_copy_only=False), side="right") - 1
        return pa.array(bounds[np.maximum(index, 0)], pa.int64(), mask=index < 0).cast(instant)

    return window_starts
{% endif %}


def summarize_orders(
    cleaned: pd.DataFrame, period: Period, by: Sequence[str] = ("region",)
) -> pd.DataFrame:
    """Orders, units, revenue and average order value per period and `by` columns.

    `period` gives each order's `period_start` ({{ 'local_date()' if summary_grain == 'day' else 'window_start()' }}).
    """
    summary = (
        cleaned.assign(period_start=period(cleaned).to_pandas().set_axis(cleaned.index))
        .groupby(["period_start", *by], as_index=False, dropna=False)
        .agg(
            orders=("order_id", "count"),
            units=("quantity", "sum"),
            revenue=("revenue", "sum"),
        )
    )
    summary["revenue"] = summary["revenue"].round(2)
    summary["average_order_value"] = (summary["revenue"] / summary["orders"]).round(2)
    return summary.sort_values(["period_start", *by], ignore_index=True)
