"""Answers at a glance (issue 18): show, lineage, path, stats and the release timeline, as library and commands."""
from __future__ import annotations

import itertools
import json
import re

import pytest
from click.testing import CliRunner

from graph.analysis import timeline
from graph.analysis.lineage import lineage
from graph.analysis.stats import stats
from graph.cli import main
from graph.sparql.query import run_query
from graph.vocabulary import load_vocabulary

from conftest import ROOT, PageProbe


class Drawing(PageProbe):
    """An SVG file open in Chromium: drawn once the document has loaded."""

    READY = "document.readyState === 'complete'"


def run(*args: str) -> str:
    res = CliRunner().invoke(main, [*args, "--data", str(ROOT / "data")])
    assert res.exit_code == 0, res.output
    return res.stdout  # without "building from data in memory", said on stderr


def test_show_lists_gpt3s_parameters_with_their_sources_and_each_identifier_once():
    text = run("show", "gpt-3")
    assert re.search(r"parameters: 175,000,000,000 \(175 billion\) \[\d\]\[\d\]", text), text
    assert text.count("Q95726734") == 1
    numbers = set(re.findall(r"\[(\d+)\]", text.split("\nsources:")[0]))
    listed = re.findall(r"^  \[(\d+)\] ", text.split("\nsources:")[1], re.M)
    assert numbers == set(listed) and len(listed) == len(set(listed)), "each source listed once, every marker listed"
    assert "based on (finetune) ← Codex (codex)" in text
    data = json.loads(run("show", "GPT3", "--format", "json"))
    assert data["id"] == "gpt-3" and data["label_zh"] == "GPT-3"
    assert "## facts" in run("show", "gpt-3", "--format", "md")


def test_an_unknown_entity_gets_did_you_mean():
    res = CliRunner().invoke(main, ["show", "gpt-33", "--data", str(ROOT / "data")])
    assert res.exit_code != 0 and "no entity 'gpt-33' (did you mean 'gpt-3'?)" in res.output and "Traceback" not in res.output


def test_lineage_of_codex_counts_the_steps_to_gpt_right(built):
    steps = {s.id: (s.depth, s.kind) for s in lineage(built.network, "codex")}
    assert (steps["gpt-3"], steps["gpt-2"], steps["gpt"]) == ((1, "finetune"), (2, "successor"), (3, "successor"))
    down = {s.id: s.depth for s in lineage(built.network, "gpt", up=False)}
    assert down["codex"] == 3 and down["instructgpt"] == 3
    assert [s.id for s in lineage(built.network, "codex", depth=1)] == ["codex", "gpt-3", "gpt-series"]
    text = run("lineage", "codex", "--up")
    assert "GPT (gpt)  [successor, step 3]" in text and "4 ancestors" in text
    mermaid = run("lineage", "codex", "--format", "mermaid")
    assert mermaid.startswith("graph BT") and '|finetune|' in mermaid
    dot = run("lineage", "gpt", "--down", "--format", "dot")
    assert dot.startswith("digraph lineage {") and '"gpt-3" -> "codex" [label="finetune"];' in dot
    assert [s["id"] for s in json.loads(run("lineage", "codex", "--format", "json"))][:2] == ["codex", "gpt-3"]


def test_path_finds_that_karpathy_was_fei_fei_lis_student():
    text = run("path", "andrej-karpathy", "fei-fei-li")
    assert "--student of--> Fei-Fei Li (fei-fei-li)" in text and "1 shortest path of 1 step" in text
    back = run("path", "fei-fei-li", "andrej-karpathy")
    assert "<--student of-- Andrej Karpathy" in back
    longer = json.loads(run("path", "codex", "chatgpt", "--format", "json"))
    assert longer and all(len(p) == len(longer[0]) for p in longer)


def test_stats_agree_with_sparql_counts(built):
    s = stats(built.kg, built.network, load_vocabulary())
    rows = run_query(built.kg, """SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
        ?e a ?t . ?t aikg:recordType ?type .
        FILTER NOT EXISTS { ?e a ?sub . ?sub rdfs:subClassOf+ ?t . ?sub aikg:recordType [] } } GROUP BY ?type""").rows
    assert {r[0]: int(r[1]) for r in rows} == s["types"]
    per_graph = run_query(built.kg, """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER(?g != <https://w3id.org/aiekg/vocab>) } GROUP BY ?g""").rows
    assert {r[0].rsplit("/", 1)[-1].split(":")[-1]: int(r[1]) for r in per_graph} == {x["id"]: x["facts"] for x in s["sources"]}
    assert s["central"]["pagerank"][0]["id"] == "openai"
    assert sum(c["size"] for c in s["communities"]) <= s["entities"]
    assert s["releases"]["openai"][2022] == 2
    text = run("stats")
    assert f"{s['entities']} entities, {s['relations']} relations" in text and "most central by pagerank:" in text
    assert json.loads(run("stats", "--format", "json"))["types"] == s["types"]


