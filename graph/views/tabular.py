"""The NetworkX projection flattened for tools that take typed scalar attributes only.

GraphML, GEXF and CSV all need the same things: ids that are valid XML names
(``xs:NMTOKEN``), each attribute of one type (boolean, long, double or string),
lists joined, no ``None``, and no character that XML 1.0 cannot carry.

>>> nmtoken("https://w3id.org/aiekg/id/gpt-3"), nmtoken("http://example.org/a b")
('gpt-3', 'http_example.org_a_b-9299e593')
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Iterator

import networkx as nx

from graph import namespaces
from graph.namespaces import shorten

_NOT_NMTOKEN = re.compile(r"[^\w.\-:]")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def nmtoken(node_id: str) -> str:
    """A GraphML-safe id: the record id, a CURIE, or a cleaned IRI with a short hash."""
    if node_id.startswith(namespaces.ID):
        node_id = node_id[len(namespaces.ID):]
    if not _NOT_NMTOKEN.search(node_id):
        return node_id
    curie = shorten(node_id)
    if not _NOT_NMTOKEN.search(curie):
        return curie
    cleaned = _NOT_NMTOKEN.sub("_", re.sub(r"^[a-z]+://", lambda m: m.group()[:-3] + "_", node_id)).strip("_")
    return f"{cleaned}-{hashlib.sha1(node_id.encode()).hexdigest()[:8]}"


def xml_text(value: str) -> str:
    """Text with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    if value.isprintable():  # the common case, checked in C
        return value
    return _XML_BAD.sub("\ufffd", value)


def scalar(value: Any) -> Any:
    """A value as bool, int, float or str (lists joined with '; ')."""
    if isinstance(value, (list, tuple, set)):
        return "; ".join(xml_text(str(v)) for v in value)
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    return xml_text(str(value))


_KINDS = {bool: "boolean", int: "long", float: "double"}


def kind_of(value: Any) -> str:
    """``boolean``, ``long``, ``double`` or ``string`` (lists and other values are strings)."""
    kind = _KINDS.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def text_of(value: Any, kind: str) -> str | None:
    """A raw attribute value as the text of its column's type (None when absent), in one step.

    The same as ``_as(scalar(value), kind)`` written out, for writers that stream text.

    >>> text_of(["a", "b"], "string"), text_of(True, "string"), text_of(3, "double"), text_of("", "string")
    ('a; b', 'true', '3.0', None)
    """
    if value is None or value == "" or value == []:
        return None
    if kind == "string":
        if isinstance(value, str):
            return xml_text(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, tuple, set)):
            return "; ".join(xml_text(str(v)) for v in value)
        return xml_text(str(value))
    if kind == "double":
        return repr(float(value))
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def _merge(a: str | None, b: str) -> str:
    if a is None or a == b:
        return b
    if {a, b} == {"long", "double"}:
        return "double"
    return "string"


class Table:
    """The projection's nodes and edges with scalar attributes, and the one type of each attribute.

    Types are found in one pass; rows are made on demand in the next, so a
    large graph is never copied whole.
    """

    def __init__(self, g: nx.MultiDiGraph):
        self.g = g
        self.ids = {n: nmtoken(n) for n in g.nodes}
        if len(set(self.ids.values())) != len(self.ids):  # pragma: no cover - hashes make clashes unlikely
            raise ValueError("two node ids map to the same GraphML id")
        self.node_types = _types((attrs for _, attrs in g.nodes(data=True)), "label")
        self.edge_types = _types((attrs for _, _, attrs in g.edges(data=True)), "edgelabel")

    @property
    def nodes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(GraphML id, scalar attributes) for each node."""
        for n, attrs in self.g.nodes(data=True):
            flat = {k: scalar(v) for k, v in attrs.items() if _present(v)}
            flat.setdefault("label", n)
            yield self.ids[n], flat

    @property
    def edges(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """(source id, target id, edge id ``eN``, scalar attributes) for each edge."""
        for i, (u, v, key, attrs) in enumerate(self.g.edges(keys=True, data=True)):
            flat = {k: scalar(val) for k, val in attrs.items() if _present(val)}
            flat.setdefault("edgelabel", key)
            yield self.ids[u], self.ids[v], f"e{i}", flat

    def node_value(self, attrs: dict[str, Any], name: str) -> Any:
        """The value as its column's type (a number in a string column becomes text)."""
        return _as(attrs.get(name), self.node_types[name])

    def edge_value(self, attrs: dict[str, Any], name: str) -> Any:
        """The value as its column's type."""
        return _as(attrs.get(name), self.edge_types[name])


def _types(rows: Iterator[dict[str, Any]], label: str) -> dict[str, str]:
    """The one type of each attribute over all rows (a value of another type widens it)."""
    types: dict[str, str] = {label: "string"}
    for attrs in rows:
        for k, v in attrs.items():
            kind = _KINDS.get(type(v), "string")
            if types.get(k) != kind and _present(v):
                kind = kind_of(v)
                if types.get(k) != kind:
                    types[k] = _merge(types.get(k), kind)
    return types


def _present(v: Any) -> bool:
    return v is not None and v != "" and v != []


def _as(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "string" and not isinstance(value, str):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if kind == "double":
        return float(value)
    return value


def flatten(g: nx.MultiDiGraph) -> Table:
    """Flatten the projection: NMTOKEN ids, scalar values, one type per attribute."""
    return Table(g)


def columns(types: dict[str, str], first: tuple[str, ...]) -> list[str]:
    """Attribute names with the given ones first, the rest sorted."""
    return [c for c in first if c in types] + sorted(c for c in types if c not in first)
