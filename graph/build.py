"""Build: inputs (YAML records, RDF files) → dataset → outputs in out/.

>>> from graph.build import build_graph
>>> kg = build_graph(["data"])
>>> "https://w3id.org/aiekg/id/survey-ai-ecosystem" in kg.graph_names()
True
"""
from __future__ import annotations

import functools
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import pyoxigraph as ox

from graph.atomic import write_set_atomic
from graph.defaults import DATA_DIR, OUT_DIR
from graph.errors import AikgError
from graph.gcpause import paused_gc
from graph.namespaces import slug_of
from graph.sparql.query import named_queries, run_checks
from graph.rdf.dataset import dataset_of
from graph.rdf.disputes import disputed
from graph.progress import Progress, Steps
from graph.rdf.store import KnowledgeGraph
from graph.records.discovery import Inputs, require_inputs
from graph.records.load import stream_records
from graph.records.model import Record
from graph.sparql.results import QueryResult, display
from graph.vocabulary import load_vocabulary
from graph.wording import count, source_graphs

if TYPE_CHECKING:  # the projection, page and SHACL bring heavy imports: loaded when first needed
    import networkx as nx

OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.graphml", "graph.html")  #: what build_outputs writes


@dataclass
class BuildResult:
    """What a build made: the dataset, its projection and figures for the summary."""

    kg: KnowledgeGraph
    network: nx.MultiDiGraph | None  # None when the build did not project
    records: list[Record]
    rdf_files: list[Path]
    seconds: float = 0.0
    skipped: int = 0  # files in input directories that are neither records, RDF nor notes
    written: list[Path] = field(default_factory=list)
    violations: dict[str, QueryResult] = field(default_factory=dict)
    checked: int = 0
    shacl: object | None = None
    #: (entity, property) of the facts that sources disagree on (:func:`graph.rdf.disputes.disputed`)
    disputed: list[tuple[str, str]] = field(default_factory=list)

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
        """A few lines: entities per type, triples, edges, sources, time.

        The named graphs are counted as every command counts them
        (:func:`graph.wording.source_graphs`): the sources', plus the ontology's.
        """
        per_type = Counter(a.get("type", "?") for _, a in self.network.nodes(data=True))
        data_triples = self.kg.data_triple_count()
        lines = [
            f"{count(self.network.number_of_nodes(), 'entity')}: "
            + ", ".join(f"{n} {t}" for t, n in sorted(per_type.items(), key=lambda x: (-x[1], x[0]))),
            f"{count(data_triples, 'data triple')} + "
            f"{count(self.kg.triple_count() - data_triples, 'ontology triple')}, "
            f"stated {count(self.kg.quad_count(), 'time')} across {source_graphs(self.kg.graph_names())}; "
            f"{count(self.network.number_of_edges(), 'edge')}",
            f"from {count(len(self.records), 'record')}"
            + (f" and {count(len(self.rdf_files), 'RDF file')}" if self.rdf_files else "")
            + (f" (skipped {count(self.skipped, 'file')} of other types)" if self.skipped else "")
            + f" in {self.seconds:.2f} s ({self.kg.quad_count() / max(self.seconds, 1e-9):,.0f} quads/s)",
        ]
        if self.shacl is not None:
            warnings = self.shacl.warnings
            lines.append(f"SHACL: {self.shacl.verdict()}"
                         + (f" ({count(warnings, 'warning')}; aikg validate lists them)" if warnings else ""))
        if self.checked:
            lines.append(f"{count(self.checked, 'check')} passed" if not self.violations else
                         f"{len(self.violations)} of {count(self.checked, 'check')} found problems")
            lines.append(f"{count(len(self.disputed), 'fact')} disputed between sources"
                         + (" (aikg query --name disputed-values lists them)" if self.disputed else ""))
        if self.written:
            lines.append("wrote " + ", ".join(str(p) for p in self.written))
        return "\n".join(lines)


def build_graph(paths: Iterable[str | Path] = (DATA_DIR,)) -> KnowledgeGraph:
    """The dataset of the inputs (with the ontology), nothing more: no projection, no checks."""
    return build_dataset(paths)[0]


def build_steps(checks: bool = True, shacl: bool = True, write: bool = True) -> int:
    """How many steps :func:`build_outputs` reports (read, project, check, validate, write).

    >>> build_steps(), build_steps(checks=False, shacl=False, write=False)
    (5, 2)
    """
    return 2 + checks + shacl + write


def build(paths: Iterable[str | Path] = (DATA_DIR,), progress: Progress = None, checks: bool = True,
          project: bool = True, steps: Steps | None = None) -> BuildResult:
    """Load records, RDF files and notes, make the dataset and (``project``) its NetworkX projection.

    With ``checks``, the ``*-violation`` queries run too; what they find is in
    ``result.violations`` (``build_outputs`` refuses to write when it is not empty).
    """
    start = time.perf_counter()
    steps = steps or Steps(progress, 1 + project + checks)
    with paused_gc():
        kg, records, inputs = _dataset(list(paths), steps)
        result = BuildResult(kg, None, records, inputs.rdf, skipped=inputs.skipped)
        if project:
            from graph.views.network import to_networkx

            steps.next("projecting to NetworkX")
            result.network = to_networkx(kg)
        if checks:
            steps.next("running checks")
            result.checked = sum(1 for q in named_queries() if q.is_check)
            result.violations = run_checks(kg)
            vocab = load_vocabulary()
            result.disputed = disputed(kg, sorted(k.iri for k in vocab.keys.values() if k.functional))
    result.seconds = time.perf_counter() - start
    return result


