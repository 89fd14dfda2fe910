"""Fixtures and helpers for testing the template by rendering it and running the result."""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

TEMPLATE_ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True, scope="session")
def _isolated_copier_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A copier settings file on the machine must not leak defaults into the tests."""
    settings = tmp_path_factory.mktemp("copier") / "settings.yml"
    settings.write_text("{}\n")
    os.environ["COPIER_SETTINGS_PATH"] = str(settings)
    os.environ["UV_PYTHON_DOWNLOADS"] = "never"
    os.environ.setdefault("GIT_AUTHOR_NAME", "copier-dagster tests")
    os.environ.setdefault("GIT_AUTHOR_EMAIL", "tests@example.com")
    os.environ.setdefault("GIT_COMMITTER_NAME", "copier-dagster tests")
    os.environ.setdefault("GIT_COMMITTER_EMAIL", "tests@example.com")


# The longest tests, as measured by `--durations` on 2 cores, by the start of their node id,
# run first so that none of them starts late and runs alone at the end. `--dist worksteal`
# gives each worker a contiguous share of this order and idle workers take from the end of a
# busy one's queue, so the browser tests, first of all, run on one worker against one server
# (a module fixture; xdist's `loadgroup` cannot group them under pytest 9, whose
# node ids it no longer rewrites).
LONGEST_FIRST = (
    "tests/test_ui.py",
    "tests/test_scenarios.py::test_scenario[pyspark-large-daily-berlin]",
    "tests/test_large.py::test_spark_partitions_in_parallel",
    "tests/test_history.py::test_update_from_earlier_version[f287a8a]",
    "tests/test_history.py::test_update_from_earlier_version[f0fae99]",
    "tests/test_readme.py::test_the_first_command",
    "tests/test_scenarios.py::test_scenario[dbt-",
    "tests/test_scenarios.py",
    "tests/test_history.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        starts = (i for i, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix))
        return next(starts, len(LONGEST_FIRST))

    items.sort(key=rank)


PLUGIN_SCOPE = Path(__file__).parent / "plugin_scope"


def project_distributions(project: Path) -> set[str]:
    """The distributions (canonical names) a `uv sync` of the project installs, as this venv
    resolves them: its dependencies and dev group, their extras and markers, transitively."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    declared = [
        *pyproject["project"]["dependencies"],
        *pyproject.get("dependency-groups", {}).get("dev", []),
    ]
    pending = [Requirement(line) for line in declared if isinstance(line, str)]
    found: set[str] = set()
    seen: set[tuple[str, str]] = set()
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        extras = {""} | set(requirement.extras)
        if {(name, extra) for extra in extras} <= seen:
            continue
        seen |= {(name, extra) for extra in extras}
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        found.add(name)
        for line in requires:
            needed = Requirement(line)
            if needed.marker is None or any(
                needed.marker.evaluate({"extra": extra}) for extra in extras
            ):
                pending.append(needed)
    return found


def shared_env(project: Path) -> dict[str, str]:
    """Run a generated project's tools from this repo's venv (it holds every dependency), with
    Dagster's plugins limited to those the project's own environment would hold
    (tests/plugin_scope/sitecustomize.py)."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env['PATH']}"
    env["PYTHONPATH"] = os.pathsep.join([str(project / "src"), str(PLUGIN_SCOPE)])
    env["COPIER_DAGSTER_DISTRIBUTIONS"] = ",".join(sorted(project_distributions(project)))
    env.pop("DAGSTER_HOME", None)
    return env


def project_env() -> dict[str, str]:
    """Run a generated project's own uv-managed environment, unaffected by ours."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = os.pathsep.join(
        part for part in env["PATH"].split(os.pathsep) if Path(part) != VENV_BIN
    )
    return env


def run(
    command: list[str] | str,
    cwd: Path,
    env: dict[str, str],
    timeout: int = 900,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Runs `command` in `cwd`; with `check`, fails the test with its output unless it succeeds.

    With COPIER_DAGSTER_TIMES set to a file, appends the command's wall and CPU seconds to it
    (for profiling the suite; the sum of children's CPU is exact while a worker runs one test)."""
    started = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        shell=isinstance(command, str),
        executable="/bin/bash" if isinstance(command, str) else None,
    )
    if log := os.environ.get("COPIER_DAGSTER_TIMES"):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime + usage.ru_stime - started[1].ru_utime - started[1].ru_stime
        wall = time.perf_counter() - started[0]
        words = command if isinstance(command, str) else " ".join(map(str, command))
        test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0].split("::")[-1]
        with open(log, "a") as times:
            times.write(f"{wall:7.1f} {cpu:7.1f} {test} {words[:140]}\n")
    assert not check or result.returncode == 0, (
        f"{command} failed in {cwd} ({result.returncode}):\n"
        f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    )
    return result


def launch_commands(readme: str) -> str:
    """The shell block that follows the `<!-- launch -->` marker in a generated README."""
    match = re.search(r"<!-- launch -->\n```bash\n(.*?)```", readme, re.DOTALL)
    assert match, "generated README has no launch block"
    return match.group(1)


def uv() -> str:
    found = shutil.which("uv")
    assert found, "uv must be installed to run the template's tests"
    return found


def materialize_in_parallel(
    command: list[str], keys: list[str], project: Path, env: dict[str, str], timeout: int = 900
) -> None:
    """Starts `command + [key]` for every key at once, each in its own process; fails the test
    with a partition's output unless every one succeeds."""
    processes = [
        subprocess.Popen(
            [*command, key],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for key in keys
    ]
    outputs = [process.communicate(timeout=timeout)[0] for process in processes]
    for key, process, output in zip(keys, processes, outputs, strict=True):
        assert process.returncode == 0, f"partition {key} failed:\n{output[-4000:]}"
