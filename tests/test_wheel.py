"""A generated project built as a wheel and installed elsewhere loads its definitions.

What a Docker image or a Kubernetes pod holds: the package (with the dbt project and manifest
that `dagster-dbt project prepare-and-package` copies into it), no source tree. The wheel goes
into a fresh venv without its dependencies, which come from this repo's venv through a .pth
file (the scenarios with a real `uv sync` prove the dependencies); the definitions then load
from a folder that holds nothing of the project.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import run, shared_env, uv


def test_an_installed_wheel_loads_its_definitions(copie, tmp_path: Path) -> None:
    result = copie.copy(extra_answers={"run_uv_sync": False})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_dir)
    package = result.answers["package_name"]
    env = shared_env(project)
    dbt_dir = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
    run(["dbt", "parse", "--quiet", *dbt_dir], project, env)
    run(
        [
            "dagster-dbt",
            "project",
            "prepare-and-package",
            "--file",
            f"src/{package}/dbt_project.py",
        ],
        project,
        env,
    )
    run([uv(), "build", "--wheel", "--out-dir", str(tmp_path / "dist")], project, env)
    (wheel,) = (tmp_path / "dist").glob("*.whl")

    venv = tmp_path / "venv"
    run([uv(), "venv", "--python", sys.executable, str(venv)], tmp_path, env)
    python = venv / "bin" / "python"
    run([uv(), "pip", "install", "--python", str(python), "--no-deps", str(wheel)], tmp_path, env)
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # The dependencies: this repo's venv.
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    load = (
        f"from {package}.definitions import defs; "
        "keys = defs().get_repository_def().asset_graph.get_all_asset_keys(); "
        "print(sorted(key.to_user_string() for key in keys))"
    )
    installed_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    printed = run([str(python), "-c", load], elsewhere, installed_env).stdout
    assert "raw_orders" in printed and "daily_revenue" in printed
    # Nothing was read from, or written to, the source tree.
    assert f"{package}/dbt-project" in "\n".join(
        str(path) for path in Path(site, package).rglob("manifest.json")
    )
