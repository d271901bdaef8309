"""RDF files as inputs: read safely, every problem a ``file:line`` error.

- RDF/XML with a DTD is refused wherever the ``<!DOCTYPE`` stands: expat reads
  the whole document (in any encoding) and stops at a DTD or an entity
  declaration, so no entity is ever expanded ("billion laughs").
- A file fills only graphs of its own: its default graph becomes the graph
  named after the file, and a named graph in a TriG, N-Quads or JSON-LD file
  may not be one that the ontology, a record's source or another file already
  filled (else an input could put words in another source's mouth).
- Numbers and booleans must be well-typed (``"lots"^^xsd:integer`` is an error).
- A term longer than the parser's limit (16 MiB) is an error, not a crash.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.ttl"
>>> _ = p.write_text('<http://e/a> <http://e/p> "lots"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n')
>>> list(read_quads(p, "http://e/g", set()))
Traceback (most recent call last):
graph.errors.AikgError: ...x.ttl:1: "lots" is not a valid xsd:integer
"""
from __future__ import annotations

import json
import re
import xml.parsers.expat
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from graph.errors import AikgError
from graph.formats import input_rdf_suffixes
from graph.namespaces import XSD

#: The suffixes of RDF input files and their syntaxes (the ``input`` rows of :data:`graph.formats.FORMATS`).
RDF_SUFFIXES = {suffix: getattr(ox.RdfFormat, name) for suffix, name in input_rdf_suffixes().items()}

#: The longest term Oxigraph's parsers take.
MAX_TERM = 16 * 1024 * 1024

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN")
#: The lexical form each checked datatype must have (XML Schema's rules).
LEXICAL = {
    **{XSD + t: _INTEGER for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                   "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")},
    XSD + "decimal": _DECIMAL,
    XSD + "double": _DOUBLE,
    XSD + "float": _DOUBLE,
    XSD + "boolean": re.compile(r"true|false|1|0"),
}


class _Refused(Exception):
    pass


def check_xml(data: bytes, path: str | Path) -> None:
    """Refuse RDF/XML that declares a DTD or an entity, or that is not well-formed XML."""
    parser = xml.parsers.expat.ParserCreate()

    def refuse(*_args) -> None:
        raise _Refused

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except _Refused:
        raise AikgError("RDF/XML with a DOCTYPE is refused (the entities of a DTD can expand without bound)",
                        path, parser.CurrentLineNumber) from None
    except xml.parsers.expat.ExpatError as exc:
        raise AikgError(f"RDF/XML is not well-formed XML: {xml.parsers.expat.errors.messages[exc.code]}",
                        path, exc.lineno) from None


def line_of(data: bytes, needle: bytes) -> int | None:
    """The line where ``needle`` first appears in ``data`` (None if it does not)."""
    at = data.find(needle)
    return None if at < 0 else data.count(b"\n", 0, at) + 1


def _long_line(data: bytes) -> int | None:
    return next((n for n, line in enumerate(data.split(b"\n"), 1) if len(line) > MAX_TERM), None)


def read_quads(path: str | Path, graph: str, taken: set[str], base: str | None = None) -> Iterator[ox.Quad]:
    """The quads of an RDF file, checked; triples of its default graph go into ``graph``.

    ``taken``: graph names already filled by other inputs, which this file may not add to.
    """
    path = Path(path)
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise AikgError(f"unknown RDF file type {path.suffix!r} (use {', '.join(sorted(RDF_SUFFIXES))})", path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AikgError(f"cannot read file: {exc.strerror}", path) from None
    if fmt == ox.RdfFormat.RDF_XML:
        check_xml(data, path)
    own = ox.NamedNode(graph)
    base = base or path.resolve().as_uri()
    try:
        if fmt.supports_datasets:
            for q in ox.parse(data, fmt, base_iri=base, without_named_graphs=False):
                g = q.graph_name
                if isinstance(g, ox.DefaultGraph):
                    g = own
                elif g.value in taken:
                    raise AikgError(f"the file puts triples into the graph <{g.value}>, which is the ontology's or "
                                    "another input's; an input may fill only graphs of its own",
                                    path, line_of(data, f"<{g.value}>".encode("utf-8"))
                                    or line_of(data, g.value.encode("utf-8")))
                _check_literal(q.object, data, path)
                yield ox.Quad(q.subject, q.predicate, q.object, g)
        else:
            for t in ox.parse(data, fmt, base_iri=base):
                _check_literal(t.object, data, path)
                yield ox.Quad(t.subject, t.predicate, t.object, own)
    except SyntaxError as exc:
        line = getattr(exc, "lineno", None)
        raise AikgError(f"RDF syntax error: {exc.msg if hasattr(exc, 'msg') else exc}", path, line) from None
    except MemoryError:
        raise AikgError(f"a term is longer than {MAX_TERM // (1024 * 1024)} MiB, the most the RDF parser takes",
                        path, _long_line(data)) from None


def _check_literal(term, data: bytes, path: Path) -> None:
    if not isinstance(term, ox.Literal):
        return
    rule = LEXICAL.get(term.datatype.value)
    if rule is not None and not rule.fullmatch(term.value):
        name = "xsd:" + term.datatype.value[len(XSD):]
        raise AikgError(f"{json.dumps(term.value[:60], ensure_ascii=False)} is not a valid {name}", path,
                        line_of(data, term.value.encode("utf-8")))
