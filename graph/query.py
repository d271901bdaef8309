"""SPARQL on the built graph: named queries, parameters, safety checks, time and row limits.

Queries from users make no network or file access unless asked for: updates
(INSERT, LOAD, ...) are refused, SERVICE is refused unless allowed, and FROM /
FROM NAMED may only name graphs that are already in the dataset (Oxigraph
never fetches them, and a name it does not know is a mistake worth reporting).
With a time limit the query runs in a child process that is killed when the
limit passes, since a running Oxigraph query cannot be interrupted.

>>> from graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(); kg.load_ontology()
>>> res = run_query(kg, "SELECT ?l WHERE { aikg:Paper rdfs:label ?l } ORDER BY ?l")
>>> res.variables, [r[0] for r in res.rows]
(['l'], ['paper', '论文'])
"""
from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import AikgError, QueryRefused, QuerySyntaxError, QueryTimeout, QueryTooLarge
from graph.namespaces import PREFIXES, QUERIES_DIR
from graph.results import QueryResult
from graph.sparql_text import UPDATE_FORMS, dataset_iris, query_form, substitute, uses_service
from graph.store import KnowledgeGraph


@dataclass(frozen=True)
class QueryLimits:
    """How long a query may run (seconds; None: no limit), how many rows it may return,
    and whether SERVICE may reach other endpoints."""

    timeout: float | None = None
    max_rows: int | None = None
    allow_service: bool = False


@dataclass
class NamedQuery:
    """A query from ``ontology/queries/``: its header and text."""

    name: str
    title: str
    description: str
    params: dict[str, str]
    text: str

    @property
    def is_check(self) -> bool:
        """A ``*-violation`` query: a check that must return no rows."""
        return self.name.endswith("-violation")


def read_query(text_or_path: str) -> str:
    """The query text: a SPARQL string or a path to a .rq file."""
    candidate = Path(text_or_path)
    if text_or_path.endswith(".rq") or (len(text_or_path) < 256 and "\n" not in text_or_path and candidate.is_file()):
        try:
            return candidate.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise AikgError("no such query file", text_or_path) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise AikgError(f"cannot read query: {exc}", candidate) from None
    return text_or_path


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
        key, _, value = line.lstrip("# ").partition(":")
        value = value.strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        elif key == "param":
            var, _, default = value.partition("=")
            params[var.strip().lstrip("?$")] = default.strip()
    return NamedQuery(name, title, description, params, text)


def named_queries(directory: Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every query in ``ontology/queries/``, sorted by name."""
    return [parse_header(p.stem, p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.rq"))]


def named_query(name: str) -> NamedQuery:
    """The query ``ontology/queries/NAME.rq`` with its header."""
    path = QUERIES_DIR / f"{name}.rq"
    if "/" in name or not path.is_file():
        known = sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))
        raise AikgError(f"no named query {name!r} (known: {', '.join(known)})")
    return parse_header(name, path.read_text(encoding="utf-8"))


def parse_term(text: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: ``kg:gpt-3``, ``<http://...>``, an integer or a string.

    >>> parse_term("kg:gpt-3").value
    'https://w3id.org/aikg/id/gpt-3'
    >>> str(parse_term('x" } ; DROP ALL'))
    '"x\\\\" } ; DROP ALL"'
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        try:
            return ox.NamedNode(text[1:-1])
        except ValueError as exc:
            raise AikgError(f"bad IRI {text}: {exc}") from None
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and local and all(c not in local for c in " <>\"{}|^`\\"):
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


def prepare(kg: KnowledgeGraph, sparql: str, bindings: dict | None = None, limits: QueryLimits = QueryLimits()) -> str:
    """Check a query against the safety rules and substitute its parameters."""
    form = query_form(sparql)
    if form in UPDATE_FORMS:
        raise QueryRefused(f"{form} is an update; the graph is read-only here (build it from data instead)")
    if not limits.allow_service and uses_service(sparql):
        raise QueryRefused("SERVICE would query another endpoint over the network; "
                           "it is off unless you allow it (--allow-service)")
    try:
        named = dataset_iris(sparql, PREFIXES)
        graphs = set(kg.graph_names()) if named else set()
        for iri in named:
            if iri not in graphs:
                raise QueryRefused(f"FROM <{iri}> names no graph of this dataset, and aikg never fetches "
                                   "remote or file IRIs; FROM may name a source graph such as kg:survey-ai-ecosystem")
    except QueryRefused:
        raise
    except AikgError as exc:
        raise QuerySyntaxError(exc.message) from None
    return substitute(sparql, {k: str(v) for k, v in (bindings or {}).items()})


def _evaluate(kg: KnowledgeGraph, sparql: str, max_rows: int | None) -> QueryResult:
    try:
        result = kg.query(sparql)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            triples = _take(result, max_rows)
            return QueryResult(triples=triples)
        variables = [v.value for v in result.variables]
        solutions = _take(result, max_rows)
        return QueryResult(variables, [[sol[v] for v in variables] for sol in solutions])
    except SyntaxError as exc:
        raise QuerySyntaxError(f"SPARQL syntax error: {exc.msg if hasattr(exc, 'msg') else exc}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise AikgError(f"SPARQL evaluation failed: {exc}") from None


def _take(iterator, max_rows: int | None) -> list:
    out = []
    for item in iterator:
        out.append(item)
        if max_rows is not None and len(out) > max_rows:
            raise QueryTooLarge(f"the query returned more than {max_rows} rows; add a LIMIT or narrow it down")
    return out


def run_query(kg: KnowledgeGraph, sparql: str, bindings: dict | None = None,
              limits: QueryLimits = QueryLimits()) -> QueryResult:
    """Check, bind and run a query within the limits; errors are :class:`AikgError` subclasses."""
    text = prepare(kg, sparql, bindings, limits)
    kg.refresh_union()  # before a child process copies the store
    if not limits.timeout:
        return _evaluate(kg, text, limits.max_rows)
    return _run_in_child(kg, text, limits)


def _child(kg: KnowledgeGraph, text: str, max_rows: int | None, conn) -> None:
    try:
        conn.send(("ok", _evaluate(kg, text, max_rows)))
    except AikgError as exc:
        conn.send(("error", exc))
    except BaseException as exc:  # noqa: BLE001 - report anything to the parent, never hang it
        conn.send(("error", AikgError(f"SPARQL evaluation failed: {exc}")))
    finally:
        conn.close()


def _run_in_child(kg: KnowledgeGraph, text: str, limits: QueryLimits) -> QueryResult:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(kg, text, limits.max_rows, child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(limits.timeout):
            raise QueryTimeout(f"the query ran longer than {limits.timeout:g} s and was stopped")
        status, payload = parent.recv()
    except EOFError:
        raise AikgError("the query process ended without an answer") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    if status == "error":
        raise payload
    return payload


def run_named(kg: KnowledgeGraph, name: str, limits: QueryLimits = QueryLimits(), **params: str) -> QueryResult:
    """Run a named query with its defaults, overridden by ``params``.

    >>> from graph.build import build_graph
    >>> res = run_named(build_graph(["data"]), "cq09-who-released")
    >>> res.rows
    [['kg:meta', 'Meta', 'Meta']]
    """
    query = named_query(name)
    return run_query(kg, query.text, query_bindings(query, params), limits)


def run_checks(kg: KnowledgeGraph) -> dict[str, QueryResult]:
    """Run every ``*-violation.rq`` query; return those that found rows."""
    found = {}
    for q in named_queries():
        if q.is_check:
            res = run_query(kg, q.text, query_bindings(q))
            if res.terms or res.boolean:
                found[q.name] = res
    return found
