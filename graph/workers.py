"""A pool of query processes for the endpoint: each holds the graph, any can be killed.

An Oxigraph query cannot be interrupted from Python, so the endpoint runs each
query in a worker process and kills the worker when the time limit passes; a
fresh worker (spawned, so it never inherits the server's threads) takes its
place. Workers load the built dataset from ``graph.trig`` once at start.

>>> import pathlib, tempfile
>>> from graph.build import build_graph
>>> trig = pathlib.Path(tempfile.mkdtemp()) / "graph.trig"
>>> _ = trig.write_bytes(build_graph(["data"]).serialize("trig"))
>>> pool = WorkerPool(trig, size=1)
>>> pool.run("ASK { kg:gpt-3 aikg:developedBy kg:openai }", timeout=5).boolean
True
>>> pool.close()
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

from graph.errors import AikgError, QueryTimeout
from graph.query import QueryLimits, run_query
from graph.results import QueryResult, format_result

READY_TIMEOUT = 300.0


def _worker_main(trig: str, conn, max_rows: int | None, allow_service: bool) -> None:
    from graph.store import KnowledgeGraph

    try:
        kg = KnowledgeGraph.from_trig(trig)
        kg.refresh_union()
    except AikgError as exc:
        conn.send(("error", exc))
        return
    conn.send(("ready", None))
    limits = QueryLimits(timeout=None, max_rows=max_rows, allow_service=allow_service)
    while True:
        try:
            text, fmt = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = run_query(kg, text, None, limits)
            conn.send(("ok", format_result(result, fmt).encode("utf-8") if fmt else result))
        except AikgError as exc:
            conn.send(("error", exc))
        except Exception as exc:  # noqa: BLE001 - the server must get an answer
            conn.send(("error", AikgError(f"SPARQL evaluation failed: {exc}")))


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object


class WorkerPool:
    """``size`` worker processes over one built dataset, with per-query time limits."""

    def __init__(self, trig: str | Path, size: int = 2, max_rows: int | None = None, allow_service: bool = False):
        self._ctx = multiprocessing.get_context("spawn")
        self._args = (str(trig), max_rows, allow_service)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        starting = [self._start() for _ in range(size)]
        for w in starting:
            self._idle.put(self._wait_ready(w))

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(self._args[0], child, *self._args[1:]), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _wait_ready(self, w: _Worker) -> _Worker:
        if not w.conn.poll(READY_TIMEOUT):
            w.process.kill()
            raise AikgError("a query worker did not start in time")
        status, payload = w.conn.recv()
        if status != "ready":
            raise payload
        return w

    def _replace(self) -> None:
        if not self._closed:
            try:
                self._idle.put(self._wait_ready(self._start()))
            except AikgError:
                pass

    def run(self, text: str, timeout: float, fmt: str | None = None, wait: float = 120.0) -> QueryResult | bytes:
        """Run a query on an idle worker; kill and replace the worker if it runs past ``timeout``.

        With ``fmt``, the worker formats the result itself and the bytes come back.
        A query waits up to ``wait`` seconds for a free worker before its time starts.
        """
        try:
            w = self._idle.get(timeout=wait)
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for {wait:g} s; try again") from None
        try:
            w.conn.send((text, fmt))
            if not w.conn.poll(timeout):
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            status, payload = w.conn.recv()
        except (QueryTimeout, EOFError, OSError) as exc:
            w.process.kill()
            w.process.join()
            threading.Thread(target=self._replace, daemon=True).start()
            if isinstance(exc, QueryTimeout):
                raise
            raise AikgError("a query worker died; it is being replaced") from None
        self._idle.put(w)
        if status == "error":
            raise payload
        return payload

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            w.process.kill()
            w.process.join()
