"""CSV for spreadsheets, Neo4j's bulk import and Gephi's spreadsheet import.

Two files, whose headers serve both tools at once:

- nodes: ``id:ID`` and ``:LABEL`` (Neo4j: the id, and the type with its
  superclasses as labels, ``;``-separated), ``Id`` and ``Label`` (Gephi), then one
  column per attribute, typed the Neo4j way (``parameters:long``,
  ``open_source:boolean``, ``aliases:string[]`` with ``;`` between items);
- edges: ``:START_ID``, ``:END_ID``, ``:TYPE`` (Neo4j: ``DEVELOPED_BY``),
  ``Source``, ``Target``, ``Type`` (``Directed``), ``Id``, ``Label`` (Gephi), then
  the edge attributes.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula, so in the text columns (``Label`` and every
string or ``string[]`` attribute column: ``label``, ``aliases``, ``description``,
...) such a cell is written with a ``'`` in front (the OWASP rule), unless it is
a plain number such as ``-5``. The columns that link rows are written exactly,
as Neo4j and Gephi must read them: ``id:ID``, ``:LABEL``, ``Id``, ``:START_ID``,
``:END_ID``, ``:TYPE``, ``Source``, ``Target``, ``Type``, and the ``:long``,
``:double`` and ``:boolean`` columns, whose cells are numbers or true/false;
only a ``:LABEL`` or ``:TYPE`` named by foreign data (a class's label, a
predicate's local name) gets the ``'`` where it would start a formula. A foreign
type (a class outside the vocabulary, ``g.graph["types"]``) is its only label.

>>> import io, networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("a", label="A", type="Company", aliases=["x", "y"])
>>> g.add_edge("a", "a", key="part_of", edgelabel="part of")
'part_of'
>>> nodes, edges = io.StringIO(), io.StringIO(); write_csv(g, nodes, edges)
>>> nodes.getvalue().splitlines()[0]
'id:ID,:LABEL,Id,Label,aliases:string[],label,type'
>>> g.nodes["a"]["label"] = '=HYPERLINK("http://x")'; nodes = io.StringIO(); write_csv(g, nodes, io.StringIO())
>>> print(nodes.getvalue().splitlines()[1])
a,Company,a,"'=HYPERLINK(""http://x"")",x;y,"'=HYPERLINK(""http://x"")",Company
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Callable, TextIO

import networkx as nx

from graph.atomic import open_atomic
from graph.exports.job import Export
from graph.namespaces import VOCAB
from graph.views.tabular import Table, columns, flatten
from graph.vocabulary import Vocabulary

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


_FORMULA_START = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)  # what spreadsheets read as a number


def text_cell(s: str) -> str:
    """A text cell a spreadsheet shows and never runs: a leading ``'`` where it would start a formula.

    >>> text_cell("=1+1"), text_cell("@SUM(A1)"), text_cell("-2+3"), text_cell("-5"), text_cell("GPT-3")
    ("'=1+1", "'@SUM(A1)", "'-2+3", '-5', 'GPT-3')
    """
    if s and s[0] in _FORMULA_START and not _NUMBER.fullmatch(s):
        return "'" + s
    return s


class _Rows:
    """A CSV writer that ends lines with LF yet quotes every cell holding a CR or an LF.

    Python's writer quotes only the characters of its line terminator, so with an
    LF terminator a bare CR would end the row early in spreadsheets and readers,
    and the text after it would start a new row, formulas included.
    """

    def __init__(self, out: TextIO):
        self.out, self.buf = out, io.StringIO()
        self.w = csv.writer(self.buf, lineterminator="\r\n")

    def writerow(self, row: list) -> None:
        self.buf.seek(0)
        self.buf.truncate()
        self.w.writerow(row)
        self.out.write(self.buf.getvalue()[:-2] + "\n")


def write_csv(g: nx.MultiDiGraph, nodes_out: TextIO, edges_out: TextIO,
              labels_of: Callable[[str], list[str]] | None = None) -> None:
    """Write the nodes and edges files; ``labels_of(type)`` gives the Neo4j labels of a type."""
    lists = {k for _, a in g.nodes(data=True) for k, v in a.items() if isinstance(v, list)}
    t: Table = flatten(g)
    labels_of = labels_of or (lambda type_name: [type_name])
    cols = columns(t.node_types, ())
    text = {c for c in cols if t.node_types[c] == "string"}  # the rest are long, double or boolean
    type_iris = g.graph.get("types", {})
    w = _Rows(nodes_out)
    w.writerow(["id:ID", ":LABEL", "Id", "Label"] + [_header(c, t.node_types[c], c in lists) for c in cols])
    for node_id, attrs in t.nodes:
        labels = _labels(str(attrs.get("type", "Entity")), type_iris, labels_of)
        row = [node_id, labels, node_id, text_cell(str(attrs.get("label", node_id)))]
        for c in cols:
            v = t.node_value(attrs, c)
            cell = _cell(v).replace("; ", ";") if c in lists and v is not None else _cell(v)
            row.append(text_cell(cell) if c in text else cell)
        w.writerow(row)
    elists = {k for _, _, a in g.edges(data=True) for k, v in a.items() if isinstance(v, list)}
    ecols = columns(t.edge_types, ())
    etext = {c for c in ecols if t.edge_types[c] == "string"}
    w = _Rows(edges_out)
    w.writerow([":START_ID", ":END_ID", ":TYPE", "Source", "Target", "Type", "Id", "Label"]
               + [_header(c, t.edge_types[c], c in elists) for c in ecols])
    for u, v, eid, attrs in t.edges:
        rel = text_cell(_relationship_type(str(attrs.get("predicate", "related"))))
        row = [u, v, rel, u, v, "Directed", eid, text_cell(str(attrs.get("edgelabel", "")))]
        for c in ecols:
            val = t.edge_value(attrs, c)
            cell = _cell(val).replace("; ", ";") if c in elists and val is not None else _cell(val)
            row.append(text_cell(cell) if c in etext else cell)
        w.writerow(row)


def _relationship_type(predicate: str) -> str:
    """A Neo4j relationship type from a predicate name: words split where a capital follows a small letter.

    >>> _relationship_type("developedBy"), _relationship_type("isPartOf"), _relationship_type("HTMLPage")
    ('DEVELOPED_BY', 'IS_PART_OF', 'HTMLPAGE')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", predicate).upper()


