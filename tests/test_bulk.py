"""Bulk records: JSON Lines and CSV give the same graph as YAML, and bad lines name file and line."""
from __future__ import annotations

import csv
import json

import pytest
import rdflib
from rdflib.compare import isomorphic

from graph.build import build_dataset
from graph.errors import AikgError
from graph.records.load import load_records

RECORDS = [
    {"id": "notes", "type": "Survey", "label": {"en": "Notes", "zh": "笔记"}, "url": "https://example.org/n"},
    {"id": "acme", "type": "Company", "label": {"en": "Acme"}, "ids": {"wikidata": "Q42"}, "sources": ["notes"]},
    {"id": "base", "type": "LanguageModel", "label": {"en": "Base"}, "released": "2021", "parameters": 7000000000,
     "developed_by": ["acme"], "open_source": True, "aliases": ["B", "base-lm"], "sources": ["notes"]},
    {"id": "chat", "type": "LanguageModel", "label": {"en": "Chat"}, "based_on": ["base"], "released": "2022-06-01",
     "training_cost": {"amount": 5000, "currency": "USD", "precision": "estimate"}, "sources": ["notes"]},
]


def graph_of(path) -> rdflib.Graph:
    kg, _, _ = build_dataset([path])
    return rdflib.Graph().parse(data=kg.serialize("nt").decode(), format="nt")


def write_csv(d, records):
    d.mkdir()
    for kind in sorted({r["type"] for r in records}):
        rows = []
        for r in (r for r in records if r["type"] == kind):
            row = {}
            for k, v in r.items():
                if k == "label":
                    row.update({"label" if lang == "en" else f"label_{lang}": t for lang, t in v.items()})
                elif isinstance(v, dict):
                    row.update({f"{k}.{sub}": x for sub, x in v.items()})
                elif isinstance(v, list):
                    row[k] = ";".join(v)
                elif isinstance(v, bool):
                    row[k] = "true" if v else "false"
                else:
                    row[k] = v
            rows.append(row)
        cols = sorted({c for row in rows for c in row})
        with open(d / f"{kind.lower()}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols)
            w.writeheader()
            w.writerows(rows)


def test_jsonl_and_csv_give_the_same_graph_as_yaml(tmp_path):
    import yaml

    (tmp_path / "y").mkdir()
    (tmp_path / "y" / "r.yaml").write_text(yaml.safe_dump(RECORDS, allow_unicode=True), encoding="utf-8")
    (tmp_path / "j").mkdir()
    (tmp_path / "j" / "r.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n",
                                            encoding="utf-8")
    write_csv(tmp_path / "c", RECORDS)
    y, j, c = graph_of(tmp_path / "y"), graph_of(tmp_path / "j"), graph_of(tmp_path / "c")
    assert isomorphic(y, j) and isomorphic(y, c)
    assert len(y) > 20


def test_a_malformed_json_line_names_file_and_line(tmp_path):
    p = tmp_path / "r.jsonl"
    p.write_text(json.dumps(RECORDS[0]) + "\n\n{\"id\": \"x\", \n", encoding="utf-8")
    with pytest.raises(AikgError, match=r"r\.jsonl:3: malformed JSON"):
        load_records([p])


def test_a_bad_value_in_jsonl_names_its_line(tmp_path):
    p = tmp_path / "r.jsonl"
    bad = dict(RECORDS[2], parameters="many")
    p.write_text("\n".join(json.dumps(r) for r in [RECORDS[0], RECORDS[1], bad]) + "\n", encoding="utf-8")
    with pytest.raises(AikgError, match=r"r\.jsonl:3: parameters must be a whole number"):
        load_records([p])


def test_a_csv_row_with_too_many_cells_names_its_line(tmp_path):
    p = tmp_path / "survey.csv"
    p.write_text("id,type,label\nnotes,Survey,Notes\nx,Survey,X,extra\n", encoding="utf-8")
    with pytest.raises(AikgError, match=r"survey\.csv:3: 4 cells but 3 columns"):
        load_records([p])


def test_csv_cells_are_typed_by_the_ontology(tmp_path):
    write_csv(tmp_path / "c", RECORDS)
    recs = {r.id: r for r in load_records([tmp_path / "c"])}
    facts = {f.key: f.value for f in recs["base"].facts}
    assert facts["parameters"] == 7000000000 and facts["open_source"] is True
    assert recs["base"].aliases == [(None, "B"), (None, "base-lm")]
    assert {f.key: f.value for f in recs["chat"].facts}["training_cost"]["currency"] == "USD"


def test_a_decimal_column_in_csv_is_read_as_a_number(tmp_path):
    d = tmp_path / "p"
    d.mkdir()
    (d / "sources.csv").write_text("id,type,label\nnotes,Survey,Notes\n", encoding="utf-8")
    (d / "passages.csv").write_text("id,type,label,in_source,confidence,sources\n"
                                    "notes-p1,Passage,lines 1-2,notes,0.75,notes\n", encoding="utf-8")
    recs = {r.id: r for r in load_records([d])}
    facts = {f.key: f.value for f in recs["notes-p1"].facts}
    assert float(facts["confidence"]) == 0.75
