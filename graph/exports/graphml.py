"""GraphML for Gephi, yEd, Cytoscape and igraph, written as a stream.

Node ids are record ids (valid ``xs:NMTOKEN``); each key's id is its attribute's
name (``label``, ``edgelabel``, ``type``, ``predicate``, ``iri``), except that an
edge key whose name a node key already uses gets the id ``edge_NAME`` (its
``attr.name`` stays ``NAME``), so key ids never repeat; edge ids are ``e0``,
``e1``, ...; values are typed (boolean, long, double, string).

>>> import io, networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("a", label="A", iri="http://a", aliases=["x", "y"])
>>> g.add_edge("a", "a", key="p", edgelabel="p", iri="http://p")
'p'
>>> buf = io.BytesIO(); write_graphml(g, buf)
>>> b'<key id="edge_iri" for="edge" attr.name="iri" attr.type="string"/>' in buf.getvalue()
True
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from graph.exports.job import Export
from graph.gcpause import paused_gc
from graph.views.tabular import Table, columns, flatten, text_of, xml_text

NODE_FIRST = ("label", "label_zh", "type", "iri")
EDGE_FIRST = ("edgelabel", "predicate", "iri")


def _element(tag: str, ids: str, keys: list[tuple[str, str, str]], attrs: dict, default: tuple[str, str]) -> str:
    """One node or edge with its data; ids and key ids are NMTOKENs, so they need no quoting."""
    parts = [f"    <{tag} {ids}>"]
    for column, key, kind in keys:
        v = text_of(attrs.get(column), kind)
        if v is None and column == default[0]:
            v = xml_text(default[1])
        if v is not None:
            if "&" in v or "<" in v or ">" in v:
                v = escape(v)
            parts.append(f'<data key="{key}">{v}</data>')
    parts.append(f"</{tag}>\n")
    return "".join(parts)


def write_graphml(g: nx.MultiDiGraph | Table, out: BinaryIO) -> None:
    """Write the projection (or an already flattened table) as GraphML 1.0 to a binary stream."""
    with paused_gc():
        _write(g, out)


def _write(g: nx.MultiDiGraph | Table, out: BinaryIO) -> None:
    t = g if isinstance(g, Table) else flatten(g)
    w = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=False)
    w.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    node_cols = columns(t.node_types, NODE_FIRST)
    edge_cols = columns(t.edge_types, EDGE_FIRST)
    edge_key = {c: (f"edge_{c}" if c in t.node_types else c) for c in edge_cols}
    for c in node_cols:
        w.write(f'  <key id={quoteattr(c)} for="node" attr.name={quoteattr(c)} attr.type="{t.node_types[c]}"/>\n')
    for c in edge_cols:
        w.write(f'  <key id={quoteattr(edge_key[c])} for="edge" attr.name={quoteattr(c)} '
                f'attr.type="{t.edge_types[c]}"/>\n')
    w.write('  <graph id="aikg" edgedefault="directed">\n')
    node_keys = [(c, c, t.node_types[c]) for c in node_cols]
    edge_keys = [(c, edge_key[c], t.edge_types[c]) for c in edge_cols]
    ids = t.ids
    for n, attrs in t.g.nodes(data=True):
        w.write(_element("node", f'id="{ids[n]}"', node_keys, attrs, ("label", str(n))))
    for i, (u, v, key, attrs) in enumerate(t.g.edges(keys=True, data=True)):
        w.write(_element("edge", f'id="e{i}" source="{ids[u]}" target="{ids[v]}"', edge_keys, attrs,
                         ("edgelabel", str(key))))
    w.write("  </graph>\n</graphml>\n")
    w.flush()
    w.detach()


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """The GraphML document as bytes."""
    buf = io.BytesIO()
    write_graphml(g, buf)
    return buf.getvalue()


def export(job: Export) -> list[Path]:
    """``aikg export --format graphml``: the projection (or the subgraph) as one GraphML file.

    >>> import tempfile, networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("a", label="A")
    >>> (p,) = export(Export(None, g, None, Path(tempfile.mkdtemp()) / "g.graphml", None, None))
    >>> b'<node id="a">' in p.read_bytes()
    True
    """
    return job.write_file(lambda f: write_graphml(job.network, f))
