"""The interactive HTML page: one self-contained file, no network, every value shown as text.

Drawn with vis-network (the library pyvis wraps, inlined from pyvis's own copy)
over the NetworkX projection. pyvis's template is not used: it loads Bootstrap
from a CDN, injects titles containing "href" as HTML and does not escape its
headings. Here the data goes into the page as JSON inside a
``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped),
the page reads it with ``JSON.parse`` and puts every value in the DOM with
``textContent``; links are made only for http(s) URLs. Positions are computed
in Python (:mod:`graph.views.layout`), so the page draws at once with physics off.
Entities of foreign RDF come through the same path; their types (classes outside
the project's vocabulary, ``g.graph["types"]``) are drawn in :data:`NEUTRAL`.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("x", type="Person", label="<img src=x onerror=alert(1)>")
>>> html = page_html(g)
>>> "<img src=x" in html, "\\\\u003cimg src=x" in html
(False, True)
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyoxigraph as ox
import pyvis

from graph.views.layout import layout_positions
from graph.views.network import LINKS
from graph.namespaces import ONTOLOGY_IRI, VOCAB, slug_of
from graph.vocabulary import Vocabulary, load_vocabulary

#: Colours by family (:meth:`~graph.vocabulary.Vocabulary.family`), and the types with a shade of their own.
PALETTE = {
    "Organization": "#4e79a7", "University": "#2f5f8a", "ResearchLab": "#76a4d1",
    "Person": "#f28e2b", "Place": "#bab0ac",
    "Model": "#e15759", "ModelFamily": "#ff9d9a",
    "Source": "#8cd17d", "Paper": "#59a14f", "Survey": "#499894", "Video": "#86bcb6",
    "Repository": "#b6992d", "WebPage": "#a0cbe8",
    "Technique": "#b07aa1", "Capability": "#d4a6c8", "Problem": "#9d7660",
    "Dataset": "#edc948", "Software": "#79706e", "Service": "#d37295",
}
#: The colour and shape of a type outside the project's vocabulary (and of an unknown family).
NEUTRAL = ("#cccccc", "dot")
#: Shapes by family; other families are dots.
SHAPES = {
    "Organization": "square", "Model": "diamond", "ModelFamily": "diamond", "Source": "triangle",
    "Technique": "hexagon", "Capability": "hexagon", "Problem": "hexagon",
    "Dataset": "triangleDown", "Software": "star", "Service": "star",
}
#: The page of an identifier, by its key.
IDENTIFIERS = {
    "wikidata": "https://www.wikidata.org/wiki/{}", "arxiv": "https://arxiv.org/abs/{}",
    "doi": "https://doi.org/{}", "github": "https://github.com/{}", "huggingface": "https://huggingface.co/{}",
}
URL_KEYS = {"homepage", "repository", "documentation", "url"}
HIDDEN = {"label", "type", "iri", "sources", "x", "y"}
BIG = 2000  # above this many nodes: no edge labels, edges hidden while zooming, labels only when zoomed in
_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
_HTTP = re.compile(r"^https?://[^\s\"'<>]+$")


def fact_sources(kg) -> dict[tuple[str, str], list[str]]:
    """(subject IRI, predicate IRI) → ids of the sources that state it, from the named graphs."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    onto = ox.NamedNode(ONTOLOGY_IRI)
    for q in kg.named_quads():
        if q.graph_name != onto and isinstance(q.subject, ox.NamedNode):
            out[(q.subject.value, q.predicate.value)].add(slug_of(q.graph_name.value))
    return {k: sorted(v) for k, v in out.items()}


def node_style(type_name: str, vocab: Vocabulary, big: bool = False) -> tuple[str, str]:
    """(colour, shape) of a node type: its own colour or its family's, its family's shape; dots when ``big``.

    >>> v = load_vocabulary()
    >>> [node_style(t, v) for t in ("Company", "University", "Person")], node_style("Survey", v, big=True)
    ([('#4e79a7', 'square'), ('#2f5f8a', 'square'), ('#f28e2b', 'dot')], ('#499894', 'dot'))
    """
    family = vocab.family(type_name)
    colour = PALETTE.get(type_name) or PALETTE.get(family, NEUTRAL[0])
    return colour, "dot" if big else SHAPES.get(family, NEUTRAL[1])


def type_style(type_name: str, type_iri: str | None, vocab: Vocabulary, big: bool = False) -> tuple[str, str]:
    """(colour, shape) of a type given its class (None: unknown, styled by name): :data:`NEUTRAL` for a
    class outside the vocabulary, whatever its name.

    >>> v = load_vocabulary()
    >>> type_style("Person", "http://xmlns.com/foaf/0.1/Person", v), type_style("Person", v.types["Person"], v)
    (('#cccccc', 'dot'), ('#f28e2b', 'dot'))
    """
    if type_iri is not None and type_iri not in vocab.types.values():
        return NEUTRAL
    return node_style(type_name, vocab, big)


def _in_language(attrs: dict[str, Any], lang: str) -> str:
    """The label in a language: ``label_zh``, else one in a variant of it (``label_zh-hans``), else ''.

    >>> _in_language({"label_zh-hant": "動物", "label_zh-hans": "动物"}, "zh")
    '动物'
    """
    if f"label_{lang}" in attrs:
        return attrs[f"label_{lang}"]
    return next((attrs[k] for k in sorted(attrs) if k.startswith(f"label_{lang}-")), "")


