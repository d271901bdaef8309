"""A subgraph of the projection: around an entity, of some types.

>>> import networkx as nx
>>> from graph.vocabulary import load_vocabulary
>>> sorted(select_nodes(nx.MultiDiGraph([("a", "b"), ("b", "c")]), load_vocabulary(), "a", 1))
['a', 'b']
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from graph.errors import AikgError
from graph.namespaces import slug_of
from graph.sparql.terms import BadReference, did_you_mean, entity_iri
from graph.vocabulary import Vocabulary, load_vocabulary  # noqa: F401 - for the examples


def select_nodes(g: nx.MultiDiGraph, vocab: Vocabulary, focus: str | None = None, depth: int = 1,
                 types: Iterable[str] = ()) -> set[str] | None:
    """Node ids of the subgraph: within ``depth`` links of ``focus`` (either direction; see
    :func:`focus_node` for how it is read), and of the given types (a type includes its
    subclasses). None means the whole graph.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")]); v = load_vocabulary()
    >>> sorted(select_nodes(g, v, "a", 1))
    ['a', 'b']
    """
    types = [t for t in types if t]
    if focus is None and not types:
        return None
    keep = set(g.nodes)
    if focus is not None:
        keep = set(nx.ego_graph(g.to_undirected(as_view=True), focus_node(g, focus), radius=depth).nodes)
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


def focus_node(g: nx.MultiDiGraph, focus: str) -> str:
    """The node ``--focus`` names, read as every entity reference is (:func:`graph.sparql.terms.entity_iri`):
    ``gpt-3``, ``kg:gpt-3``, ``<https://…/gpt-3>`` or ``https://…/gpt-3``.

    >>> g = nx.MultiDiGraph([("gpt-3", "openai")])
    >>> focus_node(g, "kg:gpt-3"), focus_node(g, "https://w3id.org/aiekg/id/openai")
    ('gpt-3', 'openai')
    >>> focus_node(g, "gpt3")
    Traceback (most recent call last):
    graph.sparql.terms.BadReference: --focus 'gpt3' is not an entity id (did you mean gpt-3?)
    """
    try:
        node = slug_of(entity_iri(focus))
    except BadReference as exc:
        raise BadReference(f"--focus {focus}: {exc}") from None
    if node not in g:
        raise BadReference(f"--focus {focus!r} is not an entity id" + did_you_mean(node, map(str, g.nodes)))
    return node


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
