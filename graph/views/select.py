"""A subgraph of the projection: around an entity, of some types.

>>> import networkx as nx
>>> from graph.vocabulary import load_vocabulary
>>> sorted(select_nodes(nx.MultiDiGraph([("a", "b"), ("b", "c")]), load_vocabulary(), "a", 1))
['a', 'b']
"""
from __future__ import annotations

import difflib
from typing import Iterable

import networkx as nx

from graph.errors import AikgError
from graph.vocabulary import Vocabulary, load_vocabulary  # noqa: F401 - for the examples


def select_nodes(g: nx.MultiDiGraph, vocab: Vocabulary, focus: str | None = None, depth: int = 1,
                 types: Iterable[str] = ()) -> set[str] | None:
    """Node ids of the subgraph: within ``depth`` links of ``focus`` (either direction),
    and of the given types (a type includes its subclasses). None means the whole graph.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")]); v = load_vocabulary()
    >>> sorted(select_nodes(g, v, "a", 1))
    ['a', 'b']
    """
    types = [t for t in types if t]
    if focus is None and not types:
        return None
    keep = set(g.nodes)
    if focus is not None:
        if focus not in g:
            close = difflib.get_close_matches(focus, [str(n) for n in g.nodes], n=3, cutoff=0.6)
            raise AikgError(f"--focus {focus!r} is not an entity id" + (f" (did you mean {', '.join(close)}?)" if close else ""))
        keep = set(nx.ego_graph(g.to_undirected(as_view=True), focus, radius=depth).nodes)
    if types:
        wanted = []
        for t in types:
            if t not in vocab.types:
                raise AikgError(f"--types: unknown type {t!r} (known: {', '.join(sorted(vocab.types))})")
            wanted.append(vocab.types[t])
        type_iris = {name: iri for name, iri in vocab.types.items()}
        keep = {n for n in keep
                if any(vocab.is_a(type_iris.get(g.nodes[n].get("type"), ""), w) for w in wanted)}
    return keep


def subgraph(g: nx.MultiDiGraph, keep: set[str] | None) -> nx.MultiDiGraph:
    """The nodes ``keep`` of ``g`` (all of ``g`` for None), in ``g``'s order.

    A filtered view, not ``g.subgraph(keep)``: that view iterates the set, in an
    order that changes between runs, and so would the files written from it.

    >>> list(subgraph(nx.MultiDiGraph([("c", "b"), ("b", "a")]), {"a", "c"}).nodes)
    ['c', 'a']
    """
    return g if keep is None else nx.subgraph_view(g, filter_node=keep.__contains__)


def type_list(text: str) -> list[str]:
    """The types of a ``--types a,b`` option.

    >>> type_list("Model, Paper,")
    ['Model', 'Paper']
    """
    return [t.strip() for t in text.split(",") if t.strip()]
