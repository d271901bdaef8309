"""Benchmark: named queries on a synthetic graph, and the SPARQL endpoint (``aikg serve``) under load.

Run by hand (not collected by pytest; Linux only, as it reads /proc), for example:

    .venv/bin/python tests/benchmarks/bench_queries.py            # 200 clients for 60 s: about 11 minutes
    .venv/bin/python tests/benchmarks/bench_queries.py --workdir /tmp/bq --duration 20   # keeps the graph

Options: --entities (10000), --clients (200), --duration (60 s), --heavy-share (0.05),
--timeout (the server's time limit, 2 s), --workers (2), --think (0 s), --seed, --workdir,
--new-connections, --kill-at, --light-only, --distinct (every light text new, so the server's kept
answers never fit), ... (``--help`` lists them). Every step has a
time bound, and the server is always stopped (also on Ctrl-C). It prints:

1. The seeded synthetic ecosystem it builds (about 120,000 triples at 10,000
   records; the build takes minutes; ``--workdir DIR`` keeps it for the next run).
2. Every named query's time, as a multiple of the anchor: one plain triple-pattern
   lookup on the same store. Each query is timed in one forked child process
   (in process there: a first run, then the median of up to 5), stopped after
   ``--named-limit`` s and reported as stopped if it runs longer.
3. The heavy queries: every triple against every triple under a FILTER that
   never holds (plus one with a REGEX built from the other side), and the time
   they would take, extrapolated from a 300 x 300 slice, as a multiple of the time
   limit; it stops if one is not certain to run past the limit.
4. ``aikg serve --host 127.0.0.1 --port 0`` on that graph, as its own process
   (so the clients do not share its GIL), and anchors measured on it while it is
   idle: each light query's latency with one client (keep-alive, and in brackets
   on a new connection each), each heavy query's (a 503 at the time limit), one
   client's throughput on the light mix; a calibration of the clients (the same
   clients on a path that answers 404 without a query, 3 s: the client CPU per
   request shows what the clients alone could send); and ``--light-only`` s of
   25 and of ``--clients`` clients on light queries only.
5. The load phase: ``--clients`` threads, each on its own keep-alive connection
   (opened and used once before the start), send requests for ``--duration`` s
   in a closed loop (``--think`` s mean pause between requests; 0 by default);
   a request is heavy with probability ``--heavy-share`` (seeded RNG per client),
   otherwise light: half the time a named query (one whose fastest run in step 2
   took under ``--light-max-ms``, with step 2's parameters), half a lookup on a
   random model. Each socket operation times out after ``--request-timeout`` s,
   and the phase has a hard bound. At ``--kill-at`` of the duration one query
   process (a child of the pool's template process, never the template) is
   SIGKILLed. Printed: requests and throughput; per class (light, heavy) the
   status counts (503s by reason), p50/p99/max latency, each as a ratio to its
   anchor; errors apart from the expected 503s; CPU of the clients, the server's
   HTTP front, its query processes and anything else; the kill (victim, requests
   in flight, time until the pool is back to full size); and PASS/FAIL for
   (a) every heavy query got 503, (b) light queries got 200 with p99 <= 1 s,
   (c) no connection errors, (d) the pool replaced the killed process and light
   queries kept answering.
"""
from __future__ import annotations

import argparse
import collections
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph.errors import QueryTimeout  # noqa: E402
from graph.sparql.query import QueryLimits, call_confined, named_queries, query_bindings, run_query  # noqa: E402
from graph.sparql.text import substitute  # noqa: E402
from load_clients import ServerProcess, machine_cpu, percentile, run_clients, sequential, state  # noqa: E402
from synthetic import synthetic_records, write_records  # noqa: E402

PARAMS = {"org": "kg:org-0", "model": "kg:model-900", "entity": "kg:model-10", "software": "kg:model-1"}

