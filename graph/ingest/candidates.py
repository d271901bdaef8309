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
from pathlib import Path
from typing import Any

import yaml

from graph.ingest.extract import Entity, Extraction, Fact, Result
from graph.ingest.linker import Linker
from graph.ingest.markdown import Document, read_markdown
from graph.records.kinds import KINDS
from graph.records.model import Record
from graph.records.parse import read_records_text
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
    """A label map; a name written in Chinese serves as the English label too until a reviewer gives one."""
    if re.search(r"[\u4e00-\u9fff]", name):
        return {"en": name, "zh": name}
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
    vocab = vocab or load_vocabulary()
    result = Extraction(doc, Linker(known, vocab), source_id).run()
    return _Candidates(result, doc, known, vocab).records()


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
        self.grouped = _grouped_facts(result.facts, self.passage_of)
        self.mentioned = _passages_naming(result, self.passage_of)
        self.first_passage = next(iter(self.passage_of.values()), None)

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
        date = _front_date(self.doc.front)
        if date:
            rec["released"] = date
        rec["review"] = {"status": "new", "confidence": 1.0}
        for fact_key, values in sorted(self.grouped.get(self.src.key, {}).items()):
            spec = self.vocab.keys.get(fact_key)
            if spec:
                rec[fact_key] = [_with_sources(spec.kind, v, s) for v, s in values.values()]
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
        sources = self.mentioned.get(key) or ([self.first_passage] if self.first_passage else [])
        if not sources:
            return None
        if e.linked:
            rec = {"extend": key, "review": {"status": "linked", "confidence": round(e.confidence, 2)}}
        else:
            rec = self.new_entity_head(e)
            if e.variant_of and "version_of" not in facts:
                facts = dict(facts)
                facts["version_of"] = {value_key(e.variant_of): (e.variant_of, sources[:1])}
        self.put_facts(rec, facts)
        rec["sources"] = sources
        return rec

    @staticmethod
    def new_entity_head(e: Entity) -> dict[str, Any]:
        """What a new entity's record says before its facts: id, type, labels, other names, review."""
        rec: dict[str, Any] = {"id": e.key, "type": e.type or "Technique", "label": _label(e.label)}
        others = sorted(n for n in e.names if n != e.label)
        if others:
            rec["aliases"] = others
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


def read_back(records: list[dict], path: str, vocab: Vocabulary) -> tuple[str, list[Record]]:
    """The candidates' YAML (as :func:`dump_records` writes it) and the records it reads as, as ``data/`` is read.

    The same as ``read_records_text(dump_records(records), path, vocab)``, a piece at a time:
    each piece is read where it stands in the whole text (after as many empty lines), so that
    records and errors have the lines of the whole text.

    >>> text, loaded = read_back([{"id": "n", "type": "Survey", "label": {"en": "N"}}] * 2, "c.yaml", load_vocabulary())
    >>> [(r.id, r.line) for r in loaded], text.count("\\n")
    ([('n', 1), ('n', 5)], 7)
    """
    parts = _dumped(records)
    loaded: list[Record] = []
    line = start = size = 0  # the piece is parts[start:k]; it begins after `line` lines of the whole text
    for k, part in enumerate(parts + [None]):
        if part is not None and (size < READ_PIECE or start == k):
            size += len(part)
            continue
        piece = "\n".join(parts[start:k])
        loaded += read_records_text("\n" * line + piece, path, vocab)
        line += piece.count("\n") + 1
        start, size = k, len(part or "")
    return "\n".join(parts), loaded


def ingest(path: str | Path, known: list[Record], vocab: Vocabulary | None = None) -> tuple[Document, list[dict]]:
    """Read notes and return the document and its candidate records."""
    doc = read_markdown(path)
    return doc, candidate_records(doc, known, vocab)


def records_from_notes(path: str | Path, known: list[Record], vocab: Vocabulary | None = None) -> list[Record]:
    """Candidate records as loaded records, for ``aikg build`` with .md inputs."""
    vocab = vocab or load_vocabulary()
    return read_back(ingest(path, known, vocab)[1], f"{path} (candidates)", vocab)[1]


def yaml_header(path: str, out_name: str) -> str:
    """The comment block at the top of a candidate file."""
    return HEADER.format(path=path, name=out_name)


__all__ = ["candidate_records", "dump_records", "ingest", "notes_source", "read_back", "records_from_notes",
           "value_key", "yaml_header"]
