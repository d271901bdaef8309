"""The WebGL page (sigma.js) in headless Chromium: offline, every node drawn, search, panel, language, hostile labels.

Chromium's WebGL here is SwiftShader (software); it starts with the shared
``browser`` fixture's ``--disable-gpu``. Should it not start, the page says so,
``window.aikg.webgl`` is false and the tests below that need it fail with that message.
"""
from __future__ import annotations

import re

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import main
from graph.views.page import page_data
from graph.views.renderer import WEBGL_ABOVE, graph_page, renderer_for
from graph.views.webgl import webgl_data, webgl_page_html

from conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def webgl_file(built, tmp_path_factory):
    page = tmp_path_factory.mktemp("webgl") / "graph-webgl.html"
    page.write_text(webgl_page_html(built.network, built.kg), encoding="utf-8")
    return page


def errors(probe) -> list[str]:
    """Console errors, without SwiftShader's performance notes."""
    return [e for e in probe.errors if "GL Driver Message" not in e]


def test_the_file_names_nothing_outside_and_keeps_the_licences(webgl_file):
    html = webgl_file.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert "default-src 'none'" in html and "sourceMappingURL" not in html
    assert "LICENSE-sigma.txt" in html and "new Sigma(" in html and "graphology" in html


def test_every_node_is_drawn_with_webgl_offline(built, webgl_file, open_page):
    probe = open_page(webgl_file.as_uri())
    assert probe.js("window.aikg.webgl"), probe.page.inner_text("#network")
    assert probe.js("window.aikg.nodeCount()") == built.network.number_of_nodes()
    assert probe.js("window.aikg.graph.size") == built.network.number_of_edges()
    assert probe.js("window.aikgReadyAt") > 0
    assert probe.requests == [], "no request leaves the page"
    assert errors(probe) == [], probe.errors
    models = sum(1 for _, t in built.network.nodes(data="type") if t == "LanguageModel")
    assert f"Language model ({models})" in probe.page.locator("#types").inner_text(), "types named by the ontology"
    shot = ROOT / "out" / "graph-page-webgl.png"
    shot.parent.mkdir(exist_ok=True)
    probe.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_search_finds_gpt3_and_the_panel_shows_its_facts(webgl_file, open_page):
    probe = open_page(webgl_file.as_uri())
    assert probe.js("window.aikg.find('gpt3')") == "gpt-3"
    probe.page.fill("#find", "GPT-3")
    probe.page.press("#find", "Enter")
    details = probe.page.locator("#details")
    assert details.locator("h2").first.inner_text() == "GPT-3"
    text = details.inner_text()
    assert "175 billion" in text and "developed by → OpenAI" in text
    assert details.locator(".num[title='175000000000']").count() == 1, "the exact value on hover"
    assert details.locator('a[href="https://www.wikidata.org/wiki/Q95726734"]').count() == 1
    assert probe.js("window.aikg.renderer.getCamera().ratio") < 1, "the camera zoomed to the hit"
    probe.page.click("#types input[data-type=Person]")
    people = probe.js("window.aikg.nodes.filter(n => n.type === 'Person').length")
    assert probe.js("window.aikg.nodeCount()") == len(probe.js("window.aikg.nodes")) - people
    assert probe.js("window.aikg.select('andrej-karpathy')") is True
    assert probe.js("window.aikg.nodeCount()") == len(probe.js("window.aikg.nodes")), "selecting a hidden type shows it"


def test_the_language_switch_draws_chinese_labels(webgl_file, open_page):
    probe = open_page(webgl_file.as_uri())
    assert probe.js("window.aikg.label('tsinghua-university')") == "Tsinghua University"
    probe.page.select_option("#lang", "zh")
    assert probe.js("window.aikg.label('tsinghua-university')") == "清华大学"


