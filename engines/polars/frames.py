{% if streams %}
"""polars lazy frames, the steps' frames: planned lazily, run by the streaming engine. No Dagster.

A step reads its input partition as a scan of Parquet files, plans its transformations on it
and hands the plan on; the IO manager sinks the result to Parquet files batch by batch, so a
partition never has to fit in memory. A step that deduplicates splits its input into hash
buckets in scratch files first (split_by_key) and works one bucket at a time.
"""

import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import polars as pl
import polars.selectors as cs
import pyarrow as pa
from polars.io.plugins import register_io_source

Frame = pl.LazyFrame
# Rows a step deduplicates or counts distinct values of at a time (see split_by_key): polars
# holds their keys in memory while it does.
PART_ROWS = 1_000_000
# The compression of the Arrow IPC files a step writes for itself (split_by_key, staged): fast
# to write and read back, about a third of the rows' size in memory.
SCRATCH_COMPRESSION = "lz4"
# Rows split_by_key's writer gathers per bucket before it writes them: the run holds about this
# many rows of every bucket at once (with polars' default, hundreds of MB at 30 buckets).
BUCKET_BATCH_ROWS = 20_000


def to_arrow(frame: pl.LazyFrame | pl.DataFrame | pa.Table) -> pa.Table:
    """The frame's rows as an Arrow table (a lazy frame is collected: for small results); an
    Arrow table as it is."""
    if isinstance(frame, pa.Table):
        return frame
    if isinstance(frame, pl.LazyFrame):
        frame = frame.collect(engine="streaming")
    return frame.to_arrow()


def from_arrow(table: pa.Table) -> pl.LazyFrame:
    """The Arrow table as a lazy frame."""
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame.lazy()


def from_batches(
    schema: pa.Schema, batches: Callable[[], Iterator[pa.RecordBatch]]
) -> pl.LazyFrame:
    """A lazy frame whose rows `batches()` yields, one Arrow record batch at a time.

    `batches` is called each time the frame is run; `schema` is that of every batch.
    """
    polars_schema = pl.Schema(pl.from_arrow(schema.empty_table()).schema)

    def source(
        with_columns: list[str] | None,
        predicate: pl.Expr | None,
        n_rows: int | None,
        batch_size: int | None,
    ) -> Iterator[pl.DataFrame]:
        remaining = n_rows
        for batch in batches():
            frame = pl.from_arrow(batch)
            assert isinstance(frame, pl.DataFrame)
            if predicate is not None:
                frame = frame.filter(predicate)
            if with_columns is not None:
                frame = frame.select(with_columns)
            if remaining is not None:
                frame = frame.head(remaining)
                remaining -= frame.height
            yield frame
            if remaining == 0:
                return

    # Pure: the same batches every call, so one run with several sinks generates them once.
    return register_io_source(source, schema=polars_schema, is_pure=True)


def scan_parquet(
    files: Sequence[str],
    window: tuple[str, datetime, datetime] | None = None,
    keys: Mapping[str, str] | None = None,
) -> pl.LazyFrame:
    """The rows of the Parquet `files` with `window`'s column in `[start, end)` and each `keys`
    column equal to its key; nothing is read until the frame runs."""
    frame = pl.scan_parquet(list(files))
    if window:
        column, start, end = window
        frame = frame.filter((pl.col(column) >= start) & (pl.col(column) < end))
    for column, key in (keys or {}).items():
        frame = frame.filter(pl.col(column) == key)
    return frame


def sink_parquet(
    frame: pl.LazyFrame, folder: Path, column: str | None, bounds: Sequence[datetime]
) -> list[Path]:
    """Writes `frame` to Parquet files under `folder` in one streaming run; returns the files.

    With a `column` and `bounds` `[b0, b1, ..., bn]` (instants, ascending) each file holds rows
    with `column` in one `[b(i), b(i+1))`; otherwise the files hold any rows. A column zoned
    outside UTC (an asset that hands on Dagster's window bounds) is written as the same
    instants in UTC: Iceberg's timestamptz holds instants, and PyIceberg refuses other zones.
    """
    frame = frame.with_columns(cs.datetime(time_zone="*").dt.convert_time_zone("UTC"))
    if column is None or len(bounds) < 3:
        folder.mkdir(parents=True, exist_ok=True)
        frame.sink_parquet(folder / "part-00000.parquet")
        return [folder / "part-00000.parquet"]
    # The index of each row's piece: the number of inner bounds at or before its instant.
    piece = pl.sum_horizontal(
        (pl.col(column) >= bound).cast(pl.Int32) for bound in bounds[1:-1]
    ).alias("piece")
    # One file set per piece, in folders piece=0, piece=1, ...; the piece column is left out.
    frame.with_columns(piece).sink_parquet(
        pl.PartitionBy(folder, key="piece", include_key=False), mkdir=True
    )
    return sorted(folder.glob("piece=*/*.parquet"))


