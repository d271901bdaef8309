"""What ``aikg ingest`` does with candidates: show them, diff them, merge them, score them.

Each function takes the notes (or a reviewed candidate file) and the data to
link against, and returns text for the user or the path it wrote.

>>> from pathlib import Path
>>> text, summary = candidates_text(Path("tests/fixtures/notes/en-notes.md"), [Path("tests/fixtures/notes/known.yaml")])
>>> "id: sparrow" in text, summary.endswith("passages")
(True, True)
"""
from __future__ import annotations

from pathlib import Path


from graph.atomic import write_atomic
from graph.errors import AikgError
from graph.gcpause import paused_gc
from graph.ingest import candidates as cand
from graph.ingest import merge as mrg
from graph.ingest.evaluate import evaluate
from graph import namespaces
from graph.rdf.dataset import dataset_of
from graph.rdf.quads import records_quads
from graph.rdf.write import serialize
from graph.formats import INPUT, format_for_suffix
from graph.records.discovery import find_inputs
from graph.rdf.store import KnowledgeGraph
from graph.records.load import load_records
from graph.records.model import Record
from graph.records.parse import read_records_text
from graph.records.references import check_references
from graph.vocabulary import Vocabulary, load_vocabulary
from graph.wording import count


def is_reviewed(path: Path) -> bool:
    """Whether ``path`` is a (reviewed) candidate file rather than notes: YAML, by its suffix in any case.

    >>> is_reviewed(Path("c.YAML")), is_reviewed(Path("notes.md"))
    (True, False)
    """
    found = format_for_suffix(path, INPUT)
    return found is not None and found.name == "yaml"


class Session:
    """The notes (or a reviewed candidate file), the known records, and the candidates checked against them.

    ``records`` are the candidates as mappings, ``loaded`` the same as parsed records: from the
    notes, the candidates' YAML read back (lines of that YAML); from a reviewed file, that file
    as the reviewer wrote it (its own lines).
    """

    def __init__(self, notes: Path, data_paths: list[Path], vocab: Vocabulary | None = None):
        self.notes = notes
        self.vocab = vocab or load_vocabulary()
        self.data_paths = data_paths
        self.known = load_records(data_paths, self.vocab)
        self.reviewed = is_reviewed(notes)
        self.doc = None
        self._text: str | None = None
        with paused_gc():  # many small objects, none in a cycle
            if self.reviewed:
                self.records, self.loaded, self.held_back = mrg.read_candidates_file(notes, self.vocab)
                check_references(self.known + self.loaded, self.vocab)
            else:
                self.doc, cands = cand.ingest_candidates(notes, self.known, self.vocab)
                self._text, self.loaded = cand.settle(cands, self.known, f"{notes} (candidates)", self.vocab)
                self.records, self.held_back = cands.records, cands.held_back

    @property
    def text(self) -> str:
        """The candidates' YAML (as :func:`graph.ingest.candidates.dump_candidates` writes)."""
        if self._text is None:
            self._text = cand.dump_candidates(self.records, self.held_back)
        return self._text

    def loaded_of(self, records: list[dict]) -> list[Record]:
        """The parsed records of some of :attr:`records` (in their order)."""
        chosen = {id(r) for r in records}
        return [rec for r, rec in zip(self.records, self.loaded) if id(r) in chosen]


def candidates_text(notes: Path, data_paths: list[Path], fmt: str = "yaml",
                    out_name: str = "candidates.yaml") -> tuple[str, str]:
    """The candidate records as reviewable YAML (or the RDF they give, as Turtle), and a one-line account."""
    if is_reviewed(notes):
        raise AikgError("this is a candidate file already: merge it (--merge) or see what it changes (--diff)", notes)
    s = Session(notes, data_paths)
    if fmt == "ttl":
        triples = sorted({q.triple for q in records_quads(s.loaded, s.vocab)}, key=str)
        text = serialize(triples, "turtle").decode("utf-8")
    else:
        header = cand.yaml_header(str(notes), out_name)
        text = f"{header}\n{s.text}" if s.records or s.held_back else header  # dump_candidates(..., header)
    return text, counts(s.records, s.held_back)


def write_candidates(notes: Path, data_paths: list[Path], output: Path, fmt: str = "yaml") -> str:
    """Write the candidates (atomically) for review; a one-line summary."""
    text, summary = candidates_text(notes, data_paths, fmt, str(output))
    write_atomic(output, text.encode("utf-8"))
    return f"wrote {output}: {summary}"


def counts(records: list[dict], held_back: list[dict] = ()) -> str:  # type: ignore[assignment]
    """A one-line account of candidate records (and of the facts held back, if any).

    >>> counts([{"extend": "a", "review": {"status": "linked"}}, {"id": "p", "type": "Passage"}])
    '1 candidate record (1 linked to known entities), 1 passage'
    >>> counts([], [{"subject": "a"}])
    '0 candidate records (0 linked to known entities), 0 passages, 1 fact held back'
    """
    n = sum(1 for r in records if r.get("type") != "Passage")
    linked = sum(1 for r in records if (r.get("review") or {}).get("status") == "linked")
    passages = sum(1 for r in records if r.get("type") == "Passage")
    held = f", {count(len(held_back), 'fact')} held back" if held_back else ""
    return f"{count(n, 'candidate record')} ({linked} linked to known entities), {count(passages, 'passage')}{held}"


