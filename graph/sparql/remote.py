"""Remote SPARQL stores: push the dataset by the Graph Store Protocol, query by the SPARQL Protocol.

Any store that follows SPARQL 1.1 works: Oxigraph server (``/store``, ``/query``),
Apache Jena Fuseki (``/DATASET/data``, ``/DATASET/sparql``), GraphDB
(``/repositories/REPO/rdf-graphs/service``, ``/repositories/REPO``), Virtuoso
(``/sparql-graph-crud``, ``/sparql``) and Amazon Neptune (``/sparql``, ``/sparql/gsp/``).

``push`` sends each named graph (one per source) with ``PUT ?graph=IRI`` and
the union with ``PUT ?default`` where the store keeps a default graph of its
own (:data:`STORES`: Virtuoso answers queries over the union of its graphs),
retrying when the connection fails or the server answers 5xx; a 4xx answer is a
refusal and stops with its message. Queries go as an HTML form
(``application/x-www-form-urlencoded``), which every store takes (Virtuoso
7 waits forever for an ``application/sparql-query`` body). A ``user`` and
password are sent by HTTP Digest or Basic authentication, whichever the store asks for.

>>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/aiekg/id/x")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Faiekg%2Fid%2Fx'
"""
from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
import pyoxigraph as ox

from graph.errors import AikgError, QuerySyntaxError
from graph.namespaces import ONTOLOGY_IRI, sparql_prefixes
from graph.progress import Progress
from graph.sparql.query import QueryLimits, call_confined, take_rows
from graph.sparql.results import QueryResult
from graph.sparql.policy import check_query
from graph.sparql.text import substitute
from graph.rdf.write import serialize
from graph.rdf.store import KnowledgeGraph
from graph.sparql.pushstate import UNION, Manifest, digest
from graph.rdf.write import quad_sort_key
from graph.wording import count, graph_count

RETRIES = 3
BATCH = 500_000  #: triples a request at most (a bigger graph goes as a PUT, then POSTs)


@dataclass(frozen=True)
class Store:
    """How one kind of SPARQL store takes the Graph Store Protocol: where, whether to send the default graph."""

    kind: str
    push_to: str  # the Graph Store Protocol URL, HOST for the server
    query_at: str
    default_graph: bool  # PUT ?default with the union (False: the store's queries see the union of its graphs)
    tested: bool  # run by the tests against a real server


#: The stores aikg knows, one row each (README's table is this one).
STORES = {s.kind: s for s in (
    Store("oxigraph", "http://HOST:7878/store", "http://HOST:7878/query", True, True),
    Store("virtuoso", "http://HOST:8890/sparql-graph-crud-auth", "http://HOST:8890/sparql", False, True),
    Store("fuseki", "http://HOST:3030/DATASET/data", "http://HOST:3030/DATASET/sparql", True, False),
    Store("graphdb", "http://HOST:7200/repositories/REPO/rdf-graphs/service", "http://HOST:7200/repositories/REPO", True, False),
    Store("neptune", "https://HOST:8182/sparql/gsp/", "https://HOST:8182/sparql", True, False),
)}


def store_kind(endpoint: str, kind: str = "auto") -> Store:
    """The store an endpoint is: ``kind`` if given, else told by its path (``/sparql-graph-crud``: Virtuoso,
    ``/rdf-graphs/service``: GraphDB, ``/sparql/gsp``: Neptune, ``/data``: Fuseki), else Oxigraph's conventions.

    >>> store_kind("http://h:8890/sparql-graph-crud-auth").kind, store_kind("http://h:7878/store").kind
    ('virtuoso', 'oxigraph')
    """
    if kind != "auto":
        if kind not in STORES:
            raise AikgError(f"--store-kind {kind!r}: one of auto, {', '.join(STORES)}")
        return STORES[kind]
    path = urllib.parse.urlsplit(endpoint).path
    for marker, name in (("/sparql-graph-crud", "virtuoso"), ("/rdf-graphs/service", "graphdb"),
                         ("/sparql/gsp", "neptune"), ("/data", "fuseki")):
        if marker in path:
            return STORES[name]
    return STORES["oxigraph"]


