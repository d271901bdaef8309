"""The interactive HTML page drawn with WebGL (sigma.js 3 over graphology), for big graphs.

The same data as the canvas page (:func:`graph.views.page.page_data`) and the
same rules: one self-contained file with the libraries inlined from
:mod:`graph.views.vendor` (no network, a Content-Security-Policy that forbids
any fetch), the data as JSON inside a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, read with ``JSON.parse``, every
value put in the DOM with ``textContent`` and links only for http(s) URLs.
The page's interface is the canvas page's (``templates/page_ui.js``); labels are
drawn on a 2D canvas with ``fillText``, so a label is text there too. Above 2,000
nodes sigma draws the nodes only, as points, and the page draws the relations as
one WebGL line list of its own (see the template).

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
    """page_data's output (without pyvis's hover facts, every node a dot), packed: one array a node column,
    strings that repeat (types, keys, source lists, edge names) as indices into tables, a node's names only
    where it has more than its label, id, Chinese label and aliases, edges as one flat array.

    Node columns (``n`` rows each): ``id``, ``en``, ``zh``, ``type`` (index into ``legend``), ``x``, ``y``,
    ``size``, ``year``, ``names`` (extra names, 0 for none), ``aliases`` (0 for none), ``src`` (the node's
    sources, an index into ``sourceLists``) and ``prof``, the side panel (0 for an empty one, else
    ``[ids, description, facts]``: ids flat ``[key index, text, url, …]``, description ``[en, zh]`` or 0,
    facts flat ``[key index, value, source-list index, …]``, a value packed as a bare bool, number or
    string where the panel's ``{"bool"}``, ``{"num"}`` or ``{"en", "zh"}`` says no more; one of several values
    sources give carries ``disputed`` inside). ``keys`` and
    ``keyGroups`` name the keys and their panel groups. ``edges`` is flat ``[from, to, name index, …]`` with
    ``from`` as the difference to the previous edge's; ``edgeNames`` rows are ``[en, zh, key]``;
    ``edgeSources`` flat ``[edge index, source-list index, …]`` for the edges that have sources.

    >>> g = nx.MultiDiGraph([("a", "b", "uses"), ("b", "a", "uses")])
    >>> d = webgl_data(g)
    >>> d["n"], d["id"], d["edges"], d["edgeNames"], d["edgeSources"], d["names"], d["prof"]
    (2, ['a', 'b'], [0, 1, 0, 1, 0, 0], [['uses technique', '使用技术', 'uses']], [], [0, 0], [0, 0])
    >>> g = nx.MultiDiGraph(); g.add_node("x", type="Person", label="X", label_zh="艾克斯", aliases=["Ex"], homepage="https://x.org", born=1990)
    >>> d = webgl_data(g)
    >>> d["aliases"], d["zh"], d["prof"], d["keys"], d["legend"][0]["shape"]
    ([['Ex']], ['艾克斯'], [[[0, 'https://x.org', 'https://x.org'], 0, [1, 1990, 0]]], ['homepage', 'born'], 'dot')
    """
    positions = big_layout_positions(g) if g.number_of_nodes() > BIG_LAYOUT else None
    data = _page.page_data(g, kg, vocab, positions, hover=False, dots=True)
    nodes = data["nodes"]
    legend = data["legend"]
    type_index = {t["name"]: i for i, t in enumerate(legend)}
    index = {n["id"]: i for i, n in enumerate(nodes)}
    keys: dict[str, int] = {}
    groups: list[str] = []
    lists: dict[tuple, int] = {(): 0}

    def key(k: str, group: str = "") -> int:
        if k not in keys:
            keys[k] = len(keys)
            groups.append(group)
        return keys[k]

    names, aliases, own_sources, profiles = [], [], [], []
    for n in nodes:
        own = {n["id"], n["en"], n["zh"], *n["aliases"]}
        names.append([s for s in n["names"] if s not in own] or 0)
        aliases.append(n["aliases"] or 0)
        own_sources.append(lists.setdefault(tuple(n["sources"]), len(lists)))
        prof = n["profile"]
        ids = [x for i in prof["ids"] for x in (key(i["key"]), i["text"], i["url"])]
        desc = [prof["description"]["en"], prof["description"]["zh"]] if prof["description"] else 0
        facts = [x for f in prof["facts"]
                 for x in (key(f["key"], f["group"]),
                           {**f["value"], "disputed": f["disputed"]} if "disputed" in f else _packed(f["value"]),
                           lists.setdefault(tuple(f["sources"]), len(lists)))]
        profiles.append([ids, desc, facts] if ids or desc or facts else 0)
    edge_names: dict[tuple, int] = {}
    edges: list[int] = []
    edge_sources: list[int] = []
    last = 0
    for i, e in enumerate(data["edges"]):
        u = index[e["from"]]
        edges += (u - last, index[e["to"]], edge_names.setdefault((e["en"], e["zh"], e["key"]), len(edge_names)))
        last = u
        if e["sources"]:
            edge_sources += (i, lists.setdefault(tuple(e["sources"]), len(lists)))
    return {
        "n": len(nodes), "id": [n["id"] for n in nodes], "en": [n["en"] for n in nodes], "zh": [n["zh"] for n in nodes],
        "type": [type_index[n["type"]] for n in nodes], "x": [n["x"] for n in nodes], "y": [n["y"] for n in nodes],
        "size": [n["size"] for n in nodes], "year": [n["year"] for n in nodes],
        "names": names, "aliases": aliases, "src": own_sources, "prof": profiles,
        "keys": list(keys), "keyGroups": groups, "sourceLists": [list(s) for s in lists],
        "edges": edges, "edgeNames": [list(k) for k in edge_names], "edgeSources": edge_sources,
        "legend": legend, "sources": data["sources"], "years": data["years"], "big": data["big"],
        "i18n": data["i18n"], "groups": data["groups"],
    }


def _packed(value: dict[str, Any]) -> Any:
    """A panel value as the WebGL page stores it: bare where the bare value says all.

    >>> _packed({"bool": True}), _packed({"num": 7, "unit": None, "currency": None, "precision": None}), _packed({"en": "a", "zh": "a"})
    (True, 7, 'a')
    >>> _packed({"en": "a", "zh": "甲"})
    {'en': 'a', 'zh': '甲'}
    """
    if "bool" in value:
        return value["bool"]
    if "num" in value and not any(value.get(k) for k in ("unit", "currency", "precision")):
        return value["num"]
    if "en" in value and value["en"] == value["zh"]:
        return value["en"]
    return value


def _json(data: Any) -> str:
    """JSON for a ``<script>`` block: compact, ``<``, ``>``, ``&`` and the JS line separators escaped as jinja's tojson does."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def webgl_page_html(g: nx.MultiDiGraph, kg=None, title: str = "AI ecosystem knowledge graph", lang: str = "en",
                    vocab: Vocabulary | None = None, theme: str = "light") -> str:
    """The whole WebGL page as one HTML string, sigma.js and graphology inlined; give ``kg`` for per-fact sources.

    ``lang`` is the first language (``en`` or ``zh``; the page switches), ``theme`` ``light`` or ``dark``.
    """
    data = webgl_data(g, kg, vocab)
    data["titles"] = _page.titles(title)
    lang = lang if lang in ("en", "zh") else "en"
    return _ENV.get_template("page_webgl.html").render(
        title=data["titles"][lang],
        lang=lang,
        theme=theme if theme in _page.THEMES else "light",
        data_json=_json(data),
        graphology_js=_vendor("graphology.umd.min.js"),
        sigma_js=_vendor("sigma.min.js"),
    )
