"""The example report bundled with the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["example_path"]

EXAMPLE_NAME = "quarterly-welfare-report.txt"


def example_path() -> Path:
    """Path of a real quarterly welfare report shipped with the package, to try things on."""
    return Path(str(resources.files("reportparse") / "examples" / EXAMPLE_NAME))
