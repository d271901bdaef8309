"""Atomic file writes: a file, or a set of files, that readers see whole and old or whole and new.

One file goes to a temporary file in the same directory, renamed into place.
A set of files (what ``aikg build`` writes) goes into a fresh directory
``OUT/.aikg/builds/ID/``; one rename of the link ``OUT/.aikg/current`` then
switches every reader from the old set to the new, and ``OUT/graph.ttl`` and
its siblings are links through ``current``. A build killed at any moment
leaves the old set or the new one, never a mix. Temporaries that a killed run
left behind (their process is gone) are removed by the next write.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
>>> write_atomic(p, b"hello")
>>> with open_atomic(p) as f:
...     _ = f.write(b"bye")
>>> p.read_bytes()
b'bye'
>>> out = p.parent
>>> [x.name for x in write_set_atomic(out, {"x.ttl": b"1", "y.trig": b"2"})], (out / "x.ttl").read_bytes()
(['x.ttl', 'y.trig'], b'1')
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from graph.errors import AikgError

_UMASK = os.umask(0)
os.umask(_UMASK)

STATE_DIR = ".aikg"
#: A temporary's name carries the writer's process id: ``.NAME.PID.RANDOM.tmp``.
_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[^.]+\.tmp")
#: Temporaries without a process id (written by earlier versions) count as stale after this many seconds.
LEGACY_STALE = 3600


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(directory: Path) -> int:
    """Remove the temporaries that killed runs left in ``directory``; how many went."""
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        m = _TEMP.fullmatch(entry.name)
        try:
            stale = (not _alive(int(m.group("pid")))) if m else now - entry.stat(follow_symlinks=False).st_mtime > LEGACY_STALE
            if stale:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _temp_prefix(name: str) -> str:
    return f".{name}.{os.getpid()}."


@contextmanager
def open_atomic(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to stream into; it replaces ``path`` only if the block ends without error."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise AikgError(f"cannot write: {exc.strerror}", path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise AikgError(f"cannot write: {exc.strerror}", path) from None
        raise


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half."""
    with open_atomic(path) as f:
        f.write(data)


def write_set_atomic(out_dir: str | Path, outputs: dict[str, bytes]) -> list[Path]:
    """Write files named ``outputs`` into ``out_dir`` as one set, switched in with one rename.

    If writing fails (disk full, Ctrl-C, a kill), readers still see the old set.
    Returns the paths written, in order. Where the file system has no symbolic
    links, each file is replaced on its own once all are written.
    """
    out = Path(out_dir)
    state = out / STATE_DIR
    builds = state / "builds"
    prefix = _temp_prefix("build")
    made: list[Path] = []
    try:
        builds.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(out)
        remove_stale_temporaries(builds)
        made.append(Path(tempfile.mkdtemp(prefix=prefix, suffix=".tmp", dir=builds)))
        for name, data in outputs.items():
            with open(made[0] / name, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(made[0] / name, 0o666 & ~_UMASK)
        os.chmod(made[0], 0o777 & ~_UMASK)
        made.append(builds / f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-"
                              f"{made[0].name.split('.')[-2]}")
        os.rename(made[0], made[1])
        _switch(state, f"builds/{made[1].name}")  # the one step that replaces the old set by the new
    except NotImplementedError:  # no symbolic links here
        return _replace_each(out, made[-1], outputs)
    except BaseException as exc:
        for p in [*made, *builds.glob(prefix + "*")]:  # a directory this run made, even one mkdtemp had not named yet
            if not _is_current(state, p):
                shutil.rmtree(p, ignore_errors=True)
        if isinstance(exc, OSError):
            raise AikgError(f"cannot write: {exc.strerror}", out) from None
        raise
    new = made[1]
    try:
        for name in outputs:
            _link(out / name, f"{STATE_DIR}/current/{name}")
        for old in builds.iterdir():
            if old != new and not old.name.startswith("."):  # a dot: another build still writing
                shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise AikgError(f"cannot write: {exc.strerror}", out) from None
    return [out / name for name in outputs]


def _symlink_here(target: str, where: Path) -> None:
    """Make the link ``where`` → ``target`` by renaming a new link over it."""
    tmp = where.with_name(f"{_temp_prefix(where.name)}link.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.symlink(target, tmp)
    except (OSError, NotImplementedError) as exc:
        if isinstance(exc, OSError) and exc.errno not in (1, 38, 95):  # EPERM, ENOSYS, EOPNOTSUPP: no links here
            raise
        raise NotImplementedError from None
    os.replace(tmp, where)


def _is_current(state: Path, build: Path) -> bool:
    try:
        return os.readlink(state / "current") == f"builds/{build.name}"
    except OSError:
        return False


def _switch(state: Path, target: str) -> None:
    _symlink_here(target, state / "current")


def _link(path: Path, target: str) -> None:
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        raise AikgError("is a directory; an output file belongs here", path)
    _symlink_here(target, path)


def _replace_each(out: Path, new: Path, outputs: dict[str, bytes]) -> list[Path]:
    try:
        for name in outputs:
            os.replace(new / name, out / name)
    finally:
        shutil.rmtree(new, ignore_errors=True)
    return [out / name for name in outputs]
