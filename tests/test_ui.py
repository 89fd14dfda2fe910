"""The generated project's Dagster UI in a real browser (Debian's chromium, PyPI playwright).

As a new user would: render the default project, run the README's launch command (the block
after `<!-- launch -->`), start `dg dev` on 127.0.0.1, then check in headless chromium that the
lineage page shows every asset with its edges, passed checks, the launched partition
materialized and Iceberg storage. GraphQL answers are the cross-check for what the page must
show. Screenshots and the server's log are kept in artifacts/ui/ (ignored by git). `.ci/run`
installs chromium; playwright never downloads a browser of its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import TEMPLATE_ROOT, launch_commands, run, shared_env
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

ARTIFACTS = TEMPLATE_ROOT / "artifacts" / "ui"
CHROMIUM = "/usr/bin/chromium"
# Headless, and no background traffic: the machine has no internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
EXPECTED_EDGES = {("raw_orders", "stg_orders"), ("stg_orders", "daily_revenue")}
READY_TIMEOUT_S = 240
STOP_TIMEOUT_S = 30

# CI (.ci/run) installs chromium; a developer machine without it skips these tests.
# The server (a rendered project, a launch and `dg dev`) is a module fixture, stopped after the
# last of these tests: tests/conftest.py orders them first so that one xdist worker runs them all.
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (.ci/run installs it)",
)


ASSETS_QUERY = """
{ assetNodes {
    assetKey { path }
    kinds
    dependencyKeys { path }
    partitionStats { numMaterialized numPartitions numFailed }
    assetChecksOrError { ... on AssetChecks { checks {
        name executionForLatestMaterialization { status } } } }
} }
"""
LOCATION_QUERY = """
{ workspaceOrError { ... on Workspace { locationEntries {
    name loadStatus locationOrLoadError { __typename ... on PythonError { message } } } } } }
