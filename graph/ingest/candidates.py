"""Candidate records from survey notes, and their YAML for review.

Every fact cites a *passage*: a source record of type ``Passage`` for the
block it came from, with the notes file, line range, text and the confidence
of the rules that fired (``aikg build`` puts each passage's facts in its own
named graph, so "who says so" answers with the exact lines). A record about a
known entity is written as ``extend: ID`` (it adds facts to that record); a new
entity gets its own record. Each record carries ``review: {status, confidence}``
for the reviewer; set ``status: rejected`` to leave a record out of a merge
(:mod:`graph.ingest.merge` reads the reviewed file and merges it).

>>> from graph.ingest.markdown import parse_markdown
>>> doc = parse_markdown("# Models\\n- 2023年：Acme 发布了 Foo 模型。\\n", "notes.md")
>>> recs = candidate_records(doc, [])
>>> sorted(r.get("id") for r in recs)
['acme', 'foo', 'notes', 'notes-l2']
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph.errors import AikgError
from graph.ingest import ids
from graph.ingest.extract import Extraction
from graph.ingest.extraction_state import Entity, Fact, Result
from graph.ingest.fit import Fitter, parse_value
from graph.ingest.linker import Linker
from graph.ingest.markdown import Document, read_markdown
from graph.records.kinds import KINDS
from graph.records.rules import IDENTIFIER_PATTERNS
from graph.records.model import Record
from graph.records.parse import read_records_text
from graph.records.references import check_references
from graph.records.rules import RECORD_KEYS
from graph.records.yamlread import LocatedDict, LocatedList
from graph.vocabulary import Vocabulary, load_vocabulary

HEADER = ("# Candidate records extracted by `aikg ingest` from {path}.\n"
          "# Review them: each record has review: {{status: linked|new, confidence}}; set status: rejected\n"
          "# to leave one out, then merge with: aikg ingest --merge {name}\n")


def _front_date(front: dict) -> str | None:
    for key in ("date", "time", "published", "created"):
        v = front.get(key)
        if isinstance(v, (dt.date, dt.datetime)):
            return (v.date() if isinstance(v, dt.datetime) else v).isoformat()
        if isinstance(v, str):
            m = re.match(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})", v)
            if m:
                try:
                    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
                except ValueError:
                    return None
    return None


def _label(name: str) -> dict[str, str]:
    """A label map: a name written in Chinese is the ``zh`` label, and its pinyin the English one until a reviewer
    gives one (the text gave none).

    >>> _label("元语智能"), _label("Orca-2")
    ({'en': 'Yuanyu Zhineng', 'zh': '元语智能'}, {'en': 'Orca-2'})
    """
    if re.search(r"[\u4e00-\u9fff]", name):
        return {"en": ids.romanized_label(name), "zh": name}
    return {"en": name}


def value_key(v: Any) -> str:
    """A value as text that is the same for equal values (keys of a mapping sorted), to compare and deduplicate them.

    >>> value_key({"unit": "tokens", "value": 5}) == value_key({"value": 5, "unit": "tokens"})
    True
    """
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


#: The facts of each subject, by key: each distinct value (by :func:`value_key`) with the passages that say it.
Grouped = dict[str, dict[str, dict[str, tuple[Any, list[str]]]]]


def candidate_records(doc: Document, known: list[Record], vocab: Vocabulary | None = None,
                      source_id: str | None = None) -> list[dict]:
    """The candidate records (plain dicts in data/ format) for a parsed document.

    The notes' own record comes first, then a passage per block that yielded facts,
    then a record per entity in the order the notes name them.
    """
    return candidate_set(doc, known, vocab, source_id).records


@dataclass
class Candidates:
    """The candidate records of some notes, and the facts held back from them (entries of ``held_back:``)."""

    records: list[dict]
    held_back: list[dict]


def candidate_set(doc: Document, known: list[Record], vocab: Vocabulary | None = None,
                  source_id: str | None = None) -> Candidates:
    """The candidate records of a parsed document, fitted to the ontology, and what was held back.

    >>> from graph.ingest.markdown import parse_markdown
    >>> doc = parse_markdown("# Models\\n- 2023年：Acme 发布了 Foo 模型。\\n- 2024年：Acme 发布了 Foo 模型。\\n", "n.md")
    >>> [(h["subject"], h["key"], h["value"], h["lines"], h["reason"]) for h in candidate_set(doc, []).held_back]
    [('foo', 'released', '2024', '3', 'released takes one value: kept 2023')]
    """
    vocab = vocab or load_vocabulary()
    result = Extraction(doc, Linker(known, vocab), source_id).run()
    c = _Candidates(result, doc, known, vocab)
    return Candidates(c.records(), c.held_entries())


def _line_range(start: int, end: int) -> str:
    """Lines as a passage names them.

    >>> _line_range(3, 3), _line_range(3, 5)
    ('3', '3-5')
    """
    return f"{start}" + (f"-{end}" if end != start else "")


def _facts_by_block(facts: list[Fact]) -> dict[tuple[int, int], list[Fact]]:
    """The facts of each block (by its first and last line), blocks in order of lines."""
    by_block: dict[tuple[int, int], list[Fact]] = defaultdict(list)
    for f in facts:
        by_block[(f.block.line, f.block.end)].append(f)
    return dict(sorted(by_block.items()))


def _passage_record(pid: str, source_key: str, notes_name: str, lines: tuple[int, int], facts: list[Fact]) -> dict:
    """The ``Passage`` record of one block: its lines, its text and how sure the least sure of its rules is."""
    where = _line_range(*lines)
    return {
        "id": pid, "type": "Passage", "label": {"en": f"{notes_name}:{where}"}, "in_source": source_key,
        "lines": where, "quote": facts[0].block.raw.strip() or facts[0].block.text,
        "confidence": round(min(f.confidence for f in facts), 2), "extracted_by": "aikg ingest",
    }


def _grouped_facts(facts: list[Fact], passage_of: dict[tuple[int, int], str]) -> Grouped:
    """Facts grouped by subject and key, values deduplicated, each with the passages that say it (once each)."""
    grouped: Grouped = defaultdict(lambda: defaultdict(dict))
    cited: set[tuple[str, str, str, str]] = set()  # (subject, key, value, passage) already listed
    for f in facts:
        if f.key == "type":
            continue
        slot = grouped[f.subject][f.key]
        k = value_key(f.value)
        if k not in slot:
            slot[k] = (f.value, [])
        pid = passage_of[(f.block.line, f.block.end)]
        if (f.subject, f.key, k, pid) not in cited:
            cited.add((f.subject, f.key, k, pid))
            slot[k][1].append(pid)
    return grouped


def _passages_naming(result: Result, passage_of: dict[tuple[int, int], str]) -> dict[str, list[str]]:
    """The passages whose facts name each entity (as subject or value), in order, each once."""
    mentioned: dict[str, list[str]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for f in result.facts:
        pid = passage_of[(f.block.line, f.block.end)]
        for key in (f.subject, f.value if isinstance(f.value, str) else None):
            if key in result.entities and (key, pid) not in seen:
                seen.add((key, pid))
                mentioned[key].append(pid)
    return mentioned


class _Candidates:
    """The candidate records of one extraction: the notes' own record, the passages, a record per entity."""

    def __init__(self, result: Result, doc: Document, known: list[Record], vocab: Vocabulary):
        self.result = result
        self.doc = doc
        self.vocab = vocab
        self.src = result.source
        self.by_block = _facts_by_block(result.facts)
        self.passage_of = {lines: f"{self.src.key}-l{_line_range(*lines)}" for lines in self.by_block}
        self.known_ids = {r.id for r in known if not r.extends}
        self.mentioned = _passages_naming(result, self.passage_of)
        self.first_passage = next(iter(self.passage_of.values()), None)
        self.types = self.record_types(known)
        self.date = _front_date(doc.front) if not self.src.linked else None
        first = {(self.src.key, "released"): parse_value(vocab.keys["released"], self.date, vocab)} if self.date else {}
        grouped = self.with_variants(_grouped_facts(result.facts, self.passage_of))
        self.grouped, self.held = Fitter(vocab, known, self.types, self.src.key, first).fit(grouped)

    def record_types(self, known: list[Record]) -> dict[str, str]:
        """The class of every record a candidate may name: the known ones, and each entity as it will be written."""
        types = {r.id: r.type for r in known if not r.extends}
        for key, e in self.result.entities.items():
            if key not in types:
                types[key] = self.vocab.types[self.type_name(e)]
        if self.src.key not in types:
            types[self.src.key] = self.vocab.types["Survey"]
        return types

    def type_name(self, e: Entity) -> str:
        """The type a new entity's record is written with (a technique when the rules gave none the ontology has)."""
        return e.type if e.type in self.vocab.types else "Technique"

    def with_variants(self, grouped: Grouped) -> Grouped:
        """The facts, and that each new size variant ("Foo-7B") is a version of its model, cited by its first passage."""
        for key, e in self.result.entities.items():
            sources = self.sources_of(key)
            if e.linked or not e.variant_of or not sources or "version_of" in grouped.get(key, {}):
                continue
            grouped.setdefault(key, defaultdict(dict))["version_of"] = {value_key(e.variant_of): (e.variant_of,
                                                                                               sources[:1])}
        return grouped

    def sources_of(self, key: str) -> list[str]:
        """The passages an entity's record cites: those that name it, else the first."""
        return self.mentioned.get(key) or ([self.first_passage] if self.first_passage else [])

    def held_entries(self) -> list[dict]:
        """The held-back facts as entries of the candidates' ``held_back:`` list."""
        lines_of = {pid: _line_range(*lines) for lines, pid in self.passage_of.items()}
        return [h.entry(lines_of) for h in self.held]

    def records(self) -> list[dict]:
        """The notes' own record (when they are not a known source), the passages, the entities in order of lines."""
        out = [] if self.src.linked else [self.notes_record()]
        out += self.passages()
        for key in sorted(self.result.entities, key=lambda k: (self.result.entities[k].line, k)):
            if key != self.src.key or (self.src.linked and key in self.grouped):
                rec = self.entity_record(key)
                if rec is not None:
                    out.append(rec)
        return out

    def notes_record(self) -> dict:
        """The notes' own record (a new ``Survey``), with the facts about the notes."""
        rec: dict[str, Any] = {"id": self.src.key, "type": "Survey", "label": _label(self.src.label)}
        if self.date:
            rec["released"] = self.date
        rec["review"] = {"status": "new", "confidence": 1.0}
        facts = self.grouped.get(self.src.key, {})
        self.put_facts(rec, {k: v for k, v in facts.items() if not (self.date and k == "released")})
        return rec

    def passages(self) -> list[dict]:
        """A passage per block that yielded facts, but for those merged before (already records)."""
        name = self.doc.path.rsplit("/", 1)[-1]
        return [_passage_record(pid, self.src.key, name, lines, self.by_block[lines])
                for lines, pid in self.passage_of.items() if pid not in self.known_ids]

    def entity_record(self, key: str) -> dict | None:
        """The record of an entity (``extend:`` for a known one), citing the passages that name it; None if none do."""
        e = self.result.entities[key]
        facts = self.grouped.get(key, {})
        sources = self.sources_of(key)
        if not sources:
            return None
        if e.linked:
            rec = {"extend": key, "review": {"status": "linked", "confidence": round(e.confidence, 2)}}
        else:
            rec = self.new_entity_head(e, self.type_name(e))
        self.put_facts(rec, facts)
        rec["sources"] = sources
        return rec

    @staticmethod
    def new_entity_head(e: Entity, type_name: str) -> dict[str, Any]:
        """What a new entity's record says before its facts: id, type, labels, other names, review."""
        rec: dict[str, Any] = {"id": e.key, "type": type_name, "label": dict(e.labels) or _label(e.label)}
        others = sorted(n for n in e.names if n not in (e.label, *e.labels.values()))
        if others:
            rec["aliases"] = others
        ids = {k: v for k, v in sorted(e.ids.items())
               if k in IDENTIFIER_PATTERNS and IDENTIFIER_PATTERNS[k][0].fullmatch(v)}  # from its links
        if ids:
            rec["ids"] = ids
        rec["review"] = {"status": "new", "confidence": round(e.confidence, 2)}
        return rec

    def put_facts(self, rec: dict, facts: dict[str, dict[str, tuple[Any, list[str]]]]) -> None:
        """The facts under their keys, in order of keys: one value for a key that takes one, else a list."""
        for fact_key in sorted(facts):
            spec = self.vocab.keys.get(fact_key)
            values = list(facts[fact_key].values())
            if spec is None:
                continue
            if spec.functional or KINDS[spec.kind].by_language:
                values = values[:1]
            rec[fact_key] = [_with_sources(spec.kind, v, s) for v, s in values]
            if spec.functional or KINDS[spec.kind].by_language or (KINDS[spec.kind].measure and len(values) == 1):
                rec[fact_key] = rec[fact_key][0]


