"""SPARQL on the built graph: named queries, parameters, safety checks, time and row limits.

Queries from users make no network or file access unless asked for: the rules
of :mod:`graph.sparql.policy` refuse updates (INSERT, LOAD, ...), SERVICE unless
allowed and over-long queries, and FROM / FROM NAMED may only name graphs that
are already in the dataset (Oxigraph never fetches them, and a name it does not
know is a mistake worth reporting). With a time or memory limit, or ``isolate``,
the query is checked and run in a child process confined by
:mod:`graph.sparql.sandbox` (no network sockets, capped memory) that is killed when the
time limit passes, since a running Oxigraph query cannot be interrupted.

>>> from graph.rdf.store import KnowledgeGraph
>>> kg = KnowledgeGraph(); kg.load_ontology()
>>> res = run_query(kg, "SELECT ?l WHERE { aikg:Paper rdfs:label ?l } ORDER BY ?l")
>>> res.variables, [r[0] for r in res.rows]
(['l'], ['paper', '论文'])
"""
from __future__ import annotations

import multiprocessing
import re
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from graph.errors import AikgError, QueryOutOfMemory, QueryRefused, QuerySyntaxError, QueryTimeout
from graph.namespaces import PREFIXES, QUERIES_DIR, RDF
from graph.sparql.kept import kept_process
from graph.sparql.packed import pack, too_large
from graph.sparql.results import QueryResult
from graph.sparql.sandbox import MB, confine
from graph.sparql.policy import QueryPlan, check_query
from graph.sparql.terms import EntityRef, Term, parameter_term, record_ids, resolve_bindings
from graph.sparql.text import line_column, prefixes_declared, substitute, undeclared_prefix
from graph.rdf.store import KnowledgeGraph


@dataclass(frozen=True)
class QueryLimits:
    """How long a query may run (seconds; None: no limit), how many rows it may return,
    whether SERVICE may reach other endpoints, how much memory it may use (bytes;
    None: no limit), and whether it runs in a confined child process even without
    those limits (``isolate``: what the command line and the endpoint do)."""

    timeout: float | None = None
    max_rows: int | None = None
    allow_service: bool = False
    max_memory: int | None = None
    isolate: bool = False

    @property
    def confined(self) -> bool:
        """Whether the query runs in a child process (see :mod:`graph.sparql.sandbox`)."""
        return bool(self.timeout or self.max_memory or self.isolate)


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


def parse_term(text: str, default: str | None = None) -> Term | EntityRef:
    """A parameter value as an RDF term, by the rule of :func:`graph.sparql.terms.parameter_term`.

    >>> parse_term("kg:gpt-3").value
    'https://w3id.org/aiekg/id/gpt-3'
    >>> parse_term("meta", default="kg:openai")
    EntityRef(param='value', word='meta', option='--param')
    >>> str(parse_term('x" } ; DROP ALL'))
    '"x\\\\" } ; DROP ALL"'
    """
    return parameter_term("value", text, default)


def query_bindings(query: NamedQuery, overrides: dict[str, str] | None = None,
                   option: str = "--param") -> dict[str, Term | EntityRef]:
    """Defaults from the header, overridden by the user's ``key=value`` pairs (read by
    :func:`graph.sparql.terms.parameter_term`: a bare word for an entity parameter is
    an :class:`EntityRef`, checked against the graph when the query runs).

    >>> query_bindings(named_query("cq09-who-released"), {"model": "llama"})["model"]
    EntityRef(param='model', word='llama', option='--param')
    """
    overrides = overrides or {}
    unknown = set(overrides) - set(query.params)
    if unknown:
        raise AikgError(f"query {query.name!r} has no parameter {sorted(unknown)[0]!r} "
                        f"(parameters: {', '.join(query.params) or 'none'})")
    return {k: parameter_term(k, overrides.get(k, v), v, option) for k, v in query.params.items()}


def has_entity(kg: KnowledgeGraph, iri: str) -> bool:
    """Whether the graph states anything about ``iri``.

    >>> from graph.build import build_graph
    >>> kg = build_graph(["data"]); has_entity(kg, PREFIXES["kg"] + "meta"), has_entity(kg, PREFIXES["kg"] + "nosuch")
    (True, False)
    """
    return next(iter(kg.match(subject=ox.NamedNode(iri))), None) is not None


