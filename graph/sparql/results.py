"""Query results and their formats: table, CSV, TSV, SPARQL JSON and XML, Markdown, RDF.

The same functions serve ``aikg query`` and ``aikg serve``, so a query gives
the same answer on the command line and over HTTP.

>>> import pyoxigraph as ox
>>> r = QueryResult(["m"], [[ox.NamedNode("https://w3id.org/aiekg/id/gpt-3")]])
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
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.errors import AikgError
from graph.formats import RESULT, lookup
from graph.namespaces import XSD, shorten
from graph.rdf.write import serialize
from graph.wording import count

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


# C0 (but tab and line feed), DEL and C1, and a carriage return that does not end a line
_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# tabs and everything str.splitlines() breaks at: spaces on one line
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _visible(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


def terminal_text(s: str, one_line: bool = False) -> str:
    r"""Text that cannot drive a terminal: control characters (C0, DEL, C1) shown as ``\uXXXX``.

    Line feeds, tabs and CR LF line ends are kept, so every format keeps its
    layout; with ``one_line`` (table and Markdown cells) tabs and line breaks
    become spaces instead. The one function for everything people read in a
    terminal, so an ESC in a label never clears the screen or sets the title.

    >>> terminal_text("a\x1b[2Jb\r\nc\td\x9b"), terminal_text("a\nb\tc\x07", one_line=True)
    ('a\\u001b[2Jb\r\nc\td\\u009b', 'a b c\\u0007')
    """
    if s.isprintable():  # the common case, checked in C
        return s
    if one_line:
        s = _BREAKS.sub(" ", s)
    return _CONTROL.sub(_visible, s)


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (tests replace this)."""
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def for_stdout(text: str) -> str:
    """The text to print: :func:`terminal_text` on a terminal, exactly as given to a pipe.

    Data written with ``-o FILE`` or piped to another program stays exact.
    """
    return terminal_text(text) if stdout_is_terminal() else text


def format_table(res: QueryResult) -> str:
    """An aligned text table; CJK characters count double, tabs and line breaks become
    spaces and other control characters show as ``\\uXXXX`` (:func:`terminal_text`)."""
    if res.kind == "ask":
        return "yes" if res.boolean else "no"
    if res.kind == "graph":
        return format_rdf(res, "turtle")
    rows = [[terminal_text(c, one_line=True) for c in r] for r in res.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in rows]) for i, v in enumerate(res.variables)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(res.variables), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({count(len(rows), 'row')})")
    return "\n".join(out)


def format_markdown(res: QueryResult) -> str:
    """A Markdown (GitHub) table; ``|`` is escaped, line breaks become spaces, controls show as ``\\uXXXX``."""
    if res.kind != "select":
        return format_table(res)

    def cell(s: str) -> str:
        return terminal_text(s, one_line=True).replace("\\", "\\\\").replace("|", "\\|") or " "

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


# what XML 1.0 cannot carry at all, not even as a character reference
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CR = {"\r": "&#13;"}  # a raw CR would be read back as LF
_SELECT_INSTEAD = "JSON, TSV and CSV (--format json; Accept: application/sparql-results+json)"
_GRAPH_INSTEAD = "Turtle, N-Triples and JSON-LD (--format turtle; Accept: text/turtle)"


class XmlCannotCarry(AikgError):
    """The result holds a character XML 1.0 cannot carry; JSON, TSV, CSV, Turtle or N-Triples can."""

    status = 406  # another accepted type can carry it


def _shown(value: str, limit: int = 60) -> str:
    """A value for an error message: one line, every unprintable character as ``\\uXXXX``."""
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value[:limit])
    return f'"{shown}"' + ("..." if len(value) > limit else "")


def _xml_refusal(where: str, value: str, instead: str) -> XmlCannotCarry:
    bad = _NOT_XML.search(value).group()
    return XmlCannotCarry(f"cannot write XML: {where} holds U+{ord(bad):04X}, a character XML 1.0 cannot carry "
                     f"(not even as &#x{ord(bad):X};): {_shown(value)}; {instead} keep it exactly")


def _term_texts(t: Term) -> list[str]:
    if isinstance(t, ox.Literal):
        return [t.value, t.datatype.value] + ([t.language] if t.language else [])
    return [t.value] if isinstance(t, (ox.NamedNode, ox.BlankNode)) else [str(t)]  # str: an RDF-star triple


