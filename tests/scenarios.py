"""Named answer sets: the one registry of every generated project the template tests render.

Iceberg is the default storage, so most scenarios write Iceberg tables; those marked
"use_iceberg": False keep the embedded DuckDB warehouse file for every engine and for dbt.

Together they use every choice value at least once and run the main axes pairwise
(compute_engine x partitioning, automation x partitioning, dbt on DuckDB x partitioning, ...):
tests/test_matrix.py states the axes and fails when a change to this list loses a pair. Time
zones with daylight saving (of an hour, of 30 minutes, southern) are spread over the
partitionings. `uv_sync` scenarios install the generated project with a real `uv sync` of its
own pyproject and run the README's launch command.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scenario:
    name: str
    answers: dict[str, object] = field(default_factory=dict)
    uv_sync: bool = False
    # The user adds assets of their own before the project's tests run (tests/growth.py).
    grows: bool = False
    # Dynamic partitions: a batch named with quotes, brackets, '|' and an accent is registered
    # and launched from the command line too.
    odd_batch: bool = False


SCENARIOS: list[Scenario] = [
    # The default answers, as the README's first command generates, installs (a real uv sync)
    # and launches them: tests/test_readme.py checks that project.
    Scenario("defaults", {}, uv_sync=True),
    Scenario(
        "polars-medium-hourly-declarative-sensor",
        {
            "alerting": "msteams",
            "deployment": "kubernetes",
            "use_dbt": False,
            "data_volume": "medium",
            "compute_engine": "polars",
            "partitioning": "hourly",
            "partition_timezone": "America/New_York",
            "automation": "declarative",
            "use_sensor": True,
            "python_version": "3.13",
        },
        uv_sync=True,
    ),
    Scenario(
        "duckdb-static-schedules-sensor",
        {
            "deployment": "dagster_plus",
            "ci_provider": "gitlab",
            "use_iceberg": False,
            "use_dbt": False,
            "compute_engine": "duckdb",
            "partitioning": "static",
            "static_partition_keys": ["north-america", "emea", "apac_2"],
            "use_sensor": True,
        },
        uv_sync=True,
    ),
    Scenario(
        "pandas-dynamic-schedules-sensor",
        {
            "alerting": "slack",
            "deployment": "docker_compose",
            "use_dbt": False,
            "partitioning": "dynamic",
            "use_sensor": True,
            "python_version": "3.11",
            "observability": ["openlineage", "opentelemetry"],
        },
        odd_batch=True,
    ),
    Scenario(
        "pandas-weekly-declarative-newyork",
        {
            "use_iceberg": False,
            "use_dbt": False,
            "partitioning": "weekly",
            "partition_start_date": "2025-01-15",
            "partition_timezone": "America/New_York",
            "automation": "declarative",
        },
    ),
    Scenario(
        "pandas-medium-static-declarative",
        {
            "use_dbt": False,
            "data_volume": "medium",
            "compute_engine": "pandas",
            "partitioning": "static",
            "automation": "declarative",
        },
    ),
    Scenario(
        "pandas-file-none-declarative-sensor",
        {
            "use_iceberg": False,
            "use_dbt": False,
            "partitioning": "none",
            "automation": "declarative",
            "use_sensor": True,
        },
        grows=True,
    ),
    Scenario(
        "polars-monthly-none-sensor",
        {
            "use_dbt": False,
            "compute_engine": "polars",
            "partitioning": "monthly",
            "partition_start_date": "2024-02-29",
            "partition_timezone": "Europe/London",
            "automation": "none",
            "use_sensor": True,
            "python_version": "3.10",
        },
    ),
    Scenario(
        "polars-daily_static-none",
        {
            "use_iceberg": False,
            "use_dbt": False,
            "compute_engine": "polars",
            "partitioning": "daily_static",
            "partition_timezone": "Europe/Paris",
            "automation": "none",
        },
    ),
    Scenario(
        "polars-dynamic-declarative",
        {
            "use_dbt": False,
            "compute_engine": "polars",
            "partitioning": "dynamic",
            "automation": "declarative",
        },
        grows=True,
    ),
    Scenario(
        "duckdb-medium-none-schedules",
        {
            "use_dbt": False,
            "data_volume": "medium",
            "compute_engine": "duckdb",
            "partitioning": "none",
        },
    ),
    Scenario(
        "duckdb-daily_static-declarative-sensor",
        {
            "use_dbt": False,
            "compute_engine": "duckdb",
            "partitioning": "daily_static",
            "partition_timezone": "Europe/Berlin",
            "automation": "declarative",
            "use_sensor": True,
        },
        grows=True,
    ),
    Scenario(
        "duckdb-hourly-schedules-kolkata",
        {
            "use_dbt": False,
            "compute_engine": "duckdb",
            "partitioning": "hourly",
            "partition_timezone": "Asia/Kolkata",
        },
    ),
    Scenario(
        "duckdb-file-dynamic-none",
        {
            "use_iceberg": False,
            "use_dbt": False,
            "compute_engine": "duckdb",
            "partitioning": "dynamic",
            "automation": "none",
        },
    ),
    Scenario(
        "skeleton-pandas-daily_static-sensor",
        {
            "use_dbt": False,
            "include_example": False,
            "partitioning": "daily_static",
            "use_sensor": True,
        },
    ),
    Scenario(
        "skeleton-polars-none-declarative",
        {
            "use_dbt": False,
            "include_example": False,
            "compute_engine": "polars",
            "partitioning": "none",
            "automation": "declarative",
        },
    ),
    Scenario(
        "skeleton-duckdb-weekly-none",
        {
            "use_iceberg": False,
            "use_dbt": False,
            "include_example": False,
            "compute_engine": "duckdb",
            "partitioning": "weekly",
            "automation": "none",
        },
    ),
    Scenario(
        "pandas-file-hourly-none-lordhowe",
        {
            "use_iceberg": False,
            "use_dbt": False,
            "partitioning": "hourly",
            # Daylight saving of 30 minutes: hours of 30 and 90 minutes.
            "partition_timezone": "Australia/Lord_Howe",
            "automation": "none",
        },
    ),
    Scenario(
        "polars-weekly-schedules",
        {
            "use_dbt": False,
            "compute_engine": "polars",
            "partitioning": "weekly",
            "partition_start_date": "2025-03-02",
            "partition_timezone": "Australia/Sydney",
        },
    ),
    Scenario(
        "duckdb-monthly-declarative",
        {
            "use_iceberg": False,
            "use_dbt": False,
            "compute_engine": "duckdb",
            "partitioning": "monthly",
            "automation": "declarative",
        },
    ),
    Scenario(
        "odd-strings",
        {
            "ci_provider": "none",
            "use_dbt": False,
            "project_name": 'L\'Équipe "Données" {{ 7*7 }} $(touch pwned) \\ `x`',
            "project_slug": "odd-strings",
            "description": 'Says """hi""" and \\n {% raw %} \'quoted\' ${HOME} — ✓',
            "author_name": 'Zoë O\'Brien "Z" \\',
            "author_email": "zoe.o-brien@example.co.uk",
            "automation": "none",
        },
    ),
]

# dbt: end to end on the embedded DuckDB for five partitionings; PostgreSQL installs, parses
# with the placeholders of .env.example and passes its tests (live ones skip).
SCENARIOS += [
    Scenario(
        "dbt-duckdb-engine-none",
        {"compute_engine": "duckdb", "partitioning": "none", "automation": "none"},
    ),
    Scenario(
        "dbt-polars-hourly-declarative",
        {"compute_engine": "polars", "partitioning": "hourly", "automation": "declarative"},
    ),
    Scenario(
        "dbt-file-weekly-sensor",
        {
            "use_iceberg": False,
            "partitioning": "weekly",
            "partition_timezone": "Europe/London",
            "use_sensor": True,
        },
        grows=True,
    ),
    Scenario(
        "dbt-duckdb-engine-daily_static",
        {
            "compute_engine": "duckdb",
            "partitioning": "daily_static",
            "partition_timezone": "America/Chicago",
            "static_partition_keys": ["us", "eu"],
        },
    ),
    Scenario("dbt-daily-berlin", {"partition_timezone": "Europe/Berlin"}, grows=True),
    Scenario(
        "dbt-file-daily-newyork-sensor",
        {"use_iceberg": False, "partition_timezone": "America/New_York", "use_sensor": True},
    ),
    # The starter with dbt: on Iceberg (both defaults), on the DuckDB file, on a warehouse.
    Scenario("dbt-skeleton-polars-daily", {"include_example": False, "compute_engine": "polars"}),
    Scenario(
        "dbt-skeleton-monthly-sensor",
        {"include_example": False, "partitioning": "monthly", "use_sensor": True},
    ),
    Scenario(
        "dbt-skeleton-file-static",
        {"include_example": False, "use_iceberg": False, "partitioning": "static"},
    ),
    Scenario(
        "dbt-skeleton-postgres-hourly",
        {"include_example": False, "dbt_adapter": "postgres", "partitioning": "hourly"},
    ),
    Scenario(
        "dbt-skeleton-polars-dynamic",
        {"include_example": False, "compute_engine": "polars", "partitioning": "dynamic"},
        odd_batch=True,
    ),
    Scenario("dbt-postgres", {"dbt_adapter": "postgres"}, uv_sync=True),
]

# The other warehouse adapters differ from dbt-postgres only in profiles.yml, .env.example and
# the dbt-<adapter> dependency (their Python assets, launch and tests are the same): each is
# installed with a real uv sync, linted, and parsed by `dg check defs` with its profile
# (tests/test_scenarios.py::test_warehouse_adapter_installs_and_parses).
WAREHOUSE_SCENARIOS: list[Scenario] = [
    Scenario(f"dbt-{adapter}", {"dbt_adapter": adapter}, uv_sync=True)
    for adapter in ("snowflake", "bigquery", "databricks", "trino", "spark")
]

# Iceberg on the other catalogs: installed for real, linted, checked with the placeholders of
# .env.example; their tests and launch run on the local SQLite catalog they can switch to.
SCENARIOS += [
    Scenario(
        "iceberg-rest-polars-static-none",
        {
            "use_dbt": False,
            "compute_engine": "polars",
            "partitioning": "static",
            "iceberg_catalog": "rest",
            "iceberg_catalog_uri": "https://catalog.example.com/api/catalog",
            "iceberg_warehouse": "s3://acme-lake/warehouse",
            "iceberg_namespace": "orders_lake",
            "automation": "none",
        },
        uv_sync=True,
    ),
    Scenario(
        "iceberg-glue-duckdb-daily-declarative",
        {
            "use_dbt": False,
            "compute_engine": "duckdb",
            "iceberg_catalog": "glue",
            "automation": "declarative",
        },
        uv_sync=True,
    ),
]

# The large tier: Spark jobs through Dagster Pipes, files committed by PyIceberg. One scenario
# installs pyspark for real and runs everything (its tests launch Spark in local mode); the
# rest render, lint, parse dbt and pass `dg check defs` only (tests/test_large.py).
SCENARIOS.append(
    Scenario(
        "pyspark-large-daily-berlin",
        {"data_volume": "large", "partition_timezone": "Europe/Berlin"},
        uv_sync=True,
    )
)
LARGE_SCENARIOS: list[Scenario] = [
    Scenario(
        f"large-{partitioning}-{platform}",
        {"data_volume": "large", "partitioning": partitioning, "spark_platform": platform},
    )
    for partitioning, platform in (
        ("daily", "databricks"),
        ("daily_static", "emr_serverless"),
        ("dynamic", "local"),
        ("static", "databricks"),
        ("none", "local"),
    )
] + [
    Scenario(
        "large-kubernetes-rest-emr",
        {
            "data_volume": "large",
            "deployment": "kubernetes",
            "spark_platform": "emr_serverless",
            "iceberg_catalog": "rest",
            "iceberg_catalog_uri": "https://catalog.example.com/api/catalog",
            "iceberg_warehouse": "s3://acme-lake/warehouse",
        },
    ),
    # No example: the starter asset on Arrow frames, no Spark job.
    Scenario("large-skeleton-daily", {"data_volume": "large", "include_example": False}),
    Scenario(
        "large-skeleton-no_dbt",
        {"data_volume": "large", "include_example": False, "use_dbt": False},
    ),
]

# Every deployment x CI provider with the default answers, and four with the other branches of
# the deployment files: dbt on a warehouse adapter (parsed with placeholders), no dbt, the DuckDB
# file, medium data, the oldest and the newest Python, a stateless Glue catalog. These render
# and lint only (tests/test_deployment.py); the default deployment runs in SCENARIOS above.
DEPLOYMENTS = ["local", "docker_compose", "kubernetes", "dagster_plus"]
CI_PROVIDERS = ["github", "gitlab", "none"]
DEPLOYMENT_SCENARIOS: list[Scenario] = [
    Scenario(f"{deployment}-{ci}", {"deployment": deployment, "ci_provider": ci})
    for deployment in DEPLOYMENTS
    for ci in CI_PROVIDERS
] + [
    Scenario(
        "kubernetes-gitlab-postgres-medium",
        {
            "deployment": "kubernetes",
            "ci_provider": "gitlab",
            "dbt_adapter": "postgres",
            "data_volume": "medium",
            "python_version": "3.10",
        },
    ),
    Scenario(
        "docker_compose-github-no_dbt-medium",
        {
            "deployment": "docker_compose",
            "ci_provider": "github",
            "use_dbt": False,
            "data_volume": "medium",
            "python_version": "3.13",
            "observability": ["openlineage"],
        },
    ),
    Scenario(
        "dagster_plus-none-duckdb",
        {"deployment": "dagster_plus", "ci_provider": "none", "use_iceberg": False},
    ),
    Scenario(
        "kubernetes-github-glue-stateless",
        {
            "deployment": "kubernetes",
            "ci_provider": "github",
            "use_dbt": False,
            "iceberg_catalog": "glue",
            "iceberg_warehouse": "s3://acme-lake/warehouse",
        },
    ),
]

# Free text with quotes, backslashes, braces, shell syntax and non-ASCII (tests/test_free_text.py).
FREE_TEXT_SCENARIO = Scenario(
    "hostile-free-text",
    {
        "project_name": 'It\'s "x" \'\'\' """ \\ {{ 7*7 }} $(touch pwned) ${HOME} ünï 字',
        "project_slug": "hostile",
        "description": (
            "Triple \"\"\"quotes\"\"\" and '''these''', a \\ backslash, {{ braces }} — ✓"
        ),
        "author_name": 'Ōwen O\'Neil "The Hammer" \\',
        "author_email": "o.oneil@example.com",
    },
)

BY_NAME = {
    scenario.name: scenario
    for scenario in [
        *SCENARIOS,
        *WAREHOUSE_SCENARIOS,
        *LARGE_SCENARIOS,
        *DEPLOYMENT_SCENARIOS,
        FREE_TEXT_SCENARIO,
    ]
}
