"""Load curated records (data/*.yaml) and check them, with file:line for every error.

A record is one entity: an id, a type from the ontology, labels, sources and
facts. A fact's value may carry its own sources (``{value: ..., sources: [...]}``
or ``{id: ..., sources: [...]}``); otherwise the record's sources apply.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "s.yaml").write_text(
...     "- id: notes\\n  type: Survey\\n  label: {en: My notes}\\n"
...     "- id: gpt\\n  type: LanguageModel\\n  label: {en: GPT}\\n"
...     "  released: 2018\\n  sources: [notes]\\n", encoding="utf-8")
>>> recs = load_records([d])
>>> [r.id for r in recs], recs[1].facts[0].value
(['notes', 'gpt'], ('2018', 'http://www.w3.org/2001/XMLSchema#gYear'))
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from graph.errors import AikgError
from graph.namespaces import VOCAB
from graph.records.discovery import find_inputs
from graph.vocabulary import Key, Vocabulary, load_vocabulary
from graph.records.kinds import KINDS, Reader
from graph.records.rules import IDENTIFIER_PATTERNS, LANG, RECORD_KEYS, SLUG, did_you_mean as _did_you_mean
from graph.records.yamlread import LocatedDict, LocatedList, iter_yaml_pieces, read_yaml_text

@dataclass(frozen=True)
class Fact:
    """One statement of a record: key, parsed value, its sources and its line."""

    key: str
    value: Any
    sources: tuple[str, ...]
    line: int


@dataclass
class Record:
    """One curated entity, with where it came from."""

    id: str
    type: str
    path: str
    line: int
    labels: dict[str, str]
    aliases: list[tuple[str | None, str]] = field(default_factory=list)
    sources: tuple[str, ...] = ()
    facts: list[Fact] = field(default_factory=list)
    extends: bool = False  # adds facts to the record with this id, defined elsewhere


def load_records(paths: Iterable[str | Path], vocab: Vocabulary | None = None) -> list[Record]:
    """Load and check every record in the record files among ``paths`` (files and directories).

    >>> load_records([])
    []
    """
    records: list[Record] = []
    for _ in stream_records(find_inputs(paths).records, vocab, records):
        pass
    return records


MoreRecords = Callable[[list[Record]], list[Record]]


def stream_records(files: Iterable[str | Path], vocab: Vocabulary | None = None,
                   loaded: list[Record] | None = None, more: Iterable[MoreRecords] = ()) -> Iterator[Record]:
    """Yield the records of the record files among ``files`` (files or directories) while they are read, so that a build can turn them into quads at once.

    Cross-record checks (unknown ids, duplicate ids, wrong kinds) need every
    record, so they run when the files are read, before the generator ends:
    a consumer must treat what it made as void if the generator raises.
    Each function of ``more`` is given the (checked) records read so far and
    returns records to add, as extensions (the build passes one per notes
    file). Records that ``extend:`` another are yielded last, after the
    checks, since they take their type from the record they extend.
    ``loaded`` receives every record in file order.

    >>> recs = []
    >>> sum(1 for _ in stream_records(find_inputs(["data"]).records, loaded=recs)) == len(recs) > 50
    True
    """
    vocab = vocab or load_vocabulary()
    records = loaded if loaded is not None else []
    extensions: list[Record] = []
    for path in find_inputs(files).records:
        for rec in iter_records_file(path, vocab):
            records.append(rec)
            if rec.extends:
                extensions.append(rec)
            else:
                yield rec
    for add in more:
        check_references(records, vocab)
        found = add(records)
        records.extend(found)
        extensions.extend(found)
    check_references(records, vocab)
    yield from extensions


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


def _references(fact: Fact, vocab: Vocabulary) -> list[tuple[str, str | None]]:
    """(referenced id, class it must belong to) pairs of one fact."""
    spec = vocab.keys.get(fact.key)
    if spec is None:
        return []
    kind, v = KINDS[spec.kind], fact.value
    refs = [(v[name], VOCAB + cls) for name, cls in kind.links]
    if kind.refers:
        refs.append((v if isinstance(v, str) else v["id"], _range(spec, vocab)))
    return refs


def _range(spec: Key, vocab: Vocabulary) -> str | None:
    return vocab.ranges.get(spec.iri)


def check_references(records: list[Record], vocab: Vocabulary) -> None:
    """Check ids are unique, references resolve and point at the right kind of thing.

    What has been checked once (a source id, a record type with a key) is not checked again.
    """
    by_id: dict[str, Record] = {}
    for rec in records:
        if rec.extends:
            continue
        if rec.id in by_id:
            first = by_id[rec.id]
            raise AikgError(f"duplicate id {rec.id!r} (first defined at {first.path}:{first.line})", rec.path, rec.line)
        by_id[rec.id] = rec
    source_cls = VOCAB + "Source"
    good_sources: set[str] = set()
    good_domains: set[tuple[str, str]] = set()

    def resolve(ref: str, path: str, line: int, what: str) -> Record:
        if ref not in by_id:
            raise AikgError(f"{what} refers to unknown id {ref!r}{_did_you_mean(ref, by_id)}", path, line)
        return by_id[ref]

    def check_sources(sources: tuple[str, ...], rec: Record, line: int, what: str) -> None:
        for src in sources:
            if src in good_sources:
                continue
            target = resolve(src, rec.path, line, what)
            if not vocab.is_a(target.type, source_cls):
                raise AikgError(f"{what}: {src!r} is a {vocab.type_name(target.type)}, not a source", rec.path, line)
            good_sources.add(src)

    for rec in records:
        if rec.extends:
            rec.type = resolve(rec.id, rec.path, rec.line, "extend").type
        check_sources(rec.sources, rec, rec.line, "sources")
        for fact in rec.facts:
            if fact.sources is not rec.sources:
                check_sources(fact.sources, rec, fact.line, f"{fact.key} sources")
            for ref, cls in _references(fact, vocab):
                target = by_id.get(ref) or resolve(ref, rec.path, fact.line, fact.key)
                if cls and target.type != cls and not vocab.is_a(target.type, cls):
                    raise AikgError(
                        f"{fact.key}: {ref!r} is a {vocab.type_name(target.type)}, "
                        f"expected {vocab.labels.get(cls, {}).get('en', cls)}",
                        rec.path, fact.line,
                    )
            if (rec.type, fact.key) in good_domains:
                continue
            spec = vocab.keys.get(fact.key)
            domain = vocab.domains.get(spec.iri) if spec else None
            if domain and not vocab.is_a(rec.type, domain):
                raise AikgError(
                    f"{fact.key} does not apply to a {vocab.type_name(rec.type)} "
                    f"(it applies to {vocab.labels.get(domain, {}).get('en', domain)})",
                    rec.path, fact.line,
                )
            good_domains.add((rec.type, fact.key))
