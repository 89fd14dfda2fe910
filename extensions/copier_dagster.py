"""The Python behind copier.yml: validators, the slug, derived values and dependency versions.

Loaded by Copier through `_jinja_extensions` with the copier-template-extensions package (Copier
does not put the template on `sys.path`), so every copier.yml expression and every template file
sees:

- filters that validate one answer and return its error message, or "" when the answer is good
  (`{{ partition_start_date | start_date_error(today) }}`), and `slug`;
- the derived values (`is_partitioned`, `first_partition_key`, `engine_dependencies`, ...), put
  into every render's context by a context hook: computed here once from the answers, never asked
  and never stored, recomputed on update;
- `requirement(name)`, `action(name)`, `lower_bound(name)` and `versions`: the pins of
  versions.toml, the one file that says which version of anything a generated project uses;
  `copier_update`, the command that updates a generated project.

Besides Jinja and copier-template-extensions it needs only the standard library (Python 3.11+,
as copier-template-extensions does): it runs inside whatever Python runs Copier.
"""

from __future__ import annotations

import functools
import keyword
import re
import sys
import tomllib
import unicodedata
import zoneinfo
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from copier_template_extensions import ContextHook
from jinja2 import Environment

VERSIONS_FILE = Path(__file__).resolve().parents[1] / "versions.toml"
# How a generated project brings in a new template version: this module needs
# copier-template-extensions beside Copier (without it Copier stops with "Copier could not load
# some Jinja extensions"). `copier check-update` does not load it.
COPIER_UPDATE = "uvx --with copier-template-extensions copier update --trust"

# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------
# Modules that Python 3.12 and 3.13 removed from the standard library: generated projects run on
# 3.10 and later, where these still exist, whatever Python runs Copier.
REMOVED_STDLIB_MODULES = frozenset({
    "aifc", "asynchat", "asyncore", "audioop", "cgi", "cgitb", "chunk", "crypt", "distutils",
    "imghdr", "imp", "lib2to3", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes",
    "smtpd", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib",
})  # fmt: skip
STDLIB_MODULES = frozenset(sys.stdlib_module_names) | REMOVED_STDLIB_MODULES
# Import names of the generated project's dependencies and tools (and every `dagster*`).
TAKEN_IMPORT_NAMES = frozenset({
    "dbt", "pyiceberg", "polars", "pandas", "duckdb", "pyspark", "pyarrow", "numpy", "pytest",
    "ruff", "copier", "sqlalchemy", "pydantic", "tests", "src", "dg", "create_dagster", "uv",
    "setuptools", "hatchling", "yaml", "requests", "boto3",
})  # fmt: skip
TIME_PARTITIONINGS = ("hourly", "daily", "weekly", "monthly", "daily_static")
SINGLE_TIME_PARTITIONINGS = ("hourly", "daily", "weekly", "monthly")
STATIC_PARTITIONINGS = ("static", "daily_static")


@functools.cache
def iana_time_zones() -> frozenset[str]:
    """IANA zone names of the system's time zone database (or the `tzdata` package)."""
    return frozenset(zoneinfo.available_timezones() - {"localtime"})


@functools.cache
def versions() -> dict[str, Any]:
    """versions.toml, parsed."""
    with VERSIONS_FILE.open("rb") as file:
        return tomllib.load(file)


# ---------------------------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------------------------
def requirement(name: str, extras: list[str] | tuple[str, ...] = ()) -> str:
    """The PEP 508 requirement of the PyPI distribution `name`, e.g. "dagster>=1.13,<1.14".

    `extras` adds extras (`pyiceberg[glue,pyarrow]>=...`). Raises KeyError when versions.toml
    has no specifier for it.
    """
    specifier = versions()["requirements"][name]
    return f"{name}[{','.join(extras)}]{specifier}" if extras else f"{name}{specifier}"


def lower_bound(name: str) -> str:
    """The lowest version a requirement allows, e.g. "1.13" for dagster>=1.13,<1.14."""
    found = re.search(r">=\s*([^,\s]+)", versions()["requirements"][name])
    if not found:
        raise ValueError(f"versions.toml: the specifier of {name} has no lower bound")
    return found.group(1)


def action(name: str) -> str:
    """A GitHub Action pinned to its full commit hash, e.g. "actions/checkout@08c6... # v5.0.0"."""
    pin = versions()["actions"][name]
    return f"{name}@{pin['sha']} # {pin['tag']}"


# ---------------------------------------------------------------------------------------------
# Filters: each validator returns the error message of a bad answer, or "" for a good one.
# ---------------------------------------------------------------------------------------------
def slug(value: object, separator: str = "-") -> str:
    """Lower-case ASCII words joined by `separator`: "Équipe Données" -> "equipe-donnees"."""
    ascii_text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", separator, ascii_text.lower()).strip(separator)


def text_error(value: object, question: str, required: bool = False, max_length: int = 0) -> str:
    """One line of free text, not empty when `required`, at most `max_length` characters."""
    text = str(value)
    if required and not text.strip():
        return f"{question} must not be empty"
    if "\n" in text or "\r" in text:
        return f"{question} must be a single line"
    if max_length and len(text) > max_length:
        return f"{question} must be at most {max_length} characters"
    return ""


