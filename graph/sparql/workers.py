"""Query processes for the endpoint: one process holds the graph and forks confined workers from it.

An Oxigraph query cannot be interrupted from Python, so queries run in worker
processes, and a worker is killed when a query runs past its time limit. A
*template* process (spawned, so it never inherits the server's threads) loads
the built dataset once and forks the workers, which share the graph's memory:
replacing a killed worker costs a fork, not a reload. Each worker confines
itself once (:mod:`graph.sparql.sandbox`: no network sockets, capped memory), then
checks, runs and formats query after query, sending each answer straight back
to the server over a socket of its own; before each query it sets a CPU-time
backstop, and it dies with the template, which dies with the server. A query
whose client hangs up is stopped as one past its limit is, and a worker that
died while idle is replaced before a query is handed to it.

How queries share the machine (:class:`Slots`): ``size`` queries run at once
with the full time limit; one more worker is kept for short queries, so that a
light query still answers while long ones hold every other worker. A query
takes it only when every full slot has been held for over ``short_limit``
seconds (1 s); there it may run ``short_limit`` seconds, and is stopped with
"busy, try again" past that. Queries waiting for a slot are served first come,
first served. The graph does not change while it is served, so what a query did is what it would do again:

- a query that ran past the time limit is remembered (by a digest of its text), and when it is sent again it
  is answered at once, as a time-out, without taking a slot (it would run as long again and keep a slot from
  the queries behind it);
- a formatted answer is kept (up to :data:`ANSWERS_KEPT` bytes in all, the most recently used), and the same
  text asked for in the same formats is answered with it, without taking a slot: a dashboard's queries cost
  one run each. Queries whose answer may change from one run to the next (``NOW()``, ``RAND()``,
  ``UUID()``, ``STRUUID()``, ``BNODE()``, or with ``SERVICE`` allowed) are not kept.

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

import collections
import gc
import hashlib
import itertools
import multiprocessing
import os
import queue
import re
import signal
import socket
import threading
import time
from dataclasses import dataclass
from multiprocessing import reduction
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable

from graph.errors import AikgError, QueryBusy, QueryTimeout
from graph.sparql.query import DEATHS, QueryLimits, checked_result, out_of_memory
from graph.sparql.results import QueryResult, format_result
from graph.sparql.sandbox import confine, cpu_time, limit_cpu
from graph.sparql.policy import QueryPlan

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")

READY_TIMEOUT = 300.0
TOO_LONG_KEPT = 10_000  #: queries remembered as running past the time limit, answered 503 at once when sent again
ANSWERS_KEPT = 64 << 20  #: bytes of formatted answers kept, to answer the same query again without running it
ANSWER_KEPT_AT_MOST = 4 << 20  #: a bigger answer is not kept
#: functions whose value changes from one run to the next: a query that calls one is not kept
_CHANGING = re.compile(r"\b(now|rand|uuid|struuid|bnode)\s*\(", re.IGNORECASE)


class NotAcceptable(AikgError):
    """The query's form has no result format among those the client accepts (HTTP 406)."""


class ClientGone(AikgError):
    """The client hung up before its query was answered: the query was stopped (nobody to answer)."""


@dataclass(frozen=True)
class Answer:
    """A formatted answer: its bytes and the format they are in."""

    body: bytes
    fmt: str


