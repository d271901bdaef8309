"""The persistent store (build, reopen, query, incremental rebuild) and a real remote Oxigraph server."""
from __future__ import annotations

import tempfile
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import AikgError, QueryRefused, QuerySyntaxError
from graph.rdf.persist import open_store
from graph.sparql.remote import push, remote_query

from conftest import DATA
from servers import free_port

#: the manifests of the tests' CLI pushes (which send everything: --full), kept out of out/
PUSH_STATE = Path(tempfile.mkdtemp(prefix="aikg-push-"))


def test_build_with_a_store_then_query_export_and_page_without_rebuilding(tmp_path):
    store = tmp_path / "store"
    runner = CliRunner()
    res = runner.invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path / "out"), "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert "source graphs (+ the ontology) (re)loaded, 0 unchanged" in res.output
    res = runner.invoke(main, ["query", "--store", str(store), "--name", "cq09-who-released"])
    assert res.exit_code == 0 and "kg:meta" in res.output
    res = runner.invoke(main, ["export", "--store", str(store), "-o", str(tmp_path / "g.nt")])
    assert res.exit_code == 0
    res = runner.invoke(main, ["page", "--store", str(store), "-o", str(tmp_path / "p.html")])
    assert res.exit_code == 0 and "entities" in res.output
    kg = open_store(store, read_only=True)
    assert kg.triple_count() == len((tmp_path / "g.nt").read_text(encoding="utf-8").splitlines())


def test_rebuilding_after_one_source_changed_reloads_only_that_source(tmp_path, minimal):
    store = tmp_path / "store"
    runner = CliRunner()
    args = ["build", "--data", str(minimal), "--out", str(tmp_path / "out"), "--store", str(store)]
    assert runner.invoke(main, args).exit_code == 0
    res = runner.invoke(main, args)
    assert res.exit_code == 0 and "nothing to do" in res.output, "the inputs and outputs are as they were"
    (tmp_path / "out" / "graph.html").unlink()  # an output gone: build again, the store's graphs are unchanged
    res = runner.invoke(main, args)
    assert "0 source graphs (re)loaded" in res.output and (tmp_path / "out" / "graph.html").is_file()
    text = (minimal / "notes.yaml").read_text(encoding="utf-8").replace("released: {value: 2022-06-01",
                                                                          "released: {value: 2022-07-01")
    (minimal / "notes.yaml").write_text(text, encoding="utf-8")
    res = runner.invoke(main, args)
    assert "1 source graph (re)loaded" in res.output, res.output
    res = runner.invoke(main, ["query", "--store", str(store), "SELECT ?d WHERE { kg:chat-model aikg:releaseDate ?d }"])
    assert "2022-07-01" in res.output and "2022-06-01" not in res.output


def _same_dataset(store_dir, kg) -> bool:
    disk = open_store(store_dir, read_only=True)
    return set(disk.store) == set(kg.store)


def test_after_changes_and_a_removed_source_the_store_holds_exactly_the_dataset(tmp_path, minimal):
    from graph.build import build_dataset
    from graph.rdf.persist import sync_store

    store = tmp_path / "store"
    kg, _, _ = build_dataset([minimal])
    sync_store(kg, store)
    assert _same_dataset(store, kg)
    extra = tmp_path / "extra.ttl"  # a second source, then gone again
    extra.write_text('<https://w3id.org/aiekg/id/base-model> <http://www.w3.org/2000/01/rdf-schema#label> "B"@de .\n',
                     encoding="utf-8")
    kg2, _, _ = build_dataset([minimal, extra])
    report = sync_store(kg2, store)
    assert report.changed == [extra.resolve().as_uri()] and _same_dataset(store, kg2)
    report = sync_store(kg, store)
    assert report.removed == [extra.resolve().as_uri()] and _same_dataset(store, kg)


def test_an_interrupted_sync_makes_the_next_one_reload_everything(tmp_path, minimal, monkeypatch):
    from graph.rdf import persist
    from graph.build import build_dataset

    store = tmp_path / "store"
    kg, _, _ = build_dataset([minimal])
    persist.sync_store(kg, store)
    text = (minimal / "notes.yaml").read_text(encoding="utf-8").replace("BaseLM", "BaseLM 2")
    (minimal / "notes.yaml").write_text(text, encoding="utf-8")
    kg2, _, _ = build_dataset([minimal])

    def interrupted(*_args):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(persist, "ntriples_in_graph", interrupted)  # after the changed graph was cleared, before it was loaded
        with pytest.raises(KeyboardInterrupt):
            persist.sync_store(kg2, store)
    report = persist.sync_store(kg2, store)
    assert not report.kept and _same_dataset(store, kg2)


