"""The record vocabulary, read from the ontology: types and keys of data/*.yaml.

The ontology is the single place where a record key is defined: each property
carries ``aikg:recordKey`` (its key in YAML) and ``aikg:recordValue`` (how the
value is read); each class carries ``aikg:recordType``.

>>> v = load_vocabulary()
>>> v.types["LanguageModel"]
'https://w3id.org/aiekg/vocab#LanguageModel'
>>> v.keys["developed_by"].kind
'ref'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import ONTOLOGY_FILE, OWL, RDF, RDFS, VOCAB, XSD

#: The value kinds ``aikg:recordValue`` may name; each is a row of :data:`graph.records.kinds.KINDS`.
KINDS = {
    "ref", "date", "integer", "decimal", "boolean", "uri", "text", "string", "identifier",
    "quantity", "money", "affiliation", "derivation", "stage",
}


@dataclass(frozen=True)
class Key:
    """One record key: the property it states and how its value is read."""

    name: str
    iri: str
    kind: str
    functional: bool


@dataclass
class Vocabulary:
    """Types and keys that records may use, with the class hierarchy."""

    types: dict[str, str] = field(default_factory=dict)
    keys: dict[str, Key] = field(default_factory=dict)
    superclasses: dict[str, set[str]] = field(default_factory=dict)
    concepts: dict[str, dict[str, str]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    ranges: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)

    def is_a(self, type_iri: str, ancestor_iri: str) -> bool:
        """True if the class is the ancestor or one of its subclasses.

        >>> v = load_vocabulary()
        >>> v.is_a(v.types["Paper"], v.types["Source"])
        True
        """
        return type_iri == ancestor_iri or ancestor_iri in self.superclasses.get(type_iri, set())

    def family(self, type_name: str) -> str:
        """The most general record type that a record type is (itself if none is above it).

        >>> v = load_vocabulary()
        >>> v.family("Survey"), v.family("University"), v.family("ModelFamily"), v.family("Unknown")
        ('Source', 'Organization', 'ModelFamily', 'Unknown')
        """
        iri = self.types.get(type_name)
        if iri is None:
            return type_name
        above = [n for n, t in self.types.items() if self.is_a(iri, t)]
        return min(above, key=lambda n: (len(self.superclasses.get(self.types[n], ())), n))

    def type_name(self, type_iri: str) -> str:
        """The record type name of a class IRI."""
        for name, iri in self.types.items():
            if iri == type_iri:
                return name
        return type_iri


def _ontology_store(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = ONTOLOGY_FILE) -> Vocabulary:
    """Read record types, record keys and concept values from the ontology."""
    store = _ontology_store(path)
    vocab = Vocabulary()
    rk, rv, rt = (ox.NamedNode(VOCAB + n) for n in ("recordKey", "recordValue", "recordType"))
    functional = ox.NamedNode(OWL + "FunctionalProperty")
    rdf_type = ox.NamedNode(RDF + "type")
    for quad in store.quads_for_pattern(None, rt, None):
        vocab.types[quad.object.value] = quad.subject.value
    for quad in store.quads_for_pattern(None, rk, None):
        subject = quad.subject
        kinds = list(store.quads_for_pattern(subject, rv, None))
        if kinds:
            kind = kinds[0].object.value
            if kind not in KINDS:
                raise ValueError(f"{path}: {subject.value} has unknown aikg:recordValue {kind!r}")
            is_functional = any(True for _ in store.quads_for_pattern(subject, rdf_type, functional))
            vocab.keys[quad.object.value] = Key(quad.object.value, subject.value, kind, is_functional)
        else:  # a concept value such as aikg:FineTune ("finetune")
            for t in store.quads_for_pattern(subject, rdf_type, None):
                vocab.concepts.setdefault(t.object.value, {})[quad.object.value] = subject.value
    sub = ox.NamedNode(RDFS + "subClassOf")
    direct: dict[str, set[str]] = {}
    for quad in store.quads_for_pattern(None, sub, None):
        direct.setdefault(quad.subject.value, set()).add(quad.object.value)
    for cls in direct:
        seen: set[str] = set()
        todo = list(direct[cls])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(direct.get(parent, ()))
        vocab.superclasses[cls] = seen
    for attr, name in ((vocab.ranges, "range"), (vocab.domains, "domain")):
        for quad in store.quads_for_pattern(None, ox.NamedNode(RDFS + name), None):
            if isinstance(quad.object, ox.NamedNode) and not quad.object.value.startswith(XSD):
                attr[quad.subject.value] = quad.object.value
    for quad in store.quads_for_pattern(None, ox.NamedNode(RDFS + "label"), None):
        lang = quad.object.language or ""
        vocab.labels.setdefault(quad.subject.value, {})[lang] = quad.object.value
    return vocab
