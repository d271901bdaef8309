"""The page's look (issue 16) in headless Chromium, for both renderers (vis-network on a canvas, sigma.js on
WebGL): legible labels that never overlap, both languages, the panel, hostile labels."""
from __future__ import annotations

import itertools

import networkx as nx
import pytest

from graph.views.page import page_html
from graph.views.webgl import webgl_page_html

NEXT_FRAME = {
    "canvas": "new Promise(r => { window.aikg.network.redraw(); requestAnimationFrame(() => requestAnimationFrame(() => r(true))); })",
    "webgl": "new Promise(r => { window.aikg.renderer.refresh(); requestAnimationFrame(() => requestAnimationFrame(() => r(true))); })",
}
EDGE_LABELS = {"canvas": "window.aikg.edges.get().filter(e => e.label).map(e => e.label).sort()",
               "webgl": "window.aikg.drawnEdgeLabels().map(b => b.text).sort()"}
WRITE = {"canvas": page_html, "webgl": webgl_page_html}


class Page:
    """A page of one renderer open in Chromium, with the few calls that differ between renderers."""

    def __init__(self, probe, renderer: str):
        self.probe, self.renderer = probe, renderer

    def js(self, script):
        return self.probe.js(script)

    def labels(self) -> list[dict]:
        self.js(NEXT_FRAME[self.renderer])
        return self.js("window.aikg.drawnLabels()")

    def edge_labels(self) -> list[str]:
        self.js(NEXT_FRAME[self.renderer])
        return self.js(EDGE_LABELS[self.renderer])

    def zoom(self, factor: float) -> None:
        if self.renderer == "canvas":
            self.js(f"window.aikg.network.moveTo({{scale: window.aikg.network.getScale() * {factor}, animation: false}})")
        else:
            self.js(f"(c => c.setState({{ratio: c.ratio / {factor}}}))(window.aikg.renderer.getCamera())")

    def fit(self) -> None:
        if self.renderer == "canvas":
            self.js("window.aikg.network.fit({animation: false})")
        else:
            self.js("window.aikg.renderer.getCamera().setState({x: 0.5, y: 0.5, ratio: 1})")


@pytest.fixture(params=["canvas", "webgl"])
def renderer(request):
    return request.param


@pytest.fixture
def shipped(renderer, built, built_out, tmp_path_factory, open_page):
    """The shipped graph's page in ``renderer``, opened: a function of the URL fragment."""
    if renderer == "canvas":
        url = (built_out / "graph.html").as_uri()
    else:
        page = tmp_path_factory.mktemp("look") / "graph-webgl.html"
        page.write_text(webgl_page_html(built.network, built.kg), encoding="utf-8")
        url = page.as_uri()
    return lambda fragment="": Page(open_page(url + fragment), renderer)


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["id"], b["id"]) for a, b in itertools.combinations(boxes, 2)
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]


def test_no_two_drawn_labels_overlap_at_the_first_view_and_zoomed_in(shipped):
    page = shipped()
    first = page.labels()
    assert len(first) >= 10, "the first view names the main entities"
    assert overlapping(first) == []
    counts = [len(first)]
    for _ in range(2):
        page.zoom(1.6)
        boxes = page.labels()
        assert overlapping(boxes) == [], "no overlap after zooming"
        counts.append(len(boxes))
    page.js("window.aikg.select('gpt-3')")
    boxes = page.labels() + (page.js("window.aikg.drawnEdgeLabels()") if page.renderer == "webgl" else [])
    assert overlapping(boxes) == [], "nor with an entity selected (its neighbours and relations named)"
    page.fit()
    page.zoom(2.5)
    assert len(page.labels()) > 0
    assert page.probe.errors == []


