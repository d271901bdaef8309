"""Attacks on the query rules from the command line and the library: SERVICE spelled to slip past
a tokenizer, over-long and pathological queries, memory bombs, and stores that answer garbage.

Every SERVICE test runs a real listener on 127.0.0.1 and asserts that it saw no request.
"""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from graph.sparql import query as query_module
from graph.cli import main
from graph.errors import QueryOutOfMemory, QueryRefused, QueryTooLong
from graph.sparql.query import QueryLimits, run_query
from graph.sparql.sandbox import network_can_be_denied
from graph.sparql.policy import MAX_QUERY_BYTES, QueryPlan

from listener import Listener

#: SERVICE clauses that a word-by-word reading of the query did not see (each reached the listener before).
HIDDEN_SERVICES = {
    "after-true-dot": "SELECT * WHERE {{ ?s ?p true.SERVICE <{url}/x> {{ ?a ?b ?c }} }}",
    "after-false-dot": "SELECT * WHERE {{ ?s ?p false.SERVICE <{url}/x> {{ ?a ?b ?c }} }}",
    "after-language-tag-dot": 'SELECT * WHERE {{ ?s ?p "x"@en.SERVICE <{url}/x> {{ ?a ?b ?c }} }}',
    "after-comment-ended-by-cr": "SELECT * WHERE {{ ?s ?p ?o . # hidden\r SERVICE <{url}/x> {{ ?a ?b ?c }} }}",
    "after-escaped-hash-in-a-name": "SELECT * WHERE {{ ?s kg:p\\# ?o . SERVICE <{url}/x> {{ ?a ?b ?c }} }}",
    "lowercase-silent-in-optional": "SELECT * WHERE {{ OPTIONAL {{ service silent <{url}/x> {{ ?a ?b ?c }} }} }}",
    "inside-exists-filter": "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/x> {{ ?a ?b ?c }} }} }}",
}


def cli(out, *args):
    return CliRunner().invoke(main, ["query", "--graph", str(out / "graph.trig"), *args])


@pytest.mark.parametrize("name", sorted(HIDDEN_SERVICES))
def test_hidden_service_from_the_command_line_is_refused_and_reaches_no_one(built_out, name):
    with Listener() as remote:
        res = cli(built_out, HIDDEN_SERVICES[name].format(url=remote.url))
        time.sleep(0.2)
    assert remote.requests == []
    assert res.exit_code == 1, res.output
    assert "SERVICE" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("name", sorted(HIDDEN_SERVICES))
def test_hidden_service_through_the_library_is_refused(built, name):
    with Listener() as remote:
        with pytest.raises(QueryRefused, match="SERVICE"):
            run_query(built.kg, HIDDEN_SERVICES[name].format(url=remote.url))
    assert remote.requests == []


@pytest.mark.skipif(not network_can_be_denied(), reason="the no-network filter is Linux-only")
def test_a_service_that_gets_past_every_check_still_cannot_open_a_socket(built, monkeypatch):
    """The engine itself cannot reach the network: the checks are switched off here, and nothing leaves."""
    monkeypatch.setattr(query_module, "check_query", lambda text, allow_service=False: QueryPlan("SELECT"))
    with Listener() as remote:
        with pytest.raises(QueryRefused, match="may not"):
            run_query(built.kg, f"SELECT * WHERE {{ SERVICE <{remote.url}/x> {{ ?s ?p ?o }} }}",
                      limits=QueryLimits(timeout=10))
        time.sleep(0.2)
    assert remote.requests == []


def test_a_service_error_never_shows_what_the_remote_endpoint_answered(built):
    with Listener(status=404, body=b"secret-token-4711 from the intranet", content_type="text/plain") as remote:
        res = CliRunner().invoke(main, ["query", "--data", "data", "--allow-service",
                                        f"SELECT * WHERE {{ SERVICE <{remote.url}/x> {{ ?s ?p ?o }} }}"])
    assert len(remote.requests) == 1  # allowed, so it was asked
    assert res.exit_code == 1
    assert "secret-token-4711" not in res.output and "not shown" in res.output


def test_a_query_over_the_size_limit_is_refused_before_it_runs(built):
    text = "SELECT * WHERE { ?s ?p ?o } " + "#" * MAX_QUERY_BYTES
    with pytest.raises(QueryTooLong, match="up to 256 KB"):
        run_query(built.kg, text, limits=QueryLimits(timeout=10))


@pytest.mark.parametrize("piece", ["'\\", '"\\', "'''\\", "true.", "ex:a.", "<a"])
def test_a_pathological_query_is_checked_within_the_time_limit(built, piece):
    """Each of these took quadratic time in the checks, which ran before any time limit started."""
    text = "SELECT * WHERE { ?s ?p ?o } " + piece * (200_000 // len(piece))
    start = time.monotonic()
    with pytest.raises(Exception) as err:
        run_query(built.kg, text, limits=QueryLimits(timeout=5))
    assert time.monotonic() - start < 5 + 5  # the limit, and the time to start and stop a process
    assert err.type.__module__ == "graph.errors"


def _doubling_query(steps: int) -> str:
    binds = " ".join(f"BIND(CONCAT(?s{i - 1}, ?s{i - 1}) AS ?s{i})" for i in range(1, steps + 1))
    return f'SELECT (STRLEN(?s{steps}) AS ?n) WHERE {{ BIND("abcdefghijklmnop" AS ?s0) {binds} }}'


def test_a_string_doubling_query_is_stopped_at_the_memory_limit(built_out):
    res = cli(built_out, "--max-memory", "200", _doubling_query(27))  # 2 GB of text if nothing stops it
    assert res.exit_code == 1
    assert "used more than 200 MB" in res.output and "Traceback" not in res.output


def test_the_memory_limit_leaves_ordinary_queries_alone(built):
    res = run_query(built.kg, _doubling_query(10), limits=QueryLimits(timeout=10, max_memory=200 * 2**20))
    assert res.rows == [[str(16 * 2**10)]]
    with pytest.raises(QueryOutOfMemory):
        run_query(built.kg, _doubling_query(27), limits=QueryLimits(timeout=30, max_memory=200 * 2**20))


def test_a_store_that_answers_html_is_a_clear_error_not_a_traceback():
    with Listener(body=b"<html><body>Welcome</body></html>", content_type="text/html") as remote:
        res = CliRunner().invoke(main, ["query", "--endpoint", remote.url + "/", "SELECT * WHERE { ?s ?p ?o }"])
        graph_res = CliRunner().invoke(main, ["query", "--endpoint", remote.url + "/",
                                              "CONSTRUCT WHERE { ?s ?p ?o }"])
    for r in (res, graph_res):
        assert r.exit_code == 1 and not isinstance(r.exception, (ValueError, SyntaxError)), r.output
        assert "is it a SPARQL query endpoint" in r.output and "Traceback" not in r.output


def test_a_remote_query_with_a_hidden_service_is_not_sent():
    with Listener() as remote:
        res = CliRunner().invoke(main, ["query", "--endpoint", remote.url + "/sparql",
                                        HIDDEN_SERVICES["after-comment-ended-by-cr"].format(url=remote.url)])
    assert res.exit_code == 1 and "SERVICE" in res.output
    assert remote.requests == []
