"""The Iceberg catalog the project's tables live in: its settings, in one place.

The IO manager (io_manager.py), the dbt plugin (dbt_iceberg.py) and the maintenance job read
and write tables through this module. No Dagster import: a notebook or a script can call
`open_catalog()` and `read_partition()` too.

A partition is replaced in one Iceberg commit (delete its rows, append the new ones), selected
by its window as instants: a day of 23 or 25 hours, or either run of a repeated hour, replaces
exactly its own rows. dagster-iceberg's IO managers are not used because dagster-iceberg 0.3
picks a table's partition transform from the length of the window being written (a 23 or 25
hour day in a zone with daylight saving matches none) and compares windows as naive wall-clock
times (the repeated autumn hour selects nothing); here a table's partition spec comes from the
project's partitioning.

The embedded default: a SQLite catalog file and a local warehouse folder, both under data/.
ICEBERG_CATALOG_URI and ICEBERG_WAREHOUSE override them (relative paths resolve from the project
root).
"""

import contextlib
import os
import random
import time
import warnings
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import reduce
from pathlib import Path

import pyarrow as pa
from filelock import FileLock
from pyiceberg.catalog import Catalog, load_catalog
from pyiceberg.exceptions import CommitFailedException, TableAlreadyExistsError
from pyiceberg.expressions import (
    AlwaysTrue,
    And,
    BooleanExpression,
    EqualTo,
    GreaterThanOrEqual,
    LessThan,
)
from pyiceberg.table import Table, Transaction
from pyiceberg.transforms import (
    DayTransform,
    HourTransform,
    IdentityTransform,
    MonthTransform,
    Transform,
)
from pyiceberg.types import DateType, IcebergType, TimestampType

from .paths import resolve
from .table_partition import TablePartition, as_instants, as_wall_clock, in_utc, rows_outside

CATALOG_NAME = "lakehouse"
NAMESPACE = "data_pipeline"
# Iceberg partition transforms by name. A table's spec comes from the project's partitioning
# (the `partition_by` the IO manager passes), never from the length of a partition's window.
TRANSFORMS: dict[str, Transform] = {
    "hour": HourTransform(),
    "day": DayTransform(),
    "month": MonthTransform(),
    "identity": IdentityTransform(),
}
# The transform of a table's time column unless its asset's metadata names another
# (`partition_transform`): one Iceberg partition per day.
TIME_TRANSFORM = "day"
# Writers of different partitions of one table conflict at commit: the later one retries on the
# refreshed table (PyIceberg does not retry commits itself; see _commit).
COMMIT_ATTEMPTS = 6


def catalog_properties() -> dict[str, str]:
    """The catalog's properties for `pyiceberg.catalog.load_catalog` (no secrets)."""
    uri = os.environ.get("ICEBERG_CATALOG_URI", "sqlite:///data/iceberg/catalog.db")
    warehouse = os.environ.get("ICEBERG_WAREHOUSE", "data/iceberg/warehouse")
    return _sqlite_properties(uri, warehouse)


def open_catalog(properties: dict[str, str] | None = None) -> Catalog:
    """The catalog, with the project's namespace created if it is missing.

    Several step processes may start at once on a fresh catalog. For a SQLite catalog a file
    lock beside the database lets the first create the catalog tables and the namespace while
    the others wait.
    """
    properties = properties or catalog_properties()
    database = Path(properties["uri"].removeprefix("sqlite:///"))
    database.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(database.with_name(database.name + ".lock")):
        return _with_namespace(load_catalog(CATALOG_NAME, **properties))


def write_partition(
    name: str,
    data: pa.Table,
    partition: TablePartition,
    partition_by: Sequence[tuple[str, str]] = (),
    schema_update: str = "error",
) -> str:
    """Replaces `partition`'s rows of the table `name` with `data`; returns the table's full name.

    The table is created on first write with `data`'s schema and the partition spec
    `partition_by` (`(column, transform)` pairs, transforms as in TRANSFORMS); the spec and the
    table are created in one commit, so no reader ever sees an unpartitioned table.
    See replace_partition() for the write itself.
    """
    # Iceberg's timestamptz holds UTC and PyIceberg refuses a column zoned elsewhere, such as
    # an asset's Dagster window bounds in the partitions' zone: the same instants, in UTC.
    data = in_utc(data)
    catalog = open_catalog()
    table = ensure_table(catalog, name, data.schema, partition_by)
    replace_partition(table, data, partition, schema_update)
    return f"{CATALOG_NAME}.{NAMESPACE}.{name}"


def read_partition(name: str, partition: TablePartition) -> pa.Table:
    """`partition`'s rows of the table `name`, time columns as UTC instants.

    Raises pyiceberg.exceptions.NoSuchTableError when the table was never written.
    """
    table = open_catalog().load_table((NAMESPACE, name))
    data = table.scan(row_filter=row_filter(partition, table)).to_arrow()
    return as_instants(data, partition.timezone)


def row_filter(partition: TablePartition, table: Table | None = None) -> BooleanExpression:
    """The Iceberg row filter that selects `partition`'s rows of `table`.

    The time column's type decides how the window is compared: as UTC instants (timestamptz),
    as local calendar dates (date: daily summaries), or as wall-clock times in the partitions'
    zone (timestamp without zone: tables created by earlier versions of this project).
    """
    clauses: list[BooleanExpression] = []
    if partition.time_column and (bounds := _bounds(partition, table)):
        clauses += [
            GreaterThanOrEqual(partition.time_column, bounds[0].isoformat()),
            LessThan(partition.time_column, bounds[1].isoformat()),
        ]
    clauses += [EqualTo(column, key) for column, key in partition.keys.items()]
    return reduce(And, clauses) if clauses else AlwaysTrue()