# ---------------------------------------------------------------- the template process
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Have the kernel kill this process when its parent ends (Linux; elsewhere nothing)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _template_main(trig: str, ctl: Connection, limits: QueryLimits) -> None:
    from graph.rdf.store import KnowledgeGraph

    _die_with_parent()
    try:
        kg = KnowledgeGraph.from_trig(trig)
        kg.refresh_union()
        from rdflib.plugins.sparql import parser  # noqa: F401 - loaded once here, not in every worker
    except AikgError as exc:
        ctl.send(("error", exc))
        return
    gc.freeze()  # the graph's objects stay out of the collector: workers never copy their pages to scan them
    ctl.send(("ready", None))
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    children: dict[int, int] = {}  # pid → worker id
    while True:
        for ready in wait([ctl, wake_r]):
            if ready == wake_r:
                os.read(wake_r, 512)
                continue
            try:
                msg = ctl.recv()
            except (EOFError, OSError):  # the server is gone
                msg = ("stop",)
            if msg[0] == "stop":
                for pid in children:
                    _kill(pid)
                return
            if msg[0] == "spawn":
                fd = reduction.recv_handle(ctl)
                pid = os.fork()
                if pid == 0:
                    os.close(wake_r)
                    os.close(wake_w)
                    _worker_main(kg, fd, ctl, limits)  # never returns
                os.close(fd)
                children[pid] = msg[1]
            elif msg[0] == "kill":
                for pid, wid in children.items():
                    if wid == msg[1]:
                        _kill(pid)
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            wid = children.pop(pid, None)
            if wid is not None:
                ctl.send(("exit", wid, os.waitstatus_to_exitcode(status)))


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _worker_main(kg, fd: int, ctl: Connection, limits: QueryLimits) -> None:
    """A forked worker: confine once, then check, run, format and answer queries until the server hangs up."""
    code = 0
    try:
        _die_with_parent()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        ctl.close()
        conn = Connection(fd)
        confine(limits.max_memory, None, limits.allow_service)
        while True:
            try:
                text, select_fmt, graph_fmt, timeout = conn.recv()
            except (EOFError, OSError):
                break
            limit_cpu(cpu_time() + timeout + 5)  # a backstop, should nobody be left to stop this query
            try:
                conn.send(("ok", _answer(kg, text, select_fmt, graph_fmt, limits)))
            except AikgError as exc:
                conn.send(("error", exc))
            except MemoryError:
                code = 3
                break
            except Exception as exc:  # noqa: BLE001 - the server must get an answer
                conn.send(("error", AikgError(f"SPARQL evaluation failed: {exc}")))
    except BaseException:  # noqa: BLE001 - a worker never returns into the template's loop
        code = code or 1
    finally:
        os._exit(code)


def _answer(kg, text: str, select_fmt: str | None, graph_fmt: str | None, limits: QueryLimits):
    if select_fmt is None and graph_fmt is None:  # the library's own use: the result itself
        return checked_result(kg, text, None, limits)

    def acceptable(plan: QueryPlan) -> None:
        if plan.form and not (graph_fmt if plan.form in GRAPH_FORMS else select_fmt):
            raise NotAcceptable("the client accepts none of the formats this result can take")

    result = checked_result(kg, text, None, limits, acceptable)
    fmt = graph_fmt if result.kind == "graph" else select_fmt
    if not fmt:
        raise NotAcceptable("the client accepts none of the formats this result can take")
    return Answer(format_result(result, fmt).encode("utf-8"), fmt)


# ---------------------------------------------------------------- slots
@dataclass(frozen=True)
class Slot:
    """A slot a query holds: ``full`` (the whole time limit) or ``short`` (``short_limit`` seconds)."""

    kind: str
    started: float


class Slots:
    """``size`` slots with the full time limit and one more for short queries, first come first served.

    The short slot is for the moment when long queries hold every full slot: a
    query takes it only when each full slot has been held for more than
    ``short_limit`` seconds; otherwise it waits in line for a full one.

    >>> s = Slots(1, short_limit=0.0)
    >>> a = s.acquire(1.0); b = s.acquire(1.0); a.kind, b.kind
    ('full', 'short')
    >>> s.release(a); s.acquire(1.0).kind
    'full'
    """

    def __init__(self, size: int, short_limit: float = 1.0):
        self.size = size
        self.short_limit = short_limit
        self._short_free = 1
        self._held: list[Slot] = []  # the full slots in use
        self._lock = threading.Lock()
        # each waiter has a condition of its own, and only the first in line is woken: waking all of them on
        # every change cost the HTTP front most of a core at 200 waiting requests
        self._queue: collections.deque[threading.Condition] = collections.deque()

    def _wake_first(self) -> None:
        if self._queue:
            self._queue[0].notify()

    def acquire(self, wait: float) -> Slot:
        """Take a slot, waiting up to ``wait`` seconds in line; :class:`QueryBusy` if none comes."""
        ticket = threading.Condition(self._lock)
        deadline = time.monotonic() + wait
        with self._lock:
            self._queue.append(ticket)
            try:
                while True:
                    now = time.monotonic()
                    nap = deadline - now
                    if self._queue[0] is ticket:
                        if len(self._held) < self.size:
                            slot = Slot("full", now)
                            self._held.append(slot)
                            return slot
                        youngest = max(s.started for s in self._held)
                        if self._short_free and now - youngest >= self.short_limit:
                            self._short_free -= 1
                            return Slot("short", now)
                        if self._short_free:  # look again when the youngest long query comes of age
                            nap = min(nap, youngest + self.short_limit - now)
                    if deadline - now <= 0:
                        raise QueryBusy(f"every query process stayed busy for {wait:g} s; try again later")
                    ticket.wait(max(nap, 0.001))
            finally:
                self._queue.remove(ticket)
                self._wake_first()

    def held(self) -> int:
        """How many full slots are held now."""
        with self._lock:
            return len(self._held)

    def release(self, slot: Slot) -> None:
        with self._lock:
            if slot.kind == "full":
                self._held.remove(slot)
            else:
                self._short_free += 1
            self._wake_first()


