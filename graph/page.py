"""The interactive HTML page: one self-contained file, no network, values shown as text.

Drawn with pyvis's vis-network over the NetworkX projection; the page embeds
vis-network itself (no CDN) and passes data as JSON that the page reads with
``JSON.parse``, so no label ever reaches the page as markup.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("x", type="Person", label="<img src=x onerror=alert(1)>")
>>> html = page_html(g)
>>> "<img src=x" in html, "\\\\u003cimg src=x" in html
(False, True)
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

PALETTE = {
    "Organization": "#4e79a7", "Company": "#4e79a7", "University": "#2f5f8a", "ResearchLab": "#76a4d1",
    "Person": "#f28e2b", "Place": "#bab0ac",
    "Model": "#e15759", "LanguageModel": "#e15759", "ModelFamily": "#ff9d9a",
    "Paper": "#59a14f", "Article": "#8cd17d", "Survey": "#499894", "Video": "#86bcb6",
    "Repository": "#b6992d", "WebPage": "#a0cbe8", "Source": "#8cd17d",
    "Technique": "#b07aa1", "Capability": "#d4a6c8", "Problem": "#9d7660",
    "Dataset": "#edc948", "Software": "#79706e", "Service": "#d37295",
}
SHAPES = {"Person": "dot", "Paper": "box", "Article": "box", "Survey": "box", "Video": "box",
          "Repository": "box", "WebPage": "box", "Technique": "diamond", "Capability": "diamond",
          "Problem": "triangle"}
_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
)


def _tip(node_id: str, attrs: dict[str, Any]) -> str:
    lines = [f"{attrs.get('label') or node_id} ({attrs.get('type', '')})"]
    for k in sorted(attrs):
        if k in ("label", "type", "x", "y"):
            continue
        v = attrs[k]
        lines.append(f"{k}: {'; '.join(map(str, v)) if isinstance(v, list) else v}")
    return "\n".join(lines)


def page_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes, edges, legend and vis-network options for the page, as plain data."""
    net = Network(directed=True, cdn_resources="in_line")
    degree = dict(g.degree())
    counts: dict[str, int] = {}
    nodes = []
    for n, a in g.nodes(data=True):
        t = a.get("type", "")
        counts[t] = counts.get(t, 0) + 1
        names = [a.get("label") or n] + [v for k, v in a.items() if k.startswith("label_")] + list(a.get("aliases", []))
        nodes.append({
            "id": n, "label_en": a.get("label") or n, "label_zh": a.get("label_zh", ""),
            "color": PALETTE.get(t, "#cccccc"), "shape": SHAPES.get(t, "dot"),
            "size": 5 + degree.get(n, 0), "tip": _tip(n, a), "names": sorted(set(names)),
        })
    edges = [
        {"from": u, "to": v, "label": a.get("edgelabel", k),
         "tip": f"{a.get('edgelabel', k)}\nsources: {'; '.join(a.get('sources', []))}"
                + "".join(f"\n{q}: {a[q]}" for q in ("kind", "role", "current", "stage") if q in a)}
        for u, v, k, a in g.edges(keys=True, data=True)
    ]
    net.nodes, net.edges, net.node_ids = [], [], []  # data goes to the page as JSON, not via pyvis
    net.set_options("""{
      "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300},
                  "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
      "nodes": {"scaling": {"min": 8, "max": 40}, "font": {"size": 14}},
      "edges": {"smooth": false, "font": {"align": "middle"}},
      "interaction": {"hover": true, "hideEdgesOnDrag": true, "tooltipDelay": 150}
    }""")
    legend = [{"name": t, "color": PALETTE.get(t, "#cccccc"), "count": c} for t, c in sorted(counts.items())]
    return {"nodes": nodes, "edges": edges, "legend": legend, "options": net.options}


def page_html(g: nx.MultiDiGraph, title: str = "AI ecosystem knowledge graph") -> str:
    """The whole page as one HTML string with vis-network inlined."""
    return _ENV.get_template("page.html").render(
        title=title,
        data=page_data(g),
        vis_js=(_LIB / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(_LIB / "vis-network.css").read_text(encoding="utf-8"),
    )
