"""Queries make no network or file access unless asked to, and every query has a time limit."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import QueryRefused, QueryTimeout, QueryTooLarge
from graph.sparql.query import QueryLimits, run_query

from listener import Listener

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"


def cli(out, *args):
    return CliRunner().invoke(main, ["query", "--graph", str(out / "graph.trig"), *args])


def test_service_is_refused_and_the_listener_receives_nothing(built_out):
    with Listener() as remote:
        res = cli(built_out, f"SELECT * WHERE {{ SERVICE <{remote.url}/sparql> {{ ?s ?p ?o }} }}")
        time.sleep(0.2)
    assert res.exit_code == 1
    assert "SERVICE would query another endpoint" in res.output
    assert remote.requests == []


def test_service_inside_a_string_or_comment_is_not_a_service_call(built):
    res = run_query(built.kg, 'SELECT ?x WHERE { BIND("SERVICE <http://x/>" AS ?x) } # SERVICE')
    assert res.rows == [["SERVICE <http://x/>"]]


def test_allow_service_lets_the_query_reach_the_endpoint(built):
    """The opt-in works, which shows that the refusal above is what kept the listener quiet."""
    with Listener() as remote:
        run_query(built.kg, f"SELECT * WHERE {{ SERVICE <{remote.url}/sparql> {{ ?s ?p ?o }} }}",
                  limits=QueryLimits(allow_service=True))
    assert len(remote.requests) == 1 and remote.requests[0].startswith("POST /sparql")


@pytest.mark.parametrize("update", [
    "LOAD <{url}/data.ttl>",
    "LOAD <file:///etc/passwd> INTO GRAPH <http://x/>",
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "DROP ALL",
    "PREFIX ex: <http://x/> DELETE WHERE { ?s ?p ?o }",
])
def test_updates_and_load_are_refused(built_out, update):
    with Listener() as remote:
        res = cli(built_out, update.replace("{url}", remote.url))
        time.sleep(0.1)
    assert res.exit_code == 1 and "is an update; the graph is read-only" in res.output
    assert remote.requests == []


def test_from_a_remote_or_file_iri_is_refused_without_access(built_out):
    with Listener() as remote:
        for iri in (f"{remote.url}/data.ttl", "file:///etc/passwd"):
            for clause in ("FROM", "FROM NAMED"):
                res = cli(built_out, f"SELECT * {clause} <{iri}> WHERE {{ ?s ?p ?o }}")
                assert res.exit_code == 1, res.output
                assert "names no graph of this dataset" in res.output
    assert remote.requests == []


def test_from_a_source_graph_restricts_the_query_to_that_source(built):
    res = run_query(built.kg, "SELECT (COUNT(*) AS ?n) FROM kg:paper-codex WHERE { ?s ?p ?o }")
    n = int(res.rows[0][0])
    assert 0 < n < built.kg.data_triple_count()


def test_a_slow_query_is_stopped_at_its_time_limit(built_out):
    start = time.perf_counter()
    res = cli(built_out, "--timeout", "1", HEAVY)
    assert res.exit_code == 1
    assert "ran longer than 1 s and was stopped" in res.output
    assert time.perf_counter() - start < 15


def test_the_library_raises_timeout_and_too_large(built):
    with pytest.raises(QueryTimeout):
        run_query(built.kg, HEAVY, limits=QueryLimits(timeout=0.5))
    with pytest.raises(QueryTooLarge, match="more than 5 rows"):
        run_query(built.kg, "SELECT * WHERE { ?s ?p ?o }", limits=QueryLimits(max_rows=5))
    with pytest.raises(QueryRefused):
        run_query(built.kg, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_a_query_within_its_limit_runs_in_a_child_and_answers(built):
    res = run_query(built.kg, "SELECT ?l WHERE { kg:llama rdfs:label ?l FILTER(LANG(?l)='en') }",
                    limits=QueryLimits(timeout=10))
    assert res.rows == [["LLaMA"]]