def ensure_table(
    catalog: Catalog, name: str, schema: pa.Schema, partition_by: Sequence[tuple[str, str]] = ()
) -> Table:
    """The table `name` of the namespace, created with `schema` and its partition spec if missing.

    An existing table is returned as it is: its spec is never changed here.
    """
    identifier = (NAMESPACE, name)
    if catalog.table_exists(identifier):
        return catalog.load_table(identifier)
    create = catalog.create_table_transaction(identifier, schema=schema)
    if partition_by:
        with create.update_spec() as spec:
            for column, transform in partition_by:
                spec.add_field(column, TRANSFORMS[transform], f"{column}_{transform}")
    # Another writer may have created it in the meantime: theirs is used.
    with contextlib.suppress(TableAlreadyExistsError):
        create.commit_transaction()
    return catalog.load_table(identifier)


def replace_partition(
    table: Table, data: pa.Table, partition: TablePartition, schema_update: str = "error"
) -> None:
    """Replaces `partition`'s rows of `table` with `data` in one Iceberg commit (a snapshot).

    The commit deletes every row of the partition and appends `data`: a re-run leaves no
    duplicates and no rows of an earlier run. With `schema_update="update"` new columns of
    `data` are added first; with "error" a change of columns fails the write.

    Raises ValueError when a row of `data` lies outside the partition (no later run of that
    partition would replace it) and CommitFailedException when concurrent writers kept
    winning for COMMIT_ATTEMPTS attempts.
    """
    outside = rows_outside(data, partition)
    if outside:
        raise ValueError(
            f"{outside} of {data.num_rows} rows for {table.name()} lie outside the partition "
            f"({partition.describe()})"
        )

    def replace(transaction: Transaction) -> None:
        if schema_update == "update":
            with transaction.update_schema() as update:
                update.union_by_name(data.schema)
        transaction.overwrite(
            _as_table_types(data, table, partition),
            overwrite_filter=row_filter(partition, table),
        )

    _commit(table, replace)


def _commit(table: Table, write: Callable[[Transaction], None]) -> None:
    """Runs `write` in one transaction of `table` and commits it, retrying on conflicts.

    Writers of different partitions of one table conflict at commit: the later one retries on
    the refreshed table, COMMIT_ATTEMPTS times in all, then the CommitFailedException is raised.
    """
    for attempt in range(1, COMMIT_ATTEMPTS + 1):
        try:
            with table.transaction() as transaction, warnings.catch_warnings():
                # A partition's first write deletes nothing, which PyIceberg warns about.
                warnings.filterwarnings("ignore", "Delete operation did not match any records")
                write(transaction)
            return
        except CommitFailedException:
            if attempt == COMMIT_ATTEMPTS:
                raise
            time.sleep(random.uniform(0, 0.1 * 2**attempt))
            table.refresh()


def expire_snapshots(catalog: Catalog, older_than: datetime) -> dict[str, int]:
    """Expires the snapshots older than `older_than` in every table of the namespace.

    The current snapshot of each branch and every tagged one are always kept, so reads are
    unaffected; time travel is bounded to `older_than`. Returns the snapshots removed per table.
    """
    expired = {}
    for identifier in catalog.list_tables(NAMESPACE):
        table = catalog.load_table(identifier)
        before = len(table.metadata.snapshots)
        table.maintenance.expire_snapshots().older_than(older_than).commit()
        expired[".".join(identifier)] = before - len(table.refresh().metadata.snapshots)
    return expired


def _column_type(table: Table | None, column: str) -> IcebergType | None:
    """The Iceberg type of `column`, or None when the table or the column does not exist yet."""
    if table is None or column not in table.schema().column_names:
        return None
    return table.schema().find_field(column).field_type


def _bounds(
    partition: TablePartition, table: Table | None
) -> tuple[date, date] | tuple[datetime, datetime] | None:
    """The window in the terms of the time column's type (see row_filter)."""
    assert partition.time_column is not None
    column_type = _column_type(table, partition.time_column)
    if isinstance(column_type, DateType):
        return partition.local_dates
    if isinstance(column_type, TimestampType):
        return partition.wall_clock
    return partition.instants


def _as_table_types(data: pa.Table, table: Table, partition: TablePartition) -> pa.Table:
    """`data` with instants as wall-clock times in the columns where `table` stores those."""
    wall_clock = {
        name for name in data.column_names if isinstance(_column_type(table, name), TimestampType)
    }
    return as_wall_clock(data, wall_clock, partition.timezone) if wall_clock else data


def _with_namespace(catalog: Catalog) -> Catalog:
    """`catalog`, after creating the namespace unless it exists (read-only roles can list it)."""
    if not catalog.namespace_exists(NAMESPACE):
        catalog.create_namespace_if_not_exists(NAMESPACE)
    return catalog


def _sqlite_properties(uri: str, warehouse: str) -> dict[str, str]:
    """A SQL catalog in a SQLite file; relative paths resolve from the project root."""
    database = resolve(uri.removeprefix("sqlite:///"))
    if "://" not in warehouse:
        warehouse = resolve(warehouse).as_uri()
    return {"type": "sql", "uri": f"sqlite:///{database}", "warehouse": warehouse}
