"""Values that sources disagree on: one rule for SHACL's findings, the build's count and the page.

Each source states its facts in its own named graph, so two sources may give a
property that takes one value two different values (GPT-2's parameters: 1,542
million in its paper, 1.5 billion in a database). That is a disagreement between
sources, kept side by side, not an error; two values in one source's graph
still are. Values that say the same at two precisions (2020 and 2020-05-28, 1.5e9
and 1500000000) are one fact, not a disagreement (:func:`same_fact`).

>>> import pyoxigraph as ox
>>> y, d = ox.Literal("2020", datatype=ox.NamedNode(XSD + "gYear")), ox.Literal("2020-05-28", datatype=ox.NamedNode(XSD + "date"))
>>> same_fact(y, d), same_fact(ox.Literal("1500000000", datatype=ox.NamedNode(XSD + "integer")), ox.Literal("1542000000", datatype=ox.NamedNode(XSD + "integer")))
(True, False)
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from graph.namespaces import ONTOLOGY_IRI, XSD

DATES = {XSD + "gYear", XSD + "gYearMonth", XSD + "date", XSD + "dateTime"}
NUMBERS = {XSD + t for t in ("integer", "decimal", "double", "float", "long", "int", "nonNegativeInteger",
                             "positiveInteger")}


def same_fact(a, b) -> bool:
    """Whether two values state the same thing: equal, one date within the other, or numbers of equal value."""
    if a == b:
        return True
    if not (isinstance(a, ox.Literal) and isinstance(b, ox.Literal)):
        return False
    da, db = a.datatype.value, b.datatype.value
    if da in DATES and db in DATES:
        short, long = sorted((a.value, b.value), key=len)
        return long.startswith(short)
    if da in NUMBERS and db in NUMBERS:
        try:
            return Decimal(a.value) == Decimal(b.value)
        except InvalidOperation:
            return False
    return False


def values_by_source(kg, subject: ox.NamedNode, predicate: ox.NamedNode) -> dict[str, list]:
    """Source graph IRI → the values it states for (subject, predicate)."""
    out: dict[str, list] = defaultdict(list)
    onto = ox.NamedNode(ONTOLOGY_IRI)
    for q in kg.store.quads_for_pattern(subject, predicate, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != onto:
            out[q.graph_name.value].append(q.object)
    return dict(out)


def verdict(by_source: dict[str, list]) -> str:
    """``one`` (every value the same fact), ``sources`` (sources disagree, each stating one fact) or ``source``
    (a source states two different facts itself).

    >>> i = lambda v: ox.Literal(v, datatype=ox.NamedNode(XSD + "integer"))
    >>> verdict({"a": [i("1")], "b": [i("1")]}), verdict({"a": [i("1")], "b": [i("2")]}), verdict({"a": [i("1"), i("2")]})
    ('one', 'sources', 'source')
    """
    for values in by_source.values():
        if any(not same_fact(x, y) for k, x in enumerate(values) for y in values[k + 1:]):
            return "source"
    every = [v for values in by_source.values() for v in values]
    return "one" if all(same_fact(every[0], v) for v in every[1:]) else "sources"


def disputed(kg, predicates) -> list[tuple[str, str]]:
    """(subject IRI, predicate IRI) of every fact that sources disagree on, for the given one-valued predicates.

    Linear in the quads of those predicates; sorted.

    >>> from graph.rdf.store import KnowledgeGraph
    >>> kg = KnowledgeGraph(); kg.load_nquads([b'<http://e/m> <http://e/n> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/a> .\\n',
    ...     b'<http://e/m> <http://e/n> "2"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/b> .\\n'])
    >>> disputed(kg, ["http://e/n"])
    [('http://e/m', 'http://e/n')]
    """
    out = []
    onto = ox.NamedNode(ONTOLOGY_IRI)
    for p in predicates:
        by_subject: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for q in kg.store.quads_for_pattern(None, ox.NamedNode(p), None, None):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != onto and isinstance(q.subject, ox.NamedNode):
                by_subject[q.subject.value][q.graph_name.value].append(q.object)
        out += [(s, p) for s, graphs in by_subject.items() if len(graphs) > 1 and verdict(graphs) == "sources"]
    return sorted(out)
