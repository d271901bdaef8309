"""The graph as a :class:`pyvis.network.Network`, for notebooks: the page's colours, shapes, positions and labels.

:func:`to_pyvis` takes its nodes and edges from :func:`graph.views.page.page_data`,
so a node has the colour and shape of the page (:func:`~graph.views.page.type_style`
over :data:`~graph.views.page.PALETTE` and :data:`~graph.views.page.SHAPES`), its
position (:func:`graph.views.layout.layout_positions`, physics off) and its label in
the page's language rule (the Chinese label when asked for and present, else the English one).

A node's ``title`` (its hover text) is plain text: vis-network 9.1.2 puts a string
title into the tooltip with ``innerText``. pyvis 0.3.2's own template is not used:
it loads Bootstrap from a CDN whatever ``cdn_resources`` says, and when any title
contains "href" it switches to a popup that sets ``innerHTML`` from the title (and
it writes the heading unescaped). The Network gets a template of its own
(:data:`TEMPLATE`): vis-network and pyvis's bindings inlined, no Bootstrap, no menus,
no HTML popup, the heading escaped and the data as JSON with ``<``, ``>``, ``&`` and
``'`` escaped, so ``generate_html()`` names nothing outside and works offline.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("x", type="Person", label="<img src=x onerror=alert(1)>", label_zh="某人")
>>> net = to_pyvis(g, lang="zh")
>>> node = net.get_node("x")
>>> page = page_data(g)["nodes"][0]
>>> node["label"], node["physics"], (node["color"], node["shape"]) == (page["color"], page["shape"])
('某人', False, True)
>>> html = net.generate_html()
>>> "<img src=x" in html, "\\\\u003cimg src=x" in html, "<link" in html, "<script src" in html
(False, True, False, False)
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from graph.views.network import to_networkx
from graph.views.page import page_data

LANGUAGES = ("en", "zh")
_PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
_NAME = "aikg-pyvis.html"

#: The page pyvis renders: the parts of pyvis 0.3.2's template.html that draw a network, without
#: any remote resource, menu or HTML popup. Every value is escaped (``tojson``, autoescape).
TEMPLATE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<script>{% include 'lib/bindings/utils.js' %}</script>
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
  body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
  #mynetwork { width: {{ width }}; height: {{ height }}; background-color: {{ bgcolor }};
               border: 1px solid lightgray; position: relative; }
  div.vis-tooltip { white-space: pre-line; max-width: 40em; }
</style>
</head>
<body>
{% if heading %}<h1>{{ heading }}</h1>{% endif %}
<div id="mynetwork"></div>
<script>
  var edges, nodes, allNodes, allEdges, nodeColors, originalNodes, network, container, options, data;
  var filter = {item: '', property: '', value: []};
  function drawGraph() {
    var container = document.getElementById('mynetwork');
    nodes = new vis.DataSet({{ nodes|tojson }});
    edges = new vis.DataSet({{ edges|tojson }});
    nodeColors = {};
    allNodes = nodes.get({returnType: "Object"});
    for (var nodeId in allNodes) { nodeColors[nodeId] = allNodes[nodeId].color; }
    allEdges = edges.get({returnType: "Object"});
    data = {nodes: nodes, edges: edges};
    var options = JSON.parse({{ options|tojson }});
    network = new vis.Network(container, data, options);
    {% if neighborhood_highlight %}network.on("click", neighbourhoodHighlight);{% endif %}
    return network;
  }
  drawGraph();
</script>
</body>
</html>
"""


def _environment() -> jinja2.Environment:
    """Jinja's environment for :data:`TEMPLATE`, which includes vis-network from pyvis's package."""
    loader = jinja2.ChoiceLoader([jinja2.DictLoader({_NAME: TEMPLATE}), jinja2.FileSystemLoader(_PYVIS_TEMPLATES)])
    return jinja2.Environment(loader=loader, autoescape=True)


def _title(node: dict[str, Any], label: str) -> str:
    """A node's hover text, plain text in lines: its label, other names, type, facts and links."""
    lines = [label]
    other = node["en"] if label != node["en"] else node["zh"]
    if other and other != label:
        lines.append(other)
    lines.append(f"type: {node['type']}" if node["type"] else "type: (none)")
    lines += [f"{name}: {value}" for name, value, _ in node["facts"]]
    lines += [f"{name}: {url}" for name, url in node["links"]]
    if node["sources"]:
        lines.append("sources: " + ", ".join(map(str, node["sources"])))
    return "\n".join(lines)


def to_pyvis(source, lang: str = "en", height: str = "640px", width: str = "100%") -> Network:
    """A pyvis Network of a :class:`~graph.rdf.store.KnowledgeGraph` or of its NetworkX projection.

    Nodes have the page's colours, shapes, sizes and positions (physics off), labels in ``lang``
    (``"en"`` or ``"zh"``) and plain-text titles; edges their labels. ``generate_html()`` gives one
    offline page; in a notebook show it with ``IPython.display.HTML`` or an iframe's ``srcdoc``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if isinstance(source, nx.Graph):
        g, kg = source, None
    else:
        g, kg = to_networkx(source), source
    data = page_data(g, kg)
    net = Network(height=height, width=width, directed=True, cdn_resources="in_line")
    net.templateEnv = _environment()
    net.path = _NAME
    net.template = net.templateEnv.get_template(_NAME)  # the one pyvis's notebook path renders
    net.options = data["options"]  # a dict, as pyvis's own set_options() leaves it
    for n in data["nodes"]:
        label = n["zh"] if lang == "zh" and n["zh"] else n["en"]
        net.add_node(n["id"], label=str(label), title=_title(n, str(label)), color=n["color"], shape=n["shape"],
                     size=n["size"], x=n["x"], y=n["y"], physics=False)
    for e in data["edges"]:
        title = e["label"] + ("\nsources: " + ", ".join(map(str, e["sources"])) if e["sources"] else "")
        net.add_edge(e["from"], e["to"], label=e["label"], title=title)
    return net
