"""Attacks on what aikg leaves on disk: builds killed mid-write, SIGTERM, temporaries left behind,
an on-disk store interrupted mid-sync, and RDF inputs that bomb the parser or write into
another source's graph.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph import atomic
from graph.build import build_outputs
from graph.cli import main
from graph.errors import AikgError
from graph.rdf.persist import open_store, read_manifest, sync_store
from graph.rdf.store import KnowledgeGraph

OUTPUTS = ("graph.ttl", "graph.trig", "graph.graphml", "graph.html")


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def two_datasets(minimal: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two versions of the minimal data: the second renames an entity, so every output differs."""
    second = tmp_path / "data-b"
    second.mkdir()
    for f in minimal.iterdir():
        text = f.read_text(encoding="utf-8")
        (second / f.name).write_text(text.replace("Acme", "Renamed"), encoding="utf-8")
    return minimal, second


@pytest.mark.parametrize("fail_after", [1, 2, 3, 4, 5])
def test_a_build_stopped_after_any_rename_leaves_one_whole_set(minimal, tmp_path, monkeypatch, fail_after):
    """A kill between two renames used to leave graph.ttl new and the other three old."""
    first, second = two_datasets(minimal, tmp_path)
    out = tmp_path / "out"
    build_outputs([first], out)
    old = snapshot(out)
    build_outputs([second], tmp_path / "reference")
    new = snapshot(tmp_path / "reference")
    assert all(old[n] != new[n] for n in OUTPUTS)
    calls = {"n": 0}
    real_replace = os.replace

    def replace_then_die(src, dst):
        real_replace(src, dst)
        calls["n"] += 1
        if calls["n"] == fail_after:
            raise KeyboardInterrupt  # as if killed right after this rename

    monkeypatch.setattr(os, "replace", replace_then_die)
    try:
        build_outputs([second], out)
    except KeyboardInterrupt:
        pass
    monkeypatch.undo()
    now = snapshot(out)
    assert now in (old, new), {n: ("old" if now[n] == old[n] else "new") for n in OUTPUTS}


def _slow_build_script(data: Path, out: Path) -> str:
    """``aikg build`` whose first output is big, so that writing the set takes a while."""
    return textwrap.dedent(f"""
        import sys
        from graph import atomic
        from graph import build
        from graph.cli import main
        real = atomic.write_set_atomic
        def slow(out_dir, outputs):
            first = next(iter(outputs))
            return real(out_dir, {{**outputs, first: outputs[first] + b" " * 200_000_000}})
        build.write_set_atomic = slow
        sys.argv = ["aikg", "build", "--data", {str(data)!r}, "--out", {str(out)!r}]
        main()
    """)


