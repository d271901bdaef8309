"""Namespaces, prefixes and the project's file locations, in one place.

The vocabulary's IRIs (``VOCAB``) are the project's and never change with the
user's settings; the IRIs of a graph's entities start with the *entity base*,
``DEFAULT_ID`` unless the user chose another (``aikg --base`` or ``base`` in
``aikg.toml``, see :func:`set_entity_base`).
"""
from __future__ import annotations

import re
from pathlib import Path

VOCAB = "https://w3id.org/aiekg/vocab#"
ONTOLOGY_IRI = "https://w3id.org/aiekg/vocab"
DEFAULT_ID = "https://w3id.org/aiekg/id/"
ID = DEFAULT_ID  # the entity base in use: read it through entity_base(), which follows set_entity_base()

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
WD = "http://www.wikidata.org/entity/"

# Other vocabularies that foreign RDF inputs use; the project writes none of their terms.
SCHEMA_HTTP = "http://schema.org/"  # schema.org's first namespace, still the common one in published data
FOAF = "http://xmlns.com/foaf/0.1/"
DCTERMS = "http://purl.org/dc/terms/"
DC = "http://purl.org/dc/elements/1.1/"

#: Prefixes of those vocabularies, to name their terms in views (``foaf:Person``); never declared in outputs.
OTHER_PREFIXES: dict[str, str] = {"schema": SCHEMA_HTTP, "foaf": FOAF, "dcterms": DCTERMS, "dc": DC}

#: Prefixes used in every serialization and prepended to every SPARQL query.
PREFIXES: dict[str, str] = {
    "aikg": VOCAB,
    "kg": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "wd": WD,
}

_BASE = re.compile(r"https?://[^\s<>\"{}|\\^`#]+[/#]")


def entity_base() -> str:
    """The IRI that every entity's IRI starts with (the record id follows it).

    >>> entity_base()
    'https://w3id.org/aiekg/id/'
    """
    return ID


def set_entity_base(iri: str | None) -> str:
    """Mint entity IRIs under ``iri`` (``None``: the default) from now on; the vocabulary stays the project's.

    >>> set_entity_base("https://example.org/kg/"), shorten("https://example.org/kg/gpt-3")
    ('https://example.org/kg/', 'kg:gpt-3')
    >>> set_entity_base(None)
    'https://w3id.org/aiekg/id/'
    >>> set_entity_base("example.org/kg")
    Traceback (most recent call last):
    ...
    ValueError: base IRI 'example.org/kg' must be an http(s) IRI ending with '/' or '#'
    """
    global ID
    iri = DEFAULT_ID if iri is None else iri
    if not _BASE.fullmatch(iri):
        raise ValueError(f"base IRI {iri!r} must be an http(s) IRI ending with '/' or '#'")
    if iri.startswith(ONTOLOGY_IRI):
        raise ValueError(f"base IRI {iri!r} is inside the vocabulary's namespace {ONTOLOGY_IRI}")
    ID = iri
    PREFIXES["kg"] = iri
    return iri


PROJECT_DIR = Path(__file__).resolve().parent.parent
# An installed wheel carries ontology/ inside the package; a source checkout
# (or an editable install) has it at the top of the project.
_PACKAGED = Path(__file__).resolve().parent / "ontology"
ONTOLOGY_DIR = _PACKAGED if _PACKAGED.is_dir() else PROJECT_DIR / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "aikg.ttl"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
TERMS_FILE = ONTOLOGY_DIR / "terms.yaml"


def slug_of(iri: str) -> str:
    """The record id of an entity IRI, or the IRI itself if it is not ours.

    >>> slug_of("https://w3id.org/aiekg/id/gpt-3")
    'gpt-3'
    """
    return iri[len(ID):] if iri.startswith(ID) else iri


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'.

    >>> local_name("https://w3id.org/aiekg/vocab#developedBy")
    'developedBy'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def sparql_prefixes() -> str:
    """PREFIX lines for every prefix in :data:`PREFIXES`.

    >>> "PREFIX aikg: <https://w3id.org/aiekg/vocab#>" in sparql_prefixes()
    True
    """
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def shorten(iri: str) -> str:
    """An IRI as a CURIE where a project prefix fits.

    >>> shorten("https://w3id.org/aiekg/id/gpt-3")
    'kg:gpt-3'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
