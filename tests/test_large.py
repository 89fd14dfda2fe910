"""The large tier.

The shapes that do not install pyspark for real: each renders ruff-clean and `dg check defs`
parses its dbt project and loads its definitions (Spark is never started: the Spark jobs run
only when an asset materializes). pyspark-large-daily-berlin in scenarios.SCENARIOS runs a large
project end to end; here its Spark jobs also run for partitions in parallel processes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import materialize_in_parallel, run, shared_env
from scenarios import BY_NAME, LARGE_SCENARIOS, Scenario

# Berlin days around the spring change: 2025-03-30 lasts 23 hours.
PARALLEL_KEYS = ["2025-03-29", "2025-03-30", "2025-03-31"]
PARALLEL_ROWS = 20_000


@pytest.mark.parametrize("scenario", LARGE_SCENARIOS, ids=lambda scenario: scenario.name)
def test_large_shape_checks(copie, scenario: Scenario) -> None:
    result = copie.copy(extra_answers={**scenario.answers, "run_uv_sync": False})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    answers = result.answers
    package = project / "src" / answers["package_name"]
    env = shared_env(project)
    run(["ruff", "check", "."], project, env)
    run(["ruff", "format", "--check", "."], project, env)
    # Parses the dbt project first (its manifest is missing).
    run(["dg", "check", "defs"], project, env)
    example = answers.get("include_example", True)
    assert (package / "defs" / "spark.py").exists() == example
    assert (package / "spark_jobs" / "orders.py").exists() == example
    assert ("def commit_files(" in (package / "lakehouse.py").read_text()) == example
    dependencies = (project / "pyproject.toml").read_text()
    assert "pyspark" in dependencies
    platform = answers.get("spark_platform", "local")
    assert ("dagster-databricks" in dependencies) == (platform == "databricks")
    assert ("dagster-aws" in dependencies) == (platform == "emr_serverless")


def test_spark_partitions_in_parallel_commit_every_row_once(copie, tmp_path: Path) -> None:
    """Three partitions launched together, each Spark job in its own process (local mode),
    commit to one fresh catalog; every row is there once, in its own local day; a re-run of the
    23-hour day leaves the same counts."""
    scenario = BY_NAME["pyspark-large-daily-berlin"]
    result = copie.copy(extra_answers={**scenario.answers, "run_uv_sync": False})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    package = result.answers["package_name"]
    env = {
        **shared_env(project),
        "ICEBERG_CATALOG_URI": f"sqlite:///{tmp_path / 'catalog.db'}",
        "ICEBERG_WAREHOUSE": (tmp_path / "warehouse").as_uri(),
    }
    # The instance and the dbt manifest are made once, before the processes share them.
    run(["dagster", "instance", "info"], project, env)
    dbt_dirs = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
    run(["dbt", "parse", "--quiet", *dbt_dirs], project, env)
    # The JVMs start as the project's own tests start them (QUICK_START_CONF: short jobs).
    quick_start = run(
        [
            "python",
            "-c",
            f"import json; from {package}.defs.spark import QUICK_START_CONF as c; "
            "print(json.dumps(c))",
        ],
        project,
        env,
    ).stdout
    config = json.dumps(
        {
            "ops": {"raw_orders": {"config": {"rows_per_partition": PARALLEL_ROWS}}},
            "resources": {"spark": {"config": {"local_conf": json.loads(quick_start)}}},
        }
    )
    materialize = [
        "dagster", "asset", "materialize", "-m", f"{package}.definitions",
        "--select", "raw_orders", "--config-json", config, "--partition",
    ]  # fmt: skip
    materialize_in_parallel(materialize, PARALLEL_KEYS, project, env)

    count_by_day = f"""
import json
import pyarrow as pa
import pyarrow.compute as pc
from {package}.defs.partitions import TIMEZONE
from {package}.lakehouse import NAMESPACE, open_catalog

raw = open_catalog().load_table((NAMESPACE, "raw_orders")).scan().to_arrow()
local = raw["ordered_at"].cast(pa.timestamp("us", tz=TIMEZONE))
days = pc.strftime(local, format="%Y-%m-%d")
values, frequencies = (column.to_pylist() for column in pc.value_counts(days).flatten())
print(json.dumps(dict(zip(values, frequencies, strict=True)), sort_keys=True))
"""
    counted = json.loads(run(["python", "-c", count_by_day], project, env).stdout)
    assert counted == dict.fromkeys(PARALLEL_KEYS, PARALLEL_ROWS)

    run([*materialize, PARALLEL_KEYS[1]], project, env)
    assert json.loads(run(["python", "-c", count_by_day], project, env).stdout) == counted
