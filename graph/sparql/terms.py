"""What a user's reference to an entity or a value means: one rule for ``--focus``, ``--param`` and the query page.

An entity is named by its record id (``gpt-3``), a prefixed name with one of the
project's prefixes (``kg:gpt-3``), or its IRI, with or without angle brackets
(``<https://w3id.org/aiekg/id/gpt-3>``, ``https://w3id.org/aiekg/id/gpt-3``).
A record id is read under the entity base in use
(:func:`graph.namespaces.entity_base`, which ``aikg --base`` sets).

A parameter's value is an RDF term: a reference as above, an integer, or a
string in double quotes. A bare word is an entity when the parameter's default is
an IRI (``org = kg:openai``), to be found in the graph (:class:`EntityRef`), and a
plain literal when the default is one (``lang = en``).

>>> entity_iri("kg:gpt-3") == entity_iri("gpt-3") == entity_iri("<https://w3id.org/aiekg/id/gpt-3>")
True
>>> parameter_term("org", "meta", "kg:openai")
EntityRef(param='org', word='meta', option='--param')
>>> parameter_term("lang", "zh", "en").value
'zh'
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import pyoxigraph as ox

from graph.errors import AikgError
from graph.namespaces import PREFIXES, RDF, XSD, entity_base, slug_of

Term = ox.NamedNode | ox.Literal
_INTEGER = re.compile(r"-?[0-9]+")
_NOT_IN_LOCAL = re.compile(r"[\x00-\x20<>\"{}|^`\\]")
_RECORD_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class BadReference(AikgError):
    """A reference that names no entity, or no valid term (HTTP 400)."""

    status = 400


def _node(iri: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def iri_of(text: str) -> str | None:
    """The IRI a reference spells out (``<iri>``, ``http(s)://...``, ``prefix:local`` with a project
    prefix), or None when it spells none (a bare word, a number, an unknown prefix).

    >>> iri_of("kg:gpt-3"), iri_of("https://w3id.org/aiekg/id/gpt-3"), iri_of("gpt-3"), iri_of("nope:x")
    ('https://w3id.org/aiekg/id/gpt-3', 'https://w3id.org/aiekg/id/gpt-3', None, None)
    >>> iri_of("<https://w3id.org/aiekg/id/gpt 3>")
    Traceback (most recent call last):
    graph.sparql.terms.BadReference: <https://w3id.org/aiekg/id/gpt 3> is not a valid IRI (Invalid IRI code point ' ')
    """
    text = text.strip()
    bracketed = text.startswith("<") and text.endswith(">")
    if bracketed or text.startswith(("http://", "https://")):
        iri = text[1:-1] if bracketed else text
        try:
            return ox.NamedNode(iri).value
        except ValueError as exc:
            raise BadReference(f"{text} is not a valid IRI ({exc})") from None
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and local and not _NOT_IN_LOCAL.search(local):
        return PREFIXES[prefix] + local
    return None


def entity_iri(text: str) -> str:
    """The IRI of the entity a user names: ``kg:gpt-3``, ``gpt-3``, ``<https://…/gpt-3>`` or ``https://…/gpt-3``.

    A bare word is a record id under the entity base in use; whether the graph
    has that entity is the caller's to check.

    >>> entity_iri("gpt-3"), entity_iri(" kg:meta ")
    ('https://w3id.org/aiekg/id/gpt-3', 'https://w3id.org/aiekg/id/meta')
    """
    text = text.strip()
    return iri_of(text) or entity_base() + text


def did_you_mean(word: str, ids: Iterable[str]) -> str:
    """`` (did you mean a, b?)`` with up to three ids close to ``word``, or nothing.

    >>> did_you_mean("gpt3", ["gpt-3", "gpt-2", "meta"]), did_you_mean("zzz", ["meta"])
    (' (did you mean gpt-3, gpt-2?)', '')
    """
    close = difflib.get_close_matches(word, sorted(set(ids)), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def record_ids(quads: Iterable[ox.Quad | ox.Triple]) -> set[str]:
    """The record ids of the entities typed in ``quads`` (their IRIs under the entity base; qualified nodes left out).

    >>> t = ox.NamedNode(RDF + "type"), ox.NamedNode("http://t")
    >>> sorted(record_ids([ox.Triple(ox.NamedNode(entity_base() + "gpt-3"), *t),
    ...                    ox.Triple(ox.NamedNode(entity_base() + "codex.derivation.gpt-3"), *t)]))
    ['gpt-3']
    """
    base = entity_base()
    return {slug_of(q.subject.value) for q in quads
            if isinstance(q.subject, ox.NamedNode) and q.predicate.value == RDF + "type"
            and q.subject.value.startswith(base) and _RECORD_ID.fullmatch(slug_of(q.subject.value))}


@dataclass(frozen=True)
class EntityRef:
    """A bare word given for an entity parameter: the entity with that record id, once the graph is known to have it.

    ``option`` names where the word came from in an error (``--param``, or the query page's ``parameter``).
    """

    param: str
    word: str
    option: str = "--param"

    def resolve(self, known: Callable[[str], bool], ids: Callable[[], Iterable[str]]) -> ox.NamedNode:
        """The entity's IRI if ``known(iri)``; else an error naming the parameter, with the ``ids()`` closest to the word.

        >>> EntityRef("org", "meta").resolve(lambda iri: True, list).value
        'https://w3id.org/aiekg/id/meta'
        >>> EntityRef("org", "nosuch").resolve(lambda iri: False, lambda: ["nosuch-lab"])
        Traceback (most recent call last):
        graph.sparql.terms.BadReference: --param org=nosuch: no entity 'nosuch' (did you mean nosuch-lab?)
        """
        node = _node(entity_base() + self.word)
        if node is not None and known(node.value):
            return node
        raise BadReference(f"{self.option} {self.param}={self.word}: no entity {self.word!r}"
                           + did_you_mean(self.word, ids()))

    def __str__(self) -> str:
        """The entity's IRI in N-Triples, unchecked (for a store aikg cannot look into); never text that is not an IRI."""
        return str(self.resolve(lambda iri: True, list))


def parameter_term(name: str, text: str, default: str | None = None, option: str = "--param") -> Term | EntityRef:
    """A parameter's value as an RDF term: an IRI (as :func:`iri_of` reads it), an integer, a "quoted" string;
    a bare word is an :class:`EntityRef` when the ``default`` is an IRI and a plain literal when it is not.

    >>> parameter_term("org", "kg:meta", "kg:openai").value, parameter_term("n", "42").datatype.value
    ('https://w3id.org/aiekg/id/meta', 'http://www.w3.org/2001/XMLSchema#integer')
    >>> str(parameter_term("org", '"Meta AI"', "kg:openai")), str(parameter_term("m", 'x" } ; DROP ALL'))
    ('"Meta AI"', '"x\\\\" } ; DROP ALL"')
    """
    text = text.strip()
    try:
        iri = iri_of(text)
    except BadReference as exc:
        raise BadReference(f"{option} {name}={text}: {exc}") from None
    if iri is not None:
        return ox.NamedNode(iri)
    if _INTEGER.fullmatch(text):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return ox.Literal(text[1:-1])
    if default is not None and _is_iri(default):
        return EntityRef(name, text, option)
    return ox.Literal(text)


def _is_iri(text: str) -> bool:
    try:
        return iri_of(text) is not None
    except BadReference:
        return False


def resolve_bindings(bindings: Mapping[str, Term | EntityRef], known: Callable[[str], bool],
                     ids: Callable[[], Iterable[str]]) -> dict[str, Term]:
    """The bindings with each :class:`EntityRef` checked (``known(iri)``) and turned into its entity's IRI.

    >>> resolve_bindings({"org": EntityRef("org", "meta"), "lang": ox.Literal("en")}, lambda iri: True, list)["org"].value
    'https://w3id.org/aiekg/id/meta'
    """
    return {k: v.resolve(known, ids) if isinstance(v, EntityRef) else v for k, v in bindings.items()}
