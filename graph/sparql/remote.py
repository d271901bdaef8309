"""Remote SPARQL stores: push the dataset by the Graph Store Protocol, query by the SPARQL Protocol.

Any store that follows SPARQL 1.1 works: Oxigraph server (``/store``, ``/query``),
Apache Jena Fuseki (``/DATASET/data``, ``/DATASET/sparql``), GraphDB
(``/repositories/REPO/rdf-graphs/service``, ``/repositories/REPO``), Virtuoso
(``/sparql-graph-crud``, ``/sparql``) and Amazon Neptune (``/sparql``, ``/sparql/gsp/``).

``push`` sends each named graph (one per source) with ``PUT ?graph=IRI``, then
the union: with ``PUT ?default`` where the store keeps a default graph of its
own, else (:data:`STORES`: Virtuoso, whose default graph is every graph at once,
so that a fact stated by three sources is matched three times) as the graph
:data:`UNION_GRAPH`, which aikg's queries to that store name as their default
graph (and leave out of ``GRAPH ?g``). Each graph is read from the store as
N-Triples and sent as it is, in batches, so a push holds one graph (or group of
graphs) a sender in memory; a store that knows its graphs' digests
(:attr:`KnowledgeGraph.digests`, from its manifest) has only the graphs that
changed read. When everything goes to an Oxigraph server (a new endpoint, or
``--full``), one update empties our graphs and its default graph first; then a
store with a snapshot (:mod:`graph.rdf.snapshot`) sends it as it is, in pieces,
and is not read at all (reading an on-disk store costs as much as the server's
loading), and any other dataset sends each group of graphs into the default
graph too, in the same request (the server keeps a triple two sources share
once), so the union is never read. When some graphs changed and their digests
are known, the server updates its union itself (:func:`_union_without`, then
the changed graphs into the default graph too). To other stores, the union is
read while the named graphs are sent. The union is made of the named graphs, so its digest is of
theirs, and an unchanged push does not read it. A graph is taken out of the
manifest before a request empties or replaces it, so an interrupted push sends
it again. A request is retried when the connection fails or the server answers
502, 503 or 504; any other error status is a refusal and stops with the store's message. Queries go as an
HTML form (``application/x-www-form-urlencoded``), which every store takes
(Virtuoso 7 waits forever for an ``application/sparql-query`` body). A ``user``
and password are sent by HTTP Digest or Basic authentication, whichever the
store asks for.

>>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/aiekg/id/x")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Faiekg%2Fid%2Fx'
"""
from __future__ import annotations

import dataclasses
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor
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
from graph.rdf.snapshot import PIECE, SnapshotFile
from graph.rdf.store import KnowledgeGraph
from graph.sparql.pushstate import UNION, Manifest, digest, union_digest
from graph.sparql.stores import Store, store_kind
from graph.wording import count, graph_count

RETRIES = 3
TRANSIENT = (502, 503, 504)  #: answers worth trying again (a gateway, or a store too busy); others are the store's word
BATCH = 500_000  #: triples a request at most (a bigger graph goes as a PUT, then POSTs)
UNION_GRAPH = "urn:aikg:union"  #: where the union goes in a store without a default graph of its own
GRAPH_LIST = "urn:aikg:graphs"  #: there, the list of the named graphs pushed (the dataset's named graphs)
_NAMED = "http://www.w3.org/ns/sparql-service-description#namedGraph"
_PROBED: dict[str, str] = {}  # query endpoint -> the pragmas its queries need ("" for none); a push forgets them


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
            if exc.code not in TRANSIENT or attempt == RETRIES:
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
    union: bool = True  # the store keeps a default graph, which holds the union (False: as UNION_GRAPH)
    changed: int | None = None  # named graphs sent (None: all of them)
    deleted: int = 0  # named graphs removed from the store: their sources are gone

    def text(self) -> str:
        """The graphs counted as every command counts them (:func:`graph.wording.source_graphs`).

        >>> PushReport(26, 3000, 2.0, ontology=True).text()
        'pushed 25 source graphs (+ the ontology) and their union, 3000 triples in 2.00 s (1,500 triples/s)'
        """
        rate = self.triples / self.seconds if self.seconds else 0
        union = " and their union" if self.union else f" and their union (as <{UNION_GRAPH}>, which aikg's queries name)"
        if self.changed is not None and self.changed < self.graphs:
            removed = f", removed {count(self.deleted, 'graph')}" if self.deleted else ""
            return (f"pushed {self.changed} of {graph_count(self.graphs - self.ontology, self.ontology)} (the others "
                    f"unchanged since the last push){removed}, {count(self.triples, 'triple')} in {self.seconds:.2f} s")
        return (f"pushed {graph_count(self.graphs - self.ontology, self.ontology)}{union}, "
                f"{count(self.triples, 'triple')} in {self.seconds:.2f} s "
                f"({rate:,.0f} triples/s)")


