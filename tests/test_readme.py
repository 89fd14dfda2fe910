"""The README's first two commands, as a user pastes them on a fresh machine."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import TEMPLATE_ROOT, project_env, run
from project_checks import check_project
from scenarios import BY_NAME

README = (TEMPLATE_ROOT / "README.md").read_text()
FIRST_BLOCK = README.split("```bash\n", 1)[1].split("```", 1)[0]
GENERATE, TEST = FIRST_BLOCK.strip().splitlines()


def test_the_second_command_is_what_ci_runs() -> None:
    ci = (TEMPLATE_ROOT / ".ci" / "run").read_text()
    assert TEST == "uv run pytest -n 3"
    assert f"\n{TEST}\n" in ci


def test_the_first_command_generates_installs_and_materializes(tmp_path: Path) -> None:
    """Then the project passes what every scenario passes (tests/project_checks.py) in the
    environment its own uv sync made: `uv run pytest` and `uv run dg check defs` work at once."""
    # Pasted with the second, the first must not leave the shell in the generated project.
    assert "&& (cd ../my-pipeline &&" in GENERATE
    destination = tmp_path / "my-pipeline"
    run(GENERATE.replace("../my-pipeline", str(destination)), TEMPLATE_ROOT, project_env())
    # The post-copy task installed the project with its own uv sync and committed it.
    assert (destination / "uv.lock").is_file()
    assert (destination / ".git").is_dir()
    answers = yaml.safe_load((destination / ".copier-answers.yml").read_text())
    check_project(destination, answers, BY_NAME["defaults"], launched=True)
