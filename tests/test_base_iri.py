"""Users mint their own entity IRIs (``--base``, ``base`` in aikg.toml); the vocabulary stays the project's."""
from __future__ import annotations

import json

import pytest
import rdflib
from click.testing import CliRunner

from conftest import DATA
from graph.cli import main
from graph.namespaces import DEFAULT_ID, VOCAB, set_entity_base

BASE = "https://kg.example.org/ai/"


@pytest.fixture(autouse=True)
def _default_base():
    yield
    set_entity_base(None)


def _build(runner: CliRunner, *args: str):
    return runner.invoke(main, [*args, "build", "--data", str(DATA), "--out", "out", "--no-validate"])


def test_build_with_base_mints_every_entity_iri_under_it_and_keeps_the_vocabulary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = _build(runner, "--base", BASE)
    assert result.exit_code == 0, result.output
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    subjects = {str(s) for s in g.subjects() if isinstance(s, rdflib.URIRef)}
    assert f"{BASE}gpt-3" in subjects
    assert not [s for s in subjects if s.startswith(DEFAULT_ID)]
    assert (rdflib.URIRef(f"{BASE}gpt-3"), rdflib.URIRef(VOCAB + "developedBy"), rdflib.URIRef(f"{BASE}openai")) in g


def test_project_file_base_is_used_by_build_and_by_queries(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aikg.toml").write_text(f'# our graph\nbase = "{BASE}"\n', encoding="utf-8")
    runner = CliRunner()
    assert _build(runner).exit_code == 0
    assert BASE in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    result = runner.invoke(main, ["query", "--format", "json",
                                  "SELECT ?m WHERE { ?m aikg:developedBy kg:meta }"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    assert {r["m"]["value"] for r in rows} == {f"{BASE}llama"}


def test_base_option_wins_over_the_project_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aikg.toml").write_text('base = "https://other.example.org/id/"\n', encoding="utf-8")
    assert _build(CliRunner(), "--base", BASE).exit_code == 0
    text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert BASE in text and "other.example.org" not in text


@pytest.mark.parametrize("content, line, words", [
    ('base = "kg.example.org/ai"\n', 1, "must be an http(s) IRI ending with '/' or '#'"),
    ('\nbase = "https://w3id.org/aiekg/vocab#"\n', 2, "inside the vocabulary's namespace"),
    ('bsae = "https://kg.example.org/"\n', 1, "unknown setting 'bsae'"),
    ('base = [1\n', 1, ""),
    ('base = 5\n', 1, "base must be text: an IRI in double quotes"),
    ('# ok\nbase = "\udcff"\n', 2, "not UTF-8 text"),
])
def test_a_bad_project_file_is_a_clear_error_naming_its_line(tmp_path, monkeypatch, content, line, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aikg.toml").write_bytes(content.encode("utf-8", "surrogateescape"))
    result = _build(CliRunner())
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: aikg.toml:{line}: ") and words in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_bad_base_option_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _build(CliRunner(), "--base", "urn:x")
    assert result.exit_code == 1 and "base IRI 'urn:x' must be an http(s) IRI" in result.output
    assert not (tmp_path / "out").exists()
