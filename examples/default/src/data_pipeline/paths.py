"""Where the project's files are: its root, and the paths under it that settings name.

Run from the source tree (`uv run`, `dg`, the tests), the root is the folder of pyproject.toml.
Installed from a wheel (a Docker image, a Kubernetes pod), it is the directory the process
starts in: the image's working directory. Relative paths in settings resolve from the root, never
from whatever the current directory of a step happens to be.
"""

from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2]


def project_root() -> Path:
    """The folder of pyproject.toml in a source tree, else the current working directory."""
    if (SOURCE_ROOT / "pyproject.toml").is_file() and (SOURCE_ROOT / "src").is_dir():
        return SOURCE_ROOT
    return Path.cwd()


def resolve(path: str | Path) -> Path:
    """`path` itself when absolute (after `~` expansion), else under the project root."""
    expanded = Path(path).expanduser()
    return expanded if expanded.is_absolute() else project_root() / expanded
