"""The answer matrix keeps the coverage tests/scenarios.py claims: every choice of every
question is generated and checked at least once (the warehouse adapters and the Spark
platforms other than the run ones install or render, lint and parse), and every pair of values
on the axes below runs end to end (SCENARIOS). A scenario may be dropped, merged or changed only
while this holds.

Answers a scenario leaves out take their defaults from copier.yml; the one computed default,
compute_engine's, is restated here as the interview (shared/reference/interview.md) states it.
"""

from __future__ import annotations

from itertools import product

import pytest
from conftest import TEMPLATE_ROOT
from scenarios import LARGE_SCENARIOS, SCENARIOS, WAREHOUSE_SCENARIOS, Scenario
from template_history import asked_questions

QUESTIONS = asked_questions((TEMPLATE_ROOT / "copier.yml").read_text())
ENGINE_FOR_VOLUME = {"small": "pandas", "medium": "polars", "large": "pyspark"}

# The questions whose every value must run end to end with every value of the other.
AXES = [
    ("compute_engine", "partitioning"),
    ("compute_engine", "data_volume"),
    ("automation", "partitioning"),
    ("use_sensor", "partitioning"),
    ("include_example", "compute_engine"),
    ("include_example", "partitioning"),
    ("use_iceberg", "partitioning"),
    ("use_iceberg", "compute_engine"),
    # dbt run by the embedded DuckDB (on the Iceberg catalog or the DuckDB file), per
    # partitioning and storage.
    ("dbt_runs_locally", "partitioning"),
    ("dbt_runs_locally", "use_iceberg"),
    ("dbt_runs_locally", "include_example"),
]
# Spark is the large tier's engine and the only one there: it runs end to end in one scenario
# (a JVM per run), its other partitionings and platforms render, lint and parse
# (tests/test_large.py). The other engines' pairs run.
SPARK = "pyspark"
LARGE_ONLY = {
    *((engine, "large") for engine in ("pandas", "polars", "duckdb")),
    *((SPARK, volume) for volume in ("small", "medium")),
}


def effective(scenario: Scenario) -> dict[str, object]:
    answers = {
        key: question["default"]
        for key, question in QUESTIONS.items()
        if "{{" not in str(question.get("default", "{{"))
    }
    answers.update(scenario.answers)
    answers.setdefault("compute_engine", ENGINE_FOR_VOLUME[str(answers["data_volume"])])
    answers["dbt_runs_locally"] = bool(answers["use_dbt"]) and answers["dbt_adapter"] == "duckdb"
    return answers


def values(question: str, run: bool = False) -> list[object]:
    if question == "dbt_runs_locally" or QUESTIONS[question].get("type") == "bool":
        return [False, True]
    choices = QUESTIONS[question]["choices"]
    listed = list(choices.values()) if isinstance(choices, dict) else list(choices)
    return [value for value in listed if not (run and value == SPARK)]


RUN = [effective(scenario) for scenario in SCENARIOS]
GENERATED = RUN + [effective(s) for s in (*WAREHOUSE_SCENARIOS, *LARGE_SCENARIOS)]


@pytest.mark.parametrize("question", [q for q in QUESTIONS if "choices" in QUESTIONS[q]])
def test_every_choice_is_generated(question: str) -> None:
    seen = set()
    for answers in GENERATED:
        answer = answers.get(question)
        seen.update(answer if isinstance(answer, list) else [answer])
    assert set(values(question)) <= seen, set(values(question)) - seen


@pytest.mark.parametrize("axis", AXES, ids="-".join)
def test_every_pair_on_the_axes_runs_end_to_end(axis: tuple[str, str]) -> None:
    first, second = axis
    if axis == ("compute_engine", "data_volume"):
        wanted = set(product(values(first), values(second))) - LARGE_ONLY
    else:
        wanted = set(product(values(first, run=True), values(second, run=True)))
    seen = {(answers[first], answers[second]) for answers in RUN}
    assert wanted <= seen, sorted(wanted - seen, key=str)
