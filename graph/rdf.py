"""Records become RDF quads: each fact in the named graph of every source that states it.

Qualified statements (derivation kind, affiliation role, training stage,
quantities and amounts) become nodes with IRIs derived from the record id
(``kg:gpt-3.training-cost``), never blank nodes, so that output is stable.

>>> from graph.records import Record, Fact
>>> rec = Record("gpt", "https://w3id.org/aikg/vocab#LanguageModel", "m.yaml", 1,
...              {"en": "GPT"}, sources=("notes",))
>>> rec.facts.append(Fact("layers", 12, ("notes",), 2))
>>> sorted(q.predicate.value.rsplit("#")[-1] for q in record_quads(rec))
['label', 'layerCount', 'type', 'wasDerivedFrom']
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator

import pyoxigraph as ox

from graph.namespaces import ID, PROV, RDF, RDFS, SCHEMA, SKOS, VOCAB, WD, XSD, entity_iri
from graph.records import Fact, Record
from graph.vocabulary import Vocabulary, load_vocabulary

TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
ALT_LABEL = ox.NamedNode(SKOS + "altLabel")
SAME_AS = ox.NamedNode(SCHEMA + "sameAs")
DERIVED_FROM = ox.NamedNode(PROV + "wasDerivedFrom")
DEFAULT = ox.DefaultGraph()


@lru_cache(maxsize=None)
def V(name: str) -> ox.NamedNode:
    """A term of the aikg vocabulary.

    >>> V("developedBy").value
    'https://w3id.org/aikg/vocab#developedBy'
    """
    return ox.NamedNode(VOCAB + name)


@lru_cache(maxsize=1 << 20)
def node(slug: str) -> ox.NamedNode:
    """The IRI of a record id (the terms are cached: the same ids come back again and again)."""
    return ox.NamedNode(entity_iri(slug))


def _typed(lexical: str, datatype: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype))


def records_quads(records: Iterable[Record], vocab: Vocabulary | None = None,
                  with_union: bool = False) -> Iterator[ox.Quad]:
    """All quads of all records; with ``with_union`` each triple once more in the default graph."""
    vocab = vocab or load_vocabulary()
    for rec in records:
        yield from record_quads(rec, vocab, with_union)


def record_quads(rec: Record, vocab: Vocabulary | None = None, with_union: bool = False) -> Iterator[ox.Quad]:
    """The quads of one record, one copy per source graph (and one in the default graph, if asked)."""
    vocab = vocab or load_vocabulary()
    s = node(rec.id)
    triples: list[tuple[Any, Any, Any, tuple[str, ...]]] = [(s, TYPE, ox.NamedNode(rec.type), rec.sources)]
    for lang, text in sorted(rec.labels.items()):
        triples.append((s, LABEL, ox.Literal(text, language=lang), rec.sources))
    for lang, alias in rec.aliases:
        lit = ox.Literal(alias, language=lang) if lang else ox.Literal(alias)
        triples.append((s, ALT_LABEL, lit, rec.sources))
    for src in rec.sources:  # entity-level provenance, for tools that do not read named graphs
        if src != rec.id:
            triples.append((s, DERIVED_FROM, node(src), (src,)))
    for fact in rec.facts:
        triples.extend((a, b, c, fact.sources) for a, b, c in fact_triples(rec, fact, vocab))
    for subj, pred, obj, sources in triples:
        for src in sources:
            yield ox.Quad(subj, pred, obj, node(src))
        if with_union:
            yield ox.Quad(subj, pred, obj, DEFAULT)


def fact_triples(rec: Record, fact: Fact, vocab: Vocabulary) -> list[tuple[Any, Any, Any]]:
    """The triples that state one fact of a record."""
    s = node(rec.id)
    key = vocab.keys.get(fact.key)
    if key is None:  # identifiers under ids: are keys too; only unknown keys get here
        raise KeyError(fact.key)
    p = ox.NamedNode(key.iri)
    v = fact.value
    kind = key.kind
    if kind == "ref":
        return [(s, p, node(v))]
    if kind == "date":
        return [(s, p, _typed(*v))]
    if kind == "integer":
        return [(s, p, _typed(str(v), XSD + "integer"))]
    if kind == "decimal":
        return [(s, p, _typed(v, XSD + "decimal"))]
    if kind == "boolean":
        return [(s, p, _typed("true" if v else "false", XSD + "boolean"))]
    if kind == "uri":
        return [(s, p, _typed(v, XSD + "anyURI"))]
    if kind == "text":
        return [(s, p, ox.Literal(v[1], language=v[0]))]
    if kind == "string":
        return [(s, p, ox.Literal(v))]
    if kind == "identifier":
        out = [(s, p, ox.Literal(v))]
        if fact.key == "wikidata":
            out.append((s, SAME_AS, ox.NamedNode(WD + v)))
        return out
    if kind in ("quantity", "money"):
        q = ox.NamedNode(f"{ID}{rec.id}.{fact.key.replace('_', '-')}")
        cls = "Quantity" if kind == "quantity" else "MonetaryAmount"
        out = [(s, p, q), (q, TYPE, V(cls)), (q, V("value"), _typed(v["value"], XSD + "decimal"))]
        out.append((q, V("unit"), ox.Literal(v["unit"])) if kind == "quantity" else (q, V("currency"), ox.Literal(v["currency"])))
        if v["precision"]:
            out.append((q, V("precision"), ox.NamedNode(v["precision"])))
        return out
    if kind == "derivation":
        out = [(s, p, node(v["id"]))]
        if v["kind"]:
            d = ox.NamedNode(f"{ID}{rec.id}.derivation.{v['id']}")
            out += [
                (s, ox.NamedNode(PROV + "qualifiedDerivation"), d),
                (d, TYPE, V("Derivation")),
                (d, ox.NamedNode(PROV + "entity"), node(v["id"])),
                (d, V("derivationKind"), ox.NamedNode(v["kind"])),
            ]
        return out
    if kind == "affiliation":
        out = [(s, p, node(v["id"]))]
        if len(v) > 1:
            a = ox.NamedNode(f"{ID}{rec.id}.affiliation.{v['id']}")
            out += [(s, V("qualifiedAffiliation"), a), (a, TYPE, V("Affiliation")), (a, V("organization"), node(v["id"]))]
            for lang, role in sorted(v.get("role", {}).items()):
                out.append((a, V("role"), ox.Literal(role, language=lang)))
            if "current" in v:
                out.append((a, V("current"), _typed("true" if v["current"] else "false", XSD + "boolean")))
            for k, prop in (("start", "startDate"), ("end", "endDate")):
                if k in v:
                    out.append((a, V(prop), _typed(*v[k])))
        return out
    if kind == "stage":
        st = ox.NamedNode(f"{ID}{rec.id}.stage.{v['order']}")
        out = [
            (s, p, st),
            (st, TYPE, V("TrainingStage")),
            (st, V("stageOrder"), _typed(str(v["order"]), XSD + "integer")),
            (st, V("stageTechnique"), node(v["technique"])),
        ]
        for lang, text in sorted(v.get("description", {}).items()):
            out.append((st, V("description"), ox.Literal(text, language=lang)))
        return out
    raise ValueError(f"unhandled value kind {kind}")  # pragma: no cover - kinds are checked on load
