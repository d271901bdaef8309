"""Importing the sources analysts download: Epoch AI's model database, Hugging Face model cards and listings,
arXiv's metadata snapshot, as the project's JSON Lines records, reconciled with the graph.

:data:`IMPORTERS` is the one table of what can be imported. :func:`import_file`
reads a file (or a folder of model cards), finds each entity among the curated
records (:mod:`graph.imports.reconcile`), and writes one Source record for the
file and a record an entity (``extend:`` for a known one), every fact citing that
source, atomically: a failed import leaves the previous output as it was.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "m.csv").write_text("Model,Organization,Publication date,Parameters\\nGPT-2 (1.5B),OpenAi,2019-02-14,1.5e+09\\n")
>>> r = import_file("epoch", d / "m.csv", d / "m.jsonl", data=["data"], retrieved="2026-12-01")
>>> r.matched_by_label, r.new, (d / "m.jsonl").read_text().splitlines()[1][:38]
(2, 0, '{"extend": "gpt-2", "label": {"en": "G')
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from graph.atomic import open_atomic
from graph.errors import AikgError
from graph.formats import IMPORT_KINDS
from graph.gcpause import paused_gc
from graph.imports import arxiv, epoch, hub
from graph.imports.model import Batch, Problem
from graph.imports.names import name_key
from graph.imports.reconcile import Index, Match, reconcile
from graph.imports.records import entity_record
from graph.imports.values import day
from graph.ingest.ids import slugify
from graph.records.discovery import find_inputs
from graph.records.load import load_records
from graph.vocabulary import load_vocabulary


@dataclass(frozen=True)
class Importer:
    """One kind of download (a key of :data:`graph.formats.IMPORT_KINDS`): how it is read, the title of its
    Source record, and the page it comes from (where known)."""

    kind: str
    rows: Callable[[Path], Iterable[Batch]]  # the file as a stream: one batch a row, card or line
    title: str
    url: str = ""
    folder: bool = False  # PATH is a folder (of model cards), not a file

    @property
    def what(self) -> str:
        return IMPORT_KINDS[self.kind]


#: The reader of every kind ``aikg import`` reads, one row each.
IMPORTERS = {i.kind: i for i in (
    Importer("epoch", epoch.rows, "Epoch AI, AI models database", "https://epoch.ai/data/notable-ai-models"),
    Importer("hf-cards", hub.card_rows, "Hugging Face model cards", folder=True),
    Importer("hf-api", hub.listing_rows, "Hugging Face Hub model listing"),
    Importer("arxiv", arxiv.rows, "arXiv metadata snapshot"),
)}
assert set(IMPORTERS) == set(IMPORT_KINDS), "a reader for every kind of graph.formats.IMPORT_KINDS"


@dataclass
class ImportReport:
    """What an import did: counts for the summary line, each ambiguous match with its candidates, the problems."""

    output: Path
    source: str
    read: int = 0
    used: int = 0
    matched_by_identifier: int = 0
    matched_by_label: int = 0
    new: int = 0
    ambiguous: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (label, new id, candidates)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: what was read and written."""
        return (f"wrote {self.output}: {self.used} of {self.read} read, {self.matched_by_identifier} matched by identifier, "
                f"{self.matched_by_label} by name, {self.new} new, {len(self.ambiguous)} ambiguous"
                f"{f', {len(self.problems)} problems' if self.problems else ''} (source {self.source})")

    def details(self) -> str:
        """The report of ``--report``: ambiguous matches with their candidates, ignored columns."""
        lines = [f"matched by identifier: {self.matched_by_identifier}", f"matched by name: {self.matched_by_label}",
                 f"new: {self.new}", f"ambiguous (left separate): {len(self.ambiguous)}"]
        lines += [f"  {label} -> {rid}; candidates: {', '.join(c)}" for label, rid, c in self.ambiguous]
        if self.ignored_columns:
            lines.append("columns ignored: " + ", ".join(self.ignored_columns))
        return "\n".join(lines)


