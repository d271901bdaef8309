"""aikg ingest: Markdown survey notes (Chinese and English) become candidate records with provenance."""
from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from graph.build import build
from graph.cli import main
from graph.errors import AikgError
from graph.ingest.candidates import candidate_records, dump_records
from graph.ingest.markdown import parse_markdown, read_markdown
from graph.sparql.query import run_query
from graph.records.load import load_records

from conftest import FIXTURES

NOTES = FIXTURES / "notes"
KNOWN = NOTES / "known.yaml"


def candidates(name: str) -> dict[str, dict]:
    known = load_records([KNOWN])
    recs = candidate_records(read_markdown(NOTES / name), known)
    return {r.get("id") or r.get("extend"): r for r in recs}


def values(rec: dict, key: str) -> list:
    v = rec.get(key)
    items = v if isinstance(v, list) else [v] if v is not None else []
    out = []
    for item in items:
        if isinstance(item, dict) and set(item) <= {"id", "value", "sources"}:
            out.append(item.get("id", item.get("value")))
        elif isinstance(item, dict):
            out.append({k: x for k, x in item.items() if k != "sources"})
        else:
            out.append(item)
    return out


@pytest.fixture(scope="module")
def zh():
    return candidates("zh-notes.md")


@pytest.fixture(scope="module")
def en():
    return candidates("en-notes.md")


def test_known_entities_are_linked_by_any_name_and_new_ones_get_a_type(zh, en):
    assert zh["acme-ai"]["review"]["status"] == "linked"        # 顶点智能, its Chinese label
    assert zh["wren-13b"]["review"]["status"] == "linked"       # written Wren-13b, known as Wren-13B
    assert zh["orca-2"]["type"] == "LanguageModel" and zh["orca-2"]["review"]["status"] == "new"
    assert zh["orca-scaling-dialogue-models"]["type"] == "Paper"          # an arxiv.org link in a paper table
    assert en["sparrow"]["type"] == "LanguageModel"                       # under "Models"
    assert en["grace-lin"]["type"] == "Person"                            # under "People"
    assert en["sparrow-on-github"]["type"] == "Repository"                # a github.com reference
    assert "models" not in en and "people" not in en, "category headings are not entities"


def test_a_size_suffix_makes_a_variant_of_the_known_model(en):
    assert values(en["orcalm-7b"], "version_of") == ["orca"]


def test_chinese_developer_release_and_date_patterns(zh):
    assert values(zh["orca-2"], "developed_by") == ["acme-ai"]              # 顶点智能发布了 Orca-2 模型
    assert values(zh["orca-2"], "released") == ["2022"]                     # 2022年：
    assert set(values(zh["heron"], "developed_by")) == {"northlake-university", "acme-ai"}  # 由…与…共同开发


def test_chinese_lineage_patterns(zh):
    assert values(zh["orca-3"], "based_on") == [{"id": "orca-2", "kind": "finetune"}]   # 在…的基础上 … 微调
    assert values(zh["heron"], "based_on") == [{"id": "orca-2", "kind": "finetune"}]    # 基于 … 微调
    assert values(zh["finch"], "based_on") == ["orca-2"]                               # 以…为基座
    assert "orca-2" in values(zh["wren-13b"], "based_on")                               # a "X 底座" list
    assert values(zh["orca-3"], "successor_of") == ["orca-2"]                           # Orca-2 → Orca-3


def test_versions_stages_and_techniques(zh, en):
    assert values(zh["heron-6b"], "version_of") == ["heron"] and values(zh["heron-6b"], "open_source") == [True]
    assert values(zh["heron"], "training_stages") == [{"order": 1, "technique": "sft"}, {"order": 2, "technique": "rlhf"}]
    assert set(values(zh["orca-3"], "uses")) == {"lora"}
    assert values(en["sparrow"], "training_stages") == [{"order": 1, "technique": "sft"}, {"order": 2, "technique": "rlhf"}]
    assert values(en["sparrow"], "demonstrates") == ["few-shot"]
    assert set(values(en["kestrel-7b"], "version_of")) == {"kestrel"}


