"""The commands count one thing one way: the same number of source graphs everywhere, "1 violation"."""
from __future__ import annotations

import tempfile
from pathlib import Path
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import main
from graph.wording import count

from conftest import DATA

PHRASE = re.compile(r"(\d+) source graphs? \(\+ the ontology\)")
#: "1" followed by a plural noun (one word, or two as in "1 RDF files", "1 source graphs").
ONE_PLURAL = re.compile(r"(?<![\d.,])\b1 (?:[A-Za-z]+ )?[a-z]+s\b(?! of\b)")

#: the manifests of the tests' CLI pushes (which send everything: --full), kept out of out/
PUSH_STATE = Path(tempfile.mkdtemp(prefix="aikg-push-"))


class _GraphStore(BaseHTTPRequestHandler):
    """A Graph Store Protocol endpoint that takes every PUT (and remembers which graph it was)."""

    received: list[str] = []

    def do_PUT(self):  # noqa: N802 - the name http.server calls
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.received.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def graph_store():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GraphStore)
    _GraphStore.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


def _sources(text: str) -> list[int]:
    return [int(n) for n in PHRASE.findall(text)]


def test_build_the_store_and_push_count_the_source_graphs_the_same_way(tmp_path, graph_store):
    runner = CliRunner()
    res = runner.invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path / "out"),
                               "--store", str(tmp_path / "store")])
    assert res.exit_code == 0, res.output
    built, stored = (line for line in res.output.splitlines() if PHRASE.search(line))
    res = runner.invoke(main, ["push", "--full", "--state", str(PUSH_STATE), "--graph", str(tmp_path / "out" / "graph.trig"), "--endpoint", graph_store])
    assert res.exit_code == 0, res.output
    pushed = res.output.strip()
    sources = len(build([DATA], checks=False, project=False).kg.graph_names()) - 1  # all but the ontology's
    assert "across" in built and stored.startswith("store:") and pushed.startswith("pushed")
    assert _sources(built) == _sources(stored) == _sources(pushed) == [sources], (built, stored, pushed)
    assert len(_GraphStore.received) == sources + 2  # each source's graph, the ontology's, the union


def test_no_summary_says_one_of_something_in_the_plural(tmp_path, minimal):
    """One RDF file, one skipped file, one changed source, one passage: every count says it in the singular."""
    (minimal / "more.ttl").write_text(
        "<https://w3id.org/aiekg/id/acme-lab> <http://www.w3.org/2000/01/rdf-schema#comment> \"from Turtle\" .\n",
        encoding="utf-8")
    (minimal / "logo.png").write_bytes(b"\x89PNG")
    runner = CliRunner()
    args = ["build", "--data", str(minimal), "--out", str(tmp_path / "out"), "--store", str(tmp_path / "store")]
    outputs = [runner.invoke(main, args).output]
    text = (minimal / "notes.yaml").read_text(encoding="utf-8")
    (minimal / "notes.yaml").write_text(text.replace("released: {value: 2022-06-01", "released: {value: 2022-07-01"),
                                        encoding="utf-8")
    outputs.append(runner.invoke(main, args).output)
    notes = tmp_path / "one.md"
    notes.write_text("# One\n\n## Models\n\n- **Zed-7B**: a language model with 7B parameters.\n", encoding="utf-8")
    outputs.append(runner.invoke(main, ["ingest", str(notes), "--data", str(minimal), "-o",
                                        str(tmp_path / "c.yaml")]).output)
    joined = "\n".join(outputs)
    assert "and 1 RDF file (skipped 1 file of other types) in" in joined, joined
    assert "store: 1 source graph (re)loaded" in joined and ", 1 passage" in joined, joined
    assert ONE_PLURAL.findall(joined) == [], joined


def test_the_plural_helper_says_one_in_the_singular():
    assert [count(n, "violation") for n in (0, 1, 2)] == ["0 violations", "1 violation", "2 violations"]
    assert count(1, "entity") == "1 entity" and count(2, "entity") == "2 entities"



def test_serve_says_one_row_in_the_singular(tmp_path, minimal, monkeypatch):
    from types import SimpleNamespace

    import graph.sparql.server

    class Server:
        server_address = ("127.0.0.1", 8000)
        pool = SimpleNamespace(limits=SimpleNamespace(max_memory=512 * 2 ** 20), close=lambda: None)

        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            pass

    monkeypatch.setattr(graph.sparql.server, "make_server", lambda *args: Server())
    res = CliRunner().invoke(main, ["serve", "--data", str(minimal), "--max-rows", "1"])
    assert res.exit_code == 0, res.output
    assert "512 MB and 1 row a query" in res.output, res.output