def import_file(kind: str, path: str | Path, output: str | Path, data: Iterable[str | Path] = ("data",),
                title: str = "", url: str = "", license: str = "", retrieved: str = "") -> ImportReport:
    """Import ``path`` as ``kind`` (a row of :data:`IMPORTERS`) into ``output``, reconciled with the records in ``data``."""
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise AikgError(f"unknown kind {kind!r}; one of: {', '.join(IMPORTERS)}")
    path = Path(path)
    if retrieved and day(retrieved) != retrieved:
        raise AikgError(f"--retrieved {retrieved!r}: give the day the file was downloaded as YYYY-MM-DD")
    if importer.folder and not path.is_dir():
        raise AikgError(f"{path}: {kind} reads a folder ({importer.what})")
    if not importer.folder and not path.is_file():
        raise AikgError(f"{path}: no such file ({importer.what})")
    vocab = load_vocabulary()
    out = Path(output).resolve()
    # the records the import is reconciled with: all of data but the output itself (an earlier run of this import,
    # which this one replaces)
    inputs = find_inputs([p for p in data if Path(p).exists()]).records
    records = load_records([f for f in inputs if Path(f).resolve() != out], vocab)
    index = Index.of(records, vocab)
    known = {rid: set(names) for rid, names in index.spellings.items()}
    source = _source(importer, path, index, title, url, license, retrieved)
    # Two passes over the file, so that memory holds the entities' names, not the rows' facts: the first
    # gathers what reconciliation needs (names, identifiers, developers), the second writes each row's records.
    with paused_gc():
        return _import(importer, path, Path(output), index, known, source)


def _import(importer: Importer, path: Path, output: Path, index: Index, known: dict[str, set[str]],
            source: dict[str, Any]) -> ImportReport:
    names = Batch()
    for row in importer.rows(path):
        for e in row.entities.values():
            e.facts = {}
            e.links = [x for x in e.links if x[0] == "developed_by"]
        names.merge(row)
    if not names.used:  # nothing to import: say why, and leave an earlier output as it was
        raise AikgError("\n".join([str(p) for p in names.problems[:20]]
                                  + [f"nothing imported from {path}; {output} is left as it was"]))
    matches = reconcile(names, index)
    written: set[str] = set()
    with open_atomic(output) as f:
        f.write((json.dumps(source, ensure_ascii=False) + "\n").encode("utf-8"))
        for row in importer.rows(path):
            for e in row.entities.values():
                rec = entity_record(e, names.entities[e.key], matches, source["id"],
                                    known.get(matches[e.key].record, set()), e.key not in written)
                written.add(e.key)
                if rec is not None:
                    f.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
    return _report(Path(output), source["id"], names, matches)


def _source(importer: Importer, path: Path, index: Index, title: str, url: str, licence: str,
            retrieved: str) -> dict[str, Any]:
    """The Source record of the imported file: named after it, retrieved on the day given or the file's date."""
    when = retrieved or dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    rid = slugify(f"{importer.kind} {path.stem} {when}")
    n = 2
    base = rid
    while rid in index.ids:  # another source of that name in the curated records: a new id, never theirs
        rid, n = f"{base}-{n}", n + 1
    rec: dict[str, Any] = {"id": rid, "type": "WebPage", "label": {"en": title or f"{importer.title} ({path.name}, {when})"}}
    if url or importer.url:
        rec["url"] = url or importer.url
    if licence:
        rec["license"] = licence
    rec["retrieved"] = when
    return rec


def _report(output: Path, source: str, batch: Batch, matches: dict[str, Match]) -> ImportReport:
    r = ImportReport(output, source, batch.read, batch.used, problems=list(batch.problems),
                     ignored_columns=list(batch.ignored_columns))
    for e in batch.entities.values():
        m = matches[e.key]
        if m.how == "identifier":
            r.matched_by_identifier += 1
        elif m.how == "label":
            r.matched_by_label += 1
        else:
            r.new += 1
            if m.how == "ambiguous":
                r.ambiguous.append((e.label, m.record, m.candidates))
    return r


__all__ = ["IMPORTERS", "ImportReport", "import_file", "name_key"]
