"""Benchmark: every export format on a synthetic graph, against Oxigraph's own N-Triples dump.

Run by hand (not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_export.py [--entities 10000]

The anchor is ``pyoxigraph.Store.dump`` of the union graph as N-Triples, the
fastest way out of the store; each format prints its time (median of 3), its
ratio to the anchor, its size and the growth of peak memory (ru_maxrss) it caused.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph.build import build  # noqa: E402
from graph.exports.write import export  # noqa: E402
from synthetic import write_records  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=10000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_records(tmp / "data", args.entities)
        result = build([tmp / "data"], checks=False)
        kg, g = result.kg, result.network
        kg.refresh_union()
        print(f"synthetic graph: {kg.triple_count()} triples, {kg.quad_count()} quads, "
              f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges; peak memory {peak_mb():.0f} MB")

        def anchor() -> None:
            kg.store.dump(str(tmp / "anchor.nt"), ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())

        def timed(fn) -> float:
            times = []
            for _ in range(3):
                t = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t)
            return statistics.median(times)

        base = timed(anchor)
        print(f"anchor: Oxigraph dump of N-Triples {base:.3f} s")
        for fmt, ext in (("nt", "nt"), ("nquads", "nq"), ("turtle", "ttl"), ("trig", "trig"), ("jsonld", "jsonld"),
                         ("graphml", "graphml"), ("gexf", "gexf"), ("csv", "csv")):
            before = peak_mb()
            files: list[Path] = []

            def run() -> None:
                files[:] = export(kg, g, fmt, tmp / f"g.{ext}")

            t = timed(run)
            size = sum(p.stat().st_size for p in files) / 1e6
            print(f"  {fmt:8s} {t:7.3f} s = {t / base:5.1f}x anchor   {size:7.1f} MB   "
                  f"peak memory +{peak_mb() - before:.0f} MB")


if __name__ == "__main__":
    main()
