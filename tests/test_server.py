"""aikg serve: a SPARQL 1.1 Protocol endpoint that real clients use, read-only and safe."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib
from click.testing import CliRunner
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

from graph.cli import main
from graph.sparql.query import named_queries, query_bindings, run_query
from graph.sparql.results import format_json
from graph.sparql.server import make_server, serve_in_thread, shutdown
from graph.sparql.text import substitute

from listener import Listener
from servers import children
from test_page import render_dom
from test_sparql_safety import HEAVY

SELECT = "SELECT ?l WHERE { kg:llama rdfs:label ?l } ORDER BY ?l"


@pytest.fixture(scope="module")
def endpoint(built_out):
    server = make_server(built_out / "graph.trig", (built_out / "graph.html").read_bytes(), port=0,
                         timeout=2.0, max_rows=500, workers=2)
    serve_in_thread(server)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    shutdown(server)


def http(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


def get(base, query, accept=None):
    return http(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept} if accept else {})


def test_it_binds_to_loopback_by_default(endpoint):
    assert endpoint.startswith("http://127.0.0.1:")
    res = CliRunner().invoke(main, ["serve", "--help"])
    assert "--host TEXT" in res.output and "127.0.0.1" in res.output


def test_sparqlwrapper_gets_json_xml_csv_and_tsv(endpoint):
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    labels = [b["l"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert labels == ["LLaMA", "LLaMA"]
    client.setReturnFormat(XML)
    doc = client.query().convert()
    assert len(doc.getElementsByTagName("literal")) == 2
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[:2] == ["l", "LLaMA"]
    client.setReturnFormat(TSV)
    assert '"LLaMA"@en' in client.query().convert().decode()


def test_sparqlwrapper_construct_ask_and_post(endpoint):
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery("CONSTRUCT { kg:llama ?p ?o } WHERE { kg:llama ?p ?o }")
    client.setReturnFormat(TURTLE)
    turtle = client.queryAndConvert()
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(graph) > 5
    client.setReturnFormat(JSONLD)
    assert len(client.queryAndConvert()) == len(graph)
    client.setQuery("ASK { kg:llama aikg:developedBy kg:meta }")
    client.setReturnFormat(JSON)
    client.setMethod("POST")
    assert client.query().convert()["boolean"] is True


def test_get_form_post_and_direct_post_give_the_same_answer(endpoint):
    a = get(endpoint, SELECT)
    b = http(f"{endpoint}/sparql", urllib.parse.urlencode({"query": SELECT}).encode(),
             {"Content-Type": "application/x-www-form-urlencoded"})
    c = http(f"{endpoint}/sparql", SELECT.encode(), {"Content-Type": "application/sparql-query"})
    assert a[0] == b[0] == c[0] == 200
    assert a[1].startswith("application/sparql-results+json")
    assert json.loads(a[2]) == json.loads(b[2]) == json.loads(c[2])


def test_every_named_query_answers_over_http_as_on_the_command_line(endpoint, built):
    for q in named_queries():
        bindings = query_bindings(q)
        text = substitute(q.text, {k: str(v) for k, v in bindings.items()})
        status, _, body = get(endpoint, text)
        assert status == 200, (q.name, body)
        expected = json.loads(format_json(run_query(built.kg, q.text, bindings)))
        assert json.loads(body) == expected, q.name


@pytest.mark.parametrize("request_args, status, message", [
    (("GET", "SELECT ?x WHERE { ?x ?y }", None), 400, "SPARQL syntax error"),
    (("GET", SELECT, "image/png"), 406, "cannot answer"),
    (("GET", "CONSTRUCT WHERE { ?s ?p ?o }", "application/sparql-results+json"), 406, "cannot answer"),
    (("GET", "LOAD <http://127.0.0.1:9/x.ttl>", None), 403, "read-only"),
    (("FORM", "update=DROP%20ALL", None), 403, "read-only"),
    (("UPDATE", "DROP ALL", None), 403, "read-only"),
    (("GET", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", None), 403, "names no graph"),
    (("GET", "SELECT * WHERE { ?s ?p ?o }", None), 400, "more than 500 rows"),
])
def test_errors_have_the_right_status_and_say_why(endpoint, request_args, status, message):
    kind, payload, accept = request_args
    if kind == "GET":
        got = get(endpoint, payload, accept)
    elif kind == "FORM":
        got = http(f"{endpoint}/sparql", payload.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        got = http(f"{endpoint}/sparql", payload.encode(), {"Content-Type": "application/sparql-update"})
    assert got[0] == status, got
    assert message in got[2]


def test_unknown_paths_and_content_types(endpoint):
    assert http(f"{endpoint}/nope")[0] == 404
    assert http(f"{endpoint}/sparql", b"x", {"Content-Type": "text/plain"})[0] == 415


def test_service_through_the_endpoint_reaches_nothing(endpoint):
    with Listener() as remote:
        status, _, body = get(endpoint, f"SELECT * WHERE {{ SERVICE <{remote.url}/sparql> {{ ?s ?p ?o }} }}")
        time.sleep(0.2)
    assert status == 403 and "SERVICE" in body
    assert remote.requests == []


def test_a_slow_query_times_out_and_the_server_keeps_serving(endpoint):
    start = time.perf_counter()
    status, _, body = get(endpoint, HEAVY)
    assert status == 503 and "ran longer than 2 s" in body
    assert time.perf_counter() - start < 10
    results = []
    threads = [threading.Thread(target=lambda: results.append(get(endpoint, SELECT)[0])) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 8
    start = time.perf_counter()
    status, _, body = get(endpoint, HEAVY)  # the graph has not changed: it would run as long again
    assert status == 503 and "not run again" in body and time.perf_counter() - start < 1.5
    status, _, body = get(endpoint, HEAVY + " # another text")
    assert status == 503 and "not run again" not in body, "only the same query is answered at once"


def test_a_query_asked_again_is_answered_with_what_it_gave_even_while_every_process_is_busy(built_out):
    from graph.errors import QueryBusy
    from graph.sparql.workers import WorkerPool

    pool = WorkerPool(built_out / "graph.trig", size=1, short_limit=0.2)
    try:
        first = pool.run(SELECT, timeout=5, fmt="json")
        changing = "SELECT (RAND() AS ?r) WHERE {}"
        pool.run(changing, timeout=5, fmt="json")
        held = [pool.slots.acquire(5), pool.slots.acquire(5)]  # every process busy: the full slot and the short
        assert pool.run(SELECT, timeout=5, fmt="json", wait=0.2) is first
        for text, fmt in ((SELECT + " # another text", "json"), (SELECT, "csv"), (changing, "json")):
            with pytest.raises(QueryBusy):
                pool.run(text, timeout=5, fmt=fmt, wait=0.2)
        for slot in held:
            pool.slots.release(slot)
        assert pool.run(SELECT, timeout=5, fmt="csv").body.startswith(b"l\r\n")
    finally:
        pool.close()


def test_a_query_process_killed_while_idle_is_replaced_before_a_query_reaches_it(built_out):
    import os
    import signal

    from graph.sparql.workers import WorkerPool

    pool = WorkerPool(built_out / "graph.trig", size=1)
    try:
        assert pool.run(SELECT, timeout=5).rows
        pids = children(pool._template.pid)
        assert len(pids) == 2, "one worker for the full slot, one for the short"
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.3)
        assert [pool.run(SELECT, timeout=5).rows for _ in range(3)][-1], "every query answered, none a 500"
    finally:
        pool.close()


def test_a_client_that_hangs_up_frees_the_query_process_its_query_held(built_out):
    import socket

    server = make_server(built_out / "graph.trig", b"", port=0, timeout=60.0, workers=1)
    serve_in_thread(server)
    try:
        host, port = server.server_address[:2]
        client = socket.create_connection((host, port))
        client.sendall(f"GET /sparql?{urllib.parse.urlencode({'query': HEAVY})} HTTP/1.1\r\nHost: {host}\r\n"
                       "Accept: application/sparql-results+json\r\n\r\n".encode("ascii"))
        deadline = time.monotonic() + 10
        while not server.pool.slots.held() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.pool.slots.held(), "the heavy query holds the one full slot"
        client.close()
        deadline = time.monotonic() + 5
        while server.pool.slots.held() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not server.pool.slots.held(), "the slot is free well before the 60 s limit"
        assert get(f"http://{host}:{port}", SELECT)[0] == 200
    finally:
        shutdown(server)


def test_while_it_serves_threads_hand_over_the_gil_often_and_as_before_once_the_last_server_stops(built_out):
    from graph.sparql.server import SWITCH_INTERVAL

    before = sys.getswitchinterval()
    first, second = (make_server(built_out / "graph.trig", b"", port=0, timeout=5.0, workers=1) for _ in range(2))
    threads = [serve_in_thread(first), serve_in_thread(second)]
    try:
        for server in (first, second):
            host, port = server.server_address[:2]
            assert get(f"http://{host}:{port}", SELECT)[0] == 200
        assert sys.getswitchinterval() <= SWITCH_INTERVAL < 0.005
        shutdown(first)  # the first to start stops first: the second still serves
        threads[0].join(5)
        assert sys.getswitchinterval() <= SWITCH_INTERVAL
    finally:
        for server, thread in zip((first, second), threads):
            if thread.is_alive():
                shutdown(server)
                thread.join(5)
    assert sys.getswitchinterval() == before


def test_pages_are_served(endpoint):
    status, ctype, body = http(f"{endpoint}/")
    assert status == 200 and ctype.startswith("text/html") and "vis.Network" in body
    status, _, body = http(f"{endpoint}/query")
    assert status == 200 and "cq01-models-by-organization" in body


def test_the_query_page_runs_a_query_in_chromium(endpoint, tmp_path):
    class Url:
        def __init__(self, url): self.url = url
        def as_uri(self): return self.url
    dom = render_dom(Url(f"{endpoint}/query#run"), tmp_path)
    assert "<table>" in dom and "<th>model</th>" in dom
    assert "GPT-3" in dom and re.search(r"\d+ rows", dom)


def test_the_serve_command_builds_if_needed_and_answers(tmp_path, minimal):
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", "0", "--graph", str(tmp_path / "none.trig"),
         "--data", str(minimal)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"(http://127\.0\.0\.1:\d+)/sparql", line).group(1)
        status, _, body = get(url, "SELECT ?l WHERE { kg:base-model rdfs:label ?l FILTER(LANG(?l)='en') }")
        assert status == 200 and "BaseLM" in body
    finally:
        proc.terminate()
        proc.wait(timeout=20)
