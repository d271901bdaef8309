"""Which page to draw: vis-network on a 2D canvas for small graphs, sigma.js over WebGL for big ones.

The choice is made once, here, for ``aikg build`` and ``aikg page``: ``auto``
draws with WebGL above :data:`WEBGL_ABOVE` entities. Measured with
``tests/benchmarks/bench_page.py`` in headless Chromium: from about 5,000
entities the WebGL page is ready in about a third of the time of the canvas
page (0.9 s against 2.5 s at 5,000; 2.0 s against 5.8 s at 20,000) and a sixth
of the size, and at 100,000 the canvas page (116 MB) is not usable at all
(WebGL: 4.7 s, 16.9 MB); below 2,000 the canvas page pans faster on software
WebGL and draws node shapes.

>>> import networkx as nx
>>> renderer_for(nx.MultiDiGraph([("a", "b")])), renderer_for(nx.MultiDiGraph(), "webgl")
('canvas', 'webgl')
"""
from __future__ import annotations

import networkx as nx

from graph.views.page import page_html
from graph.views.webgl import webgl_page_html

RENDERERS = ("auto", "canvas", "webgl")
WEBGL_ABOVE = 2000  #: ``auto`` draws graphs with more entities than this with WebGL


def renderer_for(g: nx.MultiDiGraph, renderer: str = "auto") -> str:
    """``canvas`` or ``webgl``: the renderer asked for, or for ``auto`` the one that suits the graph's size."""
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}, not {renderer!r}")
    if renderer == "auto":
        return "webgl" if g.number_of_nodes() > WEBGL_ABOVE else "canvas"
    return renderer


def graph_page(g: nx.MultiDiGraph, kg=None, title: str = "AI ecosystem knowledge graph", lang: str = "en",
               theme: str = "light", renderer: str = "auto") -> str:
    """The page of ``g`` as one HTML string, drawn by :func:`renderer_for`'s choice."""
    if renderer_for(g, renderer) == "webgl":
        return webgl_page_html(g, kg, title, lang, theme=theme)
    return page_html(g, kg, title, lang, theme)
