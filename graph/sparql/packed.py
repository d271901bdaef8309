"""A query's answer as Oxigraph writes it, to cross from the confined child process to its parent.

Pickling an answer costs a Python call for every term on each side: for
300,000 rows of three terms, 3.5 s to pickle and 2.4 s to unpickle, more than
the query itself. Oxigraph writes the same answer as SPARQL TSV (rows) or
N-Triples (triples) in 0.3 s, and the parent reads it back with
Oxigraph's parser into the same terms. ``max_rows`` is kept while it writes:
the writer stops it at the first row past the limit, so a huge answer is
neither written whole nor held.

>>> import pyoxigraph as ox
>>> s = ox.Store(); s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x", language="en")))
>>> pack(s.query("SELECT ?s ?o ?none WHERE { ?s ?p ?o }"), None).unpack().terms
[[<NamedNode value=http://e/a>, <Literal value=x language=en>, None]]
>>> pack(s.query("ASK { ?s ?p ?o }"), None).unpack().boolean
True
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import QueryTooLarge
from graph.sparql.results import QueryResult


@dataclass(frozen=True)
class PackedResult:
    """An answer as bytes: ``select`` rows as SPARQL TSV, ``graph`` triples as N-Triples, or an ``ask`` boolean."""

    kind: str
    data: bytes = b""
    boolean: bool | None = None

    def unpack(self) -> QueryResult:
        """The answer as terms, read back by Oxigraph's parsers."""
        if self.kind == "ask":
            return QueryResult(boolean=self.boolean)
        if self.kind == "graph":
            return QueryResult(triples=[q.triple for q in ox.parse(self.data, ox.RdfFormat.N_TRIPLES)])
        parsed = ox.parse_query_results(self.data, ox.QueryResultsFormat.TSV)
        variables = [v.value for v in parsed.variables]
        return QueryResult(variables, [[s[v] for v in variables] for s in parsed])


class _Writer:
    """Collects what Oxigraph writes; past ``lines`` lines it refuses more, which stops the writing."""

    def __init__(self, lines: int | None):
        self.parts: list[bytes] = []
        self.left = lines
        self.over = False

    def write(self, chunk) -> int:
        chunk = bytes(chunk)
        if self.left is not None:
            self.left -= chunk.count(b"\n")
            if self.left < 0:
                self.over = True
                raise OSError("more rows than allowed")
        self.parts.append(chunk)
        return len(chunk)

    def flush(self) -> None:
        pass


def pack(result, max_rows: int | None) -> PackedResult:
    """A query's result (``Store.query``'s) as a :class:`PackedResult`; more than ``max_rows`` rows or
    triples is :class:`QueryTooLarge`, as for an answer kept as terms."""
    if isinstance(result, ox.QueryBoolean):
        return PackedResult("ask", boolean=bool(result))
    graph = isinstance(result, ox.QueryTriples)
    # TSV: a line of variables, then a line a row (line breaks in values are written as \n)
    writer = _Writer(None if max_rows is None else max_rows + (0 if graph else 1))
    try:
        result.serialize(writer, ox.RdfFormat.N_TRIPLES if graph else ox.QueryResultsFormat.TSV)
    except OSError:
        if not writer.over:
            raise
        raise too_large(max_rows) from None
    return PackedResult("graph" if graph else "select", b"".join(writer.parts))


def too_large(max_rows: int) -> QueryTooLarge:
    """The error for an answer of more than ``max_rows`` rows (or triples), wherever it was counted."""
    return QueryTooLarge(f"the query returned more than {max_rows} rows; add a LIMIT or narrow it down")
