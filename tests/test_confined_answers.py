"""An answer comes out of the confined query process as Oxigraph wrote it (graph.sparql.packed): the same
terms as a query run in this process, every kind of term, and the same row limit. A read-only store keeps
its confined process from query to query (graph.sparql.kept)."""
from __future__ import annotations

import os
import resource
import socket

import pyoxigraph as ox
import pytest

from conftest import DATA
from graph.errors import AikgError, QueryOutOfMemory, QuerySyntaxError, QueryTimeout, QueryTooLarge
from graph.rdf.persist import open_store
from graph.rdf.store import KnowledgeGraph
from graph.sparql.kept import _KEPT, KeptProcess
from graph.sparql.query import QueryLimits, _outcome, named_queries, query_bindings, run_query
from graph.storebuild import build_store

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


# ---------------------------------------------------------------- a read-only store keeps its query process
@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The shipped data as an on-disk store, opened read-only (as ``aikg query --store`` opens it)."""
    path = tmp_path_factory.mktemp("kept") / "store"
    build_store([DATA], path, checks=False)
    return open_store(path, read_only=True)


def _kept(kg, max_memory: int | None = None) -> KeptProcess:
    return _KEPT[kg][(max_memory, False)]


def _open_a_socket(kg) -> str:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    return "the network was reachable"


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def test_a_read_only_store_answers_query_after_query_from_one_kept_confined_process(store):
    who = "SELECT ?org WHERE { kg:gpt-3 aikg:developedBy ?org }"
    first = run_query(store, who, limits=CONFINED)
    kept = _kept(store)
    again = run_query(store, who, limits=CONFINED)
    assert first.terms == again.terms == [[ox.NamedNode("https://w3id.org/aiekg/id/openai")]]
    assert _kept(store) is kept and kept.proc.is_alive() and kept.proc.pid != os.getpid()
    with pytest.raises(QuerySyntaxError):
        run_query(store, "SELECT ?x WHERE {", limits=CONFINED)
    assert _kept(store) is kept, "an error is an answer: the process stays"
    with kept.lock, pytest.raises(AikgError, match="SPARQL evaluation failed: .*(denied|not permitted)"):
        _outcome(CONFINED, kept.call(5, _open_a_socket), kept.proc.exitcode)  # confined, as a fresh fork is


def test_a_query_past_its_limit_kills_the_kept_process_and_the_next_query_gets_a_new_one(store):
    run_query(store, "ASK { ?s ?p ?o }", limits=CONFINED)
    before = _kept(store)
    with pytest.raises(QueryTimeout):
        run_query(store, SLOW, limits=QueryLimits(timeout=1))
    before.proc.join(5)
    assert not before.proc.is_alive()
    assert run_query(store, "ASK { kg:gpt-3 ?p ?o }", limits=CONFINED).boolean is True
    assert _kept(store) is not before


def _cpu_limit(kg) -> int:
    return resource.getrlimit(resource.RLIMIT_CPU)[0]


def test_a_query_without_a_time_limit_is_not_held_to_the_last_querys_cpu_backstop(store):
    memory = QueryLimits(max_memory=400 * 2**20)  # confined, with no time limit
    run_query(store, "ASK { ?s ?p ?o }", limits=QueryLimits(timeout=2, max_memory=memory.max_memory))
    kept = _kept(store, memory.max_memory)
    with kept.lock:
        assert _outcome(memory, kept.call(2, _cpu_limit), None) < 60, "a query with a limit has a backstop"
        assert _outcome(memory, kept.call(None, _cpu_limit), None) == resource.getrlimit(resource.RLIMIT_CPU)[1]


def test_a_kept_process_that_runs_out_of_memory_is_replaced(store):
    limits = QueryLimits(timeout=30, max_memory=200 * 2**20)
    doubling = " ".join(f"BIND(CONCAT(?s{i - 1}, ?s{i - 1}) AS ?s{i})" for i in range(1, 28))
    with pytest.raises(QueryOutOfMemory):
        run_query(store, f'SELECT (STRLEN(?s27) AS ?n) WHERE {{ BIND("abcdefghijklmnop" AS ?s0) {doubling} }}', limits=limits)
    assert run_query(store, "ASK { kg:gpt-3 ?p ?o }", limits=limits).boolean is True


def test_queries_from_two_threads_at_once_both_answer(store):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                                    limits=CONFINED).terms, range(8)))
    assert all(a == answers[0] for a in answers) and int(answers[0][0][0].value) > 1000


def test_a_graph_that_can_change_is_never_answered_from_a_kept_process(odd_terms):
    run_query(odd_terms, "ASK { ?s ?p ?o }", limits=CONFINED)
    assert odd_terms not in _KEPT
    odd_terms.add_quads([ox.Quad(ox.NamedNode(E + "new"), ox.NamedNode(E + "p"), ox.Literal("new"), ox.NamedNode(E + "g"))])
    assert run_query(odd_terms, "ASK { ?s ?p 'new' }", limits=CONFINED).boolean is True


def test_the_kept_process_ends_when_its_graph_is_dropped(tmp_path):
    import gc

    build_store([DATA], tmp_path / "store", checks=False)
    kg = open_store(tmp_path / "store", read_only=True)
    run_query(kg, "ASK { ?s ?p ?o }", limits=CONFINED)
    proc = _kept(kg).proc
    del kg
    gc.collect()
    proc.join(10)
    assert proc.exitcode == 0, "no query process is left behind by a graph nobody holds"
