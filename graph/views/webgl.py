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
    """page_data's output, packed smaller: nodes as columns × rows, edge ends as node indices, edge labels
    and source lists and any other keys of an edge (page_data may add some) as indices into tables.

    >>> g = nx.MultiDiGraph([("a", "b", "uses"), ("b", "a", "uses")])
    >>> d = webgl_data(g)
    >>> [e[:4] for e in d["edges"]], d["edgeLabels"], d["edges"][0][4] == d["edges"][1][4], "names" in d["nodeColumns"]
    ([[0, 1, 0, 0], [1, 0, 0, 0]], ['uses'], True, True)
    """
    positions = big_layout_positions(g) if g.number_of_nodes() > BIG_LAYOUT else None
    data = _page.page_data(g, kg, vocab, positions)
    nodes = data.pop("nodes")
    columns = sorted({k for n in nodes for k in n})
    index = {n["id"]: i for i, n in enumerate(nodes)}
    labels: dict[str, int] = {}
    lists: dict[tuple, int] = {(): 0}
    extras: dict[str, int] = {"{}": 0}
    edges = []
    for e in data.pop("edges"):
        rest = json.dumps({k: v for k, v in e.items() if k not in ("from", "to", "label", "sources")}, sort_keys=True)
        edges.append([index[e["from"]], index[e["to"]], labels.setdefault(e["label"], len(labels)),
                      lists.setdefault(tuple(e.get("sources", ())), len(lists)), extras.setdefault(rest, len(extras))])
    data.pop("options", None)  # vis-network's
    data.update(nodeColumns=columns, nodes=[[n.get(k) for k in columns] for n in nodes], edges=edges,
                edgeLabels=list(labels), sourceLists=[list(s) for s in lists],
                edgeExtras=[json.loads(x) for x in extras])
    return data


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
