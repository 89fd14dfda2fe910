"""The README's first two commands, as a user pastes them on a fresh machine."""

from __future__ import annotations

from pathlib import Path

from conftest import TEMPLATE_ROOT, project_env, run, uv

README = (TEMPLATE_ROOT / "README.md").read_text()
FIRST_BLOCK = README.split("```bash\n", 1)[1].split("```", 1)[0]
GENERATE, TEST = FIRST_BLOCK.strip().splitlines()


def test_the_second_command_is_what_ci_runs() -> None:
    ci = (TEMPLATE_ROOT / ".ci" / "run").read_text()
    assert TEST == "uv run pytest -n 3"
    assert f"\n{TEST}\n" in ci


def test_the_first_command_generates_installs_and_materializes(tmp_path: Path) -> None:
    # Pasted with the second, the first must not leave the shell in the generated project.
    assert "&& (cd ../my-pipeline &&" in GENERATE
    destination = tmp_path / "my-pipeline"
    run(GENERATE.replace("../my-pipeline", str(destination)), TEMPLATE_ROOT, project_env())
    # The post-copy task installed the project with its own uv sync and committed it.
    assert (destination / "uv.lock").is_file()
    assert (destination / ".git").is_dir()
    read_back = (
        "from data_pipeline import lakehouse; "
        "from data_pipeline.table_partition import TablePartition; "
        "print(lakehouse.read_partition('daily_revenue', TablePartition()).num_rows)"
    )
    rows = run([uv(), "run", "--frozen", "python", "-c", read_back], destination, project_env())
    assert int(rows.stdout) > 0
