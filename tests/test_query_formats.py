"""Every output format of aikg query, read back by an independent reader."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
from click.testing import CliRunner

from graph.cli import main

Q = "SELECT ?m ?label ?p WHERE { ?m aikg:parameterCount ?p ; rdfs:label ?label FILTER(LANG(?label)='en') } ORDER BY ?m"
RS = "{http://www.w3.org/2005/sparql-results#}"


def cli(out, *args):
    res = CliRunner().invoke(main, ["query", "--graph", str(out / "graph.trig"), *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_tsv_uses_ntriples_terms(built_out):
    lines = cli(built_out, Q, "--format", "tsv").splitlines()
    assert lines[0] == "?m\t?label\t?p"
    assert '<https://w3id.org/aiekg/id/gpt-3>\t"GPT-3"@en\t"175000000000"^^<http://www.w3.org/2001/XMLSchema#integer>' in lines


def test_xml_is_sparql_results_xml(built_out):
    root = ET.fromstring(cli(built_out, Q, "--format", "xml"))
    assert [v.get("name") for v in root.iter(f"{RS}variable")] == ["m", "label", "p"]
    uris = [u.text for u in root.iter(f"{RS}uri")]
    assert "https://w3id.org/aiekg/id/gpt-3" in uris


def test_the_engine_reads_back_json_xml_csv_and_tsv(built_out):
    for fmt, rf in (("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                    ("tsv", ox.QueryResultsFormat.TSV)):
        parsed = ox.parse_query_results(cli(built_out, Q, "--format", fmt).encode(), rf)
        rows = {(s["m"].value, s["p"].value) for s in parsed}
        assert ("https://w3id.org/aiekg/id/gpt-3", "175000000000") in rows, fmt
    table = list(csv.DictReader(io.StringIO(cli(built_out, Q, "--format", "csv"))))
    assert {"m": "https://w3id.org/aiekg/id/gpt-3", "label": "GPT-3", "p": "175000000000"} in table


def test_markdown_escapes_pipes_and_has_a_header_rule(built_out):
    out = cli(built_out, 'SELECT ?x WHERE { BIND("a|b" AS ?x) }', "--format", "md").splitlines()
    assert out == ["| x |", "|---|", "| a\\|b |"]


def test_construct_prints_turtle_and_jsonld(built_out):
    q = "CONSTRUCT { ?m aikg:developedBy kg:meta } WHERE { ?m aikg:developedBy kg:meta }"
    ttl = cli(built_out, q)
    assert len(list(ox.parse(ttl.encode(), ox.RdfFormat.TURTLE))) == 1
    doc = json.loads(cli(built_out, q, "--format", "jsonld"))
    assert "https://w3id.org/aiekg/id/llama" in json.dumps(doc)


def test_describe_gives_the_entity_triples(built_out):
    ttl = cli(built_out, "DESCRIBE kg:llama")
    triples = list(ox.parse(ttl.encode(), ox.RdfFormat.TURTLE))
    assert len(triples) > 5


def test_output_file_is_written_and_the_summary_goes_to_stderr(built_out, tmp_path):
    target = tmp_path / "res" / "models.csv"
    res = CliRunner().invoke(main, ["query", "--graph", str(built_out / "graph.trig"), Q, "--format", "csv",
                                    "-o", str(target)])
    assert res.exit_code == 0
    assert "wrote" in res.output and "rows" in res.output
    assert target.read_text(encoding="utf-8").startswith("m,label,p")
    assert [p.name for p in target.parent.iterdir()] == ["models.csv"], "no temporary file is left"


def test_lang_zh_gives_chinese_labels_with_english_fallback(built_out):
    out = cli(built_out, "--name", "cq01-models-by-organization", "--lang", "zh")
    assert "初代 GPT" in out and "ChatGPT" in out
    out = cli(built_out, "--name", "who-worked-where", "--lang", "zh")
    assert "特斯拉" in out and "AI总监" in out and "Alec Radford" in out


def test_a_select_format_for_a_construct_is_a_clear_error(built_out):
    res = CliRunner().invoke(main, ["query", "--graph", str(built_out / "graph.trig"),
                                    "CONSTRUCT WHERE { kg:llama ?p ?o }", "--format", "csv"])
    assert res.exit_code == 1 and "for SELECT and ASK" in res.output