def _with_sources(kind: str, value: Any, sources: list[str]) -> Any:
    if KINDS[kind].structured and isinstance(value, dict):
        return {**value, "sources": sources}
    if KINDS[kind].refers:
        return {"id": value, "sources": sources}
    return {"value": value, "sources": sources}


def notes_source(doc: Document, known: list[Record], vocab: Vocabulary | None = None) -> str:
    """The id of the source the notes are: a known source with the notes' title, or a new id."""
    return Extraction(doc, Linker(known, vocab or load_vocabulary())).notes_source().key


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter (the same YAML as PyYAML's own, several times faster; the pure-Python one otherwise),
    which writes the located values of a reviewed file as the plain mappings and lists they are."""


_Dumper.add_representer(LocatedDict, _Dumper.represent_dict)
_Dumper.add_representer(LocatedList, _Dumper.represent_list)


def dump_records(records: list[dict], header: str = "") -> str:
    """Records as readable YAML (one blank line between records)."""
    return "\n".join(([header] if header else []) + _dumped(records))


def _dumped(records: list[dict]) -> list[str]:
    """The YAML of each record, a one-item list."""
    return [yaml.dump([rec], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
            for rec in records]


#: Candidates are read back in pieces of about this many characters of YAML (a piece's parse tree is
#: some fifty times its size, and only one piece's is held at a time).
READ_PIECE = 2_000_000


def dump_candidates(records: list[dict], held_back: list[dict], header: str = "") -> str:
    """A candidates file: the records as a YAML list, or, when facts were held back, a mapping of the
    ``records:`` list and the ``held_back:`` list (facts for the reviewer, never loaded).

    >>> print(dump_candidates([{"id": "n", "type": "Survey", "label": {"en": "N"}}], [{"subject": "n", "key": "uses"}]))
    records:
    - id: n
      type: Survey
      label: {en: N}
    <BLANKLINE>
    held_back:
    - {subject: n, key: uses}
    <BLANKLINE>
    """
    return "\n".join(([header] if header else []) + [_candidates_text(_dumped(records), held_back)])


def _candidates_text(parts: list[str], held_back: list[dict]) -> str:
    """The text of the dumped records and the held-back facts (see :func:`dump_candidates`)."""
    text = "\n".join(parts)
    if not held_back:
        return text
    held = yaml.dump(held_back, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=None)
    return "records:\n" + (text or "[]\n") + "\nheld_back:\n" + held


#: Candidates are read back in pieces of about this many characters of YAML (a piece's parse tree is
#: some fifty times its size, and only one piece's is held at a time).
READ_PIECE = 2_000_000


def read_back(records: list[dict], path: str, vocab: Vocabulary,
              held_back: list[dict] = ()) -> tuple[str, list[Record]]:  # type: ignore[assignment]
    """The candidates' YAML (as :func:`dump_candidates` writes it) and the records it reads as, as ``data/`` is read.

    The same as reading the records of ``dump_candidates(records, held_back)``, a piece at a time:
    each piece is read where it stands in the whole text (after as many empty lines), so that
    records and errors have the lines of the whole text.

    >>> text, loaded = read_back([{"id": "n", "type": "Survey", "label": {"en": "N"}}] * 2, "c.yaml", load_vocabulary())
    >>> [(r.id, r.line) for r in loaded], text.count("\\n")
    ([('n', 1), ('n', 5)], 7)
    >>> text, loaded = read_back([{"id": "n", "type": "Survey", "label": {"en": "N"}}], "c.yaml", load_vocabulary(), [{"a": 1}])
    >>> [(r.id, r.line) for r in loaded], text.splitlines()[0]
    ([('n', 2)], 'records:')
    """
    parts = _dumped(records)
    loaded: list[Record] = []
    line = 1 if held_back else 0  # the piece is parts[start:k]; it begins after `line` lines of the whole text
    start = size = 0
    for k, part in enumerate(parts + [None]):
        if part is not None and (size < READ_PIECE or start == k):
            size += len(part)
            continue
        piece = "\n".join(parts[start:k])
        loaded += read_records_text("\n" * line + piece, path, vocab)
        line += piece.count("\n") + 1
        start, size = k, len(part or "")
    return _candidates_text(parts, held_back), loaded


#: How many facts (or records) that the checks refuse :func:`settle` holds back before it gives up.
SETTLE_LIMIT = 1000


def settle(cands: Candidates, known: list[Record], path: str, vocab: Vocabulary) -> tuple[str, list[Record]]:
    """The candidates' YAML and records, read back and checked with the known records (:func:`check_references`).

    Fitting (:mod:`graph.ingest.fit`) makes them pass; should a check still refuse one, the fact
    (or the record) it names is held back with the check's message, and the rest read again.

    >>> c = Candidates([{"id": "n", "type": "Survey", "label": {"en": "N"}, "cites": {"id": "nowhere", "sources": ["n"]}}], [])
    >>> text, loaded = settle(c, [], "c.yaml", load_vocabulary())
    >>> [h["reason"] for h in c.held_back], loaded[0].facts
    (["cites refers to unknown id 'nowhere'"], [])
    """
    for _ in range(SETTLE_LIMIT):
        try:
            text, loaded = read_back(cands.records, path, vocab, cands.held_back)
            check_references(known + loaded, vocab)
            return text, loaded
        except AikgError as exc:
            if exc.path != path or exc.line is None:
                raise
            _hold_at(cands, exc.line, exc.message)
    raise AikgError(f"more than {SETTLE_LIMIT} candidate facts refused", path)


def _hold_at(cands: Candidates, line: int, reason: str) -> None:
    """Hold back the fact at a line of the candidates' YAML (the whole record, at its first line)."""
    at = 2 if cands.held_back else 1
    for k, part in enumerate(_dumped(cands.records)):
        n = part.count("\n") + 1
        if line < at + n:
            key = _key_at(part, line - at)
            rec = cands.records[k]
            if key is None or key in RECORD_KEYS:
                del cands.records[k]
                key = None
            subject = rec.get("id") or rec.get("extend")
            for fact_key in ([key] if key else [k2 for k2 in rec if k2 not in RECORD_KEYS]):
                values = rec.pop(fact_key) if key else rec[fact_key]
                for v in values if isinstance(values, list) else [values]:
                    passages = v.get("sources") if isinstance(v, dict) else None
                    cands.held_back.append({"subject": subject, "key": fact_key, "value": _bare(v),
                                            "passage": (passages or rec.get("sources") or [None])[0],
                                            "reason": reason if key else f"record left out: {reason}"})
            return
        at += n
    raise AikgError(reason, "<candidates>", line)


def _key_at(part: str, offset: int) -> str | None:
    """The top-level key of a dumped record (``- [rec]``) at a line of it (0 is its first).

    >>> _key_at("- id: a\\n  uses:\\n  - id: b\\n", 2), _key_at("- id: a\\n", 0)
    ('uses', 'id')
    """
    found = None
    for i, text in enumerate(part.split("\n")[:offset + 1]):
        m = re.match(r"(?:- |  )([A-Za-z_]+):", text)
        if m:
            found = m.group(1)
    return found


def _bare(value: Any) -> Any:
    """A written value without its sources."""
    if isinstance(value, dict):
        inner = {k: v for k, v in value.items() if k != "sources"}
        return inner.get("id", inner.get("value", inner)) if set(inner) <= {"id", "value"} and inner else inner
    return value


def ingest(path: str | Path, known: list[Record], vocab: Vocabulary | None = None) -> tuple[Document, list[dict]]:
    """Read notes and return the document and its candidate records."""
    doc, cands = ingest_candidates(path, known, vocab)
    return doc, cands.records


def ingest_candidates(path: str | Path, known: list[Record],
                      vocab: Vocabulary | None = None) -> tuple[Document, Candidates]:
    """Read notes and return the document, its candidate records and the facts held back."""
    doc = read_markdown(path)
    return doc, candidate_set(doc, known, vocab)


def records_from_notes(path: str | Path, known: list[Record], vocab: Vocabulary | None = None) -> list[Record]:
    """Candidate records as loaded records, for ``aikg build`` with .md inputs (held-back facts left out)."""
    vocab = vocab or load_vocabulary()
    return settle(ingest_candidates(path, known, vocab)[1], known, f"{path} (candidates)", vocab)[1]


def yaml_header(path: str, out_name: str) -> str:
    """The comment block at the top of a candidate file."""
    return HEADER.format(path=path, name=out_name)


__all__ = ["Candidates", "candidate_records", "candidate_set", "dump_candidates", "dump_records", "ingest",
           "ingest_candidates", "notes_source", "read_back", "records_from_notes", "settle", "value_key", "yaml_header"]
