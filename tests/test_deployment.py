"""Deployment and CI files: every deployment x CI provider renders files that their linters and
schemas accept, and the docker_compose instance really records runs in PostgreSQL."""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import copier
import psycopg2
import pytest
import yaml
from conftest import TEMPLATE_ROOT, VENV_BIN, run, shared_env
from dagster import DagsterEventType, DagsterInstance, DagsterRunStatus
from dagster._config import validate_config
from dagster._core.instance.config import dagster_instance_config
from dagster._grpc.client import DagsterGrpcClient
from dagster_cloud_cli.config.models import load_dagster_cloud_yaml
from dagster_docker import DockerRunLauncher
from scenarios import CI_PROVIDERS, DEPLOYMENT_SCENARIOS, DEPLOYMENTS, Scenario

COMBINATIONS = [(d, c) for d in DEPLOYMENTS for c in CI_PROVIDERS]
POSTGRES_VARIABLES = [
    "DAGSTER_POSTGRES_HOST",
    "DAGSTER_POSTGRES_PORT",
    "DAGSTER_POSTGRES_USER",
    "DAGSTER_POSTGRES_PASSWORD",
    "DAGSTER_POSTGRES_DB",
]
# Fields of the Dagster Helm chart's values schema (helm/dagster/schema in dagster-io/dagster):
# a misspelt key would be ignored by Helm without a word.
USER_DEPLOYMENT_FIELDS = {
    "name", "image", "dagsterApiGrpcArgs", "codeServerArgs", "includeConfigInLaunchedRuns",
    "port", "env", "envConfigMaps", "envSecrets", "annotations", "nodeSelector", "affinity",
    "tolerations", "podSecurityContext", "securityContext", "resources", "livenessProbe",
    "readinessProbe", "startupProbe", "labels", "volumeMounts", "volumes", "schedulerName",
}  # fmt: skip
CHART_TOP_LEVEL = {
    "global", "generatePostgresqlPasswordSecret", "postgresql", "dagster-user-deployments",
    "runLauncher", "concurrency", "dagsterWebserver", "dagsterDaemon", "imagePullSecrets",
}  # fmt: skip
# The files of each deployment and each CI provider; .pre-commit-config.yaml comes always.
DEPLOYMENT_FILES = {
    "local": set(),
    "docker_compose": {
        "Dockerfile",
        ".dockerignore",
        "docker-compose.yml",
        "deploy/dagster.yaml",
        "deploy/workspace.yaml",
    },
    "kubernetes": {
        "Dockerfile",
        ".dockerignore",
        "deploy/helm/values.yaml",
        "deploy/helm/data-volume.yaml",
    },
    "dagster_plus": {"Dockerfile", ".dockerignore", "dagster_cloud.yaml"},
}
CI_FILES = {
    "github": {
        ".github/workflows/ci.yml",
        ".github/workflows/template-update.yml",
        ".github/dependabot.yml",
    },
    "gitlab": {".gitlab-ci.yml"},
    "none": set(),
}
DEPLOY_WORKFLOW = ".github/workflows/deploy.yml"  # dagster_plus with github only
REGISTRIES = {
    "github": "ghcr.io/",
    "gitlab": "registry.gitlab.com/",
    "none": "registry.example.com/",
}
RUN_ID = "00000000-0000-4000-8000-00000000c0de"


def expected_files(deployment: str, ci_provider: str, shared_data: bool = True) -> set[str]:
    files = DEPLOYMENT_FILES[deployment] | CI_FILES[ci_provider] | {".pre-commit-config.yaml"}
    if not shared_data:
        files.discard("deploy/helm/data-volume.yaml")
    if (deployment, ci_provider) == ("dagster_plus", "github"):
        files.add(DEPLOY_WORKFLOW)
    return files