def project_slug_error(value: object) -> str:
    text = str(value)
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", text):
        return (
            "project_slug must match ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ (lower-case letters and digits"
            f" in words joined by single '-', starting with a letter), got '{text}'"
        )
    return ""


def package_name_error(value: object) -> str:
    name = str(value)
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        return (
            "package_name must be a lower-case Python identifier (letters, digits and '_', not"
            f" starting with a digit), got '{name}'"
        )
    if len(name) > 30:
        return "package_name must be at most 30 characters"
    if keyword.iskeyword(name):
        return f"package_name '{name}' is a Python keyword; choose another name"
    if name in STDLIB_MODULES:
        return (
            f"package_name '{name}' shadows the standard-library module of that name; choose"
            " another name"
        )
    if name in TAKEN_IMPORT_NAMES or name.startswith("dagster"):
        return (
            f"package_name '{name}' is the import name of a dependency or tool; choose another name"
        )
    return ""


def author_email_error(value: object) -> str:
    email = str(value)
    if email and (len(email.split()) != 1 or not re.fullmatch(r"[^@ ]+@[^@ ]+[.][^@ .]+", email)):
        return f"author_email must be a plausible address like name@example.com, got '{email}'"
    return ""


def start_date_error(value: object, today: str) -> str:
    """An ISO date that exists, from 1970-01-01 to `today` (YYYY-MM-DD)."""
    text = str(value)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return f"partition_start_date must be an ISO date YYYY-MM-DD, got '{text}'"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return f"partition_start_date {text} is not a date that exists"
    if day.year < 1970:
        return f"partition_start_date must be 1970-01-01 or later, got {text}"
    if day > date.fromisoformat(today):
        return f"partition_start_date {text} lies in the future (today is {today})"
    return ""


def timezone_error(value: object) -> str:
    zones = iana_time_zones()
    if not zones:
        return (
            "partition_timezone cannot be checked: this Python finds no IANA time zone database;"
            " run Copier with the tzdata package beside it (uvx --with tzdata ...)"
        )
    if value not in zones:
        return (
            f"partition_timezone '{value}' is not an IANA time zone name (e.g. UTC,"
            " Europe/Berlin, America/New_York)"
        )
    return ""


