"""The partitions of this project, defined once and imported wherever they are needed."""

import dagster as dg

START_DATE = "2025-01-01"
TIMEZONE = "UTC"

PARTITIONS = dg.DailyPartitionsDefinition(start_date=START_DATE, timezone=TIMEZONE)
