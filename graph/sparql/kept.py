"""A confined query process kept for a read-only graph: forked and confined once, then query after query.

A fork costs more the more memory the parent holds: 3.4 ms for a fresh 48 MB
process here, 50-240 ms for one that has made millions of terms, against a
millisecond for a lookup. A store opened read-only (``aikg query --store``,
``open_store(path, read_only=True)``) cannot change under its queries, so the
process that ran one can run the next: it is forked and confined
(:mod:`graph.sparql.sandbox`) at the first query, kept while it answers in
time, and killed, to be forked again at the next query, when a query runs past
its limit. Before each query it sets a CPU-time backstop. A graph that can
change (in memory, or opened for writing) gets a fresh fork per query instead,
which sees its current state.

There is one process per graph and confinement (memory cap, network allowed or
not); a query that finds it busy with another thread's query is told so
(``None``) and forks one of its own.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import weakref
from typing import Callable

from graph.errors import AikgError
from graph.rdf.store import KnowledgeGraph
from graph.sparql.sandbox import confine, cpu_time, limit_cpu

_KEPT: "weakref.WeakKeyDictionary[KnowledgeGraph, dict[tuple, KeptProcess]]" = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()


class KeptProcess:
    """One confined child over ``kg`` that runs ``fn(kg, *args)`` call after call (see the module)."""

    def __init__(self, kg: KnowledgeGraph, max_memory: int | None, allow_service: bool):
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.conn, kg, max_memory, allow_service), daemon=True)
        self.proc.start()
        child.close()
        self.lock = threading.Lock()

    def call(self, timeout: float | None, fn: Callable, *args):
        """``(status, payload)`` as the child sent it; ``None`` when it ended without an answer (its exit code
        is ``self.proc.exitcode``). Past ``timeout`` seconds the child is killed and TimeoutError raised."""
        try:
            self.conn.send((timeout, fn, args))
            answered = self.conn.poll(timeout)
            answer = self.conn.recv() if answered else None
        except (EOFError, OSError):
            self.stop()
            return None
        if not answered:
            self.stop()
            raise TimeoutError
        return answer

    def alive(self) -> bool:
        return self.proc.is_alive() and not self.conn.closed

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def kept_process(kg: KnowledgeGraph, max_memory: int | None, allow_service: bool) -> KeptProcess | None:
    """The kept process of ``kg`` for this confinement, started if need be and held for the caller (release
    ``.lock``); ``None`` when another thread holds it."""
    key = (max_memory, allow_service)
    with _KEPT_LOCK:
        kept = _KEPT.setdefault(kg, {})
        proc = kept.get(key)
        if proc is not None and not proc.lock.acquire(blocking=False):
            return None
        if proc is None or not proc.alive():
            if proc is not None:
                proc.lock.release()
            proc = kept[key] = KeptProcess(kg, max_memory, allow_service)
            proc.lock.acquire()
        return proc


def _serve(conn, ours, kg: KnowledgeGraph, max_memory: int | None, allow_service: bool) -> None:
    ours.close()  # the parent's end: once the parent closes it (or drops the graph), this process ends
    code = 0
    try:
        confine(max_memory, None, allow_service)
        while True:
            try:
                timeout, fn, args = conn.recv()
            except (EOFError, OSError):
                break
            limit_cpu(cpu_time() + timeout + 5 if timeout else None)  # this query's backstop, not the last one's
            try:
                conn.send(("ok", fn(kg, *args)))
            except AikgError as exc:
                conn.send(("error", exc))
            except MemoryError:
                code = 3
                break
            except Exception as exc:  # noqa: BLE001 - report anything to the parent, never hang it
                conn.send(("error", AikgError(f"SPARQL evaluation failed: {exc}")))
    except BaseException:  # noqa: BLE001 - never return into the parent's code
        code = code or 1
    finally:
        os._exit(code)