@functools.cache
def _shifts_by_part_of_an_hour(zone_name: str) -> bool:
    """Whether the zone's clocks move by less than a whole hour (sampled daily, 2020-2030)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    moments = (datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=day) for day in range(3653))
    offsets = [moment.astimezone(zone).utcoffset() for moment in moments]
    return any(
        (after - before).total_seconds() % 3600
        for before, after in zip(offsets, offsets[1:], strict=False)
        if before is not None and after is not None and after != before
    )


def hourly_automation_error(automation: object, partitioning: object, timezone: object) -> str:
    """Dagster's schedules and automation name hourly keys that its hourly partitions do not
    have in a zone whose clocks move by half an hour (Australia/Lord_Howe)."""
    if automation == "none" or partitioning != "hourly" or timezone not in iana_time_zones():
        return ""
    if not _shifts_by_part_of_an_hour(str(timezone)):
        return ""
    return (
        f"automation {automation}: Dagster's schedules and automation request hourly partitions"
        f" that do not exist in {timezone}, whose clocks move by half an hour; choose none"
        " (runs started by hand or the sensor) or daily partitions"
    )


def _yaml_reading(value: object) -> str:
    """What YAML made of an entry that is not text, in words."""
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if value is None:
        return "null"
    return f"a {type(value).__name__} ({value})"


def static_keys_error(keys: object) -> str:
    """A non-empty list of unique text keys, each ^[a-z0-9][a-z0-9_-]*$ and at most 40 long."""
    if not isinstance(keys, list | tuple):
        return "static_partition_keys must be a YAML list of strings such as [us, eu, apac]"
    if not keys:
        return "static_partition_keys must not be empty"
    for position, key in enumerate(keys, start=1):
        if not isinstance(key, str):
            # Copier reads answers as YAML 1.1: what the user typed is gone, only its value is left.
            return (
                f"static_partition_keys entry {position} is not text: YAML read it as"
                f" {_yaml_reading(key)} (unquoted no, yes, on, off, true and false are booleans,"
                " 01 and 1.5 numbers). Quote every key, e.g. ['se', 'no', 'dk']"
            )
    if len(set(keys)) != len(keys):
        return f"static_partition_keys must be unique, got {', '.join(keys)}"
    for key in keys:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", key):
            return f"static_partition_keys entry '{key}' must match ^[a-z0-9][a-z0-9_-]*$"
        if len(key) > 40:
            return f"static_partition_keys entry '{key}' is longer than 40 characters"
    return ""


def engine_error(engine: object, use_iceberg: object) -> str:
    """Spark writes Parquet files that PyIceberg commits: pyspark needs Iceberg storage."""
    if engine == "pyspark" and not use_iceberg:
        return (
            "compute_engine pyspark needs Iceberg storage (use_iceberg: true): Spark jobs write"
            " Parquet files that the Iceberg table registers; with the DuckDB file choose pandas,"
            " polars or duckdb"
        )
    return ""


def spark_example_error(
    use_dbt: object, engine: object, include_example: object, data_volume: object
) -> str:
    """The pyspark example generates its orders in a Spark job; dbt cleans and summarizes them.

    Answers given with --data are validated before the engine's default is computed: then the
    engine is the default of `data_volume`.
    """
    if not isinstance(engine, str):
        engine = "pyspark" if data_volume == "large" else ""
    if engine == "pyspark" and include_example is not False and not use_dbt:
        return (
            "use_dbt false with compute_engine pyspark: the example's Spark job writes the raw"
            " orders and its dbt models clean and summarize them; keep use_dbt true, or choose"
            " include_example false"
        )
    return ""


def _unsafe_in_uri(text: str) -> bool:
    return any(char.isspace() or char in "\"'\\" for char in text)


def catalog_uri_error(uri: object, catalog: str) -> str:
    text = str(uri)
    if _unsafe_in_uri(text):
        return (
            "iceberg_catalog_uri must be one URI without spaces, quotes or backslashes,"
            f" got '{text}'"
        )
    if catalog == "sql" and not re.fullmatch(r"sqlite:///[^?#]+", text):
        return (
            "iceberg_catalog_uri for the sql catalog must be sqlite:///PATH (e.g."
            f" sqlite:///data/iceberg/catalog.db), got '{text}'"
        )
    if catalog == "rest" and (not re.match(r"https?://[^/]+", text) or "@" in text):
        return (
            "iceberg_catalog_uri for the rest catalog must be an http(s) URL without credentials"
            f" (e.g. https://catalog.example.com/api/catalog), got '{text}'"
        )
    return ""


def warehouse_error(warehouse: object, catalog: str) -> str:
    text = str(warehouse)
    if not text or _unsafe_in_uri(text) or re.search(r"://[^/@]*:[^/@]*@", text):
        return (
            "iceberg_warehouse must be a path or URI without spaces, quotes, backslashes or"
            f" credentials, got '{text}'"
        )
    if catalog == "sql" and re.match(r"[a-z0-9]+://", text) and not text.startswith("file://"):
        return (
            f"iceberg_warehouse for the sql catalog must be a local folder (or file:// URI),"
            f" got '{text}'"
        )
    if catalog != "sql" and not re.match(r"(s3|s3a|gs|abfss)://[^/]+", text):
        return (
            f"iceberg_warehouse for the {catalog} catalog must be an object-store URI"
            f" (s3://, gs:// or abfss://), got '{text}'"
        )
    return ""


def namespace_error(value: object) -> str:
    name = str(value)
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        return (
            "iceberg_namespace must be a lower-case identifier (letters, digits and '_', not"
            f" starting with a digit), got '{name}'"
        )
    if len(name) > 64:
        return "iceberg_namespace must be at most 64 characters"
    return ""


ENV_ASSIGNMENT = re.compile(r"^(?:# )?([A-Z][A-Z0-9_]*)=", re.MULTILINE)
# Set by the image (Dockerfile), only by the Helm values, or read by Compose: never passed to runs.
IMAGE_VARIABLES = {"DAGSTER_HOME", "DAGSTER_STEP_PODS", "DOCKER_GID"}


def env_names(text: str) -> list[str]:
    """The variables a rendered .env.example assigns, set or commented out, in order, once each
    (those of IMAGE_VARIABLES left out): what a run's container must receive."""
    names = dict.fromkeys(ENV_ASSIGNMENT.findall(text))
    return [name for name in names if name not in IMAGE_VARIABLES]


FILTERS: dict[str, Callable[..., Any]] = {
    "env_names": env_names,
    "slug": slug,
    "text_error": text_error,
    "project_slug_error": project_slug_error,
    "package_name_error": package_name_error,
    "author_email_error": author_email_error,
    "start_date_error": start_date_error,
    "timezone_error": timezone_error,
    "hourly_automation_error": hourly_automation_error,
    "static_keys_error": static_keys_error,
    "catalog_uri_error": catalog_uri_error,
    "warehouse_error": warehouse_error,
    "namespace_error": namespace_error,
    "engine_error": engine_error,
    "spark_example_error": spark_example_error,
}


# ---------------------------------------------------------------------------------------------
# Derived values: each is a function of the answers (and of the derived values above it).
# ---------------------------------------------------------------------------------------------
class Unanswered(Exception):
    """A derived value needs an answer that the interview has not reached yet."""