@dataclass(frozen=True)
class Credentials:
    """A user and password for a store's authenticated endpoint (never from the command line: see the CLI)."""

    user: str
    password: str


def _opener(endpoint: str, credentials: Credentials | None) -> urllib.request.OpenerDirector:
    if credentials is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, credentials.user, credentials.password)
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


class Refused(AikgError):
    """The remote server answered with an HTTP error status (kept in ``status``)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def check_endpoint(endpoint: str) -> str:
    """The endpoint URL if it is an http(s) URL with a host; otherwise a clear error.

    >>> check_endpoint("foo")
    Traceback (most recent call last):
    graph.errors.AikgError: --endpoint 'foo' is not an http(s) URL such as http://127.0.0.1:7878/query
    """
    try:
        parts = urllib.parse.urlsplit(endpoint)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        raise AikgError(f"--endpoint {endpoint!r} is not an http(s) URL such as http://127.0.0.1:7878/query")
    return endpoint


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one graph (``None``: the default graph)."""
    sep = "&" if "?" in endpoint else "?"
    return endpoint + sep + ("default" if graph is None else "graph=" + urllib.parse.quote(graph, safe=""))


def _send(req: urllib.request.Request, timeout: float, opener: urllib.request.OpenerDirector | None = None) -> bytes:
    delay = 0.5
    opener = opener or urllib.request.build_opener()
    for attempt in range(1, RETRIES + 1):
        try:
            with opener.open(req, timeout=timeout) as r:
                return r.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")[:500]
            if exc.code < 500 or attempt == RETRIES:
                hint = " (give --user, and the password in AIKG_PASSWORD or at the prompt)" if exc.code in (401, 403) else ""
                raise Refused(f"{req.get_method()} {req.full_url}: the server answered {exc.code} "
                              f"{exc.reason}: {' '.join(body.split())[:300]}{hint}", exc.code) from None
        except (urllib.error.URLError, OSError) as exc:
            if attempt == RETRIES:
                reason = getattr(exc, "reason", exc)
                raise AikgError(f"{req.get_method()} {req.full_url}: cannot reach the server "
                                f"({reason}) after {RETRIES} tries") from None
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass
class PushReport:
    """What a push sent: ``graphs`` named graphs (the ontology's among them when ``ontology``), then the union."""

    graphs: int
    triples: int
    seconds: float
    ontology: bool = False
    union: bool = True  # the store keeps a default graph, which holds the union
    changed: int | None = None  # named graphs sent (None: all of them)
    deleted: int = 0  # named graphs removed from the store: their sources are gone

    def text(self) -> str:
        """The graphs counted as every command counts them (:func:`graph.wording.source_graphs`).

        >>> PushReport(26, 3000, 2.0, ontology=True).text()
        'pushed 25 source graphs (+ the ontology) and their union, 3000 triples in 2.00 s (1,500 triples/s)'
        """
        rate = self.triples / self.seconds if self.seconds else 0
        union = " and their union" if self.union else " (the store queries their union)"
        if self.changed is not None and self.changed < self.graphs:
            removed = f", removed {count(self.deleted, 'graph')}" if self.deleted else ""
            return (f"pushed {self.changed} of {graph_count(self.graphs - self.ontology, self.ontology)} (the others "
                    f"unchanged since the last push){removed}, {count(self.triples, 'triple')} in {self.seconds:.2f} s")
        return (f"pushed {graph_count(self.graphs - self.ontology, self.ontology)}{union}, "
                f"{count(self.triples, 'triple')} in {self.seconds:.2f} s "
                f"({rate:,.0f} triples/s)")


