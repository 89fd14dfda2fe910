"""The orders example's transformations in DuckDB SQL: pure functions, no Dagster, no I/O.

{% if streams %}
Each function builds a relation on its input relation and returns it: DuckDB runs nothing
until the IO manager writes the result (or a check counts it).
{% else %}
Each function runs its SQL in a private in-memory DuckDB over Arrow tables and returns one.
{% endif %}
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
{% if summary_grain == 'hour' %}
from datetime import datetime
{% endif %}

import duckdb
{% if not streams %}
import pyarrow as pa
{% endif %}

from .frames import Frame, profile
{% if streams %}


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
{% else %}


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
{% endif %}


@contextmanager
def clean_and_profile(
    raw: Frame, key: str, required: Sequence[str]
) -> Iterator[tuple[Frame, tuple[int, int, int]]]:
    """clean_orders(raw), with its profile (lib.frames.profile by `key` and `required`), for the
    block's duration.{{ ' One run counts the profile (DuckDB spills what does not fit); the IO\n    manager\'s write runs the plan again.' if streams else '' }}"""
    cleaned = clean_orders(raw)
    yield cleaned, profile(cleaned, key, required)
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


def summarize_orders(cleaned: Frame, period: str, by: Sequence[str] = ("region",)) -> Frame:
    """Orders, units, revenue and average order value per period and `by` columns.

    `period` is the SQL of each order's `period_start` ({{ 'local_date()' if summary_grain == 'day' else 'window_start()' }}).
    """
    keys = ", ".join(["period_start", *by])
    sql = f"""
        SELECT {keys}, count(*) AS orders, CAST(sum(quantity) AS BIGINT) AS units,
            round(sum(revenue), 2) AS revenue,
            round(round(sum(revenue), 2) / count(*), 2) AS average_order_value
        FROM (SELECT *, {period} AS period_start FROM cleaned)
        GROUP BY {keys}
        ORDER BY {keys}
        """
    return {{ 'cleaned.query("cleaned", sql)' if streams else '_query(sql, cleaned=cleaned)' }}
{% if not streams %}


def _query(sql: str, **tables: pa.Table) -> pa.Table:
    """`sql` over the Arrow `tables` (by name) in a fresh in-memory DuckDB, in UTC."""
    with duckdb.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        for name, table in tables.items():
            connection.register(name, table)
        return connection.execute(sql).to_arrow_table()
{% endif %}
{% if summary_grain == 'hour' %}


def _instant(moment: datetime) -> str:
    return f"TIMESTAMPTZ {_literal(moment.isoformat())}"
{% endif %}


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