"""
MATERIALIZATIONS_QUERY = """
query ($path: [String!]!, $partition: String!) {
  assetNodeOrError(assetKey: {path: $path}) { ... on AssetNode {
    assetMaterializations(partitions: [$partition]) { partition runId } } }
}
"""


def default_signals() -> None:
    """Run in the child before exec: a shell's background job inherits SIGINT ignored, and
    `dagster dev` maps SIGTERM to SIGINT's handler, so such a server ignores both."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    base: str
    process: subprocess.Popen[bytes]
    seconds_to_http: float
    seconds_to_loaded: float

    def graphql(self, query: str, **variables: object) -> dict:
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = urllib.request.Request(
            self.base + "/graphql", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        assert "errors" not in answer, answer["errors"]
        return answer["data"]


def wait_until_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> tuple[float, float]:
    """Seconds until /server_info answers and until the code location is LOADED."""
    start = time.monotonic()
    to_http = None
    while time.monotonic() - start < READY_TIMEOUT_S:
        assert process.poll() is None, f"dg dev exited early:\n{log.read_text()[-3000:]}"
        try:
            if to_http is None:
                with urllib.request.urlopen(base + "/server_info", timeout=2):
                    to_http = time.monotonic() - start
            server = Server(base, process, to_http, 0.0)
            entries = server.graphql(LOCATION_QUERY)["workspaceOrError"]["locationEntries"]
            if entries and all(entry["loadStatus"] == "LOADED" for entry in entries):
                errors = [
                    e
                    for e in entries
                    if e["locationOrLoadError"]["__typename"] != "RepositoryLocation"
                ]
                assert not errors, errors
                return to_http, time.monotonic() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise AssertionError(f"dg dev not ready after {READY_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen[bytes]) -> float:
    """Ctrl-C to the server's process group (its own session), SIGKILL after STOP_TIMEOUT_S."""
    start = time.monotonic()
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # Children (webserver, daemon, code server) share the group: make sure none is left.
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return time.monotonic() - start
    time.sleep(2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    return time.monotonic() - start


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default project, rendered as a user would; its post-copy task wrote .env with
    DAGSTER_HOME, the project-local instance that dg launch and dg dev share."""
    import copier

    destination = tmp_path_factory.mktemp("ui") / "project"
    copier.run_copy(
        str(TEMPLATE_ROOT), destination, data={"run_uv_sync": False}, defaults=True, unsafe=True
    )
    assert "DAGSTER_HOME=" in (destination / ".env").read_text()
    return destination


@pytest.fixture(scope="module")
def launched_partition(project: Path) -> str:
    """Runs the README's launch command (in this repo's venv); returns its partition."""
    launch = launch_commands((project / "README.md").read_text()).replace("uv run ", "")
    run(launch, project, shared_env(project))
    return re.search(r"--partition '([^']+)'", launch).group(1)


@pytest.fixture(scope="module")
def server(project: Path, launched_partition: str) -> Iterator[Server]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = ARTIFACTS / "dg-dev.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["dg", "dev", "--host", "127.0.0.1", "--port", str(port)],
            cwd=project, env=shared_env(project), stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=default_signals,
        )  # fmt: skip
        try:
            to_http, to_loaded = wait_until_ready(base, process, log)
            print(f"\ndg dev: /server_info after {to_http:.1f}s, loaded after {to_loaded:.1f}s")
            server = Server(base, process, to_http, to_loaded)
            # The "Join the Dagster community" modal would cover the graph.
            assert server.graphql("mutation { setNuxSeen }")["setNuxSeen"] is True
            yield server
        finally:
            print(f"dg dev stopped in {stop(process):.1f}s")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def assets(server: Server) -> dict[str, dict]:
    nodes = server.graphql(ASSETS_QUERY)["assetNodes"]
    return {"/".join(node["assetKey"]["path"]): node for node in nodes}


NODE_NAME_JS = "n => n.firstElementChild.innerText.split('\\n')[0].trim()"


def graph_nodes(page: Page) -> dict[str, Locator]:
    """Each asset node of the lineage graph (an SVG foreignObject) by the asset name it shows."""
    page.goto("/asset-groups")
    nodes = page.locator("svg foreignObject")
    expect(nodes.first).to_be_visible()
    page.wait_for_load_state("networkidle")
    # A node's first line is its asset's name (the graph shows the last part of the key).
    return {nodes.nth(i).evaluate(NODE_NAME_JS): nodes.nth(i) for i in range(nodes.count())}


def graph_edges(page: Page) -> set[tuple[str, str]]:
    """Edges drawn in the graph as (upstream, downstream), from the SVG geometry: an edge is a
    path with an arrow marker that starts on its upstream node's box and ends at the other's."""
    boxes = page.eval_on_selector_all(
        "svg foreignObject",
        """nodes => nodes.map(n => ({name: n.firstElementChild.innerText.split('\\n')[0].trim(),
            x: +n.getAttribute('x'), y: +n.getAttribute('y'),
            w: +n.getAttribute('width'), h: +n.getAttribute('height')}))""",
    )
    paths = page.eval_on_selector_all(
        "svg path[marker-end]", "ps => ps.map(p => p.getAttribute('d'))"
    )

    def nearest(x: float, y: float) -> str:
        def distance(box: dict) -> float:
            dx = max(box["x"] - x, 0, x - (box["x"] + box["w"]))
            dy = max(box["y"] - y, 0, y - (box["y"] + box["h"]))
            return (dx * dx + dy * dy) ** 0.5

        return min(boxes, key=distance)["name"]

    edges = set()
    for d in paths:
        points = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
        edges.add((nearest(points[0], points[1]), nearest(points[-2], points[-1])))
    return edges


@pytest.fixture
def browser_page(
    browser: Browser, server: Server, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = browser.new_context(base_url=server.base, viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    # Live data (statuses, check results) arrives after the graph: on a busy machine a node
    # shows its checks seconds later than the 5 s `expect` waits by default.
    expect.set_options(timeout=30_000)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


def test_server_starts(server: Server) -> None:
    assert server.seconds_to_http < READY_TIMEOUT_S
    assert server.seconds_to_loaded >= server.seconds_to_http


def test_graphql_lineage(assets: dict[str, dict]) -> None:
    """The cross-check: the graph the UI must draw."""
    assert set(assets) == {"raw_orders", "stg_orders", "daily_revenue"}
    edges = {
        ("/".join(dep["path"]), name)
        for name, node in assets.items()
        for dep in node["dependencyKeys"]
    }
    assert edges == EXPECTED_EDGES


def test_lineage_shows_every_asset_and_edge(browser_page: Page, assets: dict[str, dict]) -> None:
    nodes = graph_nodes(browser_page)
    assert set(nodes) == set(assets)
    for name in assets:
        # The sidebar lists the asset too, as a button named after it.
        expect(browser_page.get_by_role("button", name=name).first).to_be_visible()
    assert graph_edges(browser_page) == EXPECTED_EDGES
    browser_page.screenshot(path=ARTIFACTS / "lineage.png")


def test_lineage_shows_passed_checks(browser_page: Page, assets: dict[str, dict]) -> None:
    nodes = graph_nodes(browser_page)
    for name, asset in assets.items():
        checks = asset["assetChecksOrError"]["checks"]
        statuses = {c["name"]: c["executionForLatestMaterialization"]["status"] for c in checks}
        assert checks and set(statuses.values()) == {"SUCCEEDED"}, statuses
        n = len(checks)
        expect(nodes[name].get_by_role("link", name=f"{n} / {n} Passed")).to_be_visible()


def test_launched_partition_is_materialized(
    browser_page: Page, server: Server, assets: dict[str, dict], launched_partition: str
) -> None:
    for name, asset in assets.items():
        stats = asset["partitionStats"]
        assert stats["numMaterialized"] >= 1 and stats["numFailed"] == 0, (name, stats)
        events = server.graphql(MATERIALIZATIONS_QUERY, path=[name], partition=launched_partition)
        partitions = [e["partition"] for e in events["assetNodeOrError"]["assetMaterializations"]]
        assert partitions and set(partitions) == {launched_partition}, (name, partitions)
        browser_page.goto(f"/assets/{name}?view=partitions&partition={launched_partition}")
        materialized = stats["numMaterialized"]
        expect(
            browser_page.get_by_text(f"Materialized ({materialized})", exact=True)
        ).to_be_visible()
        missing = stats["numPartitions"] - materialized
        expect(browser_page.get_by_text(f"Missing ({missing})", exact=True)).to_be_visible()
        # The selected partition's detail: its key, tagged Materialized, and the run (short id)
        # that materialized it last, as GraphQL reports it.
        expect(
            browser_page.get_by_text(launched_partition, exact=True).filter(visible=True).last
        ).to_be_visible()
        expect(browser_page.get_by_text("Materialized", exact=True)).to_be_visible()
        latest_run = events["assetNodeOrError"]["assetMaterializations"][0]["runId"]
        expect(browser_page.get_by_role("link", name=latest_run[:8])).to_be_visible()
        browser_page.screenshot(path=ARTIFACTS / f"partition-{name}.png", full_page=True)


@pytest.mark.parametrize("name", ["raw_orders", "stg_orders", "daily_revenue"])
def test_storage_shown_as_iceberg(browser_page: Page, assets: dict[str, dict], name: str) -> None:
    assert "iceberg" in {kind.lower() for kind in assets[name]["kinds"]}
    nodes = graph_nodes(browser_page)
    expect(nodes[name].get_by_text("Iceberg", exact=True)).to_be_visible()


@pytest.mark.parametrize("name", ["raw_orders", "daily_revenue"])
def test_partition_metadata_renders(browser_page: Page, launched_partition: str, name: str) -> None:
    """A partition's rows, table name and preview, for Python assets and dbt models alike."""
    browser_page.goto(f"/assets/{name}?view=partitions&partition={launched_partition}")
    expect(browser_page.get_by_text("dagster/partition_row_count", exact=True)).to_be_visible()
    expect(browser_page.get_by_text("dagster/table_name", exact=True)).to_be_visible()
    expect(browser_page.get_by_text("Could not parse record")).to_have_count(0)