class Answers:
    """Attribute access to the answers of one render; a missing one raises Unanswered.

    `read` records what each answer read from the context was (its repr, None for a missing
    one): the derived values are a function of those reads alone.
    """

    def __init__(self, context: Mapping[str, Any]) -> None:
        self._values = dict(context)
        self._derived: set[str] = set()
        self.read: dict[str, str | None] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._values[name]
        except KeyError:
            self.read[name] = None
            raise Unanswered(name) from None
        if name not in self._derived:
            self.read[name] = repr(value)
        return value

    def set(self, name: str, value: Any) -> None:
        self._values[name] = value
        self._derived.add(name)


DERIVED: dict[str, Callable[[Answers], Any]] = {}


def derived(function: Callable[[Answers], Any]) -> Callable[[Answers], Any]:
    """Registers `function` as the derived value of its name (in definition order).

    It must be a function of the answers it reads through its argument (and of versions.toml)
    alone: the context hook reuses its value for as long as those answers stay the same.
    """
    DERIVED[function.__name__] = function
    return function


@derived
def is_partitioned(a: Answers) -> bool:
    return a.partitioning != "none"


@derived
def is_time_partitioned(a: Answers) -> bool:
    return a.partitioning in TIME_PARTITIONINGS


@derived
def is_single_time_partitioned(a: Answers) -> bool:
    """Time partitions with no static dimension (contiguous ranges, so a BackfillPolicy applies)."""
    return a.partitioning in SINGLE_TIME_PARTITIONINGS


@derived
def has_static_keys(a: Answers) -> bool:
    return a.partitioning in STATIC_PARTITIONINGS


@derived
def time_granularity(a: Answers) -> str:
    """hour, day, week, month or "" for partitionings without a time dimension."""
    granularity = {
        "hourly": "hour",
        "daily": "day",
        "weekly": "week",
        "monthly": "month",
        "daily_static": "day",
    }
    return granularity.get(a.partitioning, "")


@derived
def summary_grain(a: Answers) -> str:
    """Time grain of the revenue summary; hourly partitions need hourly rows to stay idempotent."""
    return "hour" if a.partitioning == "hourly" else "day"


@derived
def summary_asset(a: Answers) -> str:
    """Name of the example's summary asset."""
    return "hourly_revenue" if a.partitioning == "hourly" else "daily_revenue"


@derived
def first_partition_key(a: Answers) -> str:
    """The first partition key, used by the README's launch command and the tests."""
    if a.partitioning in ("static", "daily_static"):
        first_key = a.static_partition_keys[0]
        return first_key if a.partitioning == "static" else f"{a.partition_start_date}|{first_key}"
    if a.partitioning == "dynamic":
        return "batch-0001"
    if a.partitioning == "none":
        return ""
    start = date.fromisoformat(a.partition_start_date)
    if a.partitioning == "hourly":
        return f"{start.isoformat()}-00:00"
    if a.partitioning == "monthly" and start.day != 1:  # the first whole month
        start = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start.isoformat()


@derived
def weekday_offset(a: Answers) -> int:
    """Weekday of partition_start_date, Sunday = 0 (Dagster's day_offset for weekly partitions)."""
    if a.partitioning != "weekly":
        return 0
    return date.fromisoformat(a.partition_start_date).isoweekday() % 7


@derived
def dbt_package(a: Answers) -> str:
    """The dbt adapter's PyPI requirement."""
    if not a.use_dbt:
        return ""
    extras = ["PyHive"] if a.dbt_adapter == "spark" else []  # Spark's Thrift server connection
    return requirement(f"dbt-{a.dbt_adapter}", extras)


@derived
def dbt_runs_locally(a: Answers) -> bool:
    """dbt builds in the embedded DuckDB file, so tests can run it end to end."""
    return a.use_dbt and a.dbt_adapter == "duckdb"


@derived
def uses_job(a: Answers) -> bool:
    """An asset job is needed by schedules, the sensor or the dynamic-partition registration."""
    return a.automation == "schedules" or a.use_sensor or a.partitioning == "dynamic"


@derived
def engine_dependencies(a: Answers) -> list[str]:
    """Runtime dependencies of the compute engine and of the table store: pyarrow carries every
    table, and the DuckDB file needs duckdb whatever the engine."""
    names = [a.compute_engine, "pyarrow"]
    if not a.use_iceberg and a.compute_engine != "duckdb":
        names.append("duckdb")
    names += {"databricks": ["dagster-databricks"], "emr_serverless": ["dagster-aws"]}.get(
        a.spark_platform if a.compute_engine == "pyspark" else "", []
    )
    return [requirement(name) for name in names]


@derived
def iceberg_dependencies(a: Answers) -> list[str]:
    """Runtime dependencies of Iceberg storage: the sql-sqlite extra serves the embedded catalog
    and the local catalog of the tests, glue the AWS Glue catalog."""
    if not a.use_iceberg:
        return []
    pyiceberg_extras = ["glue"] * (a.iceberg_catalog == "glue") + ["pyarrow", "sql-sqlite"]
    return [requirement("pyiceberg", pyiceberg_extras), requirement("filelock")]


@derived
def rows_per_partition(a: Answers) -> int:
    """Default synthetic rows per partition of the example (a run config value)."""
    return {"small": 10000, "medium": 200000, "large": 1000000}[a.data_volume]


