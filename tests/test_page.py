"""The HTML page in a real browser: offline, legible, interactive, and safe with hostile labels."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import main
from graph.views.page import page_data, page_html

from conftest import FIXTURES, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def render_dom(html_file, tmp_path: Path) -> str:
    """The DOM after the page's scripts ran, from headless Chromium with all network but loopback off.

    ``html_file`` is a path, or anything with ``as_uri()`` (such as a page on a local server).
    """
    if CHROMIUM is None:
        pytest.fail("chromium is required for the page tests (apt-get install chromium)")
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--virtual-time-budget=5000", "--dump-dom", html_file.as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def node_point(probe, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    box = probe.page.locator("#network").bounding_box()
    xy = probe.js(f"(function () {{ var n = window.aikg.network; var p = n.getPositions(['{node_id}'])['{node_id}'];"
                  " var d = n.canvasToDOM(p); return [d.x, d.y]; }())")
    return box["x"] + xy[0], box["y"] + xy[1]


def drawn(probe) -> tuple[int, int]:
    return tuple(probe.js("[window.aikg.network.body.nodeIndices.length, window.aikg.network.body.edgeIndices.length]"))


def test_the_page_file_names_nothing_outside(built_out):
    html = (built_out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert "default-src 'none'" in html, "a Content-Security-Policy forbids any fetch"
    assert "vis.Network" in html and len(html) > 400_000, "vis-network is inlined"


def test_the_page_draws_every_node_and_edge_offline_without_errors(built, built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    assert drawn(probe) == (built.network.number_of_nodes(), built.network.number_of_edges())
    assert probe.errors == [], probe.errors
    assert probe.requests == [], "no request leaves the page"
    legend = probe.page.locator("#types").inner_text()
    models = sum(1 for _, t in built.network.nodes(data="type") if t == "LanguageModel")
    assert f"Language model ({models})" in legend, "the legend names types by their rdfs:label"
    shot = ROOT / "out" / "graph-page.png"
    shot.parent.mkdir(exist_ok=True)
    probe.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_search_finds_a_node_by_any_label_or_alias(built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    for text, node, shown in (("清华大学", "tsinghua-university", "Tsinghua University"),
                              ("gpt3", "gpt-3", "GPT-3"), ("Karpathy", "andrej-karpathy", "Andrej Karpathy")):
        probe.page.fill("#find", text)
        probe.page.press("#find", "Enter")
        assert probe.js("window.aikg.network.getSelectedNodes()") == [node]
        assert probe.page.locator("#details h2").first.inner_text() == shown


def test_a_type_filter_hides_that_type(built, built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    people = sum(1 for _, t in built.network.nodes(data="type") if t == "Person")
    before = drawn(probe)
    probe.page.click("#types input[data-type=Person]")
    after = drawn(probe)
    assert after[0] == before[0] - people and after[1] < before[1]
    assert f"{before[0] - people} of {before[0]} entities" in probe.page.inner_text("#status")
    probe.page.click("#types input[data-type=Person]")
    assert drawn(probe) == before


def test_clicking_a_node_shows_its_facts_sources_and_links(built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    probe.js("window.aikg.network.fit({nodes: ['gpt-3'], animation: false})")
    probe.js("window.aikg.network.moveTo({scale: 1.0, animation: false})")
    x, y = node_point(probe, "gpt-3")
    probe.page.mouse.click(x, y)
    details = probe.page.locator("#details")
    text = details.inner_text()
    assert "GPT-3" in text and "175 billion" in text and "Parameter count" in text, "values for people"
    assert details.locator('[title="175000000000"]').count() == 1, "the exact value on hover"
    assert details.locator('a[href="https://www.8btc.com/article/6805740"]').count() >= 1, "sources are links"
    assert details.locator('a[href="https://www.wikidata.org/wiki/Q95726734"]').count() == 1, "identifiers are links"
    assert "developed by → OpenAI" in text


def test_double_click_shows_the_neighbourhood(built, built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    probe.js("window.aikg.network.fit({nodes: ['llama'], animation: false})")
    x, y = node_point(probe, "llama")
    probe.page.mouse.dblclick(x, y)
    g = built.network
    neighbours = set(g.successors("llama")) | set(g.predecessors("llama")) | {"llama"}
    assert drawn(probe)[0] == len(neighbours)
    probe.page.click("#reset")
    assert drawn(probe)[0] == g.number_of_nodes()


def test_the_year_range_and_the_language_switch(built, built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    probe.js("(function () { var lo = document.getElementById('year-from'); lo.value = 2022;"
             " lo.dispatchEvent(new Event('input')); }())")
    shown = set(probe.js("window.aikg.network.body.nodeIndices"))
    assert "gpt-3" not in shown and "chatgpt" in shown and "openai" in shown, "undated entities stay"
    probe.page.select_option("#lang", "zh")
    assert probe.js("window.aikg.network.body.data.nodes.get('tsinghua-university').label") == "清华大学"


def test_hostile_labels_show_as_text_and_run_nothing(tmp_path, open_page):
    result = build([FIXTURES / "hostile"])
    page = tmp_path / "hostile.html"
    page.write_text(page_html(result.network, result.kg), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<b id=bold>" not in html and "<iframe" not in html
    probe = open_page(page.as_uri())
    probe.page.fill("#find", "<img")
    probe.page.press("#find", "Enter")
    assert probe.page.locator("#details h2").first.inner_text() == "<img src=x onerror=\"document.title='pwned'\">"
    probe.page.fill("#find", "Ada")
    probe.page.press("#find", "Enter")
    assert "Ada <b>Lovelace</b> & co" in probe.page.locator("#details").inner_text()
    assert "pwned" not in probe.page.title()
    assert probe.js("document.querySelectorAll('img, iframe, #bold').length") == 0
    assert probe.dialogs == [] and probe.errors == []


def test_a_fact_in_any_language_shows_the_sources_that_state_it(tmp_path, minimal):
    extra = tmp_path / "fr.ttl"
    extra.write_text('<https://w3id.org/aiekg/id/base-model> <https://w3id.org/aiekg/vocab#description> "Un modèle"@fr .\n',
                     encoding="utf-8")
    result = build([minimal, extra])
    node = next(n for n in page_data(result.network, result.kg)["nodes"] if n["id"] == "base-model")
    facts = {name: sources for name, _, sources in node["facts"]}
    assert facts["description fr"] == [extra.resolve().as_uri()]
    assert facts["parameters"] == ["notes-llm-2023"]


def test_the_page_command_writes_a_focused_page(built_out, tmp_path):
    out = tmp_path / "focus.html"
    res = CliRunner().invoke(main, ["page", "--graph", str(built_out / "graph.trig"), "-o", str(out),
                                    "--focus", "chatglm", "--depth", "1", "--lang", "zh"])
    assert res.exit_code == 0, res.output
    assert "wrote" in res.output and "entities" in res.output
    html = out.read_text(encoding="utf-8")
    assert "chatglm-6b" in html and "gpt-3" not in html and '<html lang="zh">' in html
