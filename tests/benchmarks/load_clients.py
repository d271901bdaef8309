"""Helpers for bench_queries.py's load phase: the ``aikg serve`` process, its query processes, and the clients.

Everything here talks to 127.0.0.1 only, and every wait has a bound.
Linux only (the query processes are found through /proc).
"""
from __future__ import annotations

import http.client
import math
import os
import queue
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/servers.py
from servers import children  # noqa: E402

HOST = "127.0.0.1"
ACCEPT = {"Accept": "application/sparql-results+json"}
_TICK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- processes, through /proc
def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (index 0 is the state), or None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def state(pid: int) -> str:
    """R running, S sleeping, Z zombie, ... ('gone' when the process no longer exists)."""
    fields = _stat(pid)
    return fields[0] if fields else "gone"



def sigint_ignored(pid: int) -> bool:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("SigIgn:"):
                return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    except OSError:
        pass
    return False


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def cpu_seconds(pid: int, with_reaped_children: bool = False) -> float:
    """User + system CPU of a process; with its reaped children's (a killed worker's CPU lands in the template's)."""
    f = _stat(pid)
    if not f:
        return 0.0
    ticks = int(f[11]) + int(f[12]) + ((int(f[13]) + int(f[14])) if with_reaped_children else 0)
    return ticks / _TICK


