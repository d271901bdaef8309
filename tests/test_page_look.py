"""The page's look (issue 16) in headless Chromium: legible labels that never overlap, both languages, the panel."""
from __future__ import annotations

import itertools

import networkx as nx

from graph.views.page import page_html

NEXT_FRAME = "new Promise(r => { window.aikg.network.redraw(); requestAnimationFrame(() => requestAnimationFrame(() => r(true))); })"


def labels(probe) -> list[dict]:
    probe.js(NEXT_FRAME)
    return probe.js("window.aikg.drawnLabels()")


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["id"], b["id"]) for a, b in itertools.combinations(boxes, 2)
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]


def zoom(probe, factor: float) -> None:
    probe.js(f"window.aikg.network.moveTo({{scale: window.aikg.network.getScale() * {factor}, animation: false}})")


def test_no_two_drawn_labels_overlap_at_the_first_view_and_zoomed_in(built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    first = labels(probe)
    assert len(first) >= 10, "the first view names the main entities"
    assert overlapping(first) == []
    counts = [len(first)]
    for _ in range(2):
        zoom(probe, 1.6)
        boxes = labels(probe)
        assert overlapping(boxes) == [], "no overlap after zooming"
        counts.append(len(boxes))
    probe.js("window.aikg.network.fit({animation: false})")
    zoom(probe, 2.5)
    assert len(labels(probe)) > 0
    assert probe.errors == []


def test_the_largest_nodes_are_labelled_legibly_at_the_first_view(built, built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    boxes = {b["id"]: b for b in labels(probe)}
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
    assert probe.js("window.aikg.edges.get().filter(e => e.label).length") == 0, "no edge label until asked for"
    probe.js("window.aikg.select('gpt-3')")
    shown = probe.js("window.aikg.edges.get().filter(e => e.label).length")
    assert shown == g.degree("gpt-3"), "the edges of the selected entity are labelled"


def visible_strings(probe) -> dict[str, list[str]]:
    probe.js(NEXT_FRAME)
    return probe.js("""(function () {
      var t = function (sel) { return Array.from(document.querySelectorAll(sel)).map(e => e.textContent.trim()); };
      return {
        ui: t('[data-ui]').concat([document.title, document.getElementById('status').textContent,
                                   document.getElementById('find').placeholder, document.getElementById('years').textContent]),
        legend: t('#types label'), keys: t('#details .k').concat(t('#details h3')),
        edges: window.aikg.edges.get().filter(e => e.label).map(e => e.label).sort(),
        drawn: window.aikg.drawnLabels().map(b => b.id + '=' + b.text),
        type: t('#details .type').slice(0, 1),
      };
    }())""")


def test_the_language_switch_changes_every_string_and_the_open_panel(built, built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
    probe.js("window.aikg.select('gpt-3')")
    en = visible_strings(probe)
    probe.page.select_option("#lang", "zh")
    zh = visible_strings(probe)
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
    assert visible_strings(probe)["keys"] == en["keys"]
    assert "12 million USD" in probe.page.locator("#details").inner_text()


def test_the_panel_of_gpt3_lists_each_source_once_with_markers(built_out, open_page):
    probe = open_page((built_out / "graph.html").as_uri())
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


def test_hostile_labels_are_drawn_and_shown_as_text(tmp_path, open_page):
    g = nx.MultiDiGraph()
    g.add_node("a", type="Person", label=HOSTILE[0], label_zh=HOSTILE[1])
    g.add_node("b", type="Company", label=HOSTILE[1])
    g.add_edge("a", "b", key="affiliated_with", edgelabel="<b>x</b>", role=HOSTILE[0])
    page = tmp_path / "hostile.html"
    page.write_text(page_html(g), encoding="utf-8")
    probe = open_page(page.as_uri() + "#focus=a")
    assert probe.page.locator("#details h2").first.inner_text() == HOSTILE[0]
    assert {b["id"]: b["text"] for b in labels(probe)}["a"] == HOSTILE[0]
    zoom(probe, 2)  # side by side, the two long labels overlapped: only the first was drawn
    assert {b["id"]: b["text"] for b in labels(probe)}.get("b") == HOSTILE[1][:27] + "…"
    probe.js("window.aikg.setLanguage('zh')")
    assert probe.page.locator("#details h2").first.inner_text() == HOSTILE[1]
    assert HOSTILE[0] in probe.page.locator("#details").inner_text()
    assert probe.js("document.querySelectorAll('img, iframe').length") == 0
    assert probe.js("document.scripts.length") == 3
    assert probe.dialogs == [] and probe.errors == []


def test_big_graphs_and_the_dark_theme_still_draw(tmp_path, open_page):
    g = nx.MultiDiGraph()
    for i in range(2100):
        g.add_node(f"n{i}", type="Person" if i % 2 else "Company", label=f"Entity number {i} with a long name")
        if i:
            g.add_edge(f"n{i}", f"n{i // 3}", key="affiliated_with")
    page = tmp_path / "big.html"
    page.write_text(page_html(g, theme="dark"), encoding="utf-8")
    probe = open_page(page.as_uri())
    assert probe.js("window.aikg.nodeCount()") == 2100 and probe.js("window.aikg.data.big")
    assert probe.js("document.body.className") == "dark"
    assert overlapping(labels(probe)) == []
    zoom(probe, 4)
    assert overlapping(labels(probe)) == []
    assert probe.errors == []


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
