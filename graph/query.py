"""SPARQL against the built graph, and results as a table, CSV or SPARQL JSON.

>>> from graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(); kg.load_ontology()
>>> res = run_query(kg, "SELECT ?l WHERE { aikg:Paper rdfs:label ?l } ORDER BY ?l")
>>> res.variables, [r[0] for r in res.rows]
(['l'], ['paper', '论文'])
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import AikgError
from graph.namespaces import PREFIXES, QUERIES_DIR
from graph.store import KnowledgeGraph


@dataclass
class QueryResult:
    """SELECT rows (as display strings and as terms), an ASK answer, or RDF bytes."""

    variables: list[str]
    rows: list[list[str]]
    terms: list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]
    boolean: bool | None = None
    graph: bytes | None = None


def read_query(text_or_path: str) -> str:
    """The query text: a SPARQL string, a path to a .rq file, or a named query's name."""
    candidate = Path(text_or_path)
    if text_or_path.endswith(".rq") or (len(text_or_path) < 256 and "\n" not in text_or_path and candidate.is_file()):
        if not candidate.is_file():
            named = QUERIES_DIR / candidate.name
            if named.is_file():
                candidate = named
            else:
                raise AikgError("no such query file", text_or_path)
        try:
            return candidate.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AikgError(f"cannot read query: {exc}", candidate) from None
    return text_or_path


@dataclass
class NamedQuery:
    """A query from ``ontology/queries/``: its header and text."""

    name: str
    title: str
    description: str
    params: dict[str, str]
    text: str


def parse_header(name: str, text: str) -> NamedQuery:
    r"""Read the ``# title:``, ``# description:`` and ``# param: x = default`` header.

    >>> q = parse_header("q", "# title: T\n# param: org = kg:openai\nSELECT * {}")
    >>> q.title, q.params
    ('T', {'org': 'kg:openai'})
    """
    title, description, params = name, "", {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        field, _, value = line.lstrip("# ").partition(":")
        value = value.strip()
        if field == "title":
            title = value
        elif field == "description":
            description = value
        elif field == "param":
            var, _, default = value.partition("=")
            params[var.strip().lstrip("?$")] = default.strip()
    return NamedQuery(name, title, description, params, text)


def named_queries() -> list[NamedQuery]:
    """Every query in ``ontology/queries/``, sorted by name."""
    return [parse_header(p.stem, p.read_text(encoding="utf-8")) for p in sorted(QUERIES_DIR.glob("*.rq"))]


def named_query(name: str) -> NamedQuery:
    """The query ``ontology/queries/NAME.rq`` with its header."""
    path = QUERIES_DIR / f"{name}.rq"
    if not path.is_file():
        known = sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))
        raise AikgError(f"no named query {name!r} (known: {', '.join(known)})")
    return parse_header(name, path.read_text(encoding="utf-8"))


def parse_term(text: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: ``kg:gpt-3``, ``<http://...>``, an integer or a string.

    >>> parse_term("kg:gpt-3").value
    'https://w3id.org/aikg/id/gpt-3'
    >>> parse_term("42").datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        try:
            return ox.NamedNode(text[1:-1])
        except ValueError as exc:
            raise AikgError(f"bad IRI {text}: {exc}") from None
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return ox.NamedNode(PREFIXES[prefix] + local)
    if text.lstrip("-").isdigit():
        return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(text)


def query_bindings(query: NamedQuery, overrides: dict[str, str] | None = None) -> dict[str, ox.NamedNode | ox.Literal]:
    """Defaults from the header, overridden by the user's ``key=value`` pairs."""
    overrides = overrides or {}
    unknown = set(overrides) - set(query.params)
    if unknown:
        raise AikgError(f"query {query.name!r} has no parameter {sorted(unknown)[0]!r} "
                        f"(parameters: {', '.join(query.params) or 'none'})")
    return {k: parse_term(overrides.get(k, v)) for k, v in query.params.items()}


def shorten(iri: str) -> str:
    """An IRI as a CURIE where a project prefix fits.

    >>> shorten("https://w3id.org/aikg/id/gpt-3")
    'kg:gpt-3'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _display(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def run_query(kg: KnowledgeGraph, sparql: str, bindings: dict | None = None) -> QueryResult:
    """Run a query (with variables bound to RDF terms) and collect its results."""
    result = kg.query(sparql, bindings)
    try:
        if isinstance(result, ox.QueryBoolean):
            return QueryResult([], [], [], boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            triples = list(result)
            return QueryResult([], [], [], graph=ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
        variables = [v.value for v in result.variables]
        terms = [[sol[v] for v in variables] for sol in result]
    except (OSError, SyntaxError, ValueError) as exc:
        raise AikgError(f"SPARQL evaluation failed: {exc}") from None
    return QueryResult(variables, [[_display(t) for t in row] for row in terms], terms)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def format_table(res: QueryResult) -> str:
    """An aligned text table (CJK characters count double)."""
    if res.boolean is not None:
        return "yes" if res.boolean else "no"
    if res.graph is not None:
        return res.graph.decode("utf-8")
    rows = [[c.replace("\n", " ") for c in r] for r in res.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in rows]) for i, v in enumerate(res.variables)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(res.variables), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_csv(res: QueryResult) -> str:
    """Comma-separated values with a header row (full IRIs, as SPARQL 1.1 CSV)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if res.boolean is not None:
        w.writerow(["boolean"])
        w.writerow(["true" if res.boolean else "false"])
        return buf.getvalue()
    w.writerow(res.variables)
    for row in res.terms:
        w.writerow(["" if t is None else t.value for t in row])
    return buf.getvalue()


def format_json(res: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if res.boolean is not None:
        return json.dumps({"head": {}, "boolean": res.boolean}, indent=2)
    bindings = []
    for row in res.terms:
        b = {}
        for var, t in zip(res.variables, row):
            if t is None:
                continue
            if isinstance(t, ox.NamedNode):
                b[var] = {"type": "uri", "value": t.value}
            elif isinstance(t, ox.BlankNode):
                b[var] = {"type": "bnode", "value": t.value}
            else:
                d = {"type": "literal", "value": t.value}
                if t.language:
                    d["xml:lang"] = t.language
                elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                    d["datatype"] = t.datatype.value
                b[var] = d
        bindings.append(b)
    return json.dumps({"head": {"vars": res.variables}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False)


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}


def run_named(kg: KnowledgeGraph, name: str, **params: str) -> QueryResult:
    """Run a named query with its defaults, overridden by ``params``.

    >>> from graph.build import build_graph
    >>> res = run_named(build_graph(["data"]), "cq09-who-released")   # doctest: +SKIP
    >>> res.rows                                                      # doctest: +SKIP
    [['kg:meta', 'Meta', 'Meta']]
    """
    query = named_query(name)
    return run_query(kg, query.text, query_bindings(query, params))
