"""Foreign RDF (issue 15): entities of any vocabulary reach the projection, every export and the page.

One generated N-Triples file of 2,000 typed, labelled entities in another
namespace, named by every label vocabulary the views read, with Chinese labels,
blank nodes, relations, literal properties, class and property definitions, and
hostile labels and IRIs.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from graph.build import build
from graph.cli import main
from graph.exports.gexf import data_date
from graph.exports.write import export
from graph.namespaces import DC, DCTERMS, FOAF, OWL, RDF, RDFS, SCHEMA, SCHEMA_HTTP, SKOS, XSD, entity_base
from graph.views.page import NEUTRAL, page_data, page_html

from conftest import DATA

ZOO = "http://example.org/zoo/"
N = 2000
#: The label predicates, in the order the projection prefers them; entity i is named by LABELLED_BY[i % 7].
LABELLED_BY = [RDFS + "label", SKOS + "prefLabel", SCHEMA + "name", SCHEMA_HTTP + "name", FOAF + "name",
               DCTERMS + "title", DC + "title"]
CLASSES = [ZOO + "Animal", ZOO + "Keeper", FOAF + "Person", ZOO + "Enclosure"]
TYPE_NAMES = ["Animal", "Keeper", "Person", "Enclosure area"]  # zoo:Enclosure has a label in the data
HOSTILE = {7: "<img src=x onerror=alert(1)>", 11: "</script><script>alert(1)</script>",
           19: '"><svg onload=alert(1)>'}
JS_NODE = "javascript:alert(13)"  # entity 13's IRI
JS_HOMEPAGE = "javascript:alert(5)"  # entity 5's homepage
GML = "{http://graphml.graphdrawing.org/xmlns}"
NMTOKEN = re.compile(r"^[\w.:-]+$")


def node(i: int) -> str:
    """The projection's key of entity i: every 100th a blank node, entity 13 a javascript: IRI."""
    if i % 100 == 99:
        return f"_:z{i}"
    return JS_NODE if i == 13 else f"{ZOO}a{i}"


def _term(i: int) -> str:
    k = node(i)
    return k if k.startswith("_:") else f"<{k}>"


def _lit(text: str, lang: str | None = None) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"@{lang}' if lang else f'"{text}"'


def english(i: int) -> str:
    return HOSTILE.get(i, f"{TYPE_NAMES[i % 4]} {i}")


def expected_label(i: int) -> tuple[str, str | None]:
    """(label, Chinese label) of entity i by the projection's rule: English (else untagged, else Chinese),
    from the first label predicate that has one."""
    if i % 50 == 17:
        return f"动物{i}", f"动物{i}"
    zh = f"动物{i}" if i % 10 == 3 else None
    if i % 9 == 4 and i % 7 != 0:
        return f"Alias {i}", zh  # rdfs:label comes before every other label predicate
    return english(i), zh