#: Heavy queries: every triple against every triple (about 1.4e10 pairs at 10,000 entities), a FILTER that never holds.
HEAVY = {
    "heavy: cross product": "SELECT (COUNT(*) AS ?n) WHERE {{ {a} {b} FILTER(STRLEN(STR(?b)) + STRLEN(STR(?d)) < 0) }}",
    "heavy: regex join": "SELECT (COUNT(*) AS ?n) WHERE {{ {a} {b} FILTER(isLiteral(?b) && isLiteral(?d) "
                         '&& REGEX(STR(?b), CONCAT("^", STR(?d), "#$"))) }}',
}
FULL = {"a": "?a ?p ?b .", "b": "?c ?q ?d ."}
SLICE = 300

#: Small lookups on one model (its label, its developer, everything about it).
LOOKUPS = {
    "lookup: label": "SELECT ?l WHERE {{ kg:{m} rdfs:label ?l }}",
    "lookup: developer": "SELECT ?o WHERE {{ kg:{m} aikg:developedBy ?o }}",
    "lookup: all facts": "SELECT ?p ?o WHERE {{ kg:{m} ?p ?o }}",
}


def params_for(q) -> dict[str, str]:
    return {k: v for k, v in PARAMS.items() if k in q.params}


def median_ms(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def ms(s: float) -> str:
    return f"{s * 1000:,.0f} ms" if s >= 0.1 else f"{s * 1000:.1f} ms"


def build_graph(args, work: Path):
    """The synthetic dataset (built, or read back from ``--workdir``) and its store."""
    trig = work / "out" / "graph.trig"
    stamp = work / "entities"
    if trig.is_file() and stamp.is_file() and stamp.read_text().strip() == str(args.entities):
        from graph.rdf.store import KnowledgeGraph

        print(f"reusing the graph built in {work}")
        return trig, KnowledgeGraph.from_trig(trig)
    from graph.build import build_outputs

    t = time.perf_counter()
    write_records(work / "data", args.entities)
    result = build_outputs([work / "data"], work / "out", checks=False)
    stamp.write_text(str(args.entities))
    print(f"built in {time.perf_counter() - t:.0f} s")
    return trig, result.kg


def _timed_runs(kg, text: str, bindings: dict, budget: float) -> list[float]:
    """In a child process: a first run (it pays for the pages the fork shares), then up to 5 more while the
    next fits in ``budget`` s; the times (s) of those, or of the first alone if none more fits."""
    times: list[float] = []
    t_start = time.perf_counter()
    while len(times) < 6 and (not times or time.perf_counter() - t_start + max(times) < budget):
        t = time.perf_counter()
        run_query(kg, text, bindings)
        times.append(time.perf_counter() - t)
    return times[1:] or times


def time_named_queries(kg, limit: float) -> tuple[float, dict[str, float]]:
    """Phase 2: print each named query's median time; return the anchor and each query's fastest run (ms),
    leaving out those stopped at ``limit``.

    Bounded: each query is timed in one forked child process (in process there, no fork per run),
    stopped ``limit`` seconds after it starts; after a first run, the runs that fit in ``limit / 2`` are timed.
    """
    lookup = median_ms(lambda: run_query(kg, "SELECT ?l WHERE { kg:model-10 rdfs:label ?l }"))
    print(f"anchor: a one-pattern SELECT takes {lookup:.2f} ms")
    times: dict[str, float] = {}
    fastest: dict[str, float] = {}
    slowest = 0.0
    for q in named_queries():
        b = query_bindings(q, params_for(q))
        try:
            runs = call_confined(QueryLimits(timeout=limit), _timed_runs, kg, q.text, b, limit / 2)
        except QueryTimeout:
            print(f"  {q.name:40s}   over {limit:g} s (stopped; > {limit * 1000 / lookup:,.0f}x a one-pattern SELECT)",
                  flush=True)
            times[q.name] = None
            continue
        value = statistics.median(runs) * 1000
        fastest[q.name] = min(runs) * 1000
        spread = max(runs) / min(runs)
        note = (f"  (median of {len(runs)})" if len(runs) < 5 else "") + \
            (f"  (runs from {min(runs) * 1000:,.0f} to {max(runs) * 1000:,.0f} ms)" if spread > 3 else "")
        times[q.name] = value
        slowest = max(slowest, value)
        print(f"  {q.name:40s} {value:8.2f} ms  = {value / lookup:6.1f}x a one-pattern SELECT{note}", flush=True)
    stopped = [n for n, v in times.items() if v is None]
    print(f"slowest named query that finished: {slowest:.1f} ms"
          + (f"; stopped at {limit:g} s: {', '.join(stopped)}" if stopped else ""))
    return lookup, fastest


def check_heavy(kg, timeout: float) -> dict[str, str]:
    """Phase 3: the heavy queries' extrapolated time; exits if one might finish within 10x the time limit."""
    triples = int(run_query(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])
    texts = {}
    for name, tpl in HEAVY.items():
        part = tpl.format(a=f"{{ SELECT ?b WHERE {{ ?a ?p ?b }} LIMIT {SLICE} }}",
                          b=f"{{ SELECT ?d WHERE {{ ?c ?q ?d }} LIMIT {SLICE} }}")
        try:  # timed in a child process, as in phase 2
            rate = SLICE * SLICE / statistics.median(
                call_confined(QueryLimits(timeout=60), _timed_runs, kg, part, None, 10.0))
        except QueryTimeout:
            rate = SLICE * SLICE / 60
        est = triples * triples / rate
        print(f"  {name}: {triples:,} x {triples:,} pairs at {rate:,.0f} pairs/s (timed on a {SLICE} x {SLICE} "
              f"slice) = about {est:,.0f} s = {est / timeout:,.0f}x the time limit")
        if est < 10 * timeout:
            sys.exit(f"{name} is not certain to run past the time limit on this graph; stopping")
        texts[name] = tpl.format(**FULL)
    return texts


def main() -> None:
    class Help(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
        pass

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=Help)
    ap.add_argument("--entities", type=int, default=10000, help="size of the synthetic graph (records)")
    ap.add_argument("--clients", type=int, default=200, help="concurrent clients in the load phase")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds the load phase sends requests")
    ap.add_argument("--heavy-share", type=float, default=0.05, help="fraction of requests that are heavy")
    ap.add_argument("--timeout", type=float, default=2.0, help="the server's query time limit (aikg serve --timeout)")
    ap.add_argument("--workers", type=int, default=2, help="aikg serve --workers (full slots; one short slot more)")
    ap.add_argument("--think", type=float, default=0.0, help="mean seconds a client pauses between requests")
    ap.add_argument("--requests", type=int, default=0, help="stop each client after this many requests (0: no cap)")
    ap.add_argument("--new-connections", action="store_true", help="a new connection per request (default: keep-alive)")
    ap.add_argument("--request-timeout", type=float, default=60.0, help="client socket time-out per request (s)")
    ap.add_argument("--kill-at", type=float, default=1 / 3, help="when to SIGKILL a query process (fraction of the "
                    "duration; negative: never)")
    ap.add_argument("--light-only", type=float, default=10.0, help="seconds of an anchor run of the same clients "
                    "with light queries only (0: skip)")
    ap.add_argument("--light-max-ms", type=float, default=150.0,
                    help="named queries whose fastest run in phase 2 is under this are in the light mix")
    ap.add_argument("--named-limit", type=float, default=20.0, help="seconds a named query may take in phase 2")
    ap.add_argument("--distinct", action="store_true", help="make every light query's text new (a comment of its "
                    "own), so that the server runs each one instead of answering with what it kept")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=None, help="build (or reuse) the graph here instead of a temp dir")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # so the server is stopped on kill too
    began = time.perf_counter()
    tmp = tempfile.TemporaryDirectory()
    work = args.workdir or Path(tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    try:
        trig, kg = build_graph(args, work)
        print(f"synthetic graph: {kg.data_triple_count()} data triples, {kg.quad_count()} quads")
        kg.refresh_union()
        _, fastest_ms = time_named_queries(kg, args.named_limit)
        print(f"heavy queries (time limit {args.timeout:g} s):")
        heavy = check_heavy(kg, args.timeout)
        del kg
        light_named = {}
        for q in named_queries():
            if fastest_ms.get(q.name, float("inf")) <= args.light_max_ms:
                bound = query_bindings(q, params_for(q))
                light_named[q.name] = substitute(q.text, {k: str(v) for k, v in bound.items()})
        left_out = [q.name for q in named_queries() if q.name not in light_named]
        models = [r["id"] for r in synthetic_records(args.entities) if r["type"] == "LanguageModel"]
        load_phase(args, trig, work, heavy, light_named, left_out, models)
        print(f"the benchmark took {time.perf_counter() - began:.0f} s")
    except KeyboardInterrupt:
        sys.exit("interrupted")
    finally:
        tmp.cleanup()


def summary(rs) -> str:
    """Status counts of requests: '200: 12, 503: 3, timeout: 1'."""
    c = collections.Counter(str(r.status) if r.status else r.err.split(":")[0] for r in rs)
    return ", ".join(f"{k}: {v}" for k, v in sorted(c.items())) or "none"


def with_cpu(server: ServerProcess, fn):
    """``fn()``, and the CPU share (of one core) of the HTTP front and the query processes, and of the whole machine."""
    (f0, q0), m0, t0 = server.cpu(), machine_cpu(), time.perf_counter()
    out = fn()
    (f1, q1), m1, wall = server.cpu(), machine_cpu(), time.perf_counter() - t0
    return out, {"front": (f1 - f0) / wall, "queries": (q1 - q0) / wall,
                 "machine": (m1[0] - m0[0]) / max(1e-9, m1[1] - m0[1])}


def cpu_line(cpu: dict, client_share: float) -> str:
    others = cpu["machine"] * (os.cpu_count() or 1) - client_share - cpu["front"] - cpu["queries"]
    return (f"CPU (100% = one core): clients {client_share:.0%}, HTTP front {cpu['front']:.0%}, query processes "
            f"{cpu['queries']:.0%}, anything else {max(0.0, others):.0%} (the machine: {cpu['machine']:.0%} busy of "
            f"{os.cpu_count()} cores)")


def busy_elsewhere(seconds: float = 2.0) -> float:
    """How busy the machine is (share of all cores) while this benchmark does nothing."""
    b0, t0 = machine_cpu()
    time.sleep(seconds)
    b1, t1 = machine_cpu()
    return (b1 - b0) / max(1e-9, t1 - t0)


def load_phase(args, trig: Path, work: Path, heavy: dict[str, str], light_named: dict[str, str],
               left_out: list[str], models: list[str]) -> None:
    heavy_names = list(heavy)
    named_names = list(light_named)

    def pick(rng: random.Random, heavy_share: float = args.heavy_share):
        if rng.random() < heavy_share:
            name = rng.choice(heavy_names)
            return "heavy", name, heavy[name]
        if rng.random() < 0.5:
            name = rng.choice(named_names)
            return "light", name, distinct(rng, light_named[name])
        name = rng.choice(list(LOOKUPS))
        return "light", name, distinct(rng, LOOKUPS[name].format(m=rng.choice(models)))

    def distinct(rng: random.Random, text: str) -> str:
        """With --distinct, a text the server has not seen (a comment of its own): no answer it kept fits."""
        return f"{text}\n# {rng.getrandbits(64):x}" if args.distinct else text

    def light_only(clients: int, seconds: float, seed: int) -> tuple:
        res, cpu = with_cpu(server, lambda: run_clients(
            server.port, clients, seconds, lambda r: pick(r, 0.0), args.request_timeout, seed, think=args.think,
            new_connections=args.new_connections))
        lat = [r.latency for r in res.records]
        rate = len(res.done()) / seconds
        print(f"  {clients} clients, light mix only, {seconds:g} s: {rate:,.0f} req/s ({summary(res.records)}), p50 "
              f"{ms(percentile(lat, 50))}, p99 {ms(percentile(lat, 99))}, max {ms(max(lat, default=0))}, "
              f"{sum(x > 1 for x in lat) / max(1, len(lat)):.1%} over 1 s; listen-queue overflows "
              f"{res.setup_overflows} while connecting, {res.overflows} during")
        print(f"    {cpu_line(cpu, res.client_cpu / res.wall)}")
        return res, rate

    quiet = busy_elsewhere()
    print(f"before the server starts, the machine is {quiet:.0%} busy of {os.cpu_count()} cores"
          + (" - other processes are running: every figure below is slowed by them" if quiet > 0.1 else ""))
    server = ServerProcess(trig, args.timeout, args.workers, work / "serve.log")
    t = time.perf_counter()
    try:
        server.start()
        full = args.workers + 1
        settle = time.perf_counter() + 5
        while len(baseline := server.workers_alive()) < full and time.perf_counter() < settle:
            time.sleep(0.05)  # the template forks the workers as the pool asks, just after it is ready
        print(f"aikg serve: pid {server.proc.pid} on 127.0.0.1:{server.port}, "
              f"ready in {time.perf_counter() - t:.1f} s; "
              f"template pid {server.template}, {len(baseline)} query processes (expected --workers + 1 = {full})")
        print(f"light mix: half the light requests one of {len(named_names)} named queries "
              f"whose fastest run took under {args.light_max_ms:g} ms "
              f"in process, half one of {len(LOOKUPS)} lookups on a random one of {len(models):,} models; "
              f"left out: {', '.join(left_out) or 'none'}")

        # ---- anchors: one client, idle server
        rng = random.Random(args.seed)
        idle: dict[str, float] = {}
        other: dict[str, float] = {}
        texts = {**{n: [t] * 5 for n, t in light_named.items()},
                 **{n: [tpl.format(m=rng.choice(models)) for _ in range(5)] for n, tpl in LOOKUPS.items()}}
        for name, ts in texts.items():
            idle[name] = statistics.median(s for _, s, _ in sequential(server.port, ts, 30, args.new_connections))
            other[name] = statistics.median(s for _, s, _ in sequential(server.port, ts, 30, not args.new_connections))
        mode, other_mode = ("a new connection each", "keep-alive") if args.new_connections else \
            ("one keep-alive connection", "a new connection each")
        print(f"anchors, one client on the idle server, median of 5 ({mode}; in brackets: {other_mode}):")
        for name, s in idle.items():
            print(f"  {name:40s} {ms(s):>9s}  ({ms(other[name])})")
        for name, text in heavy.items():
            status, s, body = sequential(server.port, [text], args.timeout + 30, args.new_connections)[0]
            idle[name] = s
            print(f"  {name:40s} {ms(s):>9s}  status {status} ({body.decode(errors='replace').strip()[:60]}) "
                  f"= {s / args.timeout:.2f}x the time limit")
        one = run_clients(server.port, 1, 3.0, lambda r: pick(r, 0.0), args.request_timeout, args.seed + 7,
                          new_connections=args.new_connections)
        one_rate = len(one.done()) / 3.0
        one_lat = [r.latency for r in one.records]
        print(f"  one client, light mix, 3 s: {one_rate:.0f} req/s, p50 {ms(percentile(one_lat, 50))}, "
              f"p99 {ms(percentile(one_lat, 99))}")
        cal = run_clients(server.port, args.clients, 3.0, lambda r: ("light", "404", "/bench-calibration"),
                          args.request_timeout, args.seed + 11, path_for=lambda p: p,
                          new_connections=args.new_connections)
        cal_lat = [r.latency for r in cal.records]
        cal_cpu = cal.client_cpu / max(1, len(cal.records))
        print(f"  client calibration: {args.clients} clients on a path that answers 404 without a query, 3 s: "
              f"{len(cal.done()) / 3.0:,.0f} req/s ({summary(cal.records)}), p50 {ms(percentile(cal_lat, 50))}, "
              f"max {ms(max(cal_lat, default=0))}; client CPU {cal_cpu * 1e6:.0f} us a request, "
              f"{cal.client_cpu / cal.wall:.0%} of a core (the clients alone could send ~{1 / cal_cpu:,.0f} req/s)")
        print(f"    connecting: {len(cal.ready_s)} connections ready (one request answered) before the start, slowest "
              f"{ms(max(cal.ready_s, default=0))}, {sum(c > 0.5 for c in cal.ready_s)} over 0.5 s, "
              f"{len(cal.connect_errors)} failed; listen-queue overflows {cal.setup_overflows} while connecting "
              f"(the server listens with a backlog of {server.backlog()})")
        few = fewest = None
        if args.light_only > 0:  # the same clients without heavy queries: what the heavy ones cost the light
            if args.clients > 25:
                fewest = light_only(25, args.light_only, args.seed + 12)
            few = light_only(args.clients, args.light_only, args.seed + 13)

        # ---- the load phase
        samples: list[tuple[float, list[int]]] = []
        kill: dict = {}

        def during(start: float, end: float) -> dict:
            kill_t = start + args.kill_at * args.duration if args.kill_at >= 0 else float("inf")
            krng = random.Random(args.seed + 3)
            cpu0, m0 = server.cpu(), machine_cpu()
            while time.perf_counter() < end:
                now = time.perf_counter()
                alive = server.workers_alive()
                samples.append((now, alive))
                if now >= kill_t and not kill and alive:
                    victim = krng.choice(sorted(alive))
                    kill["state"] = state(victim)
                    os.kill(victim, signal.SIGKILL)
                    kill.update(t=time.perf_counter(), pid=victim, before=len(alive))
                time.sleep(0.05)
            (f0, q0), (f1, q1), m1 = cpu0, server.cpu(), machine_cpu()
            wall = time.perf_counter() - start
            return {"front": (f1 - f0) / wall, "queries": (q1 - q0) / wall,
                    "machine": (m1[0] - m0[0]) / max(1e-9, m1[1] - m0[1])}

        print(f"load: {args.clients} clients for {args.duration:g} s, heavy share {args.heavy_share:g}, "
              f"think time {args.think:g} s, {'new connection per request' if args.new_connections else 'keep-alive'}, "
              f"time limit {args.timeout:g} s, {args.workers} workers + 1 short slot, seed {args.seed} ...", flush=True)
        res = run_clients(server.port, args.clients, args.duration, pick, args.request_timeout, args.seed,
                          think=args.think, max_requests=args.requests, during=during,
                          new_connections=args.new_connections)
        report(args, res, idle, one_rate, one_lat, cal, few, fewest, samples, kill, full)
    finally:
        left = server.stop()
        print(f"server stopped by {server.stopped_by or '-'} (exit {server.proc.returncode if server.proc else None}); "
              f"processes of its tree still alive: {left or 'none'}")


def report(args, res, idle, one_rate, one_lat, cal, few, fewest, samples, kill, full) -> None:
    recs = res.records
    done = res.done()
    rate = len(done) / args.duration
    print(f"\nrequests: {len(recs):,} sent, {len(done):,} answered within the {args.duration:g} s: "
          f"throughput {rate:.1f} req/s = {rate / one_rate:.2f}x one client on the idle server "
          f"({one_rate:.0f} req/s, light only)"
          + (f" = {rate / few[1]:.2f}x the same clients with light queries only ({few[1]:.0f} req/s)" if few else ""))
    rs_ = sorted(res.ready_s)
    print(f"connecting: {len(rs_)} connections ready before the start (slowest {ms(rs_[-1]) if rs_ else '-'}, "
          f"{sum(c > 0.5 for c in rs_)} over 0.5 s), {len(res.connect_errors)} failed; listen-queue overflows "
          f"{res.setup_overflows} while connecting, {res.overflows} during the phase; clients still running at the "
          f"hard bound: {res.hung}; the last client stopped {res.wall - args.duration:.1f} s after the end")
    casualties = [r for r in recs if r.why == "worker died"]
    base = statistics.median(one_lat)
    for cls in ("light", "heavy"):
        rs = [r for r in recs if r.cls == cls]
        if not rs:
            continue
        lat = [r.latency for r in rs]
        whys = collections.Counter(f"{r.status} {r.why}" for r in rs if r.status not in (200, None))
        anchor = args.timeout if cls == "heavy" else base
        ratio = [r.latency / idle[r.kind] for r in rs]
        print(f"{cls}: {len(rs):,} requests, {sum(r.t1 <= res.end for r in rs) / args.duration:.1f}/s answered; "
              f"status {summary(rs)}")
        if whys:
            print("  not 200: " + "; ".join(f"{k}: {v}" for k, v in whys.most_common()))
        print(f"  latency p50 {ms(percentile(lat, 50))}, p99 {ms(percentile(lat, 99))}, max {ms(max(lat))} "
              f"= {percentile(lat, 50) / anchor:.1f}x / {percentile(lat, 99) / anchor:.1f}x / {max(lat) / anchor:.1f}x "
              + ("the time limit" if cls == "heavy" else f"one client's idle p50 on the light mix ({ms(anchor)})"))
        print(f"  latency / the same query's idle latency: p50 {percentile(ratio, 50):.1f}x, "
              f"p99 {percentile(ratio, 99):.1f}x, max {max(ratio):.1f}x")
        if cls == "light":
            over = sum(x > 1 for x in lat)
            print(f"  over 1 s: {over:,} = {over / len(lat):.1%} of light requests")
            for label, other in (("the same clients", few), ("25 clients", fewest)):
                if other and other[0].records:
                    lo = [r.latency for r in other[0].records]
                    print(f"  against {label} with light queries only: "
                          f"p50 {percentile(lat, 50) / percentile(lo, 50):.1f}x, "
                          f"p99 {percentile(lat, 99) / percentile(lo, 99):.1f}x, light throughput "
                          f"{sum(r.t1 <= res.end for r in rs) / args.duration / other[1]:.2f}x")
            kinds = collections.defaultdict(list)
            for r in rs:
                kinds[r.kind].append(r.latency)
            worst = sorted(kinds.items(), key=lambda kv: -percentile(kv[1], 99))[:3]
            best = sorted(kinds.items(), key=lambda kv: percentile(kv[1], 99))[:2]
            print("  by query, p50 / p99 (idle): worst " + "; ".join(
                f"{k} {ms(percentile(v, 50))} / {ms(percentile(v, 99))} ({ms(idle[k])})" for k, v in worst)
                + "; best " + "; ".join(
                f"{k} {ms(percentile(v, 50))} / {ms(percentile(v, 99))} ({ms(idle[k])})" for k, v in best))
    # ---- errors apart from the expected
    conn_errors = [r for r in recs if r.err.startswith("connection")]
    timeouts = [r for r in recs if r.err == "timeout"]
    unexpected = [r for r in recs if r.status is not None and r.why != "worker died"
                  and r.status != (200 if r.cls == "light" else 503)]
    print(f"errors: {len(conn_errors) + len(res.connect_errors)} connection errors ({len(res.connect_errors)} while "
          f"connecting), {len(timeouts)} client time-outs (> {args.request_timeout:g} s; "
          f"{sum(r.fresh for r in timeouts)} on a new connection), {len(unexpected)} unexpected statuses, "
          f"{len(casualties)} answer(s) 'the query process ended' (the killed worker's)")
    for label, group in (("connection error", [*res.connect_errors, *conn_errors]), ("time-out", timeouts),
                         ("unexpected", unexpected)):
        if group:
            first = group[0]
            print(f"  first {label}: " + (first if isinstance(first, str) else
                                           f"{first.cls} {first.kind} at {first.t0 - res.start:.1f} s, "
                                           f"{first.status or ''} {first.err or first.why}"))
    client_share = res.client_cpu / res.wall
    per_req = res.client_cpu / max(1, len(recs))
    print(f"{cpu_line(res.events, client_share)}; client CPU {per_req * 1e6:.0f} us a request "
          f"= {per_req / (cal.client_cpu / max(1, len(cal.records))):.1f}x calibration")
    d = worker_kill(args, recs, samples, kill, full, casualties, res.start)
    # ---- verdicts
    heavy = [r for r in recs if r.cls == "heavy" and r.why != "worker died"]
    light = [r for r in recs if r.cls == "light" and r.why != "worker died"]
    bad_heavy = [r for r in heavy if r.status != 503]
    p99 = percentile([r.latency for r in light], 99)
    light_not_200 = [r for r in light if r.status != 200]
    print(f"PASS/FAIL (a) heavy queries past the time limit got 503: {'PASS' if heavy and not bad_heavy else 'FAIL'} "
          f"({len(heavy) - len(bad_heavy)}/{len(heavy)} 503; others: {summary(bad_heavy)})")
    print(f"PASS/FAIL (b) light queries answered 200 with p99 <= 1 s: "
          f"{'PASS' if light and not light_not_200 and p99 <= 1.0 else 'FAIL'} "
          f"(p99 {ms(p99)}, {len(light_not_200)} not 200, "
          f"{sum(r.latency > 1 for r in light) / max(1, len(light)):.1%} over 1 s)")
    all_conn = len(conn_errors) + len(res.connect_errors)
    print(f"PASS/FAIL (c) no connection errors: {'PASS' if not all_conn else 'FAIL'} ({all_conn}; "
          f"client time-outs {len(timeouts)}, hung clients {res.hung})")
    if d is not None:
        print(f"PASS/FAIL (d) the pool replaced the killed query process, light queries kept answering: "
              f"{'PASS' if d['ok'] else 'FAIL'} ({d['why']})")
    if casualties:
        print("  (answers from the killed worker are left out of (a) and (b) and counted in (d))")


def worker_kill(args, recs, samples, kill, full, casualties, start) -> dict | None:
    if not kill:
        print("worker kill: none (--kill-at)")
        return None
    kt, victim = kill["t"], kill["pid"]
    before = [len(a) for t, a in samples if t < kt]
    print(f"worker kill at {kt - start:.1f} s: SIGKILL to pid {victim} (state {kill['state']!r}: "
          f"{'running a query' if kill['state'] == 'R' else 'idle or waiting'}), one of {kill['before']} query "
          f"processes; before it, {sum(n < full for n in before)}/{len(before)} samples (every 50 ms) showed fewer "
          f"than {full} (a worker stopped at the time limit is replaced at once)")
    back = next((t for t, a in samples if t > kt and victim not in a and len(a) >= full), None)
    after = [len(a) for t, a in samples if t > kt]
    old_pids = {p for t, a in samples if t <= kt for p in a}
    new_pids = {p for t, a in samples if t > kt for p in a} - old_pids
    if back:
        print(f"  pool back to {full} query processes {ms(back - kt)} after the kill "
              f"(= {(back - kt) / args.timeout:.2f}x the time limit); {len(new_pids)} query processes forked after "
              "the kill (time-limit replacements included)")
    else:
        print(f"  pool NOT back to {full} query processes by the end (after the kill: min {min(after, default='-')}, "
              f"last {after[-1] if after else '-'})")
    for r in casualties:
        print(f"  the pool saw the death when it answered {r.cls} '{r.kind}' (sent {r.t0 - kt:+.1f} s from the kill) "
              f"{r.status} '{r.why}' {ms(r.t1 - kt)} after the kill")
    in_flight = [r for r in recs if r.t0 <= kt <= r.t1]
    soon = [r for r in recs if kt < r.t0 <= kt + 5]
    light_soon = [r.latency for r in soon if r.cls == "light"]
    print(f"  requests in flight at the kill: {len(in_flight)} ({summary([r for r in in_flight if r.cls == 'light'])} "
          f"light; {summary([r for r in in_flight if r.cls == 'heavy'])} heavy)")
    print(f"  requests sent in the 5 s after: {len(soon)} ({summary([r for r in soon if r.cls == 'light'])} light; "
          f"{summary([r for r in soon if r.cls == 'heavy'])} heavy); light p50 {ms(percentile(light_soon, 50))}, "
          f"max {ms(max(light_soon, default=0))}")
    light_ok_after = sum(r.cls == "light" and r.status == 200 and r.t0 > kt for r in recs)
    ok = bool(back) and light_ok_after > 0
    why = (f"back to {full} after {ms(back - kt)}" if back else "not back to full size") + \
          f", {light_ok_after} light 200s sent after the kill, {len(casualties)} request(s) got the dead worker's 500"
    return {"ok": ok, "why": why}


if __name__ == "__main__":
    main()
