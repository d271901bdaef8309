"""GraphML from the NetworkX projection, in a form other tools read.

Node ids are record ids (valid ``xs:NMTOKEN``); key ids are named after their
attribute (``label``, not ``d3``); lists are joined with ``; ``; an edge
attribute that shares a name with a node attribute gets an ``edge_`` prefix, so
no key id repeats; edge ids are unique (``e0``, ``e1``, ...).

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("a", label="A", aliases=["x", "y"])
>>> g.add_edge("a", "a", key="p", edgelabel="p", sources=["s"])
'p'
>>> b"<key id=\\"label\\"" in graphml_bytes(g)
True
"""
from __future__ import annotations

import io
from typing import Any

import networkx as nx


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def flatten_for_graphml(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with typed scalar attributes only and unique edge keys."""
    out = nx.MultiDiGraph()
    node_names: set[str] = set()
    for n, attrs in g.nodes(data=True):
        flat = {k: _flat(v) for k, v in attrs.items() if v is not None and v != ""}
        node_names.update(flat)
        out.add_node(n, **flat)
    for i, (u, v, _k, attrs) in enumerate(g.edges(keys=True, data=True)):
        flat = {}
        for k, val in attrs.items():
            if val is None or val == "":
                continue
            flat[f"edge_{k}" if k in node_names else k] = _flat(val)
        flat["id"] = f"e{i}"
        out.add_edge(u, v, key=f"e{i}", **flat)
    return out


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """Serialize the projection as GraphML (UTF-8)."""
    buf = io.BytesIO()
    nx.write_graphml(flatten_for_graphml(g), buf, encoding="utf-8", named_key_ids=True,
                     edge_id_from_attribute="id")
    return buf.getvalue()
