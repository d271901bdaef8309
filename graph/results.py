"""Query results and their formats: table, CSV, TSV, SPARQL JSON and XML, Markdown, RDF.

The same functions serve ``aikg query`` and ``aikg serve``, so a query gives
the same answer on the command line and over HTTP.

>>> import pyoxigraph as ox
>>> r = QueryResult(["m"], [[ox.NamedNode("https://w3id.org/aikg/id/gpt-3")]])
>>> print(format_result(r, "table"))
m
--------
kg:gpt-3
(1 row)
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.errors import AikgError
from graph.namespaces import PREFIXES, XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class QueryResult:
    """SELECT rows (terms, ``None`` where unbound), an ASK answer, or CONSTRUCT/DESCRIBE triples."""

    variables: list[str] = field(default_factory=list)
    terms: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    @property
    def rows(self) -> list[list[str]]:
        """Rows as display strings (IRIs shortened to CURIEs, literals as their text)."""
        return [[display(t) for t in row] for row in self.terms]

    @property
    def kind(self) -> str:
        """``select``, ``ask`` or ``graph``."""
        return "ask" if self.boolean is not None else "graph" if self.triples is not None else "select"


def shorten(iri: str) -> str:
    """An IRI as a CURIE where a project prefix fits.

    >>> shorten("https://w3id.org/aikg/id/gpt-3")
    'kg:gpt-3'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def display(term: Term | None) -> str:
    """A term as people read it: CURIE, ``_:id`` or the literal's text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)


def _one_line(s: str) -> str:
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in s)


def format_table(res: QueryResult) -> str:
    """An aligned text table; CJK characters count double, control characters become spaces."""
    if res.kind == "ask":
        return "yes" if res.boolean else "no"
    if res.kind == "graph":
        return format_rdf(res, "turtle")
    rows = [[_one_line(c) for c in r] for r in res.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in rows]) for i, v in enumerate(res.variables)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(res.variables), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_markdown(res: QueryResult) -> str:
    """A Markdown (GitHub) table; ``|`` is escaped and line breaks become spaces."""
    if res.kind != "select":
        return format_table(res)

    def cell(s: str) -> str:
        return _one_line(s).replace("\\", "\\\\").replace("|", "\\|") or " "

    out = ["| " + " | ".join(res.variables) + " |", "|" + "---|" * len(res.variables)]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in res.rows]
    return "\n".join(out)


def format_csv(res: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: a header row, then plain values (full IRIs)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if res.kind == "ask":
        w.writerows([["boolean"], ["true" if res.boolean else "false"]])
        return buf.getvalue()
    _select_only(res, "csv")
    w.writerow(res.variables)
    for row in res.terms:
        w.writerow(["" if t is None else f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value for t in row])
    return buf.getvalue()


def format_tsv(res: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` headers, terms in N-Triples syntax."""
    if res.kind == "ask":
        return "?boolean\n" + ("true" if res.boolean else "false") + "\n"
    _select_only(res, "tsv")
    lines = ["\t".join(f"?{v}" for v in res.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in res.terms]
    return "\n".join(lines) + "\n"


def _json_term(t: Term) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype.value != XSD + "string":
        d["datatype"] = t.datatype.value
    return d


def format_json(res: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if res.kind == "ask":
        return json.dumps({"head": {}, "boolean": res.boolean})
    _select_only(res, "json")
    bindings = [{v: _json_term(t) for v, t in zip(res.variables, row) if t is not None} for row in res.terms]
    return json.dumps({"head": {"vars": res.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1)


def format_xml(res: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if res.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if res.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    _select_only(res, "xml")
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in res.variables) + "</head>")
    out.append("<results>")
    for row in res.terms:
        cells = []
        for v, t in zip(res.variables, row):
            if t is None:
                continue
            if isinstance(t, ox.NamedNode):
                inner = f"<uri>{escape(t.value)}</uri>"
            elif isinstance(t, ox.BlankNode):
                inner = f"<bnode>{escape(t.value)}</bnode>"
            elif t.language:
                inner = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
            elif t.datatype.value != XSD + "string":
                inner = f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
            else:
                inner = f"<literal>{escape(t.value)}</literal>"
            cells.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.append("<result>" + "".join(cells) + "</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def format_rdf(res: QueryResult, fmt: str) -> str:
    """CONSTRUCT/DESCRIBE triples as Turtle (with the project's prefixes), N-Triples, JSON-LD or RDF/XML."""
    if res.kind != "graph":
        raise AikgError(f"format {fmt!r} is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv, json, xml or md")
    rdf_format = RDF_FORMATS[fmt]
    prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
    return ox.serialize(res.triples, format=rdf_format, prefixes=prefixes).decode("utf-8")


def _select_only(res: QueryResult, fmt: str) -> None:
    if res.kind == "graph":
        raise AikgError(f"format {fmt!r} is for SELECT and ASK queries; use turtle, nt or jsonld for CONSTRUCT")


FORMATTERS = {
    "table": format_table, "md": format_markdown, "csv": format_csv, "tsv": format_tsv,
    "json": format_json, "xml": format_xml,
    **{name: (lambda r, n=name: format_rdf(r, n)) for name in RDF_FORMATS},
}


def format_result(res: QueryResult, fmt: str) -> str:
    """The result in one of :data:`FORMATTERS`' formats.

    >>> format_result(QueryResult(boolean=True), "json")
    '{"head": {}, "boolean": true}'
    """
    if fmt not in FORMATTERS:
        raise AikgError(f"unknown format {fmt!r} (choose from {', '.join(FORMATTERS)})")
    return FORMATTERS[fmt](res)
