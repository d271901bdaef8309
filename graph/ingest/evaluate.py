"""Precision and recall of ingested notes against a gold graph (curated records).

Gold entities are the entities the gold source's named graph mentions (as
subject or object of any of its facts); gold relations are the links between
gold entities in the whole gold graph (object properties; types and provenance
left out). Extracted entities and relations are those of the candidates, after
linking; a new, unlinked entity counts as extracted but matches nothing.

>>> score(set("ab"), set("bc"))
(0.5, 0.5)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from graph.namespaces import ID, ONTOLOGY_IRI, PROV, RDF, VOCAB
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

    def text(self) -> str:
        """A readable table of the figures."""
        p, r = self.entities
        rp, rr = self.relations
        lines = [f"entities   precision {p:.2f}  recall {r:.2f}  (extracted {self.entity_counts[0]}, "
                 f"gold {self.entity_counts[1]}, matched {self.entity_counts[2]})",
                 f"relations  precision {rp:.2f}  recall {rr:.2f}  (extracted {self.relation_counts[0]}, "
                 f"gold {self.relation_counts[1]}, matched {self.relation_counts[2]})",
                 "by relation type:"]
        for t, (tp, tr, ne, ng) in sorted(self.by_type.items()):
            lines.append(f"  {t:22s} precision {tp:.2f}  recall {tr:.2f}  (extracted {ne}, gold {ng})")
        if self.wrong:
            lines.append("extracted but not in the gold graph:")
            lines += [f"  - {w}" for w in self.wrong]
        if self.missed:
            lines.append("in the gold graph but not extracted:")
            lines += [f"  - {m}" for m in self.missed]
        return "\n".join(lines)


def evaluate(candidates: list[Record], gold_kg, gold_source: str, vocab: Vocabulary | None = None) -> Evaluation:
    """Compare candidate records with the gold dataset, for the facts of ``gold_source``."""
    vocab = vocab or load_vocabulary()
    key_of = {k.iri: name for name, k in vocab.keys.items()}
    graphs = [ox.NamedNode(ID + gold_source)] + [  # the source's own graph and those of its passages
        q.subject for q in gold_kg.match(None, ox.NamedNode(VOCAB + "inSource"), ox.NamedNode(ID + gold_source))]
    ents: set[str] = set()
    for q in (q for g in graphs for q in gold_kg.match(graph=g.value)):
        if q.predicate.value in (VOCAB + "inSource",) or (isinstance(q.subject, ox.NamedNode) and q.subject in graphs[1:]):
            continue
        for t in (q.subject, q.object):
            if isinstance(t, ox.NamedNode) and t.value.startswith(ID) and "." not in t.value[len(ID):]:
                ents.add(t.value[len(ID):])
    gold_rel: set[tuple[str, str, str]] = set()
    onto = ox.NamedNode(ONTOLOGY_IRI)
    for q in gold_kg.match():
        p = q.predicate.value
        if p in SKIP or q.graph_name == onto or not isinstance(q.object, ox.NamedNode):
            continue
        s, o = q.subject.value[len(ID):], q.object.value[len(ID):]
        if q.subject.value.startswith(ID) and q.object.value.startswith(ID) and s in ents and o in ents:
            gold_rel.add((s, key_of.get(p, p), o))
    passage = VOCAB + "Passage"
    ext_ents = {c.id for c in candidates if not vocab.is_a(c.type, passage)}
    ents -= {c.id for c in candidates if vocab.is_a(c.type, passage)}
    ext_rel: set[tuple[str, str, str]] = set()
    for c in candidates:
        for f in c.facts:
            spec = vocab.keys.get(f.key)
            if spec is None or not KINDS[spec.kind].refers or f.key == "in_source":
                continue
            target = f.value if isinstance(f.value, str) else f.value["id"]
            ext_rel.add((c.id, f.key, target))
    by_type: dict[str, tuple[float, float, int, int]] = {}
    kinds = defaultdict(lambda: (set(), set()))
    for r in ext_rel:
        kinds[r[1]][0].add(r)
    for r in gold_rel:
        kinds[r[1]][1].add(r)
    for k, (e, g) in kinds.items():
        by_type[k] = (*score(e, g), len(e), len(g))
    return Evaluation(score(ext_ents, ents), (len(ext_ents), len(ents), len(ext_ents & ents)),
                      score(ext_rel, gold_rel), (len(ext_rel), len(gold_rel), len(ext_rel & gold_rel)), by_type,
                      sorted(" ".join(r) for r in gold_rel - ext_rel) + sorted(ents - ext_ents),
                      sorted(" ".join(r) for r in ext_rel - gold_rel) + sorted(ext_ents - ents))
