"""Every validation rule rejects a bad answer before a single file is written."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import copier
import pytest
import yaml
from conftest import TEMPLATE_ROOT

TOMORROW = (date.today() + timedelta(days=1)).isoformat()

BAD_ANSWERS = [
    # Dagster schedules hourly keys its partitions lack where clocks move by half an hour.
    (
        {
            "partitioning": "hourly",
            "partition_timezone": "Australia/Lord_Howe",
            "automation": "schedules",
        },
        "whose clocks move by half an hour",
    ),
    ({"project_name": "  "}, "project_name must not be empty"),
    ({"project_name": "two\nlines"}, "project_name must be a single line"),
    ({"project_slug": "Acme Analytics"}, "project_slug must match"),
    ({"project_slug": "acme--analytics"}, "project_slug must match"),
    ({"project_slug": "1acme"}, "project_slug must match"),
    ({"package_name": "Acme"}, "package_name must be a lower-case Python identifier"),
    ({"package_name": "1acme"}, "package_name must be a lower-case Python identifier"),
    ({"package_name": "acme-analytics"}, "package_name must be a lower-case Python identifier"),
    ({"package_name": "class"}, "is a Python keyword"),
    ({"package_name": "json"}, "shadows the standard-library module"),
    ({"package_name": "asyncio"}, "shadows the standard-library module"),
    ({"package_name": "dagster"}, "is the import name of a dependency"),
    ({"package_name": "dagster_dbt"}, "is the import name of a dependency"),
    ({"package_name": "polars"}, "is the import name of a dependency"),
    ({"package_name": "a" * 31}, "at most 30 characters"),
    ({"description": "line one\nline two"}, "description must be a single line"),
    ({"author_name": "a\nb"}, "author_name must be a single line"),
    ({"author_email": "not-an-email"}, "author_email must be a plausible address"),
    ({"author_email": "a b@example.com"}, "author_email must be a plausible address"),
    ({"partition_start_date": "2025/01/01"}, "must be an ISO date"),
    ({"partition_start_date": "2025-02-30"}, "is not a date that exists"),
    ({"partition_start_date": "2023-02-29"}, "is not a date that exists"),
    ({"partition_start_date": "2025-13-01"}, "is not a date that exists"),
    ({"partition_start_date": TOMORROW}, "lies in the future"),
    ({"partition_timezone": "Mars/Olympus_Mons"}, "is not an IANA time zone"),
    ({"partition_timezone": "utc "}, "is not an IANA time zone"),
    ({"partitioning": "static", "static_partition_keys": []}, "must not be empty"),
    ({"partitioning": "static", "static_partition_keys": "us"}, "must be a YAML list"),
    ({"partitioning": "static", "static_partition_keys": ["us", "us"]}, "must be unique"),
    ({"partitioning": "daily_static", "static_partition_keys": ["US"]}, "must match"),
    ({"partitioning": "static", "static_partition_keys": ["-us"]}, "must match"),
    ({"partitioning": "static", "static_partition_keys": ["a|b"]}, "must match"),
    ({"partitioning": "static", "static_partition_keys": ["k" * 41]}, "longer than 40"),
    ({"partitioning": "fortnightly"}, "partitioning"),
    ({"data_volume": "huge"}, "data_volume"),
    ({"python_version": "3.9"}, "python_version"),
    ({"automation": "cron"}, "automation"),
    ({"iceberg_catalog": "hive"}, "iceberg_catalog"),
    ({"iceberg_catalog_uri": "postgresql://db/catalog"}, "must be sqlite:///PATH"),
    ({"iceberg_catalog_uri": "sqlite:///data/x.db?mode=ro"}, "must be sqlite:///PATH"),
    ({"iceberg_catalog_uri": "sqlite:///data/it's.db"}, "without spaces, quotes or backslashes"),
    (
        {"iceberg_catalog": "rest", "iceberg_catalog_uri": ""},
        "must be an http(s) URL without credentials",
    ),
    (
        {"iceberg_catalog": "rest", "iceberg_catalog_uri": "https://user:secret@catalog.example"},
        "must be an http(s) URL without credentials",
    ),
    ({"iceberg_warehouse": "s3://bucket/warehouse"}, "must be a local folder"),
    ({"iceberg_warehouse": 'data/"x"'}, "without spaces, quotes, backslashes or credentials"),
    (
        {"iceberg_catalog": "glue", "iceberg_warehouse": "s3://key:secret@bucket/wh"},
        "without spaces, quotes, backslashes or credentials",
    ),
    ({"iceberg_catalog": "glue", "iceberg_warehouse": "data/warehouse"}, "object-store URI"),
    (
        {
            "iceberg_catalog": "rest",
            "iceberg_catalog_uri": "https://catalog.example.com",
            "iceberg_warehouse": "https://x.example/warehouse",
        },
        "object-store URI",
    ),
    ({"iceberg_namespace": "Analytics"}, "iceberg_namespace must be a lower-case identifier"),
    ({"iceberg_namespace": "a.b"}, "iceberg_namespace must be a lower-case identifier"),
    ({"iceberg_namespace": "n" * 65}, "at most 64 characters"),
    ({"alerting": "pagerduty"}, "alerting"),
    ({"deployment": "nomad"}, "deployment"),
    ({"ci_provider": "jenkins"}, "ci_provider"),
    (
        {"compute_engine": "pyspark", "use_iceberg": False},
        "compute_engine pyspark needs Iceberg storage",
    ),
    (
        {"data_volume": "large", "use_dbt": False},
        "use_dbt false with compute_engine pyspark",
    ),
    ({"compute_engine": "pyspark", "spark_platform": "dataproc"}, "spark_platform"),
    # Copier refuses a value outside the choices of a multiselect question itself.
    ({"observability": ["openlineage", "datadog"]}, "Invalid choice for 'observability'"),
]


def copy(destination: Path, answers: dict[str, object]) -> None:
    """Renders the template with `answers` (defaults otherwise), skipping the post-copy task."""
    copier.run_copy(
        str(TEMPLATE_ROOT),
        destination,
        data={**answers, "run_uv_sync": False},
        defaults=True,
        unsafe=True,
        quiet=True,
        skip_tasks=True,
    )


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS, ids=[m for _, m in BAD_ANSWERS])
def test_bad_answer_is_rejected_before_writing(
    tmp_path: Path, answers: dict[str, object], message: str
) -> None:
    destination = tmp_path / "project"
    with pytest.raises(ValueError) as raised:
        copy(destination, answers)
    assert message in str(raised.value)
    question = next(iter(answers)) if len(answers) == 1 else list(answers)[-1]
    assert question in str(raised.value)
    assert not destination.exists()


@pytest.mark.parametrize(
    "answers",
    [
        {"partition_start_date": "2024-02-29"},
        {"partition_timezone": "Asia/Kathmandu"},
        {"partitioning": "hourly", "partition_timezone": "Asia/Kathmandu"},
        {
            "partitioning": "hourly",
            "partition_timezone": "Australia/Lord_Howe",
            "automation": "none",
        },
        {"partitioning": "static", "static_partition_keys": ["a", "b-2", "c_3"]},
        {"package_name": "acme_jsonish", "author_email": "a.b+c@sub.example.org"},
        {"iceberg_catalog_uri": "sqlite:////srv/lake/catalog.db", "iceberg_warehouse": "/srv/wh"},
        {
            "iceberg_catalog": "rest",
            "iceberg_catalog_uri": "http://localhost:8181/catalog",
            "iceberg_warehouse": "abfss://lake@acct.dfs.core.windows.net/wh",
        },
        {"iceberg_catalog": "glue", "iceberg_warehouse": "gs://bucket/wh"},
    ],
)
def test_good_answers_pass(tmp_path: Path, answers: dict[str, object]) -> None:
    copy(tmp_path / "project", answers)
    assert (tmp_path / "project" / "pyproject.toml").is_file()


# Static keys as the user types them, on the command line or in a --data-file: Copier reads both
# as YAML 1.1, where unquoted no/yes/on/off are booleans and 01 is a number.
NOT_TEXT = [
    ("[se, no, dk]", "entry 2 is not text: YAML read it as the boolean False"),
    ("[01, 02]", "entry 1 is not text: YAML read it as the number 1"),
]


def cli_copy(tmp_path: Path, spelling: str, keys: str) -> subprocess.CompletedProcess[str]:
    """The copier CLI, as a user runs it, with the keys in `-d` or in a `--data-file`."""
    if spelling == "data":
        answers = ["-d", "partitioning=static", "-d", f"static_partition_keys={keys}"]
    else:
        data_file = tmp_path / "team.yml"
        data_file.write_text(f"partitioning: static\nstatic_partition_keys: {keys}\n")
        answers = ["--data-file", str(data_file)]
    command = [Path(sys.executable).parent / "copier", "copy", "--trust", "--defaults"]
    command += ["--skip-tasks", "--quiet", "-d", "run_uv_sync=false", *answers]
    return subprocess.run(
        [*map(str, command), str(TEMPLATE_ROOT), str(tmp_path / "project")],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("spelling", ["data", "data-file"])
@pytest.mark.parametrize(("keys", "reading"), NOT_TEXT, ids=[keys for keys, _ in NOT_TEXT])
def test_static_keys_that_yaml_reads_as_other_types_are_refused(
    tmp_path: Path, spelling: str, keys: str, reading: str
) -> None:
    result = cli_copy(tmp_path, spelling, keys)
    assert result.returncode != 0
    assert f"static_partition_keys {reading}" in result.stderr, result.stderr[-2000:]
    assert "Quote every key, e.g. ['se', 'no', 'dk']" in result.stderr
    assert not (tmp_path / "project").exists()


@pytest.mark.parametrize("spelling", ["data", "data-file"])
def test_quoted_static_keys_are_kept_as_typed(tmp_path: Path, spelling: str) -> None:
    result = cli_copy(tmp_path, spelling, "['se', 'no', 'dk']")
    assert result.returncode == 0, result.stderr[-2000:]
    project = tmp_path / "project"
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["static_partition_keys"] == ["se", "no", "dk"]
    partitions = (project / "src" / "data_pipeline" / "defs" / "partitions.py").read_text()
    assert '    "se",\n    "no",\n    "dk",\n' in partitions
    # dbt reads its YAML as YAML 1.1 too: the accepted regions must stay text there.
    models = yaml.safe_load(
        (project / "dbt_project" / "models" / "staging" / "_stg_orders.yml").read_text()
    )
    columns = {column["name"]: column for column in models["models"][0]["columns"]}
    accepted = columns["region"]["data_tests"][0]["accepted_values"]["arguments"]["values"]
    assert accepted == ["se", "no", "dk"]