def test_the_largest_nodes_are_labelled_legibly_at_the_first_view(built, shipped):
    page = shipped()
    probe = page.probe
    boxes = {b["id"]: b for b in page.labels()}
    g = built.network
    top = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:3]
    assert top[0] in boxes, "the node of the highest degree is always labelled"
    for n in top:
        if n in boxes:
            assert boxes[n]["px"] >= 12, (n, boxes[n])
    assert all(b["px"] >= 12 for b in boxes.values()), "no label below 12 px"
    assert all(len(b["text"]) <= 28 for b in boxes.values()), "long titles are shortened on the canvas"
    assert any(b["text"].endswith("…") for b in boxes.values())
    assert probe.js("window.aikg.nodeCount()") == g.number_of_nodes()
    assert page.edge_labels() == [], "no edge label until asked for"
    probe.js("window.aikg.select('gpt-3')")
    shown = page.edge_labels()
    if page.renderer == "canvas":
        assert len(shown) == g.degree("gpt-3"), "the edges of the selected entity are labelled"
    else:  # where they fit: no two labels overlap
        assert 0.5 * g.degree("gpt-3") <= len(shown) <= g.degree("gpt-3") and "introduced in" in shown, shown


def visible_strings(page: Page) -> dict[str, list[str]]:
    edges = page.edge_labels()
    return dict(page.js("""(function () {
      var t = function (sel) { return Array.from(document.querySelectorAll(sel)).map(e => e.textContent.trim()); };
      return {
        ui: t('[data-ui]').concat([document.title, document.getElementById('status').textContent,
                                   document.getElementById('find').placeholder, document.getElementById('years').textContent]),
        legend: t('#types label'), keys: t('#details .k').concat(t('#details h3')),
        drawn: window.aikg.drawnLabels().map(b => b.id + '=' + b.text),
        type: t('#details .type').slice(0, 1),
      };
    }())"""), edges=edges)


def test_the_language_switch_changes_every_string_and_the_open_panel(built, shipped):
    page = shipped()
    probe = page.probe
    probe.js("window.aikg.select('gpt-3')")
    en = visible_strings(page)
    probe.page.select_option("#lang", "zh")
    zh = visible_strings(page)
    assert probe.js("document.documentElement.lang") == "zh"
    for part in ("ui", "legend", "keys", "type"):
        assert len(en[part]) == len(zh[part]) and en[part], part
        same = [a for a, b in zip(en[part], zh[part]) if a == b]
        assert same == [], (part, same)
    assert en["edges"] and set(en["edges"]).isdisjoint(zh["edges"]), "edge labels are translated"
    # names may stay where an entity has no Chinese label or the same one (GPT-3, OpenAI)
    nodes = built.network.nodes
    en_drawn, zh_drawn = dict(d.split("=", 1) for d in en["drawn"]), dict(d.split("=", 1) for d in zh["drawn"])
    for n in set(en_drawn) & set(zh_drawn):
        if nodes[n].get("label_zh") and nodes[n]["label_zh"] != nodes[n]["label"]:
            assert en_drawn[n] != zh_drawn[n], n
    assert any(en_drawn[n] != zh_drawn[n] for n in set(en_drawn) & set(zh_drawn)), "the canvas labels changed"
    details = probe.page.locator("#details").inner_text()
    assert "1750 亿" in details and "1200 万美元" in details, "numbers for people in Chinese"
    assert probe.page.locator('#details [title="12000000 USD"]').count() == 1
    probe.js("window.aikg.setLanguage('en')")
    assert visible_strings(page)["keys"] == en["keys"]
    assert "12 million USD" in probe.page.locator("#details").inner_text()


