{% if streams %}
"""The orders example's transformations in DuckDB SQL: pure functions, no Dagster, no I/O.

Each function builds a relation on its input relation and returns it: DuckDB runs nothing
until the IO manager writes the result (or a check counts it).
"""

from collections.abc import Sequence
{% if summary_grain == 'hour' %}
from datetime import datetime
{% endif %}

import duckdb


def clean_orders(raw: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
    """Drops repeated orders and invalid rows, and adds each order's revenue.

    Of the rows sharing an order_id one is kept (the source repeats exact copies, so which one
    does not matter); rows without a customer or with a quantity below 1 are invalid. Adds
    revenue (cents).
    """
    return raw.query(
        "raw",
        """
        SELECT DISTINCT ON (order_id) *, round(quantity * unit_price, 2) AS revenue
        FROM raw
        WHERE customer_id IS NOT NULL AND quantity > 0
        """,
    )
{% if summary_grain == 'day' %}


def local_date(column: str, timezone: str) -> str:
    """SQL for the local calendar date in `timezone` of each instant of `column` (DATE)."""
    return f"CAST(timezone({_literal(timezone)}, {_identifier(column)}) AS DATE)"
{% else %}


def window_start(column: str, starts: Sequence[datetime]) -> str:
    """SQL for the latest of `starts` at or before each instant of `column` (TIMESTAMPTZ).

    With the starts of a run's partition windows this is the partition each order belongs to,
    whatever the calendar does: hours of 30 or 90 minutes, the two runs of a repeated hour.
    An instant before every start gets NULL (the summary's reconciliation check then fails).
    """
    cases = " ".join(
        f"WHEN {_identifier(column)} >= {_instant(start)} THEN {_instant(start)}"
        for start in sorted(starts, reverse=True)
    )
    return f"CASE {cases} END"
{% endif %}


def summarize_orders(
    cleaned: duckdb.DuckDBPyRelation, period: str, by: Sequence[str] = ("region",)
) -> duckdb.DuckDBPyRelation:
    """Orders, units, revenue and average order value per period and `by` columns.

    `period` is the SQL of each order's `period_start` ({{ 'local_date()' if summary_grain == 'day' else 'window_start()' }}).
    """
    keys = ", ".join(["period_start", *by])
    return cleaned.query(
        "cleaned",
        f"""
        SELECT {keys}, count(*) AS orders, CAST(sum(quantity) AS BIGINT) AS units,
            round(sum(revenue), 2) AS revenue,
            round(round(sum(revenue), 2) / count(*), 2) AS average_order_value
        FROM (SELECT *, {period} AS period_start FROM cleaned)
        GROUP BY {keys}
        ORDER BY {keys}
        """,
    )


{% if summary_grain == 'hour' %}
def _instant(moment: datetime) -> str:
    return f"TIMESTAMPTZ {_literal(moment.isoformat())}"


{% endif %}
def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
{% else %}
"""The orders example's transformations in DuckDB SQL: pure functions, no Dagster, no I/O.

Each function runs its SQL in a private in-memory DuckDB over Arrow tables and returns one.
"""

from collections.abc import Sequence

import duckdb
import pyarrow as pa


def clean_orders(raw: pa.Table) -> pa.Table:
    """Drops repeated orders and invalid rows, and adds each order's revenue.

    Of the rows sharing an order_id the earliest is kept (the source repeats exact copies);
    rows without a customer or with a quantity below 1 are invalid. Adds revenue (cents).
    """
    return _query(
        """
        SELECT * EXCLUDE (occurrence), round(quantity * unit_price, 2) AS revenue
        FROM (
            SELECT *, row_number() OVER (PARTITION BY order_id ORDER BY ordered_at) AS occurrence
            FROM raw
            WHERE customer_id IS NOT NULL AND quantity > 0
        )
        WHERE occurrence = 1
        ORDER BY ordered_at, order_id
        """,
        raw=raw,
    )


def summarize_orders(
    cleaned: pa.Table, periods: pa.Array | pa.ChunkedArray, by: Sequence[str] = ("region",)
) -> pa.Table:
    """Orders, units, revenue and average order value per period and `by` columns.

    `periods` holds each order's `period_start`, row for row (a local date, or the start of the
    partition an order belongs to: lib.orders computes it).
    """
    with_periods = cleaned.append_column("period_start", periods)
    keys = ", ".join(["period_start", *by])
    return _query(
        f"""
        SELECT {keys}, count(*) AS orders, CAST(sum(quantity) AS BIGINT) AS units,
            round(sum(revenue), 2) AS revenue,
            round(round(sum(revenue), 2) / count(*), 2) AS average_order_value
        FROM with_periods
        GROUP BY {keys}
        ORDER BY {keys}
        """,
        with_periods=with_periods,
    )


def _query(sql: str, **tables: pa.Table) -> pa.Table:
    """`sql` over the Arrow `tables` (by name) in a fresh in-memory DuckDB, in UTC."""
    with duckdb.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        for name, table in tables.items():
            connection.register(name, table)
        return connection.execute(sql).to_arrow_table()
{% endif %}
