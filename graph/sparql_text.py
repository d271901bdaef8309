"""A small SPARQL tokenizer: enough to know what a query does before running it.

It skips strings, IRIs and comments, so that a keyword inside a literal or a
URL is never mistaken for one. It finds the query form, SERVICE clauses, the
IRIs of FROM / FROM NAMED, and substitutes parameters (SEP-0007 style: every
occurrence of the variable becomes the RDF term, serialized as N-Triples).

>>> [t.text for t in tokens('SELECT ?x WHERE { ?x rdfs:label "SERVICE" } # SERVICE')]
['SELECT', '?x', 'WHERE', '{', '?x', 'rdfs:label', '"SERVICE"', '}']
>>> query_form('PREFIX a: <http://a/> ASK { ?s ?p ?o }')
'ASK'
>>> uses_service('SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }')
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from graph.errors import AikgError

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[\w.\-:%\u00B7\u00C0-\uFFFF]*)?|:[\w.\-:%\u00C0-\uFFFF]*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.*/|^!=<>+\-@])
    """,
    re.X,
)
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


@dataclass(frozen=True)
class Token:
    """One token: its kind (string, iri, var, word, number, punct) and place."""

    kind: str
    text: str
    start: int
    end: int


def tokens(query: str) -> Iterator[Token]:
    """The tokens of a query, without whitespace and comments.

    An unterminated string or a character no SPARQL token starts with is kept
    as a one-character ``punct`` token: the engine's parser reports the error.
    """
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if m is None or m.end() == pos:
            yield Token("punct", query[pos], pos, pos + 1)
            pos += 1
            continue
        kind = m.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            yield Token(kind, m.group(), m.start(), m.end())
        pos = m.end()


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, an update keyword (INSERT, LOAD, ...), or ''."""
    for t in tokens(query):
        word = t.text.upper()
        if t.kind == "word" and (word in QUERY_FORMS or word in UPDATE_FORMS):
            return word
    return ""


def uses_service(query: str) -> bool:
    """True if the query has a SERVICE clause (which would fetch from the network)."""
    return any(t.kind == "word" and t.text.upper() == "SERVICE" for t in tokens(query))


def prefixes_declared(query: str) -> dict[str, str]:
    """The ``PREFIX p: <iri>`` declarations of the query."""
    toks = list(tokens(query))
    out = {}
    for i, t in enumerate(toks[:-2]):
        if t.kind == "word" and t.text.upper() == "PREFIX" and toks[i + 2].kind == "iri":
            out[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
    return out


def dataset_iris(query: str, known_prefixes: dict[str, str]) -> list[str]:
    """The IRIs named by FROM and FROM NAMED, prefixed names expanded.

    >>> dataset_iris("SELECT * FROM kg:a FROM NAMED <http://b> { ?s ?p ?o }", {"kg": "http://k/"})
    ['http://k/a', 'http://b']
    """
    prefixes = {**known_prefixes, **prefixes_declared(query)}
    toks = list(tokens(query))
    out = []
    for i, t in enumerate(toks):
        if t.kind != "word" or t.text.upper() != "FROM":
            continue
        j = i + 1
        if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "NAMED":
            j += 1
        if j >= len(toks):
            break
        target = toks[j]
        if target.kind == "iri":
            out.append(target.text[1:-1])
        elif target.kind == "word" and ":" in target.text:
            prefix, _, local = target.text.partition(":")
            if prefix not in prefixes:
                raise AikgError(f"FROM uses the undeclared prefix {prefix!r}")
            out.append(prefixes[prefix] + local)
    return out


def projected_variables(query: str) -> set[str]:
    """Variables named in a SELECT clause (before the WHERE group), without ? or $."""
    out: set[str] = set()
    selecting = False
    depth = 0
    for t in tokens(query):
        if t.kind == "word" and t.text.upper() == "SELECT" and depth == 0:
            selecting = True
        elif t.text == "{":
            if selecting and depth == 0:
                break
            depth += 1
        elif t.text == "}":
            depth -= 1
        elif selecting and t.kind == "word" and t.text.upper() in ("WHERE", "FROM"):
            break
        elif selecting and t.kind == "var":
            out.add(t.text[1:])
    return out


def substitute(query: str, values: dict[str, str]) -> str:
    """Replace every occurrence of each variable by an already serialized RDF term.

    ``values`` maps a variable name to the N-Triples form of a term (``str()``
    of a pyoxigraph term), so user text never enters the query unescaped.

    >>> substitute('SELECT ?l { ?m rdfs:label ?l FILTER(?m = ?model) }', {"model": "<http://m>"})
    'SELECT ?l { ?m rdfs:label ?l FILTER(?m = <http://m>) }'
    """
    if not values:
        return query
    projected = projected_variables(query) & set(values)
    if projected:
        raise AikgError(f"parameter ?{sorted(projected)[0]} is also a result column; "
                        "a parameter must not be selected")
    out, pos = [], 0
    for t in tokens(query):
        if t.kind == "var" and t.text[1:] in values:
            out.append(query[pos:t.start])
            out.append(values[t.text[1:]])
            pos = t.end
    out.append(query[pos:])
    return "".join(out)
