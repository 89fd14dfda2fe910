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