def _labels(type_name: str, type_iris: dict[str, str], labels_of: Callable[[str], list[str]]) -> str:
    """The ``:LABEL`` cell of a node: the labels of its type, or a foreign type alone (no ``;`` inside, inert).

    >>> _labels("foaf:Person", {"foaf:Person": "http://xmlns.com/foaf/0.1/Person"}, lambda t: [t, "Agent"])
    'foaf:Person'
    >>> _labels("=1;2", {"=1;2": "http://e/C"}, None), _labels("Person", {}, lambda t: [t, "Agent"])
    ("'=1,2", 'Person;Agent')
    """
    iri = type_iris.get(type_name)
    if iri is None or iri.startswith(VOCAB):
        return ";".join(labels_of(type_name))
    return text_cell(type_name.replace(";", ","))


def neo4j_labels(vocab: Vocabulary) -> Callable[[str], list[str]]:
    """``labels_of`` for :func:`write_csv`: a type and its aikg superclasses, the type first.

    >>> from graph.vocabulary import load_vocabulary
    >>> neo4j_labels(load_vocabulary())("Paper")[0], neo4j_labels(load_vocabulary())("NoSuchType")
    ('Paper', ['NoSuchType'])
    """
    by_name = dict(vocab.types)

    def labels_of(type_name: str) -> list[str]:
        iri = by_name.get(type_name)
        if iri is None:
            return [type_name]
        supers = sorted(vocab.type_name(s) for s in vocab.superclasses.get(iri, ())
                        if s.startswith(VOCAB) and s in by_name.values())
        return [type_name] + supers

    return labels_of


def export(job: Export) -> list[Path]:
    """``aikg export --format csv``: FILE.nodes.csv and FILE.edges.csv (``-o FILE`` or ``-o FILE.csv``).

    >>> import tempfile
    >>> from graph.vocabulary import load_vocabulary
    >>> g = nx.MultiDiGraph(); g.add_node("a", label="A", type="Company")
    >>> files = export(Export(None, g, None, Path(tempfile.mkdtemp()) / "g.csv", None, load_vocabulary()))
    >>> [p.name for p in files], files[0].read_text().splitlines()[1]
    (['g.nodes.csv', 'g.edges.csv'], 'a,Company;Organization,a,A,A,Company')
    """
    stem = job.path.with_suffix("") if job.path.suffix.lower() == ".csv" else job.path
    nodes_path, edges_path = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
    nodes_buf, edges_buf = io.StringIO(), io.StringIO()
    write_csv(job.network, nodes_buf, edges_buf, neo4j_labels(job.vocab))
    for target, buf in ((nodes_path, nodes_buf), (edges_path, edges_buf)):
        with open_atomic(target) as f:
            f.write(buf.getvalue().encode("utf-8"))
    return [nodes_path, edges_path]