def test_quantities_with_units(zh, en):
    assert values(zh["orca-2"], "parameters") == [7_000_000_000]                     # 70亿参数
    assert values(zh["orca"], "layers") == [24]                                      # 24 层
    assert values(zh["orca"], "training_data_size") == [{"value": 300_000_000_000, "unit": "tokens",
                                                         "precision": "approximate"}]  # 约 300B tokens
    assert values(zh["heron"], "training_data_size") == [{"value": 1_200_000, "unit": "records"}]  # 120万条
    assert values(zh["orca-2"], "training_cost") == [{"amount": 500_000, "currency": "USD", "precision": "estimate"}]
    assert values(zh["acme-ai"], "models_hosted") == [{"value": 2000, "unit": "models", "precision": "more-than"}]
    assert values(en["sparrow"], "parameters") == [13_000_000_000]                   # 13B parameters
    assert values(en["sparrow"], "training_data_size") == [{"value": 10**12, "unit": "tokens"}]


def test_english_patterns(en):
    assert set(values(en["sparrow"], "developed_by")) == {"acme-ai", "northlake-university"}   # developed by … and …
    assert values(en["sparrow"], "released") == ["2023-02"]                                   # released in Feb 2023
    assert values(en["sparrow"], "based_on") == [{"id": "orca", "kind": "finetune"}]          # fine-tuned from
    assert values(en["kestrel"], "based_on") == ["wren-13b"]                                  # built on
    assert "grace-lin" in values(en["kestrel"], "developed_by")                               # Grace Lin … created


def test_people_and_roles_in_both_languages(zh, en):
    assert values(zh["ada-byron"], "affiliated_with") == [{"id": "acme-ai", "role": {"zh": "首席科学家"}, "current": False}]
    assert values(en["grace-lin"], "affiliated_with") == [{"id": "acme-ai", "role": {"en": "director of AI"},
                                                           "current": False}]
    assert values(en["grace-lin"], "student_of") == ["ada-byron"]


def test_tables_become_rows_of_linked_facts(zh, en):
    paper = zh["orca-scaling-dialogue-models"]
    assert set(values(paper, "authors")) == {"acme-ai", "northlake-university"}   # split on &
    assert values(paper, "released") == ["2022-05"] and values(paper, "url") == ["https://arxiv.org/abs/2205.00001"]
    assert values(en["wren-small-models"], "authors") == ["northlake-university"]   # "et al." dropped


def test_headquarters_and_references(zh):
    place = values(zh["acme-ai"], "headquarters")[0]
    assert zh[place]["type"] == "Place" and zh[place]["label"]["zh"] == "北湖"
    assert set(values(zh["field-notes"], "cites")) >= {"blog-orca", "orca-dialogue-data"}  # linked by URL, or new


def test_every_fact_cites_a_passage_with_file_lines_and_text(zh):
    passages = {k: r for k, r in zh.items() if r.get("type") == "Passage"}
    assert passages
    for rec in zh.values():
        for key, v in rec.items():
            if key in ("id", "extend", "type", "label", "review", "sources", "aliases", "in_source", "lines",
                       "quote", "confidence", "extracted_by", "ids"):
                continue
            for item in v if isinstance(v, list) else [v]:
                assert all(s in passages for s in item["sources"]), (key, item)
    p = passages["field-notes-l11"]
    assert p["in_source"] == "field-notes" and p["lines"] == "11" and "Orca-2" in p["quote"]
    assert 0 < p["confidence"] <= 1 and p["extracted_by"] == "aikg ingest"


def test_the_same_notes_give_the_same_candidates():
    known = load_records([KNOWN])
    a = dump_records(candidate_records(read_markdown(NOTES / "zh-notes.md"), known))
    b = dump_records(candidate_records(read_markdown(NOTES / "zh-notes.md"), known))
    assert a == b