def zoo_ntriples() -> str:
    """The 2,000 entities, their schema, and statements that are not entities."""
    out = []

    def add(s: str, p: str, o: str) -> None:
        out.append(f"{s} {p if p.startswith('<') else f'<{p}>'} {o} .")

    for i in range(N):
        s, named_by = _term(i), LABELLED_BY[i % 7]
        add(s, RDF + "type", f"<{CLASSES[i % 4]}>")
        if i % 50 == 17:
            add(s, named_by, _lit(f"动物{i}", "zh"))
        else:
            add(s, named_by, _lit(english(i), None if i % 5 == 0 else "en"))
            if i % 10 == 3:
                add(s, named_by, _lit(f"动物{i}", "zh"))
            if i % 9 == 4 and i % 7 != 0:
                add(s, RDFS + "label", _lit(f"Alias {i}", "en"))
        add(s, ZOO + "weight", f'"{i * 3}"^^<{XSD}integer>')
        add(s, ZOO + "id", _lit(f"Z-{i}"))
        if i % 3 == 0:
            add(s, ZOO + "born", f'"2020-01-{i % 28 + 1:02d}"^^<{XSD}date>')
        if i % 4 == 0:
            add(s, ZOO + "vaccinated", f'"{"true" if i % 8 == 0 else "false"}"^^<{XSD}boolean>')
        if i % 6 == 0:
            add(s, ZOO + "note", _lit(f"note {i}", "en"))
            add(s, ZOO + "note", _lit(f"备注{i}", "zh"))
        if i % 25 == 0:
            add(s, FOAF + "homepage", f"<http://zoo.example/a{i}>")
        if i:
            add(s, ZOO + "near", _term(i - 1))
        if i % 4 == 1:
            add(s, ZOO + "keeps", _term(i - 1))
        if i % 4 == 2 and i + 4 < N:
            add(s, FOAF + "knows", _term(i + 4))
    add(_term(5), FOAF + "homepage", f"<{JS_HOMEPAGE}>")
    # the vocabulary of the file: classes, properties, an ontology, a list, a reified statement
    add(f"<{ZOO}>", RDF + "type", f"<{OWL}Ontology>")
    add(f"<{ZOO}>", DCTERMS + "title", _lit("The zoo vocabulary", "en"))
    for c in CLASSES[:2]:
        add(f"<{c}>", RDF + "type", f"<{OWL}Class>")
    add(f"<{ZOO}Enclosure>", RDF + "type", f"<{RDFS}Class>")
    add(f"<{ZOO}Enclosure>", RDFS + "label", _lit("Enclosure area", "en"))
    add(f"<{ZOO}Keeper>", RDFS + "subClassOf", f"<{FOAF}Person>")
    add(f"<{ZOO}Mammal>", RDFS + "subClassOf", f"<{ZOO}Animal>")
    add(f"<{ZOO}Mammal>", RDFS + "label", _lit("Mammal", "en"))
    for p, label in (("near", "is near"), ("keeps", "keeps"), ("weight", "weight")):
        add(f"<{ZOO}{p}>", RDF + "type", f"<{OWL}{'DatatypeProperty' if p == 'weight' else 'ObjectProperty'}>")
        add(f"<{ZOO}{p}>", RDFS + "label", _lit(label, "en"))
    add(f"<{ZOO}keeps>", RDFS + "label", _lit("照看", "zh"))
    add("_:list", RDF + "first", f"<{ZOO}a1>")
    add("_:list", RDF + "rest", f"<{RDF}nil>")
    add("_:said", RDF + "type", f"<{RDF}Statement>")
    add("_:said", RDF + "subject", f"<{ZOO}a1>")
    add("_:said", RDFS + "label", _lit("a reified statement", "en"))
    return "\n".join(out) + "\n"


EDGES = (N - 1) + N // 4 + len(range(2, N - 4, 4))  # near, keeps, knows
NOT_ENTITIES = {ZOO, ZOO + "Animal", ZOO + "Keeper", ZOO + "Enclosure", ZOO + "Mammal", FOAF + "Person",
                ZOO + "near", ZOO + "keeps", ZOO + "weight", "_:list", "_:said", RDF + "nil"}


