"""polars frames to and from Arrow, the form the table store reads and writes. No Dagster."""

import polars as pl
import pyarrow as pa

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
