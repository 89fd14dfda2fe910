"""The Python behind copier.yml, called directly: derived values, the slug, the date rules."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import jinja2
import pytest
from conftest import TEMPLATE_ROOT
from copier._jinja_ext import YieldExtension, get_yield_context


def _load() -> ModuleType:
    """The extension module, loaded from its file as copier-template-extensions loads it."""
    path = TEMPLATE_ROOT / "extensions" / "copier_dagster.py"
    spec = importlib.util.spec_from_file_location("copier_dagster_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


extension = _load()
KEYS = ["se", "no", "dk"]


@pytest.mark.parametrize(
    ("partitioning", "start", "expected"),
    [
        ("none", "2025-01-01", ""),
        ("hourly", "2025-03-30", "2025-03-30-00:00"),
        ("daily", "2024-02-29", "2024-02-29"),
        ("weekly", "2025-01-15", "2025-01-15"),
        ("monthly", "2025-01-01", "2025-01-01"),
        ("monthly", "2024-02-29", "2024-03-01"),  # the first whole month
        ("monthly", "2024-12-15", "2025-01-01"),  # ... in the next year
        ("static", "2025-01-01", "se"),
        ("daily_static", "2025-01-01", "2025-01-01|se"),
        ("dynamic", "2025-01-01", "batch-0001"),
    ],
)
def test_first_partition_key(partitioning: str, start: str, expected: str) -> None:
    answers = {
        "partitioning": partitioning,
        "partition_start_date": start,
        "static_partition_keys": KEYS,
    }
    assert extension.derive(answers, strict=False)["first_partition_key"] == expected


@pytest.mark.parametrize(
    ("start", "offset"),
    [("2025-01-12", 0), ("2025-01-13", 1), ("2025-01-15", 3), ("2025-01-18", 6)],
)
def test_weekday_offset_counts_from_sunday(start: str, offset: int) -> None:
    answers = {"partitioning": "weekly", "partition_start_date": start}
    assert extension.derive(answers, strict=False)["weekday_offset"] == offset


@pytest.mark.parametrize(
    ("partitioning", "cron"),
    [
        ("hourly", "15 * * * *"),
        ("daily", "15 0 * * *"),
        ("weekly", "15 0 * * 3"),  # weeks start on the start date's weekday, a Wednesday
        ("monthly", "15 0 1 * *"),
        ("daily_static", "15 0 * * *"),
        ("static", "0 6 * * *"),
        ("dynamic", "0 6 * * *"),
        ("none", "0 6 * * *"),
    ],
)
def test_schedule_cron_runs_after_each_time_partition_closes(partitioning: str, cron: str) -> None:
    answers = {"partitioning": partitioning, "partition_start_date": "2025-01-15"}
    assert extension.derive(answers, strict=False)["schedule_cron"] == cron


def test_during_the_interview_only_what_the_answers_determine_is_derived() -> None:
    # Asked so far: partitioning, and a start date that its validator has not refused yet.
    answers = {"partitioning": "weekly", "partition_start_date": "2025/01/15"}
    derived = extension.derive(answers, strict=False)
    assert derived["is_time_partitioned"] is True
    assert derived["time_granularity"] == "week"
    assert "weekday_offset" not in derived  # the date is not valid (yet)
    assert "engine_dependencies" not in derived  # compute_engine is not answered yet
    with pytest.raises(ValueError):
        extension.derive(answers, strict=True)


def test_the_hook_derives_again_when_an_answer_it_read_changes() -> None:
    template = jinja2.Environment(extensions=[extension.CopierDagster]).from_string(
        "{{ first_partition_key }}"
    )
    copier = {"_copier_conf": {}, "_copier_phase": "prompt"}
    answers = {
        "partitioning": "static",
        "partition_start_date": "2025-01-01",
        "static_partition_keys": ["se", "no"],
    }
    assert template.render(**copier, **answers) == "se"
    assert template.render(**copier, **answers) == "se"
    assert template.render(**copier, **{**answers, "static_partition_keys": ["no"]}) == "no"
    assert template.render(**copier, **{**answers, "partitioning": "daily_static"}) == (
        "2025-01-01|se"
    )
    assert template.render(**copier, **{**answers, "partitioning": "daily"}) == "2025-01-01"
    # An answer that is gone (or not given yet) leaves the value out again.
    assert template.render(**copier, partitioning="daily") == ""


def test_each_template_string_compiles_once_and_still_resets_the_yield_tag() -> None:
    environment = jinja2.Environment(extensions=[YieldExtension, extension.CopierDagster])
    parse = environment._parse
    parsed: list[str] = []
    environment._parse = lambda source, *args: parsed.append(source) or parse(source, *args)
    name = "{{ package_name }}"
    assert environment.from_string(name).render(package_name="acme") == "acme"
    assert environment.from_string(name).render(package_name="shop") == "shop"
    assert parsed == [name]
    environment.from_string("{% yield part from parts %}{{ part }}{% endyield %}").render(
        parts=["a", "b"]
    )
    assert get_yield_context(environment).yield_name == "part"
    environment.from_string(name)  # compiled before: Copier's reset still happens
    assert get_yield_context(environment).yield_name is None
    with pytest.raises(jinja2.TemplateSyntaxError):
        environment.from_string("{{ package_name ")


def test_dependency_sets_come_from_versions_toml() -> None:
    versions = extension.versions()["requirements"]
    answers = {
        "compute_engine": "polars",
        "use_iceberg": False,
        "iceberg_catalog": "sql",
        "deployment": "kubernetes",
    }
    derived = extension.derive(answers, strict=False)
    # The DuckDB file store needs duckdb whatever the engine; pyarrow carries every table.
    assert derived["engine_dependencies"] == [
        f"polars{versions['polars']}",
        f"pyarrow{versions['pyarrow']}",
        f"duckdb{versions['duckdb']}",
    ]
    assert derived["iceberg_dependencies"] == []
    assert derived["deployment_dependencies"] == [
        f"dagster-postgres{versions['dagster-postgres']}",
        f"dagster-k8s{versions['dagster-k8s']}",
    ]
    glue = extension.derive({**answers, "use_iceberg": True, "iceberg_catalog": "glue"}, False)
    assert glue["iceberg_dependencies"][0] == (
        f"pyiceberg[glue,pyarrow,sql-sqlite]{versions['pyiceberg']}"
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Data Pipeline", "data-pipeline"),
        ("L'Équipe Données", "l-equipe-donnees"),
        ("  --Acme__Analytics 2--  ", "acme-analytics-2"),
    ],
)
def test_slug(name: str, slug: str) -> None:
    assert extension.slug(name) == slug


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2024-02-29", ""),
        ("2023-02-29", "is not a date that exists"),
        ("2100-02-29", "is not a date that exists"),
        ("2000-02-29", ""),
        ("1969-12-31", "must be 1970-01-01 or later"),
        ("2025-06-02", "lies in the future (today is 2025-06-01)"),
    ],
)
def test_start_date_rules(start: str, message: str) -> None:
    error = extension.start_date_error(start, "2025-06-01")
    assert (message in error) if message else error == ""
