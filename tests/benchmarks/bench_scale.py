"""Benchmark at scale: S, M and L synthetic ecosystems (about 10k, 100k and 1M triples), side by side with anchors.

Run by hand (not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_scale.py [--scales S,M,L] [--morph-python .morph/bin/python]
    .venv/bin/python tests/benchmarks/bench_scale.py --scales M,L,XL --disk-only --tmp /var/tmp   # XL: about 30 GB

On disk (every scale; at XL only these, since 20 million quads in memory are what XL is meant to avoid):

| step | anchor | target |
|---|---|---|
| ``aikg build --store-only`` | pyoxigraph bulk-loading the same quads into an on-disk store | (shown) |
| its peak memory | | at most 4 GB |
| the same build with nothing changed | the first build | under 10% |
| named queries on the store | the same query on raw pyoxigraph on the same store | at most 1.5x |
| ``aikg push`` to an Oxigraph server | the server taking the same quads as one N-Quads POST (``no_transaction``) | at least 100,000 quads/s |

and how each grows from one scale to the next.

Each step runs in a fresh process, so its wall time and peak memory (ru_maxrss)
are its own; every figure is printed as a ratio to its anchor, measured in the
same run on the same machine:

| step | anchor | target |
|---|---|---|
| build from bulk records (JSON Lines) | pyoxigraph bulk-loading the same dataset as N-Quads | at most 2x |
| build from YAML | a naive loop, yaml.safe_load + rdflib Graph.add, over the same records (S and M) | at least 5x faster |
| build from CSV | morph-KGC with an equivalent RML mapping, to an N-Quads file (needs --morph-python) | faster |
| named queries (median over the library) | the same query on raw pyoxigraph | at most 1.5x |
| Turtle export | pyoxigraph's serializer on the same triples | at most 1.5x |
| N-Triples export | pyoxigraph's serializer on the same triples | (shown) |
| peak memory of the build | pyoxigraph bulk load | at most 2x |
| NetworkX projection + GraphML | a straightforward projection: every quad into NetworkX, then nx.write_graphml | at most 0.33x (the issue's 10 s against 30 s) |

The YAML build is also shown against the same naive loop with PyYAML's C loader.
morph-KGC pins its own pyoxigraph, so it lives in its own venv
(``python3 -m venv .morph && .morph/bin/pip install morph-kgc``).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # tests/servers.py: the Oxigraph server

SCALES = {"S": 1_000, "M": 10_000, "L": 100_000, "XL": 1_000_000}
QUERY_LIMIT = 120.0  #: seconds a named query may run on the store in the benchmark
IN_MEMORY_UP_TO = "L"  #: the in-memory steps stop here: at XL they would hold 20 million quads in memory


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _job(name: str, args: dict, conn) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    import gc

    import pyoxigraph as ox

    base = _peak_mb()
    t = time.perf_counter()
    out: dict = {}
    if name == "build-bulk":
        from graph.build import build_dataset

        kg, _, _ = build_dataset([args["dir"]])
        out["seconds"] = time.perf_counter() - t
        out["build_peak_mb"] = _peak_mb()  # before writing the anchor's input, which costs memory of its own
        out["quads"] = kg.quad_count()
        with open(args["nq"], "wb") as f:
            ox.serialize(kg.named_quads(), f, ox.RdfFormat.N_QUADS)
            ox.serialize((ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                          for t in (q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))),
                         f, ox.RdfFormat.N_QUADS)
    elif name == "anchor-bulk":
        store = ox.Store()
        store.bulk_load(path=args["nq"], format=ox.RdfFormat.N_QUADS)
        out["seconds"] = time.perf_counter() - t
    elif name == "build-yaml":
        from graph.build import build_dataset

        build_dataset([args["dir"]])
        out["seconds"] = time.perf_counter() - t
    elif name == "anchor-rdflib":
        import rdflib
        import yaml

        gc.disable()
        ns, v = rdflib.Namespace("https://w3id.org/aiekg/id/"), rdflib.Namespace("https://w3id.org/aiekg/vocab#")
        g = rdflib.Graph()
        text = Path(args["yaml"]).read_text(encoding="utf-8")
        records = yaml.safe_load(text) if args["loader"] == "pure" else yaml.load(text, Loader=yaml.CSafeLoader)
        for rec in records:
            s = ns[rec["id"]]
            g.add((s, rdflib.RDF.type, v[rec["type"]]))
            for key, val in rec.items():
                if key in ("id", "type"):
                    continue
                for x in val if isinstance(val, list) else [val]:
                    x = x["id"] if isinstance(x, dict) and "id" in x else x
                    if isinstance(x, dict):
                        for lang, text in x.items():
                            g.add((s, v[key], rdflib.Literal(text, lang=lang)))
                    else:
                        g.add((s, v[key], rdflib.Literal(x)))
        out["seconds"] = time.perf_counter() - t
    elif name == "queries":
        from graph.rdf.store import KnowledgeGraph

        kg = KnowledgeGraph()
        kg.store.bulk_load(path=args["nq"], format=ox.RdfFormat.N_QUADS)
        kg.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        out.update(_time_named_queries(kg))
        out["seconds"] = time.perf_counter() - t
    elif name == "build-csv":
        from graph.build import build_dataset

        kg, _, _ = build_dataset([args["dir"]])
        out["seconds"] = time.perf_counter() - t
        out["quads"] = kg.quad_count()
    elif name in ("turtle", "anchor-turtle", "nt", "anchor-nt", "graphml", "anchor-graphml", "page"):
        from graph.rdf.store import KnowledgeGraph

        kg = KnowledgeGraph()
        kg.store.bulk_load(path=args["nq"], format=ox.RdfFormat.N_QUADS)
        kg.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        base = _peak_mb()
        t = time.perf_counter()
        if name in ("turtle", "nt"):
            from graph.exports.write import export

            export(kg, None, name, Path(args["out"]) / f"g.{name}")
        elif name == "anchor-nt":
            triples = (q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            ox.serialize(triples, str(Path(args["out"]) / "a.nt"), ox.RdfFormat.N_TRIPLES)
        elif name == "anchor-turtle":
            triples = [q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
            ox.serialize(triples, str(Path(args["out"]) / "a.ttl"), ox.RdfFormat.TURTLE)
        elif name == "graphml":
            from graph.exports.write import export
            from graph.views.network import to_networkx

            g = to_networkx(kg)
            export(kg, g, "graphml", Path(args["out"]) / "g.graphml")
        elif name == "anchor-graphml":
            _straightforward_projection(kg.store, Path(args["out"]) / "a.graphml")
        else:
            from graph.views.network import to_networkx
            from graph.views.page import page_html

            (Path(args["out"]) / "p.html").write_text(page_html(to_networkx(kg), kg), encoding="utf-8")
        out["seconds"] = time.perf_counter() - t
    elif name == "store-build":
        from graph.storebuild import build_store

        r = build_store([args["dir"]], args["store"], checks=False)  # the synthetic lineage breaks the date check
        out.update(seconds=time.perf_counter() - t, quads=r.quads, unchanged=r.unchanged, text=r.text())
    elif name == "store-dump":  # the anchor's input: every quad of the store, as N-Quads
        ox.Store.read_only(args["store"]).dump(args["nq"], ox.RdfFormat.N_QUADS)
        out["seconds"] = time.perf_counter() - t
    elif name == "anchor-disk":
        store = ox.Store(args["dir"])
        store.bulk_load(path=args["nq"], format=ox.RdfFormat.N_QUADS)
        store.flush()
        out["seconds"] = time.perf_counter() - t
    elif name == "store-queries":
        from graph.rdf.persist import open_store

        out.update(_time_named_queries(open_store(args["store"], read_only=True), args["limit"]))
        out["seconds"] = time.perf_counter() - t
    elif name == "push":
        from graph.rdf.persist import open_store
        from graph.sparql.remote import push

        r = push(open_store(args["store"], read_only=True), args["url"] + "/store", timeout=3600)
        out.update(seconds=time.perf_counter() - t, triples=r.triples)
    elif name == "anchor-push":  # the server taking the same quads as one N-Quads POST, with its bulk loader
        import urllib.request

        with open(args["nq"], "rb") as f:
            req = urllib.request.Request(args["url"] + "/store?no_transaction", data=f, method="POST",
                                         headers={"Content-Type": "application/n-quads",
                                                  "Content-Length": str(Path(args["nq"]).stat().st_size)})
            urllib.request.urlopen(req, timeout=3600).read()
        out["seconds"] = time.perf_counter() - t
    out["peak_mb"] = _peak_mb()
    out["grew_mb"] = _peak_mb() - base
    conn.send(out)


def _time_named_queries(kg, limit: float | None = None) -> dict:
    """Every named query through aikg (with a time limit when ``limit``) and the same text on raw pyoxigraph:
    the median ratio, both totals, and the queries stopped at the limit (not run raw, which cannot be stopped).

    Each query runs once through aikg untimed first, then raw and through aikg again timed: timed first, a
    query on an on-disk store pays for reading its pages from disk, which the second run does not."""
    import pyoxigraph as ox

    from graph.errors import QueryTimeout
    from graph.namespaces import sparql_prefixes
    from graph.sparql.query import QueryLimits, named_queries, query_bindings, run_query
    from graph.sparql.text import substitute

    params = {"org": "kg:org-0", "model": "kg:model-900", "entity": "kg:model-10", "software": "kg:model-1"}
    ratios, ours_total, raw_total, over, each = [], 0.0, 0.0, [], {}
    for q in named_queries():
        b = query_bindings(q, {k: v for k, v in params.items() if k in q.params})
        text = sparql_prefixes() + substitute(q.text, {k: str(x) for k, x in b.items()})
        limits = QueryLimits(timeout=limit) if limit else QueryLimits()
        try:  # a first run through aikg, not timed: the store's pages are read from disk by then for both
            run_query(kg, q.text, b, limits)
        except QueryTimeout:
            over.append(q.name)
            continue
        t0 = time.perf_counter()
        r = kg.store.query(text)
        if not isinstance(r, ox.QueryBoolean):
            [[s[v] for v in r.variables] for s in r] if hasattr(r, "variables") else list(r)
        raw = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_query(kg, q.text, b, limits)
        ours = time.perf_counter() - t0
        ours_total += ours
        raw_total += raw
        ratios.append(ours / raw if raw else 1.0)
        each[q.name] = (ours, raw)
    ratios.sort()
    return {"median_ratio": ratios[len(ratios) // 2], "ours": ours_total, "raw": raw_total, "n": len(ratios),
            "over": over, "each": each}


def _straightforward_projection(store, path: Path) -> None:
    """The anchor: what one writes first. Every quad of a source graph, one by one, into NetworkX;
    literals become attributes of their subject, IRIs edges that collect their sources; then
    NetworkX's own GraphML writer."""
    import networkx as nx
    import pyoxigraph as ox

    onto = ox.NamedNode("https://w3id.org/aiekg/vocab")
    g = nx.MultiDiGraph()
    for q in store.quads_for_pattern(None, None, None):
        if isinstance(q.graph_name, ox.DefaultGraph) or q.graph_name == onto:
            continue
        s, p, o = q.subject.value, q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], q.object
        if s not in g:
            g.add_node(s)
        if isinstance(o, ox.Literal):
            g.nodes[s][p if not o.language or o.language == "en" else f"{p}_{o.language}"] = o.value
        elif p == "type":
            g.nodes[s]["type"] = o.value.rsplit("#", 1)[-1]
        else:
            if not g.has_edge(s, o.value, key=p):
                g.add_edge(s, o.value, key=p, predicate=p, sources=[])
            g.edges[s, o.value, p]["sources"].append(q.graph_name.value.rsplit("/", 1)[-1])
    for _, _, data in g.edges(data=True):
        data["sources"] = "; ".join(sorted(data["sources"]))
    nx.write_graphml(g, str(path))


