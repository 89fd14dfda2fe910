"""What every backend reads from a run: its partition, how it ended, why it failed."""

from collections.abc import Mapping

import dagster as dg
from dagster._utils.error import SerializableErrorInfo

PARTITION_TAG = "dagster/partition"
RANGE_TAGS = ("dagster/asset_partition_range_start", "dagster/asset_partition_range_end")
RUN_ENDS = {
    dg.DagsterEventType.RUN_SUCCESS,
    dg.DagsterEventType.RUN_FAILURE,
    dg.DagsterEventType.RUN_CANCELED,
}


def partition_of(tags: Mapping[str, str]) -> str | None:
    """The partition (or `first...last` range) a run's tags name, if any."""
    if PARTITION_TAG in tags:
        return tags[PARTITION_TAG]
    if all(tag in tags for tag in RANGE_TAGS):
        return "...".join(tags[tag] for tag in RANGE_TAGS)
    return None


def innermost_error(error: SerializableErrorInfo | None) -> str:
    """The message of the error that started it all: the user code's, not Dagster's wrappers."""
    while error is not None and error.cause is not None:
        error = error.cause
    return error.message.strip() if error else "failed"
