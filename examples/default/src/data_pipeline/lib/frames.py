"""pandas frames to and from Arrow, the form the table store reads and writes. No Dagster."""

from collections.abc import Callable, Iterator, Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

Frame = pd.DataFrame

# Nullable integers stay integers (pandas would turn a column with nulls into floats).
_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int32Dtype()}


def to_arrow(frame: pd.DataFrame | pa.Table) -> pa.Table:
    """The frame as an Arrow table, without its index; an Arrow table as it is."""
    if isinstance(frame, pa.Table):
        return frame
    return pa.Table.from_pandas(frame, preserve_index=False)


def from_arrow(table: pa.Table) -> pd.DataFrame:
    """The Arrow table as a frame; timestamps keep their microseconds and time zone."""
    return table.to_pandas(types_mapper=_PANDAS_TYPES.get)


def from_batches(schema: pa.Schema, batches: Callable[[], Iterator[pa.RecordBatch]]) -> pa.Table:
    """The rows `batches()` yields (Arrow record batches of `schema`), in one Arrow table: the
    IO manager stores it as it is."""
    return pa.Table.from_batches(batches(), schema)


def row_count(frame: pd.DataFrame | pa.Table) -> int:
    """How many rows the frame holds."""
    return len(frame)


def profile(
    frame: pd.DataFrame | pa.Table,
    key: str,
    required: Sequence[str],
) -> tuple[int, int, int]:
    """`(rows, repeated keys, missing values)` of the frame: how many rows repeat a value of
    `key` that an earlier row holds (a missing key counts as one value), and how many values
    of `required` are null."""
    table = to_arrow(frame)
    repeated = table.num_rows - pc.count_distinct(table[key], mode="all").as_py()
    return table.num_rows, repeated, sum(table[column].null_count for column in required)
