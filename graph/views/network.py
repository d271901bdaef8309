"""The RDF dataset projected to a NetworkX MultiDiGraph.

Entities (subjects typed with a class that records may use) become nodes with
their type, labels and literal values as attributes; object properties between
entities become edges keyed by predicate name, with the sources that state them.
Qualified nodes are folded in: a derivation's kind and an affiliation's role
become edge attributes, a training stage an edge to its technique, a quantity
or amount node attributes (``training_cost``, ``training_cost_currency``, ...).
``g.graph["predicates"]`` names the predicate IRI each node attribute comes from,
``g.graph["types"]`` the class IRI of each type name.

>>> from graph.build import build_graph
>>> g = to_networkx(build_graph(["data"]))
>>> g.nodes["gpt-3"]["type"], g.nodes["gpt-3"]["parameters"]
('LanguageModel', 175000000000)
>>> g.graph["predicates"]["training_cost_currency"], g.graph["predicates"]["label_zh"]
('https://w3id.org/aiekg/vocab#trainingCost', 'http://www.w3.org/2000/01/rdf-schema#label')

Foreign RDF, in any other vocabulary, is projected too. A resource outside the
records is an entity if it has an rdf:type, a label (:data:`LABELS`) or a
relation to another resource (IRI or blank node, rdf:type aside), except:

- what the project writes that is not an entity: the ontology's graph and terms,
  and the nodes typed with a class of the vocabulary that records may not use
  (quantities, amounts, derivations, affiliations, training stages);
- schema: classes (used as a type, or typed ``owl:Class``, ``rdfs:Class``, ...),
  properties (used as a predicate, or typed ``rdf:Property``, ...) and anything
  stated about only with RDF, RDFS or OWL terms (``rdfs:subClassOf``, list cells),
  unless it takes part in a relation between resources.

Its label is chosen as a record's is (English, else untagged, else Chinese,
else any; other languages as ``label_LANG``) from the first of :data:`LABELS`
that has one in that language; its type is named by the class's label in the
data, else its local name (``foaf:Person`` is ``Person``), ``foaf:Person``
when another type in the graph has that name; an entity without a type is a
``Resource``. Relations become edges labelled by the predicate's label or local
name; literals and links (:data:`LINKS`) become attributes named by the
predicate's local name (``zoo:weight`` is ``weight``), ``zoo_weight`` when the
name is taken.

>>> from graph.rdf.store import KnowledgeGraph
>>> Z = "http://e.org/zoo/"
>>> lines = [f"<{Z}rex> <{RDF}type> <{FOAF}Person>", f'<{Z}rex> <{FOAF}name> "Rex"@en', f"<{Z}rex> <{Z}feeds> _:b",
...          f'<{Z}rex> <{Z}weight> "12"^^<http://www.w3.org/2001/XMLSchema#integer>',
...          f'<{Z}feeds> <{RDFS}label> "feeds"@en']
>>> kg = KnowledgeGraph(); kg.add_quads(ox.parse("".join(f"{x} <{Z}g> .\\n" for x in lines), ox.RdfFormat.N_QUADS))
>>> g = to_networkx(kg); rex = g.nodes[Z + "rex"]
>>> rex["type"], rex["label"], rex["weight"], g.graph["types"]["Person"]
('Person', 'Rex', 12, 'http://xmlns.com/foaf/0.1/Person')
>>> [(v, d["edgelabel"]) for _, v, d in g.out_edges(Z + "rex", data=True)], g.nodes["_:b"]["type"]
([('_:b', 'feeds')], 'Resource')
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import networkx as nx
import pyoxigraph as ox

from graph.gcpause import paused_gc
from graph import namespaces
from graph.namespaces import (
    DC, DCTERMS, FOAF, ONTOLOGY_IRI, OTHER_PREFIXES, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SCHEMA_HTTP, SKOS,
    VOCAB, local_name, slug_of,
)
from graph.rdf.store import KnowledgeGraph
from graph.records.kinds import KINDS
from graph.vocabulary import Vocabulary, load_vocabulary

_INT_TYPES = {"integer", "positiveInteger", "nonNegativeInteger", "int", "long"}
_TYPE = RDF + "type"
_DERIVED_FROM = PROV + "wasDerivedFrom"
_ALT_LABEL = SKOS + "altLabel"
_SAME_AS = SCHEMA + "sameAs"

#: Predicates whose literals name a resource, the preferred first (per language, the first that has one wins).
LABELS = (RDFS + "label", SKOS + "prefLabel", SCHEMA + "name", SCHEMA_HTTP + "name", FOAF + "name",
          DCTERMS + "title", DC + "title")
_LABEL_RANK = {p: rank for rank, p in enumerate(LABELS)}
#: Predicates whose object is a link (a page, a picture, the same thing elsewhere): an attribute holding the IRI.
LINKS = frozenset(
    {FOAF + n for n in ("homepage", "page", "isPrimaryTopicOf", "weblog", "depiction", "img", "logo", "mbox")}
    | {ns + n for ns in (SCHEMA, SCHEMA_HTTP) for n in ("url", "image", "logo")}
    | {SCHEMA_HTTP + "sameAs", OWL + "sameAs", RDFS + "seeAlso"})
#: Predicates the project writes besides its vocabulary's, read by the rules for records only.
_OWN = frozenset({_TYPE, _ALT_LABEL, _SAME_AS, PROV + "qualifiedDerivation", PROV + "entity"})
#: Namespaces whose terms describe classes and properties (a type from them marks schema, not an entity).
_SCHEMA_NS = (RDF, RDFS, OWL)
#: Classes of everything, which say nothing about what a resource is.
_ANY_CLASS = frozenset({OWL + "Thing", OWL + "NamedIndividual", RDFS + "Resource"})
#: The type of an entity whose data gives it none.
UNTYPED = RDFS + "Resource"
#: Attribute names the projection and the tools that read it give a meaning (GEXF's id, start, end, viz, ...;
#: Gephi's CSV columns Id and Label; the page's x and y): never the name of a foreign property.
_RESERVED = frozenset({"iri", "type", "types", "label", "sources", "aliases", "same_as", "id", "Id", "Label", "pid",
                       "start", "end", "parents", "spells", "slices", "viz", "x", "y"})
_NOT_NAME = re.compile(r"[^\w.\-]")


def _key(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """How the projection names a term: an IRI as itself, a blank node as ``_:id`` (never a record id)."""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _literal_value(lit: ox.Literal) -> Any:
    """A literal as a Python value; an ill-typed one (``"lots"^^xsd:integer``) stays its text, and so
    does ``INF`` or ``NaN``, which the tools that read the exports (Java's number parser) do not take as ``inf``.

    >>> double = ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")
    >>> [_literal_value(ox.Literal(v, datatype=double)) for v in ("2.5", "1E3", "INF", "NaN")]
    [2.5, 1000, 'INF', 'NaN']
    """
    dtype = local_name(lit.datatype.value)
    try:
        if dtype in _INT_TYPES:
            return int(lit.value)
        if dtype == "decimal" or dtype == "double":
            num = float(lit.value)
            if not math.isfinite(num):
                return lit.value
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


@dataclass
class _Scan:
    """What one pass over the data's triples finds."""

    by_subject: dict[str, list[ox.Triple]] = field(default_factory=lambda: defaultdict(list))
    #: entity → the triple that gives its record type
    typed_by: dict[str, ox.Triple] = field(default_factory=dict)
    #: resource → its rdf:type triples naming classes outside the vocabulary (and not owl:Thing, ...)
    typed: dict[str, list[ox.Triple]] = field(default_factory=lambda: defaultdict(list))
    labelled: set[str] = field(default_factory=set)
    #: typed with a class of the vocabulary that records may not use: quantities, derivations, ...
    structural: set[str] = field(default_factory=set)
    #: classes, properties, and what RDF, RDFS or OWL terms (besides labels and links) are stated about
    schema: set[str] = field(default_factory=set)
    #: (subject, object, triple) of each statement between two resources with a foreign predicate
    relations: list[tuple[str, str, ox.Triple]] = field(default_factory=list)
    #: foreign predicates that become attributes or edges, and so need a name
    named: set[str] = field(default_factory=set)
    predicates: set[str] = field(default_factory=set)


def _scan(triples: list[ox.Triple], record_types: set[str], key_of: dict[str, str]) -> _Scan:
    """Sort the triples out in one pass: by subject, record types, and what foreign resources are."""
    scan = _Scan()
    by_subject, typed_by, typed = scan.by_subject, scan.typed_by, scan.typed
    structural, schema, labelled, named = scan.structural, scan.schema, scan.labelled, scan.named
    relations, seen_predicate = scan.relations, scan.predicates.add
    provenance: list[tuple[str, ox.Triple]] = []  # prov:wasDerivedFrom: a relation unless its subject is a record
    for t in triples:  # the hot loop: names bound above, the commonest cases (a record's own keys) first
        s = _key(t.subject)
        by_subject[s].append(t)
        p, o = t.predicate.value, t.object
        seen_predicate(p)
        if p in key_of:
            continue
        if p == _TYPE:
            c = o.value
            if c in record_types:
                if s not in typed_by:
                    typed_by[s] = t
            elif c.startswith(VOCAB):
                structural.add(s)
            elif c.startswith(_SCHEMA_NS) and c not in _ANY_CLASS:
                schema.add(s)
            elif c not in _ANY_CLASS and isinstance(o, ox.NamedNode):  # an anonymous class names no type
                typed[s].append(t)
                schema.add(c)
        elif p in _OWN or p.startswith(VOCAB):
            continue
        elif p == _DERIVED_FROM:
            provenance.append((s, t))
        elif isinstance(o, ox.Literal):
            if p in _LABEL_RANK:
                labelled.add(s)
            else:
                named.add(p)
        elif p in _LABEL_RANK:
            continue
        elif p in LINKS:
            named.add(p)
        elif p.startswith(_SCHEMA_NS):
            schema.add(s)
        else:
            relations.append((s, _key(o), t))
            named.add(p)
    for s, t in provenance:
        if s not in typed_by:  # a record's names its sources, which its node's ``sources`` say
            relations.append((s, _key(t.object), t))
            named.add(_DERIVED_FROM)
    schema |= scan.predicates
    return scan


def _outside(key: str) -> bool:
    """Whether a resource is the vocabulary's own term (or the ontology), which is never an entity."""
    return key.startswith(VOCAB) or key == ONTOLOGY_IRI


def _foreign_entities(scan: _Scan) -> tuple[set[str], list[tuple[str, str, ox.Triple]]]:
    """The entities besides the records', and the relations that count (between two resources that may be entities)."""
    left_out = scan.structural
    relations = [(s, o, t) for s, o, t in scan.relations
                 if s not in left_out and o not in left_out and not _outside(s) and not _outside(o)]
    related = {s for s, _, _ in relations} | {o for _, o, _ in relations}
    described = (scan.typed.keys() | scan.labelled) - scan.schema
    found = {k for k in described | related
             if k not in scan.typed_by and k not in left_out and not _outside(k)}
    return found, relations


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
    scan = _scan(triples, set(vocab.types.values()), key_of)
    types = {s: t.object.value for s, t in scan.typed_by.items()}
    foreign, relations = _foreign_entities(scan)
    taken = {key_of[p] for p in scan.predicates if p in key_of}
    ctx = _Context(scan.by_subject, sources, vocab, key_of, property_names(scan.named, taken), types)
    type_name = {iri: vocab.type_name(iri) for iri in set(types.values())}
    type_name.update(_type_names(_foreign_classes(foreign, scan), set(type_name.values()), ctx))

    g = nx.MultiDiGraph()
    incoming: dict[str, list[ox.Triple]] = defaultdict(list)
    for _, o, t in relations:
        incoming[o].append(t)
    for iri in sorted(types.keys() | foreign):
        if iri in types:
            chosen, from_sources = types[iri], sorted(sources.get(scan.typed_by[iri], ()))
        else:
            chosen, from_sources = _foreign_type(iri, scan, sources, incoming)
        named = [type_name[chosen]] + [type_name[t.object.value] for t in scan.typed.get(iri, ())]
        attrs = _node_attrs(iri, chosen, type_name[chosen], from_sources, ctx)
        if len(set(named)) > 1:
            attrs["types"] = sorted(set(named))
        g.add_node(_node_id(iri), **attrs)
    g.graph["predicates"] = ctx.predicates
    g.graph["types"] = {type_name[iri]: iri for iri in sorted(type_name) if iri in ctx.used_types}
    nodes = types.keys() | foreign
    for iri in sorted(nodes):
        for t in scan.by_subject[iri]:
            _add_edges(g, t, nodes, ctx)
    return g


@dataclass
class _Context:
    """What the attributes and edges of the projection are looked up in, and what they learn."""

    by_subject: dict[str, list[ox.Triple]]
    sources: dict[ox.Triple, set[str]]
    vocab: Vocabulary
    key_of: dict[str, str]
    #: foreign predicate → the name of its attribute or edge key
    names: dict[str, str]
    #: record entity → its record type
    types: dict[str, str]
    predicates: dict[str, str] = field(default_factory=lambda: {"type": _TYPE, "label": RDFS + "label"})
    used_types: set[str] = field(default_factory=set)
    described: dict[str, tuple[str, str, str]] = field(default_factory=dict)


def _foreign_classes(foreign: set[str], scan: _Scan) -> set[str]:
    """The classes (outside the vocabulary) of the projection's entities, and ``rdfs:Resource`` for the untyped."""
    classes = {t.object.value for k in scan.typed_by.keys() | foreign for t in scan.typed.get(k, ())}
    if any(k not in scan.typed for k in foreign):
        classes.add(UNTYPED)
    return classes


def _foreign_type(key: str, scan: _Scan, sources, incoming) -> tuple[str, list[str]]:
    """The class a foreign entity is shown as (the first by IRI), and the sources that state it.

    Without a type: the sources of what is stated about it, else of the relations that name it.
    """
    typed = sorted(scan.typed.get(key, ()), key=lambda t: t.object.value)
    if typed:
        return typed[0].object.value, sorted(sources.get(typed[0], ()))
    stated = scan.by_subject.get(key) or incoming.get(key, [])
    return UNTYPED, sorted({src for t in stated for src in sources.get(t, ())})


def namespace_tag(iri: str) -> str:
    """A short name for the namespace of a term (``foaf:Person``, ``zoo_id``): its usual prefix, else the last word of its namespace.

    >>> [namespace_tag(i) for i in ("http://xmlns.com/foaf/0.1/Person", "http://example.org/zoo/Animal",
    ...                             "http://schema.org/Person", "http://example.org/Animal")]
    ['foaf', 'zoo', 'schema', 'example.org']
    """
    ns = iri[: len(iri) - len(local_name(iri))]
    for prefix, known in (*PREFIXES.items(), *OTHER_PREFIXES.items()):
        if ns == known:
            return prefix
    words = [w for w in re.split(r"[/#?=&]+", re.sub(r"^[A-Za-z][\w+.-]*:(//)?", "", ns))
             if w and not re.fullmatch(r"v?\d[\d.]*", w)]
    word = words[-1] if words else "ns"
    if len(words) == 1:
        word = word.removeprefix("www.")
    return _NOT_NAME.sub("_", word)


def _taken(name: str, taken: set[str]) -> bool:
    return name in taken or name in _RESERVED or name.startswith(("label_", "edge_"))


def property_names(predicates: Iterable[str], taken: set[str] = frozenset()) -> dict[str, str]:
    """The attribute (and edge key) name of each foreign predicate: its local name, made a valid XML name,
    or ``prefix_name`` when the name is taken (by ``taken``, by the projection, or by a predicate before it by IRI).

    >>> property_names(["http://a.org/x/weight", "http://b.org/y/weight", "http://xmlns.com/foaf/0.1/homepage",
    ...        "http://e.org/v/id", "http://e.org/v/date of birth"], {"homepage"})  # doctest: +NORMALIZE_WHITESPACE
    {'http://a.org/x/weight': 'weight', 'http://b.org/y/weight': 'y_weight', 'http://e.org/v/date of birth':
     'date_of_birth', 'http://e.org/v/id': 'v_id', 'http://xmlns.com/foaf/0.1/homepage': 'foaf_homepage'}
    """
    taken = set(taken)
    out: dict[str, str] = {}
    for iri in sorted(predicates):
        base = _NOT_NAME.sub("_", local_name(iri) or local_name(iri.rstrip("/#"))) or "property"
        name = base
        if _taken(name, taken):
            name = f"{namespace_tag(iri)}_{base}"
            if _taken(name, taken):
                name = f"{name}_{hashlib.sha1(iri.encode()).hexdigest()[:6]}"
        taken.add(name)
        out[iri] = name
    return out


def _type_names(classes: set[str], present: set[str], ctx: _Context) -> dict[str, str]:
    """The type name of each foreign class: its label in the data, else its local name; ``prefix:Name``
    when a record type of the graph (``present``) or another class has that name, the IRI when even that does."""
    base = {c: _text_label(c, ctx) or local_name(c) or c for c in classes}
    counts = Counter(base.values())
    out: dict[str, str] = {}
    used = set(present)
    for c in sorted(classes):
        name = base[c]
        if name in used or counts[name] > 1:
            name = f"{namespace_tag(c)}:{name}"
            if name in used:
                name = c
        used.add(name)
        out[c] = name
    return out


def _text_label(key: str, ctx: _Context) -> str:
    """The label the data gives a class or predicate: English, else untagged, else any, by :data:`LABELS` order."""
    best: dict[str, tuple[int, str]] = {}
    for t in ctx.by_subject.get(key, ()):
        rank = _LABEL_RANK.get(t.predicate.value)
        if rank is not None and isinstance(t.object, ox.Literal):
            lang = t.object.language or ""
            if lang not in best or rank < best[lang][0]:
                best[lang] = (rank, t.object.value)
    for lang in ("en", "", *sorted(best)):
        if lang in best:
            return best[lang][1]
    return ""


def _describe(p: str, ctx: _Context) -> tuple[str, str, str]:
    """(edge key, predicate name, edge label) of a predicate IRI, computed once.

    The vocabulary's predicates are labelled by the ontology; others by their label in the data, if any.
    """
    cache = ctx.described
    if p not in cache:
        name = local_name(p)
        label = ctx.vocab.labels.get(p, {}).get("en")
        if p.startswith(VOCAB):
            cache[p] = (ctx.key_of.get(p, name), name, label or name)
        elif p in ctx.names:
            cache[p] = (ctx.names[p], ctx.names[p], _text_label(p, ctx) or label or name or ctx.names[p])
        else:
            cache[p] = (ctx.key_of.get(p, name), name, label or name)
    return cache[p]


_STAGE = VOCAB + "trainingStage"


@lru_cache(maxsize=1 << 20)
def _node_id(iri: str) -> str:
    return slug_of(iri) if iri.startswith(namespaces.ID) else iri


def _node_attrs(iri: str, type_iri: str, type_name: str, sources: list[str], ctx: _Context) -> dict[str, Any]:
    """The attributes of one entity; ``ctx.predicates`` learns the predicate of each attribute name."""
    ctx.used_types.add(type_iri)
    vocab, key_of, predicates, names, rank_of = ctx.vocab, ctx.key_of, ctx.predicates, ctx.names, _LABEL_RANK.get
    attrs: dict[str, Any] = {"iri": iri, "type": type_name, "label": "", "sources": sources}
    aliases: list[str] = []
    labels: dict[str, tuple[int, str]] = {}  # language → (rank of the predicate, text)
    names_given: list[str] = []
    foreign: dict[str, list[Any]] = {}
    for t in ctx.by_subject.get(iri, ()):
        p, o = t.predicate.value, t.object
        rank = rank_of(p)
        if rank is not None and isinstance(o, ox.Literal):
            lang = o.language or ""
            if lang not in labels or rank < labels[lang][0]:
                labels[lang] = (rank, o.value)
            names_given.append(o.value)
        elif p == _ALT_LABEL:
            aliases.append(o.value)
        elif p == _SAME_AS:
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
            for qt in ctx.by_subject.get(_key(o), []):
                field_name = local_name(qt.predicate.value)
                if field_name == "value":
                    attrs[name] = _literal_value(qt.object)
                    predicates[name] = p
                elif field_name == measure:
                    attrs[f"{name}_{field_name}"] = qt.object.value
                    predicates[f"{name}_{field_name}"] = p
                elif field_name == "precision":
                    attrs[f"{name}_precision"] = local_name(qt.object.value)
                    predicates[f"{name}_precision"] = p
        elif p in names and (isinstance(o, ox.Literal) or p in LINKS):  # a foreign property or link
            name = names[p]
            if isinstance(o, ox.Literal) and o.language and o.language != "en":
                name = f"{name}_{o.language}"
            foreign.setdefault(name, []).append(_literal_value(o) if isinstance(o, ox.Literal) else _key(o))
            predicates[name] = p
    for name, values in foreign.items():
        distinct = list({(type(v), v): v for v in values}.values())
        attrs[name] = distinct[0] if len(distinct) == 1 else sorted(distinct, key=str)
    text = {lang: label for lang, (_, label) in labels.items()}
    # English first; else an untagged label, else Chinese, else any, else the id
    label = (text.get("en") or text.get("") or text.get("zh")
             or next(iter(sorted(text.values())), "") or _node_id(iri))
    shown = {label, *(v for lang, v in text.items() if lang not in ("en", ""))}
    aliases += sorted({n for n in names_given if n not in shown and n not in aliases})  # the other names given
    if aliases:
        attrs["aliases"] = sorted(aliases)
        predicates["aliases"] = SKOS + "altLabel"
    for lang, value in sorted(text.items()):
        if lang not in ("en", ""):
            attrs[f"label_{lang}"] = value
            predicates[f"label_{lang}"] = RDFS + "label"
    attrs["label"] = label
    return attrs


def _add_edges(g: nx.MultiDiGraph, t: ox.Triple, nodes: set[str], ctx: _Context) -> None:
    """The edge a statement makes between two entities (a training stage: to its technique), if any.

    A record's ``prov:wasDerivedFrom`` names its sources, which the node's ``sources`` already say: no edge.
    """
    o = t.object
    if not isinstance(o, (ox.NamedNode, ox.BlankNode)):
        return
    s, p, target = _key(t.subject), t.predicate.value, _key(o)
    if target in nodes and p != _TYPE and not (p == _DERIVED_FROM and s in ctx.types):
        name, predicate, label = _describe(p, ctx)
        attrs = {"predicate": predicate, "iri": p, "edgelabel": label, "sources": sorted(ctx.sources[t])}
        attrs.update(_qualifiers(s, p, target, ctx.by_subject))
        g.add_edge(_node_id(s), _node_id(target), key=name, **attrs)
    elif p == _STAGE:
        stage = ctx.by_subject.get(target, [])
        values = {local_name(x.predicate.value): x.object for x in stage}
        tech = values.get("stageTechnique")
        if tech is not None and _key(tech) in nodes:
            attrs = {
                "predicate": "trainingStage",
                "iri": p,
                "edgelabel": ctx.vocab.labels.get(p, {}).get("en", "training stage"),
                "sources": sorted(ctx.sources[t]),
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