def entity_ids(kg: KnowledgeGraph) -> set[str]:
    """The record ids of the graph's entities (for "did you mean")."""
    return record_ids(kg.match(predicate=ox.NamedNode(RDF + "type")))


def bound_terms(kg: KnowledgeGraph, bindings: dict | None) -> dict[str, Term]:
    """The bindings, each bare record id (:class:`EntityRef`) checked against the graph and made its entity's IRI.

    >>> from graph.build import build_graph
    >>> bound_terms(build_graph(["data"]), {"org": EntityRef("org", "meta")})["org"].value
    'https://w3id.org/aiekg/id/meta'
    """
    return resolve_bindings(bindings or {}, lambda iri: has_entity(kg, iri), lambda: entity_ids(kg))


@dataclass
class UserQuery:
    """The query a user asked for, its parameter values, and notes for the user."""

    query: NamedQuery
    bindings: dict[str, ox.NamedNode | ox.Literal]
    notes: list[str]


def user_query(text_or_path: str | None = None, name: str | None = None,
               overrides: dict[str, str] | None = None, lang: str | None = None) -> UserQuery:
    """A query string, a .rq file or a named query, with its parameters bound; ``lang`` sets a ``lang`` parameter.

    >>> uq = user_query(name="cq01-models-by-organization", lang="zh")
    >>> uq.bindings["lang"].value, uq.notes
    ('zh', [])
    >>> user_query("SELECT * {}", lang="zh").notes
    ['query has no lang parameter; --lang has no effect']
    """
    if bool(text_or_path) == bool(name):
        raise AikgError("give either a SPARQL query (or .rq file) or a named query")
    query = named_query(name) if name else parse_header("query", read_query(text_or_path))
    overrides = dict(overrides or {})
    notes = []
    if lang:
        if "lang" in query.params:
            overrides.setdefault("lang", lang)
        else:
            notes.append(f"{query.name} has no lang parameter; --lang has no effect")
    return UserQuery(query, query_bindings(query, overrides), notes)


def prepare(kg: KnowledgeGraph, sparql: str, bindings: dict | None = None, limits: QueryLimits = QueryLimits()) -> str:
    """Substitute a query's parameters and check the result against the rules; the text to run."""
    return plan_query(kg, sparql, bindings, limits)[0]


def plan_query(kg: KnowledgeGraph, sparql: str, bindings: dict | None = None,
               limits: QueryLimits = QueryLimits()) -> tuple[str, QueryPlan]:
    """:func:`prepare`, with what the rules found (the query's form, the graphs FROM names)."""
    text = substitute(sparql, {k: str(v) for k, v in bound_terms(kg, bindings).items()})
    plan = check_query(text, allow_service=limits.allow_service)
    check_dataset(kg, plan)
    return text, plan


def check_dataset(kg: KnowledgeGraph, plan: QueryPlan) -> None:
    """Refuse a FROM / FROM NAMED that names a graph the dataset does not have."""
    if not plan.dataset:
        return
    graphs = set(kg.graph_names())
    for iri in plan.dataset:
        if iri not in graphs:
            raise QueryRefused(f"FROM <{iri}> names no graph of this dataset, and aikg never fetches "
                               "remote or file IRIs; FROM may name a source graph such as kg:survey-ai-ecosystem")


def _evaluate(kg: KnowledgeGraph, sparql: str, max_rows: int | None, source: str | None = None,
              packed: bool = False):
    """Run a checked query; a syntax error is placed in ``source``, the text the user wrote (before substitution).
    ``packed``: the answer as Oxigraph writes it (:mod:`graph.sparql.packed`)."""
    try:
        result = kg.query(sparql)
        if packed:
            return pack(result, max_rows)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            triples = take_rows(result, max_rows)
            return QueryResult(triples=triples)
        variables = [v.value for v in result.variables]
        solutions = take_rows(result, max_rows)
        return QueryResult(variables, [[sol[v] for v in variables] for sol in solutions])
    except (SyntaxError, QuerySyntaxError) as exc:
        raise syntax_error(source or sparql, sparql, fallback=str(exc)) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise evaluation_error(exc) from None


