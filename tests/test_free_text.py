"""Free-text answers are data: quotes, backslashes, braces and non-ASCII never break a file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml
from conftest import run, shared_env
from scenarios import FREE_TEXT_SCENARIO

HOSTILE = FREE_TEXT_SCENARIO.answers


def test_hostile_free_text_round_trips(copie) -> None:
    result = copie.copy(extra_answers={**HOSTILE, "run_uv_sync": False, "use_dbt": False})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["description"] == HOSTILE["description"]
    assert pyproject["project"]["authors"] == [
        {"name": HOSTILE["author_name"], "email": HOSTILE["author_email"]}
    ]
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["project_name"] == HOSTILE["project_name"]
    readme = (project / "README.md").read_text()
    assert readme.startswith(f"# {HOSTILE['project_name']}\n")
    assert not (project / "pwned").exists()
    env = shared_env(project)
    run(["ruff", "check", "."], project, env)
    run(["ruff", "format", "--check", "."], project, env)
    run(["dg", "check", "defs"], project, env)