def test_hostile_labels_are_inert_text(tmp_path, open_page):
    g = nx.MultiDiGraph()
    g.add_node("img", type="Person", label="<img src=x onerror=alert(1)>")
    g.add_node("script", type="Person", label="</script><script>alert(1)</script>",
               homepage="javascript:alert(1)")
    g.add_node("constructor", type="Company", label="constructor")
    g.add_edge("img", "script", key="knows", edgelabel="<b id=bold>knows</b>")
    page = tmp_path / "hostile.html"
    page.write_text(webgl_page_html(g), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "</script><script>alert" not in html and "<b id=bold>" not in html
    probe = open_page(page.as_uri())
    assert probe.js("window.aikg.nodeCount()") == 3
    assert probe.js("window.aikg.label('script')") == "</script><script>alert(1)</script>"
    probe.js("window.aikg.select('script')")
    details = probe.page.locator("#details")
    assert details.locator("h2").first.inner_text() == "</script><script>alert(1)</script>"
    assert "javascript:alert(1)" in details.inner_text(), "shown as text"
    assert details.locator("a[href^=javascript]").count() == 0
    assert "← <b id=bold>knows</b>" in details.inner_text()
    probe.page.fill("#find", "<img")
    probe.page.press("#find", "Enter")
    assert details.locator("h2").first.inner_text() == "<img src=x onerror=alert(1)>"
    assert probe.js("document.querySelectorAll('#details img, #details script, #bold').length") == 0
    assert probe.dialogs == [] and errors(probe) == [] and probe.requests == []


def test_the_hostile_fixture_runs_nothing(tmp_path, open_page):
    result = build([FIXTURES / "hostile"])
    page = tmp_path / "hostile-fixture.html"
    page.write_text(webgl_page_html(result.network, result.kg), encoding="utf-8")
    probe = open_page(page.as_uri())
    assert probe.js("window.aikg.nodeCount()") == result.network.number_of_nodes()
    probe.page.fill("#find", "Ada")
    probe.page.press("#find", "Enter")
    assert "Ada <b>Lovelace</b> & co" in probe.page.locator("#details").inner_text()
    assert "pwned" not in probe.page.title()
    assert probe.dialogs == [] and errors(probe) == []


def test_the_renderer_is_canvas_for_small_graphs_webgl_above_the_threshold_or_as_asked(tmp_path):
    small = nx.MultiDiGraph([("a", "b", "uses")])
    big = nx.MultiDiGraph()
    big.add_nodes_from((f"n{i}", {"type": "Person", "label": f"N {i}"}) for i in range(WEBGL_ABOVE + 1))
    assert renderer_for(small) == "canvas" and renderer_for(big) == "webgl"
    assert "new Sigma(" in graph_page(small, renderer="webgl") and "new Sigma(" not in graph_page(small)
    with pytest.raises(ValueError, match="renderer must be one of auto, canvas, webgl"):
        renderer_for(small, "svg")
    runner = CliRunner()
    for renderer, sigma in (("webgl", True), ("canvas", False), ("auto", False)):
        out = tmp_path / f"{renderer}.html"
        res = runner.invoke(main, ["page", "--data", "data", "--renderer", renderer, "--theme", "dark", "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert ("new Sigma(" in out.read_text(encoding="utf-8")) is sigma
        assert re.search(r"wrote .*: \d+ entities, \d+ relations", res.output), res.output


def test_page_data_without_hover_is_the_same_less_pyvis_facts_and_links(built):
    hostile = build([FIXTURES / "hostile"])
    g = nx.MultiDiGraph(predicates={"parameters": "https://w3id.org/aiekg/vocab#parameterCount"})
    g.add_node("m", type="LanguageModel", label="M", label_zh="模型", aliases=["em", "M"], released="2020-05",
               parameters=7, sources=["s"], wikidata="Q1", same_as=["https://e.org/m", "ftp://x"])
    g.add_node("s", type="Article", label="S", url="https://s.org")
    g.add_edge("m", "s", key="cites", edgelabel="cites", sources=["s"], role="x", current=False)
    for graph, kg in ((built.network, built.kg), (hostile.network, hostile.kg), (g, None)):
        full, bare = page_data(graph, kg), page_data(graph, kg, hover=False)
        assert all(set(a) - set(b) == {"facts", "links"} for a, b in zip(full["nodes"], bare["nodes"]))
        assert [{k: row[k] for k in bare_row} for row, bare_row in zip(full["nodes"], bare["nodes"])] == bare["nodes"]
        assert {k: v for k, v in full.items() if k != "nodes"} == {k: v for k, v in bare.items() if k != "nodes"}


def test_the_page_decodes_its_packed_data_to_the_canvas_pages_nodes_and_edges(built, webgl_file, open_page):
    """What the panel and search read in the WebGL page is what the canvas page gets (page_data), value for value."""
    data = page_data(built.network, built.kg, hover=False, dots=True)
    probe = open_page(webgl_file.as_uri())
    keys = ("id", "en", "zh", "type", "family", "color", "year", "degree", "aliases", "sources", "names", "profile")
    nodes = probe.js(f"window.aikg.nodes.map(n => ({{{', '.join(f'{k}: n.{k}' for k in keys)}}}))")
    assert nodes == [{k: n[k] for k in keys} for n in data["nodes"]]
    edges = probe.js("window.aikg.edges.map(e => ({from: e.from, to: e.to, key: e.key, en: e.en, zh: e.zh, sources: e.sources}))")
    assert edges == [{k: e[k] for k in ("from", "to", "key", "en", "zh", "sources")} for e in data["edges"]]
    d = webgl_data(built.network, built.kg)
    assert "nodes" not in d and all(len(d[c]) == d["n"] for c in ("id", "en", "zh", "type", "x", "y", "size", "year",
                                                                   "names", "aliases", "src", "prof"))
