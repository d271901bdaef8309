"""``aikg export``: the graph in the formats other tools read, whole or a subgraph.

The formats, their suffixes and their writers are the ``export`` rows of
:data:`graph.formats.FORMATS`; each is written by one module of
:mod:`graph.exports`, whose docstring says what the file holds and which tools
read it: :mod:`~graph.exports.rdf` (Turtle, N-Triples, TriG, N-Quads),
:mod:`~graph.exports.jsonld`, :mod:`~graph.exports.graphml`,
:mod:`~graph.exports.gexf`, :mod:`~graph.exports.csv`. RDF formats carry the
graph itself, the others its NetworkX projection. Every file is written to a
temporary file and renamed into place.

>>> guess_format("graph.ttl"), guess_format("g.graphml")
('turtle', 'graphml')
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterable

import networkx as nx

from graph.errors import AikgError
from graph.exports.job import Export
from graph.formats import EXPORT, NETWORK, export_formats, format_for_suffix, lookup
from graph.rdf.store import KnowledgeGraph
from graph.vocabulary import Vocabulary, load_vocabulary


def guess_format(path: str | Path) -> str:
    """The format named by a file's extension."""
    found = format_for_suffix(path, EXPORT)
    if found is None:
        suffix = Path(path).suffix.lower()
        raise AikgError(f"cannot tell the format from {suffix or 'no extension'!r}; "
                        f"give --format ({', '.join(export_formats())})", path)
    return found.name


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


def export(kg: KnowledgeGraph, network: nx.MultiDiGraph | None, fmt: str, path: str | Path,
           focus: str | None = None, depth: int = 1, types: Iterable[str] = (),
           vocab: Vocabulary | None = None) -> list[Path]:
    """Write the graph (or the subgraph chosen by ``focus``/``depth``/``types``) in ``fmt``,
    with the writer that :data:`graph.formats.FORMATS` names for it.

    ``network`` is the NetworkX projection, made here if None and needed (a format
    that carries the projection, or a subgraph). Returns the files written (two
    for csv). A subgraph leaves out the ontology.

    >>> import tempfile; from graph.build import build
    >>> built = build(["data"], checks=False)
    >>> [p.name for p in export(built.kg, built.network, "csv", Path(tempfile.mkdtemp()) / "g", focus="gpt-3")]
    ['g.nodes.csv', 'g.edges.csv']
    """
    vocab = vocab or load_vocabulary()
    row = lookup(fmt, EXPORT)
    if depth < 0:
        raise AikgError("--depth must be 0 or more")
    types = [t for t in types if t]
    if network is None and (row.carries == NETWORK or focus is not None or types):
        from graph.views.network import to_networkx

        network = to_networkx(kg, vocab)
    keep = select_nodes(network, vocab, focus, depth, types) if network is not None else None
    # a filter, not network.subgraph(keep): that view iterates the set, in an order that changes between runs
    sub = network if keep is None else nx.subgraph_view(network, filter_node=keep.__contains__)
    return row.load_writer()(Export(kg, sub, keep, Path(path), row, vocab))
