"""The interactive HTML page drawn with WebGL (sigma.js 3 over graphology), for big graphs.

The same data as the canvas page (:func:`graph.views.page.page_data`) and the
same rules: one self-contained file with the libraries inlined from
:mod:`graph.views.vendor` (no network, a Content-Security-Policy that forbids
any fetch), the data as JSON inside a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, read with ``JSON.parse``, every
value put in the DOM with ``textContent`` and links only for http(s) URLs.
Sigma draws labels on a 2D canvas with ``fillText``, so a label is text there too.

Above :data:`BIG_LAYOUT` nodes the positions come from
:func:`graph.views.layout.big_layout_positions` (seconds at 100,000 nodes)
instead of :func:`~graph.views.layout.layout_positions`.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("x", type="Person", label="</script><img src=x onerror=alert(1)>")
>>> html = webgl_page_html(g)
>>> "<img src=x" in html, "\\\\u003c/script\\\\u003e\\\\u003cimg src=x" in html, "new Sigma(" in html
(False, True, True)
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from graph.views import page as _page
from graph.views.layout import big_layout_positions
from graph.vocabulary import Vocabulary

#: Above this many nodes, the fast layout (:func:`~graph.views.layout.big_layout_positions`).
BIG_LAYOUT = 20_000
VENDOR = Path(__file__).parent / "vendor"
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)


@lru_cache(maxsize=None)
def _vendor(name: str) -> str:
    """A vendored script, its source-map comment dropped (nothing to fetch, even with devtools open)."""
    text = (VENDOR / name).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//# sourceMappingURL="))


def webgl_data(g: nx.MultiDiGraph, kg=None, vocab: Vocabulary | None = None) -> dict[str, Any]:
    """page_data's output, reduced to what the WebGL page shows and packed: one array a node column, strings
    that repeat (types, fact keys, link keys, source lists, edge labels) as indices into tables, a node's
    names only where it has more than its label, id and Chinese label, edges as one flat array.

    Node columns (``n`` rows each): ``id``, ``en``, ``zh``, ``type`` (index into ``legend``, which holds the
    colour), ``x``, ``y``, ``size``, ``year``; ``names`` (extra names, 0 for none), ``facts`` (flat
    ``[key index, value, source-list index, …]``, a value 0 / 1 / 2 standing for the node's ``id`` / ``en``
    / ``zh``, or 0 for none) and ``links`` (flat ``[key index, url, …]`` or 0). ``edges`` is flat
    ``[from, to, label index, …]`` with ``from`` as the difference to the previous edge's, and
    ``edgeSources`` flat ``[edge index, source-list index, …]`` for the edges that have sources.

    The rows come from page_data's lean mode (without what only the canvas page reads).

    >>> g = nx.MultiDiGraph([("a", "b", "uses"), ("b", "a", "uses")])
    >>> d = webgl_data(g)
    >>> d["n"], d["id"], d["edges"], d["edgeLabels"], d["edgeSources"], d["names"]
    (2, ['a', 'b'], [0, 1, 0, 1, 0, 0], ['uses'], [], [0, 0])
    >>> g = nx.MultiDiGraph(); g.add_node("x", type="Person", label="X", label_zh="艾克斯", aliases=["Ex"], homepage="https://x.org")
    >>> d = webgl_data(g)
    >>> d["names"], d["zh"], d["facts"], [d["factKeys"][i] for i in d["facts"][0][::3]], d["links"], d["linkKeys"]
    ([['Ex']], ['艾克斯'], [[0, 'Ex', 0, 1, 'https://x.org', 0, 2, 2, 0]], ['aliases', 'homepage', 'label zh'], [[0, 'https://x.org']], ['homepage'])
    """
    positions = big_layout_positions(g) if g.number_of_nodes() > BIG_LAYOUT else None
    data = _page.page_data(g, kg, vocab, positions, lean=True)
    nodes = data["nodes"]
    legend = data["legend"]
    type_index = {t["name"]: i for i, t in enumerate(legend)}
    index = {n["id"]: i for i, n in enumerate(nodes)}
    fact_keys: dict[str, int] = {}
    link_keys: dict[str, int] = {}
    lists: dict[tuple, int] = {(): 0}
    names, facts, links = [], [], []
    for n in nodes:
        own = (n["id"], n["en"], n["zh"])
        extra = [s for s in n["names"] if s not in own]
        names.append(extra or 0)
        flat: list[Any] = []
        for k, v, s in n["facts"]:
            flat += [fact_keys.setdefault(k, len(fact_keys)), own.index(v) if v in own else v,
                     lists.setdefault(tuple(s), len(lists))]
        facts.append(flat or 0)
        flat = []
        for k, u in n["links"]:
            flat += [link_keys.setdefault(k, len(link_keys)), u]
        links.append(flat or 0)
    labels: dict[str, int] = {}
    edges: list[int] = []
    edge_sources: list[int] = []
    last = 0
    for i, e in enumerate(data["edges"]):
        u = index[e["from"]]
        edges += (u - last, index[e["to"]], labels.setdefault(e["label"], len(labels)))
        last = u
        if e.get("sources"):
            edge_sources += (i, lists.setdefault(tuple(e["sources"]), len(lists)))
    return {
        "n": len(nodes), "id": [n["id"] for n in nodes], "en": [n["en"] for n in nodes], "zh": [n["zh"] for n in nodes],
        "type": [type_index[n["type"]] for n in nodes], "x": [n["x"] for n in nodes], "y": [n["y"] for n in nodes],
        "size": [n["size"] for n in nodes], "year": [n["year"] for n in nodes],
        "names": names, "facts": facts, "links": links,
        "factKeys": list(fact_keys), "linkKeys": list(link_keys), "sourceLists": [list(s) for s in lists],
        "edges": edges, "edgeLabels": list(labels), "edgeSources": edge_sources,
        "legend": [{k: t[k] for k in ("name", "color", "count")} for t in legend],
        "sources": data["sources"], "years": data["years"], "big": data["big"],
    }


def _json(data: Any) -> str:
    """JSON for a ``<script>`` block: compact, ``<``, ``>``, ``&`` and the JS line separators escaped as jinja's tojson does."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def webgl_page_html(g: nx.MultiDiGraph, kg=None, title: str = "AI ecosystem knowledge graph", lang: str = "en",
                    vocab: Vocabulary | None = None) -> str:
    """The whole WebGL page as one HTML string, sigma.js and graphology inlined; give ``kg`` for per-fact sources."""
    return _ENV.get_template("page_webgl.html").render(
        title=title,
        lang=lang if lang in ("en", "zh") else "en",
        data_json=_json(webgl_data(g, kg, vocab)),
        graphology_js=_vendor("graphology.umd.min.js"),
        sigma_js=_vendor("sigma.min.js"),
    )
