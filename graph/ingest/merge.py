"""Reviewed candidates into data/: the reviewer's file as written, what a merge would add, the file it writes.

A reviewed candidate file is read as ``data/`` is (located YAML, aliases
refused) and its records are parsed from those same values, so that every
error names the reviewer's own file and line. Each record's ``review:`` mark
is checked too: ``status: rejected``, or a confidence below the threshold,
leaves the record out of a merge; a merge adds only what ``data/`` does not
say already.

>>> import tempfile, pathlib
>>> c = pathlib.Path(tempfile.mkdtemp()) / "c.yaml"
>>> _ = c.write_text("- id: n\\n  type: Survey\\n  label: {en: N}\\n  review: {status: rejected}\\n", encoding="utf-8")
>>> records, loaded = read_reviewed(c, load_vocabulary())
>>> [(r.id, r.line) for r in loaded], accepted(records, 0.5)
([('n', 1)], [])
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from graph.errors import AikgError
from graph.ingest.candidates import dump_records, value_key
from graph.records.model import Record
from graph.records.parse import parse_records
from graph.records.rules import did_you_mean
from graph.records.yamlread import LocatedDict, read_yaml_file
from graph.vocabulary import Vocabulary, load_vocabulary

#: What ``review: {status: ...}`` may say: what ``aikg ingest`` wrote (linked, new), or the reviewer's rejection.
REVIEW_STATUSES = ("linked", "new", "rejected")


def read_reviewed(path: str | Path, vocab: Vocabulary) -> tuple[list[dict], list[Record]]:
    """A reviewed candidate file: its records as the mappings written there, and as parsed records.

    Both come from one reading of the file: errors name it and the reviewer's line.

    >>> import tempfile, pathlib
    >>> c = pathlib.Path(tempfile.mkdtemp()) / "c.yaml"
    >>> _ = c.write_text("# reviewed\\n- id: n\\n  type: Surveyy\\n  label: {en: N}\\n", encoding="utf-8")
    >>> read_reviewed(c, load_vocabulary())
    Traceback (most recent call last):
    graph.errors.AikgError: ...c.yaml:3: unknown type 'Surveyy' (did you mean 'Survey'?)
    """
    return read_candidates_file(path, vocab)[:2]


def read_candidates_file(path: str | Path, vocab: Vocabulary) -> tuple[list[dict], list[Record], list[dict]]:
    """A reviewed candidate file: its records as written and as parsed, and its held-back facts (not loaded).

    The file is a YAML list of records, or a mapping of ``records:`` (that list) and ``held_back:``.

    >>> import tempfile, pathlib
    >>> c = pathlib.Path(tempfile.mkdtemp()) / "c.yaml"
    >>> _ = c.write_text("records:\\n- id: n\\n  type: Survey\\n  label: {en: N}\\nheld_back:\\n- {subject: n, key: uses, value: x, reason: r}\\n", encoding="utf-8")
    >>> records, loaded, held = read_candidates_file(c, load_vocabulary())
    >>> [(r.id, r.line) for r in loaded], [h["key"] for h in held]
    ([('n', 2)], ['uses'])
    """
    doc = read_yaml_file(path)
    held: list = []
    if isinstance(doc, LocatedDict):
        doc, held = _candidate_parts(doc, path)
    if not isinstance(doc, list):
        raise AikgError("a candidate file is a YAML list of records", path, getattr(doc, "line", None) or 1)
    for i, item in enumerate(doc):
        if not isinstance(item, dict):
            raise AikgError("a candidate file is a YAML list of records", path, doc.line_of(i))
    records = parse_records(doc, path, vocab)
    for item in doc:
        check_review(item, path)
    return list(doc), records, list(held)


def _candidate_parts(doc: LocatedDict, path: str | Path) -> tuple[Any, list]:
    """The ``records:`` and ``held_back:`` of a candidate file that is a mapping (each held-back fact a mapping)."""
    for key in doc:
        if key not in ("records", "held_back"):
            raise AikgError(f"a candidate file has records: and held_back:, not {key!r}"
                            f"{did_you_mean(str(key), ['records', 'held_back'])}", path, doc.line_of(key))
    held = doc.get("held_back") or []
    if not isinstance(held, list) or not all(isinstance(h, dict) and "subject" in h and "key" in h for h in held):
        raise AikgError("held_back must be a list of facts such as {subject: ..., key: ..., value: ..., reason: ...}",
                        path, doc.line_of("held_back"))
    records = doc.get("records")
    return (records if records is not None else []), held


def check_review(item: LocatedDict, path: str | Path) -> None:
    """A record's ``review:`` mark, if it has one: a mapping of a known status and a confidence from 0 to 1.

    >>> from graph.records.yamlread import read_yaml_text
    >>> check_review(read_yaml_text("review: {status: rejcted}\\n", "c.yaml"), "c.yaml")
    Traceback (most recent call last):
    graph.errors.AikgError: c.yaml:1: review status must be linked, new or rejected, not 'rejcted' (did you mean 'rejected'?)
    """
    if "review" not in item:
        return
    review, line = item["review"], item.line_of("review")
    if not isinstance(review, LocatedDict):
        raise AikgError("review must be a mapping such as {status: rejected} or {status: new, confidence: 0.8}",
                        path, line)
    for key in review:
        if key not in ("status", "confidence"):
            raise AikgError(f"review takes status and confidence, not {key!r}"
                            f"{did_you_mean(str(key), ['status', 'confidence'])}", path, review.line_of(key))
    status = review.get("status")
    if "status" in review and status not in REVIEW_STATUSES:
        raise AikgError(f"review status must be linked, new or rejected, not {status!r}"
                        f"{did_you_mean(str(status), REVIEW_STATUSES)}", path, review.line_of("status"))
    confidence = review.get("confidence")
    if "confidence" in review and (isinstance(confidence, bool) or not isinstance(confidence, (int, float))
                                   or not 0 <= confidence <= 1):
        raise AikgError(f"review confidence must be a number from 0 to 1, not {confidence!r}",
                        path, review.line_of("confidence"))


def accepted(records: list[dict], min_confidence: float) -> list[dict]:
    """Records the reviewer did not reject, at or above the confidence threshold (passages, unmarked, are kept).

    >>> [r["id"] for r in accepted([{"id": "a", "review": {"confidence": 0.4}}, {"id": "p", "type": "Passage"}], 0.5)]
    ['p']
    """
    out = []
    for r in records:
        review = r.get("review") or {}
        if review.get("status") == "rejected" or float(review.get("confidence", 1.0)) < min_confidence:
            continue
        out.append(r)
    return out


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
        return value_key({k: x for k, x in v.items() if k not in ("sources",)})
    return str(v)


def diff(candidates: list[Record], known: list[Record], vocab: Vocabulary | None = None,
         held_back: Iterable[dict] = ()) -> dict[str, list[str]]:
    """What merging would add or change: new entities, new facts, conflicting values, facts held back.

    >>> diff([], [], held_back=[{"subject": "a", "key": "uses", "value": "b", "passage": "p", "reason": "why"}])
    {'new entities': [], 'new facts': [], 'conflicts': [], 'held back': ['a uses: b (p): why']}
    """
    vocab = vocab or load_vocabulary()
    have = _facts_of(known)
    ids = {r.id for r in known if not r.extends}
    report: dict[str, list[str]] = {"new entities": [], "new facts": [], "conflicts": [], "held back": []}
    for h in held_back:
        where = f" ({h['passage']})" if h.get("passage") else ""
        if h.get("known") is not None:
            report["conflicts"].append(f"{h['subject']} {h['key']}: notes say {_shown(h.get('value'))}{where}, "
                                       f"data/ says {_shown(h['known'])}")
        else:
            report["held back"].append(f"{h['subject']} {h['key']}: {_shown(h.get('value'))}{where}: "
                                       f"{h.get('reason', '')}")
    for c in candidates:
        if vocab.is_a(c.type, "https://w3id.org/aiekg/vocab#Passage"):
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


def _shown(value: Any) -> str:
    """A held-back value as the diff shows it.

    >>> _shown({"id": "a", "kind": "finetune"}), _shown(7)
    ('{"id": "a", "kind": "finetune"}', '7')
    """
    return value_key(value) if isinstance(value, (dict, list)) else str(value)


def format_diff(report: dict[str, list[str]]) -> str:
    """The diff as text, a section per kind.

    >>> print(format_diff({"new entities": ["foo (LanguageModel): Foo"], "conflicts": []}))
    new entities: 1
      + foo (LanguageModel): Foo
    conflicts: 0
    """
    lines = []
    for kind, items in report.items():
        lines.append(f"{kind}: {len(items)}")
        mark = {"conflicts": "!", "held back": "-"}.get(kind, "+")
        lines.extend(f"  {mark} {i}" for i in items)
    return "\n".join(lines)


def without_known_facts(records: list[dict], known: list[Record], vocab: Vocabulary) -> list[dict]:
    """Drop facts data/ already has (and functional facts that conflict with it), so a merge only adds.

    >>> without_known_facts([{"id": "a", "type": "Survey", "label": {"en": "A"}}], [], load_vocabulary())
    [{'id': 'a', 'type': 'Survey', 'label': {'en': 'A'}}]
    """
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
                plain = value_key(inner) if isinstance(inner, dict) else str(inner)
                if plain in have[rid].get(k, set()) or (spec.functional and have[rid].get(k)):
                    continue
                kept.append(item)
            if kept:
                trimmed[k] = kept if isinstance(v, list) else kept[0]
        if any(k in vocab.keys for k in trimmed) or not rec.get("extend"):
            out.append(trimmed)
    return out


def merge_text(records: list[dict], notes_path: str) -> str:
    """The YAML of a new data file holding the accepted candidates (their review marks left out).

    >>> print(merge_text([{"id": "a", "type": "Survey", "label": {"en": "A"}, "review": {"status": "new"}}], "n.md"))
    # Facts extracted by `aikg ingest` from n.md and merged after review.
    # Every fact cites the passage (file, lines, text) it came from.
    <BLANKLINE>
    - id: a
      type: Survey
      label: {en: A}
    <BLANKLINE>
    """
    header = (f"# Facts extracted by `aikg ingest` from {notes_path} and merged after review.\n"
              "# Every fact cites the passage (file, lines, text) it came from.\n")
    cleaned = [{k: v for k, v in r.items() if k != "review"} for r in records]
    return dump_records(cleaned, header)


__all__ = ["REVIEW_STATUSES", "accepted", "check_review", "diff", "format_diff", "merge_text", "read_candidates_file",
           "read_reviewed", "without_known_facts"]
