"""Candidate facts fitted to the ontology before they are written: what does not fit is repaired or held back.

Each fact (subject, key, value, the passages that say it) is checked as
``data/`` would check it: the key applies to the subject's type (domain), a
reference names a record of the key's range, the value reads as the key's
kind (the parsers of :mod:`graph.records.kinds`), a key that takes one value
(``owl:FunctionalProperty``) gets one, and no record refers to itself. A fact
that does not fit is *repaired* where its meaning is clear (a technique named
as the base of a model is a technique it ``uses``; the ``authors`` of what is
not a source are its developers), else *held back*: kept for the reviewer in
the candidates' ``held_back:`` list with the reason, never loaded as a fact.
A value that differs from the one ``data/`` has for a key taking one value is
held back as a *conflict* (with the known value).

>>> from graph.vocabulary import load_vocabulary
>>> v = load_vocabulary()
>>> f = Fitter(v, [], {"foo": v.types["LanguageModel"], "rlhf": v.types["Technique"]}, "notes")
>>> kept, held = f.fit({"foo": {"based_on": {"x": ("rlhf", ["notes-l3"])}, "released": {"a": ("2023", ["p"]), "b": ("2024", ["p"])}}})
>>> {k: [v for v, _ in d.values()] for k, d in kept["foo"].items()}
{'uses': ['rlhf'], 'released': ['2023']}
>>> [(h.key, h.value, h.reason) for h in held]
[('released', '2024', 'released takes one value: kept 2023')]
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph.errors import AikgError
from graph.namespaces import VOCAB
from graph.records.kinds import KINDS, Reader
from graph.records.model import Record
from graph.records.yamlread import LocatedDict, LocatedList
from graph.vocabulary import Key, Vocabulary

#: The facts of each subject, by key: each distinct value (by its text) with the passages that say it.
Grouped = dict[str, dict[str, dict[str, tuple[Any, list[str]]]]]

#: Another key that says what a key meant when its subject or value is not of the key's type
#: (the new key is checked in full as well; none is taken unless it fits).
REPAIRS = {"based_on": "uses", "successor_of": "uses", "version_of": "uses", "authors": "developed_by",
           "developed_by": "authors"}

#: Keys that the notes' own record may take besides those of any source: its date, address, language, summary.
NOTES_METADATA = ("released", "url", "homepage", "language", "description", "note")


def takes_one(spec) -> bool:
    """Whether a key holds one value per record: functional, text by language, or a measure (one node per
    record and key, so two quantities would merge into one node with two numbers).

    >>> from graph.vocabulary import load_vocabulary
    >>> v = load_vocabulary().keys
    >>> takes_one(v["released"]), takes_one(v["training_data_size"]), takes_one(v["developed_by"])
    (True, True, False)
    """
    return spec.functional or KINDS[spec.kind].by_language or bool(KINDS[spec.kind].measure)


@dataclass
class Held:
    """A fact held back: not loaded, listed for the reviewer with the reason (and data/'s value for a conflict)."""

    subject: str
    key: str
    value: Any
    passages: list[str]
    reason: str
    known: Any = None

    @property
    def conflict(self) -> bool:
        """Whether data/ says otherwise (a key that takes one value)."""
        return self.known is not None

    def entry(self, lines_of: dict[str, str]) -> dict[str, Any]:
        """The entry of the candidates' ``held_back:`` list.

        >>> Held("foo", "released", "2024", ["n-l3"], "conflict", "2023").entry({"n-l3": "3"})
        {'subject': 'foo', 'key': 'released', 'value': '2024', 'passage': 'n-l3', 'lines': '3', 'reason': 'conflict', 'known': '2023'}
        """
        out: dict[str, Any] = {"subject": self.subject, "key": self.key, "value": plain(self.value)}
        if self.passages:
            out["passage"] = self.passages[0]
            if self.passages[0] in lines_of:
                out["lines"] = lines_of[self.passages[0]]
        out["reason"] = self.reason
        if self.known is not None:
            out["known"] = plain(self.known)
        return out


def plain(value: Any) -> Any:
    """A value as plain YAML can say it (a parsed date as its text, tuples as lists).

    >>> plain(("2023-02", "http://www.w3.org/2001/XMLSchema#gYearMonth")), plain({"a": (1, 2)})
    ('2023-02', {'a': [1, 2]})
    """
    if isinstance(value, tuple) and len(value) == 2 and str(value[1]).startswith("http://www.w3.org/2001/XMLSchema#"):
        return value[0]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def located(value: Any) -> Any:
    """A plain value as the YAML reader gives it (located mappings and lists), for the kinds' parsers.

    >>> type(located({"a": [1]})).__name__, type(located({"a": [1]})["a"]).__name__
    ('LocatedDict', 'LocatedList')
    """
    if isinstance(value, dict):
        d = LocatedDict({k: located(v) for k, v in value.items()})
        d.line = 1
        return d
    if isinstance(value, list):
        lst = LocatedList(located(v) for v in value)
        lst.line = 1
        return lst
    return value


def parse_value(spec: Key, value: Any, vocab: Vocabulary) -> Any:
    """The value as ``data/`` reads it for the key, or AikgError saying why it does not read.

    >>> from graph.vocabulary import load_vocabulary
    >>> v = load_vocabulary()
    >>> parse_value(v.keys["parameters"], 7, v), parse_value(v.keys["released"], "2023-02", v)[0]
    (7, '2023-02')
    >>> parse_value(v.keys["parameters"], -1, v)
    Traceback (most recent call last):
    graph.errors.AikgError: <notes>:1: parameters must be positive, got -1
    """
    return KINDS[spec.kind].parse(Reader("<notes>", vocab), spec.name, located(value), 1)


def references(spec: Key, parsed: Any, vocab: Vocabulary) -> list[tuple[str, str | None]]:
    """(record id, class it must be of) of each record a parsed value names.

    >>> from graph.vocabulary import load_vocabulary
    >>> v = load_vocabulary()
    >>> references(v.keys["uses"], "rlhf", v)
    [('rlhf', 'https://w3id.org/aiekg/vocab#Technique')]
    """
    kind = KINDS[spec.kind]
    refs: list[tuple[str, str | None]] = [(parsed[name], VOCAB + cls) for name, cls in kind.links]
    if kind.refers:
        refs.append((parsed if isinstance(parsed, str) else parsed["id"], vocab.ranges.get(spec.iri)))
    return refs


def known_values(known: list[Record]) -> dict[tuple[str, str], list[Any]]:
    """The values data/ gives each (record, key), in order."""
    out: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for r in known:
        for f in r.facts:
            out[(r.id, f.key)].append(f.value)
    return out


class Fitter:
    """Fits grouped facts to the ontology, knowing the type (class IRI) of every record they may name."""

    def __init__(self, vocab: Vocabulary, known: list[Record], types: dict[str, str], source: str,
                 first: dict[tuple[str, str], Any] | None = None):
        self.vocab = vocab
        self.types = types
        self.source = source
        self.known = known_values(known)
        self.first = dict(first or {})  # values already given for a key that takes one (the notes' date)
        self.held: list[Held] = []

    def fit(self, grouped: Grouped) -> tuple[Grouped, list[Held]]:
        """The facts that fit (repaired ones under their new key), and those held back."""
        out: Grouped = defaultdict(lambda: defaultdict(dict))
        for subject, by_key in grouped.items():
            for key, values in by_key.items():
                for vk, (value, passages) in values.items():
                    fitted = self.fit_one(subject, key, value, passages)
                    if fitted is not None:
                        self.add(out, subject, *fitted, passages)
        return {s: {k: v for k, v in by_key.items() if v} for s, by_key in out.items()}, self.held

    def add(self, out: Grouped, subject: str, key: str, value: Any, parsed: Any, passages: list[str]) -> None:
        """Put a fitting fact with the others of its key, but a second value of a key that takes one."""
        slot = out[subject][key]
        vk = repr(parsed)
        if vk in slot:
            slot[vk][1].extend(p for p in passages if p not in slot[vk][1])
            return
        spec = self.vocab.keys[key]
        if takes_one(spec):
            have = self.first.get((subject, key))
            if have is not None:
                if parsed != have:
                    self.hold(subject, key, value, passages, f"{key} takes one value: kept {_text(have)}")
                return
            known = self.known.get((subject, key))
            if known and (spec.functional or KINDS[spec.kind].measure) and parsed not in known:
                self.held.append(Held(subject, key, value, passages,
                                      f"conflict: data/ says {_text(known[0])} ({key} takes one value)", known[0]))
                return
        slot[vk] = (value, list(passages))
        if takes_one(spec):
            self.first[(subject, key)] = parsed

    def hold(self, subject: str, key: str, value: Any, passages: list[str], reason: str) -> None:
        """Hold a fact back, with the reason."""
        self.held.append(Held(subject, key, value, passages, reason))

    def fit_one(self, subject: str, key: str, value: Any, passages: list[str],
                repaired: bool = False) -> tuple[str, Any, Any] | None:
        """(key, value, parsed value) of a fact that fits, repaired if need be; None if it is held back."""
        reason = self.misfit(subject, key, value)
        if reason is None:
            return key, value, parse_value(self.vocab.keys[key], value, self.vocab)
        if not repaired and key in REPAIRS and not reason.startswith(("not a fact", "a record")):
            new_key = REPAIRS[key]
            new_value = _retarget(self.vocab.keys[new_key], value)
            if new_value is not None and self.misfit(subject, new_key, new_value) is None:
                return self.fit_one(subject, new_key, new_value, passages, True)
        self.hold(subject, key, value, passages, reason)
        return None

    def misfit(self, subject: str, key: str, value: Any) -> str | None:
        """Why a fact does not fit the ontology, or None if it does."""
        spec = self.vocab.keys.get(key)
        if spec is None:
            return f"unknown property {key!r}"
        if KINDS[spec.kind].in_ids:
            return f"{key} is an identifier (under ids:), not a property"
        st = self.types.get(subject)
        if st is None:
            return f"{subject!r} names no record"
        if subject == self.source and not self.about_notes(spec):
            return f"not a fact about the notes themselves ({key})"
        try:
            parsed = parse_value(spec, value, self.vocab)
        except AikgError as exc:
            return exc.message
        for ref, cls in references(spec, parsed, self.vocab):
            if ref == subject:
                return f"a record is not {key} itself"
            tt = self.types.get(ref)
            if tt is None:
                return f"{key} refers to unknown id {ref!r}"
            if cls and not self.vocab.is_a(tt, cls):
                return (f"{key}: {ref!r} is a {self.vocab.type_name(tt)}, "
                        f"expected {self.vocab.labels.get(cls, {}).get('en', cls)}")
        domain = self.vocab.domains.get(spec.iri)
        if domain and not self.vocab.is_a(st, domain):
            return (f"{key} does not apply to a {self.vocab.type_name(st)} "
                    f"(it applies to {self.vocab.labels.get(domain, {}).get('en', domain)})")
        return None

    def about_notes(self, spec: Key) -> bool:
        """Whether the notes' own record may take the key: a key of sources, or the notes' metadata."""
        domain = self.vocab.domains.get(spec.iri)
        return spec.name in NOTES_METADATA or bool(domain and self.vocab.is_a(domain, VOCAB + "Source"))


def _text(parsed: Any) -> str:
    """A parsed value as the reviewer wrote it.

    >>> _text(("2023", "http://www.w3.org/2001/XMLSchema#gYear")), _text({"en": "A"})
    ('2023', "{'en': 'A'}")
    """
    return str(plain(parsed))


def _retarget(spec: Key, value: Any) -> Any:
    """The value of a fact for the key it is repaired to: a reference's id for a plain reference.

    >>> from graph.vocabulary import load_vocabulary
    >>> _retarget(load_vocabulary().keys["uses"], {"id": "rlhf", "kind": "finetune"})
    'rlhf'
    """
    if spec.kind == "ref":
        return value["id"] if isinstance(value, dict) and isinstance(value.get("id"), str) else value
    return value


__all__ = ["Fitter", "Held", "REPAIRS", "known_values", "located", "parse_value", "plain", "references"]
