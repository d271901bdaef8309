"""The query library: headers, analyst reports, and the *-violation checks the build runs."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import main
from graph.sparql.query import named_queries, query_bindings, run_named, run_query

from conftest import DATA


@pytest.mark.parametrize("query", named_queries(), ids=lambda q: q.name)
def test_every_named_query_has_a_header_and_runs_in_both_languages(built, query):
    assert query.title != query.name and query.description
    for lang in ("en", "zh"):
        params = {"lang": lang} if "lang" in query.params else {}
        run_query(built.kg, query.text, query_bindings(query, params))


def test_checks_pass_on_the_shipped_data(built):
    assert built.checked >= 3 and built.violations == {}


def test_ancestors_and_descendants_follow_any_derivation(built):
    anc = {r[1]: r[2] for r in run_named(built.kg, "model-ancestors").rows}
    assert anc == {"GPT-3": "1", "GPT-2": "2", "GPT": "3"}  # InstructGPT → GPT-3 → GPT-2 → GPT
    desc = {r[1] for r in run_named(built.kg, "model-descendants").rows}
    assert desc == {"GPT-2", "GPT-3", "Codex", "InstructGPT"}


def test_reports_for_analysts(built):
    years = {(r[1], r[2]): r[3] for r in run_named(built.kg, "models-by-organization-and-year").rows}
    assert years[("OpenAI", "2022")] == "2"
    tech = {r[1]: r[2] for r in run_named(built.kg, "techniques-and-papers").rows}
    assert tech["Transformer"] == "Attention Is All You Need"
    facts = run_named(built.kg, "entity-facts-with-sources", entity="kg:llama").rows
    assert ["aikg:releaseDate", "2023-02-24", "kg:blog-meta-llama",
            "https://ai.facebook.com/blog/large-language-model-llama-meta-ai/"] in facts
    missing = {r[0] for r in run_named(built.kg, "entities-without-identifier").rows}
    assert "kg:zhipu-ai" in missing and "kg:gpt-3" not in missing


def _lineage_cycle(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    (d / "cycle.yaml").write_text(
        "- id: notes\n  type: Survey\n  label: {en: Notes}\n"
        "- id: a\n  type: LanguageModel\n  label: {en: A}\n  based_on: b\n  sources: [notes]\n"
        "- id: b\n  type: LanguageModel\n  label: {en: B}\n  based_on: a\n  sources: [notes]\n",
        encoding="utf-8")
    return d


def test_a_violation_stops_the_build_with_file_and_line(tmp_path):
    d = _lineage_cycle(tmp_path)
    res = CliRunner().invoke(main, ["build", "--data", str(d), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert "cycle.yaml:4: lineage-cycle-violation: kg:a" in res.output
    assert not (tmp_path / "out").exists()
    res = CliRunner().invoke(main, ["build", "--data", str(d), "--out", str(tmp_path / "out"), "--no-checks"])
    assert res.exit_code == 0 and (tmp_path / "out" / "graph.ttl").exists()


def test_facts_from_an_rdf_file_name_the_file_as_their_source(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text("<https://w3id.org/aiekg/id/tiny> a <https://w3id.org/aiekg/vocab#Dataset> .\n", encoding="utf-8")
    result = build([DATA, extra])
    assert result.violations == {}
    res = run_query(result.kg, "SELECT ?l WHERE { GRAPH ?g { kg:tiny a aikg:Dataset } ?g a aikg:Source ; rdfs:label ?l }")
    assert res.rows == [["extra.ttl"]]
