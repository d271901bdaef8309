"""Atomic file writes: a temporary file in the same directory, renamed into place.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
>>> write_atomic(p, b"hello")
>>> p.read_bytes()
b'hello'
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from graph.errors import AikgError


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise AikgError(f"cannot write: {exc.strerror}", path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise AikgError(f"cannot write: {exc.strerror}", path) from None
        raise


def write_all_atomic(outputs: dict[Path, bytes]) -> None:
    """Write several files, each atomically, only after all of them were produced."""
    for path, data in outputs.items():
        write_atomic(path, data)
