"""Frames of the Dagster process: Arrow tables, the form the table store reads and writes.

Spark computes in its own process (the Spark jobs of spark_jobs/, launched through Dagster
Pipes), never inside a Dagster step: what a step handles itself is small enough for Arrow.
No Dagster.
"""

import pyarrow as pa

Frame = pa.Table


def to_arrow(frame: pa.Table) -> pa.Table:
    """The frame as an Arrow table: it is one."""
    return frame


def from_arrow(table: pa.Table) -> pa.Table:
    """The Arrow table as a frame: it is one."""
    return table