def _check_select_xml(res: QueryResult) -> None:
    """Raise an :class:`AikgError` naming the first value XML 1.0 cannot carry."""
    for i, row in enumerate(res.terms, 1):
        for v, t in zip(res.variables, row):
            if t is not None and any(_NOT_XML.search(x) for x in _term_texts(t)):
                value = next(x for x in _term_texts(t) if _NOT_XML.search(x))
                entity = next((display(o) for o in row if isinstance(o, ox.NamedNode) and o is not t), None)
                where = f"?{v} in row {i}" + (f" (the row of {entity})" if entity else "")
                raise _xml_refusal(where, value, _SELECT_INSTEAD)
    raise XmlCannotCarry("cannot write XML: the results hold a character XML 1.0 cannot carry; use JSON, TSV or CSV")


def format_xml(res: QueryResult) -> str:
    r"""SPARQL Query Results XML, always well-formed.

    A value holding a character XML 1.0 cannot carry (U+0000-U+0008, U+000B,
    U+000C, U+000E-U+001F, U+FFFE, U+FFFF, lone surrogates) is an error naming
    it, rather than an altered value: JSON, TSV and CSV carry it exactly.

    >>> r = QueryResult(["l"], [[ox.Literal("a\x0cb")]])
    >>> format_xml(r)
    Traceback (most recent call last):
    graph.sparql.results.XmlCannotCarry: cannot write XML: ?l in row 1 holds U+000C, a character XML 1.0 cannot carry (not even as &#xC;): "a\u000cb"; JSON, TSV and CSV (--format json; Accept: application/sparql-results+json) keep it exactly
    """
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
                inner = f"<uri>{escape(t.value, _CR)}</uri>"
            elif isinstance(t, ox.BlankNode):
                inner = f"<bnode>{escape(t.value, _CR)}</bnode>"
            elif t.language:
                inner = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value, _CR)}</literal>"
            elif t.datatype.value != XSD + "string":
                inner = f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value, _CR)}</literal>"
            else:
                inner = f"<literal>{escape(t.value, _CR)}</literal>"
            cells.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.append("<result>" + "".join(cells) + "</result>")
    out += ["</results>", "</sparql>"]
    text = "\n".join(out) + "\n"
    if _NOT_XML.search(text):  # one scan of the whole document; find the culprit only when there is one
        _check_select_xml(res)
    return text


def format_rdf(res: QueryResult, fmt: str) -> str:
    """CONSTRUCT/DESCRIBE triples as Turtle (with the project's prefixes), N-Triples, JSON-LD or RDF/XML."""
    if res.kind != "graph":
        raise AikgError(f"format {fmt!r} is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv, json, xml or md")
    text = serialize(res.triples, fmt).decode("utf-8")
    if fmt == "rdfxml":
        if _NOT_XML.search(text):
            _check_graph_xml(res.triples)
        text = text.replace("\r", "&#13;")  # only data holds CR (Oxigraph writes LF), and a raw CR reads back as LF
    return text


def _check_graph_xml(triples: list[ox.Triple]) -> None:
    """Raise an :class:`AikgError` naming the first triple RDF/XML cannot carry."""
    for t in triples:
        for part, term in (("subject", t.subject), ("predicate", t.predicate), ("object", t.object)):
            for x in _term_texts(term):
                if _NOT_XML.search(x):
                    subject = display(t.subject)
                    where = (f"the {display(t.predicate)} of {subject}" if part == "object"
                             else f"the {part} of a triple about {subject}")
                    raise _xml_refusal(where, x, _GRAPH_INSTEAD)
    raise XmlCannotCarry("cannot write RDF/XML: the triples hold a character XML 1.0 cannot carry; use Turtle or N-Triples")


def _select_only(res: QueryResult, fmt: str) -> None:
    if res.kind == "graph":
        raise AikgError(f"format {fmt!r} is for SELECT and ASK queries; use turtle, nt or jsonld for CONSTRUCT")


def default_format(res: QueryResult) -> str:
    """The format a result is shown in when none is asked for: Turtle for graphs, a table otherwise."""
    return "turtle" if res.kind == "graph" else "table"


def format_result(res: QueryResult, fmt: str) -> str:
    """The result in one of the result formats of :mod:`graph.formats` (``aikg query --format``).

    >>> format_result(QueryResult(boolean=True), "json")
    '{"head": {}, "boolean": true}'
    """
    row = lookup(fmt, RESULT)
    write = row.load_writer()
    return write(res, fmt) if row.rdf else write(res)