def run(name: str, **args) -> dict:
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_job, args=(name, args, child))
    p.start()
    child.close()  # so that a child that dies is an EOF here, not a wait forever
    try:
        out = parent.recv()
    except EOFError:
        p.join()
        raise SystemExit(f"step {name} died (exit code {p.exitcode})") from None
    p.join()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="S,M,L", help="S, M, L, XL (1,000,000 records: on disk only)")
    ap.add_argument("--disk-only", action="store_true", help="only the on-disk steps (the store, its queries, push)")
    ap.add_argument("--disk-steps", default="build,queries,push", help="which on-disk steps (build is always run, "
                    "but with --reuse)")
    ap.add_argument("--query-limit", type=float, default=QUERY_LIMIT,
                    help=f"seconds a named query may run on the store (default {QUERY_LIMIT:.0f}; the raw run of a "
                    "query that finished is not limited)")
    ap.add_argument("--keep", type=Path, help="keep each scale's built store and its N-Quads in DIR/SCALE (hard links)")
    ap.add_argument("--reuse", type=Path, help="take the store and N-Quads that --keep left in DIR/SCALE: no build, "
                    "only the named queries and the push")
    ap.add_argument("--tmp", default=None, help="where the scratch files go (XL needs about 30 GB)")
    ap.add_argument("--yaml-up-to", default="M", help="largest scale to time the YAML build and rdflib anchor at")
    ap.add_argument("--morph-python", help="a Python with morph-kgc installed (it pins its own pyoxigraph, so it "
                    "lives in its own venv: python3 -m venv .morph && .morph/bin/pip install morph-kgc)")
    args = ap.parse_args()
    from morph_anchor import run_morph
    from synthetic import write_records

    start = time.perf_counter()
    growth: dict[str, dict[str, float]] = {}
    for scale in args.scales.split(","):
        n = SCALES[scale]
        with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
            tmp = Path(tmp)
            if args.reuse:
                growth[scale] = on_disk(scale, tmp, set(args.disk_steps.split(",")), args.query_limit,
                                        reuse=args.reuse / scale)
                continue
            write_records(tmp / "jsonl", n, fmt="jsonl")
            if args.disk_only:
                pass
            elif list(SCALES).index(scale) <= list(SCALES).index(IN_MEMORY_UP_TO):
                in_memory(scale, n, tmp, args, write_records, run_morph)
            else:
                print(f"\n{scale}: {n} records; the in-memory steps are left out above {IN_MEMORY_UP_TO}")
            growth[scale] = on_disk(scale, tmp, set(args.disk_steps.split(",")), args.query_limit,
                                    keep=args.keep / scale if args.keep else None)
    _print_growth(growth)
    print(f"\nwhole benchmark: {time.perf_counter() - start:.0f} s")


