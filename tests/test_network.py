"""The NetworkX projection and its GraphML."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import networkx as nx

from graph.build import build
from graph.exports.graphml import graphml_bytes
from graph.namespaces import SKOS, VOCAB

NMTOKEN = re.compile(r"^[\w.:-]+$")


def test_entities_become_typed_nodes_with_literal_attributes(built):
    g = built.network
    assert isinstance(g, nx.MultiDiGraph)
    gpt3 = g.nodes["gpt-3"]
    assert gpt3["type"] == "LanguageModel" and gpt3["label"] == "GPT-3"
    assert gpt3["parameters"] == 175000000000
    assert gpt3["training_cost"] == 12000000 and gpt3["training_cost_currency"] == "USD"
    assert gpt3["training_cost_precision"] == "Estimate"
    assert gpt3["released"] == "2020"
    assert g.nodes["tsinghua-university"]["label_zh"] == "清华大学"
    assert "GPT3" in gpt3["aliases"]
    assert g.nodes["gpt"]["training_data_size"] == 5 and g.nodes["gpt"]["training_data_size_unit"] == "GB"
    assert set(gpt3["sources"]) == {"survey-ai-ecosystem", "ref-8btc-chatgpt-history"}


def test_object_properties_become_typed_edges_with_sources(built):
    g = built.network
    edge = g.get_edge_data("gpt-3", "openai", key="developed_by")
    assert edge["predicate"] == "developedBy" and edge["edgelabel"] == "developed by"
    assert edge["sources"] == ["ref-8btc-chatgpt-history", "survey-ai-ecosystem"]
    assert g.get_edge_data("codex", "gpt-3", key="based_on")["kind"] == "FineTune"
    tesla = g.get_edge_data("andrej-karpathy", "tesla", key="affiliated_with")
    assert tesla["role"] == "Director of AI" and tesla["current"] is False
    stages = sorted(d["stage"] for _, v, d in g.out_edges("instructgpt", data=True) if d["predicate"] == "trainingStage")
    assert stages == [1, 2]


def test_the_projection_names_the_predicate_of_every_node_attribute(built):
    g = built.network
    named = g.graph["predicates"]
    assert {k for _, a in g.nodes(data=True) for k in a} - {"iri", "sources"} <= set(named)
    assert named["training_cost_currency"] == named["training_cost"] == VOCAB + "trainingCost"
    assert named["aliases"] == SKOS + "altLabel" and named["parameters"] == VOCAB + "parameterCount"


def test_qualified_statement_nodes_are_folded_not_drawn(built):
    assert not any("." in n for n in built.network.nodes), "quantity/affiliation/stage nodes are attributes"


def test_every_node_is_a_record_and_every_record_a_node(built):
    assert set(built.network.nodes) == {r.id for r in built.records}


def test_graphml_has_valid_ids_named_keys_and_reads_back_with_the_same_counts(built, tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(graphml_bytes(built.network))
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = root.findall("g:key", ns)
    assert len({k.get("id") for k in keys}) == len(keys), "key ids are unique"
    assert all(k.get("id") in (k.get("attr.name"), "edge_" + k.get("attr.name")) for k in keys), \
        "key ids are named after attributes"
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    assert all(NMTOKEN.match(n.get("id")) for n in nodes)
    assert len({e.get("id") for e in edges}) == len(edges), "edge ids are unique"
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == built.network.number_of_nodes()
    assert back.number_of_edges() == built.network.number_of_edges()
    assert back.nodes["gpt-3"]["label"] == "GPT-3"
    assert back.nodes["gpt-3"]["parameters"] == 175000000000


def _with_turtle(tmp_path, minimal, turtle: str):
    """The projection of the minimal fixture plus one Turtle file, and that file."""
    extra = tmp_path / "x.ttl"
    extra.write_text(turtle, encoding="utf-8")
    return build([minimal, extra]).network, extra


def test_an_rdf_only_entity_without_english_label_still_gets_a_label(tmp_path, minimal):
    g, _ = _with_turtle(tmp_path, minimal, '<https://w3id.org/aiekg/id/z> a <https://w3id.org/aiekg/vocab#Dataset> ; '
                        '<http://www.w3.org/2000/01/rdf-schema#label> "数据"@zh .\n')
    assert g.nodes["z"]["label"] == "数据"


def test_a_blank_node_typed_in_an_rdf_input_becomes_a_node_with_its_edges(tmp_path, minimal):
    g, extra = _with_turtle(tmp_path, minimal, '@prefix v: <https://w3id.org/aiekg/vocab#> .\n'
                            '_:m a v:LanguageModel ; <http://www.w3.org/2000/01/rdf-schema#label> "Nameless"@en ; '
                            'v:parameterCount 7 .\n'
                            '<http://example.org/tuned> a v:LanguageModel ; v:basedOn _:m .\n')
    blank = [n for n, a in g.nodes(data=True) if a.get("label") == "Nameless"]
    assert len(blank) == 1 and g.nodes[blank[0]]["parameters"] == 7
    assert blank[0].startswith("_:")  # never mistaken for a record id
    assert g.nodes[blank[0]]["sources"] == [extra.resolve().as_uri()]
    assert g.has_edge("http://example.org/tuned", blank[0])
    ET.fromstring(graphml_bytes(g))


def test_a_blank_node_never_takes_the_place_of_a_record_with_the_same_id(tmp_path, minimal):
    g, _ = _with_turtle(tmp_path, minimal, '_:base-model a <https://w3id.org/aiekg/vocab#Dataset> ; '
                        '<http://www.w3.org/2000/01/rdf-schema#label> "Imposter"@en .\n')
    assert g.nodes["base-model"]["label"] == "BaseLM"
    assert [a["label"] for n, a in g.nodes(data=True) if n.startswith("_:")] == ["Imposter"]
