"""aikg: build a knowledge graph of the AI ecosystem from curated records.

>>> from graph import build_graph
>>> kg = build_graph(["data"])
>>> kg.triple_count() > 0
True
"""
from graph.build import BuildResult, build_graph, build_outputs
from graph.errors import AikgError
from graph.rdf.store import KnowledgeGraph

__all__ = ["AikgError", "BuildResult", "KnowledgeGraph", "build_graph", "build_outputs"]
__version__ = "0.1.0"
