"""Where the dbt project and its manifest live, keeping the manifest current, and `DbtCli`, the
resource that runs dbt.

Importing this module does no work: `dbt_project()` parses the dbt project when the definitions
load, and only when its manifest is missing or older than a dbt file, so `dg` commands start
fast and a fresh clone still works. A wheel or an image carries the project and its manifest:
`uv run dagster-dbt project prepare-and-package --file src/data_pipeline/dbt_project.py` copies
them into the package (the commands that build the image run it).
"""

import functools
from collections.abc import Sequence
from importlib.metadata import version as installed_version
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging.version import Version

# Absolute: `dagster-dbt project prepare-and-package --file` loads this file on its own,
# outside its package, where a relative import has no parent.
from data_pipeline.paths import resolve

SOURCE_DIR = resolve("dbt_project")
# prepare-and-package copies the dbt project here so that wheels and images carry it.
PACKAGED_DIR = Path(__file__).resolve().parent / "dbt-project"
# The files a parse reads: a change to any of them makes the manifest stale.
PARSED_FILES = ("**/*.sql", "**/*.yml", "**/*.yaml", "**/*.csv", "**/*.md")

DBT_PROJECT = DbtProject(
    project_dir=SOURCE_DIR if SOURCE_DIR.is_dir() else PACKAGED_DIR,
    packaged_project_dir=PACKAGED_DIR,
)


@functools.cache
def dbt_project() -> DbtProject:
    """The dbt project, parsed first when its manifest is missing or stale."""
    if not manifest_is_current(DBT_PROJECT):
        DBT_PROJECT.preparer.prepare(DBT_PROJECT)
    return DBT_PROJECT


def manifest_is_current(project: DbtProject) -> bool:
    """Whether the manifest exists and is newer than every file a parse reads."""
    if not project.manifest_path.is_file():
        return False
    built = project.manifest_path.stat().st_mtime
    generated = {project.project_dir / project.target_path, project.project_dir / "dbt_packages"}
    return all(
        path.stat().st_mtime <= built
        for pattern in PARSED_FILES
        for path in project.project_dir.glob(pattern)
        if not any(folder in path.parents for folder in generated)
    )


class DbtCli(DbtCliResource):
    """dagster-dbt's DbtCliResource without two costs of every dbt command that this project
    never uses.

    Before each command, DbtCliResource.cli() (dagster-dbt 0.29) runs `dbt --version` in a
    subprocess (which also asks PyPI for the latest release) and loads a dbt adapter with every
    macro of the project into the step's process: about 3 s of a 10 s dbt step on 2 cores
    (benchmarks/dbt_step.py in the template's repository). The adapter serves only
    `fetch_column_metadata()` and `fetch_row_counts()`, which this project does not call (its
    metadata comes from the tables themselves), and the version is that of the dbt-core
    installed beside it.
    """

    @functools.cached_property
    def _cli_version(self) -> Version:
        return Version(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:
        return None
