"""to_pyvis: the page's styles and positions in a pyvis Network, plain-text titles, and an offline page."""
from __future__ import annotations

import re

import pytest

from graph import to_pyvis
from graph.build import build
from graph.views.page import page_data

from conftest import FIXTURES, PageProbe

HOSTILE = "<img src=x onerror=alert(1)>"
REMOTE = re.compile(r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*[\"']?(https?:)?//", re.I)


class NetworkProbe(PageProbe):
    """A pyvis page in headless Chromium, recording errors, dialogs and outside requests like PageProbe;
    drawn when pyvis's ``network`` has its nodes."""

    READY = "typeof network !== 'undefined' && network.body.nodeIndices.length > 0"

    def hover(self, node_id: str) -> str:
        """Move the mouse onto a node and return the tooltip's text once vis-network shows it."""
        self.js(f"network.moveTo({{position: network.getPositions(['{node_id}'])['{node_id}'], scale: 1.5,"
                " animation: false})")
        box = self.page.locator("#mynetwork").bounding_box()
        x, y = self.js(f"(function () {{ var d = network.canvasToDOM(network.getPositions(['{node_id}'])"
                       f"['{node_id}']); return [d.x, d.y]; }}())")
        self.page.mouse.move(box["x"] + x - 3, box["y"] + y - 3)
        self.page.mouse.move(box["x"] + x, box["y"] + y)
        self.page.wait_for_function("document.querySelector('div.vis-tooltip') !== null &&"
                                    " getComputedStyle(document.querySelector('div.vis-tooltip')).visibility"
                                    " === 'visible'", timeout=10000)
        return self.js("document.querySelector('div.vis-tooltip').innerText")


@pytest.fixture
def open_network(browser):
    probes = []

    def opener(url: str) -> NetworkProbe:
        probes.append(NetworkProbe(browser, url))
        return probes[-1]

    yield opener
    for p in probes:
        p.close()


@pytest.mark.parametrize("of", ["kg", "network"])
def test_every_node_has_the_page_colour_shape_and_position(built, of):
    net = to_pyvis(built.kg if of == "kg" else built.network)
    page = {n["id"]: n for n in page_data(built.network, built.kg)["nodes"]}
    nodes = {n["id"]: n for n in net.nodes}
    assert set(nodes) == set(built.network.nodes)
    for n, p in page.items():
        assert (nodes[n]["color"], nodes[n]["shape"], nodes[n]["x"], nodes[n]["y"]) == \
               (p["color"], p["shape"], p["x"], p["y"]), n
        assert nodes[n]["label"] == p["en"] and nodes[n]["physics"] is False
    assert net.options["physics"]["enabled"] is False
    assert len(net.edges) == built.network.number_of_edges()
    assert {n["shape"] for n in net.nodes} > {"dot", "square", "diamond"}, "shapes are the families'"


def test_labels_follow_the_language(built):
    zh = {n["id"]: n["label"] for n in to_pyvis(built.network, lang="zh").nodes}
    assert zh["tsinghua-university"] == "清华大学"
    bare = next(n for n, a in built.network.nodes(data=True) if not any(k.startswith("label_zh") for k in a))
    assert zh[bare] == (built.network.nodes[bare].get("label") or bare), "no Chinese label: the English one"
    with pytest.raises(ValueError, match="lang"):
        to_pyvis(built.network, lang="fr")


def test_titles_are_plain_text(built):
    gpt3 = to_pyvis(built.kg).get_node("gpt-3")
    assert gpt3["title"].startswith("GPT-3\n") and "parameters: 175000000000" in gpt3["title"]
    assert "<" not in gpt3["title"]


def test_the_html_names_nothing_outside_in_both_of_pyvis_paths(built):
    net = to_pyvis(built.kg)
    for html in (net.generate_html(), net.generate_html(notebook=True)):
        assert not REMOTE.search(html)
        assert "bootstrap.min" not in html and "cdnjs" not in html and "jsdelivr" not in html
        assert "vis.Network" in html and len(html) > 400_000, "vis-network is inlined"
    net.prep_notebook()  # pyvis's notebook set-up reloads the template: still ours
    assert not REMOTE.search(net.generate_html(notebook=True))


def hostile_network():
    result = build([FIXTURES / "hostile"])
    g = result.network.copy()
    g.add_node("alert", type="Person", label=HOSTILE, label_zh=HOSTILE)
    return g


def test_hostile_labels_are_escaped_in_the_html():
    net = to_pyvis(hostile_network())
    assert any("href" in n["title"] for n in net.nodes), "a title holds 'href', which switches pyvis to HTML popups"
    html = net.generate_html()
    for raw in (HOSTILE, "<img src=x", "<b id=bold>", "<iframe", "</script><b", "<a href"):
        assert raw not in html, raw
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "innerHTML = nodeData" not in html and "div.popup" not in html, "no HTML popup"


def test_hostile_labels_are_inert_in_chromium(tmp_path, open_network):
    page = tmp_path / "hostile.html"
    page.write_text(to_pyvis(hostile_network()).generate_html(), encoding="utf-8")
    probe = open_network(page.as_uri())
    assert probe.js("network.body.data.nodes.get('alert').label") == HOSTILE
    tip = probe.hover("alert")
    assert tip.splitlines()[0] == HOSTILE, "the title shows as text"
    tip = probe.hover("hostile")
    assert "href=javascript:alert(3)" in tip and "<a href=" in tip
    assert probe.js("document.querySelectorAll('img, iframe, a, #bold').length") == 0
    assert "pwned" not in probe.page.title()
    assert probe.dialogs == [] and probe.errors == [] and probe.requests == []