def test_the_panel_of_gpt3_lists_each_source_once_with_markers(shipped):
    probe = shipped().probe
    probe.js("window.aikg.select('gpt-3')")
    listed = probe.js("Array.from(document.querySelectorAll('#details ol.sources li')).map(e => e.textContent)")
    assert listed and len(listed) == len(set(listed)), listed
    markers = probe.js("Array.from(document.querySelectorAll('#details .mk')).map(e => e.textContent)")
    numbers = {int(m.strip("[]")) for m in markers}
    assert numbers == set(range(1, len(listed) + 1)), "every marker points into the one list, every source is cited"
    text = probe.page.locator("#details").inner_text()
    outside = probe.js("(function () { var d = document.getElementById('details').cloneNode(true);"
                       " d.querySelectorAll('ol.sources, a.rel').forEach(e => e.remove()); return d.textContent; }())")
    for title in listed:
        assert title not in outside, f"{title!r} is written out only in the list of sources"
    assert probe.page.locator('#details a[href="https://www.wikidata.org/wiki/Q95726734"]').count() == 1
    assert "kind:" not in text and "175000000000" not in text
    box = probe.page.locator("#details h2").bounding_box()
    assert box["y"] < 150, "details start near the top"
    assert "collapsed" in probe.js("document.getElementById('legendbox').className")


HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>"]


def test_hostile_labels_are_drawn_and_shown_as_text(tmp_path, open_page, renderer):
    g = nx.MultiDiGraph()
    g.add_node("a", type="Person", label=HOSTILE[0], label_zh=HOSTILE[1])
    g.add_node("b", type="Company", label=HOSTILE[1])
    g.add_edge("a", "b", key="affiliated_with", edgelabel="<b>x</b>", role=HOSTILE[0])
    file = tmp_path / "hostile.html"
    file.write_text(WRITE[renderer](g), encoding="utf-8")
    probe = open_page(file.as_uri() + "#focus=a")
    page = Page(probe, renderer)
    assert probe.page.locator("#details h2").first.inner_text() == HOSTILE[0]
    assert {b["id"]: b["text"] for b in page.labels()}["a"] == HOSTILE[0]
    if renderer == "webgl":
        page.fit()  # sigma centred the camera on "a", and "b" was off-screen
    else:
        page.zoom(2)  # side by side, the two long labels overlapped: only the first was drawn
    assert {b["id"]: b["text"] for b in page.labels()}.get("b") == HOSTILE[1][:27] + "…"
    probe.js("window.aikg.setLanguage('zh')")
    assert probe.page.locator("#details h2").first.inner_text() == HOSTILE[1]
    assert HOSTILE[0] in probe.page.locator("#details").inner_text()
    assert probe.js("document.querySelectorAll('img, iframe').length") == 0
    assert probe.js("document.scripts.length") == {"canvas": 3, "webgl": 4}[renderer], "no script came from a label"
    assert probe.dialogs == [] and [e for e in probe.errors if "GL Driver" not in e] == []


def test_big_graphs_and_the_dark_theme_still_draw(tmp_path, open_page, renderer):
    g = nx.MultiDiGraph()
    for i in range(2100):
        g.add_node(f"n{i}", type="Person" if i % 2 else "Company", label=f"Entity number {i} with a long name")
        if i:
            g.add_edge(f"n{i}", f"n{i // 3}", key="affiliated_with")
    file = tmp_path / "big.html"
    file.write_text(WRITE[renderer](g, theme="dark"), encoding="utf-8")
    probe = open_page(file.as_uri())
    page = Page(probe, renderer)
    assert probe.js("window.aikg.nodeCount()") == 2100 and probe.js("window.aikg.data.big")
    assert probe.js("document.body.className") == "dark"
    assert overlapping(page.labels()) == []
    page.zoom(4)
    assert len(page.labels()) > 5 and overlapping(page.labels()) == []
    assert [e for e in probe.errors if "GL Driver" not in e] == []


def test_no_two_types_look_alike_on_the_canvas_or_in_the_legend():
    from graph.views.page import node_style, page_data
    from graph.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    styles = {t: node_style(t, vocab) for t in vocab.types}
    assert len(set(styles.values())) == len(styles), styles
    g = nx.MultiDiGraph()
    for t in vocab.types:
        g.add_node(t.lower(), type=t, label=t)
    legend = {row["name"]: (row["color"], row["shape"]) for row in page_data(g, vocab=vocab)["legend"]}
    assert legend == styles
