"""Checks across records: unique ids, references that resolve, to the right kind of thing, keys that apply.

>>> from graph.records.load import load_records
>>> from graph.vocabulary import load_vocabulary
>>> check_references(load_records(["data"]), load_vocabulary())
"""
from __future__ import annotations

from graph.errors import AikgError
from graph.namespaces import VOCAB, shorten
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
    check = ReferenceCheck(vocab)
    for rec in records:
        check.declare(rec)
    check.close()
    for rec in records:
        check.check(rec)


class ReferenceCheck:
    """:func:`check_references`, fed one record at a time, so that records can be checked while they stream
    into a store: ``declare`` a record's id and ``check`` its references (those to ids not declared yet
    wait), ``close`` when every record is declared (what waited is checked then), and only then ``check``
    the records that ``extend:`` another. Of each record it keeps only its type and place.

    >>> from graph.records.load import load_records
    >>> from graph.vocabulary import load_vocabulary
    >>> c = ReferenceCheck(load_vocabulary())
    >>> for r in load_records(["data"]):
    ...     c.declare(r)
    ...     c.check(r) if not r.extends else None
    >>> c.close()
    >>> len(c.known) > 50, c.waiting
    (True, [])
    """

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.known: dict[str, tuple[str, str, int]] = {}  #: id -> (type, path, line)
        #: references to ids not declared yet: (id, class it must belong to, path, line, what refers, a source?)
        self.waiting: list[tuple[str, str | None, str, int, str, bool]] = []
        self.closed = False
        self.good_sources: set[str] = set()
        self.good_domains: set[tuple[str, str]] = set()

    def declare(self, rec: Record) -> None:
        """Take note of a record's id (an error if another record has it)."""
        if rec.extends:
            return
        first = self.known.get(rec.id)
        if first:
            raise AikgError(f"duplicate id {rec.id!r} (first defined at {first[1]}:{first[2]})", rec.path, rec.line)
        self.known[rec.id] = (rec.type, rec.path, rec.line)

    def close(self) -> None:
        """Every record is declared: check the references that waited; from now on an unknown id is an error."""
        self.closed = True
        waiting, self.waiting = self.waiting, []
        for ref, cls, path, line, what, source in waiting:
            self._refer(ref, cls, path, line, what, source)

    def check(self, rec: Record) -> None:
        """Check a declared record's sources, references and keys (one that extends another: after ``close``)."""
        if rec.extends:
            rec.type = self._resolve(rec.id, rec.path, rec.line, "extend")
        self._sources(rec.sources, rec, rec.line, "sources")
        for fact in rec.facts:
            if fact.sources is not rec.sources:
                self._sources(fact.sources, rec, fact.line, f"{fact.key} sources")
            for ref, cls in _references(fact, self.vocab):
                self._refer(ref, cls, rec.path, fact.line, fact.key)
            if (rec.type, fact.key) not in self.good_domains:
                self._domain(rec, fact)

    def _resolve(self, ref: str, path: str, line: int, what: str) -> str:
        """The type of the record with id ``ref``."""
        if ref not in self.known:
            raise AikgError(f"{what} refers to unknown id {ref!r}{_did_you_mean(ref, self.known)}", path, line)
        return self.known[ref][0]

    def _refer(self, ref: str, cls: str | None, path: str, line: int, what: str, source: bool = False) -> None:
        if ref not in self.known and not self.closed:
            self.waiting.append((ref, cls, path, line, what, source))
            return
        vocab, target = self.vocab, self._resolve(ref, path, line, what)
        if source:
            if not vocab.is_a(target, cls):
                raise AikgError(f"{what}: {ref!r} is a {vocab.type_name(target)}, not a source", path, line)
            self.good_sources.add(ref)
        elif cls and target != cls and not vocab.is_a(target, cls):
            raise AikgError(f"{what}: {ref!r} is a {vocab.type_name(target)}, "
                            f"expected {_class_name(cls, vocab)}", path, line)

    def _sources(self, sources: tuple[str, ...], rec: Record, line: int, what: str) -> None:
        for src in sources:
            if src not in self.good_sources:
                self._refer(src, _SOURCE, rec.path, line, what, source=True)

    def _domain(self, rec: Record, fact: Fact) -> None:
        vocab = self.vocab
        spec = vocab.keys.get(fact.key)
        domain = vocab.domains.get(spec.iri) if spec else None
        if domain and not vocab.is_a(rec.type, domain):
            raise AikgError(
                f"{fact.key} does not apply to a {vocab.type_name(rec.type)} "
                f"(it applies to {_class_name(domain, vocab)})",
                rec.path, fact.line,
            )
        self.good_domains.add((rec.type, fact.key))


_SOURCE = VOCAB + "Source"


def _class_name(cls: str, vocab: Vocabulary) -> str:
    """A class as an error names it: its English label, else its short IRI and the most general record types
    that belong to it.

    >>> from graph.vocabulary import load_vocabulary
    >>> _class_name("http://www.w3.org/ns/prov#Agent", load_vocabulary())
    'prov:Agent (Organization, Person)'
    """
    if "en" in vocab.labels.get(cls, {}):
        return vocab.labels[cls]["en"]
    kinds = {name: iri for name, iri in vocab.types.items() if vocab.is_a(iri, cls)}
    top = sorted(n for n, iri in kinds.items() if not any(o != iri and vocab.is_a(iri, o) for o in kinds.values()))
    return shorten(cls) + (f" ({', '.join(top)})" if top else "")