def test_build_ingests_notes_on_the_way_with_provenance(tmp_path):
    result = build([KNOWN, NOTES / "zh-notes.md", NOTES / "en-notes.md"])
    assert result.violations == {}
    res = run_query(result.kg, "SELECT ?lines ?conf WHERE { GRAPH ?g { kg:orca-2 aikg:parameterCount ?n } "
                               "?g aikg:lineRange ?lines ; aikg:confidence ?conf ; aikg:extractedBy ?by }")
    assert res.rows and res.rows[0][0] == "11"
    assert "heron" in result.network and result.network.nodes["heron"]["type"] == "LanguageModel"


def test_diff_and_merge_round_trip(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(KNOWN, data / "known.yaml")
    runner = CliRunner()
    notes = str(NOTES / "zh-notes.md")
    res = runner.invoke(main, ["ingest", notes, "--data", str(data), "--diff"])
    assert res.exit_code == 0, res.output
    assert "new entities:" in res.output and "orca-2" in res.output and "conflicts: 0" in res.output
    res = runner.invoke(main, ["ingest", notes, "--data", str(data), "--merge"])
    assert res.exit_code == 0, res.output
    merged = data / "ingested-zh-notes.yaml"
    assert merged.exists() and merged.read_text(encoding="utf-8").startswith("# Facts extracted by `aikg ingest`")
    assert runner.invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "out")]).exit_code == 0
    res = runner.invoke(main, ["ingest", notes, "--data", str(data), "--diff"])
    assert "new entities: 0" in res.output and "new facts: 0" in res.output
    res = runner.invoke(main, ["ingest", notes, "--data", str(data), "--evaluate", str(data)])
    assert res.exit_code == 0
    assert "relations  precision 1.00  recall 1.00" in res.output


