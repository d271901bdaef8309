"""aikg push and aikg query --endpoint against two real SPARQL stores, the same tests for each: an Oxigraph
server and Debian's Virtuoso (tests/servers.py starts them on 127.0.0.1 with throwaway databases)."""
from __future__ import annotations

import collections
import shutil
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import main
from graph.errors import AikgError, QueryTooLarge
from graph.namespaces import shorten
from graph.sparql.query import QueryLimits, named_queries, query_bindings, run_query
from graph.sparql.remote import UNION_GRAPH, Credentials, push, remote_query
from graph.sparql.results import display

from conftest import ROOT

#: the manifests of the tests' CLI pushes (which send everything: --full), kept out of out/
PUSH_STATE = Path(tempfile.mkdtemp(prefix="aikg-push-"))

#: Named queries that Virtuoso 7.2 (Debian's) answers otherwise than the SPARQL standard, and why; each is
#: checked to still differ, so that a Virtuoso that answers them right shows up here.
VIRTUOSO_DIFFERS = {
    "models-by-organization-and-year": "YEAR() of an unbound OPTIONAL date is an error that drops the row "
                                       "(error DT001 where COALESCE must skip it)",
    "facts-without-stating-source": "an EXISTS on the graph variable of a GRAPH pattern is evaluated inside that graph",
    "crosswalk": "the query fails to compile (error SQ156, Bad dfe in sqlo_place_exp), or with other statistics leaves "
                 "one entity out of its grouped rows",
}


@dataclass
class Remote:
    """A running store: where to push, where to query, who to log in as."""

    kind: str
    base: str
    push_to: str
    query_at: str
    credentials: Credentials | None

    def wipe(self) -> None:
        """Leave no graph of an earlier test behind (Virtuoso's queries see only the graphs the last push listed)."""
        if self.kind == "oxigraph":
            urllib.request.urlopen(urllib.request.Request(self.base + "/update", data=b"DROP ALL", method="POST",
                                                          headers={"Content-Type": "application/sparql-update"})).read()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request) -> Remote:
    if request.param == "oxigraph":
        base = request.getfixturevalue("oxigraph_server")
        return Remote("oxigraph", base, base + "/store", base + "/query", None)
    base = request.getfixturevalue("virtuoso")
    return Remote("virtuoso", base, base + "/sparql-graph-crud-auth", base + "/sparql", Credentials("dba", "dba"))


def _rows(result) -> collections.Counter | bool:
    if result.boolean is not None:
        return result.boolean
    return collections.Counter(tuple(None if t is None else display(t) for t in row) for row in result.terms)