@pytest.fixture(scope="module")
def timelines(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("timeline")
    for lang in ("en", "zh"):
        (out / f"timeline-{lang}.svg").write_bytes(timeline.write(built.network, f"t.svg", lang=lang)[0])
    return out


def svg_boxes(probe) -> dict:
    """The drawn boxes (getBBox in the page's coordinates) of every label and mark, and the x of each year tick."""
    return probe.js("""(() => {
      const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
      const out = {labels: {}, marks: {}, years: {}};
      document.querySelectorAll('[id^="label-"]').forEach(e => out.labels[e.id.slice(6)] = box(e));
      document.querySelectorAll('[id^="mark-"]').forEach(e => out.marks[e.id.slice(5)] = box(e));
      document.querySelectorAll('[id^="xtick_"]').forEach(e => {
        const t = e.querySelector('[id^="text_"]'); const b = box(e);
        if (t) out.years[e.id] = [(b[0] + b[2]) / 2]; });
      return out; })()""")


def test_the_timeline_places_every_openai_model_at_its_year_with_no_labels_overlapping(built, timelines, browser):
    found = {m.id: m for m in timeline.marks(built.network)}
    openai = [n for n, _, k in built.network.in_edges("openai", keys=True) if k == "developed_by"]
    models = [n for n in openai if built.network.nodes[n].get("released")]
    assert models and all(n in found and found[n].lane == "openai" for n in models)
    for n in models:
        year = int(str(built.network.nodes[n]["released"])[:4])
        assert year <= found[n].x < year + 1, n
    probe = Drawing(browser, (timelines / "timeline-en.svg").as_uri())
    drawn = svg_boxes(probe)
    probe.close()
    assert set(models) <= set(drawn["marks"]) and set(models) <= set(drawn["labels"])
    boxes = list(drawn["labels"].items())
    assert [(a, b) for (a, x), (b, y) in itertools.combinations(boxes, 2)
            if x[0] < y[2] and y[0] < x[2] and x[1] < y[3] and y[1] < x[3]] == []
    # the marks sit at their years: the ticks (one a year, left to right) map x to years
    ticks = sorted(v[0] for v in drawn["years"].values())
    first = min(int(str(built.network.nodes[n]["released"])[:4]) for n in found)
    per_year = (ticks[-1] - ticks[0]) / (len(ticks) - 1)
    for n in models:
        x = (drawn["marks"][n][0] + drawn["marks"][n][2]) / 2
        assert int(first + (x - ticks[0]) / per_year) == int(str(built.network.nodes[n]["released"])[:4]), n


def test_the_chinese_timeline_draws_chinese_labels_with_a_cjk_font(timelines):
    svg = (timelines / "timeline-zh.svg").read_text(encoding="utf-8")
    assert "<text" not in svg, "text is drawn as glyph outlines, so it looks the same everywhere"
    # the label of GPT, "初代 GPT": each of its characters (the space too) a glyph of the CJK font, none the
    # missing-glyph box (glyph 0)
    label = svg.split('id="label-gpt"', 1)[1].split('id="label-', 1)[0]
    glyphs = re.findall(r'xlink:href="#([^"]+)"', label)
    assert len(glyphs) == len("初代 GPT") and all(g.startswith("NotoSansCJK") and not g.endswith("-0") for g in glyphs), glyphs


def test_a_cjk_font_installed_after_matplotlib_listed_the_fonts_is_found(monkeypatch):
    from matplotlib import font_manager

    # matplotlib's kept list, as it was before fonts-noto-cjk was installed
    cjk_files = {f.fname for f in font_manager.fontManager.ttflist if f.name in timeline.FONTS[:-1]}
    stale = [f for f in font_manager.fontManager.ttflist if f.fname not in cjk_files]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    timeline._fonts_installed_since.cache_clear()
    try:
        assert timeline.fonts()[0] == "Noto Sans CJK SC"
    finally:
        timeline._fonts_installed_since.cache_clear()


def test_the_timeline_command_writes_svg_png_and_an_offline_html(tmp_path):
    for name in ("t.svg", "t.png", "t.html"):
        text = run("timeline", "-o", str(tmp_path / name), "--lang", "zh")
        assert "releases in" in text
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    html = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert "<svg" in html and "default-src 'none'" in html and not re.search(r"(src|href)=[\"']https?://", html)
    res = CliRunner().invoke(main, ["timeline", "-o", str(tmp_path / "t.pdf"), "--data", str(ROOT / "data")])
    assert res.exit_code != 0 and ".svg, .png or .html" in res.output
