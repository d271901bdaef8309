"""Build: inputs (YAML records, RDF files) → dataset → outputs in out/.

>>> from graph.build import build_graph
>>> kg = build_graph(["data"])
>>> "https://w3id.org/aikg/id/survey-ai-ecosystem" in kg.graph_names()
True
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import pyoxigraph as ox

from graph.atomic import write_set_atomic
from graph.errors import AikgError
from graph.gcpause import paused_gc
from graph.namespaces import ONTOLOGY_IRI, slug_of
from graph.sparql.query import named_queries, run_checks
from graph.rdf.quads import records_nquads
from graph.records.parse import DATA_SUFFIXES, Record, stream_records
from graph.sparql.results import QueryResult, display
from graph.rdf.store import RDF_SUFFIXES, KnowledgeGraph
from graph.vocabulary import load_vocabulary

if TYPE_CHECKING:  # the projection, page and SHACL bring heavy imports: loaded when first needed
    import networkx as nx

OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.graphml", "graph.html")


@dataclass
class BuildResult:
    """What a build made: the dataset, its projection and figures for the summary."""

    kg: KnowledgeGraph
    network: nx.MultiDiGraph
    records: list[Record]
    rdf_files: list[Path]
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)
    violations: dict[str, QueryResult] = field(default_factory=dict)
    checked: int = 0
    shacl: object | None = None

    def where(self, iri: str) -> str | None:
        """``file:line`` of the record an entity IRI came from, if any."""
        slug = slug_of(iri)
        for rec in self.records:
            if rec.id == slug and not rec.extends:
                return f"{rec.path}:{rec.line}"
        return None

    def violation_report(self) -> str:
        """One line per row that a ``*-violation`` check found, with the record's file:line."""
        lines = []
        for name, res in sorted(self.violations.items()):
            for row in res.terms:
                first = row[0] if row else None
                place = self.where(first.value) if isinstance(first, ox.NamedNode) else None
                cells = ", ".join(display(t) for t in row if t is not None)
                lines.append(f"{place + ': ' if place else ''}{name}: {cells}")
        return "\n".join(lines)

    def summary(self) -> str:
        """A few lines: entities per type, triples, edges, sources, time."""
        per_type = Counter(a.get("type", "?") for _, a in self.network.nodes(data=True))
        sources = [g for g in self.kg.graph_names() if g != ONTOLOGY_IRI]
        data_triples = self.kg.data_triple_count()
        lines = [
            f"{self.network.number_of_nodes()} entities: "
            + ", ".join(f"{n} {t}" for t, n in sorted(per_type.items(), key=lambda x: (-x[1], x[0]))),
            f"{data_triples} data triples + {self.kg.triple_count() - data_triples} ontology triples, "
            f"stated {self.kg.quad_count()} times across {len(sources)} source graphs; "
            f"{self.network.number_of_edges()} edges",
            f"from {len(self.records)} records" + (f" and {len(self.rdf_files)} RDF files" if self.rdf_files else "")
            + f" in {self.seconds:.2f} s ({self.kg.quad_count() / max(self.seconds, 1e-9):,.0f} quads/s)",
        ]
        if self.shacl is not None:
            warnings = len(self.shacl.findings) - len(self.shacl.violations)
            lines.append(("SHACL: conforms" if self.shacl.conforms else f"SHACL: {len(self.shacl.violations)} violations")
                         + (f" ({warnings} warnings; aikg validate lists them)" if warnings else ""))
        if self.checked:
            lines.append(f"{self.checked} checks passed" if not self.violations else
                         f"{len(self.violations)} of {self.checked} checks found problems")
        if self.written:
            lines.append("wrote " + ", ".join(str(p) for p in self.written))
        return "\n".join(lines)


NOTES_SUFFIXES = {".md", ".markdown"}


def input_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path], list[Path]]:
    """Split inputs into YAML record files, RDF files and Markdown notes; directories are searched."""
    yaml_files: list[Path] = []
    rdf_files: list[Path] = []
    notes: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            candidates = sorted(f for f in p.rglob("*") if f.is_file())
        elif p.is_file():
            candidates = [p]
        else:
            raise AikgError("no such file or directory", p)
        for f in candidates:
            suffix = f.suffix.lower()
            if suffix in DATA_SUFFIXES:
                yaml_files.append(f)
            elif suffix in RDF_SUFFIXES:
                rdf_files.append(f)
            elif suffix in NOTES_SUFFIXES and (p.is_file() or "surveys" in f.parts):
                notes.append(f)
            elif p.is_file():
                raise AikgError(f"unsupported input type {suffix!r} (YAML records, RDF files or Markdown notes)", f)
    if not yaml_files and not rdf_files and not notes:
        raise AikgError("no input files (expected *.yaml records, RDF files or .md notes)",
                        ", ".join(map(str, paths)) or ".")
    return yaml_files, rdf_files, notes