_POSITION = re.compile(r"\Aerror at (\d+):(\d+): ")


def syntax_error(*texts: str, fallback: str = "") -> QuerySyntaxError:
    """The syntax error of the first of ``texts`` that does not parse, at the user's own line and column.

    The project's prefixes are predeclared, not lines of the query; an
    undeclared prefix is named, with the prefixes that are declared.

    >>> str(syntax_error("SELECT ?x WHERE {\\n  ?x }"))
    'SPARQL syntax error at line 2, column 7: expected one of BIND, [_]'
    >>> print(syntax_error("SELECT * { ?s a nope:Model }"))
    SPARQL syntax error at line 1, column 17: unknown prefix `nope:`; declared prefixes are aikg, kg, rdf, rdfs, xsd, owl, skos, prov, schema, wd
    """
    for text in texts:
        try:
            ox.Store().query(text, prefixes=dict(PREFIXES))  # an empty store: parsed, nothing to evaluate
        except SyntaxError as exc:
            return _placed(text, str(exc))
        except (OSError, ValueError, RuntimeError):
            pass
    return QuerySyntaxError(fallback if fallback.startswith("SPARQL") else f"SPARQL syntax error: {fallback}")


def _placed(text: str, message: str) -> QuerySyntaxError:
    """Oxigraph's ``error at L:C: ...`` as aikg says it; an undeclared prefix up to there is named, at its own place.

    (The parser reports where it got farthest, which after an unknown prefix may be further on, with
    another complaint; a prefix that nothing declared is an error wherever it is.)
    """
    m = _POSITION.match(message)
    place, problem = ((int(m[1]), int(m[2])), message[m.end():]) if m else (None, message)
    token = undeclared_prefix(text, PREFIXES)
    if token is not None and (place is None or line_column(text, token.start) <= place or "Prefix not found" in message):
        declared = ", ".join(p or ":" for p in {**PREFIXES, **prefixes_declared(text)})
        place = line_column(text, token.start)
        problem = f"unknown prefix `{token.text.partition(':')[0]}:`; declared prefixes are {declared}"
    where = f" at line {place[0]}, column {place[1]}" if place else ""
    return QuerySyntaxError(f"SPARQL syntax error{where}: {problem}")


def evaluation_error(exc: BaseException) -> AikgError:
    """The error to show for a failed evaluation; never what a remote endpoint answered.

    >>> str(evaluation_error(OSError("error 404 returned by http://x/ with payload: secret")))
    'SPARQL evaluation failed: a SERVICE call failed (error 404 returned by http://x/; its answer is not shown)'
    """
    text = str(exc)
    if isinstance(exc, PermissionError):
        return QueryRefused("the query tried to reach the network, which this query process may not do "
                            "(SERVICE is off unless you allow it: --allow-service)")
    if " with payload" in text:
        text = "a SERVICE call failed (" + text.split(" with payload", 1)[0].strip() + "; its answer is not shown)"
    return AikgError(f"SPARQL evaluation failed: {text}")


def take_rows(iterator, max_rows: int | None) -> list:
    """The rows (or triples) of an answer; more than ``max_rows`` is an error, here and for remote stores alike.

    >>> take_rows(iter(range(3)), 3)
    [0, 1, 2]
    >>> take_rows(iter(range(4)), 3)
    Traceback (most recent call last):
    graph.errors.QueryTooLarge: the query returned more than 3 rows; add a LIMIT or narrow it down
    """
    out = []
    for item in iterator:
        out.append(item)
        if max_rows is not None and len(out) > max_rows:
            raise too_large(max_rows)
    return out


