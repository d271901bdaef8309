"""A --store-only build keeps what it loaded beside the store (the snapshot) and each graph's digest, so that
a push need not read the store back; the snapshot is trusted only while it is what the store holds."""
from __future__ import annotations

import json

import pyoxigraph as ox
from click.testing import CliRunner

from graph.cli import main
from graph.rdf.persist import MANIFEST, open_store
from graph.rdf.snapshot import SNAPSHOT
from graph.rdf.write import ntriples_digest
from graph.storebuild import build_store

#: labels whose escapes Oxigraph writes its own way (\b, \f, \u00XX), text from other scripts, quotes
ODD = ('- id: odd-model\n  type: LanguageModel\n  label: {en: "tab\\there \\b back \\f feed \\u0001 one", '
       'zh: "模型\\u2028分行"}\n  aliases: ["say \\"hi\\"", "back\\\\slash"]\n  sources: [notes-llm-2023]\n')
#: a record that states again, in the same graph, a triple another record stated
AGAIN = '- extend: odd-model\n  aliases: ["say \\"hi\\""]\n  sources: [notes-llm-2023]\n'
TRIG = ('@prefix ex: <https://example.org/> .\n'
        'ex:g1 { ex:a ex:p "x\\by"@en ; ex:q ex:b . }\nex:g2 { ex:a ex:p "only here" . }\n')


def _quads(store: ox.Store) -> set:
    return set(store.quads_for_pattern(None, None, None, None))


def _built(tmp_path, minimal, *texts: str):
    (minimal / "odd.yaml").write_text("".join(texts), encoding="utf-8")
    (minimal / "extra.trig").write_text(TRIG, encoding="utf-8")
    build_store([minimal], tmp_path / "store")
    return open_store(tmp_path / "store", read_only=True)


def _dumped(kg) -> dict[str, str]:
    return {g: ntriples_digest(kg.graph_ntriples(g)) for g in kg.graph_names()}


def test_the_snapshot_holds_every_quad_the_store_holds_and_the_digests_are_those_of_the_store(tmp_path, minimal):
    kg = _built(tmp_path, minimal, ODD)
    assert kg.snapshot_file.path == tmp_path / "store" / SNAPSHOT
    loaded = ox.Store()
    loaded.load(path=str(kg.snapshot_file.path), format=ox.RdfFormat.N_QUADS)
    assert _quads(loaded) == _quads(kg.store) and len(_quads(kg.store)) > 800
    assert "https://example.org/g1" in kg.graph_names() and kg.digests == _dumped(kg)


def test_a_triple_two_records_state_in_one_graph_is_loaded_once_and_its_graphs_digest_still_tells_changes(
        tmp_path, minimal):
    """The build sums each graph's digest record by record, without a set of every line: a triple stated
    again by a second record (an ``extend``) counts twice, so that graph's digest is not the store's, which
    costs one more send of it after a sync; the digest is the same for the same inputs and changes with them."""
    kg = _built(tmp_path, minimal, ODD, AGAIN)
    loaded = ox.Store()
    loaded.load(path=str(kg.snapshot_file.path), format=ox.RdfFormat.N_QUADS)
    assert _quads(loaded) == _quads(kg.store)
    again = kg.digests
    notes = "https://w3id.org/aiekg/id/notes-llm-2023"
    assert {g for g, d in _dumped(kg).items() if again[g] != d} == {notes}
    del kg
    assert _built(tmp_path, minimal, ODD, AGAIN).digests == again
    changed = _built(tmp_path, minimal, ODD, AGAIN.replace("say", "said"))
    assert {g for g in again if changed.digests[g] != again[g]} == {notes}


def test_a_sync_changes_the_store_in_place_so_it_removes_the_snapshot_and_keeps_true_digests(tmp_path, minimal):
    store = tmp_path / "store"
    build_store([minimal], store)
    (minimal / "odd.yaml").write_text(ODD, encoding="utf-8")
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--store", str(store), "--out", str(tmp_path / "out"),
                                    "--no-validate"])
    assert res.exit_code == 0, res.output
    kg = open_store(store, read_only=True)
    assert kg.snapshot_file is None and not (store / SNAPSHOT).exists()
    assert kg.digests == {g: ntriples_digest(kg.graph_ntriples(g)) for g in kg.graph_names()}


def test_a_snapshot_that_is_not_as_the_build_left_it_is_not_trusted(tmp_path, minimal):
    store = tmp_path / "store"
    build_store([minimal], store)
    with open(store / SNAPSHOT, "ab") as f:
        f.write(b"<https://example.org/x> <https://example.org/p> <https://example.org/y> .\n")
    assert open_store(store, read_only=True).snapshot_file is None
    (store / SNAPSHOT).unlink()
    assert open_store(store, read_only=True).snapshot_file is None
    manifest = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["snapshot"]["file"] == SNAPSHOT and manifest["state"] == "clean"


def test_a_failed_build_leaves_the_previous_store_and_its_snapshot_as_they_were(tmp_path, minimal):
    store = tmp_path / "store"
    build_store([minimal], store)
    before = (store / SNAPSHOT).read_bytes()
    (minimal / "bad.yaml").write_text("- id: broken\n  type: LanguageModel\n  label: {en: B}\n"
                                      "  developed_by: nobody-knows\n  sources: [notes-llm-2023]\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--store", str(store), "--store-only"])
    assert res.exit_code == 1 and "nobody-knows" in res.output
    kg = open_store(store, read_only=True)
    assert kg.snapshot_file is not None and kg.snapshot_file.path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store-")]


def test_no_snapshot_keeps_none_and_the_build_says_what_it_kept(tmp_path, minimal):
    store = tmp_path / "store"
    args = ["build", "--data", str(minimal), "--store", str(store), "--store-only"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0 and "kept what was loaded for aikg push (" in res.output
    res = CliRunner().invoke(main, args + ["--no-snapshot"])
    assert res.exit_code == 0 and "kept what was loaded" not in res.output, "another option: built again"
    kg = open_store(store, read_only=True)
    assert kg.snapshot_file is None and not (store / SNAPSHOT).exists() and kg.quad_count() > 800
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--store", str(store), "--no-snapshot"])
    assert res.exit_code == 2 and "--no-snapshot goes with --store-only" in res.output


def test_a_sync_that_changes_nothing_keeps_the_snapshot(tmp_path, minimal):
    store = tmp_path / "store"
    build_store([minimal], store)
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--store", str(store), "--out", str(tmp_path / "out"),
                                    "--no-validate"])
    assert res.exit_code == 0 and "0 source graphs (re)loaded" in res.output, res.output
    assert open_store(store, read_only=True).snapshot_file.path == store / SNAPSHOT
