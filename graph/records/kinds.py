"""Kinds of record values: one row per kind, the one place to learn what a kind is and to add one.

Each key of the ontology names its kind with ``aikg:recordValue`` (``Key.kind``);
:data:`KINDS` maps that name to a :class:`Kind`: how a record value of the kind
is read and checked, how a CSV cell of it is read, whether it names another
record, and how it becomes RDF, as data that :mod:`graph.rdf.quads` acts on: the
XSD datatype of its literal, or the class of the node it becomes (each node
class has its writer there), or a record's IRI, or a plain or language-tagged
literal. Adding a kind: its parser and row here, its name in
:data:`graph.vocabulary.KINDS` (which the ontology is checked against), and, for
a new node class, its writer in :mod:`graph.rdf.quads`.

>>> KINDS["ref"].refers, KINDS["money"].node, KINDS["money"].measure
(True, 'MonetaryAmount', 'currency')
>>> KINDS["integer"].typed(12), KINDS["boolean"].cell("TRUE")
(('12', 'http://www.w3.org/2001/XMLSchema#integer'), True)
>>> import graph.vocabulary
>>> set(KINDS) == graph.vocabulary.KINDS  # a row for every kind the ontology may name
True
"""
from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from dataclasses import dataclass
from typing import Any, Callable

from graph.errors import AikgError
from graph.namespaces import VOCAB, XSD
from graph.records.rules import LANG, SLUG
from graph.records.yamlread import LocatedDict
from graph.vocabulary import Vocabulary


@dataclass(frozen=True)
class Kind:
    """One kind of record value: how it is read (``parse``, ``cell``), which records it names
    (``refers``, ``links``) and what states it in RDF (``typed``, ``node``, ``by_language``, a
    record's IRI if it ``refers``, else a plain literal)."""

    name: str
    #: (reader, key, value, line) -> the fact's value; refuses with ``reader.fail`` (file and line)
    parse: Callable[[Reader, str, Any, int], Any]
    #: the fact's value -> (lexical form, XSD datatype IRI) of the typed literal that states it
    typed: Callable[[Any], tuple[str, str]] | None = None
    #: the aikg class of the node a value becomes; such a value is a map of fields, which may
    #: include its own ``sources``
    node: str | None = None
    #: the field beside ``value`` of a measured value (a quantity's unit, an amount's currency)
    measure: str | None = None
    #: the value names a record of the key's range: it is the record's id, or holds it under ``id``
    refers: bool = False
    #: (field, aikg class) of each field of a map value that names another record
    links: tuple[tuple[str, str], ...] = ()
    #: a map of language to text: a language-tagged literal (and a fact) per language
    by_language: bool = False
    #: given as a list only, even of one value
    list_only: bool = False
    #: a key under ``ids:`` (wikidata, arxiv, ...), not at the top of a record
    in_ids: bool = False
    #: how a CSV cell is read before ``parse`` sees it (None: as text)
    cell: Callable[[str], Any] | None = None

    @property
    def structured(self) -> bool:
        """Whether a value is a map of fields that becomes a node of its own (``node``)."""
        return self.node is not None


class Reader:
    """Parses the values of one record, knowing its file for error messages."""

    def __init__(self, path: str, vocab: Vocabulary):
        self.path = path
        self.vocab = vocab

    def fail(self, message: str, line: int) -> AikgError:
        """The error to raise: ``message`` at ``line`` of this reader's file."""
        return AikgError(message, self.path, line)

    def sources(self, value: Any, line: int) -> tuple[str, ...]:
        """A ``sources`` value: one source id or a non-empty list of them."""
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(s, str) for s in items):
            raise self.fail("sources must be a source id or a non-empty list of source ids", line)
        return tuple(items)

    def text(self, value: Any, line: int, what: str) -> dict[str, str]:
        """Text, or a map of language to text, as that map (plain text is English)."""
        if isinstance(value, str):
            value = {"en": value}
        if not isinstance(value, dict) or not value:
            raise self.fail(f"{what} must be text or a map of language to text, e.g. {{en: ..., zh: ...}}", line)
        out = {}
        for lang, text in value.items():
            where = value.line_of(lang) if isinstance(value, LocatedDict) else line
            if not isinstance(lang, str) or not LANG.fullmatch(lang):
                raise self.fail(f"{what}: {lang!r} is not a language tag such as en or zh", where)
            if not isinstance(text, str) or not text.strip():
                raise self.fail(f"{what} in {lang!r} must be non-empty text", where)
            out[lang] = text
        return out


