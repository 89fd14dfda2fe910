"""Iceberg maintenance: every overwrite adds a snapshot, so old ones are expired on a schedule.

Expiry keeps table metadata small and bounds time travel to `retain_days`; the current
snapshot of every table is always kept.
"""

from datetime import datetime, timedelta

import dagster as dg

from ..lakehouse import expire_snapshots, open_catalog
from .partitions import TIMEZONE


class ExpireSnapshotsConfig(dg.Config):
    retain_days: int = 7


@dg.op
def expire_old_snapshots(context: dg.OpExecutionContext, config: ExpireSnapshotsConfig) -> None:
    """Expires the snapshots older than `retain_days` in every table of the namespace."""
    cutoff = datetime.now().astimezone() - timedelta(days=config.retain_days)
    expired = expire_snapshots(open_catalog(), older_than=cutoff)
    for table, snapshots in expired.items():
        context.log.info(f"{table}: expired {snapshots} snapshot(s) older than {cutoff:%Y-%m-%d}")


@dg.job
def iceberg_maintenance_job() -> None:
    expire_old_snapshots()


iceberg_maintenance_schedule = dg.ScheduleDefinition(
    name="iceberg_maintenance_schedule",
    job=iceberg_maintenance_job,
    cron_schedule="0 3 * * 0",
    execution_timezone=TIMEZONE,
)