def _batches(body: bytes, batch: int):
    """N-Triples text in pieces of about ``batch`` lines each, cut at line ends, without copies (one piece,
    however empty, at least).

    >>> [bytes(p) for p in _batches(b"a .\\n" * 5, 2)]
    [b'a .\\na .\\n', b'a .\\na .\\n', b'a .\\n']
    """
    lines = body.count(b"\n")
    if lines <= batch:
        yield body
        return
    view, step, at = memoryview(body), max(1, len(body) * batch // lines), 0
    while at < len(body):
        cut = body.find(b"\n", min(at + step, len(body)) - 1)
        end = len(body) if cut < 0 else cut + 1
        yield view[at:end]
        at = end


def push(kg: KnowledgeGraph, endpoint: str, timeout: float = 60.0,
         progress: Progress = None, kind: str = "auto", credentials: Credentials | None = None,
         state: str | Path | None = None, full: bool = False, batch: int = BATCH) -> PushReport:
    """Send the named graphs (one per source) that changed since the last push to ``endpoint``, then the
    union (as the default graph, or as :data:`UNION_GRAPH`), and delete the graphs the dataset no longer has.

    ``state`` is where the manifests are kept (:mod:`graph.sparql.pushstate`; ``None``: push everything, keep
    nothing); ``full`` pushes everything. A graph of more than ``batch`` triples goes as a ``PUT`` of the first
    batch and a ``POST`` of each further one. :data:`SENDERS` requests are under way at once, each holding
    one graph (or batch) as N-Triples text.
    """
    check_endpoint(endpoint)
    manifest = Manifest.load(state, endpoint) if state is not None else None
    if manifest is not None and full:
        manifest.forget()
    opener, store = _opener(endpoint, credentials), store_kind(endpoint, kind)
    if kind == "auto" and (store.bulk or store.update) and not _server_is(store.kind, endpoint, opener, timeout):
        store = dataclasses.replace(store, bulk="", update="")  # a store told by its path alone: the plain protocol
    job = _Push(kg, endpoint, store, opener, timeout, batch, manifest, progress)
    kg.refresh_union()
    names = sorted(kg.graph_names())
    if kg.digests is not None and set(kg.digests) == set(names):  # a store's manifest has them: no need to read
        job.known = kg.digests
    gone = manifest.gone(set(names) | {UNION}) if manifest is not None else []
    whole = manifest is None or not manifest.graphs  # everything goes (a new endpoint, or --full)
    as_built = bool(whole and job.known and kg.snapshot_file and job.store.update and job.store.default_graph)
    job.steps = (-(-kg.snapshot_file.size // PIECE) + 1 if as_built else len(names) + 1) + len(gone)
    with ThreadPoolExecutor(max_workers=SENDERS, thread_name_prefix="aikg-push") as pool, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="aikg-push-union") as reader:
        if as_built:  # everything, as the build loaded it: the store is not read at all
            job.snapshot(pool, kg.snapshot_file, names)
        else:
            todo = [g for g in names if not job.unchanged(g)]
            if job.store.update:  # many graphs a request: each request costs the store more than its triples
                # to a store with a default graph, each group goes into the union too, as it is sent: all of it,
                # or, when the store's union is of the graphs the manifest lists and we know which changed, the
                # changed ones, after one update takes out what only their old versions (and gone graphs) state
                delta = bool(job.known and (todo or gone) and manifest is not None and _union_is_of(manifest))
                job.into_union = (whole or delta) and job.store.default_graph
                union = None
                if job.into_union:
                    job.forget([UNION])
                    if whole:
                        job.update("CLEAR SILENT DEFAULT")
                        union = reader.submit(kg.triple_count)  # what the union holds, for the report
                    else:
                        job.update(_union_without(todo + gone))
                _all(pool, [pool.submit(job.group, part) for part in _groups(kg, todo, batch)])
            else:  # one graph a request; for a new endpoint the union is read while the named graphs are sent
                union = reader.submit(kg.graph_ntriples, None) if whole else None
                _all(pool, [pool.submit(job.graph, g, None) for g in todo])
            job.union(pool, union)  # the union last: it is what readers of the default graph see
        _all(pool, [pool.submit(job.delete, g) for g in gone])
    if not job.store.default_graph:  # the named graphs that the store's queries are to see
        listed = "".join(f"<{GRAPH_LIST}> <{_NAMED}> <{g}> .\n" for g in names).encode("utf-8")
        job.request(GRAPH_LIST, listed, "PUT")
    _PROBED.clear()  # what this process knew of the stores' datasets
    return PushReport(len(names), job.sent, time.perf_counter() - job.start, ONTOLOGY_IRI in names,
                      job.store.default_graph, changed=job.changed, deleted=len(gone))


def _union_is_of(manifest: Manifest) -> bool:
    """Whether the store's union, as the manifest recorded it, is of exactly the named graphs it lists."""
    return manifest.graphs.get(UNION) == union_digest({g: d for g, d in manifest.graphs.items() if g != UNION})


def _union_without(graphs: list[str]) -> str:
    """The update that takes out of the default graph (the union) the triples that no graph but ``graphs``
    states: run before those graphs are replaced or removed, it leaves the union of the others.

    >>> print(_union_without(["http://e/a"]))
    DELETE { ?s ?p ?o } WHERE { VALUES ?g { <http://e/a> } GRAPH ?g { ?s ?p ?o }
      FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER (?h NOT IN (<http://e/a>)) } }
    """
    iris = [f"<{g}>" for g in graphs]
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {' '.join(iris)} }} GRAPH ?g {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h NOT IN ({', '.join(iris)})) }} }}")