def schema(frame: pl.LazyFrame) -> pa.Schema:
    """The frame's columns as an Arrow schema (nothing runs)."""
    return pl.DataFrame(schema=frame.collect_schema()).to_arrow().schema


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A fresh folder for a step's scratch files (split_by_key, staged), in the system's
    temporary folder (TMPDIR); it is removed with its files when the block ends."""
    with tempfile.TemporaryDirectory(prefix="scratch-") as folder:
        yield Path(folder)


def split_by_key(
    frame: pl.LazyFrame, key: str, folder: Path, part_rows: int = PART_ROWS
) -> list[pl.LazyFrame]:
    """`frame` as parts of about `part_rows` rows that share no value of `key` (hash buckets).

    Deduplicating or counting distinct keys part by part needs one part's keys in memory, not
    the frame's. One streaming run writes the parts as Arrow IPC files under `folder` (a
    scratch folder the caller removes after the parts' last use); each part is a scan of its
    files. A frame of at most `part_rows` rows (counted first, from the Parquet footers when it
    is a scan) is the one part, and nothing is written.
    """
    parts = max(1, -(-row_count(frame) // part_rows))
    if parts == 1:
        return [frame]
    # Running each bucket as a filter of the whole frame would read the frame once per part,
    # and one run of all the parts (pl.concat) deduplicates them all at the same time.
    bucket = (pl.col(key).hash() % parts).alias("bucket")
    frame.with_columns(bucket).sink_ipc(
        pl.PartitionBy(folder, key="bucket", include_key=False),
        compression=SCRATCH_COMPRESSION,
        record_batch_size=BUCKET_BATCH_ROWS,
        mkdir=True,
    )
    # A bucket no row hashed to has no folder.
    return [pl.scan_ipc(part / "*.ipc") for part in sorted(folder.glob("bucket=*"))]


def staged(parts: Sequence[pl.LazyFrame], folder: Path) -> list[pl.LazyFrame]:
    """Runs each of `parts` in turn, with the streaming engine, into an Arrow IPC file under
    `folder` (created if missing; the caller removes it after the files' last use); returns a
    scan of each file.

    Later runs (checks, the IO manager's sink) read the files instead of running the parts'
    plans again; one part runs at a time, so memory holds what one part's plan needs.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"part-{index:05d}.arrow" for index in range(len(parts))]
    for part, file in zip(parts, files, strict=True):
        part.sink_ipc(file, compression=SCRATCH_COMPRESSION)
    return [pl.scan_ipc(file) for file in files]


def concat(parts: Sequence[pl.LazyFrame]) -> pl.LazyFrame:
    """The parts' rows one after the other, in one lazy frame. The streaming engine starts every
    part's plan at once: parts whose plans hold memory (a deduplication) go through `staged`
    first, so that this only reads their files."""
    return pl.concat(parts) if len(parts) > 1 else parts[0]


def row_count(frame: pl.LazyFrame) -> int:
    """How many rows the frame holds (a scan of Parquet files reads only their footers)."""
    return frame.select(pl.len()).collect(engine="streaming").item()


def profile(frame: pl.LazyFrame, key: str, required: Sequence[str]) -> tuple[int, int, int]:
    """`(rows, repeated keys, missing values)` of the frame in one streaming run: how many rows
    repeat a value of `key` that another row holds, and how many values of `required` are null."""
    counts = frame.select(
        rows=pl.len(),
        distinct=pl.col(key).n_unique(),
        nulls=pl.sum_horizontal(pl.col(column).null_count() for column in required),
    ).collect(engine="streaming")
    rows, distinct, nulls = counts.row(0)
    return rows, rows - distinct, nulls
{% else %}
"""polars frames to and from Arrow, the form the table store reads and writes. No Dagster."""

from collections.abc import Callable, Iterator, Sequence

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

Frame = pl.DataFrame


def to_arrow(frame: pl.DataFrame | pa.Table) -> pa.Table:
    """The frame as an Arrow table (without copying); an Arrow table as it is."""
    if isinstance(frame, pa.Table):
        return frame
    return frame.to_arrow()


def from_arrow(table: pa.Table) -> pl.DataFrame:
    """The Arrow table as a frame."""
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


{% set frame_type = 'pl.DataFrame | pa.Table' %}
{% include 'engines/in_memory_frames.py' %}
{% endif %}
