"""Records travel to Oxigraph as N-Quads text: every value must arrive exactly as written, whatever it holds."""
from __future__ import annotations

import json
import threading

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from graph.build import build_dataset
from graph.cli import main
from graph.errors import AikgError
from graph.namespaces import ID, RDFS
from graph.records.load import load_records, stream_records
from graph.rdf.store import KnowledgeGraph

# Each would end the literal, the line or the quad early if it were written unescaped.
NASTY = [
    'a "quoted" label',
    "back\\slash and \\n not a newline",
    "two\nlines\r\nand a\ttab",
    '"> <https://evil.example/p> "x" .\n<https://evil.example/s> <https://evil.example/p> "injected',
    "control \x00\x01\x1f\x7f characters",
    "line separators \u2028\u2029\x85 and 表情 😀",
]


def _records(tmp_path, labels):
    rows = [{"id": "notes", "type": "Survey", "label": {"en": "Notes"}}]
    rows += [{"id": f"m{i}", "type": "LanguageModel", "label": {"en": text, "zh": text}, "aliases": [text],
              "description": {"en": text}, "sources": ["notes"]} for i, text in enumerate(labels)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_labels_with_quotes_newlines_and_controls_arrive_exactly(tmp_path):
    kg, _, _ = build_dataset([_records(tmp_path, NASTY)])
    label = ox.NamedNode(RDFS + "label")
    for i, text in enumerate(NASTY):
        found = {q.object.value for q in kg.store.quads_for_pattern(ox.NamedNode(f"{ID}m{i}"), label, None,
                                                                       ox.DefaultGraph())}
        assert found == {text}
    assert not any("evil.example" in q.subject.value for q in kg.store)


def test_the_text_path_gives_the_same_graph_as_rdflib_building_it_term_by_term(tmp_path):
    kg, _, _ = build_dataset([_records(tmp_path, NASTY)])
    everything = rdflib.Graph().parse(data=kg.serialize("nt").decode(), format="nt")
    ours = rdflib.Graph()
    for t in everything:
        if str(t[0]).startswith(ID + "m") or any(x in str(t) for x in ("evil", "injected")):
            ours.add(t)
    vocab = rdflib.Namespace("https://w3id.org/aiekg/vocab#")
    theirs = rdflib.Graph()
    for i, text in enumerate(NASTY):
        s = rdflib.URIRef(f"{ID}m{i}")
        theirs.add((s, rdflib.RDF.type, vocab.LanguageModel))
        theirs.add((s, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), rdflib.URIRef(f"{ID}notes")))
        theirs.add((s, rdflib.RDFS.label, rdflib.Literal(text, lang="en")))
        theirs.add((s, rdflib.RDFS.label, rdflib.Literal(text, lang="zh")))
        theirs.add((s, rdflib.SKOS.altLabel, rdflib.Literal(text)))
        theirs.add((s, vocab.description, rdflib.Literal(text, lang="en")))
    assert isomorphic(ours, theirs)


def test_a_lone_surrogate_in_json_lines_names_file_and_line(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "notes", "type": "Survey", "label": {"en": "ok \\ud83d\\ude00"}}\n'
                    '{"id": "n2", "type": "Survey", "label": {"en": "half \\ud800 pair"}}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--data", str(path), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{path}:2:" in result.output and "surrogate" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_records_stream_in_file_order_with_extensions_last(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "- id: notes\n  type: Survey\n  label: {en: Notes}\n"
        "- extend: gpt\n  sources: [notes]\n  aliases: [GPT-1]\n"
        "- id: gpt\n  type: LanguageModel\n  label: {en: GPT}\n  sources: [notes]\n", encoding="utf-8")
    loaded = []
    streamed = [(r.id, r.extends) for r in stream_records([tmp_path], loaded=loaded)]
    assert streamed == [("notes", False), ("gpt", False), ("gpt", True)]
    assert [(r.id, r.extends) for r in loaded] == [("notes", False), ("gpt", True), ("gpt", False)]
    assert [(r.id, r.extends) for r in load_records([tmp_path])] == [(r.id, r.extends) for r in loaded]


def test_a_reference_error_found_after_streaming_still_fails_the_build(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "- id: notes\n  type: Survey\n  label: {en: Notes}\n"
        "- id: gpt\n  type: LanguageModel\n  label: {en: GPT}\n  based_on: [nothing]\n  sources: [notes]\n",
        encoding="utf-8")
    with pytest.raises(AikgError, match=r"a\.yaml:7: based_on refers to unknown id 'nothing'"):
        build_dataset([tmp_path])


def test_a_chunk_oxigraph_refuses_raises_and_leaves_no_loader_thread():
    kg = KnowledgeGraph()
    good = b'<http://e/a> <http://e/p> "x" <http://e/g> .\n'
    with pytest.raises(SyntaxError):
        kg.load_nquads([good, b"<http://e/a> not n-quads\n", good])
    assert not any(t.name == "aikg-loader" for t in threading.enumerate())


def test_a_failure_while_making_chunks_stops_the_loader_too():
    def chunks():
        yield b'<http://e/a> <http://e/p> "x" <http://e/g> .\n'
        raise AikgError("bad record", "f.yaml", 3)

    with pytest.raises(AikgError, match="f.yaml:3"):
        KnowledgeGraph().load_nquads(chunks())
    assert not any(t.name == "aikg-loader" for t in threading.enumerate())