@derived
def streams(a: Answers) -> bool:
    """The example's tables flow out of core: lazy frames (polars) or relations (DuckDB) between
    steps, written by streaming sinks to Parquet files that the Iceberg commit adds in place.
    Medium volume on Iceberg only; pandas medium, the DuckDB file and small stay in memory."""
    return a.data_volume == "medium" and a.compute_engine in ("polars", "duckdb") and a.use_iceberg


@derived
def max_partitions_per_run(a: Answers) -> int:
    """BackfillPolicy.multi_run batch size."""
    batch = {
        "small": {"hour": 24, "day": 31, "week": 8, "month": 12},
        "medium": {"hour": 6, "day": 7, "week": 2, "month": 1},
        # One Spark job per partition: partitions run in parallel, each commits its own files.
        "large": {},
    }
    return batch[a.data_volume].get(a.time_granularity, 1)


@derived
def max_concurrent_steps(a: Answers) -> int:
    """Step concurrency of the multiprocess executor (medium, large); small runs in process."""
    return {"small": 1, "medium": 2, "large": 4}[a.data_volume]


@derived
def spark_conf(a: Answers) -> dict[str, str]:
    """The Spark jobs' settings by data volume (defs/spark.py passes them to every job).

    Timestamps are written as INT64 microseconds (INT96 reads as nanoseconds, which Iceberg
    refuses) and read and written in UTC, so a file's min/max are the instants Iceberg's
    transforms see.
    """
    if a.compute_engine != "pyspark":
        return {}
    sizes = {
        "small": ("1g", "1g", "8"),
        "medium": ("4g", "8g", "64"),
        "large": ("8g", "16g", "400"),
    }
    driver, executor, shuffle = sizes[a.data_volume]
    return {
        "spark.driver.memory": driver,
        "spark.executor.memory": executor,
        "spark.sql.shuffle.partitions": shuffle,
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    }


@derived
def max_runtime_seconds(a: Answers) -> int:
    """How long a run may take before run monitoring cancels it (the instance's default for
    runs without a `dagster/max_runtime` tag): a partition of the volume's size, with margin."""
    return {"small": 2, "medium": 6, "large": 12}[a.data_volume] * 3600


@derived
def dbt_on_iceberg(a: Answers) -> bool:
    """dbt reads its sources from Iceberg and writes its models to Iceberg through DuckDB."""
    return a.use_iceberg and a.use_dbt and a.dbt_adapter == "duckdb"


@derived
def runs_spark(a: Answers) -> bool:
    """The example's rows are computed by a Spark job launched through Dagster Pipes (the
    `spark` resource of defs/spark.py), not in the step process."""
    return a.compute_engine == "pyspark" and a.include_example


@derived
def commits_files(a: Answers) -> bool:
    """A job outside the Dagster process writes Parquet files that lakehouse.commit_files()
    registers in the Iceberg table: the example's Spark job, or the engine's streaming sinks
    (medium tiers that stream)."""
    return a.use_iceberg and (a.runs_spark or a.streams)


@derived
def dbt_native_iceberg(a: Answers) -> bool:
    """The dbt adapter creates Iceberg tables itself (configured in dbt_project.yml)."""
    native = ("snowflake", "spark", "databricks", "trino")
    return a.use_iceberg and a.use_dbt and a.dbt_adapter in native


@derived
def deployment_dependencies(a: Answers) -> list[str]:
    """Runtime dependencies of the deployment: the Postgres instance storage, the webserver the
    Compose stack runs from the project image, the Kubernetes run launcher and executor."""
    names = {
        "local": [],
        "docker_compose": ["dagster-postgres", "dagster-webserver", "dagster-docker"],
        "kubernetes": ["dagster-postgres", "dagster-k8s"],
        "dagster_plus": ["dagster-cloud"],
    }
    return [requirement(name) for name in names[a.deployment]]


@derived
def uses_k8s_executor(a: Answers) -> bool:
    """Steps fan out as Kubernetes pods (k8s_job_executor) for medium and large volumes."""
    return a.deployment == "kubernetes" and a.data_volume != "small"


@derived
def freshness_hours(a: Answers) -> int:
    """Hours after which the example's tables count as stale (FreshnessPolicy fail window)."""
    hours = {"hourly": 2, "daily": 26, "daily_static": 26, "weekly": 7 * 24 + 2, "monthly": 32 * 24}
    return hours.get(a.partitioning, 26)


@derived
def needs_data_volume(a: Answers) -> bool:
    """Runs share the project's data/ folder (a local catalog or warehouse file, landing files),
    so a Kubernetes deployment mounts a shared volume there."""
    return not a.use_iceberg or a.iceberg_catalog == "sql" or a.use_sensor


@derived
def project_timezone(a: Answers) -> str:
    """The zone local days and hours are counted in: the partitions' zone, else UTC."""
    return a.partition_timezone if a.is_time_partitioned else "UTC"


@derived
def table_store(a: Answers) -> str:
    """The module that reads and writes the tables: the Iceberg catalog or the DuckDB file."""
    return "lakehouse" if a.use_iceberg else "warehouse"


