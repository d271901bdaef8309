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

from pathlib import Path
from typing import Iterable

import networkx as nx

from graph.errors import AikgError
from graph.exports.job import Export
from graph.formats import EXPORT, NETWORK, export_formats, format_for_suffix, lookup
from graph.rdf.store import KnowledgeGraph
from graph.views.select import select_nodes, subgraph
from graph.vocabulary import Vocabulary, load_vocabulary


def guess_format(path: str | Path) -> str:
    """The format named by a file's extension."""
    found = format_for_suffix(path, EXPORT)
    if found is None:
        suffix = Path(path).suffix.lower()
        raise AikgError(f"cannot tell the format from {suffix or 'no extension'!r}; "
                        f"give --format ({', '.join(export_formats())})", path)
    return found.name


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
    sub = subgraph(network, keep)
    return row.load_writer()(Export(kg, sub, keep, Path(path), row, vocab))
