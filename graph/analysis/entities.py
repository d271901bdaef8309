"""Finding an entity by what a person types: its id, or any label or alias, with "did you mean" when none fits.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("gpt-3", label="GPT-3", aliases=["GPT3"])
>>> entity(g, "GPT3"), entity(g, "gpt-3")
('gpt-3', 'gpt-3')
>>> entity(g, "gpt-4")  # doctest: +ELLIPSIS
Traceback (most recent call last):
graph.errors.AikgError: no entity 'gpt-4' (did you mean 'gpt-3'?)
"""
from __future__ import annotations

import networkx as nx

from graph.errors import AikgError
from graph.records.rules import did_you_mean


def entity(g: nx.MultiDiGraph, text: str) -> str:
    """The node of ``text``: an id, else the one entity whose label or alias it is (case and spaces aside)."""
    if text in g:
        return text
    want = " ".join(text.split()).casefold()
    hits = sorted({n for n, a in g.nodes(data=True)
                   if want in {" ".join(str(x).split()).casefold() for x in _names(a)}})
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AikgError(f"{text!r} names {len(hits)} entities: {', '.join(hits)}; give an id")
    shown = text if len(text) <= 80 else text[:79] + "…"
    raise AikgError(f"no entity {shown!r}{did_you_mean(text[:200], list(g.nodes))}")


def _names(a: dict) -> list:
    aliases = a.get("aliases", [])
    return [a.get("label", "")] + [v for k, v in a.items() if k.startswith("label_")] + \
        (aliases if isinstance(aliases, list) else [aliases])


def name(g: nx.MultiDiGraph, node: str, lang: str = "en") -> str:
    """A node's label in ``lang`` (English when it has none), or its id."""
    a = g.nodes[node]
    return (a.get(f"label_{lang}") if lang != "en" else None) or a.get("label") or node
