"""Parse curated records from YAML (and rows of JSON Lines and CSV), with file:line for every error.

A record is one entity: an id, a type from the ontology, labels, sources and
facts. A fact's value may carry its own sources (``{value: ..., sources: [...]}``
or ``{id: ..., sources: [...]}``); otherwise the record's sources apply. The
values are parsed by their kind (:mod:`graph.records.kinds`).

>>> from graph.vocabulary import load_vocabulary
>>> [r.id for r in read_records_text("- id: notes\\n  type: Survey\\n  label: {en: My notes}\\n", "s.yaml", load_vocabulary())]
['notes']
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from graph.errors import AikgError
from graph.namespaces import VOCAB
from graph.records.model import Fact, Record
from graph.vocabulary import Key, Vocabulary, load_vocabulary  # noqa: F401 - for the examples
from graph.records.kinds import KINDS, Reader
from graph.records.rules import IDENTIFIER_PATTERNS, LANG, RECORD_KEYS, SLUG, did_you_mean as _did_you_mean
from graph.records.yamlread import LocatedDict, LocatedList, iter_yaml_pieces, read_yaml_text

def iter_records_file(path: Path, vocab: Vocabulary) -> Iterator[Record]:
    """The records of one file, parsed one by one (JSON Lines and CSV are read as a stream, large YAML in pieces).

    >>> [r.id for r in iter_records_file(Path("data/models.yaml"), load_vocabulary())][:2]
    ['gpt-series', 'gpt']
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".csv"):
        from graph.records.bulk import iter_csv, iter_jsonl

        items = iter_jsonl(Path(path)) if suffix == ".jsonl" else iter_csv(Path(path), vocab)
        return (_parse_record(item, str(path), vocab) for item in items)
    return (rec for doc in iter_yaml_pieces(path) for rec in _records_of(doc, path, vocab))


def read_records_text(text: str, path: str, vocab: Vocabulary) -> list[Record]:
    """Parse records from YAML text (errors name ``path``)."""
    return _records_of(read_yaml_text(text, path), path, vocab)


def parse_records(doc: Any, path: str | Path, vocab: Vocabulary) -> list[Record]:
    """Parse records from YAML already read into located values (:func:`read_yaml_text`); errors name ``path``.

    >>> doc = read_yaml_text("# reviewed\\n- id: n\\n  type: Survey\\n  label: {en: N}\\n", "c.yaml")
    >>> [(r.id, r.path, r.line) for r in parse_records(doc, "c.yaml", load_vocabulary())]
    [('n', 'c.yaml', 2)]
    """
    return _records_of(doc, path, vocab)


def _records_of(doc, path, vocab: Vocabulary) -> list[Record]:
    if doc is None:
        return []
    if not isinstance(doc, LocatedList):
        raise AikgError("a data file must be a YAML list of records (- id: ...)", path, 1)
    out = []
    for index, item in enumerate(doc):
        if not isinstance(item, LocatedDict):
            raise AikgError("each record must be a mapping with id and type", path, doc.line_of(index))
        out.append(_parse_record(item, str(path), vocab))
    return out


def _parse_extension(item: LocatedDict, r: Reader) -> Record:
    rid = item["extend"]
    if "id" in item or "type" in item:
        raise r.fail("a record with extend: adds facts to another record; it takes no id or type", item.line)
    if not isinstance(rid, str) or not SLUG.fullmatch(rid):
        raise r.fail(f"extend must name a record id, got {rid!r}", item.line_of("extend"))
    if "sources" not in item:
        raise r.fail(f"extend: {rid!r} names no sources (sources: [source-id, ...])", item.line)
    record = Record(rid, "", r.path, item.line, {}, sources=r.sources(item["sources"], item.line_of("sources")),
                    extends=True)
    record.aliases = _parse_aliases(r, item)
    if "label" in item:  # extra names of a known entity become aliases
        for lang, text in r.text(item["label"], item.line_of("label"), "label").items():
            record.aliases.append((lang, text))
    for key, value in item.items():
        if key in RECORD_KEYS:
            if key == "ids":
                _parse_ids(r, record, value, item.line_of(key))
            continue
        spec = r.vocab.keys.get(key) if isinstance(key, str) else None
        if spec is None or KINDS[spec.kind].in_ids:
            raise r.fail(f"unknown property {key!r}", item.line_of(key))
        _parse_values(r, record, spec, value, item.line_of(key))
    return record


def _parse_record(item: LocatedDict, path: str, vocab: Vocabulary) -> Record:
    r = Reader(path, vocab)
    if "extend" in item:
        return _parse_extension(item, r)
    rid = item.get("id")
    if rid is None:
        raise r.fail("record has no id", item.line)
    if not isinstance(rid, str) or not SLUG.fullmatch(rid):
        raise r.fail(f"id {rid!r} must be lowercase letters, digits and hyphens (e.g. gpt-3)", item.line_of("id"))
    type_name = item.get("type")
    if type_name is None:
        raise r.fail(f"record {rid!r} has no type", item.line)
    if not isinstance(type_name, str):
        raise r.fail(f"type must be the name of a type, got {type_name!r}", item.line_of("type"))
    if type_name not in vocab.types:
        hint = _did_you_mean(str(type_name), vocab.types)
        raise r.fail(f"unknown type {type_name!r}{hint}", item.line_of("type"))
    type_iri = vocab.types[type_name]
    if "label" not in item:
        raise r.fail(f"record {rid!r} has no label", item.line)
    labels = r.text(item["label"], item.line_of("label"), "label")
    if "en" not in labels:
        raise r.fail(f"record {rid!r} needs an English label (label: {{en: ...}})", item.line_of("label"))
    is_source = vocab.is_a(type_iri, VOCAB + "Source")
    if "sources" in item:
        sources = r.sources(item["sources"], item.line_of("sources"))
    elif is_source:
        sources = (rid,)
    else:
        raise r.fail(f"record {rid!r} names no sources (sources: [source-id, ...])", item.line)
    record = Record(rid, type_iri, path, item.line, labels, sources=sources)
    record.aliases = _parse_aliases(r, item)
    for key, value in item.items():
        line = item.line_of(key)
        if key in RECORD_KEYS:
            if key == "ids":
                _parse_ids(r, record, value, line)
            continue
        spec = vocab.keys.get(key) if isinstance(key, str) else None
        if spec is None or KINDS[spec.kind].in_ids:
            known = [k for k, s in vocab.keys.items() if not KINDS[s.kind].in_ids] + sorted(RECORD_KEYS)
            raise r.fail(f"unknown property {key!r}{_did_you_mean(str(key), known)}", line)
        _parse_values(r, record, spec, value, line)
    return record


