"""aikg build: outputs, determinism, provenance by named graph, RDF inputs, summary."""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import rdflib
from click.testing import CliRunner
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.build import OUTPUT_FILES, build
from graph.cli import main
from graph.namespaces import ID, ONTOLOGY_IRI, VOCAB

from conftest import DATA


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_build_writes_the_four_outputs_and_prints_a_summary(tmp_path):
    res = CliRunner().invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    for name in OUTPUT_FILES:
        assert (tmp_path / "out" / name).stat().st_size > 0
    assert "entities:" in res.output and "LanguageModel" in res.output
    assert "data triples" in res.output and "source graphs" in res.output and "edges" in res.output
    assert re.search(r"from \d+ records in \d+\.\d\d s \([\d,]+ quads/s\)", res.output), res.output
    assert "SHACL: conforms" in res.output and "checks passed" in res.output


def test_building_twice_gives_byte_identical_outputs(tmp_path):
    runner = CliRunner()
    for d in ("a", "b"):
        assert runner.invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path / d)]).exit_code == 0
    for name in OUTPUT_FILES:
        assert sha(tmp_path / "a" / name) == sha(tmp_path / "b" / name), name


def test_graph_ttl_parses_to_the_union_graph_of_the_dataset(built, built_out):
    parsed = rdflib.Graph().parse(built_out / "graph.ttl", format="turtle")
    union = rdflib.Graph()
    for t in built.kg.triples():
        union.add(tuple(_to_rdflib(x) for x in (t.subject, t.predicate, t.object)))
    if not isomorphic(parsed, union):
        _, only_parsed, only_union = graph_diff(to_isomorphic(parsed), to_isomorphic(union))
        raise AssertionError(f"only in file: {list(only_parsed)[:5]} only in build: {list(only_union)[:5]}")
    assert len(parsed) == built.kg.triple_count()


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def test_graph_trig_has_one_named_graph_per_source_and_the_ontology(built_out):
    ds = rdflib.Dataset().parse(built_out / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert ONTOLOGY_IRI in names
    assert ID + "survey-ai-ecosystem" in names and ID + "ref-8btc-chatgpt-history" in names
    sources = {str(s) for s, _, _, _ in ds.quads((None, rdflib.RDF.type, rdflib.URIRef(VOCAB + "Article"), None))}
    assert ID + "ref-zhihu-huggingface" in sources
    # an independent parser agrees on the number of quads
    assert len(list(ox.parse(path=str(built_out / "graph.trig"), format=ox.RdfFormat.TRIG))) == \
        sum(len(g) for g in ds.graphs())


def test_an_independent_parser_reads_the_same_number_of_triples(built, built_out):
    rapper = shutil.which("rapper")
    assert rapper, "rapper (Debian package raptor2-utils) is required for this test"
    proc = subprocess.run([rapper, "-c", "-i", "turtle", str(built_out / "graph.ttl")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert f"returned {built.kg.triple_count()} triples" in proc.stderr
    proc = subprocess.run([rapper, "-c", "-i", "trig", str(built_out / "graph.trig")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert f"returned {built.kg.quad_count()} " in proc.stderr


def test_every_fact_is_in_the_named_graph_of_at_least_one_source(built):
    kg = built.kg
    stated = {q.triple for q in kg.named_quads()}
    assert all(t in stated for t in kg.triples())
    assert all(g == ONTOLOGY_IRI or g.startswith(ID) for g in kg.graph_names())


def test_a_fact_with_its_own_sources_lands_only_in_their_graphs(minimal):
    kg = build([minimal]).kg
    res = kg.query("SELECT ?g WHERE { GRAPH ?g { kg:chat-model aikg:releaseDate ?d } }")
    assert [s["g"].value for s in res] == [ID + "blog-chatlm"]
    res = kg.query("SELECT ?g WHERE { GRAPH ?g { kg:chat-model aikg:basedOn kg:base-model } }")
    assert [s["g"].value for s in res] == [ID + "notes-llm-2023"]


def test_dates_numbers_and_language_tags_are_typed(built):
    kg = built.kg
    row = next(iter(kg.query(
        "SELECT ?p ?y ?d WHERE { kg:gpt-3 aikg:parameterCount ?p ; aikg:releaseDate ?y . kg:chatgpt aikg:releaseDate ?d }")))
    assert row["p"].datatype.value.endswith("#integer") and row["p"].value == "175000000000"
    assert row["y"].datatype.value.endswith("#gYear")
    assert row["d"].datatype.value.endswith("#date") and row["d"].value == "2022-11-30"
    zh = next(iter(kg.query('SELECT ?l WHERE { kg:tsinghua-university rdfs:label ?l FILTER(LANG(?l) = "zh") }')))
    assert zh["l"].value == "清华大学"


def test_rdf_files_are_accepted_as_input_next_to_records(tmp_path, minimal):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix aikg: <https://w3id.org/aiekg/vocab#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/aiekg/id/base-model> aikg:layerCount 32 .\n"
        "<https://w3id.org/aiekg/id/tiny> a aikg:Dataset ; rdfs:label \"Tiny corpus\"@en .\n",
        encoding="utf-8",
    )
    result = build([minimal, extra])
    assert result.network.nodes["base-model"]["layers"] == 32
    assert result.network.nodes["tiny"]["type"] == "Dataset"
    assert extra.resolve().as_uri() in result.kg.graph_names()


def test_a_broken_rdf_input_names_file_and_line(tmp_path, minimal):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--data", str(bad), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert "bad.ttl:3: RDF syntax error" in res.output
    assert not (tmp_path / "o").exists()


def test_rdf_xml_with_a_doctype_is_refused(tmp_path):
    bad = tmp_path / "bomb.rdf"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaa">]>\n<rdf:RDF '
                   'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["build", "--data", str(bad), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and "DOCTYPE is refused" in res.output


def test_the_rdflib_view_sees_the_same_store(built):
    ds = built.kg.rdflib()
    default = ds.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    assert (rdflib.URIRef(ID + "gpt-3"), rdflib.URIRef(VOCAB + "developedBy"), rdflib.URIRef(ID + "openai")) in default


def test_on_a_terminal_the_build_shows_its_steps_and_a_running_record_count(tmp_path):
    import json
    import sys

    from terminal import on_terminal

    records = tmp_path / "records.jsonl"
    rows = [{"id": "notes", "type": "Survey", "label": {"en": "Notes"}}]
    rows += [{"id": f"m{i}", "type": "LanguageModel", "label": {"en": f"M{i}"}, "sources": ["notes"]}
             for i in range(12_000)]
    records.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, seen, out = on_terminal([sys.executable, "-m", "graph.cli", "build", "--data", str(records), "--out",
                                   str(tmp_path / "out"), "--no-validate"], stream="stderr")
    assert code == 0
    text = seen.decode("utf-8", "replace")
    assert "reading records and building RDF: 10,000" in text
    assert "writing outputs" in text and "4/4" in text  # read, project, check, write (validation is off)
    assert b"from 12001 records" in out and b"quads/s" in out  # the summary, with throughput, on stdout
