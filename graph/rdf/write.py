"""The one RDF writer: a graph (whole, or a subgraph) as Turtle, N-Triples, TriG, N-Quads,
JSON-LD or RDF/XML, in a stable order.

Order: an output of up to :data:`SORT_LIMIT` statements is sorted (by graph,
subject, then ``rdf:type`` and ``rdfs:label`` first, then predicate and
object), so equal graphs give equal bytes and Turtle reads grouped by subject;
a larger one streams in the store's own order (grouped by subject, the same
for the same data) without a copy.

A subgraph is given as ``keep``, the ids of the entities kept: it holds the
statements about them whose object, if it is an entity, is kept too
(qualified nodes such as ``gpt-3.q1`` follow their owner), and leaves out the ontology.

This module sits below :mod:`graph.rdf.store` (whose ``serialize`` calls it), so it
takes the graph as an argument and never imports the store.

>>> t = ox.Triple(ox.NamedNode(namespaces.ID + "a"), ox.NamedNode(RDF + "type"), ox.NamedNode(VOCAB + "Model"))
>>> print(serialize([t], "turtle").decode().splitlines()[-1])
kg:a a aikg:Model .
"""
from __future__ import annotations

import hashlib
from itertools import chain, islice
from typing import BinaryIO, Callable, Iterable, Iterator, TypeVar

import pyoxigraph as ox

from graph.formats import DATASET, rdf_syntax
from graph import namespaces
from graph.namespaces import ONTOLOGY_IRI, PREFIXES, RDF, VOCAB, slug_of  # noqa: F401 - RDF, VOCAB: the examples

#: Up to this many statements, an output is sorted for people; above, it streams in store order.
SORT_LIMIT = 200_000

T = TypeVar("T")


def in_order(statements: Iterable[T], key: Callable[[T], tuple]) -> Iterable[T]:
    """The statements sorted by ``key`` if there are at most :data:`SORT_LIMIT`, else as they come.

    >>> in_order([3, 1, 2], key=lambda n: (n,))
    [1, 2, 3]
    """
    it = iter(statements)
    head = list(islice(it, SORT_LIMIT + 1))
    if len(head) <= SORT_LIMIT:
        head.sort(key=key)
        return head
    return chain(head, it)


def in_subgraph(term, keep: set[str]) -> bool:
    """Whether a subject or object belongs to the kept entities (anything not an entity does).

    >>> in_subgraph(ox.NamedNode(namespaces.ID + "gpt-3.q1"), {"gpt-3"}), in_subgraph(ox.NamedNode(namespaces.ID + "bert"), {"gpt-3"})
    (True, False)
    """
    if not isinstance(term, ox.NamedNode) or not term.value.startswith(namespaces.ID):
        return True
    slug = slug_of(term.value)
    return slug in keep or slug.split(".", 1)[0] in keep


def _kept(s: ox.Triple | ox.Quad, keep: set[str]) -> bool:
    return (isinstance(s.subject, ox.NamedNode) and s.subject.value.startswith(namespaces.ID)
            and in_subgraph(s.subject, keep) and in_subgraph(s.object, keep))


def triples(kg, keep: set[str] | None = None) -> Iterable[ox.Triple]:
    """The union graph (or the subgraph of ``keep``), in output order.

    >>> from graph.rdf.store import KnowledgeGraph
    >>> kg = KnowledgeGraph(); kg.load_ontology()
    >>> list(triples(kg)) == kg.triples(), list(triples(kg, keep={"gpt-3"}))
    (True, [])
    """
    found: Iterator[ox.Triple] = kg.union_triples()
    if keep is not None:
        found = (t for t in found if _kept(t, keep))
    return in_order(found, triple_sort_key)


def quads(kg, keep: set[str] | None = None) -> Iterable[ox.Quad]:
    """The named graphs (or the subgraph of ``keep``, without the ontology), in output order.

    >>> from graph.rdf.store import KnowledgeGraph
    >>> kg = KnowledgeGraph(); kg.load_ontology()
    >>> {q.graph_name.value for q in quads(kg)} == {ONTOLOGY_IRI}, list(quads(kg, keep=set()))
    (True, [])
    """
    found: Iterator[ox.Quad] = kg.named_quads()
    if keep is not None:
        onto = ox.NamedNode(ONTOLOGY_IRI)
        found = (q for q in found if q.graph_name != onto and _kept(q, keep))
    return in_order(found, quad_sort_key)


