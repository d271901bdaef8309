"""Benchmark: build time from YAML records, against anchors measured in the same run.

Run by hand (not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_build.py [--entities 20000]

It writes a seeded synthetic ecosystem (organizations, models with lineage,
papers, techniques, sources; bilingual labels) as YAML records, then times:

- aikg: records → Oxigraph dataset with per-source named graphs → NetworkX;
- anchor A: a naive rdflib builder (yaml.safe_load, then ``Graph.add`` per triple,
  no named graphs, no checks, no projection);
- anchor B: pyoxigraph bulk-loading the resulting N-Quads (the floor for any builder);
- the shipped data/ build, end to end with all four outputs.

and prints each figure with its ratio to the anchors, so machine noise cancels.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from graph.build import build, build_outputs  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_records  # noqa: E402


def naive_rdflib(path: Path) -> rdflib.Graph:
    """Anchor A: what a straightforward rdflib builder does with the same records."""
    ns = rdflib.Namespace("https://w3id.org/aiekg/id/")
    v = rdflib.Namespace("https://w3id.org/aiekg/vocab#")
    g = rdflib.Graph()
    for rec in yaml.safe_load(path.read_text(encoding="utf-8")):
        s = ns[rec["id"]]
        g.add((s, rdflib.RDF.type, v[rec["type"]]))
        for lang, text in rec["label"].items():
            g.add((s, rdflib.RDFS.label, rdflib.Literal(text, lang=lang)))
        for key, val in rec.items():
            if key in ("id", "type", "label"):
                continue
            for x in val if isinstance(val, list) else [val]:
                if isinstance(x, dict):
                    x = x["id"]
                obj = ns[x] if isinstance(x, str) and x.islower() and " " not in x and ":" not in x else rdflib.Literal(x)
                g.add((s, v[key], obj))
    return g


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        recs = synthetic_records(args.entities)
        path = data / "records.yaml"
        path.write_text(yaml.safe_dump(recs, allow_unicode=True, sort_keys=False), encoding="utf-8")
        t_aikg, result = timed(lambda: build([data]), args.repeat)
        t_naive, g = timed(lambda: naive_rdflib(path), args.repeat)
        nq = Path(tmp) / "all.nq"
        nq.write_bytes(result.kg.serialize("nquads"))
        t_bulk, _ = timed(lambda: ox.Store().bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS), args.repeat)
        t_shipped, shipped = timed(lambda: build_outputs([ROOT / "data"], Path(tmp) / "out"), args.repeat)
    print(f"synthetic: {len(recs)} records -> {result.kg.data_triple_count()} data triples, "
          f"{result.kg.quad_count()} quads, {result.network.number_of_edges()} edges (median of {args.repeat})")
    print(f"  aikg build (records -> named graphs -> NetworkX): {t_aikg:8.2f} s")
    print(f"  anchor A naive rdflib Graph.add loop ({len(g)} triples): {t_naive:8.2f} s   "
          f"aikg is {t_naive / t_aikg:.2f}x faster")
    print(f"  anchor B pyoxigraph bulk load of the N-Quads:     {t_bulk:8.2f} s   "
          f"aikg takes {t_aikg / t_bulk:.1f}x the floor")
    print(f"shipped data/: {shipped.network.number_of_nodes()} entities, build + 4 outputs {t_shipped * 1000:.0f} ms")


if __name__ == "__main__":
    main()
