"""Loading records: good data loads; every kind of bad data gives file:line and exit code 1."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import AikgError
from graph.records.load import load_records

GOOD_HEAD = """\
- id: notes
  type: Survey
  label: {en: Notes}
- id: org
  type: Company
  label: {en: Org}
  sources: [notes]
"""


def write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    d = tmp_path / "data"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d


def test_the_minimal_fixture_loads_with_types_labels_and_sources(minimal):
    records = {r.id: r for r in load_records([minimal])}
    assert records["chat-model"].type.endswith("#LanguageModel")
    assert records["acme-university"].labels == {"en": "Acme University", "zh": "顶点大学"}
    released = next(f for f in records["chat-model"].facts if f.key == "released")
    assert released.sources == ("blog-chatlm",)
    assert released.value == ("2022-06-01", "http://www.w3.org/2001/XMLSchema#date")
    assert records["blog-chatlm"].sources == ("blog-chatlm",), "a source is its own source"


def test_the_shipped_data_loads_and_every_record_names_a_source():
    records = load_records([Path(__file__).resolve().parent.parent / "data"])
    assert len(records) > 50
    assert all(r.sources for r in records)
    assert all(f.sources for r in records for f in r.facts)


BAD_RECORDS = [
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M\n", 11, "malformed YAML"),
    (GOOD_HEAD + "- type: Company\n  label: {en: X}\n  sources: [notes]\n", 8, "record has no id"),
    (GOOD_HEAD + "- id: x\n  label: {en: X}\n  sources: [notes]\n", 8, "record 'x' has no type"),
    (GOOD_HEAD + "- id: x\n  type: Compnay\n  label: {en: X}\n  sources: [notes]\n", 9,
     "unknown type 'Compnay' (did you mean 'Company'?)"),
    (GOOD_HEAD + "- id: org\n  type: Company\n  label: {en: X}\n  sources: [notes]\n", 8,
     "duplicate id 'org'"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n  developed_by: orgg\n  sources: [notes]\n",
     11, "developed_by refers to unknown id 'orgg' (did you mean 'org'?)"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n  parameters: many\n  sources: [notes]\n",
     11, "parameters must be a whole number, got 'many'"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n  released: 2023-13-45\n  sources: [notes]\n",
     11, "cannot read '2023-13-45' as a date"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n  developer: org\n  sources: [notes]\n",
     11, "unknown property 'developer' (did you mean 'developed_by'?)"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n  ids: {wikidata: 95726734}\n  sources: [notes]\n",
     11, "wikidata 95726734 is not valid"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n  developed_by: notes\n  sources: [notes]\n",
     11, "developed_by: 'notes' is a Survey, expected"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n  sources: [org]\n", 8,
     "'org' is a Company, not a source"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n", 8, "names no sources"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {en: M}\n  part_of: org\n  sources: [notes]\n", 11,
     "part_of does not apply to a LanguageModel"),
    (GOOD_HEAD + "- id: m\n  type: LanguageModel\n  label: {zh: 模型}\n  sources: [notes]\n", 10,
     "needs an English label"),
    (GOOD_HEAD + "- !!python/object/apply:os.system [echo pwned]\n", 8, "YAML tag"),
    (GOOD_HEAD + "- &a {id: q}\n- *a\n", 8, "aliases"),
    ("id: x\n", 1, "a data file must be a YAML list"),
]
BAD_IDS = ["malformed-yaml", "no-id", "no-type", "unknown-type", "duplicate-id", "unknown-ref", "wrong-datatype",
           "bad-date", "unknown-property", "bad-wikidata-id", "wrong-range", "source-not-a-source", "no-sources",
           "wrong-domain", "no-english-label", "python-tag", "yaml-alias", "not-a-list"]


@pytest.mark.parametrize("text, line, message", BAD_RECORDS, ids=BAD_IDS)
def test_bad_records_give_file_line_and_message(tmp_path, text, line, message):
    d = write(tmp_path, text)
    with pytest.raises(AikgError) as err:
        load_records([d])
    assert err.value.path.endswith("data.yaml")
    assert err.value.line == line, str(err.value)
    assert message in err.value.message


def test_invalid_utf8_names_the_line(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    (d / "data.yaml").write_bytes(GOOD_HEAD.encode() + b"- id: x\n  label: {en: \xff}\n")
    with pytest.raises(AikgError, match=r"data\.yaml:9: invalid UTF-8"):
        load_records([d])


def _checksums(out: Path) -> dict[str, str]:
    """Every file under ``out`` (the links and the build they point to), by its path there."""
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("bad", [case[0] for case in BAD_RECORDS], ids=BAD_IDS)
def test_a_failed_build_reports_file_line_exits_1_and_leaves_out_untouched(tmp_path, minimal, bad):
    runner = CliRunner()
    out = tmp_path / "out"
    ok = runner.invoke(main, ["build", "--data", str(minimal), "--out", str(out)])
    assert ok.exit_code == 0, ok.output
    before = _checksums(out)
    (minimal / "broken.yaml").write_text(bad, encoding="utf-8")
    res = runner.invoke(main, ["build", "--data", str(minimal), "--out", str(out)])
    assert res.exit_code == 1
    assert re.search(r"broken\.yaml:\d+: ", res.output), res.output
    assert "Traceback" not in res.output
    assert _checksums(out) == before


def test_an_empty_data_directory_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(main, ["build", "--data", str(tmp_path / "empty"), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert "no input files" in res.output
    assert not (tmp_path / "out").exists()


def test_a_missing_data_path_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(main, ["build", "--data", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert "nope: no such file or directory" in res.output


def test_invalid_utf8_fails_the_build_and_leaves_out_untouched(tmp_path, minimal):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--data", str(minimal), "--out", str(out)]).exit_code == 0
    before = _checksums(out)
    (minimal / "latin1.yaml").write_bytes("- id: caf\xe9\n".encode("latin-1"))
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--out", str(out)])
    assert res.exit_code == 1 and "latin1.yaml:1: invalid UTF-8" in res.output
    assert _checksums(out) == before


def test_an_interrupted_write_leaves_no_half_file_and_no_new_output(tmp_path, minimal, monkeypatch):
    """Ctrl-C in the middle of writing the outputs: the old files stay whole, no temporary file is left."""
    import os as os_module

    from graph import atomic

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--data", str(minimal), "--out", str(out)]).exit_code == 0
    before = _checksums(out)
    real_fsync = os_module.fsync
    calls = {"n": 0}

    def interrupted_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", interrupted_fsync)
    (minimal / "extra.yaml").write_text("- id: extra-lab\n  type: ResearchLab\n  label: {en: Extra}\n"
                                        "  sources: [notes-llm-2023]\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        from graph.build import build_outputs
        build_outputs([minimal], out)
    assert _checksums(out) == before  # every file, no temporary left among them
