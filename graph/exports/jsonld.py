"""JSON-LD with a compact context made from the ontology (shipped as ``ontology/context.jsonld``).

The context maps the project's prefixes and every aikg property to a short
term (``developedBy``, ``releaseDate``, ...); object properties are typed
``@id``, so their values are compact IRIs such as ``kg:openai``. Literal values
keep their language tag or datatype as value objects, so the JSON-LD is the
same RDF graph, not an approximation.

>>> ctx = context()["@context"]
>>> ctx["developedBy"], ctx["kg"]
({'@id': 'aikg:developedBy', '@type': '@id'}, 'https://w3id.org/aiekg/id/')
"""
from __future__ import annotations

import json
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import BinaryIO, Iterable

import pyoxigraph as ox

from graph.exports.job import Export
from graph.namespaces import ONTOLOGY_DIR, ONTOLOGY_FILE, OWL, PREFIXES, RDF, VOCAB, XSD, shorten
from graph.rdf.write import triples

CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"


@lru_cache(maxsize=1)
def context() -> dict:
    """The compact context: prefixes, then one term per aikg property, sorted."""
    store = ox.Store()
    store.load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    ctx: dict = dict(PREFIXES)
    rdf_type = ox.NamedNode(RDF + "type")
    terms = {}
    for kind in ("ObjectProperty", "DatatypeProperty"):
        for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(OWL + kind)):
            iri = q.subject.value
            if iri.startswith(VOCAB):
                name = iri[len(VOCAB):]
                terms[name] = {"@id": f"aikg:{name}", "@type": "@id"} if kind == "ObjectProperty" else f"aikg:{name}"
    ctx.update(dict(sorted(terms.items())))
    return {"@context": ctx}


def context_text() -> str:
    """The context as the text of ``ontology/context.jsonld``."""
    return json.dumps(context(), indent=2, ensure_ascii=False) + "\n"


def _key(p: str, ctx: dict) -> str:
    if p == RDF + "type":
        return "@type"
    if p.startswith(VOCAB) and p[len(VOCAB):] in ctx:
        return p[len(VOCAB):]
    return shorten(p)


def _value(p: str, o, ctx: dict) -> object:
    term = ctx.get(_key(p, ctx)) if p.startswith(VOCAB) else None
    object_term = isinstance(term, dict) and term.get("@type") == "@id"
    if isinstance(o, ox.NamedNode):
        compact = shorten(o.value)
        if p == RDF + "type" or object_term:
            return compact
        return {"@id": compact}
    if isinstance(o, ox.BlankNode):
        return {"@id": f"_:{o.value}"}
    if object_term:  # a literal where the context expects an IRI: say so explicitly
        return {"@value": o.value, "@type": o.datatype.value} if not o.language else {"@value": o.value, "@language": o.language}
    if o.language:
        return {"@value": o.value, "@language": o.language}
    if o.datatype.value == XSD + "string":
        return o.value
    return {"@value": o.value, "@type": shorten(o.datatype.value)}


def write_jsonld(triples: Iterable[ox.Triple], out: BinaryIO) -> None:
    """Write triples (sorted by subject) as one JSON-LD document, one node object per subject."""
    ctx = context()["@context"]
    out.write(b'{\n  "@context": ')
    out.write(json.dumps(ctx, ensure_ascii=False).encode("utf-8"))
    out.write(b',\n  "@graph": [')
    first = True
    for subject, group in groupby(triples, key=lambda t: t.subject):
        node: dict = {"@id": shorten(subject.value) if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"}
        for t in group:
            k = _key(t.predicate.value, ctx)
            node.setdefault(k, []).append(_value(t.predicate.value, t.object, ctx))
        out.write(b"\n    " if first else b",\n    ")
        out.write(json.dumps(node, ensure_ascii=False).encode("utf-8"))
        first = False
    out.write(b"\n  ]\n}\n")


def export(job: Export) -> list[Path]:
    """``aikg export --format jsonld``: the union graph (or the subgraph), in the order of the one
    RDF writer (:func:`graph.rdf.write.triples`), as one JSON-LD document.

    >>> import tempfile
    >>> from graph.rdf.store import KnowledgeGraph
    >>> kg = KnowledgeGraph(); kg.load_ontology()
    >>> (p,) = export(Export(kg, None, None, Path(tempfile.mkdtemp()) / "o.jsonld", None, None))
    >>> sorted(json.loads(p.read_text(encoding="utf-8")))
    ['@context', '@graph']
    """
    return job.write_file(lambda f: write_jsonld(triples(job.kg, job.keep), f))