def _server_is(kind: str, endpoint: str, opener, timeout: float) -> bool:
    """Whether the server at ``endpoint`` names itself ``kind`` in its ``Server`` header (asked by a HEAD)."""
    try:
        with opener.open(urllib.request.Request(graph_url(endpoint, None), method="HEAD"), timeout=min(timeout, 30)) as r:
            return (r.headers.get("Server") or "").lower().startswith(kind)
    except (OSError, ValueError):
        return False


SENDERS = 2  #: requests under way at once: the store loads one graph while the next is read and sent


def _groups(kg: KnowledgeGraph, names: list[str], batch: int) -> list[list[str]]:
    """The graphs in runs of at most ``batch`` triples (a bigger graph alone), in order.

    >>> _groups(KnowledgeGraph(), ["http://e/a", "http://e/b"], 10), _groups(KnowledgeGraph(), [], 10)
    ([['http://e/a', 'http://e/b']], [])
    """
    sizes = kg.graph_sizes(names)  # only these graphs are counted (a push of a few reads a few)
    out: list[list[str]] = []
    size = 0
    for g in names:
        n = sizes.get(g, 0)
        if not out or (out[-1] and size + n > batch):
            out.append([])
            size = 0
        out[-1].append(g)
        size += n
    return out


def trig_parts(graphs: dict[str, bytes], into_default: bool = False) -> list[bytes]:
    """Graphs given as N-Triples, as the pieces of one TriG document (N-Triples lines are TriG statements,
    so nothing is copied or rewritten line by line: the store parses it as fast as N-Quads); with
    ``into_default``, each graph's triples go into the default graph too (the same bytes, not a copy).

    >>> b"".join(trig_parts({"http://e/g": b"<http://e/a> <http://e/p> <http://e/b> .\\n"}))
    b'<http://e/g> {\\n<http://e/a> <http://e/p> <http://e/b> .\\n}\\n'
    >>> b"".join(trig_parts({"http://e/g": b"<http://e/a> <http://e/p> <http://e/b> .\\n"}, True)).count(b"<http://e/a>")
    2
    """
    parts: list[bytes] = []
    for g, body in graphs.items():
        parts += [f"<{g}> {{\n".encode("utf-8"), body, b"}\n"]
        if into_default:
            parts += [b"{\n", body, b"}\n"]
    return parts


