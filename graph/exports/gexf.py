"""GEXF 1.2 for Gephi, from the flattened projection (NetworkX writes the XML).

Nodes carry ``label`` (Gephi's node label) and typed attributes; edges carry
``label`` (the relation, Gephi's edge label), a unique ``id`` and their attributes.

>>> import io, networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("a", label="A", type="Company")
>>> g.add_edge("a", "a", key="p", edgelabel="part of")
'p'
>>> buf = io.BytesIO(); write_gexf(g, buf)
>>> back = nx.read_gexf(io.BytesIO(buf.getvalue())); back.number_of_edges()
1
"""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import networkx as nx

from graph.exports.job import Export
from graph.views.tabular import Table, flatten


def to_gexf_graph(t: Table) -> nx.MultiDiGraph:
    """A NetworkX graph whose attributes NetworkX's GEXF writer maps as Gephi expects."""
    out = nx.MultiDiGraph()
    for node_id, attrs in t.nodes:
        out.add_node(node_id, **{k: t.node_value(attrs, k) for k in attrs})
    for u, v, eid, attrs in t.edges:
        values = {k: t.edge_value(attrs, k) for k in attrs}
        values["label"] = values.get("edgelabel", "")
        values["id"] = eid
        out.add_edge(u, v, key=eid, **values)
    return out


def write_gexf(g: nx.MultiDiGraph | Table, out: BinaryIO) -> None:
    """Write the projection as GEXF 1.2 to a binary stream."""
    t = g if isinstance(g, Table) else flatten(g)
    nx.write_gexf(to_gexf_graph(t), out, encoding="utf-8", version="1.2draft")


def export(job: Export) -> list[Path]:
    """``aikg export --format gexf``: the projection (or the subgraph) as one GEXF file.

    >>> import tempfile
    >>> g = nx.MultiDiGraph(); g.add_node("a", label="A")
    >>> (p,) = export(Export(None, g, None, Path(tempfile.mkdtemp()) / "g.gexf", None, None))
    >>> nx.read_gexf(p).number_of_nodes()
    1
    """
    return job.write_file(lambda f: write_gexf(job.network, f))
