"""Files that appear complete or not at all: written beside, then renamed into place."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_file", "atomic_write"]


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``path`` complete, or not at all.

    Written beside it under a hidden temporary name and renamed into place,
    so that a batch killed at any moment (``kill -9``) leaves either the old
    file or the new one, never half of one.
    """
    temp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(temp, "wb") as stream:
            yield stream
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_file(path) as stream:
        stream.write(data)
