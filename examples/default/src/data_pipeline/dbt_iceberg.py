"""A dbt-duckdb plugin: dbt reads its sources from Iceberg and writes its models back to it.

DuckDB only runs the SQL, in memory; the tables live in the catalog of lakehouse.py.
dbt_project/profiles.yml loads this module under the alias `lakehouse`. It extends dbt-duckdb's
own `iceberg` plugin, which loads a source table with a row filter:

- a source with `meta: {plugin: lakehouse}` is loaded for the partition being built only;
- a model of the `iceberg` materialization (dbt_project/macros/materializations/) is stored by
  `store()`, which replaces its partition's rows in one Iceberg commit;
- a model that this run does not build but another model reads is loaded from Iceberg first,
  so a run of a subset works on any machine that shares the catalog, with no local files.

The partition comes from the vars Dagster passes (defs/dbt_models.py), through each node's
`iceberg_partition` config; without vars (a plain `dbt build`) it is the whole table.
"""

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

import pyarrow as pa
from dbt.adapters.duckdb.plugins.iceberg import Plugin as IcebergPlugin
from dbt.adapters.duckdb.utils import SourceConfig, TargetConfig
from duckdb import DuckDBPyConnection

from . import lakehouse
from .table_partition import TablePartition, as_instants

# dbt-duckdb calls a plugin from SQL only through `adapter.store_relation()`: the iceberg
# materialization passes this format to have an upstream model loaded rather than stored.
LOAD_UPSTREAM = "iceberg-upstream"


def table_partition(config: Mapping[str, Any]) -> TablePartition:
    """The partition a node's config names: `iceberg_time_column` and `iceberg_partition`.

    `iceberg_partition` holds `start`/`end` (ISO 8601 instants), `timezone`, and `column`/`key`
    for a dimension of keys; empty values (no vars) select the whole table.
    """
    partition = config.get("iceberg_partition") or {}
    keys = {partition["column"]: partition["key"]} if partition.get("column") else {}
    time_column = config.get("iceberg_time_column")
    if not (time_column and partition.get("start")):
        return TablePartition(keys=keys)
    return TablePartition(
        time_column,
        datetime.fromisoformat(partition["start"]),
        datetime.fromisoformat(partition["end"]),
        keys,
        partition["timezone"],
    )


class Plugin(IcebergPlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        # The project's catalog settings (lakehouse.py) rather than a copy in the profile.
        self._catalog = lakehouse.open_catalog()

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        self._connection = conn

    def load(self, source_config: SourceConfig) -> pa.Table:
        """The source table's rows of the partition being built, time as UTC instants."""
        partition = table_partition(source_config.meta)
        table = self._catalog.load_table((lakehouse.NAMESPACE, source_config.identifier))
        scan = {
            **source_config.meta,
            "iceberg_table": f"{lakehouse.NAMESPACE}.{source_config.identifier}",
            "row_filter": lakehouse.row_filter(partition, table),
        }
        data = super().load(replace(source_config, meta=scan))
        return as_instants(data, partition.timezone)

    def store(self, target_config: TargetConfig) -> None:
        """Replaces the model's partition in Iceberg, or loads an upstream model into DuckDB."""
        relation = target_config.relation
        partition = table_partition(target_config.config)
        cursor = self._connection.cursor()
        try:
            if target_config.location and target_config.location.format == LOAD_UPSTREAM:
                upstream = lakehouse.read_partition(relation.identifier, partition)
                cursor.register("upstream", upstream)
                cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {relation.schema}")
                cursor.execute(f"CREATE OR REPLACE TABLE {relation} AS SELECT * FROM upstream")
                return
            data = cursor.execute(f"SELECT * FROM {relation}").to_arrow_table()
        finally:
            cursor.close()
        lakehouse.write_partition(
            relation.identifier,
            data,
            partition,
            [tuple(field) for field in target_config.config.get("iceberg_partition_by") or []],
            target_config.config.get("iceberg_schema_update", "error"),
        )