def tool(name: str) -> str:
    return str(VENV_BIN / name)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree, with the README and .env.example including the deployment sections."""
    copy = tmp_path_factory.mktemp("template") / "copier-dagster"
    shutil.copytree(
        TEMPLATE_ROOT,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "*_cache", "__pycache__", "benchmarks"),
    )
    includes = {
        "README.md.jinja": "includes/readme_deployment.md.jinja",
        ".env.example.jinja": "includes/env_deployment.jinja",
    }
    for name, include in includes.items():
        path = copy / "template" / name
        text = path.read_text()
        if include not in text:
            path.write_text(f"{text}{{% include '{include}' %}}\n")
    return copy


def render(template: Path, destination: Path, **answers: object) -> Path:
    copier.run_copy(
        str(template),
        destination,
        data={"run_uv_sync": False, **answers},
        defaults=True,
        unsafe=True,
        skip_tasks=True,
        quiet=True,
    )
    return destination


def lint(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{command}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout


def env_example(project: Path) -> dict[str, str]:
    lines = (project / ".env.example").read_text().splitlines()
    pairs = (line.partition("=") for line in lines if line and not line.startswith("#"))
    return {name: value for name, _, value in pairs}


# ---------------------------------------------------------------------------------------------
# A real PostgreSQL behind the docker_compose instance configuration
# ---------------------------------------------------------------------------------------------


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _serving(client: DagsterGrpcClient) -> bool:
    try:
        client.ping("ready")
    except Exception:
        return False
    return True


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Stop the servers this test started, each with the process group it leads."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def postgres() -> Iterator[dict[str, str]]:
    """A throwaway PostgreSQL server on a free loopback port, with password authentication."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        message = "PostgreSQL (initdb) is not installed: apt-get install postgresql"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # The server refuses to run as root: run it as an unprivileged user.
    prefix: list[str] = []
    owner = None
    if os.geteuid() == 0:
        name = "postgres" if _user_exists("postgres") else "nobody"
        owner = pwd.getpwnam(name)
        prefix = ["runuser", "-u", name, "--"]
    root = Path(tempfile.mkdtemp(prefix="dagster-postgres-"))
    password = "s3cret-" + os.urandom(4).hex()
    (root / "password").write_text(password + "\n")
    if owner:
        os.chown(root, owner.pw_uid, owner.pw_gid)
        os.chown(root / "password", owner.pw_uid, owner.pw_gid)
    data, port = root / "data", _free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "dagster", "--auth=scram-sha-256"]
    run([*prefix, *initdb, f"--pwfile={root / 'password'}"], root, dict(os.environ))
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
    pg_ctl = [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log")]
    run([*pg_ctl, "-o", options, "-w", "start"], root, dict(os.environ))
    try:
        connection = {
            "DAGSTER_POSTGRES_HOST": "127.0.0.1",
            "DAGSTER_POSTGRES_PORT": str(port),
            "DAGSTER_POSTGRES_USER": "dagster",
            "DAGSTER_POSTGRES_PASSWORD": password,
            "DAGSTER_POSTGRES_DB": "dagster",
        }
        createdb = [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "dagster"]
        run([*createdb, "dagster"], root, {**os.environ, "PGPASSWORD": password})
        yield connection
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], cwd=root, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def test_compose_stack_runs_through_postgres(
    template: Path, tmp_path: Path, postgres: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docker-compose.yml without Docker: the code server and the daemon of the generated
    configuration, on a real PostgreSQL. A launched run is queued, dequeued by the daemon,
    started in the code server (DefaultRunLauncher) and recorded as a success."""
    project = render(
        template,
        tmp_path / "project",
        deployment="docker_compose",
        use_dbt=False,
        use_iceberg=False,
    )
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    package, slug = answers["package_name"], answers["project_slug"]
    partition = answers["partition_start_date"]
    home = tmp_path / "dagster_home"
    home.mkdir()
    # No Docker here: runs start in the code server as before, everything else as generated
    # (check_compose validates the DockerRunLauncher's configuration).
    instance_config = yaml.safe_load((project / "deploy" / "dagster.yaml").read_text())
    instance_config["run_launcher"] = {"module": "dagster", "class": "DefaultRunLauncher"}
    (home / "dagster.yaml").write_text(yaml.safe_dump(instance_config))
    port = _free_port()
    workspace = (project / "deploy" / "workspace.yaml").read_text()
    workspace = workspace.replace("host: code", "host: 127.0.0.1").replace("4000", str(port))
    (home / "workspace.yaml").write_text(workspace)
    env = {**shared_env(project), **postgres, "DAGSTER_HOME": str(home)}

    servers = {
        "code": ["dagster", "code-server", "start", "-h", "127.0.0.1", "-p", str(port)]
        + ["-m", f"{package}.definitions"],
        "daemon": ["dagster-daemon", "run", "-w", str(home / "workspace.yaml")],
    }
    logs = {name: tmp_path / f"{name}.log" for name in servers}

    def tails() -> str:
        return "\n".join(f"{name}:\n{path.read_text()[-3000:]}" for name, path in logs.items())

    with contextlib.ExitStack() as stack:
        processes = [
            subprocess.Popen(
                command,
                cwd=project,
                env=env,
                stdout=stack.enter_context(logs[name].open("w")),
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the code server has children
            )
            for name, command in servers.items()
        ]
        stack.callback(_stop, processes)
        client = DagsterGrpcClient(port=port, host="127.0.0.1")
        deadline = time.monotonic() + 120
        while not _serving(client):
            assert time.monotonic() < deadline and all(p.poll() is None for p in processes), tails()
            time.sleep(0.5)
        launch = ["dagster", "job", "launch", "-w", str(home / "workspace.yaml"), "-l", slug]
        launch += ["-j", "pipeline_job", "--run-id", RUN_ID]
        launch += ["--tags", json.dumps({"dagster/partition": partition})]
        run(launch, project, env, 300)

        for name, value in postgres.items():
            monkeypatch.setenv(name, value)
        instance = stack.enter_context(DagsterInstance.from_config(str(home)))
        deadline = time.monotonic() + 180
        while (record := instance.get_run_by_id(RUN_ID)) is None or not record.is_finished:
            assert time.monotonic() < deadline, tails()
            time.sleep(1)
        assert record.status == DagsterRunStatus.SUCCESS, tails()
        assert record.tags["dagster/partition"] == partition
        events = {event.dagster_event_type for event in instance.all_logs(RUN_ID)}
        # Queued by the instance, then launched by the daemon through the run launcher.
        launched = {
            DagsterEventType.RUN_ENQUEUED,
            DagsterEventType.RUN_STARTING,
            DagsterEventType.RUN_SUCCESS,
        }
        assert launched <= events
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        assert type(instance.run_launcher).__name__ == "DefaultRunLauncher"
        concurrency = instance.get_concurrency_config()
        assert concurrency.pool_config.default_pool_limit == 1
        assert concurrency.run_queue_config.max_concurrent_runs == 4  # small data volume
        # The steps claimed slots of the `warehouse` pool, which live in PostgreSQL too.
        assert "warehouse" in instance.event_log_storage.get_concurrency_keys()
        # The daemon's health check in docker-compose.yml: its heartbeats, read from PostgreSQL.
        run(["dagster-daemon", "liveness-check"], project, env, 120)

    # Straight from PostgreSQL, not from a local file.
    with (
        psycopg2.connect(
            host=postgres["DAGSTER_POSTGRES_HOST"],
            port=int(postgres["DAGSTER_POSTGRES_PORT"]),
            user=postgres["DAGSTER_POSTGRES_USER"],
            password=postgres["DAGSTER_POSTGRES_PASSWORD"],
            dbname=postgres["DAGSTER_POSTGRES_DB"],
        ) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute("select run_id, status from runs")
        assert cursor.fetchall() == [(RUN_ID, "SUCCESS")]
    assert not list(home.glob("**/*.db")), "the instance wrote a SQLite file"


# ---------------------------------------------------------------------------------------------
# Every deployment x CI provider (after the slow test above, which xdist then starts first)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", DEPLOYMENT_SCENARIOS, ids=lambda scenario: scenario.name)
def test_deployment_files(template: Path, tmp_path: Path, scenario: Scenario) -> None:
    project = render(template, tmp_path / "project", **scenario.answers)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    deployment, ci_provider = answers["deployment"], answers["ci_provider"]
    slug, package = answers["project_slug"], answers["package_name"]
    # Pods share data/ unless every table lives in a remote catalog and nothing else writes there.
    shared_data = (
        not answers["use_iceberg"] or answers["iceberg_catalog"] == "sql" or answers["use_sensor"]
    )
    files = expected_files(deployment, ci_provider, shared_data)
    every_file = set().union(*(expected_files(d, c) for d, c in COMBINATIONS))
    # Exactly the files of these answers, none of the others.
    for name in every_file:
        assert (project / name).is_file() == (name in files), name
    assert (project / "deploy").exists() == (deployment in {"docker_compose", "kubernetes"})

    # Fully rendered and as pre-commit wants them: one final newline, no trailing blanks.
    for name in files:
        text = (project / name).read_text()
        assert "{%" not in text and not re.search(r"(?<!\$)\{\{", text), name
        assert text.endswith("\n") and not text.endswith("\n\n"), name
        assert not re.search(r"[ \t]+$", text, re.MULTILINE), name
        if name.endswith((".yml", ".yaml")):
            assert yaml.safe_load(text), name

    readme = (project / "README.md").read_text()
    section = readme[readme.index("## Deployment") :]
    assert "{{" not in section and "{%" not in section
    env = env_example(project)
    needs_postgres = deployment in {"docker_compose", "kubernetes"}
    assert all((name in env) == needs_postgres for name in POSTGRES_VARIABLES), env

    if deployment != "local":
        lint([tool("hadolint"), "Dockerfile"], project)
        dockerfile = (project / "Dockerfile").read_text()
        assert f'"-m", "{package}.definitions"]' in dockerfile
        assert "uv sync --frozen --no-dev --no-install-project" in dockerfile
        assert re.search(r"^USER 10001:10001$", dockerfile, re.MULTILINE)
        assert f"python:{answers['python_version']}-slim-bookworm" in dockerfile
        prepare = f"prepare-and-package --file src/{package}/dbt_project.py"
        assert (prepare in dockerfile) == answers["use_dbt"]
        # dbt runs in the packaged project: its DuckDB paths must not be relative to it.
        dbt_on_duckdb = answers["use_dbt"] and answers["dbt_adapter"] == "duckdb"
        placeholders = "grep '^DBT_' .env.example > /tmp/dbt-placeholders.env"
        assert (placeholders in dockerfile) == (answers["use_dbt"] and not dbt_on_duckdb)
        assert ("ENV DUCKDB_DATABASE=/app/data/" in dockerfile) == (
            dbt_on_duckdb and not answers["use_iceberg"]
        )
        # dbt on Iceberg hands nothing over through files: no scratch folder to point at.
        assert "DBT_EXTERNAL_ROOT" not in dockerfile
        ignored = set((project / ".dockerignore").read_text().split())
        assert {".venv/", ".env", "data/"} <= ignored
        assert ("dbt_project/target/" in ignored) == answers["use_dbt"]
    if deployment == "docker_compose":
        check_compose(project, slug)
    elif deployment == "kubernetes":
        check_helm(project, slug, package, readme, shared_data)
    elif deployment == "dagster_plus":
        check_dagster_plus(project, slug, package, ci_provider)

    if ci_provider == "github":
        workflows = sorted(str(path) for path in (project / ".github" / "workflows").iterdir())
        lint([tool("actionlint"), *workflows], project)
        lint([tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", "."], project)
        schema = ["--builtin-schema", "vendor.github-workflows"]
        lint([tool("check-jsonschema"), *schema, *workflows], project)
        dependabot = ["--builtin-schema", "vendor.dependabot", ".github/dependabot.yml"]
        lint([tool("check-jsonschema"), *dependabot], project)
        check_github(project, answers)
    elif ci_provider == "gitlab":
        schema = ["--builtin-schema", "vendor.gitlab-ci", ".gitlab-ci.yml"]
        lint([tool("check-jsonschema"), *schema], project)
        check_gitlab(project, answers)

    hooks = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())
    by_id = {hook["id"]: hook for repo in hooks["repos"] for hook in repo["hooks"]}
    assert by_id["check-merge-conflict"]["args"] == ["--assume-in-merge"]
    assert {"check-yaml", "end-of-file-fixer", "ruff-check", "ruff-format"} <= set(by_id)
    assert all(repo.get("rev") for repo in hooks["repos"] if repo["repo"] != "local")


def check_compose(project: Path, slug: str) -> None:
    lint(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", "docker-compose.yml"],
        project,
    )
    compose = yaml.safe_load((project / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "code", "webserver", "daemon"}
    assert "healthcheck" in services["postgres"]
    for name in ("code", "webserver", "daemon"):
        service = services[name]
        assert service["image"] == f"{slug}:latest" and service["env_file"] == ".env"
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in service["volumes"]}
        assert mounts["/opt/dagster/home/dagster.yaml"] == "./deploy/dagster.yaml"
    assert "/app/data" in {volume.split(":")[1] for volume in services["code"]["volumes"]}
    for name in ("webserver", "daemon"):  # they start and stop the runs' containers
        assert "/var/run/docker.sock:/var/run/docker.sock" in services[name]["volumes"]
        assert services[name]["group_add"] == ["${DOCKER_GID:?set DOCKER_GID in .env}"]
    assert services["webserver"]["ports"] == ["127.0.0.1:3000:3000"]
    # The image's health check probes the code server: the other two replace it with their own.
    assert "server_info" in services["webserver"]["healthcheck"]["test"][-1]
    assert services["daemon"]["healthcheck"]["test"] == ["CMD", "dagster-daemon", "liveness-check"]

    workspace = yaml.safe_load((project / "deploy" / "workspace.yaml").read_text())
    server = workspace["load_from"][0]["grpc_server"]
    assert (server["host"], server["port"]) in {(name, 4000) for name in services}

    # The instance configuration that the webserver, the daemon and the runs load.
    instance = yaml.safe_load((project / "deploy" / "dagster.yaml").read_text())
    if "event_log_storage" in instance:  # observability wraps the event log storage
        wrapper = instance["event_log_storage"]
        assert wrapper["class"] == "ObservedEventLogStorage"
        assert wrapper["config"]["wrapped"]["class"] == "PostgresEventLogStorage"
        assert wrapper["config"]["wrapped"]["config"] == instance["run_storage"]["config"]
        postgres = instance["run_storage"]["config"]["postgres_db"]
    else:
        postgres = instance["storage"]["postgres"]["postgres_db"]
    assert postgres.pop("scheme") == "postgresql+psycopg2"  # the driver dagster-postgres ships
    assert {value["env"] for value in postgres.values()} == set(POSTGRES_VARIABLES)
    assert instance["run_coordinator"]["class"] == "QueuedRunCoordinator"
    # Each run in a container of its own, on the stack's network and volumes, with every
    # variable of .env.example the project reads.
    launcher = instance["run_launcher"]
    assert (launcher["module"], launcher["class"]) == ("dagster_docker", "DockerRunLauncher")
    assert validate_config(DockerRunLauncher.config_type(), launcher["config"]).success
    assert launcher["config"]["image"] == services["code"]["image"]
    assert launcher["config"]["network"] == compose["networks"]["default"]["name"]
    names = {volume["name"]: key for key, volume in compose["volumes"].items() if volume}
    code_mounts = dict(volume.split(":", 1) for volume in services["code"]["volumes"])
    for mount in launcher["config"]["container_kwargs"]["volumes"]:
        volume, target = mount.split(":", 1)
        assert code_mounts[names[volume]] == target  # a volume of the code service, mounted alike
    env_example = (project / ".env.example").read_text()
    assigned = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", env_example, re.MULTILINE))
    passed = set(launcher["config"]["env_vars"])
    assert set(POSTGRES_VARIABLES) <= passed
    assert passed == assigned - {"DAGSTER_HOME", "DOCKER_GID"}
    # Dead runs fail and free their slots, runs over the volume's time are canceled, runs whose
    # container died are retried from their failed steps (the assets retry their own failures).
    monitoring = instance["run_monitoring"]
    assert monitoring["enabled"] and monitoring["free_slots_after_run_end_seconds"] > 0
    assert monitoring["start_timeout_seconds"] > 0 and monitoring["cancel_timeout_seconds"] > 0
    assert monitoring["max_runtime_seconds"] >= 3600
    assert instance["run_retries"] == {
        "enabled": True,
        "max_retries": 2,
        "retry_on_asset_or_op_failure": False,
    }
    assert instance["concurrency"]["pools"]["default_limit"] == 1
    assert instance["concurrency"]["runs"]["max_concurrent_runs"] > 0
    # Dagster's own schema and cross-field checks (the run coordinator against `concurrency`).
    with pytest.MonkeyPatch.context() as patch:
        for name in POSTGRES_VARIABLES:
            patch.setenv(name, "5432" if name.endswith("PORT") else "placeholder")
        dagster_instance_config(str(project / "deploy"))


def check_helm(project: Path, slug: str, package: str, readme: str, shared_data: bool) -> None:
    values = yaml.safe_load((project / "deploy" / "helm" / "values.yaml").read_text())
    assert set(values) <= CHART_TOP_LEVEL
    assert values["generatePostgresqlPasswordSecret"] is False
    assert values["postgresql"]["enabled"] is False
    assert values["postgresql"]["postgresqlScheme"] == "postgresql+psycopg2"
    secret = values["global"]["postgresqlSecretName"]
    assert f"secret generic {secret} " in readme
    assert "--from-literal=postgresql-password=" in readme
    deployments = values["dagster-user-deployments"]["deployments"]
    assert values["dagster-user-deployments"]["enabled"] is True and len(deployments) == 1
    deployment = deployments[0]
    assert set(deployment) <= USER_DEPLOYMENT_FIELDS
    assert deployment["name"] == slug
    assert deployment["dagsterApiGrpcArgs"] == ["-m", f"{package}.definitions"]
    assert deployment["port"] == 4000
    image = deployment["image"]
    assert image["repository"].endswith(f"/{slug}")
    assert f"docker build --tag {image['repository']}:{image['tag']} ." in readme
    env_secret = deployment["envSecrets"][0]["name"]
    assert f"secret generic {env_secret} " in readme
    resources = deployment["resources"]
    assert set(resources) == {"requests", "limits"}
    assert all(set(part) == {"cpu", "memory"} for part in resources.values())
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    concurrency = values["concurrency"]
    assert concurrency["enabled"] is True and concurrency["pools"]["defaultLimit"] == 1
    assert set(concurrency["runs"]) <= {"maxConcurrentRuns", "tagConcurrencyLimits"}
    # The chart's keys, which its instance template turns into run_monitoring and run_retries.
    daemon = values["dagsterDaemon"]
    assert set(daemon) == {"runMonitoring", "runRetries"}
    assert daemon["runMonitoring"]["enabled"] is True
    assert set(daemon["runMonitoring"]) == {
        "enabled",
        "startTimeoutSeconds",
        "cancelTimeoutSeconds",
        "pollIntervalSeconds",
        "freeSlotsAfterRunEndSeconds",
    }
    assert daemon["runRetries"] == {
        "enabled": True,
        "maxRetries": 2,
        "retryOnAssetOrOpFailure": False,
    }
    assert ("data-volume.yaml" in readme) == shared_data
    if shared_data:
        claim = deployment["volumes"][0]["persistentVolumeClaim"]["claimName"]
        volume = yaml.safe_load((project / "deploy" / "helm" / "data-volume.yaml").read_text())
        assert volume["kind"] == "PersistentVolumeClaim" and volume["metadata"]["name"] == claim
        assert volume["spec"]["accessModes"] == ["ReadWriteMany"]
        assert deployment["volumeMounts"][0] == {"name": "data", "mountPath": "/app/data"}
    else:
        assert "volumes" not in deployment and "volumeMounts" not in deployment
    assert "helm repo add dagster https://dagster-io.github.io/helm" in readme
    assert "-f deploy/helm/values.yaml" in readme


def check_dagster_plus(project: Path, slug: str, package: str, ci_provider: str) -> None:
    config = load_dagster_cloud_yaml((project / "dagster_cloud.yaml").read_text())
    (location,) = config.locations
    assert location.location_name == slug
    assert location.code_source and location.code_source.module_name == f"{package}.definitions"
    assert location.build and location.build.directory == "." and location.build.registry
    # The deploy jobs log in to the registry of the CI provider (ghcr.io with GITHUB_TOKEN, the
    # project's GitLab registry); without CI it is a placeholder to replace.
    registry = location.build.registry
    assert registry.startswith(REGISTRIES[ci_provider]) and registry.endswith(f"/{slug}")
    # The deploy jobs read the registry back with sed: it must find exactly this value.
    found = subprocess.run(
        ["sed", "-n", "s/^ *registry: *//p", "dagster_cloud.yaml"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert found == f"{registry}\n"


def check_github(project: Path, answers: dict[str, object]) -> None:
    workflows = project / ".github" / "workflows"
    ci = yaml.safe_load((workflows / "ci.yml").read_text())
    assert ci["permissions"] == {"contents": "read"}
    steps = ci["jobs"]["test"]["steps"]
    assert steps[0]["with"]["persist-credentials"] is False
    assert steps[1]["with"]["python-version"] == answers["python_version"]
    commands = [step.get("run", "") for step in steps]
    for command in ("uv run ruff check", "uv run dg check defs", "uv run pytest"):
        assert command in commands
    assert ("image" in ci["jobs"]) == (answers["deployment"] != "local")
    update = yaml.safe_load((workflows / "template-update.yml").read_text())
    assert update[True]["schedule"] and update["permissions"] == {}
    job = update["jobs"]["check"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert any("copier check-update --output-format json" in s.get("run", "") for s in job["steps"])
    for path in workflows.iterdir():
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step


def check_gitlab(project: Path, answers: dict[str, object]) -> None:
    pipeline = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
    schedule = '$CI_PIPELINE_SOURCE == "schedule"'
    assert pipeline["template-update"]["rules"] == [{"if": schedule}]
    assert pipeline["test"]["rules"] == [{"if": schedule.replace("==", "!=")}]
    script = pipeline["test"]["script"]
    assert {"uv sync --locked", "uv run dg check defs", "uv run pytest"} <= set(script)
    assert ("docker-build" in pipeline) == (answers["deployment"] != "local")
    assert ("deploy" in pipeline) == (answers["deployment"] == "dagster_plus")
