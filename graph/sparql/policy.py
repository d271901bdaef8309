"""One rule for every query aikg runs or sends: what it may do, decided on the parsed query.

The command line, the endpoint and remote queries all call :func:`check_query`.
It refuses updates (``INSERT``, ``LOAD``, ...), ``SERVICE`` (unless allowed) and
queries longer than :data:`MAX_QUERY_BYTES`, and names the graphs that
``FROM`` / ``FROM NAMED`` ask for, so that the caller can refuse any that is not
in the dataset.

Two readers look at the query, and a SERVICE seen by either is refused:

- rdflib's SPARQL parser gives the parse tree; a ``ServiceGraphPattern``
  anywhere in it is a SERVICE call, whatever the spelling around it.
- the tokenizer of :mod:`graph.sparql.text` follows SPARQL's lexical rules
  (comments end at CR or LF, keywords have no dots, ``\\#`` inside a prefixed
  name is not a comment), which rdflib's parser does not always do.

Parsers can disagree, so the rule is not the last line: local queries run in a
process that cannot open network sockets (:mod:`graph.sparql.sandbox`). Where the
query goes to another store (``strict``), a query that rdflib cannot parse is
refused, since nothing else would stop a SERVICE there.

>>> check_query("SELECT * { ?s ?p ?o }").form
'SELECT'
>>> check_query("SELECT * { ?s ?p true.SERVICE <http://127.0.0.1:9/> { } }")
Traceback (most recent call last):
graph.errors.QueryRefused: SERVICE would query another endpoint over the network (<http://127.0.0.1:9/>); it is off unless you allow it (--allow-service)
"""
from __future__ import annotations

from dataclasses import dataclass

from graph.errors import AikgError, QueryRefused, QuerySyntaxError, QueryTooLong
from graph.namespaces import PREFIXES
from graph.sparql.text import QUERY_FORMS, UPDATE_FORMS, Token, dataset_iris, tokens

#: The longest query text accepted, in bytes of UTF-8.
MAX_QUERY_BYTES = 256 * 1024

_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class QueryPlan:
    """What a query does, as far as the rules care: its form and the graphs FROM names."""

    form: str
    dataset: tuple[str, ...] = ()
    parsed: bool = False


def check_size(sparql: str) -> None:
    """Refuse a query longer than :data:`MAX_QUERY_BYTES` (before any other work is done on it).

    >>> check_size("x" * (MAX_QUERY_BYTES + 1))
    Traceback (most recent call last):
    graph.errors.QueryTooLong: the query is 262,145 bytes; aikg takes queries up to 256 KB
    """
    size = len(sparql.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise QueryTooLong(f"the query is {size:,} bytes; aikg takes queries up to {MAX_QUERY_BYTES // 1024} KB")


def update_refused(form: str | None = None) -> QueryRefused:
    """The one refusal of an update, wherever it comes from (a query, a form field, a request type).

    >>> str(update_refused("DROP"))
    'DROP is an update; the graph is read-only here (build it from data instead)'
    """
    return QueryRefused(f"{form or 'this'} is an update; the graph is read-only here (build it from data instead)")


def check_query(sparql: str, allow_service: bool = False, strict: bool = False,
                prefixes: dict[str, str] = PREFIXES) -> QueryPlan:
    """Check a query against the rules; raise :class:`QueryRefused` (or a subclass of ``AikgError``).

    ``strict``: the query goes to another store, so it must parse here too.
    """
    check_size(sparql)
    toks = list(tokens(sparql))
    form = next((t.text.upper() for t in toks if t.kind == "word"
                 and t.text.upper() in QUERY_FORMS | UPDATE_FORMS), "")
    if form in UPDATE_FORMS:
        raise update_refused(form)
    services = [_service_target(toks, i) for i, t in enumerate(toks) if t.kind == "word" and t.text.upper() == "SERVICE"]
    if services and not allow_service:
        raise _service_refused(services[0])
    tree = None
    if strict or _may_hide_a_service(sparql):
        tree, problem = _parse(sparql)
        if tree == "update":
            raise update_refused()
        if tree is None and strict:
            raise QuerySyntaxError(f"SPARQL syntax error (aikg checks a query before it sends it): {problem}")
    if tree is not None:
        form = _FORMS.get(getattr(tree[1], "name", ""), form)
        services += [f"<{n.get('term')}>" for n in _nodes(tree) if n.name == "ServiceGraphPattern"]
    if services and not allow_service:
        raise _service_refused(services[0])
    dataset = _dataset_from_tokens(toks, sparql, prefixes)
    if tree is not None:
        dataset += [d for d in _dataset_from_tree(tree, prefixes) if d not in dataset]
    return QueryPlan(form, tuple(dataset), tree is not None)


def _service_refused(target: str) -> QueryRefused:
    return QueryRefused(f"SERVICE would query another endpoint over the network ({target}); "
                        "it is off unless you allow it (--allow-service)")


def _may_hide_a_service(sparql: str) -> bool:
    """Whether any reader could find SERVICE here: the word in any case, or an escape that could spell it."""
    folded = sparql.casefold()
    return "service" in folded or "\\u" in folded


def _service_target(toks: list[Token], i: int) -> str:
    rest = [t.text for t in toks[i + 1:i + 3]]
    target = rest[1] if rest and rest[0].upper() == "SILENT" and len(rest) > 1 else (rest[0] if rest else "")
    return target or "SERVICE"


def _parse(sparql: str):
    """rdflib's parse tree of a query (or ``"update"``, or None if it does not parse), and why not."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseQuery(sparql), ""
    except RecursionError:
        return None, "the query is nested too deeply"
    except Exception as exc:  # noqa: BLE001 - pyparsing's errors: not readable here
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    try:
        parseUpdate(sparql)
        return "update", ""
    except Exception:  # noqa: BLE001
        return None, problem


def _nodes(tree):
    """Every rdflib ``CompValue`` in a parse tree, without recursion."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        x = stack.pop()
        if isinstance(x, CompValue):
            yield x
            stack.extend(x.values())
        elif isinstance(x, (list, tuple)) or type(x).__name__ == "ParseResults":
            stack.extend(x)


def _declared(tree, prefixes: dict[str, str]) -> dict[str, str]:
    out = dict(prefixes)
    for n in _nodes(tree[0]):
        if n.name == "PrefixDecl":
            out[n.get("prefix") or ""] = str(n.get("iri"))
    return out


def _dataset_from_tree(tree, prefixes: dict[str, str]) -> list[str]:
    known = _declared(tree, prefixes)
    out = []
    for n in _nodes(tree[1]):
        if n.name != "DatasetClause":
            continue
        iri = n.get("default", n.get("named"))
        if getattr(iri, "name", "") == "pname":
            prefix = iri.get("prefix") or ""
            if prefix not in known:
                raise QuerySyntaxError(f"FROM uses the undeclared prefix {prefix!r}")
            out.append(known[prefix] + (iri.get("localname") or ""))
        elif iri is not None:
            out.append(str(iri))
    return out


def _dataset_from_tokens(toks: list[Token], sparql: str, prefixes: dict[str, str]) -> list[str]:
    if not any(t.kind == "word" and t.text.upper() == "FROM" for t in toks):
        return []
    try:
        return dataset_iris(sparql, prefixes)
    except QuerySyntaxError:
        raise
    except AikgError as exc:
        raise QuerySyntaxError(exc.message) from None
