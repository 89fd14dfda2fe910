"""Schedules: when the pipeline runs."""

import dagster as dg

from .jobs import PIPELINE_JOB

# Runs each day's partition 15 minutes after it closes, in the partitions' time zone.
pipeline_schedule = dg.build_schedule_from_partitioned_job(
    PIPELINE_JOB, name="pipeline_schedule", minute_of_hour=15
)
