"""Where the triples live: an Oxigraph store, with an rdflib view on demand.

The build writes quads straight into ``pyoxigraph`` (the hot path). Every fact
lives in the named graph of each source that states it, and once more in the
default graph, which holds the union: ordinary queries see every fact once
(Oxigraph's own union mode would repeat a fact once per source) while
``GRAPH ?source { ... }`` says who stated it. :meth:`KnowledgeGraph.rdflib` gives an ``rdflib.Dataset`` over the
same store for code that wants rdflib's API.

>>> kg = KnowledgeGraph()
>>> kg.add_quads([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
...                        ox.Literal("x"), ox.NamedNode("http://e/g"))])
>>> kg.triple_count(), kg.quad_count(), kg.graph_names()
(1, 1, ['http://e/g'])
"""
from __future__ import annotations

import os
import queue
import threading
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from graph.errors import AikgError, QuerySyntaxError
from graph.namespaces import ONTOLOGY_FILE, ONTOLOGY_IRI, PREFIXES, RDF, VOCAB, sparql_prefixes
from graph.rdf.files import read_quads
from graph.rdf.write import triple_sort_key, write_rdf

#: Quads handed to Oxigraph at a time.
BATCH = 50_000

class KnowledgeGraph:
    """An RDF dataset with one named graph per source, plus the ontology."""

    def __init__(self, store: ox.Store | None = None, on_disk: bool = False, read_only: bool = False):
        self.store = store if store is not None else ox.Store()
        self.on_disk = on_disk  # loads go through bulk_load, which writes to disk without a transaction
        self.read_only = read_only  # opened read-only: what it holds cannot change while it is open
        self._union_stale = False
        self.snapshot = None  # a build into this store writes its snapshot here (graph.rdf.snapshot.Snapshot)
        self.digests: dict[str, str] | None = None  # a read-only store's: each named graph's, from its manifest
        self.snapshot_file = None  # a read-only store's snapshot, when it has one to trust (SnapshotFile)

    # ------------------------------------------------------------ loading
    def add_quads(self, quads: Iterable[ox.Quad], union_included: bool = False) -> None:
        """Add quads in bulk; unless they carry their default-graph copies, the union is refreshed on the next read.

        Quads are handed over in batches, so a large stream is never all in memory as Python objects. An
        on-disk store whose union is whole gets each quad's default-graph copy with it: refreshing the union
        afterwards would copy every graph of the store in one transaction, held in memory.
        """
        copies = self.on_disk and not union_included and not self._union_stale
        it = iter(quads)
        while True:
            batch = list(islice(it, BATCH))
            if not batch:
                break
            if copies:
                batch += [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in batch
                          if not isinstance(q.graph_name, ox.DefaultGraph)]
            self.store.extend(batch)
        if not union_included and not copies:
            self._union_stale = True

    def load_nquads(self, chunks: Iterable[bytes], union_included: bool = False) -> None:
        """Bulk-load N-Quads chunks; Oxigraph loads one chunk while Python makes the next.

        The loader runs on a second thread (Oxigraph releases the GIL while it
        parses and indexes), so on two cores making the text and loading it overlap.
        It uses ``Store.load``: on the in-memory store it was measured faster than
        ``bulk_load``, chunk by chunk or whole; an on-disk store (``on_disk``)
        takes ``bulk_load``, which writes its files without a transaction that
        would hold every change in memory.

        >>> kg = KnowledgeGraph()
        >>> kg.load_nquads([b'<http://e/a> <http://e/p> "x" <http://e/g> .\\n'])
        >>> kg.quad_count()
        1
        """
        if self.on_disk:
            self._bulk_load_stream(chunks)
            if not union_included:
                self._union_stale = True
            return
        pending: queue.Queue = queue.Queue(maxsize=2)
        failure: list[BaseException] = []

        def loader() -> None:
            while (data := pending.get()) is not None:
                if not failure:
                    try:
                        self.store.load(data, format=ox.RdfFormat.N_QUADS)
                    except BaseException as exc:  # handed to the caller below
                        failure.append(exc)

        thread = threading.Thread(target=loader, name="aikg-loader", daemon=True)
        thread.start()
        try:
            for data in chunks:
                if failure:
                    break
                pending.put(data)
        finally:
            pending.put(None)
            thread.join()
        if failure:
            raise failure[0]
        if not union_included:
            self._union_stale = True

    def _bulk_load_stream(self, chunks: Iterable[bytes]) -> None:
        """One ``bulk_load`` of all the chunks, read through a pipe on a second thread: Oxigraph batches
        the stream itself, which on disk is far faster than one bulk load a chunk."""
        read_fd, write_fd = os.pipe()
        failure: list[BaseException] = []

        def loader() -> None:
            with os.fdopen(read_fd, "rb") as pipe:
                try:
                    self.store.bulk_load(pipe, format=ox.RdfFormat.N_QUADS)
                except BaseException as exc:  # handed to the caller below
                    failure.append(exc)
                    pipe.read()  # let the writer finish instead of blocking

        thread = threading.Thread(target=loader, name="aikg-bulk-loader", daemon=True)
        thread.start()
        try:
            with os.fdopen(write_fd, "wb") as pipe:
                for data in chunks:
                    if failure:
                        break
                    pipe.write(data)
        finally:
            thread.join()
        if failure:
            raise failure[0]

    def refresh_union(self) -> None:
        """Copy every named graph's triples into the default graph (inside Oxigraph), if anything was added."""
        if self._union_stale:
            self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            self._union_stale = False

    def load_ontology(self, path: Path = ONTOLOGY_FILE) -> None:
        """Load the ontology into its own named graph (the ontology's IRI)."""
        self.load_rdf_file(path, graph=ONTOLOGY_IRI, describe=False)

    def load_rdf_file(self, path: str | Path, graph: str | None = None, describe: bool = True) -> str:
        """Load an RDF file; triples go into ``graph`` (default: a graph named after the file).

        With ``describe``, every graph the file fills that is not yet described
        becomes an ``aikg:Source`` labelled with the file's name, so that its
        facts, like all others, name their source. Returns the graph name.
        Syntax errors name the file and line.
        """
        path = Path(path)
        name = graph or path.resolve().as_uri()
        taken = set() if graph == ONTOLOGY_IRI else set(self.graph_names())
        self.add_quads(read_quads(path, name, taken))
        if describe:
            self._describe_graphs(path)
        return name

    def _describe_graphs(self, path: Path) -> None:
        rdf_type = ox.NamedNode(RDF + "type")
        label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        names = {g for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)}
        for g in names:
            described = any(True for _ in self.store.quads_for_pattern(g, rdf_type, None))
            if not described:
                self.add_quads([ox.Quad(g, rdf_type, ox.NamedNode(VOCAB + "Source"), g),
                                ox.Quad(g, label, ox.Literal(f"{path.name}", language="en"), g)])

    @classmethod
    def from_trig(cls, path: str | Path) -> "KnowledgeGraph":
        """Open a built dataset (``out/graph.trig``) with its named graphs."""
        kg = cls()
        try:
            kg.add_quads(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        except OSError as exc:
            raise AikgError(f"cannot read built graph: {exc.strerror or exc}", path) from None
        except SyntaxError as exc:
            raise AikgError(f"RDF syntax error: {exc}", path, getattr(exc, "lineno", None)) from None
        except MemoryError:
            raise AikgError("a term is longer than the RDF parser takes (16 MiB)", path) from None
        return kg

    # ------------------------------------------------------------ reading
    def named_quads(self) -> Iterator[ox.Quad]:
        """Every quad in a named graph (the default union graph left out), graph by graph."""
        for g in sorted(self.store.named_graphs(), key=lambda n: n.value):
            yield from self.store.quads_for_pattern(None, None, None, g)

    def union_triples(self) -> Iterator[ox.Triple]:
        """The union graph's distinct triples, in the store's order (grouped by subject)."""
        self.refresh_union()
        return (q.triple for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def triples(self) -> list[ox.Triple]:
        """The union graph as distinct triples, sorted."""
        return sorted(self.union_triples(), key=triple_sort_key)

    def graph_names(self) -> list[str]:
        """Names of the named graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_sizes(self, names: Iterable[str] | None = None) -> dict[str, int]:
        """Quads in each named graph (only ``names``, if given), counted inside Oxigraph.

        >>> kg = KnowledgeGraph(); kg.load_nquads([b'<http://e/a> <http://e/p> "x" <http://e/g> .\\n'])
        >>> kg.graph_sizes(), kg.graph_sizes(["http://e/h"]), kg.graph_sizes([])
        ({'http://e/g': 1}, {}, {})
        """
        names = None if names is None else list(names)
        if names == []:
            return {}
        values = "" if names is None else "VALUES ?g { " + " ".join(f"<{g}>" for g in names) + " } "
        rows = self.store.query(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {values}GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
        return {row["g"].value: int(row["n"].value) for row in rows}

    def triple_count(self) -> int:
        """Distinct triples in the union graph (the default graph), counted inside Oxigraph."""
        self.refresh_union()
        return int(next(iter(self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)

    def data_triple_count(self) -> int:
        """Distinct triples stated by sources (the ontology graph left out)."""
        onto = ox.NamedNode(ONTOLOGY_IRI)
        return len({q.triple for q in self.named_quads() if q.graph_name != onto})

    def quad_count(self) -> int:
        """Quads in named graphs (a triple stated by two sources counts twice), counted inside Oxigraph."""
        self.refresh_union()
        res = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))["n"].value)

    def match(self, subject=None, predicate=None, obj=None, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph (``None``: the union) that match a pattern (``None`` matches anything).

        >>> kg = KnowledgeGraph(); kg.load_nquads([b'<http://e/a> <http://e/p> "x" <http://e/g> .\\n'])
        >>> [q.object.value for q in kg.match(predicate=ox.NamedNode("http://e/p"))]
        ['x']
        """
        if graph is None:
            self.refresh_union()
        return self.store.quads_for_pattern(subject, predicate, obj,
                                            ox.DefaultGraph() if graph is None else ox.NamedNode(graph))

    def graph_ntriples(self, name: str | None) -> bytes:
        """One named graph (``None``: the union) as N-Triples, in the store's order.

        >>> kg = KnowledgeGraph(); kg.load_nquads([b'<http://e/a> <http://e/p> "x" <http://e/g> .\\n'])
        >>> kg.graph_ntriples("http://e/g")
        b'<http://e/a> <http://e/p> "x" .\\n'
        """
        if name is None:
            self.refresh_union()
        graph = ox.DefaultGraph() if name is None else ox.NamedNode(name)
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)

    # ------------------------------------------------------------ replacing (an on-disk store)
    def replace_graphs(self, removed: Iterable[str], cleared: Iterable[str], nquads: bytes) -> None:
        """Drop the ``removed`` graphs, empty the ``cleared`` ones and the union, load ``nquads`` (the new
        graphs and the union, in one bulk load: far faster than one per graph) and flush to disk."""
        for g in removed:
            self.store.remove_graph(ox.NamedNode(g))
        for g in cleared:
            self.store.clear_graph(ox.NamedNode(g))
        self.store.clear_graph(ox.DefaultGraph())
        self.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        self.store.flush()

    # ------------------------------------------------------------ SPARQL
    def query(self, sparql: str):
        """Run SPARQL; the default graph is the union, the project's prefixes are predeclared.

        >>> kg = KnowledgeGraph(); kg.load_ontology()
        >>> bool(kg.query("ASK { aikg:Paper rdfs:subClassOf aikg:Source }"))
        True
        """
        self.refresh_union()
        try:
            return self.store.query(sparql_prefixes() + sparql)
        except SyntaxError as exc:
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:  # SERVICE calls fail without network access
            raise AikgError(f"SPARQL evaluation failed: {exc}") from None

    def rdflib(self):
        """An ``rdflib.Dataset`` over the same store (via oxrdflib), prefixes bound."""
        import rdflib
        from oxrdflib import OxigraphStore

        self.refresh_union()
        ds = rdflib.Dataset(store=OxigraphStore(store=self.store))
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, override=True)
        return ds

    # ------------------------------------------------------------ writing
    def serialize(self, fmt: str) -> bytes:
        """The graph in an RDF syntax (``turtle``, ``nt`` and ``jsonld`` write the union; ``trig``
        and ``nquads`` the named graphs), in the stable order of :mod:`graph.rdf.write`.

        >>> kg = KnowledgeGraph(); kg.load_ontology()
        >>> kg.serialize("trig") == kg.serialize("trig")
        True
        """
        return write_rdf(self, fmt)
