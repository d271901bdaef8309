"""Answers that are right (issue 15): lineage depths, syntax errors at the user's own place,
and one rule for what a user's entity reference means (--focus, --param, the query page)."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import DATA
from graph.build import build
from graph.cli import main
from graph.errors import QuerySyntaxError
from graph.namespaces import entity_base, set_entity_base, shorten
from graph.sparql.query import named_query, parse_header, query_bindings, run_named, run_query
from test_server import endpoint  # noqa: F401 - the endpoint fixture, shared
from graph.sparql.terms import BadReference, EntityRef, entity_iri, parameter_term
from graph.views.select import select_nodes
from graph.vocabulary import load_vocabulary

KG = "https://w3id.org/aiekg/id/"


# ---------------------------------------------------------------- 1. lineage depths
def _write(tmp_path, models: str):
    d = tmp_path / "data"
    d.mkdir()
    (d / "lineage.yaml").write_text("- id: notes\n  type: Survey\n  label: {en: Notes}\n" + models, encoding="utf-8")
    result = build([d])
    assert result.violations == {}
    return result.kg


def _model(mid: str, links: str = "") -> str:
    return f"- id: {mid}\n  type: LanguageModel\n  label: {{en: {mid.upper()}}}\n{links}  sources: [notes]\n"


@pytest.fixture
def lineage(tmp_path):
    """A chain of five models, its links written each way lineage is (a → b → c → d → e), and two
    diamonds over it: x is based on b and on d, y on a and successor of c, so that some ancestors of
    theirs are reached by a short and a long path (e from y: 3 steps through c, 5 through a)."""
    return _write(tmp_path, "".join([
        _model("a", "  based_on: b\n"),
        _model("b", "  successor_of: c\n"),
        _model("c", "  based_on:\n    - {id: d, kind: finetune}\n"),  # a qualified (reified) derivation
        _model("d", "  based_on: e\n"),
        _model("e"),
        _model("x", "  based_on: [b, d]\n"),
        _model("y", "  based_on: a\n  successor_of: c\n"),
    ]))


def _steps(kg, model: str, query: str = "model-ancestors") -> dict[str, str]:
    return {r[0]: r[2] for r in run_named(kg, query, model=f"kg:{model}").rows}


def test_every_step_of_a_chain_is_counted(lineage):
    assert _steps(lineage, "a") == {"kg:b": "1", "kg:c": "2", "kg:d": "3", "kg:e": "4"}
    assert _steps(lineage, "b") == {"kg:c": "1", "kg:d": "2", "kg:e": "3"}
    assert _steps(lineage, "e") == {}


def test_in_a_diamond_the_shortest_path_counts(lineage):
    assert _steps(lineage, "x") == {"kg:b": "1", "kg:d": "1", "kg:c": "2", "kg:e": "2"}
    assert _steps(lineage, "y") == {"kg:a": "1", "kg:c": "1", "kg:b": "2", "kg:d": "2", "kg:e": "3"}
    assert "shortest" in named_query("model-ancestors").description


def test_ancestors_farther_than_the_counted_steps_are_listed_without_a_number(tmp_path):
    kg = _write(tmp_path, "".join(_model(f"m{i}", f"  based_on: m{i + 1}\n") for i in range(12)) + _model("m12"))
    steps = _steps(kg, "m0")
    assert [steps[f"kg:m{i}"] for i in range(1, 13)] == [str(i) for i in range(1, 11)] + ["", ""]
    assert "up to 10" in named_query("model-ancestors").description
    rows = run_named(kg, "model-ancestors", model="kg:m0").rows
    assert [r[0] for r in rows[-2:]] == ["kg:m11", "kg:m12"], "the uncounted come last"


def test_descendants_follow_the_same_links(lineage):
    assert {r[0] for r in run_named(lineage, "model-descendants", model="kg:e").rows} == {"kg:a", "kg:b", "kg:c",
                                                                                      "kg:d", "kg:x", "kg:y"}


def test_codex_is_three_steps_from_gpt_in_the_shipped_data(built):
    assert _steps(built.kg, "codex") == {"kg:gpt-3": "1", "kg:gpt-2": "2", "kg:gpt": "3"}


# ---------------------------------------------------------------- 2. syntax errors at the user's place
def _oxigraph_place(query: str) -> str:
    """Where the parser itself puts the error in the bare text (no predeclared prefixes): the truth."""
    with pytest.raises(SyntaxError) as err:
        ox.Store().query(query)
    line, column = re.match(r"error at (\d+):(\d+)", str(err.value)).groups()
    return f"at line {line}, column {column}:"


PREFIX_LIST = "declared prefixes are aikg, kg, rdf, rdfs, xsd, owl, skos, prov, schema, wd"
ONE_LINE = "SELECT ?x WHERE { ?x }"
THREE_LINES = "SELECT ?x WHERE {\n  ?x ?p ?o .\n  ?x }"
OWN_PREFIXES = "PREFIX ex: <http://example.org/>\nPREFIX kg: <https://w3id.org/aiekg/id/>\nSELECT ?x WHERE {\n  ?x ex:p ?y .\n  ?x }"
UNKNOWN = "SELECT ?x WHERE {\n  ?x a aikg:Model ;\n     nope:p ?y }"
UNKNOWN_OWN = "PREFIX ex: <http://example.org/>\nSELECT * { ?s ex:p ?o ; nope:q ?z }"

SYNTAX_CASES = [
    pytest.param(ONE_LINE, _oxigraph_place(ONE_LINE), id="line-1-of-1"),
    pytest.param(THREE_LINES, _oxigraph_place(THREE_LINES), id="line-3-of-3"),
    pytest.param(OWN_PREFIXES, _oxigraph_place(OWN_PREFIXES), id="own-prefix-lines"),
    pytest.param(UNKNOWN, f"at line 3, column 6: unknown prefix `nope:`; {PREFIX_LIST}", id="unknown-prefix"),
    pytest.param(UNKNOWN_OWN, f"at line 2, column 25: unknown prefix `nope:`; {PREFIX_LIST}, ex", id="unknown-prefix-own"),
]


def test_the_cases_are_where_they_say():
    assert _oxigraph_place(ONE_LINE) == "at line 1, column 23:"
    assert _oxigraph_place(THREE_LINES) == "at line 3, column 7:"
    assert _oxigraph_place(OWN_PREFIXES) == "at line 5, column 7:"


@pytest.mark.parametrize("query, place", SYNTAX_CASES)
def test_the_command_line_reports_the_users_own_line_and_column(built_out, query, place):
    res = CliRunner().invoke(main, ["query", "--graph", str(built_out / "graph.trig"), query])
    assert res.exit_code == 1
    assert res.output.startswith(f"Error: SPARQL syntax error {place}"), res.output
    assert not re.search(r"line 1[0-9]", res.output), "the predeclared prefixes are not lines of the query"
    assert "\\u{" not in res.output and "Traceback" not in res.output


def test_a_parameter_substituted_before_the_error_does_not_move_it(built):
    text = "# param: m = kg:gpt-3\nSELECT ?l WHERE { ?m rdfs:label ?l . ?l }"
    q = parse_header("q", text)
    with pytest.raises(QuerySyntaxError, match=r"at line 2, column 42:"):
        run_query(built.kg, text, query_bindings(q))




def _http(url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


@pytest.mark.parametrize("query, place", SYNTAX_CASES)
def test_the_endpoint_reports_the_users_own_line_and_column(endpoint, query, place):
    status, body = _http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 400
    assert body.startswith(f"SPARQL syntax error {place}") and "\\u{" not in body


# ---------------------------------------------------------------- 3. what an entity reference means
GPT3_FORMS = ["gpt-3", "kg:gpt-3", f"<{KG}gpt-3>", f"{KG}gpt-3", " kg:gpt-3 "]


@pytest.mark.parametrize("form", GPT3_FORMS)
def test_every_form_names_the_same_entity(form):
    assert entity_iri(form) == KG + "gpt-3"
    assert parameter_term("model", form, "kg:instructgpt") in (ox.NamedNode(KG + "gpt-3"),
                                                               EntityRef("model", "gpt-3"))


@pytest.mark.parametrize("form", GPT3_FORMS)
def test_focus_takes_every_form(built, form):
    assert select_nodes(built.network, load_vocabulary(), form, 1) == select_nodes(built.network, load_vocabulary(),
                                                                                   "gpt-3", 1)


def test_focus_kg_gpt_3_on_the_command_line(built_out, tmp_path):
    for command in ("page", "export"):
        out = tmp_path / f"{command}.html" if command == "page" else tmp_path / "n.ttl"
        res = CliRunner().invoke(main, [command, "--graph", str(built_out / "graph.trig"), "-o", str(out),
                                        "--focus", "kg:gpt-3"])
        assert res.exit_code == 0, res.output
    assert "gpt-3" in (tmp_path / "n.ttl").read_text(encoding="utf-8")
    res = CliRunner().invoke(main, ["page", "--graph", str(built_out / "graph.trig"), "-o", str(tmp_path / "x.html"),
                                    "--focus", "kg:gpt3"])
    assert res.exit_code == 1 and "--focus 'kg:gpt3' is not an entity id (did you mean gpt-3" in res.output


def _query(built_out, *args):
    return CliRunner().invoke(main, ["query", "--graph", str(built_out / "graph.trig"), "--format", "csv", *args])


@pytest.mark.parametrize("form", ["meta", "kg:meta", f"<{KG}meta>", f"{KG}meta"])
def test_param_takes_every_form(built_out, form):
    res = _query(built_out, "--name", "cq01-models-by-organization", "--param", f"org={form}")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1:] == [f"{KG}llama,LLaMA,2023,2023-02-24"]


@pytest.mark.parametrize("value, message", [
    ("nosuch", "Error: --param org=nosuch: no entity 'nosuch'"),
    ("Meta", "Error: --param org=Meta: no entity 'Meta' (did you mean meta?)"),
    ("open-ai", "Error: --param org=open-ai: no entity 'open-ai' (did you mean openai"),
    ("Hugging Face", "Error: --param org=Hugging Face: no entity 'Hugging Face' (did you mean hugging-face?)"),
    ("<https://w3id.org/aiekg/id/a b>", "Error: --param org=<https://w3id.org/aiekg/id/a b>: "
                                        "<https://w3id.org/aiekg/id/a b> is not a valid IRI"),
])
def test_a_word_that_names_no_entity_is_an_error_naming_the_parameter(built_out, value, message):
    res = _query(built_out, "--name", "cq01-models-by-organization", "--param", f"org={value}")
    assert res.exit_code == 1 and res.output.startswith(message), res.output
    assert "Traceback" not in res.output


def test_literal_parameters_stay_literals(built_out, tmp_path):
    res = _query(built_out, "--name", "cq12-organization-profile", "--param", "org=zhipu-ai", "--param", "lang=zh")
    assert res.exit_code == 0 and "与清华大学 KEG 实验室共同开发 ChatGLM 的机构。" in res.output, res.output
    rq = tmp_path / "named.rq"
    rq.write_text('# title: By name\n# param: name = "GPT-3"\n# param: n = 1\n'
                  "SELECT DISTINCT ?m WHERE { ?m rdfs:label ?l FILTER(STR(?l) = ?name && ?n > 0) }", encoding="utf-8")
    for value, model in [('"LLaMA"', "llama"), ("LLaMA", "llama"), ("ChatGLM", "chatglm")]:
        res = _query(built_out, str(rq), "--param", f"name={value}")
        assert res.exit_code == 0 and res.output.splitlines()[1:] == [KG + model], res.output
    assert _query(built_out, str(rq)).output.splitlines()[1:] == [KG + "gpt-3"]
    assert _query(built_out, str(rq), "--param", "n=-1").output.splitlines()[1:] == []
    b = query_bindings(parse_header("q", '# param: year = 2020\n# param: lang = en\n'), {"year": "2023"})
    assert b["year"] == ox.Literal("2023", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert b["lang"] == ox.Literal("en")


def test_a_hostile_word_never_enters_the_query_text():
    ref = parameter_term("model", "x> } ; DROP ALL ; SELECT * { <y", "kg:gpt-3")
    assert isinstance(ref, EntityRef)
    with pytest.raises(BadReference, match="no entity"):
        str(ref)  # what a remote endpoint would be sent: refused, not pasted


def test_a_bare_word_follows_the_users_entity_base(tmp_path):
    base = "https://kg.example.org/ai/"
    try:
        res = CliRunner().invoke(main, ["--base", base, "query", "--data", str(DATA), "--format", "csv",
                                        "--name", "cq01-models-by-organization", "--param", "org=meta"])
        assert res.exit_code == 0, res.output
        assert f"{base}llama,LLaMA" in res.output
        assert entity_iri("meta") == base + "meta" == entity_iri("kg:meta")
    finally:
        set_entity_base(None)
    assert entity_base() == KG


# ---------------------------------------------------------------- 4. the query page's parameter fields
def _form(endpoint, fields):
    return _http(f"{endpoint}/sparql", urllib.parse.urlencode(fields).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})


def test_the_endpoint_binds_parameter_fields_as_param_does(endpoint):
    text = named_query("model-ancestors").text
    status, body = _form(endpoint, {"query": text, "param.model": "codex"})
    assert status == 200, body
    rows = {b["label"]["value"]: b["steps"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert rows == {"GPT-3": "1", "GPT-2": "2", "GPT": "3"}
    status, body = _form(endpoint, {"query": text, "param.model": "kg:codex", "param.lang": "zh"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3
    status, body = _form(endpoint, {"query": text, "param.model": "codx"})
    assert status == 400 and body.strip() == "parameter model=codx: no entity 'codx' (did you mean codex?)"
    status, body = _form(endpoint, {"query": text, "param.nope": "x"})
    assert status == 400 and "has no parameter 'nope'" in body


def test_the_query_page_has_a_field_per_parameter(endpoint, browser):
    page = browser.new_page()
    try:
        page.goto(f"{endpoint}/query")
        page.select_option("#named", label=next(o for o in page.locator("#named option").all_inner_texts()
                                                if o.startswith("model-ancestors ")))
        assert page.input_value("#params input[name=model]") == "kg:instructgpt"
        assert page.input_value("#params input[name=lang]") == "en"
        page.fill("#params input[name=model]", "codex")
        page.click("#run")
        page.wait_for_selector("#out table")
        assert "GPT-2" in page.inner_text("#out") and page.inner_text("#status") == "3 rows"
        page.fill("#params input[name=model]", "nosuch")
        page.click("#run")
        page.wait_for_selector("#out .error")
        assert "400: parameter model=nosuch: no entity 'nosuch'" in page.inner_text("#out")
        page.select_option("#named", value="")
        assert page.locator("#params input").count() == 0
    finally:
        page.close()


def test_the_query_page_gives_the_rows_the_cli_gives(endpoint, browser, built_out):
    cli = CliRunner().invoke(main, ["query", "--graph", str(built_out / "graph.trig"), "--name", "cq09-who-released",
                                    "--param", "model=chatglm-6b", "--format", "json"])
    assert cli.exit_code == 0, cli.output
    expected = sorted(b["developer"]["value"] for b in json.loads(cli.output)["results"]["bindings"])
    assert len(expected) == 2  # Tsinghua KEG and Zhipu AI, not every developer of every model
    page = browser.new_page()
    try:
        page.goto(f"{endpoint}/query")
        page.select_option("#named", label=next(o for o in page.locator("#named option").all_inner_texts()
                                                if o.startswith("cq09-who-released ")))
        page.fill("#params input[name=model]", "chatglm-6b")
        page.click("#run")
        page.wait_for_selector("#out table")
        text = page.inner_text("#out")
        assert page.inner_text("#status") == "2 rows"
        for iri in expected:
            assert shorten(iri) in text or iri in text, (iri, text)
    finally:
        page.close()
