"""Iceberg under parallel writers: partitions started together against one fresh catalog."""

from __future__ import annotations

from pathlib import Path

from conftest import materialize_in_parallel, run, shared_env

PARTITIONS = ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"]
ROWS = 10_000  # the example's rows_per_partition for a small data volume


def test_parallel_partitions_on_a_fresh_catalog(copie, tmp_path: Path) -> None:
    result = copie.copy(extra_answers={"use_dbt": False, "run_uv_sync": False})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    package = result.answers["package_name"]
    env = {
        **shared_env(project),
        "ICEBERG_CATALOG_URI": f"sqlite:///{tmp_path / 'catalog.db'}",
        "ICEBERG_WAREHOUSE": (tmp_path / "warehouse").as_uri(),
    }
    # The project's own instance (.dagster, named in .env) is created once first: its SQLite
    # storages are not made to be created by four processes at the same moment.
    run(["dagster", "instance", "info"], project, env)
    materialize = ["dagster", "asset", "materialize", "-m", f"{package}.definitions"]
    materialize_in_parallel(
        [*materialize, "--select", "*", "--partition"], PARTITIONS, project, env
    )

    # Every partition's rows are present exactly once, in every table of the pipeline.
    check = f"""
import pyarrow.compute as pc
from {package}.lakehouse import NAMESPACE, open_catalog

catalog = open_catalog()
raw = catalog.load_table((NAMESPACE, "raw_orders")).scan().to_arrow()
days = pc.strftime(raw["ordered_at"], format="%Y-%m-%d")
values, frequencies = (column.to_pylist() for column in pc.value_counts(days).flatten())
counts = dict(zip(values, frequencies, strict=True))
assert counts == {dict.fromkeys(PARTITIONS, ROWS)!r}, counts
cleaned = catalog.load_table((NAMESPACE, "cleaned_orders")).scan().to_arrow()
assert pc.count_distinct(cleaned["order_id"]).as_py() == cleaned.num_rows
summary = catalog.load_table((NAMESPACE, "daily_revenue")).scan().to_arrow()
assert pc.sum(summary["orders"]).as_py() == cleaned.num_rows
print(len(counts), cleaned.num_rows)
"""
    printed = run(["python", "-c", check], project, env).stdout.split()
    assert printed[0] == str(len(PARTITIONS))