@derived
def table_modules(a: Answers) -> list[str]:
    """The modules the IO manager stores tables through, in import order: the table store, and
    streaming.py where lazy frames stream to Parquet files (streams)."""
    return [a.table_store, "streaming"] if a.streams else [a.table_store]


@derived
def reads_run_records(a: Answers) -> bool:
    """The run-failure alerts or observability read finished runs' records (run_details.py)."""
    return a.alerting != "none" or bool(a.observability)


@derived
def observability_tested(a: Answers) -> bool:
    """The project's tests run the example against the instance's observability backends (a
    throwaway receiver collects what they report): dbt, if any, must run locally."""
    return bool(a.observability) and a.include_example and (not a.use_dbt or a.dbt_runs_locally)


@derived
def asset_kinds(a: Answers) -> str:
    """The Python assets' Dagster kinds as a set literal: the engine and the storage, once each
    (the DuckDB engine writing to the DuckDB file is one kind)."""
    kinds = dict.fromkeys([a.compute_engine, "iceberg" if a.use_iceberg else "duckdb"])
    return "{" + ", ".join(f'"{kind}"' for kind in kinds) + "}"


@derived
def time_transform(a: Answers) -> str:
    """The Iceberg partition transform of a table's time column, from the partitioning (never
    from the length of a window: a day can last 23 or 25 hours)."""
    transforms = {"hourly": "hour", "daily": "day", "weekly": "day", "monthly": "month"}
    return transforms.get(a.partitioning, "day" if a.partitioning == "daily_static" else "")


@derived
def partition_key_column(a: Answers) -> str:
    """The column that holds a partition's key, for partitionings with keys."""
    return {"static": "region", "daily_static": "region", "dynamic": "batch_id"}.get(
        a.partitioning, ""
    )


@derived
def dbt_model_folders(a: Answers) -> list[dict[str, str]]:
    """The dbt model folders and the time column each one's partitions are selected by: an
    instant, or the local date of a daily summary."""
    if not a.include_example:
        return [{"name": "starter", "time_column": "period_start", "time_type": "instant"}]
    summary_time = "instant" if a.partitioning == "hourly" else "date"
    return [
        {"name": "staging", "time_column": "ordered_at", "time_type": "instant"},
        {"name": "marts", "time_column": "period_start", "time_type": summary_time},
    ]


def _partition_expr(a: Answers, time_column: str) -> str:
    """The `partition_expr` metadata (Python) of a table whose time column is `time_column`: one
    column per dimension of a multi-partition. Empty for unpartitioned projects."""
    if a.partitioning == "daily_static":
        return f'{{DATE_DIMENSION: "{time_column}", STATIC_DIMENSION: "{a.partition_key_column}"}}'
    if a.is_time_partitioned:
        return f'"{time_column}"'
    return f'"{a.partition_key_column}"' if a.is_partitioned else ""


@derived
def partition_expr(a: Answers) -> str:
    """The `partition_expr` metadata (Python) of a table whose time column is `period_start`: the
    starter table's, and the dbt build's, which passes only the window to its models."""
    return _partition_expr(a, "period_start")


@derived
def orders_partition_expr(a: Answers) -> str:
    """The `partition_expr` metadata (Python) of the example's order tables (`ordered_at`)."""
    return _partition_expr(a, "ordered_at")


@derived
def orders_partitions_imports(a: Answers) -> list[str]:
    """The names the example's assets module imports from defs/partitions.py, sorted: the
    dimensions of its metadata, the definition its runs read windows of, the time zone of its
    daily summary."""
    names = ["DATE_DIMENSION", "STATIC_DIMENSION"] if a.partitioning == "daily_static" else []
    if a.is_single_time_partitioned or (a.runs_spark and a.is_partitioned):
        names.append("PARTITIONS")
    if a.is_time_partitioned and not a.use_dbt and a.summary_grain == "day":
        names.append("TIMEZONE")
    return sorted(names)


@derived
def summary_by(a: Answers) -> str:
    """The columns (a Python tuple) the example's summary has a row per value of, besides its
    period: a dynamic partition's batch too."""
    return '("region", "batch_id")' if a.partitioning == "dynamic" else '("region",)'


@derived
def retry_policy(a: Answers) -> dict[str, int]:
    """The assets' RetryPolicy: retries of a failed step, and the seconds before the first (the
    delay grows exponentially)."""
    if a.data_volume == "small":
        return {"max_retries": 2, "delay": 5}
    return {"max_retries": 3, "delay": 30}


@derived
def executor(a: Answers) -> str:
    """The executor (Python) of runs outside Kubernetes step pods: one process for small data,
    else processes of at most max_concurrent_steps steps at a time."""
    if a.data_volume == "small":
        return "dg.in_process_executor"
    return f'dg.multiprocess_executor.configured({{"max_concurrent": {a.max_concurrent_steps}}})'


