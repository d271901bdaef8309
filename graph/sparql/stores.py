"""The SPARQL stores aikg knows, one row each: where each takes the Graph Store Protocol and queries, and
whether it keeps a default graph of its own (README's store table is this one).

>>> store_kind("http://h:8890/sparql-graph-crud-auth").kind, store_kind("http://h:7878/store").kind
('virtuoso', 'oxigraph')
>>> STORE_KINDS[:3]
('auto', 'oxigraph', 'virtuoso')
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from graph.errors import AikgError


@dataclass(frozen=True)
class Store:
    """How one kind of SPARQL store takes the Graph Store Protocol: where, whether to send the default graph."""

    kind: str
    push_to: str  # the Graph Store Protocol URL, HOST for the server
    query_at: str
    default_graph: bool  # PUT ?default with the union (False: the union goes as a graph of its own, which queries name)
    tested: bool  # run by the tests against a real server
    bulk: str = ""  # a query parameter that makes the store load a graph without a transaction (faster)
    update: str = ""  # beside the push URL, a SPARQL Update endpoint: then graphs go many a request, as TriG


STORES = {s.kind: s for s in (
    Store("oxigraph", "http://HOST:7878/store", "http://HOST:7878/query", True, True, bulk="no_transaction",
          update="update"),
    Store("virtuoso", "http://HOST:8890/sparql-graph-crud-auth", "http://HOST:8890/sparql", False, True),
    Store("fuseki", "http://HOST:3030/DATASET/data", "http://HOST:3030/DATASET/sparql", True, False),
    Store("graphdb", "http://HOST:7200/repositories/REPO/rdf-graphs/service", "http://HOST:7200/repositories/REPO", True, False),
    Store("neptune", "https://HOST:8182/sparql/gsp/", "https://HOST:8182/sparql", True, False),
)}
STORE_KINDS = ("auto", *STORES)  #: the choices of --store-kind


def store_kind(endpoint: str, kind: str = "auto") -> Store:
    """The store an endpoint is: ``kind`` if given, else told by its path (``/sparql-graph-crud``: Virtuoso,
    ``/rdf-graphs/service``: GraphDB, ``/sparql/gsp``: Neptune, ``/data``: Fuseki), else Oxigraph's conventions."""
    if kind != "auto":
        if kind not in STORES:
            raise AikgError(f"--store-kind {kind!r}: one of {', '.join(STORE_KINDS)}")
        return STORES[kind]
    path = urllib.parse.urlsplit(endpoint).path
    for marker, name in (("/sparql-graph-crud", "virtuoso"), ("/rdf-graphs/service", "graphdb"),
                         ("/sparql/gsp", "neptune"), ("/data", "fuseki")):
        if marker in path:
            return STORES[name]
    return STORES["oxigraph"]
