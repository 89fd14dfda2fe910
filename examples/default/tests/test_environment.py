"""Every environment variable the project reads is in .env.example; .env stays private."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The ways this project reads the environment: Dagster's EnvVar, os.environ, dbt's env_var(),
# Dagster instance YAML (`env: NAME`) and Compose interpolation (${NAME}).
PATTERNS = [
    re.compile(r"""EnvVar\(\s*["']([A-Z][A-Z0-9_]*)["']"""),
    re.compile(r"""os\.environ(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]*)["']"""),
    re.compile(r"""os\.getenv\(\s*["']([A-Z][A-Z0-9_]*)["']"""),
    re.compile(r"""env_var\(\s*["']([A-Z][A-Z0-9_]*)["']"""),
    re.compile(r"""^\s*env:\s*([A-Z][A-Z0-9_]*)\s*$""", re.MULTILINE),
]
COMPOSE_VARIABLE = re.compile(r"""\$\{([A-Z][A-Z0-9_]*)(?::?[-?][^}]*)?\}""")
SOURCES = ["src/**/*.py", "**/*.yml", "**/*.yaml", "Dockerfile"]
SKIPPED = {".venv", ".git", "data", "target", "dbt_packages", "logs", ".github", "tests"}
# Copier's record of the answers holds free text, not settings.
SKIPPED_FILES = {".copier-answers.yml"}


def documented() -> set[str]:
    """Names in .env.example, set (NAME=placeholder) or shown as an optional override (# NAME=)."""
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


def read_variables() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for pattern in SOURCES:
        for path in ROOT.glob(pattern):
            relative = path.relative_to(ROOT)
            if not path.is_file() or SKIPPED & set(relative.parts) or path.name in SKIPPED_FILES:
                continue
            text = path.read_text()
            compose = path.name.startswith("docker-compose")
            for regex in [*PATTERNS, COMPOSE_VARIABLE] if compose else PATTERNS:
                for name in regex.findall(text):
                    found.setdefault(name, set()).add(str(relative))
    return found


def test_every_variable_read_is_in_env_example() -> None:
    variables = read_variables()
    missing = {name: sorted(files) for name, files in variables.items() if name not in documented()}
    assert not missing, f"add these to .env.example: {missing}"


def test_the_scan_finds_the_project_settings() -> None:
    # Guards the test above against a pattern that silently matches nothing.
    assert read_variables(), "no environment variable found: the patterns are stale"


def test_env_file_is_ignored_and_example_is_not() -> None:
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in ignored
    assert ".env.example" not in ignored