def _parse_aliases(r: Reader, item: LocatedDict) -> list[tuple[str | None, str]]:
    value = item.get("aliases")
    line = item.line_of("aliases")
    if value is None:
        return []
    if isinstance(value, list):
        if not all(isinstance(a, str) and a.strip() for a in value):
            raise r.fail("aliases must be a list of non-empty strings", line)
        return [(None, a) for a in value]
    if isinstance(value, dict):
        out: list[tuple[str | None, str]] = []
        for lang, names in value.items():
            if not isinstance(lang, str) or not LANG.fullmatch(lang):
                raise r.fail(f"aliases: {lang!r} is not a language tag", value.line_of(lang))
            names = [names] if isinstance(names, str) else names
            if not isinstance(names, list) or not all(isinstance(a, str) and a.strip() for a in names):
                raise r.fail("aliases must be strings", value.line_of(lang))
            out.extend((lang, a) for a in names)
        return out
    raise r.fail("aliases must be a list, or a map of language to list", line)


def _parse_ids(r: Reader, record: Record, value: Any, line: int) -> None:
    if not isinstance(value, LocatedDict):
        raise r.fail("ids must be a map such as {wikidata: Q95726734, arxiv: '2005.14165'}", line)
    sources = record.sources
    if "sources" in value:
        sources = r.sources(value["sources"], value.line_of("sources"))
    for name, ident in value.items():
        where = value.line_of(name)
        if name == "sources":
            continue
        if name not in IDENTIFIER_PATTERNS:
            raise r.fail(f"unknown identifier {name!r}{_did_you_mean(str(name), IDENTIFIER_PATTERNS)}", where)
        if isinstance(ident, float):
            raise r.fail(f"{name} {ident!r} must be quoted (YAML read it as a number)", where)
        pattern, expected = IDENTIFIER_PATTERNS[name]
        if not isinstance(ident, str) or not pattern.fullmatch(ident):
            raise r.fail(f"{name} {ident!r} is not valid: expected {expected}", where)
        record.facts.append(Fact(name, ident, sources, where))


def _parse_values(r: Reader, record: Record, spec: Key, value: Any, line: int) -> None:
    kind = KINDS[spec.kind]
    if kind.by_language:
        sources = record.sources
        if isinstance(value, dict) and "sources" in value:
            sources = r.sources(value["sources"], value.line_of("sources"))
            value = value.get("value")
        for lang, text in kind.parse(r, spec.name, value, line).items():
            record.facts.append(Fact(spec.name, (lang, text), sources, line))
        return
    if kind.list_only:
        if not isinstance(value, LocatedList) or not value:
            raise r.fail(f"{spec.name} must be a list of {{order, technique}}", line)
        for i, v in enumerate(value):
            _parse_one(r, record, spec, v, value.line_of(i))
        return
    inner = value.get("id", value.get("value")) if isinstance(value, LocatedDict) else None
    if isinstance(inner, LocatedList) and "sources" in value and set(value) <= {"id", "value", "sources"}:
        # {id: [a, b], sources: [...]}: several values sharing their own sources
        sources = r.sources(value["sources"], value.line_of("sources"))
        for i, v in enumerate(inner):
            item = LocatedDict({"id" if "id" in value else "value": v, "sources": list(sources)})
            item.line = inner.line_of(i)
            item.lines = {"sources": value.line_of("sources")}
            _parse_one(r, record, spec, item, inner.line_of(i))
        return
    if isinstance(value, LocatedList):
        if spec.functional and len(value) != 1:
            raise r.fail(f"{spec.name} takes one value, not a list", line)
        for i, v in enumerate(value):
            _parse_one(r, record, spec, v, value.line_of(i))
    else:
        _parse_one(r, record, spec, value, line)


def _parse_one(r: Reader, record: Record, spec: Key, value: Any, line: int) -> None:
    sources = record.sources
    kind = KINDS[spec.kind]
    if isinstance(value, LocatedDict) and "sources" in value:
        sources = r.sources(value["sources"], value.line_of("sources"))
        line = value.line
        if kind.refers and set(value) == {"id", "sources"}:
            value = value["id"]
        elif not kind.structured:
            if set(value) - {"value", "id", "sources"}:
                raise r.fail(f"{spec.name}: only value (or id) and sources may be given here", line)
            value = value.get("value", value.get("id"))
    record.facts.append(Fact(spec.name, kind.parse(r, spec.name, value, line), sources, line))


