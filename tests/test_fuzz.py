"""Property-based tests: random and mutated input either works or fails cleanly, never with a traceback.

The only outcomes allowed are success or an :class:`AikgError` (which the CLI
prints as ``file:line: message``). Whatever builds must also export to every
format and draw a page whose XML and HTML stay well formed.
"""
from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import build
from graph.errors import AikgError
from graph.exports.write import export
from graph.views.page import page_html
from graph.records.load import load_records
from graph.rdf.store import KnowledgeGraph

from conftest import FIXTURES

MINIMAL = (FIXTURES / "minimal" / "notes.yaml").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# every kind of text: CJK, right-to-left, emoji, combining marks, control characters, markup, long runs
text = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(["清华大学", "مرحبا بالعالم", "שלום", "🤖🚀 GPT", "e\u0301\u0301", "\x00\x07\x1b[31m", "a\u202eb",
                     "<script>alert(1)</script>", "]]><!--", "\ufeff\ufffe", "x" * 5000, "\r\n\t"]),
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    d = tmp_path / "data"
    d.mkdir(exist_ok=True)
    (d / name).write_bytes(data)
    return d


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(MINIMAL)), junk=st.binary(max_size=20))
def test_mutated_yaml_loads_or_fails_cleanly(tmp_path, cut, junk):
    data = MINIMAL.encode("utf-8")[:cut] + junk + MINIMAL.encode("utf-8")[cut:]
    d = write(tmp_path, "notes.yaml", data)
    try:
        load_records([d])
    except AikgError as exc:
        assert exc.path and exc.path.endswith("notes.yaml")


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text,
                    st.dates(), st.lists(text, max_size=3))
# mostly valid records with a few wrong or odd values, so that many builds succeed and reach the writers
valid_values = {
    "released": st.one_of(st.dates(), st.integers(1900, 2025), st.sampled_from(["2023-02", "2020"])),
    "parameters": st.integers(1, 10**13),
    "aliases": st.lists(text, max_size=3),
    "description": st.dictionaries(st.sampled_from(["en", "zh"]), text, min_size=1),
    "homepage": st.sampled_from(["https://example.org/a", "http://example.org/b?c=d&e=<f>"]),
    "training_cost": st.fixed_dictionaries({"amount": st.integers(0, 10**9), "currency": st.just("USD")},
                                           optional={"precision": st.sampled_from(["estimate", "exact"])}),
}


@st.composite
def record(draw, index: int):
    kind = draw(st.sampled_from(["LanguageModel", "Company", "Person", "Technique", "Software"]))
    rec = {"id": f"r{index}", "type": kind, "label": {"en": draw(text)}, "sources": ["notes"]}
    if draw(st.booleans()):
        rec["label"]["zh"] = draw(text)
    for key, strategy in valid_values.items():
        if key in ("released", "parameters", "training_cost") and kind != "LanguageModel":
            continue
        if draw(st.integers(0, 3)) == 0:
            rec[key] = draw(st.one_of(strategy, strategy, scalars))  # now and then a wrong value
    if kind == "LanguageModel" and index > 0 and draw(st.booleans()):
        rec["based_on"] = [{"id": f"r{draw(st.integers(0, index - 1))}",
                            "kind": draw(st.sampled_from(["finetune", "merge", "nope"]))}]
    return rec


records_strategy = st.integers(1, 5).flatmap(lambda n: st.tuples(*[record(i) for i in range(n)]).map(list))


@SETTINGS
@given(records=records_strategy)
def test_random_records_build_or_fail_cleanly(tmp_path, records):
    notes = {"id": "notes", "type": "Survey", "label": {"en": "Notes"}}
    try:
        data = yaml.safe_dump([notes] + records, allow_unicode=True).encode("utf-8")
    except yaml.YAMLError:
        return
    d = write(tmp_path, "r.yaml", data)
    try:
        result = build([d], checks=False)
    except AikgError:
        return
    for fmt, ext in (("graphml", "graphml"), ("gexf", "gexf"), ("turtle", "ttl"), ("jsonld", "jsonld"), ("csv", "csv")):
        export(result.kg, result.network, fmt, tmp_path / f"g.{ext}")
    ET.parse(tmp_path / "g.graphml")
    ET.parse(tmp_path / "g.gexf")
    html = page_html(result.network, result.kg)
    assert "<script>alert" not in html


@SETTINGS
@given(label=text, alias=text, description=text)
def test_any_unicode_label_builds_exports_and_draws(tmp_path, label, alias, description):
    rec = [{"id": "notes", "type": "Survey", "label": {"en": "Notes"}},
           {"id": "thing", "type": "Company", "label": {"en": label, "zh": label[::-1]}, "aliases": [alias],
            "description": {"en": description}, "sources": ["notes"]}]
    dumped = yaml.safe_dump(rec, allow_unicode=True)
    d = write(tmp_path, "r.yaml", dumped.encode("utf-8"))
    try:
        result = build([d], checks=False)
    except AikgError:
        return  # e.g. a label of spaces only, or text YAML cannot carry
    read = yaml.safe_load(dumped)[1]  # what YAML itself gives back (it folds some line breaks)
    node = result.network.nodes["thing"]  # every character of that arrives as written (N-Quads escaping)
    assert node["label"] == read["label"]["en"] and node["label_zh"] == read["label"]["zh"]
    assert node["aliases"] == read["aliases"] and node["description"] == read["description"]["en"]
    for fmt, ext in (("graphml", "graphml"), ("gexf", "gexf"), ("nt", "nt"), ("jsonld", "jsonld")):
        export(result.kg, result.network, fmt, tmp_path / f"g.{ext}")
    ET.parse(tmp_path / "g.graphml")
    ET.parse(tmp_path / "g.gexf")
    html = page_html(result.network, result.kg)
    assert "<script>alert(1)</script>" not in html.split('id="graph-data"')[1]


rdf_chars = st.text(alphabet=string.printable + "<>\"'@^_:#\u00e9\u4e2d", max_size=200)


@SETTINGS
@given(body=rdf_chars, suffix=st.sampled_from([".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"]))
def test_random_rdf_loads_or_fails_cleanly(tmp_path, body, suffix):
    path = tmp_path / f"x{suffix}"
    path.write_text("@prefix ex: <http://e/> .\n" + body if suffix in (".ttl", ".trig") else body, encoding="utf-8")
    try:
        KnowledgeGraph().load_rdf_file(path)
    except AikgError as exc:
        assert exc.path == str(path)
