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


{% set frame_type = 'pd.DataFrame | pa.Table' %}
{% include 'engines/in_memory_frames.py' %}
