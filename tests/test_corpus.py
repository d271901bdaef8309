"""The survey corpus (tests/fixtures/corpus): every document ingests and builds with data/, and is scored.

The development half is what the rules were tuned on; the held-out half was
scored only once the rules were done. The floors below are the held-out
figures measured then (rounded down), so that a change that loses ground
shows; the targets of the ingestion issue are higher (see the closing note).
The corpus README says which documents were held out when.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from graph.build import build_outputs
from graph.cli import main
from graph.ingest.evaluate import evaluate, score
from graph.ingest.review import Session, gold_graph

from conftest import DATA, FIXTURES

CORPUS = FIXTURES / "corpus"
DOCS = sorted(CORPUS.glob("*/*.md")) + sorted((FIXTURES / "notes").glob("*.md"))
LINEAGE = ("based_on", "version_of", "successor_of", "variant_of")
#: What a document may say of itself: its title, date, address, language, summary, and what it cites.
OWN = {"id", "type", "label", "aliases", "review", "sources", "released", "url", "homepage", "language",
       "description", "note", "cites", "about", "publisher", "authors"}


def _records(path: Path) -> list[dict]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return doc["records"] if isinstance(doc, dict) else doc


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_every_document_ingests_and_builds_with_the_curated_data(tmp_path, doc):
    out = tmp_path / "c.yaml"
    res = CliRunner().invoke(main, ["ingest", str(doc), "--data", str(DATA), "-o", str(out)])
    assert res.exit_code == 0, res.output
    records = _records(out)
    notes = next(r["id"] for r in records if r.get("type") == "Survey")
    for rec in records:
        rid = rec.get("id") or rec.get("extend")
        for key in LINEAGE:
            values = rec.get(key)
            values = values if isinstance(values, list) else [values] if values else []
            targets = {v.get("id", v.get("value")) if isinstance(v, dict) else v for v in values}
            assert rid not in targets, f"{rid} {key} itself"
        if rid == notes:
            assert set(rec) <= OWN, f"the notes say {sorted(set(rec) - OWN)} of themselves"
    result = build_outputs([DATA, doc], tmp_path / "out")  # SHACL and the checks included
    assert result.written and result.shacl.conforms


def _scores(half: str) -> dict[str, tuple[float, float]]:
    """Micro-averaged precision and recall over the documents of one half."""
    totals = {"entities": [0, 0, 0], "relations": [0, 0, 0]}
    for doc in sorted((CORPUS / half).glob("*.md")):
        s = Session(doc, [DATA])
        ev = evaluate(s.loaded, gold_graph(doc.with_suffix(".gold.yaml"), s.vocab), f"doc-{doc.stem}", s.vocab)
        for name, counts in (("entities", ev.entity_counts), ("relations", ev.relation_counts)):
            totals[name] = [a + b for a, b in zip(totals[name], counts)]
    out = {}
    for name, (extracted, gold, matched) in totals.items():
        out[name] = (matched / extracted if extracted else 1.0, matched / gold if gold else 1.0)
    return out


#: Measured 2026-12-01 when the held-out half (35-42) was first scored (entities P 0.82 R 0.72, relations P 0.62
#: R 0.20), rounded down; the corpus README says which documents were held out when.
HELD_OUT_FLOORS = {"entities": (0.81, 0.71), "relations": (0.61, 0.19)}
#: The development half (01-34) when 35-42 were first scored (entities P 0.89 R 0.80, relations P 0.80 R 0.54).
DEV_FLOORS = {"entities": (0.88, 0.80), "relations": (0.80, 0.54)}


def test_the_held_out_half_scores_at_least_what_it_scored_when_it_was_first_measured():
    assert len(list((CORPUS / "heldout").glob("*.gold.yaml"))) >= 8
    got = _scores("heldout")
    for name, (p, r) in HELD_OUT_FLOORS.items():
        assert got[name][0] >= p and got[name][1] >= r, (name, got[name])


def test_the_development_half_scores_at_least_what_it_scored_when_the_held_out_half_was_scored():
    got = _scores("dev")
    for name, (p, r) in DEV_FLOORS.items():
        assert got[name][0] >= p and got[name][1] >= r, (name, got[name])


def test_score_is_precision_and_recall():
    assert score({"a", "b"}, {"b", "c", "d", "e"}) == (0.5, 0.25)
