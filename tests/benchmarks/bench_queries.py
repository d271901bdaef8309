"""Benchmark: named queries on a synthetic graph, and the endpoint under 50 concurrent clients.

Run by hand (not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_queries.py [--entities 10000] [--clients 50] [--requests 20]

1. Builds a seeded synthetic ecosystem (about 100,000 triples at 10,000 entities).
2. Times every named query (median of 5 runs, in process) and prints it beside
   the anchor: one plain triple-pattern lookup on the same store, so the ratio
   says how many "lookups" a named query costs.
3. Starts ``aikg serve``'s server on 127.0.0.1 and sends ``clients`` concurrent
   clients ``requests`` queries each (a mix of named queries); reports errors,
   throughput and latency percentiles. Bounded in count and time.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph.build import build_outputs  # noqa: E402
from graph.sparql.query import named_queries, query_bindings, run_query  # noqa: E402
from graph.sparql.server import make_server, serve_in_thread, shutdown  # noqa: E402
from graph.sparql.text import substitute  # noqa: E402
from synthetic import write_records  # noqa: E402

PARAMS = {"org": "kg:org-0", "model": "kg:model-900", "entity": "kg:model-10", "software": "kg:model-1"}


def params_for(q) -> dict[str, str]:
    return {k: v for k, v in PARAMS.items() if k in q.params}


def median_ms(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=10000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        write_records(data, args.entities)
        result = build_outputs([data], Path(tmp) / "out", checks=False)
        kg = result.kg
        print(f"synthetic graph: {kg.data_triple_count()} data triples, {kg.quad_count()} quads")
        kg.refresh_union()
        lookup = median_ms(lambda: run_query(kg, "SELECT ?l WHERE { kg:model-10 rdfs:label ?l }"))
        print(f"anchor: a one-pattern SELECT takes {lookup:.2f} ms")
        slowest = 0.0
        for q in named_queries():
            b = query_bindings(q, params_for(q))
            ms = median_ms(lambda: run_query(kg, q.text, b))
            slowest = max(slowest, ms)
            print(f"  {q.name:40s} {ms:8.2f} ms  = {ms / lookup:6.1f}x a one-pattern SELECT")
        print(f"slowest named query: {slowest:.1f} ms")

        server = make_server(Path(tmp) / "out" / "graph.trig", b"<html></html>", port=0, timeout=10, workers=2)
        serve_in_thread(server)
        base = "http://%s:%d/sparql" % server.server_address[:2]
        texts = [substitute(q.text, {k: str(v) for k, v in query_bindings(q, params_for(q)).items()})
                 for q in named_queries() if not q.name.startswith(("entities-", "models-by"))]
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()

        def client(i: int) -> None:
            for j in range(args.requests):
                text = texts[(i + j) % len(texts)]
                url = base + "?" + urllib.parse.urlencode({"query": text})
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=30) as r:
                        r.read()
                        ok = r.status == 200
                except Exception as exc:  # noqa: BLE001 - count every failure
                    ok = False
                    with lock:
                        errors.append(str(exc))
                with lock:
                    latencies.append(time.perf_counter() - t)
                    if not ok and not errors:
                        errors.append("non-200")

        start = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        wall = time.perf_counter() - start
        shutdown(server)
        latencies.sort()
        n = len(latencies)
        print(f"endpoint: {args.clients} clients x {args.requests} requests = {n} in {wall:.1f} s "
              f"({n / wall:.0f} req/s), errors {len(errors)}")
        print(f"  latency p50 {latencies[n // 2] * 1000:.0f} ms, p95 {latencies[int(n * 0.95)] * 1000:.0f} ms, "
              f"max {latencies[-1] * 1000:.0f} ms")
        if errors:
            print("  first error:", errors[0])


if __name__ == "__main__":
    main()