# ---------------------------------------------------------------- the pool
GONE_EVERY = 0.1  #: seconds between looks at whether the client of a running query hung up


def _answered(conn: Connection, limit: float, gone: Callable[[], bool] | None) -> bool | None:
    """Whether an answer came on ``conn`` within ``limit`` seconds; None when ``gone()`` said first that
    the client hung up (looked at every :data:`GONE_EVERY` seconds)."""
    if gone is None:
        return conn.poll(limit)
    deadline = time.monotonic() + limit
    while True:
        left = deadline - time.monotonic()
        if conn.poll(max(0.0, min(GONE_EVERY, left))):
            return True
        if left <= GONE_EVERY:
            return False
        if gone():
            return None


@dataclass
class _Worker:
    wid: int
    conn: Connection


class WorkerPool:
    """Confined query processes over one built dataset, with per-query time limits.

    ``size`` queries run at once with the full time limit, one more with
    ``short_limit`` seconds (see :class:`Slots`); ``max_memory`` bytes per worker
    beyond the graph they share.
    """

    def __init__(self, trig: str | Path, size: int = 2, max_rows: int | None = None, allow_service: bool = False,
                 max_memory: int | None = None, short_limit: float = 1.0):
        self._ctx = multiprocessing.get_context("spawn")
        self.limits = QueryLimits(max_rows=max_rows, allow_service=allow_service, max_memory=max_memory)
        self.short_limit = short_limit
        self.slots = Slots(size, short_limit)
        self._ids = itertools.count(1)
        self._exits: dict[int, int] = {}
        self._exited = threading.Condition()
        self._send_lock = threading.Lock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._too_long: dict[bytes, None] = {}  # digests of queries that ran past their time limit, oldest first
        self._too_long_lock = threading.Lock()
        self._answers: collections.OrderedDict[bytes, Answer] = collections.OrderedDict()
        self._answers_size = 0
        self._answers_lock = threading.Lock()
        self._closed = False
        parent, child = self._ctx.Pipe()
        self._template = self._ctx.Process(target=_template_main, args=(str(trig), child, self.limits), daemon=True)
        self._template.start()
        child.close()
        self._ctl = parent
        if not parent.poll(READY_TIMEOUT):
            self._template.kill()
            raise AikgError("the query process did not start in time")
        try:
            status, payload = parent.recv()
        except EOFError:
            raise AikgError("the query process ended while loading the graph") from None
        if status != "ready":
            raise payload
        threading.Thread(target=self._read_exits, name="aikg-exits", daemon=True).start()
        for _ in range(size + 1):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        """A new worker, forked by the template; it is ready as soon as the request is sent."""
        wid = next(self._ids)
        mine, theirs = socket.socketpair()
        try:
            with self._send_lock:
                self._ctl.send(("spawn", wid))
                reduction.send_handle(self._ctl, theirs.fileno(), self._template.pid)
        finally:
            theirs.close()
        return _Worker(wid, Connection(mine.detach()))

    def _replace(self, w: _Worker, kill: bool) -> None:
        w.conn.close()
        if kill:
            with self._send_lock:
                self._ctl.send(("kill", w.wid))
        if not self._closed:
            self._idle.put(self._spawn())

    def _read_exits(self) -> None:
        while True:
            try:
                msg = self._ctl.recv()
            except (EOFError, OSError):
                with self._exited:
                    self._closed = True
                    self._exited.notify_all()
                return
            if msg[0] == "exit":
                with self._exited:
                    self._exits[msg[1]] = msg[2]
                    while len(self._exits) > 1000:  # workers stopped for a time limit: nobody asks
                        self._exits.pop(next(iter(self._exits)))
                    self._exited.notify_all()

    def _exit_code(self, wid: int, wait: float = 2.0) -> int | None:
        deadline = time.monotonic() + wait
        with self._exited:
            while wid not in self._exits and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._exited.wait(left)
            return self._exits.pop(wid, None)

    def run(self, text: str, timeout: float, fmt: str | None = None, wait: float = 120.0,
            graph_fmt: str | None = None, gone: Callable[[], bool] | None = None) -> QueryResult | Answer:
        """Run a query on a confined worker; kill the worker if the query runs past ``timeout``.

        With ``fmt`` (for SELECT and ASK) and ``graph_fmt`` (for CONSTRUCT and
        DESCRIBE), the worker formats the result itself and an :class:`Answer`
        comes back; without either, the :class:`QueryResult`. A query waits up
        to ``wait`` seconds for a slot before its time starts. ``gone`` tells
        whether the client hung up: then the query is not started, or is stopped,
        and :class:`ClientGone` raised, so that it holds no slot for nobody.
        """
        if self._closed:
            raise AikgError("the query processes have stopped")
        key = hashlib.sha256(f"{timeout}\0{text}".encode("utf-8", "surrogatepass")).digest()
        if key in self._too_long:  # the graph does not change while it is served: it would run as long again
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped when it was sent before; "
                               "the graph has not changed since, so it is not run again")
        answer_key = self._answer_key(text, fmt, graph_fmt)
        if answer_key is not None:
            with self._answers_lock:
                kept = self._answers.get(answer_key)
                if kept is not None:
                    self._answers.move_to_end(answer_key)
                    return kept
        answer = self._run(text, timeout, fmt, wait, graph_fmt, key, gone)
        if answer_key is not None and isinstance(answer, Answer):
            self._keep(answer_key, answer)
        return answer

    def _answer_key(self, text: str, fmt: str | None, graph_fmt: str | None) -> bytes | None:
        """What a formatted answer is kept under (None: it is not kept)."""
        if (fmt is None and graph_fmt is None) or self.limits.allow_service or _CHANGING.search(text):
            return None
        return hashlib.sha256(f"{fmt}\0{graph_fmt}\0{text}".encode("utf-8", "surrogatepass")).digest()

    def _keep(self, key: bytes, answer: Answer) -> None:
        """Keep an answer, forgetting the least recently used ones past :data:`ANSWERS_KEPT` bytes."""
        size = len(answer.body)
        if size > ANSWER_KEPT_AT_MOST:
            return
        with self._answers_lock:
            if key in self._answers:
                return
            self._answers[key] = answer
            self._answers_size += size
            while self._answers_size > ANSWERS_KEPT:
                _, old = self._answers.popitem(last=False)
                self._answers_size -= len(old.body)

    def _run(self, text: str, timeout: float, fmt: str | None, wait: float, graph_fmt: str | None,
             key: bytes, gone: Callable[[], bool] | None) -> QueryResult | Answer:
        slot = self.slots.acquire(wait)
        try:
            if gone and gone():
                raise ClientGone("the client hung up while its query waited")
            limit = timeout if slot.kind == "full" else min(timeout, self.short_limit)
            w = self._idle_worker(wait)
            try:
                w.conn.send((text, fmt, graph_fmt, limit))
                answered = _answered(w.conn, limit, gone)
                if answered is None:
                    self._replace(w, kill=True)
                    raise ClientGone("the client hung up; its query was stopped")
                if not answered:
                    self._replace(w, kill=True)
                    if slot.kind == "short":
                        raise QueryBusy(f"{self.slots.size} long queries hold every query process, and this one "
                                        f"did not finish in the {self.short_limit:g} s a query may take "
                                        "meanwhile; try again later")
                    self._remember_too_long(key)
                    raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
                status, payload = w.conn.recv()
            except (EOFError, OSError, ValueError):
                self._replace(w, kill=True)
                if self._closed:
                    raise AikgError("the query processes have stopped") from None
                code = self._exit_code(w.wid)
                if DEATHS.get(code) == "memory":
                    raise out_of_memory(self.limits.max_memory) from None
                raise AikgError(f"the query process ended without an answer (exit code {code})") from None
            self._idle.put(w)
        finally:
            self.slots.release(slot)
        if status == "error":
            raise payload
        return payload

    def _idle_worker(self, wait: float) -> _Worker:
        """An idle worker that is alive: one that died while idle (its socket reads as closed) is replaced, so
        that the query is not handed to a dead process."""
        while True:
            try:
                w = self._idle.get(timeout=wait)
            except queue.Empty:
                raise QueryBusy(f"no query process was free for {wait:g} s; try again later") from None
            if not w.conn.poll(0):
                return w
            self._replace(w, kill=True)

    def _remember_too_long(self, key: bytes) -> None:
        """Keep that the query with this key ran past its time limit (the latest :data:`TOO_LONG_KEPT` of them)."""
        with self._too_long_lock:
            self._too_long[key] = None
            while len(self._too_long) > TOO_LONG_KEPT:
                self._too_long.pop(next(iter(self._too_long)))

    def close(self) -> None:
        """Stop the template process and every worker."""
        self._closed = True
        try:
            with self._send_lock:
                self._ctl.send(("stop",))
            with socket.fromfd(self._ctl.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.shutdown(socket.SHUT_RDWR)  # wakes the thread that reads exit codes
            self._ctl.close()
        except OSError:
            pass
        self._template.join(5)
        if self._template.is_alive():
            self._template.kill()
            self._template.join()