# ---------------------------------------------------------------- the server process
class ServerProcess:
    """``aikg serve`` on 127.0.0.1 with a free port, in its own session; :meth:`stop` always ends it."""

    def __init__(self, graph: Path, timeout: float, workers: int, log: Path):
        self.graph, self.timeout, self.workers, self.log_path = graph, timeout, workers, log
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.template = 0
        self.stopped_by = ""
        self.seen: set[int] = set()  # every pid of the server's tree we saw, to check none is left

    def command(self) -> list[str]:
        aikg = Path(sys.executable).parent / "aikg"
        head = [str(aikg)] if aikg.exists() else [sys.executable, "-c", "from graph.cli import main; main()"]
        return head + ["serve", "--graph", str(self.graph), "--host", HOST, "--port", "0",
                       "--timeout", f"{self.timeout:g}", "--workers", str(self.workers)]

    def start(self, ready_within: float = 300.0) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=self._log, stdin=subprocess.DEVNULL,
                                     env=env, start_new_session=True)
        self.seen.add(self.proc.pid)
        lines: queue.Queue[str] = queue.Queue()

        def read() -> None:
            for raw in self.proc.stdout:
                lines.put(raw.decode(errors="replace"))

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + ready_within
        while not self.port:
            if self.proc.poll() is not None:
                raise RuntimeError(f"aikg serve ended (exit {self.proc.returncode}): {self.log_tail()}")
            try:
                line = lines.get(timeout=max(0.01, min(1.0, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"aikg serve did not say where it listens within {ready_within:g} s") from None
                continue
            m = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
            if m:
                self.port = int(m[1])
        while True:  # it listens; wait until a query answers
            try:
                status, _, _ = request_once(self.port, "ASK { ?s ?p ?o }", timeout=10)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("aikg serve did not answer a query in time")
            time.sleep(0.2)
        for c in children(self.proc.pid):
            self.seen.add(c)
            if "spawn_main" in cmdline(c):  # the template (the other child is multiprocessing's resource tracker)
                self.template = c
        if not self.template:
            raise RuntimeError("could not find the template query process among the server's children")

    def workers_alive(self) -> list[int]:
        """The query processes (children of the template), zombies left out."""
        pids = [p for p in children(self.template) if state(p) not in ("Z", "X", "gone")]
        self.seen.update(pids)
        return pids

    def cpu(self) -> tuple[float, float]:
        """CPU seconds so far: the HTTP front (the server process) and the query processes (template, workers)."""
        if not self.proc:
            return 0.0, 0.0
        front = cpu_seconds(self.proc.pid)
        queries = cpu_seconds(self.template, with_reaped_children=True)
        queries += sum(cpu_seconds(p) for p in self.workers_alive())
        return front, queries

    def backlog(self) -> int | str:
        """The listening socket's accept-queue length, as the kernel reports it (ss), or '?'."""
        try:
            out = subprocess.run(["ss", "-Hltn", f"sport = :{self.port}"], capture_output=True, text=True,
                                 timeout=5).stdout
            return int(out.split()[2])
        except (OSError, ValueError, IndexError, subprocess.SubprocessError):
            return "?"

    def log_tail(self, n: int = 5) -> str:
        try:
            return " | ".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> list[int]:
        """Ctrl-C the server, then kill its session if it lingers; the pids of its tree still alive after."""
        if self.proc is None:
            return []
        if self.proc.poll() is None:
            self.seen.update(self.workers_alive() if self.template else ())
            # Ctrl-C lets it close its pool; a shell's background job ignores SIGINT, so then SIGTERM
            sig = signal.SIGTERM if sigint_ignored(self.proc.pid) else signal.SIGINT
            for s, wait in ((sig, 15), (signal.SIGTERM, 5)):
                self.proc.send_signal(s)
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    pass
            else:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)  # the session this benchmark started
                except ProcessLookupError:
                    pass
                self.proc.wait(10)
            self.stopped_by = signal.Signals(sig).name
        self._log.close()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # the template and workers die with the server (PDEATHSIG)
            left = [p for p in self.seen if state(p) not in ("Z", "gone")]
            if not left:
                break
            time.sleep(0.1)
        return left


# ---------------------------------------------------------------- requests
def query_path(text: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": text})


def request_once(port: int, text: str, timeout: float) -> tuple[int, float, bytes]:
    """One query on a new connection: status, seconds, body."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        t = time.perf_counter()
        conn.request("GET", query_path(text), headers=ACCEPT)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, time.perf_counter() - t, body
    finally:
        conn.close()


def reason(status: int, body: bytes) -> str:
    """Why the server said no, in a word (for 503s: which limit), else the start of its message."""
    text = body[:300].decode(errors="replace")
    if status == 503:
        if "ran longer than" in text:
            return "time limit"
        if "long queries hold every query process" in text:
            return "busy: short slot over"
        if "stayed busy for" in text or "no query process was free" in text:
            return "busy: no slot in time"
        if "used more than" in text:
            return "memory limit"
    if "ended without an answer" in text:
        return "worker died"
    return text.strip().splitlines()[0][:100] if text.strip() else ""


def sequential(port: int, texts: list[str], timeout: float,
               new_connections: bool = False) -> list[tuple[int, float, bytes]]:
    """One client sending ``texts`` one after the other on one keep-alive connection (warmed up first), or on
    a new connection each; (status, seconds, body) for each."""
    if new_connections:
        return [request_once(port, t, timeout) for t in texts]
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    out = []
    try:
        for text in [texts[0], *texts]:
            t = time.perf_counter()
            conn.request("GET", query_path(text), headers=ACCEPT)
            resp = conn.getresponse()
            body = resp.read()
            out.append((resp.status, time.perf_counter() - t, body))
    finally:
        conn.close()
    return out[1:]


def machine_cpu() -> tuple[float, float]:
    """Busy and total CPU seconds of the whole machine so far (/proc/stat), for utilisation over an interval."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields) - idle) / _TICK, sum(fields) / _TICK


@dataclass
class Record:
    """One request: its class and query kind, when it was sent and answered, and how."""

    cls: str  # "light" or "heavy"
    kind: str  # the query's name
    t0: float
    t1: float
    status: int | None  # None: no HTTP answer (see err)
    err: str = ""  # "connection: ..." or "timeout"
    why: str = ""  # see reason(), for answers other than 200
    fresh: bool = False  # the first request on a new connection (after an error, or --new-connections)

    @property
    def latency(self) -> float:
        return self.t1 - self.t0


@dataclass
class LoadResult:
    records: list[Record]
    start: float
    end: float  # start + duration: no request is sent after it
    ready_s: list[float]  # per client: seconds to connect and answer one request before the start
    connect_errors: list[str]
    hung: int  # client threads still running at the hard bound
    client_cpu: float  # CPU seconds of this process over the phase (every client thread)
    wall: float  # seconds from start until the last client stopped
    overflows: int  # the kernel's listen-queue overflows (SYNs and ACKs dropped) during the phase
    setup_overflows: int  # the same while the clients connected, before the start
    events: dict = field(default_factory=dict)

    def done(self) -> list[Record]:
        """The requests answered (or failed) by the end of the duration."""
        return [r for r in self.records if r.t1 <= self.end]


def listen_overflows() -> int:
    """TcpExt ListenOverflows (/proc/net/netstat): connections dropped because a listen queue was full."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return 0
    for head, values in zip(lines[::2], lines[1::2]):
        if head.startswith("TcpExt:"):
            return dict(zip(head.split()[1:], map(int, values.split()[1:]))).get("ListenOverflows", 0)
    return 0


def run_clients(port: int, clients: int, duration: float, pick, request_timeout: float, seed: int,
                think: float = 0.0, max_requests: int = 0, during=None, path_for=None,
                new_connections: bool = False, stagger: float = 0.005) -> LoadResult:
    """``clients`` threads, each on its own keep-alive connection, send requests until ``duration`` has passed.

    Before the start each client opens its connection (client i after ``i * stagger`` s, so
    that they do not all knock at once) and has one request answered on it (a 404 path), so
    that the phase starts with every connection accepted by the server.
    ``pick(rng) -> (cls, kind, text)`` chooses each request; ``think`` seconds (mean of an
    exponential, 0: none) pass between a client's requests; ``max_requests`` (0: no cap) per
    client. ``during(start, end)`` runs in the calling thread while the clients work (it must
    return by ``end``). ``path_for(text)`` makes the request path (default: a SPARQL GET).
    ``new_connections``: a new connection for every request (as urllib does), not keep-alive.
    Bounded: each socket operation times out after ``request_timeout`` s, and clients still
    running ``request_timeout + 10`` s after the end are counted as hung and left behind.
    """
    path_for = path_for or query_path
    paths: dict[str, str] = {}
    box: dict[str, float] = {}

    def go() -> None:  # run once, by the last thread to reach the barrier, before any is released
        box["start"] = time.perf_counter()
        box["end"] = box["start"] + duration

    barrier = threading.Barrier(clients + 1, action=go)
    barrier_wait = clients * stagger + 2 * request_timeout + 30
    per_client: list[list[Record]] = [[] for _ in range(clients)]
    ready_s: list[float] = []
    connect_errors: list[str] = []

    def client(i: int) -> None:
        rng = random.Random(seed * 100003 + i)
        out = per_client[i]
        conn = http.client.HTTPConnection(HOST, port, timeout=request_timeout)
        time.sleep(i * stagger)
        t = time.perf_counter()
        try:
            conn.request("GET", "/bench-warm-up")
            conn.getresponse().read()
            ready_s.append(time.perf_counter() - t)
        except (OSError, http.client.HTTPException) as exc:
            connect_errors.append(f"{type(exc).__name__}: {exc}")
            conn.close()
        try:
            barrier.wait(timeout=barrier_wait)
        except threading.BrokenBarrierError:
            return
        end = box["end"]
        sent = 0
        fresh = conn.sock is None
        while time.perf_counter() < end and (not max_requests or sent < max_requests):
            cls, kind, text = pick(rng)
            path = paths.get(text) or paths.setdefault(text, path_for(text))
            sent += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=ACCEPT)
                resp = conn.getresponse()
                body = resp.read()
                t1 = time.perf_counter()
                why = "" if resp.status == 200 else reason(resp.status, body)
                out.append(Record(cls, kind, t0, t1, resp.status, why=why, fresh=fresh))
                fresh = new_connections or conn.sock is None
                if new_connections:
                    conn.close()
            except (socket.timeout, TimeoutError):
                out.append(Record(cls, kind, t0, time.perf_counter(), None, err="timeout", fresh=fresh))
                conn.close()
                fresh = True
            except (OSError, http.client.HTTPException) as exc:
                err = f"connection: {type(exc).__name__}: {exc}"
                out.append(Record(cls, kind, t0, time.perf_counter(), None, err=err, fresh=fresh))
                conn.close()  # the next request opens a new connection
                fresh = True
            if think:  # never past the end
                time.sleep(max(0.0, min(rng.expovariate(1 / think), 10 * think, end - time.perf_counter())))
        conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True, name=f"client-{i}") for i in range(clients)]
    over_setup = listen_overflows()
    for t in threads:
        t.start()
    try:
        barrier.wait(timeout=barrier_wait)
    except threading.BrokenBarrierError:
        raise RuntimeError(f"the client threads were not all ready within {barrier_wait:g} s") from None
    start, end = box["start"], box["end"]
    cpu0, over0 = time.process_time(), listen_overflows()
    events = during(start, end) if during else {}
    hard = end + request_timeout + 10
    for t in threads:
        t.join(max(0.0, hard - time.perf_counter()))
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    records = [r for rs in per_client for r in rs]
    return LoadResult(records, start, end, ready_s, connect_errors, sum(t.is_alive() for t in threads), cpu, wall,
                      listen_overflows() - over0, over0 - over_setup, events or {})


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of values; nan for none."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]
