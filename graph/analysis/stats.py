"""Ecosystem statistics: what the graph holds, who states it, what is missing, and who is central.

Counts come from the dataset (types, relations, sources and the facts each states, facts with one source,
entities without identifiers); centrality (degree, PageRank, betweenness) and communities (NetworkX's
Louvain, seeded) from the projection; releases per organization per year from ``developed_by`` and ``released``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.namespaces import ONTOLOGY_IRI, slug_of

IDENTIFIER_KEYS = ("wikidata", "arxiv", "doi", "github", "huggingface", "epoch")
#: The types whose entities should have an identifier (the others are concepts: techniques, capabilities, ...).
IDENTIFIED_FAMILIES = {"Organization", "Person", "Model", "Source", "Dataset", "Software", "Service"}


def stats(kg, g: nx.MultiDiGraph, vocab, top: int = 10, seed: int = 7) -> dict[str, Any]:
    """Every figure of ``aikg stats`` as plain data (counts sorted, largest first)."""
    onto = ox.NamedNode(ONTOLOGY_IRI)
    per_source: Counter = Counter()
    stated: dict[tuple, set] = defaultdict(set)
    for q in kg.named_quads():
        if q.graph_name != onto:
            src = slug_of(q.graph_name.value)
            per_source[src] += 1
            stated[(q.subject, q.predicate, q.object)].add(src)
    types = Counter(t for _, t in g.nodes(data="type"))
    relations = Counter(k for _, _, k in g.edges(keys=True))
    undirected = nx.Graph(g.to_undirected())
    degree = dict(g.degree())
    pagerank, betweenness = centrality(g)
    communities = nx.community.louvain_communities(undirected, seed=seed) if len(undirected) else []
    without = sorted(n for n, a in g.nodes(data=True) if vocab.family(a.get("type", "")) in IDENTIFIED_FAMILIES
                     and not any(k in a for k in IDENTIFIER_KEYS))
    releases: dict[str, Counter] = defaultdict(Counter)
    for u, v, k in g.edges(keys=True):
        year = str(g.nodes[u].get("released", ""))[:4]
        if k == "developed_by" and year.isdigit():
            releases[v][int(year)] += 1

    def ranked(scores: dict) -> list[dict]:
        return [{"id": n, "label": g.nodes[n].get("label", n), "score": round(s, 4)}
                for n, s in sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:top]]

    return {
        "entities": g.number_of_nodes(), "relations": g.number_of_edges(),
        "types": dict(types.most_common()), "relation_kinds": dict(relations.most_common()),
        "sources": [{"id": s, "facts": n} for s, n in per_source.most_common()],
        "single_source_facts": sum(1 for s in stated.values() if len(s) == 1),
        "facts": len(stated),
        "without_identifier": without,
        "central": {"degree": ranked(degree), "pagerank": ranked(pagerank), "betweenness": ranked(betweenness)},
        "communities": [{"size": len(c), "largest": [m["id"] for m in ranked({n: degree[n] for n in c})[:5]]}
                        for c in sorted(communities, key=lambda c: (-len(c), min(c)))[:top]],
        "releases": {org: dict(sorted(c.items())) for org, c in sorted(releases.items())},
    }


#: Betweenness is exact up to this many entities; above, it is estimated from the shortest paths out of
#: :data:`SAMPLES` seeded random entities, scaled up (Brandes and Pich's estimator): exact betweenness took
#: 106 s at 20,000 entities and 60,000 relations here, the estimate about 1 s.
EXACT_UP_TO, SAMPLES = 5_000, 256


def centrality(g: nx.MultiDiGraph) -> tuple[dict[str, float], dict[str, float]]:
    """PageRank (directed) and betweenness (undirected, normalized as NetworkX does), computed by igraph
    (NetworkX's PageRank needs SciPy); betweenness as :data:`EXACT_UP_TO` says."""
    import igraph

    nodes = list(g.nodes)
    if not nodes:
        return {}, {}
    index = {n: i for i, n in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in g.edges()], directed=True)
    pr = ig.pagerank()
    und = igraph.Graph(n=len(nodes), edges=sorted({tuple(sorted((index[u], index[v]))) for u, v in g.edges() if u != v}))
    if len(nodes) <= EXACT_UP_TO:
        bt = und.betweenness()
    else:
        import random

        sample = random.Random(7).sample(range(len(nodes)), SAMPLES)
        bt = [b * len(nodes) / SAMPLES for b in und.betweenness(sources=sample)]
    scale = 2 / ((len(nodes) - 1) * (len(nodes) - 2)) if len(nodes) > 2 else 1.0
    return dict(zip(nodes, pr)), {n: b * scale for n, b in zip(nodes, bt)}


def as_text(s: dict[str, Any]) -> str:
    """The statistics as aligned lines for the terminal (``md``: the same as Markdown tables)."""
    lines = [f"{s['entities']} entities, {s['relations']} relations, {s['facts']} distinct facts "
             f"({s['single_source_facts']} stated by one source only)", "", "types:"]
    lines += [f"  {n:6d}  {t}" for t, n in s["types"].items()]
    lines += ["", "relations:"] + [f"  {n:6d}  {k}" for k, n in s["relation_kinds"].items()]
    lines += ["", "sources (facts stated):"] + [f"  {x['facts']:6d}  {x['id']}" for x in s["sources"]]
    lines += ["", f"entities without an identifier: {len(s['without_identifier'])}"]
    for measure, rows in s["central"].items():
        lines += ["", f"most central by {measure}:"] + [f"  {r['score']:>8}  {r['label']} ({r['id']})" for r in rows]
    lines += ["", "communities (size: largest members):"]
    lines += [f"  {c['size']:6d}: {', '.join(c['largest'])}" for c in s["communities"]]
    lines += ["", "releases per organization and year:"]
    lines += [f"  {org}: " + ", ".join(f"{y} ({n})" for y, n in years.items()) for org, years in s["releases"].items()]
    return "\n".join(lines)


def as_markdown(s: dict[str, Any]) -> str:
    out = [f"**{s['entities']} entities, {s['relations']} relations, {s['facts']} distinct facts** "
           f"({s['single_source_facts']} stated by one source only)", "", "| type | entities |", "|---|---|"]
    out += [f"| {t} | {n} |" for t, n in s["types"].items()]
    out += ["", "| source | facts |", "|---|---|"] + [f"| {x['id']} | {x['facts']} |" for x in s["sources"]]
    out += ["", "| by PageRank | score |", "|---|---|"] + [f"| {r['label']} | {r['score']} |" for r in s["central"]["pagerank"]]
    out += ["", "| organization | releases by year |", "|---|---|"]
    out += [f"| {org} | " + ", ".join(f"{y}: {n}" for y, n in years.items()) + " |" for org, years in s["releases"].items()]
    return "\n".join(out)
