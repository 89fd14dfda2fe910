"""Dagster's plugins as a generated project's own environment would hold them.

The template's tests run most generated projects from this repository's venv, which holds the
dependencies of every answer set. Dagster and `dg` discover their plugins through entry points
(`dagster_dg_cli.registry_modules`, `dagster_dg.plugin`, ...) and import every one they find
each time definitions load, so in this venv every command would import dagster-aws,
dagster-dbt, dagster-spark and dagster-openlineage whether the project declares them or not:
seconds of work per command that the project's own `uv sync` would never install.
tests/conftest.py `shared_env` puts this folder on PYTHONPATH with COPIER_DAGSTER_DISTRIBUTIONS
naming the distributions a `uv sync` of the project would install; Python imports this module
at start-up, and Dagster then sees only those distributions' plugins. Other entry points, and
processes without the variable, are untouched.
"""

import importlib.metadata
import os
import re

_DISTRIBUTIONS = os.environ.get("COPIER_DAGSTER_DISTRIBUTIONS")
if _DISTRIBUTIONS is not None:
    _installed = frozenset(_DISTRIBUTIONS.split(","))
    _all_entry_points = importlib.metadata.entry_points

    def _project_entry_points(**selection: str) -> importlib.metadata.EntryPoints:
        found = _all_entry_points(**selection)
        if not selection.get("group", "").startswith("dagster_dg"):
            return found
        return importlib.metadata.EntryPoints(
            entry_point
            for entry_point in found
            if entry_point.dist is not None
            and re.sub(r"[-_.]+", "-", entry_point.dist.name).lower() in _installed
        )

    importlib.metadata.entry_points = _project_entry_points
