"""Candidate records from survey notes: write them for review, diff them against data/, merge them.

Every fact cites a *passage*: a source record of type ``Passage`` for the
block it came from, with the notes file, line range, text and the confidence
of the rules that fired (``aikg build`` puts each passage's facts in its own
named graph, so "who says so" answers with the exact lines). A record about a
known entity is written as ``extend: ID`` (it adds facts to that record); a new
entity gets its own record. Each record carries ``review: {status, confidence}``
for the reviewer; set ``status: rejected`` to leave a record out of a merge.

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
from typing import Any, Iterable

import yaml

from graph.errors import AikgError
from graph.ingest.extract import Extraction, Fact, Result
from graph.ingest.linker import Linker
from graph.ingest.markdown import Document, read_markdown
from graph.records.kinds import KINDS
from graph.records.parse import Record, read_records_text
from graph.vocabulary import Vocabulary, load_vocabulary
from graph.records.yamlread import read_yaml_file

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


def _value_key(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def candidate_records(doc: Document, known: list[Record], vocab: Vocabulary | None = None,
                      source_id: str | None = None) -> list[dict]:
    """The candidate records (plain dicts in data/ format) for a parsed document."""
    vocab = vocab or load_vocabulary()
    result: Result = Extraction(doc, Linker(known, vocab), source_id).run()
    src = result.source
    name = doc.path.rsplit("/", 1)[-1]
    out: list[dict] = []
    if not src.linked:
        rec: dict[str, Any] = {"id": src.key, "type": "Survey", "label": _label(src.label)}
        date = _front_date(doc.front)
        if date:
            rec["released"] = date
        rec["review"] = {"status": "new", "confidence": 1.0}
        out.append(rec)
    # one passage per block that yielded facts
    by_block: dict[tuple[int, int], list[Fact]] = defaultdict(list)
    for f in result.facts:
        by_block[(f.block.line, f.block.end)].append(f)
    passage_of: dict[tuple[int, int], str] = {}
    known_ids = {r.id for r in known if not r.extends}
    for (start, end), facts in sorted(by_block.items()):
        pid = f"{src.key}-l{start}" + (f"-{end}" if end != start else "")
        passage_of[(start, end)] = pid
        if pid in known_ids:  # merged before: the passage is already a record
            continue
        out.append({
            "id": pid, "type": "Passage",
            "label": {"en": f"{name}:{start}" + (f"-{end}" if end != start else "")},
            "in_source": src.key, "lines": f"{start}" + (f"-{end}" if end != start else ""),
            "quote": facts[0].block.raw.strip() or facts[0].block.text,
            "confidence": round(min(f.confidence for f in facts), 2), "extracted_by": "aikg ingest",
        })
    # facts grouped by subject and key, values deduplicated, sources merged
    grouped: dict[str, dict[str, dict[str, tuple[Any, list[str]]]]] = defaultdict(lambda: defaultdict(dict))
    cited: set[tuple[str, str, str, str]] = set()  # (subject, key, value, passage) already listed
    for f in result.facts:
        if f.key == "type":
            continue
        value = f.value
        slot = grouped[f.subject][f.key]
        k = _value_key(value)
        if k not in slot:
            slot[k] = (value, [])
        pid = passage_of[(f.block.line, f.block.end)]
        if (f.subject, f.key, k, pid) not in cited:
            cited.add((f.subject, f.key, k, pid))
            slot[k][1].append(pid)
    mentioned: dict[str, list[str]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for f in result.facts:
        pid = passage_of[(f.block.line, f.block.end)]
        for key in (f.subject, f.value if isinstance(f.value, str) else None):
            if key in result.entities and (key, pid) not in seen:
                seen.add((key, pid))
                mentioned[key].append(pid)
    first_passage = next(iter(passage_of.values()), None)
    for key in sorted(result.entities, key=lambda k: (result.entities[k].line, k)):
        e = result.entities[key]
        if key == src.key and src.linked and key not in grouped:
            continue
        if key == src.key and not src.linked:  # the notes' own record, written first: add its facts there
            for fact_key, values in sorted(grouped.get(key, {}).items()):
                spec = vocab.keys.get(fact_key)
                if spec:
                    out[0][fact_key] = [_with_sources(spec.kind, v, s) for v, s in values.values()]
            continue
        facts = grouped.get(key, {})
        sources = mentioned.get(key) or ([first_passage] if first_passage else [])
        if not sources:
            continue
        if e.linked:
            rec = {"extend": key, "review": {"status": "linked", "confidence": round(e.confidence, 2)}}
        else:
            rec = {"id": key, "type": e.type or "Technique", "label": _label(e.label)}
            others = sorted(n for n in e.names if n != e.label)
            if others:
                rec["aliases"] = others
            rec["review"] = {"status": "new", "confidence": round(e.confidence, 2)}
            if e.variant_of and "version_of" not in facts:
                facts = dict(facts)
                facts["version_of"] = {_value_key(e.variant_of): (e.variant_of, sources[:1])}
        for fact_key in sorted(facts):
            spec = vocab.keys.get(fact_key)
            values = list(facts[fact_key].values())
            if spec is None:
                continue
            if spec.functional or KINDS[spec.kind].by_language:
                values = values[:1]
            rec[fact_key] = [_with_sources(spec.kind, v, s) for v, s in values]
            if spec.functional or KINDS[spec.kind].by_language or (KINDS[spec.kind].measure and len(values) == 1):
                rec[fact_key] = rec[fact_key][0]
        rec["sources"] = sources
        out.append(rec)
    return out


def _with_sources(kind: str, value: Any, sources: list[str]) -> Any:
    if KINDS[kind].structured and isinstance(value, dict):
        return {**value, "sources": sources}
    if KINDS[kind].refers:
        return {"id": value, "sources": sources}
    return {"value": value, "sources": sources}


def notes_source(doc: Document, known: list[Record], vocab: Vocabulary | None = None) -> str:
    """The id of the source the notes are: a known source with the notes' title, or a new id."""
    return Extraction(doc, Linker(known, vocab or load_vocabulary())).notes_source().key


