"""What every backend reads from a run besides its partition: how it ended, why it failed."""

import dagster as dg

from ..run_details import ErrorInfo, innermost_cause

RUN_ENDS = {
    dg.DagsterEventType.RUN_SUCCESS,
    dg.DagsterEventType.RUN_FAILURE,
    dg.DagsterEventType.RUN_CANCELED,
}


def innermost_error(error: ErrorInfo | None) -> str:
    """The message of the error that started it all: the user code's, not Dagster's wrappers."""
    cause = innermost_cause(error)
    return cause.message.strip() if cause else "failed"
