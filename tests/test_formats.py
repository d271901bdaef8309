"""The one format table: what the CLI offers, what each writer is, and the one order rule of RDF outputs."""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from graph import formats
from graph.exports.write import export
from graph.formats import EXPORT, FORMATS, INPUT, RESULT
from graph.rdf import write


def test_the_cli_offers_the_formats_of_the_table():
    from graph.cli import main

    def choices(command, option):
        return tuple(next(p for p in main.commands[command].params if p.name == option).type.choices)

    assert choices("export", "fmt") == formats.EXPORT_FORMAT_NAMES
    assert choices("query", "fmt") == formats.RESULT_FORMAT_NAMES


def test_every_row_is_well_formed_and_its_writer_loads():
    for role in (EXPORT, RESULT, INPUT):
        rows = formats.formats(role)
        assert len({f.name for f in rows}) == len(rows), role
        suffixes = [s for f in rows for s in f.suffixes]
        assert len(set(suffixes)) == len(suffixes) and all(s == s.lower() and s.startswith(".") for s in suffixes)
    for f in FORMATS:
        assert (f.writer is None) == (f.role == INPUT), f
        assert f.role != INPUT or (f.rdf is None) == (f.carries in (formats.RECORDS, formats.NOTES)), f
        if f.writer:
            assert callable(f.load_writer()), f
        if f.rdf:
            assert hasattr(ox.RdfFormat, f.rdf), f


def test_a_result_is_sent_as_its_first_media_type_and_chosen_by_each():
    for name in formats.result_formats():
        row = formats.lookup(name, RESULT)
        for media in row.media_types:
            assert formats.choose(media, "graph" if row.carries == formats.TRIPLES else "select") == name
        if row.media_types:
            assert formats.content_type(name).startswith(row.media_types[0])


@pytest.mark.parametrize("fmt, ext", [("turtle", "ttl"), ("nt", "nt"), ("trig", "trig"), ("nquads", "nq")])
def test_rdf_is_sorted_up_to_the_limit_and_streamed_above(built, tmp_path, monkeypatch, fmt, ext):
    (small,) = export(built.kg, built.network, fmt, tmp_path / f"small.{ext}")
    assert small.read_bytes() == built.kg.serialize(fmt), "one writer for exports and the build"
    dataset = fmt in ("trig", "nquads")
    statements = list(write.quads(built.kg) if dataset else write.triples(built.kg))
    key = write.quad_sort_key if dataset else write.triple_sort_key
    assert statements == sorted(statements, key=key)
    monkeypatch.setattr(write, "SORT_LIMIT", 10)
    streamed = list(write.quads(built.kg) if dataset else write.triples(built.kg))
    assert streamed == list(built.kg.named_quads() if dataset else built.kg.union_triples()), "store order"
    assert sorted(streamed, key=key) == statements


def test_a_subgraph_of_the_projection_keeps_the_projections_order(built, tmp_path):
    (p,) = export(built.kg, built.network, "graphml", tmp_path / "n.graphml", types=["Organization"])
    written = re.findall(r'<node id="([^"]+)">', p.read_text(encoding="utf-8"))
    assert written == [n for n in built.network if n in set(written)], "not the order of a set, which changes per run"