@derived
def pipeline_assets(a: Answers) -> list[str]:
    """The assets of the pipeline, in order: the example's or the starter's (its dbt model with
    dbt)."""
    if not a.include_example:
        return ["starter_table", "starter_model"] if a.use_dbt else ["starter_table"]
    cleaned = "stg_orders" if a.use_dbt else "cleaned_orders"
    return ["raw_orders", cleaned, summary_asset(a)]


# Derived values of the project's infrastructure modules (io_manager, lakehouse, defs/).
@derived
def schedule_cron(a: Answers) -> str:
    """The cron of the pipeline's schedule or source automation: 15 minutes after each time
    partition closes (weeks on weekday_offset), else every day at 06:00 UTC."""
    crons = {
        "hour": "15 * * * *",
        "day": "15 0 * * *",
        "week": f"15 0 * * {a.weekday_offset}",
        "month": "15 0 1 * *",
    }
    return crons.get(a.time_granularity, "0 6 * * *")


@derived
def alert_service(a: Answers) -> dict[str, str]:
    """The run-failure alerts' service, in the terms of its Dagster integration: its name, the
    secret that enables it (an environment variable), the integration's module and sensor
    factory, and that factory's arguments for the secret and the message function."""
    if a.alerting == "slack":
        return {
            "name": "Slack",
            "secret": "SLACK_BOT_TOKEN",
            "secret_kind": "bot token",
            "package": "dagster-slack",
            "module": "dagster_slack",
            "factory": "make_slack_on_run_failure_sensor",
            "secret_argument": "slack_token",
            "text_argument": "text_fn",
        }
    if a.alerting == "msteams":
        return {
            "name": "Microsoft Teams",
            "secret": "MSTEAMS_WEBHOOK_URL",
            "secret_kind": "incoming webhook",
            "package": "dagster-msteams",
            "module": "dagster_msteams",
            "factory": "make_teams_on_run_failure_sensor",
            "secret_argument": "hook_url",
            "text_argument": "message_fn",
        }
    return {}


@derived
def spark_remote_settings(a: Answers) -> dict[str, str]:
    """The Spark jobs' resource settings on a remote platform, by field: the environment variable
    each is read from. The first one's presence switches the jobs from local mode to the
    platform. Empty for Spark on the run worker and without Spark."""
    settings = {
        "databricks": {
            "host": "DATABRICKS_HOST",
            "token": "DATABRICKS_TOKEN",
            "cluster_id": "DATABRICKS_CLUSTER_ID",
            "jobs_uri": "SPARK_JOBS_URI",
        },
        "emr_serverless": {
            "application_id": "EMR_SERVERLESS_APPLICATION_ID",
            "execution_role_arn": "EMR_SERVERLESS_EXECUTION_ROLE_ARN",
            "jobs_uri": "SPARK_JOBS_URI",
        },
    }
    return settings.get(a.spark_platform, {}) if a.compute_engine == "pyspark" else {}


@derived
def spark_jobs_base(a: Answers) -> str:
    """The class the Spark jobs' resource (defs/spark.py) extends: the remote platform's settings
    and launch from spark_platforms/, or Dagster's plain resource for Spark on the run worker."""
    bases = {"databricks": "OnDatabricks", "emr_serverless": "OnEMRServerless"}
    return bases.get(a.spark_platform, "dg.ConfigurableResource")


@derived
def pipeline_runs_in_tests(a: Answers) -> bool:
    """The generated tests materialize the whole pipeline in process: no dbt, or dbt on the
    embedded DuckDB file (a remote warehouse's models are tested only with its credentials)."""
    return not a.use_dbt or dbt_runs_locally(a)


@derived
def tested_assets(a: Answers) -> list[str]:
    """The assets the generated tests materialize in process, in order (pipeline_assets, or only
    the first when dbt runs on a remote warehouse)."""
    assets = pipeline_assets(a)
    return assets if pipeline_runs_in_tests(a) else assets[:1]


@derived
def dbt_live_variable(a: Answers) -> str:
    """The variable of .env.example whose presence tells the generated tests that the remote dbt
    warehouse is reachable ("" without dbt or with dbt on the embedded DuckDB file)."""
    if pipeline_runs_in_tests(a):
        return ""
    return {
        "postgres": "DBT_POSTGRES_HOST",
        "snowflake": "DBT_SNOWFLAKE_ACCOUNT",
        "bigquery": "DBT_BIGQUERY_KEYFILE",
        "databricks": "DBT_DATABRICKS_HOST",
        "trino": "DBT_TRINO_HOST",
        "spark": "DBT_SPARK_HOST",
    }[a.dbt_adapter]


@derived
def defined_jobs(a: Answers) -> list[str]:
    """The names of the project's jobs, sorted (tests/test_definitions.py expects exactly these)."""
    jobs = [
        ("iceberg_maintenance_job", a.use_iceberg),
        ("pipeline_job", uses_job(a)),
        ("register_batch_job", a.partitioning == "dynamic"),
    ]
    return sorted(name for name, defined in jobs if defined)


