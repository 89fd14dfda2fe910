from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from pyiceberg.catalog import Catalog

from data_pipeline.dbt_project import dbt_project
from data_pipeline.definitions import defs as lazy_defs
from data_pipeline.lakehouse import open_catalog


def pytest_configure(config: pytest.Config) -> None:
    """Parse the dbt project, if it is stale, before anything loads the definitions."""
    dbt_project()


@pytest.fixture(scope="session")
def defs() -> dg.Definitions:
    return lazy_defs()


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Catalog:
    """A throwaway SQLite Iceberg catalog in place of the project's; dbt reads and writes it too."""
    monkeypatch.setenv("ICEBERG_CATALOG_URI", f"sqlite:///{tmp_path / 'catalog.db'}")
    monkeypatch.setenv("ICEBERG_WAREHOUSE", (tmp_path / "warehouse").as_uri())
    return open_catalog()


@pytest.fixture
def resources(defs: dg.Definitions, warehouse: Catalog) -> dict[str, object]:
    """The project's resources (every module under defs/), pointed at the throwaway
    catalog by the environment."""
    resources = dict(defs.resources)
    return resources


@pytest.fixture(scope="session")
def pipeline(defs: dg.Definitions) -> list[dg.AssetsDefinition]:
    """The project's own definitions of the assets the tests materialize in process
    (raw_orders, stg_orders, daily_revenue), without resources: the tests pass theirs."""
    keys = {dg.AssetKey(name) for name in ["raw_orders", "stg_orders", "daily_revenue"]}
    return [
        assets
        for assets in defs.assets or []
        if isinstance(assets, dg.AssetsDefinition) and not keys.isdisjoint(assets.keys)
    ]


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    """A throwaway instance in memory, the kind `dg.materialize` makes by default: runs, events
    and dynamic partitions without the SQLite files and schema migrations of a persistent one."""
    with dg.DagsterInstance.ephemeral() as test_instance:
        yield test_instance
