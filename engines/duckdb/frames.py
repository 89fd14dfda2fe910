{% if streams %}
"""DuckDB relations, the frames of the DuckDB engine: lazy queries run by DuckDB. No Dagster.

A step reads its input partition as a relation over Parquet files, builds its SQL on it and
hands the relation on; the IO manager has DuckDB write the result to Parquet files (COPY), so
rows never pass through Python and DuckDB spills to disk what does not fit in memory.
"""

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

Frame = duckdb.DuckDBPyRelation
# What DuckDB may hold in memory per process before it spills to disk. With the ~0.5 GB a
# step process holds anyway (Python, Dagster, Arrow), a step peaks near 1.2 GB whatever the
# partition's size (benchmarks/medium_tier.py: 1.23 GB at 10M rows, 1.16 GB at 30M; with
# "1GB", 1.65 and 1.72 GB).
MEMORY_LIMIT = "600MB"


@functools.cache
def connection() -> duckdb.DuckDBPyConnection:
    """The process's in-memory DuckDB, in UTC, in which every relation lives.

    Rows need not keep their order, which lets DuckDB stream writes instead of buffering them;
    past MEMORY_LIMIT, DuckDB spills joins, aggregations and sorts to its temporary directory.
    """
    database = duckdb.connect(config={"memory_limit": MEMORY_LIMIT})
    database.execute("SET TimeZone = 'UTC'")
    database.execute("SET preserve_insertion_order = false")
    return database


def to_arrow(frame: duckdb.DuckDBPyRelation | pa.Table) -> pa.Table:
    """The relation's rows as an Arrow table (run: for small results); a table as it is."""
    if isinstance(frame, pa.Table):
        return frame
    return frame.to_arrow_table()


def from_arrow(table: pa.Table) -> duckdb.DuckDBPyRelation:
    """A relation over the Arrow table."""
    return connection().from_arrow(table)


def from_batches(
    schema: pa.Schema, batches: Callable[[], Iterator[pa.RecordBatch]]
) -> duckdb.DuckDBPyRelation:
    """A relation whose rows `batches()` yields, one Arrow record batch at a time.

    The stream is read once: run the relation once (the IO manager writes it).
    """
    reader = pa.RecordBatchReader.from_batches(schema, batches())
    return connection().from_arrow(reader)


def scan_parquet(
    files: Sequence[str],
    window: tuple[str, datetime, datetime] | None = None,
    keys: Mapping[str, str] | None = None,
) -> duckdb.DuckDBPyRelation:
    """The rows of the Parquet `files` with `window`'s column in `[start, end)` and each `keys`
    column equal to its key; nothing is read until the relation runs."""
    relation = connection().read_parquet(list(files))
    if window:
        column, start, end = window
        name = _identifier(column)
        relation = relation.filter(f"{name} >= {_instant(start)} AND {name} < {_instant(end)}")
    for column, key in (keys or {}).items():
        relation = relation.filter(f"{_identifier(column)} = {_literal(key)}")
    return relation


def sink_parquet(
    frame: duckdb.DuckDBPyRelation, folder: Path, column: str | None, bounds: Sequence[datetime]
) -> list[Path]:
    """Writes the relation to Parquet files under `folder` in one run; returns the files.

    With a `column` and `bounds` `[b0, b1, ..., bn]` (instants, ascending) each file holds rows
    with `column` in one `[b(i), b(i+1))`; otherwise the files hold any rows.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if column is None or len(bounds) < 3:
        frame.to_parquet(str(folder / "part-00000.parquet"))
        return [folder / "part-00000.parquet"]
    cases = " ".join(
        f"WHEN {_identifier(column)} < {_instant(high)} THEN {index}"
        for index, high in enumerate(bounds[1:])
    )
    pieces = frame.project(f"*, CASE {cases} END AS piece")
    # One file set per piece, in folders piece=0, piece=1, ...; the piece column is left out.
    pieces.to_parquet(str(folder), partition_by=["piece"], overwrite=True)
    return sorted(folder.glob("piece=*/*.parquet"))


def schema(frame: duckdb.DuckDBPyRelation) -> pa.Schema:
    """The relation's columns as an Arrow schema (no row is read)."""
    return frame.limit(0).to_arrow_table().schema


def row_count(frame: duckdb.DuckDBPyRelation) -> int:
    """How many rows the relation holds (over Parquet files DuckDB reads only their footers)."""
    counted = frame.aggregate("count(*)").fetchone()
    assert counted is not None
    return counted[0]


def profile(
    frame: duckdb.DuckDBPyRelation, key: str, required: Sequence[str]
) -> tuple[int, int, int]:
    """`(rows, repeated keys, missing values)` of the relation in one run: how many rows repeat
    a value of `key` that another row holds, and how many values of `required` are null."""
    nulls = " + ".join(f"count(*) - count({_identifier(column)})" for column in required)
    distinct = f"count(DISTINCT {_identifier(key)}) + (count(*) > count({_identifier(key)}))::INT"
    counted = frame.aggregate(f"count(*), {distinct}, {nulls or '0'}").fetchone()
    assert counted is not None
    rows, distinct_keys, missing = counted
    return rows, rows - distinct_keys, missing


def _instant(moment: datetime) -> str:
    return f"TIMESTAMPTZ {_literal(moment.isoformat())}"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
{% else %}
"""Arrow tables, the frames of the DuckDB engine: its SQL reads and returns them. No Dagster."""

from collections.abc import Callable, Iterator, Sequence

import pyarrow as pa
import pyarrow.compute as pc

Frame = pa.Table


def to_arrow(frame: pa.Table) -> pa.Table:
    """The table itself: DuckDB hands Arrow tables over without copying."""
    return frame


def from_arrow(table: pa.Table) -> pa.Table:
    """The table itself."""
    return table


{% set frame_type = 'pa.Table' %}
{% include 'engines/in_memory_frames.py' %}
{% endif %}
