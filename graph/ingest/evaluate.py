"""Precision and recall of ingested notes against a gold graph (curated records).

Gold entities are the entities the gold source's named graph mentions (as
subject or object of any of its facts); gold relations are the links between
gold entities in the whole gold graph (object properties; types and provenance
left out). Extracted entities and relations are those of the candidates, after
linking; a new entity matches the gold entity of the same id, or else one that
shares a normalized label or alias with it (:func:`graph.ingest.linker.normalize`),
so that an id spelt otherwise is no miss; relations and values are compared
after mapping candidate ids to the gold ids they match. Values are the literal
facts (dates, counts, URLs, identifiers...) of gold entities, compared as
normalized text.

>>> score(set("ab"), set("bc"))
(0.5, 0.5)
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from graph.ingest.linker import normalize, url_key
from graph import namespaces
from graph.namespaces import ONTOLOGY_IRI, PROV, RDF, RDFS, SKOS, VOCAB
from graph.records.kinds import KINDS
from graph.records.model import Record
from graph.vocabulary import Vocabulary, load_vocabulary

SKIP = {RDF + "type", PROV + "wasDerivedFrom", PROV + "qualifiedDerivation", VOCAB + "qualifiedAffiliation",
        VOCAB + "inSource", VOCAB + "trainingStage", VOCAB + "trainingCost", VOCAB + "trainingDataSize",
        VOCAB + "modelsHosted", VOCAB + "datasetsHosted"}


def score(extracted: set, gold: set) -> tuple[float, float]:
    """(precision, recall); 1.0 where a side is empty."""
    hit = len(extracted & gold)
    return (hit / len(extracted) if extracted else 1.0, hit / len(gold) if gold else 1.0)


@dataclass
class Evaluation:
    entities: tuple[float, float]
    entity_counts: tuple[int, int, int]
    relations: tuple[float, float]
    relation_counts: tuple[int, int, int]
    by_type: dict[str, tuple[float, float, int, int]]
    missed: list[str]
    wrong: list[str]
    values: tuple[float, float] = (1.0, 1.0)
    value_counts: tuple[int, int, int] = (0, 0, 0)
    values_by_key: dict[str, tuple[float, float, int, int]] | None = None

    def text(self) -> str:
        """A readable table of the figures; a figure over nothing (no gold, nothing extracted) is ``n/a``."""
        lines = [f"entities   {_figures(self.entities, *self.entity_counts[:2])}  (extracted {self.entity_counts[0]}, "
                 f"gold {self.entity_counts[1]}, matched {self.entity_counts[2]})",
                 f"relations  {_figures(self.relations, *self.relation_counts[:2])}  (extracted "
                 f"{self.relation_counts[0]}, gold {self.relation_counts[1]}, matched {self.relation_counts[2]})",
                 "by relation type:"]
        for t, (tp, tr, ne, ng) in sorted(self.by_type.items()):
            lines.append(f"  {t:22s} {_figures((tp, tr), ne, ng)}  (extracted {ne}, gold {ng})")
        lines.append(f"values     {_figures(self.values, *self.value_counts[:2])}  (extracted {self.value_counts[0]}, "
                     f"gold {self.value_counts[1]}, matched {self.value_counts[2]})")
        lines.append("values by key:")
        for t, (tp, tr, ne, ng) in sorted((self.values_by_key or {}).items()):
            lines.append(f"  {t:22s} {_figures((tp, tr), ne, ng)}  (extracted {ne}, gold {ng})")
        if self.wrong:
            lines.append("extracted but not in the gold graph:")
            lines += [f"  - {w}" for w in self.wrong]
        if self.missed:
            lines.append("in the gold graph but not extracted:")
            lines += [f"  - {m}" for m in self.missed]
        return "\n".join(lines)


def _figures(scores: tuple[float, float], extracted: int, gold: int) -> str:
    """``precision P  recall R``, each ``n/a`` when it is a ratio over nothing (:func:`score` says 1.0 there).

    >>> _figures((0.5, 1.0), 2, 1), _figures((0.0, 1.0), 2, 0), _figures((1.0, 0.0), 0, 3)
    ('precision 0.50  recall 1.00', 'precision 0.00  recall  n/a', 'precision  n/a  recall 0.00')
    """
    p, r = (f"{x:.2f}" if n else " n/a" for x, n in zip(scores, (extracted, gold)))
    return f"precision {p}  recall {r}"


def by_key_of(extracted: set[tuple], gold: set[tuple]) -> dict[str, tuple[float, float, int, int]]:
    """(precision, recall, extracted, gold) per key of (subject, key, object) statements.

    >>> by_key_of({("a", "uses", "b"), ("a", "uses", "c")}, {("a", "uses", "b")})
    {'uses': (0.5, 1.0, 2, 1)}
    """
    kinds: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for r in extracted:
        kinds[r[1]][0].add(r)
    for r in gold:
        kinds[r[1]][1].add(r)
    return {k: (*score(e, g), len(e), len(g)) for k, (e, g) in kinds.items()}


def evaluate(candidates: list[Record], gold_kg, gold_source: str, vocab: Vocabulary | None = None) -> Evaluation:
    """Compare candidate records with the gold dataset, for the facts of ``gold_source``."""
    vocab = vocab or load_vocabulary()
    key_of = {k.iri: name for name, k in vocab.keys.items()}
    graphs = [ox.NamedNode(namespaces.ID + gold_source)] + [  # the source's own graph and those of its passages
        q.subject for q in gold_kg.match(None, ox.NamedNode(VOCAB + "inSource"), ox.NamedNode(namespaces.ID + gold_source))]
    ents: set[str] = set()
    for q in (q for g in graphs for q in gold_kg.match(graph=g.value)):
        if q.predicate.value in (VOCAB + "inSource",) or (isinstance(q.subject, ox.NamedNode) and q.subject in graphs[1:]):
            continue
        for t in (q.subject, q.object):
            if isinstance(t, ox.NamedNode) and t.value.startswith(namespaces.ID) and "." not in t.value[len(namespaces.ID):]:
                ents.add(t.value[len(namespaces.ID):])
    gold_rel: set[tuple[str, str, str]] = set()
    onto = ox.NamedNode(ONTOLOGY_IRI)
    for q in gold_kg.match():
        p = q.predicate.value
        if p in SKIP or q.graph_name == onto or not isinstance(q.object, ox.NamedNode):
            continue
        s, o = q.subject.value[len(namespaces.ID):], q.object.value[len(namespaces.ID):]
        if q.subject.value.startswith(namespaces.ID) and q.object.value.startswith(namespaces.ID) and s in ents and o in ents:
            gold_rel.add((s, key_of.get(p, p), o))
    passage = VOCAB + "Passage"
    ents -= {c.id for c in candidates if vocab.is_a(c.type, passage)}
    to_gold = gold_ids(candidates, gold_kg, ents, vocab)
    # The notes themselves (what their passages are in) are the gold source: unless the gold states what
    # they cite or are about, that is provenance, not content, and neither they nor their links are scored.
    notes = {f.value for c in candidates if vocab.is_a(c.type, passage) for f in c.facts if f.key == "in_source"}
    notes = {to_gold.get(n, n) for n in notes} | {gold_source}
    if any(r[0] in notes for r in gold_rel):  # a gold that curates what the notes cite scores it
        notes = set()
    ents -= notes
    candidates = [c for c in candidates if to_gold.get(c.id, c.id) not in notes]
    ext_ents = {to_gold.get(c.id, c.id) for c in candidates if not vocab.is_a(c.type, passage)}
    ext_rel: set[tuple[str, str, str]] = set()
    ext_val: set[tuple[str, str, str]] = set()
    for c in candidates:
        for f in c.facts:
            spec = vocab.keys.get(f.key)
            if spec is None or f.key == "in_source":
                continue
            subject = to_gold.get(c.id, c.id)
            if KINDS[spec.kind].refers:
                target = f.value if isinstance(f.value, str) else f.value["id"]
                ext_rel.add((subject, f.key, to_gold.get(target, target)))
            elif spec.kind in VALUE_KINDS:
                ext_val.add((subject, f.key, norm_value(f.value)))
    gold_val = gold_values(gold_kg, ents, key_of, vocab)
    ext_val = {v for v in ext_val if v[0] in ents}  # values of entities the gold source does not mention are not scored
    gold_rel = {r for r in gold_rel if r[0] not in notes}
    by_type, by_key = by_key_of(ext_rel, gold_rel), by_key_of(ext_val, gold_val)
    return Evaluation(score(ext_ents, ents), (len(ext_ents), len(ents), len(ext_ents & ents)),
                      score(ext_rel, gold_rel), (len(ext_rel), len(gold_rel), len(ext_rel & gold_rel)), by_type,
                      sorted(" ".join(r) for r in gold_rel - ext_rel) + sorted(ents - ext_ents),
                      sorted(" ".join(r) for r in ext_rel - gold_rel) + sorted(ext_ents - ents),
                      score(ext_val, gold_val), (len(ext_val), len(gold_val), len(ext_val & gold_val)), by_key)


#: Kinds of literal values scored as values (text in a language is left out: it is not said the same way twice).
VALUE_KINDS = {"date", "integer", "decimal", "boolean", "uri", "string", "identifier"}


def norm_value(value) -> str:
    """A literal value as compared: a date's text, a number without trailing zeros, a URL without scheme.

    >>> norm_value(("2023-02", "xsd:gYearMonth")), norm_value(13000000000), norm_value("https://www.Arxiv.org/abs/1/")
    ('2023-02', '13000000000', 'arxiv.org/abs/1')
    >>> norm_value("7.50"), norm_value(True)
    ('7.5', 'true')
    """
    if isinstance(value, tuple):
        value = value[0]
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip()
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", text) and not re.fullmatch(r"(19|20)[0-9]{2}", text):
        number = float(text)
        return str(int(number)) if number == int(number) else repr(number)
    if re.match(r"https?://", text, re.I):
        return url_key(text)
    return text


def gold_ids(candidates: list[Record], gold_kg, ents: set[str], vocab: Vocabulary) -> dict[str, str]:
    """The gold id each candidate entity stands for: its own, or the gold entity sharing a normalized name."""
    by_name: dict[str, str] = {}
    for e in sorted(ents):
        node = ox.NamedNode(namespaces.ID + e)
        for p in (RDFS + "label", SKOS + "altLabel"):
            for q in gold_kg.match(node, ox.NamedNode(p), None):
                by_name.setdefault(normalize(q.object.value), e)
        by_name.setdefault(normalize(e), e)
    out: dict[str, str] = {}
    for c in candidates:
        if c.id in ents or vocab.is_a(c.type, VOCAB + "Passage"):
            continue
        for name in [*c.labels.values(), *(a for _, a in c.aliases), c.id]:
            if normalize(name) in by_name:
                out[c.id] = by_name[normalize(name)]
                break
    return out


def gold_values(gold_kg, ents: set[str], key_of: dict[str, str], vocab: Vocabulary) -> set[tuple[str, str, str]]:
    """(entity, key, normalized value) of the literal facts of gold entities."""
    out: set[tuple[str, str, str]] = set()
    onto = ox.NamedNode(ONTOLOGY_IRI)
    for e in ents:
        for q in gold_kg.match(ox.NamedNode(namespaces.ID + e), None, None):
            key = key_of.get(q.predicate.value)
            spec = vocab.keys.get(key) if key else None
            if spec is None or spec.kind not in VALUE_KINDS or not isinstance(q.object, ox.Literal) \
                    or q.graph_name == onto:
                continue
            out.add((e, key, norm_value(q.object.value)))
    return out
