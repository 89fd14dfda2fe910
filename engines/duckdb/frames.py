"""Arrow tables, the frames of the DuckDB engine: its SQL reads and returns them. No Dagster."""

import pyarrow as pa

Frame = pa.Table


def to_arrow(frame: pa.Table) -> pa.Table:
    """The table itself: DuckDB hands Arrow tables over without copying."""
    return frame


def from_arrow(table: pa.Table) -> pa.Table:
    """The table itself."""
    return table