def serialize(statements: Iterable, fmt: str, out: BinaryIO | None = None) -> bytes | None:
    """Triples (or quads) in the RDF syntax named ``fmt``, with the project's prefixes where the
    syntax uses them; written to ``out``, or returned as bytes.

    >>> serialize([], "png")
    Traceback (most recent call last):
    graph.errors.AikgError: unknown RDF format 'png'
    """
    return ox.serialize(statements, out, getattr(ox.RdfFormat, rdf_syntax(fmt).rdf), prefixes=PREFIXES)


def write_rdf(kg, fmt: str, out: BinaryIO | None = None, keep: set[str] | None = None) -> bytes | None:
    """The graph ``kg`` (a :class:`graph.rdf.store.KnowledgeGraph`) in ``fmt``: a dataset
    syntax (``trig``, ``nquads``) keeps one named graph per source, the others write the union.

    >>> from graph.rdf.store import KnowledgeGraph
    >>> kg = KnowledgeGraph(); kg.add_quads([ox.Quad(ox.NamedNode(namespaces.ID + "a"), ox.NamedNode(RDF + "type"),
    ...                                              ox.NamedNode(VOCAB + "Model"), ox.NamedNode("http://e/g"))])
    >>> write_rdf(kg, "nquads")
    b'<https://w3id.org/aiekg/id/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/aiekg/vocab#Model> <http://e/g> .\\n'
    """
    statements = quads(kg, keep) if rdf_syntax(fmt).carries == DATASET else triples(kg, keep)
    return serialize(statements, fmt, out)


_FIRST = {RDF + "type": "0", "http://www.w3.org/2000/01/rdf-schema#label": "1"}


def _term_key(term) -> tuple:
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.Literal):
        return (2, term.value, term.language or "", term.datatype.value)
    return (3, str(term))


def triple_sort_key(t: ox.Triple) -> tuple:
    """Sort by subject, then rdf:type and rdfs:label first, then predicate and object."""
    p = t.predicate.value
    return (_term_key(t.subject), _FIRST.get(p, "2") + p, _term_key(t.object))


def quad_sort_key(q: ox.Quad) -> tuple:
    """Sort by graph name, then as :func:`triple_sort_key`."""
    return (_term_key(q.graph_name), triple_sort_key(q.triple))


def line_hash(line: bytes) -> int:
    """The hash of one N-Triples line (without its line end) that :func:`ntriples_digest` adds up."""
    return int.from_bytes(hashlib.blake2s(line, digest_size=16).digest(), "big")


def digest_of(total: int) -> str:
    """The digest of lines whose :func:`line_hash` add up to ``total``."""
    return "%032x" % (total % (1 << 128))


def ntriples_digest(data: bytes) -> str:
    r"""A digest of N-Triples text that ignores the order of its lines: the sum of their hashes (a multiset
    hash), so equal graphs (without blank nodes) give equal digests whatever order the store wrote them in,
    and a build can sum it line by line as it writes the lines (:func:`line_hash`, :func:`digest_of`).

    >>> ntriples_digest(b"<a> <b> <c> .\n<d> <e> <f> .\n") == ntriples_digest(b"<d> <e> <f> .\n<a> <b> <c> .\n")
    True
    >>> ntriples_digest(b"<a> <b> <c> .\n") == digest_of(line_hash(b"<a> <b> <c> .")) != ntriples_digest(b"")
    True
    """
    return digest_of(sum(map(line_hash, filter(None, data.split(b"\n")))))


def ntriples_in_graph(ntriples: bytes, graph: str) -> bytes:
    r"""N-Triples lines (``... .``) as N-Quads lines of ``graph``.

    >>> ntriples_in_graph(b'<a> <b> <c> .\n', "g")
    b'<a> <b> <c> <g> .\n'
    """
    end = f" <{graph}> .".encode("utf-8")
    return b"".join(line[:-2] + end + b"\n" for line in ntriples.split(b"\n") if line)