def diff_text(notes: Path, data_paths: list[Path]) -> str:
    """What merging would add or change in the data."""
    s = Session(notes, data_paths)
    return mrg.format_diff(mrg.diff(s.loaded, s.known, s.vocab, s.held_back))


def merge(notes: Path, data_paths: list[Path], min_confidence: float = 0.5) -> tuple[Path, str]:
    """Write the accepted candidates as ``ingested-NAME.yaml`` next to the data; return the file and a summary.

    What is accepted is checked first as it stands in the candidates (a record that refers to one
    left out is an error at its own line), then as the file the merge writes.
    """
    s = Session(notes, data_paths)
    target_dir = data_paths[0] if data_paths[0].is_dir() else data_paths[0].parent
    target = target_dir / f"ingested-{notes.stem}.yaml"
    others = [r for r in s.known if r.path != str(target)]
    chosen = mrg.accepted(s.records, min_confidence)
    check_references(others + s.loaded_of(chosen), s.vocab)
    chosen = mrg.without_known_facts(chosen, s.known, s.vocab)
    merged = mrg.merge_text(chosen, str(notes))
    check_references(others + read_records_text(merged, str(target), s.vocab), s.vocab)
    write_atomic(target, merged.encode("utf-8"))
    records = sum(1 for r in chosen if r.get("type") != "Passage")
    passages = sum(1 for r in chosen if r.get("type") == "Passage")
    return target, f"merged {count(records, 'record')} and {count(passages, 'passage')} into {target}"


def evaluate_text(notes: Path, data_paths: list[Path], gold: Path, gold_source: str | None = None) -> str:
    """Precision and recall of the candidates against a gold data directory.

    A gold that holds no entity of the notes' source (its Survey id is not the
    one the notes link to, or that source states nothing) is an error, not a
    perfect recall over nothing.
    """
    s = Session(notes, data_paths)
    if s.reviewed:
        raise AikgError("--evaluate takes the notes themselves, not a candidate file", notes)
    graph = gold_graph(gold, s.vocab)
    source = gold_source or cand.notes_source(s.doc, s.known, s.vocab)
    surveys = _surveys(gold, s.vocab)
    note = ""
    if not gold_source and namespaces.ID + source not in graph.graph_names() and len(surveys) == 1:
        source = surveys[0]  # the gold names the notes otherwise: its one survey is them
        note = f"\n(scored against {source}, the gold's only survey; --gold-source names another)"
    result = evaluate(s.loaded, graph, source, s.vocab)
    if not result.entity_counts[1]:
        raise AikgError(no_gold_message(source, namespaces.ID + source in graph.graph_names(), surveys), gold)
    return result.text() + note


def no_gold_message(source: str, present: bool, surveys: list[str]) -> str:
    """Why nothing could be scored: the gold has no entity of the source the notes were scored against.

    >>> no_gold_message("my-notes", False, ["survey-a", "survey-b"])  # doctest: +NORMALIZE_WHITESPACE
    "no gold entities for this document: the gold has no source 'my-notes' (its surveys: survey-a, survey-b);
    check that the gold's Survey id matches the notes, or name the gold's source with --gold-source"
    """
    why = (f"the gold's source {source!r} states nothing" if present else f"the gold has no source {source!r}")
    listed = f" (its surveys: {', '.join(surveys)})" if surveys else " (it has no Survey record)"
    return (f"no gold entities for this document: {why}{listed}; check that the gold's Survey id matches the "
            "notes, or name the gold's source with --gold-source")


def _surveys(gold: Path, vocab: Vocabulary) -> list[str]:
    """The ids of the Survey records of a gold directory or file."""
    survey = vocab.types["Survey"]
    return [r.id for r in load_records(find_inputs([gold]).records, vocab) if r.type == survey and not r.extends]


def gold_graph(gold: Path, vocab: Vocabulary) -> KnowledgeGraph:
    """The curated records (and RDF files) of a gold data directory, with the ontology, as ``aikg build`` loads them.

    Notes are not gold: Markdown files in it are left out.

    >>> [g.rsplit("/", 1)[1] for g in gold_graph(Path("tests/fixtures/notes"), load_vocabulary()).graph_names()]
    ['blog-orca', 'field-notes', 'vocab']
    """
    found = find_inputs([gold])
    records = load_records(found.records, vocab)
    if not records and not found.rdf:
        raise AikgError("no gold records (expected *.yaml records or RDF files)", gold)
    return dataset_of(records, found.rdf, vocab)