def _wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.005)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_build_killed_while_writing_leaves_the_old_outputs_and_no_temporaries(minimal, tmp_path, sig):
    first, second = two_datasets(minimal, tmp_path)
    out = tmp_path / "out"
    build_outputs([first], out)
    old = snapshot(out)
    cmd = [sys.executable, "-c", _slow_build_script(second, out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    builds = out / ".aikg" / "builds"
    _wait_for(lambda: any(p.name.startswith(".") for p in builds.iterdir()))  # the new set is being written
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, err
    assert b"Traceback" not in err, err
    assert snapshot(out) == old, err
    if sig == signal.SIGTERM:  # handled like Ctrl-C: cleaned up at once
        assert not [p for p in builds.iterdir() if p.name.startswith(".")]
    build_outputs([second], out)  # the next build removes what the killed one left
    leftovers = [p.name for p in [*out.iterdir(), *builds.iterdir()] if p.name.endswith(".tmp")]
    assert leftovers == []
    assert len(list(builds.iterdir())) == 1


def test_stale_temporaries_of_dead_processes_are_removed_and_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".graph.ttl.{dead_pid}.abc123.tmp"
    live = tmp_path / f".graph.ttl.{os.getpid()}.def456.tmp"
    legacy = tmp_path / ".graph.trig.x8y9z0.tmp"
    for p in (stale, live, legacy):
        p.write_bytes(b"partial")
    os.utime(legacy, (time.time() - 2 * atomic.LEGACY_STALE,) * 2)
    atomic.write_atomic(tmp_path / "graph.ttl", b"whole")
    assert not stale.exists() and not legacy.exists() and live.exists()


# ------------------------------------------------------------------ the on-disk store
def _dataset(graphs: int, triples: int) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    p = ox.NamedNode("http://example.org/p")
    kg.add_quads(ox.Quad(ox.NamedNode(f"http://example.org/s{g}-{i}"), p, ox.Literal(f"value {i}"),
                         ox.NamedNode(f"http://example.org/source-{g}"))
                 for g in range(graphs) for i in range(triples))
    kg.refresh_union()
    return kg


def test_a_store_interrupted_mid_sync_is_never_read_as_finished(tmp_path, monkeypatch):
    store = tmp_path / "store"
    sync_store(_dataset(3, 10), store)
    smaller = _dataset(2, 10)  # source-2 is gone
    real_open = open_store

    def open_then_break(path, read_only=False):
        kg = real_open(path, read_only)
        if not read_only:
            def bulk_load(*args, **kwargs):
                raise KeyboardInterrupt  # killed after the graphs were cleared, before they were loaded
            kg.store = _Proxy(kg.store, bulk_load=bulk_load)
        return kg

    monkeypatch.setattr("graph.rdf.persist.open_store", open_then_break)
    with pytest.raises(KeyboardInterrupt):
        sync_store(smaller, store)
    monkeypatch.undo()
    assert read_manifest(store)[0] == "syncing"
    with pytest.raises(AikgError, match="interrupted"):
        open_store(store, read_only=True)
    res = CliRunner().invoke(main, ["query", "--store", str(store), "SELECT * WHERE { ?s ?p ?o }"])
    assert res.exit_code == 1 and "build it again" in res.output
    report = sync_store(smaller, store)  # the next sync repairs it: every graph reloaded, source-2 gone
    assert report.changed == ["http://example.org/source-0", "http://example.org/source-1"]
    kg = open_store(store, read_only=True)
    assert "http://example.org/source-2" not in kg.graph_names()
    assert kg.triple_count() == 20


class _Proxy:
    def __init__(self, inner, **overrides):
        self._inner, self._overrides = inner, overrides

    def __getattr__(self, name):
        return self._overrides.get(name) or getattr(self._inner, name)


def test_a_store_killed_mid_sync_by_sigkill_is_repaired_by_the_next_sync(tmp_path):
    store = tmp_path / "store"
    sync_store(_dataset(3, 10), store)
    script = textwrap.dedent(f"""
        import pyoxigraph as ox
        from graph.rdf.persist import sync_store
        from graph.rdf.store import KnowledgeGraph
        kg = KnowledgeGraph()
        p = ox.NamedNode("http://example.org/p")
        kg.add_quads(ox.Quad(ox.NamedNode(f"http://example.org/s{{g}}-{{i}}"), p, ox.Literal(f"value {{i}}"),
                             ox.NamedNode(f"http://example.org/source-{{g}}")) for g in range(2) for i in range(400_000))
        kg.refresh_union()
        sync_store(kg, {str(store)!r})
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    _wait_for(lambda: read_manifest(store)[0] == "syncing" or proc.poll() is not None, timeout=120)
    proc.kill()
    proc.communicate()
    if read_manifest(store)[0] == "clean":
        pytest.fail("the sync finished before it could be killed; make the dataset bigger")
    res = CliRunner().invoke(main, ["export", "--store", str(store), "-o", str(tmp_path / "x.nt")])
    assert res.exit_code == 1 and "interrupted" in res.output and not (tmp_path / "x.nt").exists()
    sync_store(_dataset(2, 10), store)
    kg = open_store(store, read_only=True)
    assert "http://example.org/source-2" not in kg.graph_names() and kg.triple_count() == 20


# ------------------------------------------------------------------ RDF inputs
def test_rdf_xml_entity_bomb_behind_a_long_comment_is_refused(tmp_path):
    """The DOCTYPE check read the first 4,096 bytes; 5 KB of comment let a billion-laughs document through."""
    entities = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text('<?xml version="1.0"?>\n<!--' + "x" * 5000 + '-->\n'
                    f'<!DOCTYPE r [<!ENTITY l0 "lol">{entities}]>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                    'xmlns:r="http://www.w3.org/2000/01/rdf-schema#">'
                    '<rdf:Description rdf:about="http://e/x"><r:label>&l9;</r:label></rdf:Description></rdf:RDF>\n')
    res = CliRunner().invoke(main, ["build", "--data", str(bomb), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and "bomb.rdf:3: RDF/XML with a DOCTYPE is refused" in res.output


def test_rdf_xml_in_utf16_with_a_doctype_is_refused(tmp_path):
    bomb = tmp_path / "wide.rdf"
    bomb.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r [<!ENTITY a "aaaa">]>\n'
                      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n').encode("utf-16"))
    res = CliRunner().invoke(main, ["build", "--data", str(bomb), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and "DOCTYPE is refused" in res.output


@pytest.mark.parametrize("target", ["https://w3id.org/aiekg/vocab", "https://w3id.org/aiekg/id/notes-llm-2023"])
def test_an_rdf_input_cannot_write_into_the_ontology_or_another_sources_graph(minimal, tmp_path, target):
    sneaky = tmp_path / "sneaky.trig"
    sneaky.write_text("@prefix aikg: <https://w3id.org/aiekg/vocab#> .\n"
                      f"<{target}> {{\n  <https://w3id.org/aiekg/id/base-model> aikg:parameterCount 1 .\n}}\n")
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--data", str(sneaky),
                                    "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and "sneaky.trig:2:" in res.output and "only graphs of its own" in res.output


def test_an_rdf_input_may_fill_graphs_of_its_own(minimal, tmp_path):
    own = tmp_path / "own.nq"
    own.write_text('<https://w3id.org/aiekg/id/base-model> <http://www.w3.org/2000/01/rdf-schema#comment> "c" '
                   "<http://example.org/my-graph> .\n")
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--data", str(own), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize("literal, message", [
    ('"lots"^^xsd:integer', '"lots" is not a valid xsd:integer'),
    ('"1,5"^^xsd:decimal', '"1,5" is not a valid xsd:decimal'),
    ('"yes"^^xsd:boolean', '"yes" is not a valid xsd:boolean'),
])
def test_an_ill_typed_rdf_number_is_a_file_line_error(tmp_path, literal, message):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix aikg: <https://w3id.org/aiekg/vocab#> .\n"
                   "<https://w3id.org/aiekg/id/x> a aikg:LanguageModel ;\n"
                   f"  aikg:parameterCount {literal} .\n")
    res = CliRunner().invoke(main, ["build", "--data", str(bad), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and f"bad.ttl:4: {message}" in res.output, res.output


def test_an_rdf_literal_over_16_mib_is_a_file_line_error(tmp_path):
    big = tmp_path / "big.ttl"
    with open(big, "w") as f:
        f.write("<https://w3id.org/aiekg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .\n")
        f.write('<https://w3id.org/aiekg/id/y> <http://www.w3.org/2000/01/rdf-schema#label> "' + "a" * (17 * 2**20) + '" .\n')
    res = CliRunner().invoke(main, ["build", "--data", str(big), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and "big.ttl:2: a term is longer than 16 MiB" in res.output
    assert not isinstance(res.exception, MemoryError)


def test_a_graph_from_elsewhere_with_an_ill_typed_number_still_projects(tmp_path):
    """A dataset not read through aikg's checks (a store, a TriG from another tool) does not crash the page."""
    from graph.views.network import to_networkx

    kg = KnowledgeGraph()
    kg.load_ontology()
    kg.add_quads([ox.Quad(ox.NamedNode("https://w3id.org/aiekg/id/x"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode("https://w3id.org/aiekg/vocab#LanguageModel"), ox.NamedNode("http://e/g")),
                  ox.Quad(ox.NamedNode("https://w3id.org/aiekg/id/x"), ox.NamedNode("https://w3id.org/aiekg/vocab#parameterCount"),
                          ox.Literal("lots", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                          ox.NamedNode("http://e/g"))])
    network = to_networkx(kg)
    assert json.dumps(dict(network.nodes(data=True)), default=str)
