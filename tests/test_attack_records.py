"""Hostile records (YAML, JSON Lines, CSV): each is a ``file:line`` error, exit code 1, no traceback, out/ intact.

Every test here is an attack from the security audit of the record readers
(graph/records/bulk.py, graph/records/parse.py, graph/records/yamlread.py, graph/rdf/quads.py). A failed
build must say where the problem is and leave the previous out/ byte for byte.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import AikgError
from graph.records.load import load_records
from graph.records.model import Record

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = "notes-llm-2023"  # the Survey of the minimal fixture
BIG = (16 << 20) + 1  # one character over 16 MiB


def _checksums(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_out(tmp_path_factory) -> Path:
    """out/ as a good build of the minimal fixture wrote it (built once, copied by each test)."""
    base = tmp_path_factory.mktemp("good")
    out = base / "out"
    res = CliRunner().invoke(main, ["build", "--data", str(FIXTURES / "minimal"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture
def refused(tmp_path, good_out):
    """Add one file to a copy of the minimal data, build over a good out/, and check the build is refused.

    Returns the output (``file:line: message``) after checking exit code 1, no traceback
    and out/ left as it was.
    """
    def run(name: str, content: str | bytes) -> str:
        data = tmp_path / "data"
        if not data.exists():
            shutil.copytree(FIXTURES / "minimal", data)
        out = tmp_path / "out"
        if not out.exists():
            shutil.copytree(good_out, out)
        before = _checksums(out)
        path = data / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        res = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out)])
        assert res.exit_code == 1, f"the build was not refused:\n{res.output}"
        assert isinstance(res.exception, SystemExit), f"{type(res.exception).__name__}: {res.exception}"
        assert "Traceback" not in res.output
        assert re.search(re.escape(name) + r":\d+: ", res.output), res.output
        assert _checksums(out) == before, "a refused build changed out/"
        return res.output

    return run


def _jsonl(*records: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


MODEL = {"id": "hostile-model", "type": "LanguageModel", "label": {"en": "Hostile"}, "sources": [SOURCE]}


def _yaml_model(*extra: str, **fields: str) -> str:
    lines = {"id": "hostile-model", "type": "LanguageModel", "label": "{en: Hostile}", "sources": f"[{SOURCE}]",
             **fields}
    return "- " + "\n  ".join(f"{k}: {v}" for k, v in lines.items()) + "\n" + "".join(f"  {e}\n" for e in extra)


# 1. Deep nesting --------------------------------------------------------------------------------

@pytest.mark.parametrize("opener, closer", [("[", "]"), ('{"a": ', "}"), ('[{"a": ', "}]")],
                         ids=["arrays", "objects", "both"])
def test_json_lines_nested_a_hundred_thousand_deep_is_a_file_line_error(refused, opener, closer):
    deep = ('{"id": "hostile-model", "type": "LanguageModel", "label": '
            + opener * 100_000 + "1" + closer * 100_000 + "}")
    output = refused("deep.jsonl", _jsonl(MODEL | {"id": "first"}) + deep + "\n")
    assert "deep.jsonl:2: value nested too deeply (more than 32 levels)" in output


def test_json_lines_nested_just_over_the_limit_is_refused_and_brackets_in_strings_do_not_count(refused, tmp_path):
    fine = MODEL | {"description": {"en": "[" * 5000 + "{" * 5000}}
    (tmp_path / "fine.jsonl").write_text(_jsonl({"id": SOURCE, "type": "Survey", "label": {"en": "N"}}, fine),
                                         encoding="utf-8")
    recs = load_records([tmp_path / "fine.jsonl"])
    assert recs[1].facts[0].value[1].startswith("[[[")
    over = '{"id": "x", "type": "LanguageModel", "label": ' + "[" * 33 + "]" * 33 + "}"
    output = refused("over.jsonl", over + "\n")
    assert "over.jsonl:1: value nested too deeply (more than 32 levels)" in output


# 2. Text over 16 MiB ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["yaml", "jsonl", "csv"])
def test_a_label_over_16_mib_is_a_file_line_error_in_every_format(refused, fmt):
    big = "a" * BIG
    if fmt == "yaml":
        text, line = _yaml_model(label=f'{{en: "{big}"}}'), 3
    elif fmt == "jsonl":
        text, line = _jsonl(MODEL | {"id": "first"}, MODEL | {"label": {"en": big}}), 2
    else:
        text, line = f"id,type,label,sources\nhostile-model,LanguageModel,{big},{SOURCE}\n", 2
    output = refused(f"big.{fmt}", text)
    assert f"big.{fmt}:{line}: " in output
    assert "text longer than the limit of 131,072 characters" in output


def test_a_literal_too_long_for_the_n_quads_loader_is_refused_with_its_record(tmp_path):
    """The last line of defence, for records made by other code: never a MemoryError from Oxigraph."""
    from graph.rdf.quads import records_nquads

    rec = Record("hostile-model", "https://w3id.org/aiekg/vocab#LanguageModel", "made.yaml", 7,
                 {"en": "\x01" * (3 << 20)}, sources=(SOURCE,))  # 3 Mi characters, 18 MiB escaped
    with pytest.raises(AikgError, match=r"^made\.yaml:7: .*N-Quads line of [\d,]+ bytes"):
        list(records_nquads([rec]))


# 3. A trailing newline in an id, a language tag or an identifier --------------------------------

NEWLINE_CASES = {
    "id": ("- id: \"hostile\\n\"\n  type: LanguageModel\n  label: {en: H}\n  sources: [notes-llm-2023]\n", 1),
    "label-language": (_yaml_model(label='{en: H, "zh\\n": x}'), 3),
    "alias-language": (_yaml_model('aliases: {"zh\\n": [x]}'), 5),
    "wikidata": (_yaml_model('ids: {wikidata: "Q1\\n"}'), 5),
    "doi": (_yaml_model('ids: {doi: "10.1234/x\\n"}'), 5),
    "github": (_yaml_model('ids: {github: "acme\\n"}'), 5),
}


@pytest.mark.parametrize("case", NEWLINE_CASES, ids=list(NEWLINE_CASES))
def test_trailing_newline_in_an_id_is_refused(refused, case):
    text, line = NEWLINE_CASES[case]
    output = refused("newline.yaml", text)
    assert f"newline.yaml:{line}: " in output
    assert "\\n'" in output  # the message shows the value, newline included


def test_trailing_newline_in_a_json_lines_id_is_refused(refused):
    output = refused("newline.jsonl", _jsonl(MODEL | {"id": "hostile\n"}))
    assert "newline.jsonl:1: id 'hostile\\n' must be lowercase letters" in output


# 4. CSV without a header ------------------------------------------------------------------------

HEADERLESS = {
    "data-row-first": (f"hostile-model,LanguageModel,Hostile,{SOURCE}\n", "the first row must be a header"),
    "empty-file": ("", "no header row"),
    "blank-lines-only": ("\n\n", "no header row"),
    "unknown-column": (f"id,type,label,lable,sources\nhostile-model,LanguageModel,Hostile,,{SOURCE}\n",
                       "column 'lable' is not a record key (did you mean 'label'?)"),
    "bad-label-language": (f"id,type,label,label_EN,sources\nhostile-model,LanguageModel,Hostile,,{SOURCE}\n",
                           "'EN' is not a language tag"),
}


@pytest.mark.parametrize("case", HEADERLESS, ids=list(HEADERLESS))
def test_csv_without_a_header_keeps_out_intact(refused, case, tmp_path):
    text, message = HEADERLESS[case]
    output = refused("models.csv", text)
    assert "models.csv:1: " in output and message in output
    if "header" in message:
        assert "id,type" in output  # says what header was expected


def test_a_csv_header_without_rows_is_an_empty_table_but_a_data_row_is_no_header(tmp_path):
    (tmp_path / "empty.csv").write_text("id,type,label,sources\n", encoding="utf-8")
    assert load_records([tmp_path / "empty.csv"]) == []
    (tmp_path / "rows.csv").write_text(f"hostile-model,LanguageModel,Hostile,{SOURCE}\n", encoding="utf-8")
    with pytest.raises(AikgError, match=r"rows\.csv:1: the first row must be a header"):
        load_records([tmp_path / "rows.csv"])


# 5. Duplicate CSV columns and JSON keys ---------------------------------------------------------

DUPLICATES = {
    "csv-same-name": ("dup.csv", f"id,type,label,label,sources\nhostile-model,LanguageModel,A,B,{SOURCE}\n",
                      "dup.csv:1: duplicate column 'label'"),
    "csv-label-and-label_en": ("dup.csv", f"id,type,label,label_en,sources\nhostile-model,LanguageModel,A,B,{SOURCE}\n",
                               "dup.csv:1: columns 'label' and 'label_en' both give label en"),
    "csv-map-and-its-key": ("dup.csv",
                            f"id,type,label,ids,ids.wikidata,sources\nhostile-model,LanguageModel,A,x,Q1,{SOURCE}\n",
                            "dup.csv:1: columns 'ids' and 'ids.wikidata' both give ids"),
    "json-record-key": ("dup.jsonl", '{"id": "hostile-model", "id": "other", "type": "LanguageModel", '
                                     f'"label": {{"en": "H"}}, "sources": ["{SOURCE}"]}}\n',
                        "dup.jsonl:1: duplicate key 'id'"),
    "json-nested-key": ("dup.jsonl", _jsonl(MODEL | {"id": "first"}) + '{"id": "hostile-model", "type": '
                        f'"LanguageModel", "label": {{"en": "A", "en": "B"}}, "sources": ["{SOURCE}"]}}\n',
                        "dup.jsonl:2: duplicate key 'en'"),
}


@pytest.mark.parametrize("case", DUPLICATES, ids=list(DUPLICATES))
def test_duplicate_csv_columns_and_json_keys_are_refused(refused, case):
    name, text, message = DUPLICATES[case]
    assert message in refused(name, text)


# 6. A UTF-8 byte order mark ---------------------------------------------------------------------

def test_csv_and_json_lines_with_a_byte_order_mark_load(tmp_path):
    (tmp_path / "models.csv").write_text(
        f"\ufeffid,type,label,uses,sources\nbom-model,LanguageModel,BOM,technique-a;technique-b,{SOURCE}\n",
        encoding="utf-8")
    (tmp_path / "more.jsonl").write_text("\ufeff" + _jsonl(MODEL | {"id": "bom-jsonl"}), encoding="utf-8")
    (tmp_path / "rest.yaml").write_text(
        f"- {{id: {SOURCE}, type: Survey, label: {{en: Notes}}}}\n"
        f"- {{id: technique-a, type: Technique, label: {{en: A}}, sources: [{SOURCE}]}}\n"
        f"- {{id: technique-b, type: Technique, label: {{en: B}}, sources: [{SOURCE}]}}\n", encoding="utf-8")
    recs = {r.id: r for r in load_records([tmp_path])}
    assert recs["bom-model"].labels == {"en": "BOM"} and "bom-jsonl" in recs
    assert [f.value for f in recs["bom-model"].facts if f.key == "uses"] == ["technique-a", "technique-b"]


# 7. Invalid UTF-8 in bulk files -----------------------------------------------------------------

@pytest.mark.parametrize("name, content, where", [
    ("bad.jsonl", _jsonl(MODEL | {"id": "one"}, MODEL | {"id": "two"}).encode()
     + b'{"id": "caf\xe9", "type": "LanguageModel"}\n', "bad.jsonl:3: invalid UTF-8 (byte 0xe9 at column 12)"),
    ("bad.csv", f"id,type,label,sources\nm-one,LanguageModel,One,{SOURCE}\n".encode()
     + f"m-two,LanguageModel,T\u00e9\xff,{SOURCE}\n".encode("latin-1"),
     "bad.csv:3: invalid UTF-8 (byte 0xe9 at column 22)"),
], ids=["jsonl", "csv"])
def test_invalid_utf8_in_json_lines_and_csv_names_the_line(refused, name, content, where):
    assert where in refused(name, content)


# 8. Non-finite numbers --------------------------------------------------------------------------

def _json_cost(amount: str) -> str:
    return ('{"id": "hostile-model", "type": "LanguageModel", "label": {"en": "H"}, '
            f'"training_cost": {{"amount": {amount}, "currency": "USD"}}, "sources": ["{SOURCE}"]}}\n')


NON_FINITE = {  # (file, text, line, the message after "file:line: ")
    "yaml-inf-amount": ("n.yaml", _yaml_model("training_cost: {amount: .inf, currency: USD}"), 5,
                        "training_cost must be a finite number, got inf"),
    "yaml-inf-quantity": ("n.yaml", _yaml_model("training_data_size: {value: .Inf, unit: tokens}"), 5,
                          "training_data_size must be a finite number, got inf"),
    "yaml-inf-decimal": ("n.yaml", _yaml_model("confidence: .inf"), 5, "confidence must be a finite number, got inf"),
    "json-infinity": ("n.jsonl", _json_cost("Infinity"), 1, "training_cost must be a finite number, got inf"),
    "json-overflow": ("n.jsonl", _json_cost("1e400"), 1, "training_cost must be a finite number, got inf"),
    "csv-infinity": ("n.csv", "id,type,label,training_cost.amount,training_cost.currency,sources\n"
                              f"hostile-model,LanguageModel,H,Infinity,USD,{SOURCE}\n", 2,
                     "training_cost must be a finite number, got inf"),
    # refused before too, with another message ("must not be negative", "must be a number")
    "yaml-minus-inf": ("n.yaml", _yaml_model("training_cost: {amount: -.inf, currency: USD}"), 5,
                       "training_cost must be a finite number, got -inf"),
    "json-nan": ("n.jsonl", _json_cost("NaN"), 1, "training_cost must be a finite number, got nan"),
}


@pytest.mark.parametrize("case", NON_FINITE, ids=list(NON_FINITE))
def test_infinite_and_nan_amounts_are_refused(refused, case):
    name, text, line, message = NON_FINITE[case]
    assert f"{name}:{line}: {message}" in refused(name, text)


# Found on the way: lists where a name is expected; amounts written with an exponent -------------

@pytest.mark.parametrize("extra, line, message", [
    ("", 2, "type must be the name of a type"),
    ("training_cost: {amount: 1, currency: USD, precision: [estimate]}", 5, "precision must be one of"),
    ("based_on: [{id: base-model, kind: [finetune]}]", 5, "kind must be one of"),
], ids=["type", "precision", "derivation-kind"])
def test_a_list_where_a_name_is_expected_is_a_file_line_error(refused, extra, line, message):
    text = _yaml_model(extra) if extra else _yaml_model(type="[LanguageModel]")
    output = refused("list.yaml", text)
    assert f"list.yaml:{line}: " in output and message in output


def test_an_amount_with_an_exponent_is_written_as_a_plain_xsd_decimal(tmp_path):
    (tmp_path / "r.jsonl").write_text(_jsonl(
        {"id": SOURCE, "type": "Survey", "label": {"en": "Notes"}},
        MODEL | {"training_cost": {"amount": 1e20, "currency": "USD"}},
        MODEL | {"id": "tiny", "training_cost": {"amount": 1.5e-7, "currency": "USD"}}), encoding="utf-8")
    values = {r.id: f.value["value"] for r in load_records([tmp_path]) for f in r.facts if f.key == "training_cost"}
    assert values == {"hostile-model": "100000000000000000000", "tiny": "0.00000015"}
