"""How two entities are connected: the shortest paths over the projection, each step with its relation and sources.

Undirected by default (a path may follow an edge against its direction, shown with ←); ``via`` keeps the
inner entities to some types; at most ``limit`` paths, of the shortest length, and none longer than ``longest`` steps.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); _ = g.add_edge("karpathy", "fei-fei-li", key="student_of", edgelabel="student of", sources=["s"])
>>> [[(h.source, h.relation, h.target, h.forward) for h in p] for p in paths(g, "fei-fei-li", "karpathy")]
[[('fei-fei-li', 'student of', 'karpathy', False)]]
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from itertools import islice

import networkx as nx

from graph.errors import AikgError


@dataclass(frozen=True)
class Hop:
    """One step of a path: from ``source`` to ``target`` by ``relation`` (``forward``: along the edge)."""

    source: str
    target: str
    relation: str
    key: str
    forward: bool
    sources: tuple[str, ...]


def paths(g: nx.MultiDiGraph, a: str, b: str, limit: int = 5, longest: int = 6, via: set[str] | None = None,
          directed: bool = False) -> list[list[Hop]]:
    """The shortest paths from ``a`` to ``b`` (an empty list when there is none within ``longest`` steps)."""
    if a == b:
        raise AikgError("give two different entities")
    view = g if directed else g.to_undirected(as_view=True)
    if via:
        keep = {n for n, t in g.nodes(data="type") if t in via} | {a, b}
        view = view.subgraph(keep)
    try:
        found = list(islice(nx.all_shortest_paths(view, a, b), limit))
    except nx.NetworkXNoPath:
        return []
    return [[_hop(g, u, v) for u, v in zip(p, p[1:])] for p in found if len(p) - 1 <= longest]


def _hop(g: nx.MultiDiGraph, u: str, v: str) -> Hop:
    """The step u → v: an edge u → v if there is one, else v → u read backwards (the first by key)."""
    for s, t, forward in ((u, v, True), (v, u, False)):
        data = g.get_edge_data(s, t)
        if data:
            key = sorted(data)[0]
            a = data[key]
            return Hop(u, v, a.get("edgelabel", key), key, forward, tuple(a.get("sources", [])))
    raise AikgError(f"no edge between {u} and {v}")


def as_json(found: list[list[Hop]]) -> list[list[dict]]:
    return [[asdict(h) for h in p] for p in found]
