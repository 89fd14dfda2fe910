"""Update migration: record, for an older project, the answers that keep what it already does.

Copier runs this before every `copier update` (a `_migrations` entry without `version`: this
template has no release tags, so Copier reads its versions as `0.0.0.postN.devM+<hash>` and a
version condition would never fire). `copier update --defaults` (and `--skip-answered`, what
Renovate runs) gives a question that an older answers file lacks its *current* default. Where
that default differs from what the project did before the question existed, the update would
silently change the project: move its tables, add a dbt project, add CI. So each such question
has an entry in `PREVIOUS_BEHAVIOUR`, and an answers file that lacks the answer gets the value
that describes the project as it was generated. Every other question added since the first
version is listed in `NOTHING_TO_RECORD` with the reason (tests/test_update.py fails on a new
question that is in neither). The script reads only the answers file, never changes an answer
given (except where `ANSWERS_WITHOUT_EFFECT` names a version whose answer the project did not
act on), and a second run changes nothing: it is safe on every update.

Usage (from copier.yml): migrate_answers.py ANSWERS_FILE, run in the project folder.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml  # a dependency of Copier, so the Python that runs Copier has it

HEADER = "# Changes here will be overwritten by Copier; never edit this file by hand.\n"


@dataclass(frozen=True)
class Previous:
    """What a project did before `question` existed, and the answer that keeps doing it."""

    question: str
    value: object
    behaviour: str


PREVIOUS_BEHAVIOUR: tuple[Previous, ...] = (
    # Added in aa9e4b3 (default false), default true since f0fae99.
    Previous("use_dbt", False, "no dbt project"),
    # Added in b9682f5, default true; before, every table was in the DuckDB file.
    Previous("use_iceberg", False, "its tables in the DuckDB file data/warehouse.duckdb"),
    # Added in b9682f5, default github; before, no CI files were generated.
    Previous("ci_provider", "none", "no CI configuration"),
)

NOTHING_TO_RECORD: dict[str, str] = {
    "dbt_adapter": "asked only with use_dbt, and added with it (aa9e4b3)",
    "iceberg_catalog": "asked only with use_iceberg, and added with it (b9682f5)",
    "iceberg_catalog_uri": "asked only with use_iceberg, and added with it (b9682f5)",
    "iceberg_warehouse": "asked only with use_iceberg, and added with it (b9682f5)",
    "iceberg_namespace": "asked only with use_iceberg, and added with it (b9682f5)",
    "alerting": "default none: no alert sensor, as before (b9682f5)",
    "spark_platform": "asked only with compute_engine pyspark, and added with it",
    "deployment": "default local: no deployment files, as before (b9682f5)",
    "observability": "default []: nothing reported outside Dagster, as before",
}

# Versions that recorded an answer their projects did not act on. b9682f5 asked the Iceberg
# questions (default use_iceberg: true) before 5435cdf built Iceberg storage: its projects keep
# their tables in data/warehouse.duckdb whatever use_iceberg says.
ANSWERS_WITHOUT_EFFECT: dict[str, Previous] = {
    "b9682f5085dcaa708b7ed4fc7931a2a51246cd3f": Previous(
        "use_iceberg",
        False,
        "its tables in the DuckDB file data/warehouse.duckdb (b9682f5 asked use_iceberg "
        "before Iceberg storage existed)",
    ),
}


def _generated_from(answers: dict[str, object]) -> str | None:
    """The commit hash (or its abbreviation) that `_commit` names, if it names one.

    Copier writes `git describe --tags --always`: a bare abbreviated hash without tags,
    `TAG-N-gHASH` after a tag, or the tag itself (which names no hash).
    """
    match = re.fullmatch(r"(?:.+-\d+-g)?([0-9a-f]{7,40})", str(answers.get("_commit", "")))
    return match.group(1) if match else None


def migrate(answers: dict[str, object]) -> list[Previous]:
    """Records the previous behaviour in `answers` (in place); returns what it recorded."""
    recorded = []
    for previous in PREVIOUS_BEHAVIOUR:
        if previous.question not in answers:
            answers[previous.question] = previous.value
            recorded.append(previous)
    commit = _generated_from(answers)
    for full_hash, previous in ANSWERS_WITHOUT_EFFECT.items():
        generated_there = commit is not None and full_hash.startswith(commit)
        if generated_there and answers.get(previous.question) != previous.value:
            answers[previous.question] = previous.value
            recorded.append(previous)
    return recorded


def migrate_file(answers_file: Path) -> list[Previous]:
    """Applies `migrate` to an answers file; leaves the file untouched when nothing changes."""
    answers = yaml.safe_load(answers_file.read_text()) or {}
    recorded = migrate(answers)
    if recorded:
        answers_file.write_text(HEADER + yaml.safe_dump(answers, sort_keys=True))
    return recorded


if __name__ == "__main__":
    path = Path(sys.argv[1])
    for previous in migrate_file(path):
        value = yaml.safe_dump(previous.value).removesuffix("...\n").strip()
        print(
            f"{path}: {previous.question}: {value}, so the project keeps {previous.behaviour}; "
            f"change it on purpose with `copier update --trust -d {previous.question}=...`"
        )