def push(kg: KnowledgeGraph, endpoint: str, timeout: float = 60.0,
         progress: Progress = None, kind: str = "auto", credentials: Credentials | None = None,
         state: str | Path | None = None, full: bool = False, batch: int = BATCH) -> PushReport:
    """Send the named graphs (one per source) that changed since the last push to ``endpoint``, delete the ones
    the dataset no longer has, then (where the store keeps one) the default graph with the union.

    ``state`` is where the manifests are kept (:mod:`graph.sparql.pushstate`; ``None``: push everything, keep
    nothing); ``full`` pushes everything. A graph of more than ``batch`` triples goes as a ``PUT`` of the first
    batch and a ``POST`` of each further one.
    """
    check_endpoint(endpoint)
    store = store_kind(endpoint, kind)
    opener = _opener(endpoint, credentials)
    start = time.perf_counter()
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in sorted(kg.named_quads(), key=quad_sort_key):
        by_graph.setdefault(q.graph_name.value, []).append(q.triple)
    graphs: dict[str, list[ox.Triple]] = dict(by_graph)
    if store.default_graph:
        graphs[UNION] = kg.triples()
    bodies = {g: serialize(t, "nt") for g, t in graphs.items()}
    digests = {g: digest(b) for g, b in bodies.items()}
    manifest = Manifest.load(state, endpoint) if state is not None else None
    if manifest is not None and full:
        manifest.forget()
    todo = manifest.changed(digests) if manifest is not None else list(graphs)
    gone = manifest.gone(digests) if manifest is not None else []
    todo.sort(key=lambda g: g == UNION)  # the union last: it is what readers of the default graph see
    sent = 0
    steps = len(todo) + len(gone)
    for i, g in enumerate(gone, 1):
        _send(urllib.request.Request(graph_url(endpoint, g), method="DELETE"), timeout, opener)
        manifest.mark(g, None)
        if progress:
            progress("pushing", i, steps)
    for i, g in enumerate(todo, len(gone) + 1):
        triples = graphs[g]
        for n, part in enumerate(range(0, max(1, len(triples)), batch)):
            body = bodies[g] if len(triples) <= batch else serialize(triples[part:part + batch], "nt")
            req = urllib.request.Request(graph_url(endpoint, g or None), data=body, method="PUT" if n == 0 else "POST",
                                         headers={"Content-Type": "application/n-triples"})
            _send(req, timeout, opener)
        sent += len(triples)
        if manifest is not None:
            manifest.mark(g, digests[g])
        if progress:
            progress("pushing", i, steps)
    return PushReport(len(by_graph), sent, time.perf_counter() - start, ONTOLOGY_IRI in by_graph,
                      store.default_graph, changed=len([g for g in todo if g != UNION]), deleted=len(gone))


def remote_query(endpoint: str, sparql: str, bindings: dict | None = None,
                 limits: QueryLimits = QueryLimits(timeout=30), credentials: Credentials | None = None) -> QueryResult:
    """Run a query on a remote SPARQL endpoint; the same rules as local queries apply.

    The query must parse here (``strict``): the remote store, not aikg, would
    run a SERVICE or an update, so a query that cannot be checked is not sent.
    """
    check_endpoint(endpoint)
    text = sparql_prefixes() + substitute(sparql, {k: str(v) for k, v in (bindings or {}).items()})
    form = call_confined(limits, check_query, text, limits.allow_service, True).form
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph_form else "application/sparql-results+json"
    req = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": text}).encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    try:
        data = _send(req, limits.timeout or 300, _opener(endpoint, credentials))
    except Refused as exc:
        if exc.status == 400:
            raise QuerySyntaxError(exc.message) from None
        raise
    try:
        return _parse_answer(data, graph_form, limits.max_rows)
    except (SyntaxError, ValueError) as exc:
        expected = "N-Triples" if graph_form else "SPARQL results JSON"
        raise AikgError(f"{endpoint} did not answer with {expected} ({exc}); "
                        "is it a SPARQL query endpoint? (Oxigraph: /query, Fuseki: /DATASET/sparql)") from None


def _parse_answer(data: bytes, graph_form: bool, max_rows: int | None) -> QueryResult:
    if graph_form:
        return QueryResult(triples=take_rows(ox.parse(data, ox.RdfFormat.N_TRIPLES), max_rows))
    parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult(boolean=bool(parsed))
    variables = [v.value for v in parsed.variables]
    return QueryResult(variables, [[s[v] for v in variables] for s in take_rows(parsed, max_rows)])
