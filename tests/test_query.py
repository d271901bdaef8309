"""aikg query and aikg queries on the command line."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from graph.cli import main
from graph.namespaces import QUERIES_DIR


def run(args, out):
    return CliRunner().invoke(main, ["query", "--graph", str(out / "graph.trig"), *args])


def test_a_sparql_string_prints_an_aligned_table(built_out):
    res = run(['SELECT ?l WHERE { kg:tsinghua-university rdfs:label ?l } ORDER BY ?l'], built_out)
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0] == "l" and set(lines[1]) == {"-"}
    assert "清华大学" in res.output and "(2 rows)" in res.output
    assert len(lines[1]) == len("Tsinghua University")
    zh = run(['SELECT ?l ?x WHERE { kg:tsinghua-university rdfs:label ?l FILTER(LANG(?l) = "zh") BIND(1 AS ?x) }'],
             built_out).output.splitlines()
    assert zh[1] == "--------  -", "CJK characters count double in the column width"
    assert zh[2] == "清华大学  1"


def test_csv_and_json_formats(built_out):
    q = 'SELECT ?m ?p WHERE { ?m aikg:parameterCount ?p } ORDER BY ?m'
    res = run([q, "--format", "csv"], built_out)
    table = list(csv.DictReader(io.StringIO(res.output)))
    assert {"m": "https://w3id.org/aiekg/id/gpt-3", "p": "175000000000"} in table
    res = run([q, "--format", "json"], built_out)
    doc = json.loads(res.output)
    assert doc["head"]["vars"] == ["m", "p"]
    gpt3 = next(b for b in doc["results"]["bindings"] if b["m"]["value"].endswith("/gpt-3"))
    assert gpt3["p"] == {"type": "literal", "value": "175000000000",
                         "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_a_query_file_and_a_named_query_give_the_same_answer(built_out):
    by_file = run([str(QUERIES_DIR / "cq09-who-released.rq")], built_out)
    by_name = run(["--name", "cq09-who-released"], built_out)
    assert by_file.exit_code == by_name.exit_code == 0
    assert by_file.output == by_name.output and "kg:meta" in by_name.output


def test_a_named_query_parameter_is_bound_as_an_rdf_term_not_pasted(built_out):
    res = run(["--name", "cq09-who-released", "--param", "model=kg:chatglm"], built_out)
    assert "Zhipu AI" in res.output
    hostile = run(["--name", "cq09-who-released", "--param", 'model="x } ; DROP ALL ; SELECT * { ?s ?p ?o"'], built_out)
    assert hostile.exit_code == 0 and "(0 rows)" in hostile.output  # a quoted string: one literal
    hostile = run(["--name", "cq09-who-released", "--param", "model=x } ; DROP ALL ; SELECT * { ?s ?p ?o"], built_out)
    assert hostile.exit_code == 1 and "--param model=x } ; DROP ALL ; SELECT * { ?s ?p ?o: no entity" in hostile.output


def test_an_unknown_parameter_or_query_name_is_a_clear_error(built_out):
    res = run(["--name", "cq09-who-released", "--param", "org=kg:meta"], built_out)
    assert res.exit_code == 1 and "has no parameter 'org'" in res.output
    res = run(["--name", "nope"], built_out)
    assert res.exit_code == 1 and "no named query 'nope'" in res.output


def test_a_syntax_error_is_reported_without_a_traceback(built_out):
    res = run(["SELECT ?x WHERE { ?x ?y }"], built_out)
    assert res.exit_code == 1
    assert "SPARQL syntax error" in res.output and "Traceback" not in res.output


def test_ask_and_construct_queries(built_out):
    assert run(["ASK { kg:gpt-3 aikg:developedBy kg:openai }"], built_out).output.strip() == "yes"
    res = run(["CONSTRUCT { ?m aikg:developedBy kg:meta } WHERE { ?m aikg:developedBy kg:meta }"], built_out)
    assert "kg:llama aikg:developedBy kg:meta" in res.output


def test_without_a_built_graph_the_query_builds_from_data_in_memory(tmp_path, minimal):
    res = CliRunner().invoke(main, ["query", "--graph", str(tmp_path / "missing.trig"), "--data", str(minimal),
                                    "SELECT ?l WHERE { kg:base-model rdfs:label ?l FILTER(LANG(?l)='en') }"])
    assert res.exit_code == 0, res.output
    assert "BaseLM" in res.output


def test_data_given_explicitly_is_what_the_query_reads_even_when_a_built_graph_exists(built_out, minimal):
    sparql = "SELECT ?l WHERE { kg:base-model rdfs:label ?l FILTER(LANG(?l)='en') }"
    res = CliRunner().invoke(main, ["query", "--graph", str(built_out / "graph.trig"), "--data", str(minimal), sparql])
    assert res.exit_code == 0, res.output
    assert "BaseLM" in res.output
    res = CliRunner().invoke(main, ["query", "--graph", str(built_out / "graph.trig"), sparql])
    assert "BaseLM" not in res.output and "(0 rows)" in res.output


def test_queries_lists_every_named_query_with_its_title(built_out):
    res = CliRunner().invoke(main, ["queries"])
    assert res.exit_code == 0
    for path in QUERIES_DIR.glob("*.rq"):
        assert path.stem in res.output
    assert "org=kg:openai" in res.output