def on_disk(scale: str, tmp: Path, steps: set[str], query_limit: float = QUERY_LIMIT, keep: Path | None = None,
            reuse: Path | None = None) -> dict[str, float]:
    """The on-disk store at one scale: ``aikg build --store-only`` (first, then unchanged), the named
    queries on it, and a push to an Oxigraph server, each beside its anchor (``reuse``: a store built
    before, only the queries and the push)."""
    store, nq = str(tmp / "store"), str(tmp / "store.nq")
    if reuse:
        print(f"\n{scale} on disk: the store kept in {reuse}")
        return _queries_and_push(str(reuse / "store"), str(reuse / "store.nq"), tmp, query_limit, {}, steps)
    b = run("store-build", dir=str(tmp / "jsonl"), store=store)
    again = run("store-build", dir=str(tmp / "jsonl"), store=store)
    run("store-dump", store=store, nq=nq)
    a = run("anchor-disk", dir=str(tmp / "anchor-store"), nq=nq)
    shutil.rmtree(tmp / "anchor-store", ignore_errors=True)
    print(f"\n{scale} on disk: {b['quads']:,} quads (named graphs; the union on top), aikg build --store-only")
    print(f"  first build             {b['seconds']:7.1f} s  = {b['seconds'] / a['seconds']:5.2f}x pyoxigraph bulk-loading "
          f"the same quads into an on-disk store ({a['seconds']:.1f} s)")
    print(f"  peak memory of build    {b['peak_mb']:7.0f} MB = {b['peak_mb'] / a['peak_mb']:5.2f}x that bulk load "
          f"({a['peak_mb']:.0f} MB)   target <= 4096 MB")
    print(f"  unchanged rebuild       {again['seconds']:7.2f} s  = {again['seconds'] / b['seconds']:6.1%} of the first "
          f"build   target < 10%   ({'nothing to do' if again['unchanged'] else 'REBUILT'})")
    figures = {"records": SCALES[scale], "quads": b["quads"], "build s": b["seconds"], "build MB": b["peak_mb"],
               "rebuild s": again["seconds"]}
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copytree(store, keep / "store", copy_function=os.link)
        os.link(nq, keep / "store.nq")
    if "queries" not in steps and "push" not in steps:
        return figures
    return _queries_and_push(store, nq, tmp, query_limit, figures, steps)