def test_a_rejected_candidate_stays_out_of_the_merge(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(KNOWN, data / "known.yaml")
    runner = CliRunner()
    cand = tmp_path / "cand.yaml"
    res = runner.invoke(main, ["ingest", str(NOTES / "zh-notes.md"), "--data", str(data), "-o", str(cand)])
    assert res.exit_code == 0 and "candidate records" in res.output
    doc = yaml.safe_load(cand.read_text(encoding="utf-8"))
    records = doc["records"] if isinstance(doc, dict) else doc  # (with held-back facts, a map)
    for r in records:
        if r.get("id") == "finch":
            r["review"]["status"] = "rejected"
    cand.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    res = runner.invoke(main, ["ingest", str(cand), "--data", str(data), "--merge"])
    assert res.exit_code == 0, res.output
    text = (data / "ingested-cand.yaml").read_text(encoding="utf-8")
    assert "id: finch" not in text and "id: orca-2" in text


def test_ingest_writes_turtle(tmp_path):
    out = tmp_path / "c.ttl"
    res = CliRunner().invoke(main, ["ingest", str(NOTES / "en-notes.md"), "--data", str(KNOWN), "--format", "ttl",
                                    "-o", str(out)])
    assert res.exit_code == 0
    import pyoxigraph as ox
    triples = list(ox.parse(path=str(out), format=ox.RdfFormat.TURTLE))
    assert any(t.subject.value.endswith("/sparrow") for t in triples)


@pytest.mark.parametrize("content, message", [
    (b"\x00\x01\x02binary\xff", "binary file"),
    (b"# ok\n" + b"x" * 200_001 + b"\n", "is this Markdown?"),
    (b"---\ntitle: [unclosed\n---\n# x\n", "malformed front matter"),
    (b"# ok\n\xff\xfe bad utf-8\n", "invalid UTF-8"),
])
def test_hostile_notes_fail_cleanly_with_file_and_line(tmp_path, content, message):
    path = tmp_path / "notes.md"
    path.write_bytes(content)
    res = CliRunner().invoke(main, ["ingest", str(path), "--data", str(KNOWN)])
    assert res.exit_code == 1
    assert "notes.md:" in res.output and message in res.output and "Traceback" not in res.output


def test_broken_markdown_still_ingests():
    text = ("# Models\n| a | b\n|---\n- [x](\n  - *bold\n### \n1. 2023年：Acme 发布了 Zed 模型\n"
            "| Model | Date |\n|---|---|\n| Yak | 2022-13 |\n")
    fenced = parse_markdown("# Models\n```\nunclosed code, to the end as in CommonMark\n- 2023年：Acme 发布了 Q 模型\n")
    assert [b.kind for b in fenced.blocks] == ["heading"]
    doc = parse_markdown(text, "broken.md")
    recs = {r.get("id"): r for r in candidate_records(doc, [])}
    assert values(recs["zed"], "developed_by") == ["acme"] and values(recs["zed"], "released") == ["2023"]
    assert values(recs["yak"], "released") == ["2022"], "month 13 is no month: the year is kept"
    assert "id: zed" in dump_records(list(recs.values()))


def test_a_missing_notes_file_is_a_clear_error(tmp_path):
    with pytest.raises(AikgError, match="cannot read file"):
        read_markdown(tmp_path / "nope.md")


def test_a_nested_base_list_makes_its_children_build_on_the_base():
    known = load_records([KNOWN])
    text = ("# 模型\n- Orca-LM 底座\n  - Robin：中文对话模型\n  - Lark：另一个模型\n"
            "- 2023-04：顶点智能发布了 Swift 模型\n")
    recs = {r.get("id") or r.get("extend"): r for r in candidate_records(parse_markdown(text, "n.md"), known)}
    assert values(recs["robin"], "based_on") == ["orca"] and values(recs["lark"], "based_on") == ["orca"]
    assert values(recs["swift"], "released") == ["2023-04"] and values(recs["swift"], "developed_by") == ["acme-ai"]


# ---------------------------------------------------------------- a reviewed candidate file, as the reviewer wrote it

REVIEWED_HEAD = (  # lines 1-18: what `aikg ingest -o` writes, a header and two records
    "# Candidate records extracted by `aikg ingest` from notes.md.\n"
    "# Review them: each record has review: {status: linked|new, confidence}; set status: rejected\n"
    "# to leave one out, then merge with: aikg ingest --merge c.yaml\n"
    "\n"
    "- id: my-notes\n"
    "  type: Survey\n"
    "  label: {en: My notes}\n"
    "  review: {status: new, confidence: 1.0}\n"
    "\n"
    "- id: my-notes-l3\n"
    "  type: Passage\n"
    "  label: {en: 'notes.md:3'}\n"
    "  in_source: my-notes\n"
    "  lines: '3'\n"
    "  quote: 2023年：Acme 发布了 Lark 模型。\n"
    "  confidence: 0.85\n"
    "  extracted_by: aikg ingest\n"
    "\n"
)


def reviewed(tmp_path, *lines: str):
    """A data folder (a copy of the known records) and a reviewed candidate file: REVIEWED_HEAD, then ``lines`` from line 19."""
    data = tmp_path / "data"  # a merge writes next to the data: a copy, never the fixture's folder
    data.mkdir()
    shutil.copy(KNOWN, data / "known.yaml")
    cand = tmp_path / "c.yaml"
    cand.write_text(REVIEWED_HEAD + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return data, cand


LARK = ("- id: lark", "  type: LanguageModel", "  label: {en: Lark}", "  review: {status: new, confidence: 0.8}",
        "  sources: [my-notes-l3]")
MERGE_AND_DIFF = pytest.mark.parametrize("command", [["--merge"], ["--diff"], ["--merge", "--diff"]],
                                         ids=["merge", "diff", "merge-diff"])


def ingest_reviewed(cand, data, command):
    res = CliRunner().invoke(main, ["ingest", str(cand), "--data", str(data), *command])
    assert "Traceback" not in res.output and "(candidates)" not in res.output, res.output
    return res


@MERGE_AND_DIFF
def test_a_reviewed_file_with_an_unknown_type_is_an_error_at_the_reviewers_line(tmp_path, command):
    data, cand = reviewed(tmp_path, LARK[0], "  type: NoSuchType", *LARK[2:])
    res = ingest_reviewed(cand, data, command)
    assert res.exit_code == 1
    assert f"{cand}:20: unknown type 'NoSuchType'" in res.output, res.output
    assert not (data / "ingested-c.yaml").exists()


@MERGE_AND_DIFF
def test_a_reviewed_file_citing_an_unknown_passage_is_an_error_at_the_reviewers_line(tmp_path, command):
    data, cand = reviewed(tmp_path, *LARK[:4], "  sources: [my-notes-l4]")
    res = ingest_reviewed(cand, data, command)
    assert res.exit_code == 1
    assert f"{cand}:19: sources refers to unknown id 'my-notes-l4'" in res.output, res.output  # the record's line


@MERGE_AND_DIFF
def test_a_reviewed_file_with_yaml_aliases_is_refused_at_the_reviewers_line(tmp_path, command):
    data, cand = reviewed(tmp_path, *LARK[:4], "  sources: &cited [my-notes-l3]",
                          "- id: robin", "  type: LanguageModel", "  label: {en: Robin}", "  sources: *cited")
    res = ingest_reviewed(cand, data, command)
    assert res.exit_code == 1
    assert f"{cand}:23: YAML aliases (*name) are not supported" in res.output, res.output  # the anchored value


@pytest.mark.parametrize("review, line, message", [
    ("  review: {status: rejcted, confidence: 0.8}", 22, "review status must be linked, new or rejected, not 'rejcted' "
                                                         "(did you mean 'rejected'?)"),
    ("  review: {status: new, confidence: high}", 22, "review confidence must be a number from 0 to 1, not 'high'"),
    ("  review: rejected", 22, "review must be a mapping"),
    ("  review:\n    stauts: rejected", 23, "review takes status and confidence, not 'stauts' (did you mean 'status'?)"),
])
def test_a_bad_review_mark_is_an_error_at_its_line(tmp_path, review, line, message):
    data, cand = reviewed(tmp_path, *LARK[:3], review, LARK[4])
    res = ingest_reviewed(cand, data, ["--merge"])
    assert res.exit_code == 1
    assert f"{cand}:{line}: {message}" in res.output, res.output


def test_a_record_citing_a_rejected_one_is_an_error_at_the_reviewers_line(tmp_path):
    data, cand = reviewed(tmp_path, *LARK[:3], "  review: {status: rejected, confidence: 0.8}", LARK[4],
                          "- id: lark-chat", "  type: LanguageModel", "  label: {en: Lark Chat}",
                          "  version_of: lark", "  sources: [my-notes-l3]")
    res = ingest_reviewed(cand, data, ["--merge"])
    assert res.exit_code == 1
    assert f"{cand}:27: version_of refers to unknown id 'lark'" in res.output, res.output
    assert not (data / "ingested-c.yaml").exists()


def test_a_reviewed_file_merges_as_written(tmp_path):
    data, cand = reviewed(tmp_path, *LARK)
    res = ingest_reviewed(cand, data, ["--merge"])
    assert res.exit_code == 0, res.output
    text = (data / "ingested-c.yaml").read_text(encoding="utf-8")
    assert "- id: lark\n  type: LanguageModel\n  label: {en: Lark}\n  sources: [my-notes-l3]\n" in text
    assert "review:" not in text and [r.id for r in load_records([data / "ingested-c.yaml"])] == \
        ["my-notes", "my-notes-l3", "lark"]


def test_identifiers_in_links_are_kept_under_ids_and_build(tmp_path):
    notes = tmp_path / "hub.md"
    notes.write_text("# Hub notes\n\n## Models\n- [Tern-7B](https://huggingface.co/northlake/tern-7b)：一个对话模型\n"
                     "  - Paper: https://arxiv.org/abs/2401.00001\n", encoding="utf-8")
    out = tmp_path / "c.yaml"
    res = CliRunner().invoke(main, ["ingest", str(notes), "--data", "data", "-o", str(out)])
    assert res.exit_code == 0, res.output
    records = {r.get("id"): r for r in yaml.safe_load(out.read_text(encoding="utf-8")) if "id" in r}
    assert records["tern-7b"]["ids"] == {"huggingface": "northlake/tern-7b"}
    assert any(r.get("ids") == {"arxiv": "2401.00001"} for r in records.values())
    kg = build(["data", notes], checks=False, project=False).kg
    assert bool(kg.query('ASK { kg:tern-7b ?p "northlake/tern-7b" }'))


def test_evaluate_scores_against_the_golds_only_survey_when_it_has_another_id(tmp_path):
    notes = tmp_path / "my-notes.md"
    notes.write_text("# Reading list\n\n## Models\n- **Wren-7B** - a chat model from Acme Labs.\n", encoding="utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text("- id: doc-reading-list\n  type: Survey\n  label: {en: Reading list}\n"
                    "- id: wren-7b\n  type: LanguageModel\n  label: {en: Wren-7B}\n  developed_by: acme-labs\n"
                    "  sources: [doc-reading-list]\n"
                    "- id: acme-labs\n  type: Organization\n  label: {en: Acme Labs}\n  sources: [doc-reading-list]\n",
                    encoding="utf-8")
    (tmp_path / "data").mkdir()
    res = CliRunner().invoke(main, ["ingest", str(notes), "--data", str(tmp_path / "data"), "--evaluate", str(gold)])
    assert res.exit_code == 0, res.output
    assert "gold 2, matched 2" in res.output and "gold 1, matched 1" in res.output   # entities, relations
    assert "scored against doc-reading-list" in res.output


def test_evaluate_against_a_gold_that_holds_nothing_of_the_notes_says_so_instead_of_a_perfect_recall(tmp_path):
    notes = tmp_path / "my-notes.md"
    notes.write_text("# Reading list\n\n## Models\n- **Wren-7B** - a chat model from Acme Labs.\n", encoding="utf-8")
    gold = tmp_path / "gold.yaml"  # two surveys, neither of them the notes: nothing to score against
    gold.write_text("- id: doc-one\n  type: Survey\n  label: {en: One}\n"
                    "- id: doc-two\n  type: Survey\n  label: {en: Two}\n"
                    "- id: wren-7b\n  type: LanguageModel\n  label: {en: Wren-7B}\n  sources: [doc-one]\n",
                    encoding="utf-8")
    (tmp_path / "data").mkdir()
    res = CliRunner().invoke(main, ["ingest", str(notes), "--data", str(tmp_path / "data"), "--evaluate", str(gold)])
    assert res.exit_code == 1 and "Traceback" not in res.output, res.output
    assert "recall 1.00" not in res.output and "gold 0" not in res.output
    assert f"Error: {gold}: no gold entities for this document" in res.output
    assert "check that the gold's Survey id matches" in res.output and "doc-one, doc-two" in res.output
    res = CliRunner().invoke(main, ["ingest", str(notes), "--data", str(tmp_path / "data"), "--evaluate", str(gold),
                                    "--gold-source", "doc-two"])  # a source of the gold that states nothing
    assert res.exit_code == 1 and "the gold's source 'doc-two' states nothing" in res.output, res.output


def test_a_figure_over_nothing_is_not_a_perfect_score():
    from graph.ingest.evaluate import Evaluation

    text = Evaluation((0.0, 1.0), (2, 0, 0), (1.0, 1.0), (0, 0, 0), {"uses": (0.0, 1.0, 2, 0)}, [], []).text()
    assert "recall 1.00" not in text and "precision 1.00" not in text, text
    assert "uses                   precision 0.00  recall  n/a  (extracted 2, gold 0)" in text