def run_query(kg: KnowledgeGraph, sparql: str, bindings: dict | None = None,
              limits: QueryLimits = QueryLimits()) -> QueryResult:
    """Check, bind and run a query within the limits; errors are :class:`AikgError` subclasses.

    With limits, the query runs in a confined child: a fresh fork, or for a store opened read-only the
    process kept from its last query (:mod:`graph.sparql.kept`); the answer comes back packed
    (:mod:`graph.sparql.packed`)."""
    kg.refresh_union()  # before a child process copies the store
    if not limits.confined:
        return _evaluate(kg, prepare(kg, sparql, bindings, limits), limits.max_rows, sparql)
    proc = kept_process(kg, limits.max_memory, limits.allow_service) if kg.read_only else None
    if proc is None:
        return call_confined(limits, checked_result, kg, sparql, bindings, limits, None, True).unpack()
    try:  # a store that cannot change: the process that ran the last query runs this one
        try:
            answer = proc.call(limits.timeout, checked_result, sparql, bindings, limits, None, True)
        except TimeoutError:
            raise _timed_out(limits) from None
        return _outcome(limits, answer, proc.proc.exitcode).unpack()
    finally:
        proc.lock.release()


def checked_result(kg: KnowledgeGraph, sparql: str, bindings: dict | None, limits: QueryLimits,
                   before: Callable[[QueryPlan], None] | None = None, packed: bool = False):
    """Check and evaluate in this process (a confined child); memory errors become :class:`QueryOutOfMemory`.

    ``before`` sees the checked plan before the query runs (and may refuse it); ``packed`` gives the
    answer as a :class:`PackedResult`, for a parent process to unpack.
    """
    try:
        text, plan = plan_query(kg, sparql, bindings, limits)
        if before:
            before(plan)
        return _evaluate(kg, text, limits.max_rows, sparql, packed)
    except MemoryError:
        raise out_of_memory(limits.max_memory) from None


def out_of_memory(max_memory: int | None) -> QueryOutOfMemory:
    """The error for a query that went past its memory limit."""
    size = f"{max_memory / MB:,.0f} MB" if max_memory else "the memory it may use"
    return QueryOutOfMemory(f"the query used more than {size} and was stopped (--max-memory sets the limit)")


#: How a confined child that ended without an answer died, by exit code.
DEATHS = {-signal.SIGABRT: "memory", 3: "memory", -signal.SIGXCPU: "time", -signal.SIGKILL: "time"}


def _child(conn, limits: QueryLimits, fn: Callable, args: tuple) -> None:
    try:
        confine(limits.max_memory, (limits.timeout + 5) if limits.timeout else None, limits.allow_service)
        conn.send(("ok", fn(*args)))
    except AikgError as exc:
        conn.send(("error", exc))
    except MemoryError:
        raise SystemExit(3) from None
    except BaseException as exc:  # noqa: BLE001 - report anything to the parent, never hang it
        conn.send(("error", AikgError(f"SPARQL evaluation failed: {exc}")))
    finally:
        conn.close()


def call_confined(limits: QueryLimits, fn: Callable, *args):
    """``fn(*args)`` in a forked child confined by :mod:`graph.sparql.sandbox`, stopped after ``limits.timeout``.

    >>> call_confined(QueryLimits(timeout=5), pow, 2, 10)
    1024
    """
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, limits, fn, args), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(limits.timeout):
            raise _timed_out(limits)
        answer = parent.recv()
    except EOFError:
        proc.join(5)
        answer = None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    return _outcome(limits, answer, proc.exitcode)


def _timed_out(limits: QueryLimits) -> QueryTimeout:
    return QueryTimeout(f"the query ran longer than {limits.timeout:g} s and was stopped")


def _outcome(limits: QueryLimits, answer: tuple | None, exitcode: int | None):
    """What a confined child's ``(status, payload)`` means here; ``None``: it ended with ``exitcode``, no answer."""
    if answer is None:
        if DEATHS.get(exitcode) == "memory":
            raise out_of_memory(limits.max_memory)
        raise AikgError(f"the query process ended without an answer (exit code {exitcode})")
    status, payload = answer
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
    kg.refresh_union()
    for q in named_queries():
        if q.is_check:  # the project's own queries: no user text, so no checks and no child process
            res = _evaluate(kg, substitute(q.text, {k: str(v) for k, v in query_bindings(q).items()}), None)
            if res.terms or res.boolean:
                found[q.name] = res
    return found