def _queries_and_push(store: str, nq: str, tmp: Path, query_limit: float, figures: dict,
                      steps: set[str]) -> dict[str, float]:
    from servers import oxigraph_server

    if "queries" not in steps:
        q = {"ours": 0.0}
    else:
        q = _print_queries(run("store-queries", store=store, limit=query_limit), query_limit)
    if "push" not in steps:
        return {**figures, "queries s": q["ours"]}
    with oxigraph_server(tmp / "server") as url:
        p = run("push", store=store, url=url)
    shutil.rmtree(tmp / "server", ignore_errors=True)
    with oxigraph_server(tmp / "server-anchor") as url:
        ap = run("anchor-push", nq=nq, url=url)
    shutil.rmtree(tmp / "server-anchor", ignore_errors=True)
    rate = p["triples"] / p["seconds"]
    print(f"  push to Oxigraph server {p['seconds']:7.1f} s  = {rate:,.0f} quads/s ({p['triples']:,} sent: named graphs "
          f"and union)   target >= 100,000/s; {p['seconds'] / ap['seconds']:5.2f}x the server taking the same "
          f"quads as one N-Quads POST with its bulk loader ({ap['seconds']:.1f} s)")
    return {**figures, "queries s": q["ours"], "push s": p["seconds"], "sent": p["triples"]}