def build_graph(paths: Iterable[str | Path] = ("data",)) -> KnowledgeGraph:
    """Load the inputs into a new :class:`KnowledgeGraph` (with the ontology)."""
    return build(paths).kg


def build(paths: Iterable[str | Path] = ("data",), progress: Callable[..., None] | None = None,
          checks: bool = True) -> BuildResult:
    """Load records and RDF files, make the dataset and its NetworkX projection.

    With ``checks``, the ``*-violation`` queries run too; what they find is in
    ``result.violations`` (``build_outputs`` refuses to write when it is not empty).
    """
    start = time.perf_counter()
    step = progress or (lambda *_: None)
    with paused_gc():
        result = _build(paths, step, start)
        if checks:
            step("running checks")
            result.checked = sum(1 for q in named_queries() if q.is_check)
            result.violations = run_checks(result.kg)
        return result


def build_dataset(paths: Iterable[str | Path], step: Callable[..., None] = lambda *_: None,
                  store: "ox.Store | None" = None) -> tuple[KnowledgeGraph, list[Record], list[Path]]:
    """Records, RDF files and notes → the dataset (named graphs and their union), nothing more.

    Records are loaded as they are read, before the checks that need all of
    them have run: when this raises, ``store`` (if given) holds part of the
    records, so pass a fresh one (the default) or discard it.

    >>> kg, records, _ = build_dataset(["data"])
    >>> kg.triple_count() > 1000
    True
    """
    with paused_gc():
        return _dataset(list(paths), step, store)


def _dataset(paths: list, step: Callable[..., None], store: "ox.Store | None"
             ) -> tuple[KnowledgeGraph, list[Record], list[Path]]:
    yaml_files, rdf_files, notes = input_files(paths)
    vocab = load_vocabulary()
    kg = KnowledgeGraph(store)
    kg.load_ontology()
    kg.refresh_union()  # the ontology's triples
    step("reading records and building RDF")
    records: list[Record] = []
    if yaml_files or notes:  # records become quads as they are read; a failed check voids the dataset
        stream = _counted(stream_records(yaml_files, vocab, notes, records), step)
        kg.load_nquads(records_nquads(stream, vocab, with_union=True), union_included=True)
    for f in rdf_files:
        kg.load_rdf_file(f)
    kg.refresh_union()
    return kg, records, rdf_files


def _counted(records: Iterable[Record], step: Callable[..., None], every: int = 10_000) -> Iterator[Record]:
    """The records, saying every ``every`` records how many have been read (the progress bar's label)."""
    for n, rec in enumerate(records, 1):
        if n % every == 0:
            step(f"reading records and building RDF: {n:,}", False)
        yield rec


def _build(paths: Iterable[str | Path], step: Callable[..., None], start: float) -> BuildResult:
    from graph.views.network import to_networkx

    vocab = load_vocabulary()
    kg, records, rdf_files = build_dataset(paths, step)
    step("projecting to NetworkX")
    network = to_networkx(kg, vocab)
    return BuildResult(kg, network, records, rdf_files, time.perf_counter() - start)


def render_outputs(result: BuildResult) -> dict[str, bytes]:
    """Every output file's name and bytes, produced before anything is written."""
    from graph.exports.graphml import graphml_bytes
    from graph.views.page import page_html

    return {
        "graph.ttl": result.kg.serialize("turtle"),
        "graph.trig": result.kg.serialize("trig"),
        "graph.graphml": graphml_bytes(result.network),
        "graph.html": page_html(result.network, result.kg).encode("utf-8"),
    }


def build_outputs(
    paths: Iterable[str | Path] = ("data",),
    out_dir: str | Path = "out",
    progress: Callable[..., None] | None = None,
    checks: bool = True,
    shacl: bool = True,
) -> BuildResult:
    """Build, validate and write graph.ttl, graph.trig, graph.graphml and graph.html atomically.

    Refuses (``AikgError``, nothing written) when the SHACL shapes find a
    violation or a ``*-violation`` check finds rows.
    """
    start = time.perf_counter()
    result = build(paths, progress, checks)
    if shacl:
        from graph.rdf.shacl import validate

        if progress:
            progress("validating (SHACL)")
        result.shacl = validate(result)
        if not result.shacl.conforms:
            raise AikgError("the graph does not conform to ontology/shapes.ttl; nothing was written "
                            "(--no-validate writes anyway):\n"
                            + "\n".join(f.line() for f in result.shacl.violations))
    if result.violations:
        raise AikgError("checks found problems; nothing was written (--no-checks writes anyway):\n"
                        + result.violation_report())
    if progress:
        progress("writing outputs")
    result.written = write_set_atomic(out_dir, render_outputs(result))
    result.seconds = time.perf_counter() - start
    return result