def _graph_counts(remote: Remote, graphs) -> dict[str, int]:
    out = {}
    for g in graphs:
        # COUNT(?s): Virtuoso counts one row for a graph its dataset does not have under COUNT(*)
        res = remote_query(remote.query_at, f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
        out[shorten(g)] = int(res.rows[0][0])
    return out


def _local_counts(kg) -> dict[str, int]:
    return {shorten(g): sum(1 for _ in kg.match(graph=g)) for g in kg.graph_names()}


def test_the_named_queries_answer_on_the_store_as_they_do_locally(built, remote):
    remote.wipe()
    push(built.kg, remote.push_to, credentials=remote.credentials)
    same, differ = [], []
    for q in named_queries():
        b = query_bindings(q, {})
        local = _rows(run_query(built.kg, q.text, b))
        try:
            there = _rows(remote_query(remote.query_at, q.text, b))
        except AikgError as exc:  # the store's own failure, with its message
            if remote.kind == "oxigraph" or q.name not in VIRTUOSO_DIFFERS:
                raise
            assert "Virtuoso" in str(exc)
            there = None
        (same if there == local else differ).append(q.name)
        if remote.kind == "oxigraph" or q.name not in VIRTUOSO_DIFFERS:
            assert there == local, q.name
    expected = set(VIRTUOSO_DIFFERS) if remote.kind == "virtuoso" else set()
    assert set(differ) == expected, f"Virtuoso now answers {sorted(expected - set(differ))} as locally"
    assert len(same) >= 25


def test_every_named_graph_arrives_the_union_is_queried_and_a_second_push_leaves_the_same_store(built, remote):
    report = push(built.kg, remote.push_to, credentials=remote.credentials)
    assert report.graphs == len(built.kg.graph_names()) and report.union == (remote.kind != "virtuoso")
    want = _local_counts(built.kg)
    assert _graph_counts(remote, built.kg.graph_names()) == want
    res = remote_query(remote.query_at, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(res.rows[0][0]) == built.kg.triple_count(), "the default graph is the union, each fact once"
    res = remote_query(remote.query_at, "SELECT ?g WHERE { GRAPH ?g { kg:gpt-3 aikg:parameterCount ?n } }")
    assert sorted(r[0] for r in res.rows) == ["kg:ref-8btc-chatgpt-history", "kg:survey-ai-ecosystem"]
    res = remote_query(remote.query_at, f"ASK {{ GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }} }}")
    assert res.boolean is False, "no GRAPH ?g sees the union"
    push(built.kg, remote.push_to, credentials=remote.credentials)
    assert _graph_counts(remote, built.kg.graph_names()) == want, "the same store after pushing the same dataset again"


def test_a_changed_source_replaces_only_its_graph(built, remote, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "more.jsonl").write_text('{"extend": "gpt-3", "layers": 96, "sources": ["paper-gpt-3"]}\n', encoding="utf-8")
    changed = build([data], checks=False)
    push(built.kg, remote.push_to, credentials=remote.credentials)
    before = _graph_counts(remote, built.kg.graph_names())
    push(changed.kg, remote.push_to, credentials=remote.credentials)
    after = _graph_counts(remote, changed.kg.graph_names())
    assert after == _local_counts(changed.kg) and after["kg:paper-gpt-3"] > before["kg:paper-gpt-3"]
    assert {g: n for g, n in after.items() if g != "kg:paper-gpt-3"} == \
        {g: n for g, n in before.items() if g != "kg:paper-gpt-3"}
    layers = "SELECT ?p ?n WHERE { GRAPH kg:paper-gpt-3 { kg:gpt-3 ?p ?n FILTER(STR(?n) = '96') } }"
    assert _rows(remote_query(remote.query_at, layers)) == _rows(run_query(changed.kg, layers)) != collections.Counter()


def test_push_sends_only_what_changed_deletes_what_is_gone_and_resumes_where_it_stopped(tmp_path, minimal, remote,
                                                                                        monkeypatch):
    import graph.sparql.remote as remote_module

    state, data = tmp_path / "state", tmp_path / "mine"
    shutil.copytree(minimal, data)
    login = {"credentials": remote.credentials, "state": state}
    first = push(build([data], checks=False).kg, remote.push_to, full=True, **login)
    assert first.changed == first.graphs
    kg = build([data], checks=False).kg
    read = []
    monkeypatch.setattr(kg, "graph_ntriples", lambda g, real=kg.graph_ntriples: read.append(g) or real(g))
    again = push(kg, remote.push_to, **login)
    assert (again.changed, again.triples) == (0, 0) and "pushed 0 of" in again.text()
    assert None not in read, "the union is made of the named graphs: unchanged with them, so not read"
    (data / "more.yaml").write_text("- id: blog-two\n  type: Article\n  label: {en: Two}\n  url: https://example.org/two\n"
                                    "- extend: base-model\n  layers: 32\n  sources: [blog-two]\n", encoding="utf-8")
    kg = build([data], checks=False).kg
    one = push(kg, remote.push_to, **login)
    assert one.changed == 1, "only the new source's graph (and the union)"
    assert _graph_counts(remote, kg.graph_names()) == _local_counts(kg)
    (data / "more.yaml").unlink()
    kg = build([data], checks=False).kg
    gone = push(kg, remote.push_to, **login)
    assert gone.deleted == 1 and not remote_query(remote.query_at, "SELECT ?s WHERE { GRAPH kg:blog-two { ?s ?p ?o } }").rows
    # interrupted after the first request that carries graphs (a store that takes several a request gets
    # them in groups of 500 triples): the next push sends the rest, and the store holds the dataset; then
    # interrupted at that first request, after the graphs it was to fill were emptied: the next push sends them
    real = remote_module._send
    for taken in (1, 0):
        calls = {"n": 0}

        def failing(req, timeout, opener=None):
            if req.data is not None and req.get_header("Content-type") != "application/sparql-update":
                calls["n"] += 1
                if calls["n"] > taken:
                    raise AikgError("the connection dropped")
            return real(req, timeout, opener)

        monkeypatch.setattr(remote_module, "_send", failing)
        with pytest.raises(AikgError, match="dropped"):
            push(kg, remote.push_to, full=True, batch=500, **login)
        monkeypatch.setattr(remote_module, "_send", real)
        rest = push(kg, remote.push_to, **login)
        if taken:
            assert rest.changed < first.graphs and rest.triples < first.triples, "what the store took is not sent again"
        assert _graph_counts(remote, kg.graph_names()) == _local_counts(kg), f"interrupted after {taken}"
        res = remote_query(remote.query_at, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(res.rows[0][0]) == kg.triple_count()


def test_a_whole_push_leaves_in_the_union_what_the_dataset_holds_and_nothing_the_store_held_before(built, remote):
    from graph.sparql.remote import _opener, graph_url

    stale = b"<https://example.org/stale> <https://example.org/p> \"left from before\" .\n"
    target = None if remote.kind == "oxigraph" else UNION_GRAPH
    _opener(remote.push_to, remote.credentials).open(urllib.request.Request(
        graph_url(remote.push_to, target), data=stale, method="PUT",
        headers={"Content-Type": "application/n-triples"})).read()
    report = push(built.kg, remote.push_to, credentials=remote.credentials)
    assert report.triples == sum(_local_counts(built.kg).values()) + built.kg.triple_count()
    res = remote_query(remote.query_at, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(res.rows[0][0]) == built.kg.triple_count()
    assert not remote_query(remote.query_at, "ASK { <https://example.org/stale> ?p ?o }").boolean
    everyone = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    assert _rows(remote_query(remote.query_at, everyone, limits=QueryLimits(timeout=60, max_rows=None))) == \
        _rows(run_query(built.kg, everyone, limits=QueryLimits(timeout=60, max_rows=None)))


def test_a_store_goes_as_it_was_built_without_being_read_and_then_only_what_changed(tmp_path, minimal, remote,
                                                                                  monkeypatch):
    import graph.sparql.remote as remote_module
    from graph.rdf.persist import open_store
    from graph.storebuild import build_store

    state, data, store = tmp_path / "state", tmp_path / "mine", tmp_path / "store"
    shutil.copytree(minimal, data)
    login = {"credentials": remote.credentials, "state": state}
    read: list = []

    def opened():
        kg = open_store(store, read_only=True)
        monkeypatch.setattr(kg, "graph_ntriples", lambda g, real=kg.graph_ntriples: read.append(g) or real(g))
        return kg

    def arrived(kg):
        assert _graph_counts(remote, kg.graph_names()) == _local_counts(kg)
        everyone = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        limits = QueryLimits(timeout=60, max_rows=None)
        assert _rows(remote_query(remote.query_at, everyone, limits=limits)) == _rows(run_query(kg, everyone, limits=limits))

    build_store([data], store, checks=False)
    kg = opened()
    assert kg.snapshot_file is not None and set(kg.digests) == set(kg.graph_names())
    monkeypatch.setattr(remote_module, "PIECE", 300)  # the snapshot goes in many pieces
    first = push(kg, remote.push_to, full=True, **login)
    assert first.changed == first.graphs
    arrived(kg)
    # Oxigraph takes the snapshot: nothing is read; Virtuoso takes graph by graph, unread if it changed not
    assert collections.Counter(read) == collections.Counter([] if remote.kind == "oxigraph" else kg.graph_names() + [None])
    (data / "more.yaml").write_text("- id: blog-two\n  type: Article\n  label: {en: Two}\n  url: https://example.org/two\n"
                                    "- extend: base-model\n  layers: 32\n  sources: [blog-two]\n", encoding="utf-8")
    del kg
    build_store([data], store, checks=False)
    read.clear()
    kg = opened()
    one = push(kg, remote.push_to, **login)
    # Oxigraph updates its union itself: only the new graph is read; Virtuoso gets the union read and sent
    blog = "https://w3id.org/aiekg/id/blog-two"
    assert one.changed == 1 and collections.Counter(read) == collections.Counter(
        [blog] if remote.kind == "oxigraph" else [blog, None])
    arrived(kg)
    read.clear()
    assert push(kg, remote.push_to, **login).changed == 0 and read == []
    # a changed value, then a removed source: what only they stated leaves the union, the rest stays
    for change in (lambda t: t.replace("layers: 32", "layers: 48"), None):
        text = (data / "more.yaml").read_text(encoding="utf-8")
        if change:
            (data / "more.yaml").write_text(change(text), encoding="utf-8")
        else:
            (data / "more.yaml").unlink()
        del kg
        build_store([data], store, checks=False)
        kg = opened()
        report = push(kg, remote.push_to, **login)
        assert (report.changed, report.deleted) == ((1, 0) if change else (0, 1))
        arrived(kg)
        assert remote_query(remote.query_at, "ASK { ?m ?p 32 }").boolean is False


def test_blank_nodes_of_an_rdf_file_arrive_whole_however_small_the_pieces(tmp_path, minimal, remote, monkeypatch):
    """A server names the blank nodes of each request anew: one node split over two requests would be two."""
    import graph.sparql.remote as remote_module
    from graph.rdf.persist import open_store
    from graph.storebuild import build_store

    (minimal / "blank.trig").write_text(
        "@prefix ex: <https://example.org/> .\n"
        "ex:gb { ex:a ex:p [ ex:q \"one\" ; ex:r \"two\" ; ex:s \"three\" ] . ex:c ex:p [ ex:q \"four\" ] . }\n",
        encoding="utf-8")
    build_store([minimal], tmp_path / "store", checks=False)
    kg = open_store(tmp_path / "store", read_only=True)
    monkeypatch.setattr(remote_module, "PIECE", 200)
    push(kg, remote.push_to, credentials=remote.credentials)
    count = "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { %s { ?b ?p ?o FILTER isBlank(?b) } }"
    for where in ("GRAPH <https://example.org/gb>", ""):
        assert int(remote_query(remote.query_at, count % where).rows[0][0]) == 2, where or "the union"
    assert _graph_counts(remote, kg.graph_names()) == _local_counts(kg)


def test_a_snapshot_the_server_cannot_read_is_an_error_at_its_line_and_a_new_build_mends_it(tmp_path, minimal,
                                                                                         oxigraph_server, monkeypatch):
    import graph.sparql.remote as remote_module

    store = tmp_path / "store"
    args = ["build", "--data", str(minimal), "--store", str(store), "--store-only"]
    assert CliRunner().invoke(main, args).exit_code == 0
    snapshot = store / "aikg-snapshot.nq"
    lines = snapshot.read_bytes().split(b"\n")
    lines[40] = b"{" + lines[40][1:]  # same size: only the server can tell
    snapshot.write_bytes(b"\n".join(lines))
    monkeypatch.setattr(remote_module, "PIECE", 1000)  # the bad line in a later piece
    push_args = ["push", "--store", str(store), "--endpoint", oxigraph_server + "/store", "--state", str(tmp_path / "s")]
    res = CliRunner().invoke(main, push_args)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert f"{snapshot}:41: the server cannot read the store's snapshot" in res.output and "build the store again" in res.output
    (minimal / "notes.yaml").write_text((minimal / "notes.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert CliRunner().invoke(main, args).exit_code == 0
    res = CliRunner().invoke(main, push_args)
    assert res.exit_code == 0 and "pushed 2 source graphs (+ the ontology) and their union" in res.output, res.output


def test_a_big_graph_goes_in_batches_and_arrives_whole(built, remote):
    report = push(built.kg, remote.push_to, batch=7, credentials=remote.credentials)
    assert report.triples == sum(_local_counts(built.kg).values()) + built.kg.triple_count()
    assert _graph_counts(remote, built.kg.graph_names()) == _local_counts(built.kg)


def test_max_rows_means_the_same_locally_and_on_the_store(built, remote):
    push(built.kg, remote.push_to, credentials=remote.credentials)
    many = "SELECT ?s WHERE { ?s a aikg:LanguageModel }"
    for run in (lambda limits: run_query(built.kg, many, limits=limits),
                lambda limits: remote_query(remote.query_at, many, limits=limits)):
        with pytest.raises(QueryTooLarge, match="more than 3 rows"):
            run(QueryLimits(timeout=30, max_rows=3))
        assert len(run(QueryLimits(timeout=30, max_rows=1000)).rows) > 3
    construct = "CONSTRUCT { ?s a aikg:LanguageModel } WHERE { ?s a aikg:LanguageModel }"
    with pytest.raises(QueryTooLarge):
        remote_query(remote.query_at, construct, limits=QueryLimits(timeout=30, max_rows=3))


def test_refused_and_failing_requests_are_clear_errors_with_the_stores_message(built, remote):
    with pytest.raises(AikgError, match=r"answered (404|501)"):  # Oxigraph: Not Found, Virtuoso: Not Implemented
        push(built.kg, remote.base + "/no-such-service", credentials=remote.credentials)
    if remote.kind == "virtuoso":
        with pytest.raises(AikgError, match=r"answered 401.*give --user"):
            push(built.kg, remote.push_to)
        with pytest.raises(AikgError, match="answered 401"):
            push(built.kg, remote.push_to, credentials=Credentials("dba", "wrong"))
        with pytest.raises(AikgError, match=r"answered 500.*Virtuoso 42001 Error SR185: Undefined procedure"):  # the store's own words
            remote_query(remote.query_at, "SELECT (<urn:example:no-such-function>(1) AS ?x) WHERE {}")


def test_the_cli_pushes_and_queries_the_store_as_it_does_locally(built_out, remote):
    runner = CliRunner()
    args = ["push", "--full", "--state", str(PUSH_STATE), "--graph", str(built_out / "graph.trig"),
            "--endpoint", remote.push_to]
    login = ["--user", remote.credentials.user] if remote.credentials else []
    env = {"AIKG_PASSWORD": remote.credentials.password if remote.credentials else None}
    res = runner.invoke(main, args + login, env=env)
    assert res.exit_code == 0 and "and their union" in res.output, res.output
    if remote.credentials:
        res = runner.invoke(main, args, env={"AIKG_PASSWORD": None})
        assert res.exit_code == 1 and "401" in res.output and "Traceback" not in res.output
    for name in ("cq01-models-by-organization", "cq06-model-lineage", "cq14-fact-sources"):
        local = runner.invoke(main, ["query", "--graph", str(built_out / "graph.trig"), "--name", name])
        there = runner.invoke(main, ["query", "--endpoint", remote.query_at, "--name", name])
        assert there.exit_code == 0, there.output
        assert there.output == local.output, name