def _ref(r: Reader, name: str, value: Any, line: int) -> str:
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise r.fail(f"{name} must name a record id, got {value!r}", line)
    return value


def _date(r: Reader, name: str, value: Any, line: int) -> tuple[str, str]:
    if isinstance(value, bool):
        raise r.fail(f"{name}: {value!r} is not a date", line)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), XSD + "date"
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value), XSD + "gYear"
    if isinstance(value, str):
        if re.fullmatch(r"[0-9]{4}", value):
            return value, XSD + "gYear"
        if re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", value):
            return value, XSD + "gYearMonth"
        try:
            return dt.date.fromisoformat(value).isoformat(), XSD + "date"
        except ValueError:
            pass
    raise r.fail(f"{name}: cannot read {value!r} as a date (use 2023-02-16, 2023-02 or 2023)", line)


def _integer(r: Reader, name: str, value: Any, line: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise r.fail(f"{name} must be a whole number, got {value!r}", line)
    if value <= 0:
        raise r.fail(f"{name} must be positive, got {value}", line)
    return value


def _boolean(r: Reader, name: str, value: Any, line: int) -> bool:
    if not isinstance(value, bool):
        raise r.fail(f"{name} must be true or false, got {value!r}", line)
    return value


def _uri(r: Reader, name: str, value: Any, line: int) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
        raise r.fail(f"{name} must be an http(s) URL, got {value!r}", line)
    return value


def _string(r: Reader, name: str, value: Any, line: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise r.fail(f"{name} must be text, got {value!r}", line)
    return value


def _number(r: Reader, name: str, value: Any, line: int) -> str:
    """The one check of a decimal value (amounts, quantities): a finite number, not negative, as xsd:decimal text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise r.fail(f"{name} must be a number, got {value!r}", line)
    if isinstance(value, int):
        if value < 0:
            raise r.fail(f"{name} must not be negative, got {value}", line)
        return str(value)
    if not math.isfinite(value):
        raise r.fail(f"{name} must be a finite number, got {value!r}", line)
    if value < 0:
        raise r.fail(f"{name} must not be negative, got {value}", line)
    text = repr(value)
    return format(decimal.Decimal(text), "f") if "e" in text else text  # xsd:decimal has no exponent


def _precision(r: Reader, name: str, value: Any, line: int) -> str | None:
    if value is None:
        return None
    choices = r.vocab.concepts.get(VOCAB + "Precision", {})
    if not isinstance(value, str) or value not in choices:
        raise r.fail(f"{name}: precision must be one of {', '.join(sorted(choices))}", line)
    return choices[value]


def _mapping(r: Reader, name: str, value: Any, line: int, allowed: set[str], required: set[str]) -> LocatedDict:
    if not isinstance(value, LocatedDict):
        raise r.fail(f"{name} must be a map with {', '.join(sorted(required))}", line)
    unknown = set(value) - allowed - {"sources"}
    if unknown:
        raise r.fail(f"{name}: unknown field {sorted(map(str, unknown))[0]!r} (allowed: {', '.join(sorted(allowed))})", value.line)
    missing = required - set(value)
    if missing:
        raise r.fail(f"{name}: missing {', '.join(sorted(missing))}", value.line)
    return value


def _quantity(r: Reader, name: str, value: Any, line: int) -> dict[str, Any]:
    v = _mapping(r, name, value, line, {"value", "unit", "precision"}, {"value", "unit"})
    return {
        "value": _number(r, name, v["value"], v.line_of("value")),
        "unit": _string(r, name, v["unit"], v.line_of("unit")),
        "precision": _precision(r, name, v.get("precision"), v.line_of("precision")),
    }


def _money(r: Reader, name: str, value: Any, line: int) -> dict[str, Any]:
    v = _mapping(r, name, value, line, {"amount", "currency", "precision"}, {"amount", "currency"})
    currency = v["currency"]
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        raise r.fail(f"{name}: currency must be an ISO 4217 code such as USD", v.line_of("currency"))
    return {
        "value": _number(r, name, v["amount"], v.line_of("amount")),
        "currency": currency,
        "precision": _precision(r, name, v.get("precision"), v.line_of("precision")),
    }


def _derivation(r: Reader, name: str, value: Any, line: int) -> dict[str, Any]:
    if isinstance(value, str):
        return {"id": _ref(r, name, value, line), "kind": None}
    v = _mapping(r, name, value, line, {"id", "kind"}, {"id"})
    kinds = r.vocab.concepts.get(VOCAB + "DerivationKind", {})
    kind = v.get("kind")
    if kind is not None and (not isinstance(kind, str) or kind not in kinds):
        raise r.fail(f"{name}: kind must be one of {', '.join(sorted(kinds))}", v.line_of("kind"))
    return {"id": _ref(r, name, v["id"], v.line_of("id")), "kind": kinds.get(kind) if kind else None}


def _affiliation(r: Reader, name: str, value: Any, line: int) -> dict[str, Any]:
    if isinstance(value, str):
        return {"id": _ref(r, name, value, line)}
    v = _mapping(r, name, value, line, {"id", "role", "current", "start", "end"}, {"id"})
    out: dict[str, Any] = {"id": _ref(r, name, v["id"], v.line_of("id"))}
    if "role" in v:
        out["role"] = r.text(v["role"], v.line_of("role"), f"{name} role")
    if "current" in v:
        out["current"] = _boolean(r, f"{name} current", v["current"], v.line_of("current"))
    for k in ("start", "end"):
        if k in v:
            out[k] = _date(r, f"{name} {k}", v[k], v.line_of(k))
    return out


def _stage(r: Reader, name: str, value: Any, line: int) -> dict[str, Any]:
    v = _mapping(r, name, value, line, {"order", "technique", "description"}, {"order", "technique"})
    out = {
        "order": _integer(r, f"{name} order", v["order"], v.line_of("order")),
        "technique": _ref(r, name, v["technique"], v.line_of("technique")),
    }
    if "description" in v:
        out["description"] = r.text(v["description"], v.line_of("description"), f"{name} description")
    return out


def _identifier(r: Reader, name: str, value: Any, line: int) -> str:  # pragma: no cover - under ids
    return _string(r, name, value, line)


def _decimal(r: Reader, name: str, value: Any, line: int) -> str:
    return _number(r, name, value, line)



def _text(r: Reader, name: str, value: Any, line: int) -> dict[str, str]:
    return r.text(value, line, name)


def as_list(text: str) -> list[str]:
    """A CSV cell of several values separated by ``;``.

    >>> as_list("a; b;"), as_number("7"), as_number("7.5"), as_bool("no"), as_ref("a;b")
    (['a', 'b'], 7, 7.5, 'no', ['a', 'b'])
    """
    return [t.strip() for t in text.split(";") if t.strip()]


def as_number(text: str) -> Any:
    """A CSV cell as an int or float, else its text (for the parser to refuse)."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def as_bool(text: str) -> Any:
    """A CSV cell as true or false (any case), else its text."""
    return {"true": True, "false": False}.get(text.lower(), text)


def as_ref(text: str) -> Any:
    """A CSV cell of one record id, or of several separated by ``;``."""
    return as_list(text) if ";" in text else text


def _xsd(datatype: str, lexical: Callable[[Any], str] = str) -> Callable[[Any], tuple[str, str]]:
    iri = XSD + datatype
    return lambda value: (lexical(value), iri)


def _dated(value: tuple[str, str]) -> tuple[str, str]:
    """A date's value is already its lexical form and datatype (xsd:date, xsd:gYearMonth or xsd:gYear)."""
    return value


#: Every kind, by the name the ontology gives it (``aikg:recordValue``). A kind with neither
#: ``typed``, ``node``, ``refers`` nor ``by_language`` is stated as a plain literal.
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("ref", _ref, refers=True, cell=as_ref),
    Kind("date", _date, typed=_dated),
    Kind("integer", _integer, typed=_xsd("integer"), cell=as_number),
    Kind("decimal", _decimal, typed=_xsd("decimal"), cell=as_number),
    Kind("boolean", _boolean, typed=_xsd("boolean", lambda b: "true" if b else "false"), cell=as_bool),
    Kind("uri", _uri, typed=_xsd("anyURI")),
    Kind("text", _text, by_language=True),
    Kind("string", _string),
    Kind("identifier", _identifier, in_ids=True),
    Kind("quantity", _quantity, node="Quantity", measure="unit"),
    Kind("money", _money, node="MonetaryAmount", measure="currency"),
    Kind("derivation", _derivation, node="Derivation", refers=True, cell=as_ref),
    Kind("affiliation", _affiliation, node="Affiliation", refers=True, cell=as_ref),
    Kind("stage", _stage, node="TrainingStage", links=(("technique", "Technique"),), list_only=True),
)}
