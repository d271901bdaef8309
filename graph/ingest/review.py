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

import pyoxigraph as ox

from graph.atomic import write_atomic
from graph.errors import AikgError
from graph.gcpause import paused_gc
from graph.ingest import candidates as cand
from graph.namespaces import PREFIXES
from graph.records.parse import check_references, load_records, read_records_text
from graph.vocabulary import Vocabulary, load_vocabulary


class Session:
    """The notes (or a candidate file), the known records, and the candidates checked against them."""

    def __init__(self, notes: Path, data_paths: list[Path], vocab: Vocabulary | None = None):
        self.notes = notes
        self.vocab = vocab or load_vocabulary()
        self.data_paths = data_paths
        self.known = load_records(data_paths, self.vocab)
        self.reviewed = notes.suffix.lower() in (".yaml", ".yml")
        self.doc = None
        with paused_gc():  # many small objects, none in a cycle
            if self.reviewed:
                self.records = cand.load_candidates(notes)
            else:
                self.doc, self.records = cand.ingest(notes, self.known, self.vocab)
            self.text, self.loaded = cand.read_back(self.records, f"{notes} (candidates)", self.vocab)
        check_references(self.known + self.loaded, self.vocab)


def candidates_text(notes: Path, data_paths: list[Path], fmt: str = "yaml",
                    out_name: str = "candidates.yaml") -> tuple[str, str]:
    """The candidate records as reviewable YAML (or the RDF they give, as Turtle), and a one-line account."""
    s = Session(notes, data_paths)
    if fmt == "ttl":
        from graph.rdf.quads import records_quads

        triples = sorted({q.triple for q in records_quads(s.loaded, s.vocab)}, key=str)
        text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")
    else:
        header = cand.yaml_header(str(notes), out_name)
        text = f"{header}\n{s.text}" if s.records else header  # what dump_records(s.records, header) gives
    return text, counts(s.records)


def counts(records: list[dict]) -> str:
    """A one-line account of candidate records."""
    n = sum(1 for r in records if r.get("type") != "Passage")
    linked = sum(1 for r in records if (r.get("review") or {}).get("status") == "linked")
    passages = sum(1 for r in records if r.get("type") == "Passage")
    return f"{n} candidate records ({linked} linked to known entities), {passages} passages"


def diff_text(notes: Path, data_paths: list[Path]) -> str:
    """What merging would add or change in the data."""
    s = Session(notes, data_paths)
    return cand.format_diff(cand.diff(s.loaded, s.known, s.vocab))


def merge(notes: Path, data_paths: list[Path], min_confidence: float = 0.5) -> tuple[Path, str]:
    """Write the accepted candidates as ``ingested-NAME.yaml`` next to the data; return the file and a summary."""
    s = Session(notes, data_paths)
    chosen = cand.without_known_facts(cand.accepted(s.records, min_confidence), s.known, s.vocab)
    target_dir = data_paths[0] if data_paths[0].is_dir() else data_paths[0].parent
    target = target_dir / f"ingested-{notes.stem}.yaml"
    merged = cand.merge_text(chosen, str(notes))
    check_references([r for r in s.known if r.path != str(target)] + read_records_text(merged, str(target), s.vocab),
                     s.vocab)
    write_atomic(target, merged.encode("utf-8"))
    records = sum(1 for r in chosen if r.get("type") != "Passage")
    passages = sum(1 for r in chosen if r.get("type") == "Passage")
    return target, f"merged {records} records and {passages} passages into {target}"


def evaluate_text(notes: Path, data_paths: list[Path], gold: Path, gold_source: str | None = None) -> str:
    """Precision and recall of the candidates against a gold data directory."""
    from graph.build import build
    from graph.ingest.evaluate import evaluate

    s = Session(notes, data_paths)
    if s.reviewed:
        raise AikgError("--evaluate takes the notes themselves, not a candidate file", notes)
    gold_build = build([gold], checks=False)
    source = gold_source or cand.notes_source(s.doc, s.known, s.vocab)
    return evaluate(s.loaded, gold_build.kg, source, s.vocab).text()
