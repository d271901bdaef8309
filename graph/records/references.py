"""Checks across records: unique ids, references that resolve, to the right kind of thing, keys that apply.

>>> from graph.records.load import load_records
>>> from graph.vocabulary import load_vocabulary
>>> check_references(load_records(["data"]), load_vocabulary())
"""
from __future__ import annotations

from graph.errors import AikgError
from graph.namespaces import VOCAB
from graph.records.kinds import KINDS
from graph.records.model import Fact, Record
from graph.records.rules import did_you_mean as _did_you_mean
from graph.vocabulary import Key, Vocabulary


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
