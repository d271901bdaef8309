"""A large YAML file is read piece by piece; what comes out must be what reading it whole gives."""
from __future__ import annotations

import pytest

from graph.records import yamlread
from graph.errors import AikgError
from graph.records.load import load_records
from graph.records.yamlread import iter_yaml_pieces, read_yaml_file

HEAD = "# curated models\n\n- id: notes\n  type: Survey\n  label: {en: Notes}\n"


def _model(i: int) -> str:
    return (f"- id: m{i}\n  type: LanguageModel\n  label: {{en: \"Model {i}\", zh: 模型{i}}}\n"
            f"  released: {2000 + i % 20}\n  aliases: [M{i}]\n  sources: [notes]\n")


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(yamlread, "PIECE_BYTES", 200)


def _write(tmp_path, text):
    path = tmp_path / "models.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_pieces_give_the_same_items_and_lines_as_one_parse(tmp_path, small_pieces):
    path = _write(tmp_path, HEAD + "".join(_model(i) for i in range(40)))
    pieces = list(iter_yaml_pieces(path))
    whole = read_yaml_file(path)
    assert len(pieces) > 5
    items = [item for piece in pieces for item in piece]
    assert items == list(whole)
    assert [i.line for i in items] == [i.line for i in whole]
    assert [i.line_of("released") for i in items] == [i.line_of("released") for i in whole]
    assert [(r.id, r.line) for r in load_records([path])] == [("notes", 3)] + [(f"m{i}", 6 + 6 * i) for i in range(40)]


def test_an_error_in_a_later_piece_names_the_line_of_the_file(tmp_path, small_pieces):
    text = HEAD + "".join(_model(i) for i in range(30)) + "- id: bad\n  type: LanguageModel\n  label: {en: [\n"
    path = _write(tmp_path, text)
    with pytest.raises(AikgError) as whole:
        read_yaml_file(path)
    with pytest.raises(AikgError) as pieces:
        list(iter_yaml_pieces(path))
    assert str(pieces.value) == str(whole.value)
    assert f"models.yaml:{text.count(chr(10)) + 1}: malformed YAML" in str(whole.value)  # where the list is cut off


def test_a_value_error_in_a_later_piece_names_its_line(tmp_path, small_pieces):
    text = HEAD + "".join(_model(i) for i in range(30)) + "- id: m99\n  type: LanguageModel\n  label: {en: X}\n" \
        "  released: someday\n  sources: [notes]\n"
    path = _write(tmp_path, text)
    with pytest.raises(AikgError, match=rf"models.yaml:{text.count(chr(10)) - 1}: released: cannot read 'someday'"):
        load_records([path])


def test_a_quoted_value_that_a_cut_would_split_is_read_as_the_whole_file_reads_it(tmp_path, monkeypatch):
    # PyYAML lets a quoted scalar continue on a line that starts with "- ": a cut there breaks it.
    monkeypatch.setattr(yamlread, "PIECE_BYTES", 1)  # cut before every "- " at column 0
    whole_reads = []
    read = yamlread.read_yaml_text
    monkeypatch.setattr(yamlread, "read_yaml_text",
                        lambda text, *a, **k: whole_reads.append(len(text)) or read(text, *a, **k))
    text = HEAD + "".join(_model(i) for i in range(10)) + \
        '- id: odd\n  type: LanguageModel\n  label: {en: "two\n- lines"}\n  sources: [notes]\n' + \
        "".join(_model(i) for i in range(10, 20))
    path = _write(tmp_path, text)
    whole = read_yaml_file(path)
    whole_reads.clear()
    items = [item for piece in iter_yaml_pieces(path) for item in piece]
    assert len(text) in whole_reads  # the cut inside the quotes failed, so the file was read whole
    assert items == list(whole)
    assert [i.line for i in items] == [i.line for i in whole]
    assert [i["label"]["en"] for i in items if i["id"] == "odd"] == ["two - lines"]


def test_a_file_with_a_document_marker_is_read_whole(tmp_path, small_pieces):
    path = _write(tmp_path, "---\n" + HEAD + "".join(_model(i) for i in range(20)))
    pieces = list(iter_yaml_pieces(path))
    assert len(pieces) == 1 and pieces[0] == read_yaml_file(path) and len(pieces[0]) == 21


def test_a_file_that_is_not_a_top_level_list_gives_the_same_error_as_reading_it_whole(tmp_path, small_pieces):
    path = _write(tmp_path, "x: 1\n" + "".join(_model(i) for i in range(20)))
    with pytest.raises(AikgError) as whole:
        read_yaml_file(path)
    with pytest.raises(AikgError) as pieces:
        list(iter_yaml_pieces(path))
    assert str(pieces.value) == str(whole.value)