def _text(v: Any) -> str:
    if isinstance(v, list):
        return "; ".join(map(str, v))
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def _links(attrs: dict[str, Any], predicates: dict[str, str]) -> list[list[str]]:
    """(name, URL) of the node's links: identifiers, URLs and foreign links (:data:`graph.views.network.LINKS`), http(s) only."""
    out = []
    for k in sorted(attrs):
        v = attrs[k]
        if k in IDENTIFIERS and isinstance(v, str):
            out.append([k, IDENTIFIERS[k].format(v)])
        elif k in URL_KEYS and isinstance(v, str):
            out.append([k, v])
        elif k == "same_as":
            out.extend(["same as", u] for u in (v if isinstance(v, list) else [v]))
        elif predicates.get(k) in LINKS:
            out.extend([k.replace("_", " "), str(u)] for u in (v if isinstance(v, list) else [v]))
    return [[k, u] for k, u in out if _HTTP.match(u)]


def page_data(g: nx.MultiDiGraph, kg=None, vocab: Vocabulary | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain data: nodes with positions and facts, edges, legend, sources."""
    vocab = vocab or load_vocabulary()
    stated = fact_sources(kg) if kg is not None else {}
    positions = layout_positions(g)
    degree = dict(g.degree())
    big = g.number_of_nodes() > BIG
    counts: dict[str, int] = defaultdict(int)
    sources: dict[str, list[str]] = {}
    predicates = g.graph.get("predicates", {})
    type_iris = g.graph.get("types", {})
    styles: dict[str, tuple[str, str]] = {}
    is_source: dict[str, bool] = {}
    nodes = []
    for n, a in g.nodes(data=True):
        t = a.get("type", "")
        counts[t] += 1
        if t not in styles:
            styles[t] = type_style(t, type_iris.get(t), vocab, big)
            is_source[t] = vocab.is_a(type_iris.get(t) or vocab.types.get(t, ""), VOCAB + "Source")
        if a.get("url") and t and is_source[t]:
            sources[n] = [a.get("label") or n, a["url"] if _HTTP.match(str(a["url"])) else ""]
        elif is_source[t]:
            sources[n] = [a.get("label") or n, ""]
        iri = a.get("iri", n)
        facts = []
        for k in sorted(a):
            if k in HIDDEN:
                continue
            pred = predicates.get(k)
            facts.append([k.replace("_", " "), _text(a[k]), stated.get((iri, pred), a.get("sources", [])) if pred else []])
        released = str(a.get("released", ""))
        names = [a.get("label") or n, n] + [v for k, v in a.items() if k.startswith("label_")] + list(a.get("aliases", []))
        x, y = positions.get(n, (0, 0))
        nodes.append({
            "id": n, "en": a.get("label") or n, "zh": _in_language(a, "zh"), "type": t,
            "color": styles[t][0], "shape": styles[t][1],
            "size": round(8 + 4 * (degree.get(n, 0) ** 0.5), 1), "x": x, "y": y,
            "year": int(released[:4]) if released[:4].isdigit() else None,
            "names": sorted(set(map(str, names))), "facts": facts, "links": _links(a, predicates),
            "sources": a.get("sources", []),
        })
    edges = []
    for u, v, k, a in g.edges(keys=True, data=True):
        extra = "".join(f"; {q}: {_text(a[q])}" for q in ("kind", "role", "current", "stage") if q in a)
        edges.append({"from": u, "to": v, "label": a.get("edgelabel", k) + extra, "sources": a.get("sources", [])})
    legend = [{"name": t, "color": styles[t][0], "shape": styles[t][1], "count": c} for t, c in sorted(counts.items())]
    years = [nd["year"] for nd in nodes if nd["year"]]
    return {
        "nodes": nodes, "edges": edges, "legend": legend, "sources": sources, "big": big,
        "years": [min(years), max(years)] if years else None,
        "options": _options(big),
    }


def _options(big: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {"font": {"size": 14}, "scaling": {"label": {"enabled": True, "drawThreshold": 9 if big else 5}},
                  "borderWidth": 0 if big else 1},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9a9a9a", "highlight": "#333333", "opacity": 0.6},
                  "font": {"size": 9, "color": "#555555", "strokeWidth": 2},
                  "scaling": {"label": {"enabled": True, "drawThreshold": 8}}, "width": 0.8},
        "interaction": {"hover": not big, "hideEdgesOnDrag": True, "hideEdgesOnZoom": big,
                        "tooltipDelay": 200, "navigationButtons": False, "keyboard": False},
    }


def page_html(g: nx.MultiDiGraph, kg=None, title: str = "AI ecosystem knowledge graph", lang: str = "en") -> str:
    """The whole page as one HTML string, vis-network inlined; give ``kg`` for per-fact sources."""
    return _ENV.get_template("page.html").render(
        title=title,
        lang=lang if lang in ("en", "zh") else "en",
        data=page_data(g, kg),
        vis_js=(_LIB / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(_LIB / "vis-network.css").read_text(encoding="utf-8"),
    )