@pytest.fixture(scope="module")
def zoo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("zoo") / "zoo.nt"
    path.write_text(zoo_ntriples(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def zoo(zoo_file):
    """The build of the zoo file alone: dataset and projection."""
    return build([zoo_file], checks=False)


def test_the_dataset_holds_every_triple_of_the_file(zoo, zoo_file):
    stored = rdflib.Graph().parse(data=zoo.kg.graph_ntriples(zoo_file.resolve().as_uri()).decode(), format="nt")
    given = rdflib.Graph().parse(zoo_file, format="nt")
    source = rdflib.URIRef(zoo_file.resolve().as_uri())
    given.add((source, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/aiekg/vocab#Source")))
    given.add((source, rdflib.RDFS.label, rdflib.Literal("zoo.nt", lang="en")))
    assert isomorphic(stored, given)


def test_every_foreign_entity_becomes_a_node_with_its_label_and_type(zoo, zoo_file):
    g = zoo.network
    assert g.number_of_nodes() == N + 1, "the 2,000 entities and the file's source node"
    assert g.nodes[zoo_file.resolve().as_uri()]["type"] == "Source"
    for i in range(N):
        a = g.nodes[node(i)]
        label, zh = expected_label(i)
        assert (a["label"], a.get("label_zh"), a["type"]) == (label, zh, TYPE_NAMES[i % 4]), i
        assert a["sources"] == [zoo_file.resolve().as_uri()]
    assert g.graph["types"]["Person"] == FOAF + "Person" and g.graph["types"]["Enclosure area"] == ZOO + "Enclosure"


def test_every_label_vocabulary_names_an_entity_and_the_other_names_are_aliases(zoo):
    g = zoo.network
    for i in range(140, 147):  # one entity per label predicate, each with that label only
        assert g.nodes[node(i)]["label"] == english(i), LABELLED_BY[i % 7]
    assert g.nodes[node(30)]["label"] == "Person 30", "an untagged label when there is no English one"
    a = g.nodes[node(13)]
    assert (a["label"], a["label_zh"]) == ("Alias 13", "动物13") and a["aliases"] == ["Keeper 13"]
    assert g.nodes[node(67)]["label"] == "动物67" and "aliases" not in g.nodes[node(67)], "Chinese only"


def test_relations_between_foreign_resources_become_labelled_edges(zoo):
    g = zoo.network
    assert g.number_of_edges() == EDGES
    near = g.get_edge_data(node(100), node(99), key="near")
    assert near["edgelabel"] == "is near" and near["predicate"] == "near" and near["iri"] == ZOO + "near"
    assert g.get_edge_data(node(5), node(4), key="keeps")["edgelabel"] == "keeps", "English label of the predicate"
    assert g.get_edge_data(node(98), node(102), key="knows")["edgelabel"] == "knows", "no label: the local name"
    assert g.has_edge(node(199), node(198)) and g.has_edge(node(14), JS_NODE), "blank nodes and odd IRIs take part"


def test_literal_properties_become_typed_attributes_named_by_their_predicate(zoo):
    g = zoo.network
    a = g.nodes[node(24)]
    assert (a["weight"], a["born"], a["vaccinated"], a["note"], a["note_zh"]) == (72, "2020-01-25", True, "note 24", "备注24")
    assert a["zoo_id"] == "Z-24", "'id' means the node id to GEXF: the property is named after its namespace"
    assert g.nodes[node(50)]["homepage"] == "http://zoo.example/a50"
    named = g.graph["predicates"]
    assert named["weight"] == ZOO + "weight" and named["zoo_id"] == ZOO + "id" and named["homepage"] == FOAF + "homepage"
    assert {k for _, a in g.nodes(data=True) for k in a} - {"iri", "sources"} <= set(named)


def test_class_and_property_definitions_and_other_statements_are_not_entities(zoo):
    assert not NOT_ENTITIES & set(zoo.network.nodes)


def test_own_entities_look_the_same_beside_foreign_rdf_and_a_clashing_type_is_qualified(built, zoo_file, tmp_path):
    link = tmp_path / "link.ttl"
    link.write_text(f"<{ZOO}a0> <{ZOO}visited> <{entity_base()}openai> .\n"
                    f"<{ZOO}a0> <{FOAF}knows> <{entity_base()}gpt-3.training-cost> .\n", encoding="utf-8")
    both = build([DATA, zoo_file, link], checks=False).network
    for n, a in built.network.nodes(data=True):
        assert both.nodes[n] == a, n
    own = {(u, v, k) for u, v, k in built.network.edges(keys=True)}
    assert own <= {(u, v, k) for u, v, k in both.edges(keys=True)}
    assert both.nodes[node(2)]["type"] == "foaf:Person", "the project's Person is also in the graph"
    assert both.graph["types"]["Person"].endswith("vocab#Person")
    assert both.has_edge(node(0), "openai", key="visited")
    assert "gpt-3.training-cost" not in both, "a quantity node stays an attribute"
    legend = {t["name"]: (t["color"], t["shape"]) for t in page_data(both)["legend"]}
    assert legend["foaf:Person"] == NEUTRAL and legend["Person"] != NEUTRAL


def test_graphml_of_foreign_rdf_reads_back_with_typed_attributes(zoo, tmp_path):
    (path,) = export(zoo.kg, zoo.network, "graphml", tmp_path / "zoo.graphml")
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k for k in root.findall(f"{GML}key")}
    assert all(NMTOKEN.match(k.get("id")) and NMTOKEN.match(k.get("attr.name")) for k in keys.values())
    types = {k: v.get("attr.type") for k, v in keys.items()}
    assert (types["weight"], types["vaccinated"], types["born"], types["zoo_id"]) == ("long", "boolean", "string", "string")
    assert all(NMTOKEN.match(n.get("id")) for n in root.iter(f"{GML}node"))
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (N + 1, EDGES)
    labels = {a["label"] for _, a in back.nodes(data=True)}
    assert {expected_label(i)[0] for i in range(N)} <= labels
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (N + 1, EDGES)


def test_gexf_of_foreign_rdf_reads_back(zoo, tmp_path):
    (path,) = export(zoo.kg, zoo.network, "gexf", tmp_path / "zoo.gexf")
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (N + 1, EDGES)
    by_label = {a["label"]: a for _, a in back.nodes(data=True)}
    assert by_label["Animal 24"]["weight"] == 72 and by_label[HOSTILE[7]]["type"] == TYPE_NAMES[7 % 4]
    assert {d["label"] for _, _, d in back.edges(data=True)} == {"is near", "keeps", "knows"}


def test_csv_has_a_row_per_foreign_entity_and_foreign_types_as_labels(zoo, tmp_path):
    nodes_file, edges_file = export(zoo.kg, zoo.network, "csv", tmp_path / "zoo.csv")
    with open(nodes_file, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(edges_file, encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert len(rows) == N + 1 and len(edges) == EDGES
    by_label = {r["Label"]: r for r in rows}
    assert by_label["Person 2"][":LABEL"] == "Person", "foaf:Person has no aikg superclasses"
    assert by_label["Animal 24"]["weight:long"] == "72" and by_label["Animal 24"]["note_zh"] == "备注24"
    assert {e[":TYPE"] for e in edges} == {"NEAR", "KEEPS", "KNOWS"}


def test_the_page_of_foreign_rdf_holds_every_entity_in_the_neutral_style(zoo, tmp_path):
    html = page_html(zoo.network, zoo.kg)
    data = json.loads(re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert len(data["nodes"]) == N + 1 and len(data["edges"]) == EDGES
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[node(3)]["en"] == "Enclosure area 3" and by_id[node(3)]["zh"] == "动物3"
    legend = {t["name"]: t for t in data["legend"]}
    assert {legend[t]["count"] for t in TYPE_NAMES} == {500}
    assert all((legend[t]["color"], legend[t]["shape"]) == NEUTRAL for t in TYPE_NAMES)
    assert [(i["key"], i["url"]) for i in by_id[node(50)]["profile"]["ids"]] == [("homepage", "http://zoo.example/a50")]
    assert by_id[node(5)]["profile"]["ids"] == [], "a javascript: homepage is no link"
    assert "<img src=x" not in html and "<svg onload" not in html, "the JSON above parsed: no label ended its block"


def test_hostile_foreign_labels_and_iris_are_drawn_as_text_and_run_nothing(zoo, tmp_path, open_page):
    page = tmp_path / "zoo.html"
    page.write_text(page_html(zoo.network, zoo.kg), encoding="utf-8")
    probe = open_page(page.as_uri())
    assert probe.js("[window.aikg.network.body.nodeIndices.length, window.aikg.network.body.edgeIndices.length]") \
        == [N + 1, EDGES]
    assert probe.js("window.aikg.network.body.data.nodes.get('%s').label" % node(11)) == HOSTILE[11]
    for i in HOSTILE:
        probe.page.fill("#find", HOSTILE[i])
        probe.page.press("#find", "Enter")
        assert probe.page.locator("#details h2").first.inner_text() == HOSTILE[i]
    probe.page.fill("#find", "Alias 13")
    probe.page.press("#find", "Enter")
    details = probe.page.locator("#details").inner_text()
    assert JS_NODE in details, "the javascript: IRI is shown as the id, as text"
    probe.page.fill("#find", "Keeper 5")
    probe.page.press("#find", "Enter")
    assert JS_HOMEPAGE in probe.page.locator("#details").inner_text(), "the javascript: homepage as text"
    assert probe.js("document.scripts.length") == 3, "vis-network, the data and the page's own: none added"
    assert probe.js("Array.from(document.querySelectorAll('a[href]')).filter(a => !/^https?:/.test(a.href)).length") == 0
    assert probe.js("document.querySelectorAll('img, svg, iframe').length") == 0
    assert probe.dialogs == [] and probe.errors == [] and probe.requests == []


def test_the_commands_count_the_foreign_entities(zoo_file, tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["page", "--data", str(zoo_file), "-o", str(tmp_path / "x.html")])
    assert res.exit_code == 0, res.output
    assert f"{N + 1} entities, {EDGES} relations" in res.output
    res = runner.invoke(main, ["export", "--data", str(zoo_file), "-o", str(tmp_path / "x.graphml")])
    assert res.exit_code == 0, res.output
    assert "wrote graphml" in res.output
    assert nx.read_graphml(tmp_path / "x.graphml").number_of_nodes() == N + 1


def test_gexf_is_the_same_on_any_day_and_dated_by_the_data(built, zoo, tmp_path, monkeypatch):
    real = time.strftime
    digests = {}
    for name, result in (("data", built), ("zoo", zoo)):
        for day in ("1999-12-31", "2042-06-01"):
            monkeypatch.setattr(time, "strftime", lambda fmt, *t, day=day: day if fmt == "%Y-%m-%d" else real(fmt, *t))
            (p,) = export(result.kg, result.network, "gexf", tmp_path / day / f"{name}.gexf")
            digests.setdefault(name, set()).add(hashlib.sha256(p.read_bytes()).hexdigest())
            (meta,) = [e for e in ET.parse(p).getroot() if e.tag.endswith("}meta")]
            assert meta.get("lastmodifieddate") not in ("1999-12-31", "2042-06-01")
        assert len(digests[name]) == 1, name
    newest = built.kg.query("SELECT (MAX(STR(?d)) AS ?day) WHERE { ?s a/rdfs:subClassOf* aikg:Source ; "
                            "aikg:releaseDate ?d FILTER(DATATYPE(?d) = xsd:date) }")
    assert data_date(built.network) == next(iter(newest))["day"].value
    assert data_date(zoo.network) is None, "no source of the zoo is dated: the attribute is left out"


def test_names_that_tools_read_specially_and_odd_values_stay_safe_in_every_export(tmp_path):
    v, w = "http://e.org/v/", "http://e.org/w/"
    odd = tmp_path / "odd.ttl"
    odd.write_text(f"""@prefix v: <{v}> . @prefix w: <{w}> . @prefix xsd: <{XSD}> . @prefix rdfs: <{RDFS}> .
v:a a v:Thing ; rdfs:label "=HYPERLINK(\\"http://evil\\")"@en ; v:id "an id" ; v:label "not the label" ;
    v:start "2020" ; v:far "INF"^^xsd:double ; v:mixed 3 ; <{v}=cmd> v:b .
v:b a v:Thing , w:Thing , _:anonymous ; v:mixed "three" .
v:Thing rdfs:label "@SUM(1;2)"@en .
""", encoding="utf-8")
    g = build([odd], checks=False).network
    a, b = g.nodes[v + "a"], g.nodes[v + "b"]
    assert (a["v_id"], a["v_label"], a["v_start"], a["far"]) == ("an id", "not the label", "2020", "INF")
    assert a["label"] == '=HYPERLINK("http://evil")' and b["types"] == ["@SUM(1;2)", "Thing"]
    (gml,) = export(None, g, "graphml", tmp_path / "odd.graphml")
    assert {d["iri"]: d for _, d in nx.read_graphml(gml).nodes(data=True)}[v + "a"]["far"] == "INF", "not 'inf'"
    (gexf,) = export(None, g, "gexf", tmp_path / "odd.gexf")
    back = nx.read_gexf(gexf)
    assert back.graph["mode"] == "static" and back.number_of_nodes() == 3, "'start' would make it a dynamic graph"
    nodes_file, edges_file = export(None, g, "csv", tmp_path / "odd.csv")
    with open(nodes_file, encoding="utf-8", newline="") as f:
        labels = {r[":LABEL"] for r in csv.DictReader(f)}
    with open(edges_file, encoding="utf-8", newline="") as f:
        (edge,) = csv.DictReader(f)
    assert "'@SUM(1,2)" in labels, "a foreign type is one Neo4j label that runs nothing"
    assert edge[":TYPE"] == "_CMD" and edge["Label"] == "'=cmd"
