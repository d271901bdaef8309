"""An answer comes out of the confined query process as Oxigraph wrote it (graph.sparql.packed): the same
terms as a query run in this process, every kind of term, and the same row limit."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.errors import QueryTooLarge
from graph.rdf.store import KnowledgeGraph
from graph.sparql.query import QueryLimits, named_queries, query_bindings, run_query

XSD = "http://www.w3.org/2001/XMLSchema#"
E = "https://example.org/"
CONFINED = QueryLimits(timeout=60)


@pytest.fixture(scope="module")
def odd_terms() -> KnowledgeGraph:
    """Terms that a text form could change: tabs and line breaks, quotes, CJK, lang tags, numbers that
    have a short form in TSV, blank nodes, an empty string."""
    kg = KnowledgeGraph()
    g = ox.NamedNode(E + "source")
    objects = [ox.Literal("tab\there\nline two\r\n \"quoted\" \\ back"), ox.Literal("清华大学", language="zh"),
               ox.Literal("Meta AI", language="en-GB"), ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
               ox.Literal("-0.50", datatype=ox.NamedNode(XSD + "decimal")),
               ox.Literal("1.5E3", datatype=ox.NamedNode(XSD + "double")),
               ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
               ox.Literal("2023-03-14", datatype=ox.NamedNode(XSD + "date")),
               ox.Literal("not a number", datatype=ox.NamedNode(XSD + "integer")), ox.Literal(""),
               ox.NamedNode(E + "q?x=1&y=%C3%A9#frag"), ox.BlankNode("b1")]
    kg.add_quads([ox.Quad(ox.NamedNode(E + f"s{i}"), ox.NamedNode(E + "p"), o, g) for i, o in enumerate(objects)]
                 + [ox.Quad(ox.BlankNode("b1"), ox.NamedNode(E + "p"), ox.BlankNode("b2"), g)])
    return kg


SELECTS = ["SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <https://example.org/none> ?missing } } ORDER BY STR(?s)",
           "SELECT * WHERE { }", "SELECT ?x WHERE { FILTER(false) }",
           "SELECT (COUNT(*) AS ?n) (SUM(IF(isLiteral(?o), 1, 0)) AS ?lits) WHERE { ?s ?p ?o }"]


@pytest.mark.parametrize("query", SELECTS)
def test_a_confined_select_gives_the_same_terms_as_one_run_here(odd_terms, query):
    here, there = run_query(odd_terms, query), run_query(odd_terms, query, limits=CONFINED)
    assert there.variables == here.variables
    assert there.terms == here.terms


def test_a_confined_construct_and_ask_give_the_same_answers(odd_terms):
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    here, there = run_query(odd_terms, construct), run_query(odd_terms, construct, limits=CONFINED)
    assert sorted(map(str, there.triples)) == sorted(map(str, here.triples)) and len(here.triples) == 13
    for ask, want in (("ASK { ?s ?p '清华大学'@zh }", True), ("ASK { ?s ?p 'nothing' }", False)):
        assert run_query(odd_terms, ask, limits=CONFINED).boolean is want


def test_the_row_limit_is_the_same_in_the_confined_process(odd_terms):
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    assert len(run_query(odd_terms, query, limits=QueryLimits(timeout=60, max_rows=13)).terms) == 13
    for limits in (QueryLimits(max_rows=12), QueryLimits(timeout=60, max_rows=12)):
        with pytest.raises(QueryTooLarge, match="more than 12 rows"):
            run_query(odd_terms, query, limits=limits)
    with pytest.raises(QueryTooLarge, match="more than 3 rows"):
        run_query(odd_terms, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", limits=QueryLimits(timeout=60, max_rows=3))


def test_a_huge_answer_stops_at_the_row_limit_without_being_written_whole():
    kg = KnowledgeGraph()
    kg.add_quads(ox.Quad(ox.NamedNode(E + f"s{i}"), ox.NamedNode(E + "p"), ox.Literal(str(i)), ox.NamedNode(E + "g"))
                 for i in range(2000))
    cross = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?p ?y }"  # 4 million rows
    with pytest.raises(QueryTooLarge, match="more than 100 rows"):
        run_query(kg, cross, limits=QueryLimits(timeout=20, max_rows=100))


def test_every_named_query_answers_the_same_confined_and_here(built):
    for q in named_queries():
        b = query_bindings(q)
        here, there = run_query(built.kg, q.text, b), run_query(built.kg, q.text, b, CONFINED)
        assert (there.variables, there.terms, there.boolean) == (here.variables, here.terms, here.boolean), q.name