def _print_queries(q: dict, query_limit: float) -> dict:
    print(f"  {q['n']} named queries      {q['ours']:7.1f} s  median {q['median_ratio']:5.2f}x raw pyoxigraph on the "
          f"same store (total {q['raw']:.1f} s)   target <= 1.5x")
    print("    each: " + ", ".join(f"{n} {a:.2f} s ({a / r if r else 1:.2f}x)"
                                   for n, (a, r) in sorted(q["each"].items(), key=lambda kv: -kv[1][0])))
    if q["over"]:
        print(f"    over {query_limit:.0f} s (stopped, not compared): {', '.join(q['over'])}")
    return q


def _print_growth(growth: dict[str, dict[str, float]]) -> None:
    """How each on-disk figure grows from one scale to the next (10x the records): 10x is linear."""
    scales = list(growth)
    if len(scales) < 2:
        return
    print("\ngrowth on disk, scale to scale (10x the records; 10x is linear):")
    for key in ("quads", "build s", "build MB", "rebuild s", "queries s", "push s"):
        if not all(key in growth[s] for s in scales):
            continue
        cells = [f"{growth[s][key]:,.1f}" for s in scales]
        steps = [f"{growth[b][key] / growth[a][key]:.1f}x" for a, b in zip(scales, scales[1:]) if growth[a][key]]
        print(f"  {key:10s} " + " -> ".join(f"{s} {c}" for s, c in zip(scales, cells)) + "   (" + ", ".join(steps) + ")")


