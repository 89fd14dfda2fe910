import re
import warnings
from pathlib import Path

import dagster as dg

# Warnings that Dagster and its libraries raise about their own code, not this project's: kept
# out of every command's output; pyproject.toml's filterwarnings keeps them out of the tests'
# (tests/test_definitions.py checks the two lists agree). Any other warning still shows.
EXPECTED_WARNINGS: list[tuple[str, type[Warning]]] = [
    # A beta parameter the assets use on purpose (execution.py).
    ("Parameter `backfill_policy` of function `asset` is currently in beta", dg.BetaWarning),
    # Raised inside dagster-dbt and Dagster's schedules, by calls this project does not make.
    ("AssetExecutionContext.op is deprecated", DeprecationWarning),
    ("Function `JobDefinition.run_request_for_partition` is deprecated", DeprecationWarning),
    ("The `__fields__` attribute is deprecated", DeprecationWarning),
    # A dependency of dagster-dbt announcing its own successor.
    ("sqlglotrs is deprecated", DeprecationWarning),
]


def ignore_expected_warnings() -> None:
    """Silences EXPECTED_WARNINGS, each by the start of its message and its category."""
    for message, category in EXPECTED_WARNINGS:
        warnings.filterwarnings("ignore", message=re.escape(message), category=category)


@dg.definitions
def defs() -> dg.Definitions:
    """Everything under defs/ is discovered and loaded; see README.md for the layout."""
    ignore_expected_warnings()
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)
