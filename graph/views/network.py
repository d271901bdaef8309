"""The RDF dataset projected to a NetworkX MultiDiGraph.

Entities (subjects typed with a class that records may use) become nodes with
their type, labels and literal values as attributes; object properties between
entities become edges keyed by predicate name, with the sources that state them.
Qualified nodes are folded in: a derivation's kind and an affiliation's role
become edge attributes, a training stage an edge to its technique, a quantity
or amount node attributes (``training_cost``, ``training_cost_currency``, ...).
``g.graph["predicates"]`` names the predicate IRI each node attribute comes from.

>>> from graph.build import build_graph
>>> g = to_networkx(build_graph(["data"]))
>>> g.nodes["gpt-3"]["type"], g.nodes["gpt-3"]["parameters"]
('LanguageModel', 175000000000)
>>> g.graph["predicates"]["training_cost_currency"], g.graph["predicates"]["label_zh"]
('https://w3id.org/aiekg/vocab#trainingCost', 'http://www.w3.org/2000/01/rdf-schema#label')
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.gcpause import paused_gc
from graph import namespaces
from graph.namespaces import ONTOLOGY_IRI, PROV, RDF, RDFS, SCHEMA, SKOS, VOCAB, local_name, slug_of
from graph.rdf.store import KnowledgeGraph
from graph.records.kinds import KINDS
from graph.vocabulary import Vocabulary, load_vocabulary

_INT_TYPES = {"integer", "positiveInteger", "nonNegativeInteger", "int", "long"}


def _key(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """How the projection names a term: an IRI as itself, a blank node as ``_:id`` (never a record id)."""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _literal_value(lit: ox.Literal) -> Any:
    """A literal as a Python value; an ill-typed one (``"lots"^^xsd:integer``) stays its text."""
    dtype = local_name(lit.datatype.value)
    try:
        if dtype in _INT_TYPES:
            return int(lit.value)
        if dtype == "decimal" or dtype == "double":
            num = float(lit.value)
            return int(num) if num.is_integer() else num
    except (ValueError, OverflowError):
        return lit.value
    if dtype == "boolean":
        return lit.value in ("true", "1")
    return lit.value


def to_networkx(kg: KnowledgeGraph, vocab: Vocabulary | None = None) -> nx.MultiDiGraph:
    """Project the dataset (without the ontology graph) to a ``MultiDiGraph``."""
    with paused_gc():
        return _project(kg, vocab or load_vocabulary())


def _project(kg: KnowledgeGraph, vocab: Vocabulary) -> nx.MultiDiGraph:
    sources: dict[ox.Triple, set[str]] = defaultdict(set)
    for graph in kg.graph_names():
        if graph == ONTOLOGY_IRI:
            continue
        slug = slug_of(graph)
        for q in kg.match(graph=graph):
            sources[q.triple].add(slug)
    triples = list(sources)  # in the store's own order: the same for the same data, no sort needed
    key_of = {k.iri: name for name, k in vocab.keys.items()}
    record_types = set(vocab.types.values())

    rdf_type = RDF + "type"
    typed_by: dict[str, ox.Triple] = {}  # entity (IRI, or blank node id) → the triple that gives its record type
    by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        s = _key(t.subject)
        by_subject[s].append(t)
        if s not in typed_by and t.predicate.value == rdf_type and t.object.value in record_types:
            typed_by[s] = t
    types = {s: t.object.value for s, t in typed_by.items()}

    g = nx.MultiDiGraph()
    predicates: dict[str, str] = {"type": rdf_type, "label": RDFS + "label"}
    for iri in sorted(types):
        g.add_node(_node_id(iri), **_node_attrs(iri, typed_by[iri], by_subject, sources, vocab, key_of, predicates))
    g.graph["predicates"] = predicates
    described: dict[str, tuple[str, str, str]] = {}
    for iri in sorted(types):
        for t in by_subject[iri]:
            _add_edges(g, t, types, by_subject, sources, vocab, key_of, described)
    return g


def _describe(p: str, vocab: Vocabulary, key_of: dict[str, str], cache: dict) -> tuple[str, str, str]:
    """(edge key, predicate name, edge label) of a predicate IRI, computed once."""
    if p not in cache:
        name = local_name(p)
        cache[p] = (key_of.get(p, name), name, vocab.labels.get(p, {}).get("en", name))
    return cache[p]


_NOT_EDGES = {RDF + "type", PROV + "wasDerivedFrom"}
_STAGE = VOCAB + "trainingStage"


@lru_cache(maxsize=1 << 20)
def _node_id(iri: str) -> str:
    return slug_of(iri) if iri.startswith(namespaces.ID) else iri


def _node_attrs(iri, type_triple, by_subject, sources, vocab, key_of, predicates) -> dict[str, Any]:
    """The attributes of one entity; ``predicates`` learns the predicate of each attribute name."""
    triples = by_subject[iri]
    type_iri = type_triple.object.value
    attrs: dict[str, Any] = {
        "iri": iri,
        "type": vocab.type_name(type_iri),
        "label": "",
        "sources": sorted(sources.get(type_triple, ())),
    }
    aliases: list[str] = []
    labels: dict[str, str] = {}
    for t in triples:
        p, o = t.predicate.value, t.object
        if p == RDFS + "label" and isinstance(o, ox.Literal):
            labels.setdefault(o.language or "", o.value)
        elif p == SKOS + "altLabel":
            aliases.append(o.value)
        elif p == SCHEMA + "sameAs":
            attrs.setdefault("same_as", []).append(o.value)
            predicates["same_as"] = p
        elif isinstance(o, ox.Literal) and p in key_of:
            name = key_of[p]
            if o.language:
                name = name if o.language == "en" else f"{name}_{o.language}"
            attrs[name] = _literal_value(o)
            predicates[name] = p
        elif p in key_of and (measure := KINDS[vocab.keys[key_of[p]].kind].measure):  # a quantity or an amount
            name = key_of[p]
            for qt in by_subject.get(_key(o), []):
                field = local_name(qt.predicate.value)
                if field == "value":
                    attrs[name] = _literal_value(qt.object)
                    predicates[name] = p
                elif field == measure:
                    attrs[f"{name}_{field}"] = qt.object.value
                    predicates[f"{name}_{field}"] = p
                elif field == "precision":
                    attrs[f"{name}_precision"] = local_name(qt.object.value)
                    predicates[f"{name}_precision"] = p
    if aliases:
        attrs["aliases"] = sorted(aliases)
        predicates["aliases"] = SKOS + "altLabel"
    for lang, text in sorted(labels.items()):
        if lang not in ("en", ""):
            attrs[f"label_{lang}"] = text
            predicates[f"label_{lang}"] = RDFS + "label"
    # English first; else an untagged label, else Chinese, else any, else the id
    attrs["label"] = (labels.get("en") or labels.get("") or labels.get("zh")
                      or next(iter(sorted(labels.values())), "") or _node_id(iri))
    return attrs


def _add_edges(g, t, types, by_subject, sources, vocab, key_of, cache) -> None:
    o = t.object
    if not isinstance(o, (ox.NamedNode, ox.BlankNode)):
        return
    s, p, target = _key(t.subject), t.predicate.value, _key(o)
    if target in types and p not in _NOT_EDGES:
        name, predicate, label = _describe(p, vocab, key_of, cache)
        attrs = {"predicate": predicate, "iri": p, "edgelabel": label, "sources": sorted(sources[t])}
        attrs.update(_qualifiers(s, p, target, by_subject))
        g.add_edge(_node_id(s), _node_id(target), key=name, **attrs)
    elif p == _STAGE:
        stage = by_subject.get(target, [])
        values = {local_name(x.predicate.value): x.object for x in stage}
        tech = values.get("stageTechnique")
        if tech is not None and _key(tech) in types:
            attrs = {
                "predicate": "trainingStage",
                "iri": p,
                "edgelabel": vocab.labels.get(p, {}).get("en", "training stage"),
                "sources": sorted(sources[t]),
                "stage": int(values["stageOrder"].value),
            }
            g.add_edge(_node_id(s), _node_id(_key(tech)), key=f"training_stage_{attrs['stage']}", **attrs)


def _qualifiers(s: str, p: str, o: str, by_subject) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if p == VOCAB + "basedOn":
        link = PROV + "qualifiedDerivation"
    elif p == VOCAB + "affiliatedWith":
        link = VOCAB + "qualifiedAffiliation"
    else:
        return out
    for t in by_subject.get(s, []):
        if t.predicate.value != link:
            continue
        q = by_subject.get(_key(t.object), [])
        if not any(_key(x.object) == o for x in q if x.predicate.value in (PROV + "entity", VOCAB + "organization")):
            continue
        for x in q:
            name = local_name(x.predicate.value)
            if name == "derivationKind":
                out["kind"] = local_name(x.object.value)
            elif name == "role":
                out["role" if x.object.language == "en" else f"role_{x.object.language}"] = x.object.value
            elif name in ("current", "startDate", "endDate"):
                out[name] = _literal_value(x.object)
    return out