def _all(pool: ThreadPoolExecutor, futures: list) -> None:
    """Wait for every future; on the first failure cancel the ones not started and raise it."""
    try:
        for f in futures:
            f.result()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise


@dataclass
class _Push:
    """One push under way: what to send where, and what has been sent (graphs go from several threads)."""

    kg: KnowledgeGraph
    endpoint: str
    store: Store
    opener: urllib.request.OpenerDirector
    timeout: float
    batch: int
    manifest: Manifest | None
    progress: Progress
    sent: int = 0
    changed: int = 0
    steps: int = 0
    done: int = 0
    digests: dict[str, str] = dataclasses.field(default_factory=dict)  # of the named graphs, as read
    into_union: bool = False  # each group of graphs goes into the default graph too (the union: all of it)
    known: dict[str, str] | None = None  # the named graphs' digests, from the store's manifest

    def unchanged(self, g: str) -> bool:
        """Whether graph ``g`` is known to be as the store last took it (then it is not read)."""
        if self.known is None or self.manifest is None or self.manifest.graphs.get(g) != self.known[g]:
            return False
        with self.lock:
            self.digests[g] = self.known[g]
        self._step()
        return True

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.start = time.perf_counter()

    def request(self, graph: str | None, body: bytes | None, method: str) -> None:
        """One Graph Store Protocol request (``graph`` None: the default graph); Oxigraph takes it without a
        transaction (its bulk loader: several times faster; the graph is whole when the request ends)."""
        url = graph_url(self.endpoint, graph) + ("&" + self.store.bulk if self.store.bulk and body else "")
        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        _send(urllib.request.Request(url, data=body, method=method, headers=headers), self.timeout, self.opener)

    def graph(self, g: str, pool: ThreadPoolExecutor | None) -> None:
        """Send named graph ``g`` if it changed; its batches after the first go through ``pool``."""
        body = self.kg.graph_ntriples(g)
        self._send_graph(g, body, self.known[g] if self.known else digest(body), pool)

    def union(self, pool: ThreadPoolExecutor, read: Future | None) -> None:
        """Send the union if any named graph changed (it is made of them, so its digest is of theirs), as
        ``read`` gives it (``None``: read it now)."""
        d = union_digest(self.digests)
        if self.into_union:  # it went with the named graphs; ``read`` counts it (all of it was sent)
            with self.lock:
                self.sent += read.result() if read is not None else 0
                if self.manifest is not None:
                    self.manifest.mark(UNION, d)
        if self.into_union or (self.manifest is not None and self.manifest.graphs.get(UNION) == d):
            self._step()
            return
        self._send_graph(UNION, read.result() if read is not None else self.kg.graph_ntriples(None), d, pool)

    def _send_graph(self, g: str, body: bytes, d: str, pool: ThreadPoolExecutor | None) -> None:
        if g != UNION:
            with self.lock:
                self.digests[g] = d
        if self.manifest is None or self.manifest.graphs.get(g) != d:
            target = g or (None if self.store.default_graph else UNION_GRAPH)
            self.forget([g])
            pieces = _batches(body, self.batch)
            self.request(target, next(pieces), "PUT")
            if pool is None:
                for piece in pieces:
                    self.request(target, piece, "POST")
            else:
                _all(pool, [pool.submit(self.request, target, piece, "POST") for piece in pieces])
            with self.lock:
                self.sent += body.count(b"\n")
                self.changed += g != UNION
                if self.manifest is not None:
                    self.manifest.mark(g, d)
        self._step()

    def group(self, names: list[str]) -> None:
        """Send the graphs among ``names`` that changed as one TriG request to the dataset, after one update
        that empties them (stores with ``update``: Oxigraph)."""
        bodies = {g: self.kg.graph_ntriples(g) for g in names}
        digests = {g: self.known[g] if self.known else digest(b) for g, b in bodies.items()}
        with self.lock:
            self.digests.update(digests)
        todo = [g for g in names if self.manifest is None or self.manifest.graphs.get(g) != digests[g]]
        if todo:
            self.forget(todo)
            self.update(";\n".join(f"DROP SILENT GRAPH <{g}>" for g in todo))
            parts = trig_parts({g: bodies[g] for g in todo}, self.into_union)
            sep = "&" if "?" in self.endpoint else "?"
            _send(urllib.request.Request(self.endpoint + sep + self.store.bulk, data=parts, method="POST",
                                         headers={"Content-Type": "application/trig",
                                                  "Content-Length": str(sum(map(len, parts)))}),
                  self.timeout, self.opener)
        with self.lock:
            for g in todo:
                self.sent += bodies[g].count(b"\n")
                self.changed += 1
                if self.manifest is not None:
                    self.manifest.mark(g, digests[g])
            for _ in names:
                self.done += 1
                if self.progress:
                    self.progress("pushing", self.done, self.steps)

    def snapshot(self, pool: ThreadPoolExecutor, kept: SnapshotFile, names: list[str]) -> None:
        """Send the store's snapshot (:mod:`graph.rdf.snapshot`: every named graph and the union, as the build
        loaded them) in pieces, :data:`SENDERS` at once, after one update that empties those graphs and the
        default graph; the manifest takes every graph at the end."""
        self.forget(names + [UNION])
        self.update(";\n".join([f"DROP SILENT GRAPH <{g}>" for g in names] + ["CLEAR SILENT DEFAULT"]))
        sep = "&" if "?" in self.endpoint else "?"
        url = self.endpoint + sep + self.store.bulk
        under_way: list[Future] = []
        line = 1  # of the file, where the piece begins (an error names it)
        for piece in kept.pieces(PIECE):
            if len(under_way) >= SENDERS:
                _all(pool, [under_way.pop(0)])
            lines = piece.count(b"\n")
            under_way.append(pool.submit(self._piece, url, piece, lines, kept.path, line))
            line += lines
        _all(pool, under_way)
        with self.lock:
            self.digests = dict(self.known)
            self.changed = len(names)
            if self.manifest is not None:
                self.manifest.mark_all({**self.known, UNION: union_digest(self.known)})

    def _piece(self, url: str, data: bytes, lines: int, path: Path, line: int) -> None:
        """Send one piece of the snapshot; a piece the server cannot parse is an error at the file's line."""
        try:
            _send(urllib.request.Request(url, data=data, method="POST",
                                         headers={"Content-Type": "application/n-quads"}), self.timeout, self.opener)
        except Refused as exc:
            if exc.status != 400:
                raise
            at = re.search(r"\bline (\d+)", exc.message)
            raise AikgError(f"the server cannot read the store's snapshot ({exc.message}); it is not as the build "
                            "wrote it: build the store again (aikg build --store DIR --store-only)",
                            path, line + int(at[1]) - 1 if at else line) from None
        with self.lock:
            self.sent += lines
        self._step()

    def forget(self, graphs: list[str]) -> None:
        """Take ``graphs`` out of the manifest before a request empties or changes them."""
        if self.manifest is not None:
            with self.lock:
                self.manifest.unmark(graphs)

    def update(self, text: str) -> None:
        """One SPARQL Update request to the store's update endpoint (stores with ``update``)."""
        _send(urllib.request.Request(self.endpoint.rsplit("/", 1)[0] + "/" + self.store.update,
                                     data=text.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-update"}), self.timeout, self.opener)

    def delete(self, g: str) -> None:
        """Remove graph ``g`` from the store: its source is gone."""
        self.request(g, None, "DELETE")
        with self.lock:
            self.manifest.mark(g, None)
        self._step()

    def _step(self) -> None:
        with self.lock:
            self.done += 1
            if self.progress:
                self.progress("pushing", self.done, self.steps)


def remote_query(endpoint: str, sparql: str, bindings: dict | None = None,
                 limits: QueryLimits = QueryLimits(timeout=30), credentials: Credentials | None = None,
                 kind: str = "auto") -> QueryResult:
    """Run a query on a remote SPARQL endpoint; the same rules as local queries apply.

    The query must parse here (``strict``): the remote store, not aikg, would
    run a SERVICE or an update, so a query that cannot be checked is not sent.
    On a store that keeps the union as :data:`UNION_GRAPH` (``kind``, or for
    ``auto`` a store that says it is Virtuoso and holds that graph) the query
    names it as its default graph and leaves it out of ``GRAPH ?g``.
    """
    check_endpoint(endpoint)
    text = sparql_prefixes() + substitute(sparql, {k: str(v) for k, v in (bindings or {}).items()})
    form = call_confined(limits, check_query, text, limits.allow_service, True).form
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph_form else "application/sparql-results+json"
    opener = _opener(endpoint, credentials)
    timeout = limits.timeout or 300
    text = _dataset_pragmas(endpoint, kind, opener, timeout) + text  # after the check: pragmas are not SPARQL
    req = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": text}).encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    try:
        data = _send(req, timeout, opener)
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


def _dataset_pragmas(endpoint: str, kind: str, opener, timeout: float) -> str:
    """Virtuoso's pragmas naming the dataset aikg pushed there: :data:`UNION_GRAPH` as the default graph and
    the graphs listed in :data:`GRAPH_LIST` as the named ones (so ``GRAPH ?g`` sees neither the union nor the
    store's own graphs). "" for a store with a default graph of its own (``kind``, or for ``auto`` a store that
    does not say it is Virtuoso or holds no list from aikg)."""
    if kind != "auto" and store_kind(endpoint, kind).default_graph:
        return ""
    if endpoint not in _PROBED:
        ask = f"SELECT ?g WHERE {{ GRAPH <{GRAPH_LIST}> {{ <{GRAPH_LIST}> <{_NAMED}> ?g }} }}"
        req = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": ask}).encode("utf-8"),
                                     method="POST", headers={"Content-Type": "application/x-www-form-urlencoded",
                                                             "Accept": "application/sparql-results+json"})
        try:
            with opener.open(req, timeout=min(timeout, 30)) as r:
                virtuoso = kind != "auto" or "virtuoso" in (r.headers.get("Server") or "").lower()
                rows = ox.parse_query_results(r.read(), ox.QueryResultsFormat.JSON)
                graphs = sorted(s["g"].value for s in rows if isinstance(s["g"], ox.NamedNode))
        except (OSError, ValueError, SyntaxError, TypeError):  # the query itself will say what is wrong
            return ""
        _PROBED[endpoint] = "".join([f"define input:default-graph-uri <{UNION_GRAPH}>\n"]
                                    + [f"define input:named-graph-uri <{g}>\n" for g in graphs]) \
            if virtuoso and (graphs or kind != "auto") else ""
    return _PROBED[endpoint]


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_CANONICAL = {"1": ox.Literal("true", datatype=_BOOLEAN), "0": ox.Literal("false", datatype=_BOOLEAN)}


def canonical(term):
    """A term of an answer in its canonical form: Virtuoso keeps ``xsd:boolean`` as 1 and 0.

    >>> canonical(ox.Literal("1", datatype=_BOOLEAN)).value, canonical(ox.Literal("1")).value
    ('true', '1')
    """
    if isinstance(term, ox.Literal) and term.datatype == _BOOLEAN:
        return _CANONICAL.get(term.value, term)
    return term


def _parse_answer(data: bytes, graph_form: bool, max_rows: int | None) -> QueryResult:
    if graph_form:
        return QueryResult(triples=[ox.Triple(t.subject, t.predicate, canonical(t.object))
                                    for t in take_rows(ox.parse(data, ox.RdfFormat.N_TRIPLES), max_rows)])
    parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult(boolean=bool(parsed))
    variables = [v.value for v in parsed.variables]
    return QueryResult(variables, [[canonical(s[v]) for v in variables] for s in take_rows(parsed, max_rows)])
