"""GEXF 1.2 for Gephi, from the flattened projection (NetworkX writes the XML).

Nodes carry ``label`` (Gephi's node label) and typed attributes; edges carry
``label`` (the relation, Gephi's edge label), a unique ``id`` and their attributes.
The ``lastmodifieddate`` of ``<meta>`` is the data's own date (:func:`data_date`),
not the day of the export, and is left out when the data has none: the same
data gives the same bytes on any day.

>>> import io, networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("a", label="A", type="Company")
>>> g.add_edge("a", "a", key="p", edgelabel="part of")
'p'
>>> buf = io.BytesIO(); write_gexf(g, buf)
>>> back = nx.read_gexf(io.BytesIO(buf.getvalue())); back.number_of_edges()
1
>>> b"lastmodifieddate" in buf.getvalue()
False
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, BinaryIO, Iterator

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from graph.exports.job import Export
from graph.namespaces import DCTERMS, SCHEMA, SCHEMA_HTTP, VOCAB
from graph.views.tabular import Table, flatten
from graph.vocabulary import Vocabulary, load_vocabulary

#: The predicates that date a document: when it was published or last changed.
DATED = frozenset({VOCAB + "releaseDate", DCTERMS + "issued", DCTERMS + "modified"}
                  | {ns + p for ns in (SCHEMA, SCHEMA_HTTP) for p in ("datePublished", "dateModified")})
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def _days(value: Any) -> Iterator[str]:
    """The days (``YYYY-MM-DD``) a value names: an ``xsd:date`` or the day of an ``xsd:dateTime``; a year or a month names none."""
    for v in value if isinstance(value, list) else [value]:
        m = _DAY.match(str(v))
        if m:
            try:
                yield dt.date.fromisoformat(m.group()).isoformat()
            except ValueError:
                pass


def data_date(g: nx.MultiDiGraph, vocab: Vocabulary | None = None) -> str | None:
    """The newest day a source of the graph was published or changed, from the data (:data:`DATED`), or None.

    A ``released`` date counts on a source only (a model's release is not a date of the data);
    a foreign ``schema:dateModified`` or ``dcterms:issued`` on any entity, which such terms date as a document.

    >>> g = nx.MultiDiGraph(predicates={"released": VOCAB + "releaseDate", "dateModified": SCHEMA_HTTP + "dateModified"})
    >>> g.add_node("survey", type="Survey", released="2023-02-16"); g.add_node("gpt-5", type="LanguageModel", released="2025-08-07")
    >>> data_date(g)
    '2023-02-16'
    >>> g.add_node("http://e/page", type="WebPage (schema)", dateModified=["2023-05-01T10:00:00Z", "2021"]); data_date(g)
    '2023-05-01'
    >>> data_date(nx.MultiDiGraph()) is None
    True
    """
    vocab = vocab or load_vocabulary()
    predicates = g.graph.get("predicates", {})
    dated = {name: p for name, p in predicates.items() if p in DATED}
    if not dated:
        return None
    type_iris = g.graph.get("types", {})
    source = VOCAB + "Source"
    is_source: dict[str, bool] = {}
    days: list[str] = []
    for _, attrs in g.nodes(data=True):
        t = attrs.get("type", "")
        if t not in is_source:
            is_source[t] = vocab.is_a(type_iris.get(t) or vocab.types.get(t, ""), source)
        for name, p in dated.items():
            if name in attrs and (is_source[t] or p != VOCAB + "releaseDate"):
                days.extend(_days(attrs[name]))
    return max(days, default=None)


def write_gexf(g: nx.MultiDiGraph | Table, out: BinaryIO, vocab: Vocabulary | None = None) -> None:
    """Write the projection as GEXF 1.2 to a binary stream, dated by the data (:func:`data_date`)."""
    t = g if isinstance(g, Table) else flatten(g)
    writer = GEXFWriter(encoding="utf-8", version="1.2draft")
    meta = writer.xml.find("meta")
    day = data_date(t.g, vocab)
    if day is None:
        meta.attrib.pop("lastmodifieddate", None)  # NetworkX puts today's date there
    else:
        meta.set("lastmodifieddate", day)
    writer.add_graph(to_gexf_graph(t))
    writer.write(out)


def export(job: Export) -> list[Path]:
    """``aikg export --format gexf``: the projection (or the subgraph) as one GEXF file.

    >>> import tempfile
    >>> g = nx.MultiDiGraph(); g.add_node("a", label="A")
    >>> (p,) = export(Export(None, g, None, Path(tempfile.mkdtemp()) / "g.gexf", None, None))
    >>> nx.read_gexf(p).number_of_nodes()
    1
    """
    return job.write_file(lambda f: write_gexf(job.network, f, job.vocab))
