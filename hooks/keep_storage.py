"""Update migration to v0.2.0: projects generated before Iceberg existed keep their DuckDB file.

`use_iceberg` arrived in v0.2.0 with the default true. A project generated earlier has no such
answer, so `copier update` would take the default and move its tables to Iceberg, leaving the
data in data/warehouse.duckdb behind. This migration runs before the update reads the answers
and records `use_iceberg: false` when the answer is missing; switch deliberately with
`copier update -d use_iceberg=true`.

Usage (from copier.yml): keep_storage.py ANSWERS_FILE, run in the project folder.
"""

from __future__ import annotations

import sys
from pathlib import Path


def keep_duckdb_storage(answers_file: Path) -> bool:
    """Appends `use_iceberg: false` when the answers do not say; returns whether it did."""
    text = answers_file.read_text()
    if any(line.startswith("use_iceberg:") for line in text.splitlines()):
        return False
    answers_file.write_text(text.rstrip("\n") + "\nuse_iceberg: false\n")
    return True


if __name__ == "__main__":
    answers = Path(sys.argv[1])
    if keep_duckdb_storage(answers):
        print(f"{answers}: use_iceberg: false (the project keeps its DuckDB warehouse)")
