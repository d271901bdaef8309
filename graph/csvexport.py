"""CSV for spreadsheets, Neo4j's bulk import and Gephi's spreadsheet import.

Two files, whose headers serve both tools at once:

- nodes: ``id:ID`` and ``:LABEL`` (Neo4j: the id, and the type with its
  superclasses as labels, ``;``-separated), ``Id`` and ``Label`` (Gephi), then one
  column per attribute, typed the Neo4j way (``parameters:long``,
  ``open_source:boolean``, ``aliases:string[]`` with ``;`` between items);
- edges: ``:START_ID``, ``:END_ID``, ``:TYPE`` (Neo4j: ``DEVELOPED_BY``),
  ``Source``, ``Target``, ``Type`` (``Directed``), ``Id``, ``Label`` (Gephi), then
  the edge attributes.

>>> import io, networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("a", label="A", type="Company", aliases=["x", "y"])
>>> g.add_edge("a", "a", key="part_of", edgelabel="part of")
'part_of'
>>> nodes, edges = io.StringIO(), io.StringIO(); write_csv(g, nodes, edges)
>>> nodes.getvalue().splitlines()[0]
'id:ID,:LABEL,Id,Label,aliases:string[],label,type'
"""
from __future__ import annotations

import csv
import re
from typing import Callable, TextIO

import networkx as nx

from graph.tabular import Table, columns, flatten

NEO4J_TYPES = {"long": "long", "double": "double", "boolean": "boolean", "string": "string"}


def _header(name: str, kind: str, is_list: bool) -> str:
    if is_list:
        return f"{name}:string[]"
    return name if kind == "string" else f"{name}:{NEO4J_TYPES[kind]}"


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def write_csv(g: nx.MultiDiGraph, nodes_out: TextIO, edges_out: TextIO,
              labels_of: Callable[[str], list[str]] | None = None) -> None:
    """Write the nodes and edges files; ``labels_of(type)`` gives the Neo4j labels of a type."""
    lists = {k for _, a in g.nodes(data=True) for k, v in a.items() if isinstance(v, list)}
    t: Table = flatten(g)
    labels_of = labels_of or (lambda type_name: [type_name])
    cols = columns(t.node_types, ())
    w = csv.writer(nodes_out, lineterminator="\n")
    w.writerow(["id:ID", ":LABEL", "Id", "Label"] + [_header(c, t.node_types[c], c in lists) for c in cols])
    for node_id, attrs in t.nodes:
        labels = ";".join(labels_of(str(attrs.get("type", "Entity"))))
        row = [node_id, labels, node_id, attrs.get("label", node_id)]
        for c in cols:
            v = t.node_value(attrs, c)
            row.append(_cell(v).replace("; ", ";") if c in lists and v is not None else _cell(v))
        w.writerow(row)
    elists = {k for _, _, a in g.edges(data=True) for k, v in a.items() if isinstance(v, list)}
    ecols = columns(t.edge_types, ())
    w = csv.writer(edges_out, lineterminator="\n")
    w.writerow([":START_ID", ":END_ID", ":TYPE", "Source", "Target", "Type", "Id", "Label"]
               + [_header(c, t.edge_types[c], c in elists) for c in ecols])
    for u, v, eid, attrs in t.edges:
        rel = re.sub(r"(?<!^)(?=[A-Z])", "_", str(attrs.get("predicate", "related"))).upper()
        row = [u, v, rel, u, v, "Directed", eid, attrs.get("edgelabel", "")]
        for c in ecols:
            val = t.edge_value(attrs, c)
            row.append(_cell(val).replace("; ", ";") if c in elists and val is not None else _cell(val))
        w.writerow(row)
