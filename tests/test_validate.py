"""SHACL shapes: every fixture file is a test case; aikg validate reports in plain words."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import main
from graph.rdf.shacl import validate

SHAPES = Path(__file__).resolve().parent / "shapes"
VALID = sorted((SHAPES / "valid").glob("*.ttl"))
INVALID = sorted((SHAPES / "invalid").glob("*.ttl"))


def test_the_fixture_folders_are_not_empty():
    assert len(VALID) >= 2 and len(INVALID) >= 10


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixtures_conform(path):
    report = validate(build([path], checks=False))
    assert report.conforms, report.text()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixtures_fail_with_the_expected_message(path):
    expected = re.match(r"# expect: (.+)", path.read_text(encoding="utf-8")).group(1)
    report = validate(build([path], checks=False))
    assert not report.conforms
    messages = [f.message for f in report.violations]
    assert any(expected in m for m in messages), messages


def test_the_shipped_data_conforms_and_validate_exits_0():
    res = CliRunner().invoke(main, ["validate"])
    assert res.exit_code == 0, res.output
    assert "conforms" in res.output.splitlines()[-1]


def test_validate_names_file_line_entity_and_property_and_exits_1(tmp_path, minimal):
    (minimal / "more.yaml").write_text(
        "- id: future-model\n  type: LanguageModel\n  label: {en: Future}\n  released: 2999\n"
        "  sources: [notes-llm-2023]\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["validate", "--data", str(minimal)])
    assert res.exit_code == 1
    assert res.output.splitlines()[-1] == "1 violation", res.output  # one count, right grammar
    line = next(x for x in res.output.splitlines() if "future-model" in x)
    assert re.match(r".*more\.yaml:1: future-model \(Future\): aikg:releaseDate: release date 2999 is in the future", line)
    res = CliRunner().invoke(main, ["validate", "--data", str(minimal), "--format", "json"])
    doc = json.loads(res.output)
    assert doc["conforms"] is False
    assert {"entity": "future-model", "property": "aikg:releaseDate"}.items() <= doc["findings"][0].items()


def test_build_refuses_to_write_what_does_not_conform(tmp_path, minimal):
    (minimal / "more.yaml").write_text(
        "- id: future-model\n  type: LanguageModel\n  label: {en: Future}\n  released: 2999\n"
        "  sources: [notes-llm-2023]\n", encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--out", str(out)])
    assert res.exit_code == 1 and "does not conform" in res.output and "more.yaml:1:" in res.output
    assert not out.exists()
    res = CliRunner().invoke(main, ["build", "--data", str(minimal), "--out", str(out), "--no-validate"])
    assert res.exit_code == 0 and (out / "graph.ttl").exists()