def in_memory(scale: str, n: int, tmp: Path, args, write_records, run_morph) -> None:
    """The in-memory steps at one scale (the build, exports, projection and page), each beside its anchor."""
    nq = str(tmp / "all.nq")
    b = run("build-bulk", dir=str(tmp / "jsonl"), nq=nq)
    a = run("anchor-bulk", nq=nq)
    print(f"\n{scale}: {n} records, {b['quads']:,} quads (named graphs + union)")
    print(f"  build from JSON Lines   {b['seconds']:7.2f} s  = {b['seconds'] / a['seconds']:5.2f}x pyoxigraph bulk load "
          f"({a['seconds']:.2f} s)   target <= 2x")
    print(f"  peak memory of build    {b['build_peak_mb']:7.0f} MB = {b['build_peak_mb'] / a['peak_mb']:5.2f}x bulk load "
          f"({a['peak_mb']:.0f} MB)   target <= 2x")
    if list(SCALES).index(scale) <= list(SCALES).index(args.yaml_up_to):
        yaml_path = write_records(tmp / "yaml", n, fmt="yaml")
        y = run("build-yaml", dir=str(tmp / "yaml"))
        r = run("anchor-rdflib", yaml=str(yaml_path), loader="pure")
        rc = run("anchor-rdflib", yaml=str(yaml_path), loader="c")
        print(f"  build from YAML         {y['seconds']:7.2f} s  = {r['seconds'] / y['seconds']:5.2f}x faster than "
              f"a naive rdflib loop: yaml.safe_load + Graph.add ({r['seconds']:.2f} s)   target >= 5x")
        print(f"                                   = {rc['seconds'] / y['seconds']:5.2f}x faster than the same loop "
              f"with PyYAML's C loader ({rc['seconds']:.2f} s)")
    q = run("queries", nq=nq)
    print(f"  {q['n']} named queries      {q['ours']:7.2f} s  median {q['median_ratio']:5.2f}x raw pyoxigraph "
          f"(total {q['raw']:.2f} s)   target <= 1.5x")
    t = run("turtle", nq=nq, out=str(tmp))
    at = run("anchor-turtle", nq=nq, out=str(tmp))
    print(f"  Turtle export           {t['seconds']:7.2f} s  = {t['seconds'] / at['seconds']:5.2f}x pyoxigraph "
          f"serializer ({at['seconds']:.2f} s)   target <= 1.5x")
    nt = run("nt", nq=nq, out=str(tmp))
    ant = run("anchor-nt", nq=nq, out=str(tmp))
    print(f"  N-Triples export        {nt['seconds']:7.2f} s  = {nt['seconds'] / ant['seconds']:5.2f}x pyoxigraph "
          f"serializer ({ant['seconds']:.2f} s)")
    gm = run("graphml", nq=nq, out=str(tmp))
    ag = run("anchor-graphml", nq=nq, out=str(tmp))
    print(f"  projection + GraphML    {gm['seconds']:7.2f} s  = {gm['seconds'] / ag['seconds']:5.2f}x a straightforward "
          f"projection ({ag['seconds']:.2f} s; +{gm['grew_mb']:.0f} MB against +{ag['grew_mb']:.0f} MB)   "
          f"target <= 0.33x (10 s against 30 s)")
    if args.morph_python:
        write_records(tmp / "csv", n, fmt="csv")
        c = run("build-csv", dir=str(tmp / "csv"))
        m = run_morph(args.morph_python, tmp / "csv", tmp / "morph")
        print(f"  build from CSV          {c['seconds']:7.2f} s  = {c['seconds'] / m:5.2f}x morph-KGC with an equivalent "
              f"mapping to N-Quads ({m:.2f} s)   target < 1x")
    pg = run("page", nq=nq, out=str(tmp))
    print(f"  page (layout + HTML)    {pg['seconds']:7.2f} s  ({(tmp / 'p.html').stat().st_size / 1e6:.0f} MB, "
          f"+{pg['grew_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