def test_a_store_another_process_holds_is_a_clear_error_and_out_is_still_written(tmp_path, minimal):
    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph as ox, sys; s = ox.Store({str(store)!r}); "
                               "print('open', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--out", str(tmp_path / "out"),
                                        "--store", str(store)])
    finally:
        holder.communicate("")
    assert res.exit_code == 1 and "cannot open the store" in res.output and "Traceback" not in res.output
    assert (tmp_path / "out" / "graph.trig").is_file()


def test_reading_a_missing_store_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(main, ["query", "--store", str(tmp_path / "none"), "ASK {}"])
    assert res.exit_code == 1 and "no aikg store here" in res.output


def test_remote_refusals_and_unreachable_servers_are_clear_errors(built, oxigraph_server):
    with pytest.raises(AikgError, match="answered 404"):
        push(built.kg, oxigraph_server + "/nope")
    with pytest.raises(AikgError, match="cannot reach the server"):
        push(built.kg, f"http://127.0.0.1:{free_port()}/store", timeout=2)
    with pytest.raises(QueryRefused):
        remote_query(oxigraph_server + "/query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(QuerySyntaxError, match="syntax error"):  # checked before it is sent
        remote_query(oxigraph_server + "/query", "SELECT ?x WHERE { ?x }")


@pytest.mark.parametrize("endpoint", ["foo", "http://[bad", "ftp://127.0.0.1/store", "http:///nohost"])
def test_a_malformed_endpoint_is_a_clear_error_not_a_traceback(built_out, endpoint):
    runner = CliRunner()
    res = runner.invoke(main, ["push", "--full", "--state", str(PUSH_STATE), "--graph", str(built_out / "graph.trig"), "--endpoint", endpoint])
    assert res.exit_code == 1 and "is not an http(s) URL" in res.output and "Traceback" not in res.output
    res = runner.invoke(main, ["query", "--endpoint", endpoint, "ASK {}"])
    assert res.exit_code == 1 and "is not an http(s) URL" in res.output


def test_the_store_kind_is_told_by_the_endpoint_and_the_password_never_comes_from_an_option(built_out, oxigraph_server):
    from graph.sparql.stores import STORES, store_kind

    assert [store_kind(u).kind for u in ("http://h:8890/sparql-graph-crud-auth", "http://h:3030/ds/data",
                                         "http://h:7200/repositories/r/rdf-graphs/service", "https://h:8182/sparql/gsp/",
                                         oxigraph_server + "/store")] == ["virtuoso", "fuseki", "graphdb", "neptune", "oxigraph"]
    assert not STORES["virtuoso"].default_graph and STORES["oxigraph"].tested
    runner = CliRunner()
    res = runner.invoke(main, ["push", "--full", "--state", str(PUSH_STATE), "--graph", str(built_out / "graph.trig"), "--endpoint", oxigraph_server + "/store",
                               "--user", "alice"], input="s3cret\n", env={"AIKG_PASSWORD": None})
    assert res.exit_code == 0, res.output
    assert "password for alice" in res.output and "s3cret" not in res.output, "asked for, not echoed"
    res = runner.invoke(main, ["push", "--full", "--state", str(PUSH_STATE), "--graph", str(built_out / "graph.trig"), "--endpoint", oxigraph_server + "/store",
                               "--user", "alice", "--store-kind", "virtuoso"], env={"AIKG_PASSWORD": "s3cret"})
    assert res.exit_code == 0 and "and their union (as <urn:aikg:union>" in res.output, res.output
    assert "--password" not in runner.invoke(main, ["push", "--full", "--state", str(PUSH_STATE), "--help"]).output



def test_a_store_only_build_holds_the_same_dataset_writes_no_files_and_does_nothing_when_nothing_changed(tmp_path,
                                                                                                       minimal):
    from graph.build import build_dataset

    store, out = tmp_path / "store", tmp_path / "out"
    runner = CliRunner()
    args = ["build", "--data", str(minimal), "--out", str(out), "--store", str(store), "--store-only"]
    res = runner.invoke(main, args)
    assert res.exit_code == 0 and "store: built" in res.output and "3 checks passed" in res.output, res.output
    assert not out.exists(), "--store-only writes no files to --out"
    assert _same_dataset(store, build_dataset([minimal])[0])
    res = runner.invoke(main, args)
    assert res.exit_code == 0 and "nothing to do" in res.output
    res = runner.invoke(main, ["query", "--store", str(store), "SELECT ?l WHERE { kg:base-model rdfs:label ?l }"])
    assert res.exit_code == 0 and "BaseLM" in res.output and "基座模型" in res.output
    notes = minimal / "notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("label: {en: BaseLM,", "label: {en: BaseLM 2,"),
                     encoding="utf-8")
    res = runner.invoke(main, args)
    assert res.exit_code == 0 and "store: built" in res.output
    assert _same_dataset(store, build_dataset([minimal])[0])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store-")], "no half-built store is left beside it"


def test_a_failed_store_only_build_leaves_the_previous_store_answering(tmp_path, minimal):
    from graph.build import build_dataset

    store = tmp_path / "store"
    runner = CliRunner()
    args = ["build", "--data", str(minimal), "--store", str(store), "--store-only"]
    assert runner.invoke(main, args).exit_code == 0
    before = build_dataset([minimal])[0]
    notes = minimal / "notes.yaml"
    good = notes.read_text(encoding="utf-8")
    notes.write_text(good + "\n- id: loop-a\n  type: LanguageModel\n  label: {en: A}\n  based_on: loop-b\n"
                     "  sources: [notes-llm-2023]\n- id: loop-b\n  type: LanguageModel\n  label: {en: B}\n"
                     "  based_on: loop-a\n  sources: [notes-llm-2023]\n", encoding="utf-8")
    res = runner.invoke(main, args)
    assert res.exit_code == 1 and "lineage-cycle-violation" in res.output and "the store was left as it was" in res.output
    assert "Traceback" not in res.output and _same_dataset(store, before)
    notes.write_text(good + "\n- id: broken\n  type: LanguageModel\n  label: {en: Broken}\n  developed_by: nobody-knows\n  sources: [notes-llm-2023]\n", encoding="utf-8")
    res = runner.invoke(main, args)
    assert res.exit_code == 1 and "notes.yaml:" in res.output and "unknown id 'nobody-knows'" in res.output
    assert _same_dataset(store, before)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store-")]


_M = "\n- id: {id}\n  type: LanguageModel\n  label: {{en: X}}\n  sources: [notes-llm-2023]\n"


@pytest.mark.parametrize("added", [
    _M.format(id="m1") + "  developed_by: later-lab\n" + _M.format(id="later-lab"),  # forward, wrong kind
    _M.format(id="m1") + "  developed_by: base-model\n",  # backward, wrong kind
    _M.format(id="acme-lab"),  # duplicate id
    _M.format(id="m1").replace("notes-llm-2023", "acme-university"),  # a source that is not one
    _M.format(id="m1") + "  part_of: acme-lab\n",  # a key that does not apply
    "\n- extend: nobody\n  layers: 5\n  sources: [notes-llm-2023]\n",  # extends an unknown record
    "\n- extend: acme-lab\n  based_on: base-model\n  sources: [notes-llm-2023]\n",  # a key not for what it extends
    _M.format(id="m1") + "  based_on: m2\n" + _M.format(id="m2").replace("LanguageModel", "Dataset"),
], ids=["forward-kind", "backward-kind", "duplicate", "not-a-source", "key-does-not-apply", "extends-unknown",
        "extends-with-a-key-that-does-not-apply", "forward-based-on-dataset"])
def test_a_store_only_build_checks_references_as_a_build_in_memory_does(tmp_path, minimal, added):
    """--store-only checks each record as it streams by (keeping only ids, types and places), so it must
    refuse what the in-memory build refuses, with the same file:line and words."""
    from graph.build import build_dataset
    from graph.storebuild import build_store

    notes = minimal / "notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + added, encoding="utf-8")
    with pytest.raises(AikgError) as in_memory:
        build_dataset([minimal])
    with pytest.raises(AikgError) as streamed:
        build_store([minimal], tmp_path / "store")
    assert str(streamed.value) == str(in_memory.value) and "notes.yaml:" in str(streamed.value)


def test_a_store_only_build_with_rdf_files_holds_the_same_dataset_and_union(tmp_path, minimal):
    from graph.build import build_dataset
    from graph.storebuild import build_store

    (minimal / "extra.ttl").write_text("@prefix ex: <http://example.org/> .\n"
                                       "ex:a ex:p ex:b .\nex:b ex:q \"zwei\"@de .\n", encoding="utf-8")
    build_store([minimal], tmp_path / "store")
    local = build_dataset([minimal])[0]
    assert _same_dataset(tmp_path / "store", local)
    disk = open_store(tmp_path / "store", read_only=True)
    assert disk.store.query("ASK { <http://example.org/a> <http://example.org/p> <http://example.org/b> }")


def test_a_store_only_build_takes_forward_references_of_the_right_kind(tmp_path, minimal):
    from graph.build import build_dataset
    from graph.storebuild import build_store

    notes = minimal / "notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + _M.format(id="m1") + "  based_on: m2\n"
                     + _M.format(id="m2") + "  developed_by: acme-lab\n", encoding="utf-8")
    report = build_store([minimal], tmp_path / "store")
    assert report.records == len(build_dataset([minimal])[1]) and _same_dataset(tmp_path / "store",
                                                                                 build_dataset([minimal])[0])


def test_a_store_only_build_never_replaces_a_directory_that_is_not_a_store(tmp_path, minimal):
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.txt").write_text("years of work", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--store", str(mine), "--store-only"])
    assert res.exit_code == 1 and "not an aikg store" in res.output
    assert (mine / "thesis.txt").read_text(encoding="utf-8") == "years of work"
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--store-only"])
    assert res.exit_code == 2 and "--store-only needs --store" in res.output
