"""The package's shape: layers that import only downward, one input path, a thin CLI."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from graph.cli import main
from graph.rdf.store import KnowledgeGraph
from graph.records.discovery import find_inputs

PACKAGE = Path(__file__).resolve().parent.parent / "graph"
ENGINES = {"pyoxigraph", "rdflib", "networkx", "jinja2", "pyshacl", "igraph", "pyvis", "yaml", "oxrdflib"}
# Each layer may import the layers after it in this list, never one before it.
LAYERS = ["cli", "workspace", "build|storebuild", "exports", "imports|analysis", "ingest|views|sparql", "rdf", "records",
          "errors|namespaces|settings|formats|vocabulary|atomic|gcpause|progress|defaults|wording"]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every module of graph/ and the modules it imports, at module level or inside functions."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        targets = found.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                base = node.module if node.level == 0 else ".".join(name.split(".")[:-node.level] + [node.module])
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _layer(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else ""
    for i, names in enumerate(LAYERS):
        if top in names.split("|"):
            return i
    raise AssertionError(f"{module} belongs to no layer; add it to LAYERS")


def test_no_module_of_the_package_takes_part_in_an_import_circle():
    imports = _imports()
    g = nx.DiGraph((m, t) for m, ts in imports.items() for t in ts if t in imports and t != m)
    g.remove_edges_from([(m, t) for m, t in list(g.edges) if t == "graph"])  # the package's façade
    assert list(nx.simple_cycles(g)) == []


def test_each_layer_imports_only_the_layers_below_it():
    imports = _imports()
    upward = sorted(f"{m} imports {t}" for m, ts in imports.items() if m != "graph"
                    for t in ts if t in imports and t != "graph" and t.count(".") and _layer(t) < _layer(m))
    assert upward == []


def test_the_command_line_layer_imports_no_engine_library():
    used = {t.split(".")[0] for t in _imports()["graph.cli"]}
    assert used & ENGINES == set()


def test_input_suffixes_are_read_in_any_case(tmp_path, minimal):
    upper = tmp_path / "upper"
    upper.mkdir()
    shutil.copy(minimal / "notes.yaml", upper / "notes.YAML")
    (upper / "extra.Yml").write_text(
        "- id: extra-lab\n  type: ResearchLab\n  label: {en: Extra Lab}\n  sources: [notes-llm-2023]\n", encoding="utf-8")
    (upper / "more.TTL").write_text(
        "<https://w3id.org/aiekg/id/extra-lab> <http://www.w3.org/2000/01/rdf-schema#comment> \"from Turtle\" .\n",
        encoding="utf-8")
    lower = tmp_path / "lower"
    lower.mkdir()
    for f in upper.iterdir():
        shutil.copy(f, lower / f.name.lower())
    runner = CliRunner()
    for name in ("upper", "lower"):
        res = runner.invoke(main, ["build", "--data", str(tmp_path / name), "--out", str(tmp_path / f"out-{name}")])
        assert res.exit_code == 0, res.output
        assert "0 entities" not in res.output and "and 1 RDF file in" in res.output
    import rdflib

    a, b = (rdflib.Graph().parse(tmp_path / f"out-{n}" / "graph.ttl", format="turtle") for n in ("upper", "lower"))
    for g in (a, b):  # the RDF file is a source named after the file: the only difference
        files = {s for s in g.subjects() if str(s).startswith("file://")}
        assert len(files) == 1 and str(files.pop()).lower().endswith("/more.ttl")
        g -= [t for t in g if str(t[0]).startswith("file://")]
    assert len(a) > 40 and isomorphic(a, b)


def test_markdown_in_a_directory_is_notes_only_under_a_surveys_folder(tmp_path):
    (tmp_path / "README.md").write_text("# About this data\n", encoding="utf-8")
    (tmp_path / "surveys").mkdir()
    (tmp_path / "surveys" / "Notes.MD").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "records.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    found = find_inputs([tmp_path])
    assert [p.name for p in found.notes] == ["Notes.MD"]
    assert [p.name for p in found.records] == ["records.yaml"] and found.skipped == 2
    assert [p.name for p in find_inputs([tmp_path / "surveys"]).notes] == ["Notes.MD"]
    assert [p.name for p in find_inputs([tmp_path / "README.md"]).notes] == ["README.md"], "a file given is read"


def test_the_build_summary_says_how_many_files_it_skipped(tmp_path, minimal):
    (minimal / "README.md").write_text("# About\n", encoding="utf-8")
    (minimal / "logo.png").write_bytes(b"\x89PNG")
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "skipped 2 files of other types" in res.output


def test_an_input_of_an_unknown_type_given_by_name_is_a_clear_error(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    res = CliRunner().invoke(main, ["build", "--data", str(tmp_path / "notes.docx"), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1 and "unsupported input type '.docx'" in res.output and "Traceback" not in res.output


def test_validate_and_reading_commands_do_not_project_or_run_checks(minimal, monkeypatch):
    import graph.sparql.query
    import graph.views.network

    def refuse(*args, **kwargs):
        raise AssertionError("not needed here")

    monkeypatch.setattr(graph.views.network, "to_networkx", refuse)
    monkeypatch.setattr(graph.sparql.query, "run_checks", refuse)
    monkeypatch.setattr("graph.build.run_checks", refuse)
    runner = CliRunner()
    res = runner.invoke(main, ["validate", "--data", str(minimal)])
    assert res.exit_code == 0 and "conforms" in res.output.lower(), res.output
    res = runner.invoke(main, ["query", "--data", str(minimal), "--format", "csv",
                               "SELECT (COUNT(*) AS ?n) { ?s a aikg:ResearchLab }"])
    assert res.exit_code == 0 and res.output.splitlines()[-1] == "1", res.output


def test_serve_and_query_open_the_same_graph_when_the_built_one_is_missing(tmp_path, minimal):
    from graph.workspace import endpoint_files, open_graph

    missing = tmp_path / "none" / "graph.trig"
    said = []
    kg = open_graph(missing, [minimal], say=said.append)
    trig, page = endpoint_files(missing, [minimal], tmp_path, said.append)
    served = KnowledgeGraph.from_trig(trig)
    assert sorted(map(str, served.named_quads())) == sorted(map(str, kg.named_quads()))
    assert page.startswith(b"<!DOCTYPE html>") and b"Acme Lab" in page
    assert said == [f"building from {minimal} in memory"] * 2


@pytest.mark.parametrize("argv", [["query", "ASK {}"], ["export", "-o", "x.ttl"], ["page"]])
def test_every_reading_command_builds_from_data_when_the_built_graph_is_missing(tmp_path, minimal, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)  # no out/graph.trig here; data/ is the minimal dataset
    res = CliRunner().invoke(main, argv)
    assert res.exit_code == 0, res.output + res.stderr
    assert "out/graph.trig not found: building from data in memory" in res.stderr
