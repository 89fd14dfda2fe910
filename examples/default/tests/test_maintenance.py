"""Snapshot expiry keeps the current data and drops the history."""

import dagster as dg
import pyarrow as pa
import pytest
from pyiceberg.catalog import Catalog

from data_pipeline.defs.maintenance import ExpireSnapshotsConfig, iceberg_maintenance_job
from data_pipeline.lakehouse import NAMESPACE

TABLE = (NAMESPACE, "maintenance_probe")


# The first overwrite of an empty table deletes nothing, which PyIceberg warns about.
@pytest.mark.filterwarnings("ignore:Delete operation did not match any records")
def test_expiry_keeps_only_the_current_snapshot(warehouse: Catalog) -> None:
    schema = pa.schema([("id", pa.int64())])
    table = warehouse.create_table(TABLE, schema=schema)
    for batch in range(3):
        table.overwrite(pa.table({"id": [batch, batch + 10]}, schema=schema))
    assert len(table.refresh().metadata.snapshots) >= 3

    result = iceberg_maintenance_job.execute_in_process(
        run_config=dg.RunConfig({"expire_old_snapshots": ExpireSnapshotsConfig(retain_days=0)})
    )

    assert result.success
    table = warehouse.load_table(TABLE)
    assert len(table.metadata.snapshots) == 1
    assert sorted(table.scan().to_arrow()["id"].to_pylist()) == [2, 12]
