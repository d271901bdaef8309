"""aikg push and query against a real Virtuoso (Debian's virtuoso-opensource), started on 127.0.0.1 with a
throwaway database and stopped afterwards: every named graph arrives through the authenticated Graph Store
endpoint, a second push leaves the same store, a changed source replaces only its graph, and refusals are
clear errors.

Start one by hand the same way: ``virtuoso-t +foreground +configfile virtuoso.ini`` with the ini below.
"""
from __future__ import annotations

import tempfile
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import main
from graph.errors import AikgError
from graph.sparql.remote import Credentials, push, remote_query

from conftest import ROOT
from test_stores import free_port

INI = """[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {root}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""
DBA = Credentials("dba", "dba")  # a fresh Virtuoso database's administrator

#: the manifests of the tests' CLI pushes (which send everything: --full), kept out of out/
PUSH_STATE = Path(tempfile.mkdtemp(prefix="aikg-push-"))


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """(push endpoint, query endpoint) of a Virtuoso started for these tests."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        pytest.fail("Virtuoso is required: apt-get install -y virtuoso-opensource")
    home = tmp_path_factory.mktemp("virtuoso")
    http = free_port()
    root = Path("/var/lib/virtuoso-opensource-7/vsp")
    (home / "virtuoso.ini").write_text(INI.format(sql=free_port(), http=http, root=root if root.is_dir() else home),
                                       encoding="utf-8")
    proc = subprocess.Popen([exe, "+foreground", "+configfile", "virtuoso.ini"], cwd=home,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    for _ in range(240):
        try:
            urllib.request.urlopen(base + "/sparql?query=" + urllib.parse.quote("ASK {}"), timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("Virtuoso did not start: " + (home / "virtuoso.log").read_text(errors="replace")[-800:])
    if proc.poll() is not None:
        pytest.fail("Virtuoso stopped: " + (home / "virtuoso.log").read_text(errors="replace")[-800:])
    yield base + "/sparql-graph-crud-auth", base + "/sparql"
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def remote_counts(query_at: str, graphs) -> dict[str, int]:
    out = {}
    for g in graphs:
        res = remote_query(query_at, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
        out[g] = int(res.rows[0][0])
    return out


def local_counts(kg) -> dict[str, int]:
    return {g: sum(1 for _ in kg.match(graph=g)) for g in kg.graph_names()}


def test_every_named_graph_arrives_and_a_second_push_leaves_the_same_store(built, virtuoso):
    push_to, query_at = virtuoso
    report = push(built.kg, push_to, credentials=DBA)
    assert report.graphs == len(built.kg.graph_names()) and not report.union
    want = local_counts(built.kg)
    assert remote_counts(query_at, want) == want
    push(built.kg, push_to, credentials=DBA)
    assert remote_counts(query_at, want) == want, "the same store after pushing the same dataset again"
    res = remote_query(query_at, "SELECT ?g WHERE { GRAPH ?g { kg:gpt-3 aikg:parameterCount ?n } }")
    assert {r[0] for r in res.rows} == {"kg:survey-ai-ecosystem", "kg:ref-8btc-chatgpt-history"}
    local = {tuple(r) for r in build([ROOT / "data"], checks=False).kg.query(
        "SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/aiekg/vocab#LanguageModel> }")}
    remote = {r[0] for r in remote_query(query_at, "SELECT DISTINCT ?m WHERE { ?m a aikg:LanguageModel }").rows}
    assert len(remote) == len(local) > 5, "the union of the graphs is queried"


def test_a_changed_source_replaces_only_its_graph(built, virtuoso, tmp_path):
    push_to, query_at = virtuoso
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "more.jsonl").write_text('{"extend": "gpt-3", "layers": 96, "sources": ["paper-gpt-3"]}\n', encoding="utf-8")
    changed = build([data], checks=False)
    push(built.kg, push_to, credentials=DBA)
    before = remote_counts(query_at, local_counts(built.kg))
    push(changed.kg, push_to, credentials=DBA)
    after = remote_counts(query_at, before)
    paper = "https://w3id.org/aiekg/id/paper-gpt-3"
    assert after == local_counts(changed.kg) and after[paper] > before[paper]
    assert {g: n for g, n in after.items() if g != paper} == {g: n for g, n in before.items() if g != paper}


def test_refusals_and_credentials_are_clear(built, built_out, virtuoso):
    push_to, query_at = virtuoso
    with pytest.raises(AikgError, match="answered 401.*give --user"):
        push(built.kg, push_to)
    with pytest.raises(AikgError, match="answered 401"):
        push(built.kg, push_to, credentials=Credentials("dba", "wrong"))
    runner = CliRunner()
    res = runner.invoke(main, ["push", "--full", "--state", str(PUSH_STATE), "--graph", str(built_out / "graph.trig"), "--endpoint", push_to, "--user", "dba"],
                        env={"AIKG_PASSWORD": "dba"})
    assert res.exit_code == 0 and "(the store queries their union)" in res.output, res.output
    res = runner.invoke(main, ["push", "--full", "--state", str(PUSH_STATE), "--graph", str(built_out / "graph.trig"), "--endpoint", push_to],
                        env={"AIKG_PASSWORD": None})
    assert res.exit_code == 1 and "401" in res.output and "Traceback" not in res.output
    res = runner.invoke(main, ["query", "--endpoint", query_at, "--name", "cq14-fact-sources"])
    local = runner.invoke(main, ["query", "--graph", str(built_out / "graph.trig"), "--name", "cq14-fact-sources"])
    assert res.exit_code == 0 and res.output == local.output
