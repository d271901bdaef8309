"""Real SPARQL servers for the tests, started on 127.0.0.1 with throwaway databases and stopped afterwards:
Oxigraph server (``pip install oxigraph``) and Debian's Virtuoso (``apt-get install -y virtuoso-opensource``).

Start a Virtuoso by hand the same way: write the ini below (two free ports, a database directory) and run
``virtuoso-t +foreground +configfile virtuoso.ini`` in that directory; its administrator is ``dba``/``dba``.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

def children(pid: int) -> list[int]:
    """The child processes of ``pid``, read from /proc (no ``pgrep``: a fresh Debian has no procps)."""
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                out += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
            except OSError:
                pass
    except OSError:
        pass
    return out


VIRTUOSO_INI = """[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {root}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


class ServerMissing(RuntimeError):
    """The server's program is not installed, or it did not start (the message says which, and how to fix it)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float, log) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    raise ServerMissing(f"the server did not start: {log()[-800:]}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def oxigraph_server(home: Path) -> Iterator[str]:
    """The base URL of an Oxigraph server (``/store``, ``/query``, ``/update``) with its database in ``home``."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        raise ServerMissing("the oxigraph server is required (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(home), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/query?query=ASK%7B%7D", proc, 20, lambda: proc.stderr.read().decode(errors="replace"))
        yield base
    finally:
        _stop(proc)


@contextmanager
def virtuoso_server(home: Path) -> Iterator[str]:
    """The base URL of a Virtuoso (``/sparql``, ``/sparql-graph-crud-auth``) with its database in ``home``."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        raise ServerMissing("Virtuoso is required: apt-get install -y virtuoso-opensource")
    http = free_port()
    root = Path("/var/lib/virtuoso-opensource-7/vsp")
    (home / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql=free_port(), http=http,
                                                           root=root if root.is_dir() else home), encoding="utf-8")
    proc = subprocess.Popen([exe, "+foreground", "+configfile", "virtuoso.ini"], cwd=home,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    log = home / "virtuoso.log"
    try:
        _wait(base + "/sparql?query=" + urllib.parse.quote("ASK {}"), proc, 60,
              lambda: log.read_text(errors="replace") if log.exists() else "")
        yield base
    finally:
        _stop(proc)
