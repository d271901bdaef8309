"""aikg: build a knowledge graph of the AI ecosystem from curated records.

>>> from graph import build_graph
>>> kg = build_graph(["data"])
>>> kg.triple_count() > 0
True

``to_pyvis`` (:func:`graph.views.pyvis_network.to_pyvis`) is loaded on first use, so that
``import graph`` does not import pyvis (and through it IPython).
"""
from graph.build import BuildResult, build_graph, build_outputs
from graph.errors import AikgError
from graph.rdf.store import KnowledgeGraph

__all__ = ["AikgError", "BuildResult", "KnowledgeGraph", "build_graph", "build_outputs", "to_pyvis"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "to_pyvis":
        from graph.views.pyvis_network import to_pyvis

        return to_pyvis
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
