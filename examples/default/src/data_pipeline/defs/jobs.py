"""Jobs: pipeline_job, which the schedule launches."""

import dagster as dg

from .orders.assets import GROUP

# The job runs its group, not every asset: an asset you add elsewhere, with other partitions or
# none, runs from a job or schedule of its own.
PIPELINE_JOB = dg.define_asset_job(
    name="pipeline_job",
    selection=dg.AssetSelection.groups(GROUP),
    description="Materializes the orders pipeline for one partition.",
)