@derived
def defined_schedules(a: Answers) -> list[str]:
    """The names of the project's schedules, sorted."""
    schedules = [
        ("iceberg_maintenance_schedule", a.use_iceberg and a.automation != "none"),
        ("pipeline_schedule", a.automation == "schedules"),
    ]
    return sorted(name for name, defined in schedules if defined)


@derived
def defined_sensors(a: Answers) -> list[str]:
    """The names of the project's sensors, sorted."""
    sensors = [
        ("alert_on_run_failure", a.alerting != "none"),
        ("automation_sensor", a.automation == "declarative"),
        ("landing_sensor", a.use_sensor),
    ]
    return sorted(name for name, defined in sensors if defined)


@derived
def first_partition_literal(a: Answers) -> str:
    """first_partition_key as a Python string literal, or None when unpartitioned (the
    partition_key of a run of the whole table)."""
    # Its characters need no escaping: static keys are ^[a-z0-9][a-z0-9_-]*$, the others dates.
    return f'"{first_partition_key(a)}"' if is_partitioned(a) else "None"


@derived
def landing_file(a: Answers) -> str:
    """A file named after the first partition, as the landing sensor reads landed files: hourly
    ':' as '-', the date and region of daily_static apart by '__', a static key followed by a
    date."""
    if not is_partitioned(a):
        return "orders-2025-01-31.csv"
    stem = str(first_partition_key(a)).replace(":", "-").replace("|", "__")
    return f"{stem}__2025-01-31.csv" if a.partitioning == "static" else f"{stem}.csv"


@derived
def test_plugins(a: Answers) -> list[str]:
    """The generated tests' helper modules that hold fixtures, which tests/conftest.py registers
    as pytest plugins: live_warehouse (dbt on a remote warehouse) and observed_runs (the
    observability tests)."""
    plugins = [
        ("live_warehouse", bool(dbt_live_variable(a))),
        ("observed_runs", observability_tested(a)),
    ]
    return [name for name, registered in plugins if registered]


def derive(
    context: Mapping[str, Any], strict: bool, answers: Answers | None = None
) -> dict[str, Any]:
    """The derived values that the answers in `context` determine.

    While Copier asks (and validates) the questions, the context holds only the answers given so
    far, and the one being validated may still be invalid: a value that cannot be computed yet is
    left out. When `strict` (files are being rendered, so every answer is there and valid), any
    failure raises. `answers`, when given, is Answers(context): its `read` then tells which
    answers the values came from.
    """
    answers = answers or Answers(context)
    values: dict[str, Any] = {}
    for name, compute in DERIVED.items():
        try:
            value = compute(answers)
        except (Unanswered, ValueError, TypeError, IndexError, KeyError):
            if strict:
                raise
            continue
        values[name] = value
        answers.set(name, value)
    return values


def compile_strings_once(environment: Environment) -> None:
    """Makes `environment` compile each template string once and reuse its code.

    Copier renders every part of every path, the answers file's name and each question's
    default, `when` and validator with `Environment.from_string`, which Jinja compiles anew on
    every call (it caches only the templates loaded by name, left to it here): ~900
    compilations of ~200 strings in a full-feature copy. The extensions' `preprocess` still runs
    on every call (Copier's yield tag resets its state there), and the code of a string never
    changes: the filters and tests it is compiled against are all registered before Copier
    renders anything.
    """
    compile_source = environment.compile
    compiled: dict[tuple[str, bool, bool], Any] = {}

    def compile_once(
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        if not isinstance(source, str) or name is not None or filename is not None:
            return compile_source(source, name, filename, raw, defer_init)
        key = (environment.preprocess(source), raw, defer_init)
        if key not in compiled:
            compiled[key] = compile_source(source, name, filename, raw, defer_init)
        return compiled[key]

    environment.compile = compile_once


class CopierDagster(ContextHook):
    """Registers the filters and the version globals, and adds the derived values to every
    render's context (copier.yml's defaults, `when`s and validators, file names and files)."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(FILTERS)
        environment.globals.update(
            versions=versions(),
            requirement=requirement,
            lower_bound=lower_bound,
            action=action,
            copier_update=COPIER_UPDATE,
        )
        compile_strings_once(environment)
        # Per strictness, the answers the last derive() read and the values it returned.
        self._last: dict[bool, tuple[dict[str, str | None], dict[str, Any]]] = {}

    def hook(self, context: dict[str, Any]) -> None:
        strict = str(context.get("_copier_phase")) == "render"
        context.update(self._derive(context, strict))

    def _derive(self, context: dict[str, Any], strict: bool) -> dict[str, Any]:
        """derive(), computed again only when an answer it read has changed: Copier calls the
        hook for every string and file it renders (~900 times in a full-feature copy), nearly
        always with the same answers. The values are shared by those renders, which only read
        them."""
        last = self._last.get(strict)
        if last is not None:
            read, values = last
            if all(
                repr(context[name]) == value if name in context else value is None
                for name, value in read.items()
            ):
                return values
        answers = Answers(context)
        values = derive(context, strict, answers)
        self._last[strict] = (answers.read, values)
        return values