def build_dataset(paths: Iterable[str | Path], steps: Steps | None = None, into: KnowledgeGraph | None = None,
                  slim: bool = False) -> tuple[KnowledgeGraph, list[Record], list[Path]]:
    """Records, RDF files and notes → the dataset (named graphs and their union), nothing more.

    Records are loaded as they are read, before the checks that need all of
    them have run: when this raises, ``into`` (if given) holds part of the
    records, so pass an empty one and discard it. With ``slim`` and no notes
    among the inputs (they are fitted to the records' facts), the records are
    checked as they are read and those returned hold only their ids, types and
    places (to point at a line), so that a million records fit in memory.

    >>> kg, records, _ = build_dataset(["data"])
    >>> kg.triple_count() > 1000
    True
    """
    with paused_gc():
        kg, records, inputs = _dataset(list(paths), steps or Steps(None, 1), into, slim)
    return kg, records, inputs.rdf


def _dataset(paths: list, steps: Steps, into: KnowledgeGraph | None = None,
             slim: bool = False) -> tuple[KnowledgeGraph, list[Record], Inputs]:
    inputs = require_inputs(paths)
    vocab = load_vocabulary()
    steps.next("reading records and building RDF")
    records: list[Record] = []  # records become quads as they are read; a failed check voids the dataset
    notes = [functools.partial(_notes_records, note, vocab=vocab) for note in inputs.notes]
    stream = _counted(stream_records(inputs.records, vocab, records, notes, slim=slim), steps)
    return dataset_of(stream, inputs.rdf, vocab, into), records, inputs


def _notes_records(note: Path, known: list[Record], vocab) -> list[Record]:
    from graph.ingest.candidates import records_from_notes  # the ingest rules load only when notes are read

    return records_from_notes(note, known, vocab)


def _counted(records: Iterable[Record], steps: Steps, every: int = 10_000) -> Iterator[Record]:
    """The records, saying every ``every`` records how many have been read (the progress bar's label)."""
    for n, rec in enumerate(records, 1):
        if n % every == 0:
            steps.say(f"reading records and building RDF: {n:,}")
        yield rec


def render_outputs(result: BuildResult) -> dict[str, bytes]:
    """Every output file's name and bytes, produced before anything is written."""
    from graph.analysis import timeline
    from graph.exports.graphml import graphml_bytes
    from graph.views.renderer import graph_page

    return {
        "graph.ttl": result.kg.serialize("turtle"),
        "graph.trig": result.kg.serialize("trig"),
        "graph.graphml": graphml_bytes(result.network),
        "graph.html": graph_page(result.network, result.kg).encode("utf-8"),
        "timeline.svg": timeline.write(result.network, "timeline.svg")[0],
    }


def validate_inputs(paths: Iterable[str | Path] = (DATA_DIR,), progress: Progress = None):
    """The SHACL report of the dataset built from ``paths`` (no projection, no checks).

    >>> validate_inputs(["data"]).conforms
    True
    """
    from graph.rdf.shacl import validate

    steps = Steps(progress, 2)
    result = build(paths, checks=False, project=False, steps=steps)
    steps.next("validating (SHACL)")
    return validate(result)


def build_outputs(
    paths: Iterable[str | Path] = (DATA_DIR,),
    out_dir: str | Path = OUT_DIR,
    progress: Progress = None,
    checks: bool = True,
    shacl: bool = True,
) -> BuildResult:
    """Build, validate and write graph.ttl, graph.trig, graph.graphml, graph.html and timeline.svg as one set.

    Refuses (``AikgError``, nothing written) when the SHACL shapes find a
    violation or a ``*-violation`` check finds rows.
    """
    start = time.perf_counter()
    steps = Steps(progress, build_steps(checks, shacl))
    result = build(paths, checks=checks, steps=steps)
    if shacl:
        from graph.rdf.shacl import validate

        steps.next("validating (SHACL)")
        result.shacl = validate(result)
        if not result.shacl.conforms:
            raise AikgError("the graph does not conform to ontology/shapes.ttl; nothing was written "
                            "(--no-validate writes anyway):\n"
                            + "\n".join(f.line() for f in result.shacl.violations))
    if result.violations:
        raise AikgError("checks found problems; nothing was written (--no-checks writes anyway):\n"
                        + result.violation_report())
    steps.next("writing outputs")
    result.written = write_set_atomic(out_dir, render_outputs(result))
    result.seconds = time.perf_counter() - start
    return result
