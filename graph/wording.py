"""How command output says a count: one rule for plurals, one phrase for the graphs of a dataset.

Every summary line of the commands counts with :func:`count`, so that one
thing reads "1 violation" and two read "2 violations"; every line that counts
the named graphs of a dataset says it with :func:`source_graphs`, the same way
everywhere: the sources' graphs, and the ontology's graph beside them.

>>> count(1, "violation"), count(2, "violation"), count(0, "entity")
('1 violation', '2 violations', '0 entities')
>>> source_graphs(["https://e/a", "https://e/b", ONTOLOGY_IRI])
'2 source graphs (+ the ontology)'
"""
from __future__ import annotations

from typing import Iterable

from graph.namespaces import ONTOLOGY_IRI

_ES = ("s", "x", "z", "ch", "sh")
_VOWELS = "aeiou"


def plural(word: str) -> str:
    """The English plural of ``word`` (of its last word, for a phrase), by the regular rules.

    >>> [plural(w) for w in ("graph", "entity", "query", "day", "match", "RDF file")]
    ['graphs', 'entities', 'queries', 'days', 'matches', 'RDF files']
    """
    if word.endswith("y") and len(word) > 1 and word[-2].lower() not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(_ES):
        return word + "es"
    return word + "s"


def count(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one (``many``: an irregular plural).

    >>> count(1, "check"), count(3, "check"), count(2, "person", "people"), count(1, "RDF file")
    ('1 check', '3 checks', '2 people', '1 RDF file')
    """
    return f"{n} {word if n == 1 else many or plural(word)}"


def graph_count(sources: int, ontology: bool, noun: str = "source graph") -> str:
    """``sources`` graphs of sources, and the ontology's beside them if ``ontology``.

    With ``noun=""`` only the number (and the ontology) are said, for a second
    count of the same thing in one line ("24 (+ the ontology) unchanged").

    >>> graph_count(25, True), graph_count(1, False), graph_count(0, True, noun="")
    ('25 source graphs (+ the ontology)', '1 source graph', '0 (+ the ontology)')
    """
    return (count(sources, noun) if noun else str(sources)) + (" (+ the ontology)" if ontology else "")


def source_graphs(names: Iterable[str], noun: str = "source graph") -> str:
    """:func:`graph_count` of the named graphs ``names`` (graph IRIs; the ontology's is :data:`ONTOLOGY_IRI`).

    >>> source_graphs(["https://e/a"]), source_graphs([ONTOLOGY_IRI], noun="")
    ('1 source graph', '0 (+ the ontology)')
    """
    names = list(names)
    ontology = ONTOLOGY_IRI in names
    return graph_count(len(names) - ontology, ontology, noun)
