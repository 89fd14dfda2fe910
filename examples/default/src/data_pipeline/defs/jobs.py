"""Jobs: pipeline_job, which the schedule launches."""

import dagster as dg

from .partitions import PARTITIONS

PIPELINE_JOB = dg.define_asset_job(
    name="pipeline_job",
    selection=dg.AssetSelection.all(),
    partitions_def=PARTITIONS,
    description="Materializes every asset of the project for one partition.",
)
