"""aikg export: every format read back by a library other than the one that wrote it."""
from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from graph.build import build
from graph.cli import main
from graph.exports.write import export
from graph.exports.jsonld import CONTEXT_FILE, context_text

from conftest import FIXTURES

GML = "{http://graphml.graphdrawing.org/xmlns}"
NMTOKEN = re.compile(r"^[\w.:-]+$")


@pytest.fixture(scope="module")
def exported(built_out, tmp_path_factory):
    """Every format exported once from the built graph, with the CLI."""
    d = tmp_path_factory.mktemp("exports")
    runner = CliRunner()
    for ext in ("ttl", "nt", "trig", "nq", "jsonld", "graphml", "gexf", "csv"):
        res = runner.invoke(main, ["export", "--graph", str(built_out / "graph.trig"), "-o", str(d / f"g.{ext}")])
        assert res.exit_code == 0, res.output
        assert res.output.startswith("wrote ")
    return d


def union_graph(built) -> rdflib.Graph:
    return rdflib.Graph().parse(data=built.kg.serialize("nt").decode(), format="nt")


def rapper_count(path, syntax) -> int:
    rapper = shutil.which("rapper")
    assert rapper, "rapper (Debian package raptor2-utils) is required"
    proc = subprocess.run([rapper, "-c", "-i", syntax, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return int(re.search(r"returned (\d+) triples", proc.stderr).group(1))


@pytest.mark.parametrize("ext, rdflib_format, ox_format, rapper_syntax", [
    ("ttl", "turtle", ox.RdfFormat.TURTLE, "turtle"),
    ("nt", "nt", ox.RdfFormat.N_TRIPLES, "ntriples"),
    ("jsonld", "json-ld", ox.RdfFormat.JSON_LD, None),
])
def test_union_graph_formats_round_trip(built, exported, ext, rdflib_format, ox_format, rapper_syntax):
    path = exported / f"g.{ext}"
    parsed = rdflib.Graph().parse(path, format=rdflib_format)
    assert isomorphic(parsed, union_graph(built))
    assert len(list(ox.parse(path=str(path), format=ox_format))) == built.kg.triple_count()
    if rapper_syntax:
        assert rapper_count(path, rapper_syntax) == built.kg.triple_count()


@pytest.mark.parametrize("ext, ox_format, rapper_syntax", [
    ("trig", ox.RdfFormat.TRIG, "trig"), ("nq", ox.RdfFormat.N_QUADS, "nquads")])
def test_dataset_formats_keep_one_named_graph_per_source(built, exported, ext, ox_format, rapper_syntax):
    path = exported / f"g.{ext}"
    quads = list(ox.parse(path=str(path), format=ox_format))
    assert len(quads) == built.kg.quad_count()
    assert {q.graph_name.value for q in quads} == set(built.kg.graph_names())
    assert rapper_count(path, rapper_syntax) == built.kg.quad_count()
    gpt3 = ox.Triple(ox.NamedNode("https://w3id.org/aiekg/id/gpt-3"),
                     ox.NamedNode("https://w3id.org/aiekg/vocab#parameterCount"),
                     ox.Literal("175000000000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    assert {q.graph_name.value.rsplit("/", 1)[1] for q in quads if q.triple == gpt3} == \
        {"survey-ai-ecosystem", "ref-8btc-chatgpt-history"}


def test_turtle_uses_the_prefixes_and_groups_by_subject(exported):
    text = (exported / "g.ttl").read_text(encoding="utf-8")
    assert "@prefix aikg: <https://w3id.org/aiekg/vocab#> ." in text
    assert re.search(r'^kg:gpt-3 a aikg:LanguageModel ;\n\trdfs:label "GPT-3"@en , "GPT-3"@zh ;', text, re.M)
    assert '"175000000000"^^xsd:integer' in text or "175000000000 ;" in text


def test_jsonld_uses_the_shipped_compact_context(exported):
    doc = json.loads((exported / "g.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    gpt3 = next(n for n in doc["@graph"] if n["@id"] == "kg:gpt-3")
    assert gpt3["@type"] == ["aikg:LanguageModel"]
    assert gpt3["developedBy"] == ["kg:openai"]
    assert {"@value": "GPT-3", "@language": "zh"} in gpt3["rdfs:label"]


def test_the_shipped_context_matches_the_ontology():
    assert CONTEXT_FILE.read_text(encoding="utf-8") == context_text(), \
        "ontology/context.jsonld is stale: regenerate it with graph.exports.jsonld.context_text()"


def test_graphml_suits_gephi_yed_and_igraph(built, exported):
    path = exported / "g.graphml"
    root = ET.parse(path).getroot()
    keys = root.findall(f"{GML}key")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids)), "no duplicate key ids"
    assert not any(re.fullmatch(r"d\d+", i) for i in ids), "key ids are named, not d0, d1"
    by_id = {k.get("id"): k for k in keys}
    assert by_id["label"].get("for") == "node" and by_id["edgelabel"].get("for") == "edge"
    assert by_id["parameters"].get("attr.type") == "long"
    assert by_id["open_source"].get("attr.type") == "boolean"
    assert by_id["edge_iri"].get("attr.name") == "iri" and by_id["edge_iri"].get("for") == "edge"
    nodes = root.findall(f".//{GML}node")
    edges = root.findall(f".//{GML}edge")
    assert all(NMTOKEN.match(n.get("id")) for n in nodes)
    assert len({e.get("id") for e in edges}) == len(edges)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (built.network.number_of_nodes(), built.network.number_of_edges())
    v = ig.vs.find(id="gpt-3")
    assert v["label"] == "GPT-3" and v["parameters"] == 175000000000
    back = nx.read_graphml(path)
    assert back.number_of_edges() == built.network.number_of_edges()


def test_gexf_reads_back_with_labels_and_counts(built, exported):
    g = nx.read_gexf(exported / "g.gexf")
    assert (g.number_of_nodes(), g.number_of_edges()) == \
        (built.network.number_of_nodes(), built.network.number_of_edges())
    assert g.nodes["gpt-3"]["label"] == "GPT-3"
    labels = {d["label"] for _, _, d in g.edges(data=True)}
    assert "developed by" in labels
    root = ET.parse(exported / "g.gexf").getroot()
    edge_ids = [e.get("id") for e in root.iter() if e.tag.endswith("}edge")]
    assert len(edge_ids) == len(set(edge_ids))


def test_csv_follows_neo4j_and_gephi_conventions(built, exported):
    with open(exported / "g.nodes.csv", encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(exported / "g.edges.csv", encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert len(nodes) == built.network.number_of_nodes() and len(edges) == built.network.number_of_edges()
    gpt3 = next(n for n in nodes if n["id:ID"] == "gpt-3")
    assert gpt3["Id"] == "gpt-3" and gpt3["Label"] == "GPT-3"
    assert gpt3[":LABEL"].split(";")[:2] == ["LanguageModel", "Model"]
    assert gpt3["parameters:long"] == "175000000000"
    assert gpt3["aliases:string[]"] == "GPT3"
    dev = next(e for e in edges if e[":START_ID"] == "gpt-3" and e[":TYPE"] == "DEVELOPED_BY")
    assert (dev[":END_ID"], dev["Source"], dev["Target"], dev["Type"], dev["Label"]) == \
        ("openai", "gpt-3", "openai", "Directed", "developed by")
    assert dev["sources:string[]"] == "ref-8btc-chatgpt-history;survey-ai-ecosystem"


def test_exports_are_deterministic(built, tmp_path):
    for fmt, ext in (("turtle", "ttl"), ("nt", "nt"), ("trig", "trig"), ("nquads", "nq"), ("jsonld", "jsonld"),
                     ("graphml", "graphml"), ("gexf", "gexf")):
        digests = []
        for run in ("a", "b"):
            fresh = build([FIXTURES.parent.parent / "data"], checks=False)
            (p,) = export(fresh.kg, fresh.network, fmt, tmp_path / run / f"g.{ext}")
            digests.append(hashlib.sha256(p.read_bytes()).hexdigest())
        assert digests[0] == digests[1], fmt


def test_focus_and_depth_export_a_neighbourhood(built, tmp_path):
    (p,) = export(built.kg, built.network, "graphml", tmp_path / "n.graphml", focus="gpt-3", depth=1)
    g = nx.read_graphml(p)
    assert set(g.nodes) == set(nx.ego_graph(built.network.to_undirected(), "gpt-3", 1).nodes)
    (p,) = export(built.kg, built.network, "turtle", tmp_path / "n.ttl", focus="gpt-3", depth=1)
    parsed = rdflib.Graph().parse(p)
    subjects = {str(s).rsplit("/", 1)[-1] for s in parsed.subjects()}
    assert "gpt-3" in subjects and "openai" in subjects and "langchain" not in subjects
    assert "gpt-3.training-cost" in subjects, "qualified nodes follow their entity"
    assert not any(str(s).startswith("https://w3id.org/aiekg/vocab") for s in parsed.subjects()), "no ontology"


def test_types_export_only_those_types_and_their_subclasses(built, tmp_path):
    files = export(built.kg, built.network, "csv", tmp_path / "orgs.csv", types=["Organization"])
    with open(files[0], encoding="utf-8") as f:
        kinds = {row[":LABEL"].split(";")[0] for row in csv.DictReader(f)}
    assert kinds == {"Organization", "Company", "University", "ResearchLab"}  # arc53 is an Organization of no subclass


def test_bad_options_are_clear_errors_and_leave_files_alone(built_out, tmp_path):
    target = tmp_path / "keep.ttl"
    target.write_text("previous", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["export", "--graph", str(built_out / "graph.trig"), "-o", str(target), "--focus", "gpt3"])
    assert res.exit_code == 1 and "--focus 'gpt3' is not an entity id" in res.output and "gpt-3" in res.output
    assert target.read_text(encoding="utf-8") == "previous"
    res = runner.invoke(main, ["export", "--graph", str(built_out / "graph.trig"), "-o", str(tmp_path / "x.dat")])
    assert res.exit_code == 1 and "cannot tell the format" in res.output
    res = runner.invoke(main, ["export", "--graph", str(built_out / "graph.trig"), "-o", str(tmp_path / "x.csv"),
                               "--types", "Modle"])
    assert res.exit_code == 1 and "unknown type 'Modle'" in res.output


def test_hostile_labels_survive_every_export(tmp_path):
    result = build([FIXTURES / "hostile"])
    for fmt, ext in (("graphml", "graphml"), ("gexf", "gexf"), ("jsonld", "jsonld"), ("turtle", "ttl")):
        (p,) = export(result.kg, result.network, fmt, tmp_path / f"h.{ext}")
        if ext in ("graphml", "gexf"):
            ET.parse(p)
    g = nx.read_graphml(tmp_path / "h.graphml")
    assert g.nodes["hostile"]["label"] == "<img src=x onerror=\"document.title='pwned'\">"
