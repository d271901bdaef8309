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
    (?P<ws>[ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<name>(?:[A-Za-z_\u00C0-\uFFFF]|:)(?:[\w.\-:%\u00B7\u00C0-\uFFFF]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.*/|^!=<>+\-@])
    """,
    re.X,
)
_LINE_END = re.compile(r"[\r\n]")
_KEYWORD_PART = re.compile(r"[^.\-]+|[.\-]")
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
    r"""The tokens of a query, without whitespace and comments, in one linear pass.

    The rules are SPARQL's: a comment ends at CR or LF; only space, tab, CR and
    LF are whitespace; a name without a colon is a keyword, which has no dots
    (``true.SERVICE`` is ``true`` ``.`` ``SERVICE``); a prefixed name may hold
    dots but not end with one, and ``\#`` inside it is part of the name, not a
    comment. An unterminated string is an ``error`` token to the end of its
    line (scanning on from each quote in it would take quadratic time), and a
    character no SPARQL token starts with is a one-character ``punct`` token:
    the engine's parser reports both.

    >>> [t.text for t in tokens('?s ?p true.SERVICE <x> { }')]
    ['?s', '?p', 'true', '.', 'SERVICE', '<x>', '{', '}']
    >>> [t.text for t in tokens('?s ex:p\\# . # note\r SERVICE')]
    ['?s', 'ex:p\\#', '.', 'SERVICE']
    """
    pos = 0
    n = len(query)
    while pos < n:
        m = _TOKEN.match(query, pos)
        if m is None and query[pos] in "'\"":  # an unterminated string: the rest of its line is an error
            end = _LINE_END.search(query, pos)
            end = end.start() if end else n
            yield Token("error", query[pos:end], pos, end)
            pos = end
            continue
        if m is None or m.end() == pos:
            yield Token("punct", query[pos], pos, pos + 1)
            pos += 1
            continue
        kind = m.lastgroup or "punct"
        if kind == "name":
            yield from _name_tokens(m.group(), m.start())
        elif kind not in ("ws", "comment"):
            yield Token(kind, m.group(), m.start(), m.end())
        pos = m.end()


def _name_tokens(text: str, start: int) -> Iterator[Token]:
    """A run of name characters as SPARQL reads it: one prefixed name (trailing dots apart),
    or keywords separated by dots and hyphens."""
    if ":" in text:
        name = text.rstrip(".")
        if name.endswith("\\"):  # an escaped final dot belongs to the name
            name = text[:len(name) + 1]
        yield Token("word", name, start, start + len(name))
        for i in range(start + len(name), start + len(text)):
            yield Token("punct", ".", i, i + 1)
        return
    for m in _KEYWORD_PART.finditer(text):
        part = m.group()
        kind = "punct" if part in (".", "-") else "word"
        yield Token(kind, part, start + m.start(), start + m.end())


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


def line_column(text: str, offset: int) -> tuple[int, int]:
    r"""The 1-based line and column (in characters) of ``offset`` in ``text``.

    >>> line_column("SELECT *\n{ ?s ?p ?o }", 11)
    (2, 3)
    """
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def undeclared_prefix(query: str, known: dict[str, str]) -> Token | None:
    """The first prefixed name whose prefix is neither in ``known`` nor declared by the query.

    >>> undeclared_prefix("PREFIX ex: <http://e/> SELECT * { ?s ex:p nope:x }", {"kg": "http://k/"}).text
    'nope:x'
    """
    declared = {**known, **prefixes_declared(query)}
    for t in tokens(query):
        if t.kind == "word" and ":" in t.text and not t.text.startswith("_:"):
            if t.text.partition(":")[0] not in declared:
                return t
    return None


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