#: libyaml's emitter writes the same YAML as PyYAML's own, several times faster; the pure-Python one otherwise.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
    doc, cands = ingest(path, known, vocab)
    return read_back(cands, f"{path} (candidates)", vocab)[1]


# ---------------------------------------------------------------- review: diff and merge

def _facts_of(records: Iterable[Record]) -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in records:
        for f in r.facts:
            out[r.id][f.key].add(_plain(f.value))
    return out


def _plain(v: Any) -> str:
    if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], str) and v[1].startswith("http://www.w3.org/2001/XMLSchema#"):
        return str(v[0])  # a date
    if isinstance(v, dict):
        return _value_key({k: x for k, x in v.items() if k not in ("sources",)})
    return str(v)


def diff(candidates: list[Record], known: list[Record], vocab: Vocabulary | None = None) -> dict[str, list[str]]:
    """What merging would add or change: new entities, new facts, conflicting values."""
    vocab = vocab or load_vocabulary()
    have = _facts_of(known)
    ids = {r.id for r in known if not r.extends}
    report: dict[str, list[str]] = {"new entities": [], "new facts": [], "conflicts": []}
    for c in candidates:
        if vocab.is_a(c.type, "https://w3id.org/aikg/vocab#Passage"):
            continue
        if not c.extends and c.id not in ids:
            report["new entities"].append(f"{c.id} ({vocab.type_name(c.type)}): {next(iter(c.labels.values()), '')}")
        for f in c.facts:
            value = _plain(f.value)
            known_values = have.get(c.id, {}).get(f.key, set())
            if value in known_values:
                continue
            spec = vocab.keys.get(f.key)
            where = ", ".join(f.sources)
            if spec and spec.functional and known_values:
                report["conflicts"].append(f"{c.id} {f.key}: notes say {value} ({where}), data/ says "
                                           f"{', '.join(sorted(known_values))}")
            else:
                report["new facts"].append(f"{c.id} {f.key}: {value} ({where})")
    return report


def format_diff(report: dict[str, list[str]]) -> str:
    """The diff as text, a section per kind."""
    lines = []
    for kind, items in report.items():
        lines.append(f"{kind}: {len(items)}")
        lines.extend(f"  + {i}" if kind != "conflicts" else f"  ! {i}" for i in items)
    return "\n".join(lines)


def accepted(records: list[dict], min_confidence: float) -> list[dict]:
    """Records the reviewer did not reject, at or above the confidence threshold (passages and sources kept)."""
    out = []
    for r in records:
        review = r.get("review") or {}
        if review.get("status") == "rejected" or float(review.get("confidence", 1.0)) < min_confidence:
            continue
        out.append(r)
    kept_ids = {r.get("id") for r in out}
    passages_used = {s for r in out for s in r.get("sources", [])}
    return [r for r in out if r.get("type") != "Passage" or r.get("id") in passages_used or r.get("id") in kept_ids]


def without_known_facts(records: list[dict], known: list[Record], vocab: Vocabulary) -> list[dict]:
    """Drop facts data/ already has (and functional facts that conflict with it), so a merge only adds."""
    have = _facts_of(known)
    out = []
    for rec in records:
        rid = rec.get("extend") or rec.get("id")
        if rid not in have:
            out.append(rec)
            continue
        trimmed = {}
        for k, v in rec.items():
            spec = vocab.keys.get(k)
            if spec is None or k in ("sources",):
                trimmed[k] = v
                continue
            values = v if isinstance(v, list) else [v]
            kept = []
            for item in values:
                inner = item.get("value", item.get("id", item)) if isinstance(item, dict) and \
                    set(item) <= {"value", "id", "sources"} else {x: y for x, y in item.items() if x != "sources"} \
                    if isinstance(item, dict) else item
                plain = _value_key(inner) if isinstance(inner, dict) else str(inner)
                if plain in have[rid].get(k, set()) or (spec.functional and have[rid].get(k)):
                    continue
                kept.append(item)
            if kept:
                trimmed[k] = kept if isinstance(v, list) else kept[0]
        if any(k in vocab.keys for k in trimmed) or not rec.get("extend"):
            out.append(trimmed)
    return out


def merge_text(records: list[dict], notes_path: str) -> str:
    """The YAML of a new data file holding the accepted candidates."""
    header = (f"# Facts extracted by `aikg ingest` from {notes_path} and merged after review.\n"
              "# Every fact cites the passage (file, lines, text) it came from.\n")
    cleaned = [{k: v for k, v in r.items() if k != "review"} for r in records]
    return dump_records(cleaned, header)


def load_candidates(path: str | Path) -> list[dict]:
    """A reviewed candidate file (YAML list of records), read as data/ is: aliases refused, errors at file:line."""
    data = read_yaml_file(path)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise AikgError("a candidate file is a YAML list of records", path, getattr(data, "line", None) or 1)
    return [_plain_data(r) for r in data]


def _plain_data(value: Any) -> Any:
    """Plain dicts and lists in place of the located ones (which the YAML writer would not know)."""
    if isinstance(value, dict):
        return {k: _plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_data(v) for v in value]
    return value


def yaml_header(path: str, out_name: str) -> str:
    """The comment block at the top of a candidate file."""
    return HEADER.format(path=path, name=out_name)


__all__ = ["accepted", "candidate_records", "diff", "dump_records", "format_diff", "ingest", "load_candidates",
           "merge_text", "records_from_notes", "without_known_facts", "yaml_header"]
