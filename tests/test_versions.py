"""versions.toml is the one place that pins what a generated project uses."""

from __future__ import annotations

import re
import tomllib

from conftest import TEMPLATE_ROOT

VERSIONS = tomllib.loads((TEMPLATE_ROOT / "versions.toml").read_text())
# A requirement's specifier ("dagster>=1.13"), an image tag, a full commit hash, a hook revision.
PIN = re.compile(
    r"[A-Za-z0-9\]](?:[<>=!~]=|[<>])\d|\b(?:uv|postgres|docker):\d|@[0-9a-f]{40}|rev: v?\d"
)
REQUIREMENT = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?(.*)$")


def test_template_files_write_no_version_of_their_own() -> None:
    sources = [TEMPLATE_ROOT / "copier.yml"]
    for folder in ("template", "includes"):
        sources += [path for path in (TEMPLATE_ROOT / folder).rglob("*") if path.is_file()]
    pins = [
        f"{path.relative_to(TEMPLATE_ROOT)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if PIN.search(line)
    ]
    assert not pins, "pin these in versions.toml:\n" + "\n".join(pins)


def test_dev_group_pins_the_ranges_of_versions_toml() -> None:
    """This repo's venv runs the generated projects' tests: it must install what they pin."""
    pyproject = tomllib.loads((TEMPLATE_ROOT / "pyproject.toml").read_text())
    allowed: dict[str, set[str]] = {
        name: {specifier} for name, specifier in VERSIONS["requirements"].items()
    }
    for caps in VERSIONS["caps"].values():
        for name, specifier in caps.items():
            allowed[name].add(specifier)
    mismatched = []
    for line in pyproject["dependency-groups"]["dev"]:
        name, specifier = REQUIREMENT.match(line).groups()
        if name in allowed and specifier not in allowed[name]:
            mismatched.append(f"{line} (versions.toml: {' or '.join(sorted(allowed[name]))})")
    assert not mismatched, mismatched
