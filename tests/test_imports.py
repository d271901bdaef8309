"""aikg import (issue 17): Epoch AI's CSV, Hugging Face cards and listings, arXiv's snapshot, reconciled with the graph,
with values the sources disagree on kept side by side.

The fixtures (``tests/fixtures/imports/``) are written in the formats the sources publish,
with real facts and the defects real downloads have; ``expected.json`` there says what
each file states. ``tests/fixtures/imports-heldout/`` is a second set, written apart,
scored by ``test_the_held_out_files_are_read_as_their_expected_json_says``.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.imports import IMPORTERS, import_file
from graph.imports import arxiv, epoch, hub
from graph.imports.names import name_key
from graph.imports.reconcile import Index
from graph.records.load import load_records
from graph.vocabulary import load_vocabulary

from conftest import FIXTURES, ROOT

SETS = {"dev": FIXTURES / "imports", "held-out": FIXTURES / "imports-heldout"}


def expected(folder: Path) -> dict:
    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))


def lines_of(problems, folder: Path) -> set[tuple[str, int]]:
    return {(str(Path(p.path).relative_to(folder)), p.line) for p in problems}


def epoch_models(folder: Path):
    out, problems = {}, []
    for f in sorted((folder / "epoch").glob("*.csv")):
        b = epoch.read(f)
        problems += b.problems
        for e in b.entities.values():
            if e.type in ("LanguageModel", "Model") and not e.stub:
                orgs = [b.entities[t].label for k, t, _ in e.links if k == "developed_by"]
                base = [b.entities[t].label for k, t, _ in e.links if k == "based_on"]
                papers = [b.entities[t].ids["arxiv"] for k, t, _ in e.links if k == "introduced_in"]
                out[e.label] = {"line": (str(f.relative_to(folder)), e.line), "organizations": orgs, "date": e.facts.get("released"), "parameters": e.facts.get("parameters"),
                                "base_model": base[0] if base else None, "confidence": e.facts.get("confidence_level"),
                                "arxiv": papers[0] if papers else None}
    return out, problems


def check_epoch(folder: Path) -> None:
    want = expected(folder)["epoch"]
    got, problems = epoch_models(folder)
    assert set(want["models"]) <= set(got), set(want["models"]) - set(got)
    # a row with a cell that cannot be read keeps its other cells (expected.json counts it as not read)
    reported = {(f, line) for f, line, _ in want["rows_reported"]}
    assert all(got[n]["line"] in reported for n in set(got) - set(want["models"])), set(got) - set(want["models"])
    for name, facts in want["models"].items():
        mine = dict(got[name])
        del mine["line"]
        # one organization of several spellings: compared by the key the spellings share
        assert [name_key(o) for o in mine.pop("organizations")] == [name_key(o) for o in facts["organizations"]], name
        assert mine == {k: v for k, v in facts.items() if k != "organizations"}, name
    assert lines_of(problems, folder) == {(f, line) for f, line, _ in want["rows_reported"]}


def hub_models(batch) -> dict:
    return {e.ids["huggingface"]: e for e in batch.entities.values() if e.key.startswith("hf:") and not e.stub}


def check_hub(folder: Path) -> None:
    want = expected(folder)
    cards = hub.read_cards(folder / "hf-cards")
    models = hub_models(cards)
    assert set(models) == set(want["hf_cards"]["models"])
    for repo, facts in want["hf_cards"]["models"].items():
        e = models[repo]
        bases = [cards.entities[t].ids["huggingface"] for k, t, _ in e.links if k == "based_on"]
        kinds = {kind for k, _, kind in e.links if k == "based_on"}
        assert bases == facts["base_models"], repo
        assert (kinds.pop() if kinds else None) == facts["relation"], repo
        assert e.facts.get("license") == facts["license"] and e.facts.get("language", []) == facts["languages"], repo
    assert lines_of(cards.problems, folder) == {(f, line) for f, line, _ in want["hf_cards"]["reported"]}
    problems, seen = [], {}
    for f in sorted((folder / "hf-api").iterdir()):
        b = hub.read_listing(f)
        problems += b.problems
        for repo, e in hub_models(b).items():
            seen[repo] = (e, [b.entities[t].ids["huggingface"] for k, t, _ in e.links if k == "based_on"],
                          {kind for k, _, kind in e.links if k == "based_on"})
    for repo, facts in want["hf_api"]["models"].items():
        e, bases, kinds = seen[repo]
        assert bases == facts["base_models"] and (kinds.pop() if kinds else None) == facts["relation"], repo
        assert e.facts.get("task", [None])[0] == facts["pipeline_tag"], repo
        assert "released" not in e.facts, "createdAt is the repository's date, not the model's release"
    assert lines_of(problems, folder) == {(f, line) for f, line, _ in want["hf_api"]["reported"]}


def check_arxiv(folder: Path) -> None:
    want = expected(folder)["arxiv"]
    f = next((folder / "arxiv").glob("*.json"))
    b = arxiv.read(f)
    papers = {e.ids["arxiv"]: e for e in b.entities.values() if e.type == "Paper"}
    assert set(papers) == set(want["papers"])
    for aid, facts in want["papers"].items():
        p = papers[aid]
        first = next(b.entities[t].label for k, t, _ in p.links if k == "authors")
        assert (p.label, first, p.facts.get("released"), p.facts.get("category"), p.ids.get("doi")) == \
            (facts["title"], facts["first_author"], facts["published"], facts["categories"], facts["doi"]), aid
    assert lines_of(b.problems, folder) == {(fn, line) for fn, line, _ in want["reported"]}


def test_epoch_rows_become_models_with_their_organizations_dates_sizes_lineage_and_confidence():
    check_epoch(SETS["dev"])


def test_hub_cards_and_listings_give_the_model_tree_with_the_relation_given_or_inferred_as_the_hub_does():
    check_hub(SETS["dev"])


def test_arxiv_lines_become_papers_with_their_authors_and_first_version_date():
    check_arxiv(SETS["dev"])


def test_every_reader_reports_file_and_line_and_reads_on(tmp_path):
    bad = tmp_path / "models.csv"
    bad.write_bytes(b"\xef\xbb\xbfModel,Parameters\n\"unclosed,7\n")
    b = epoch.read(bad)
    assert b.problems and all(p.line >= 1 and str(bad) in str(p) for p in b.problems)
    (tmp_path / "cards" / "a" / "b").mkdir(parents=True)
    (tmp_path / "cards" / "a" / "b" / "README.md").write_bytes(b"---\n\xff\xfe\n---\n")
    assert hub.read_cards(tmp_path / "cards").problems[0].message.startswith("cannot be read")
    assert epoch.read(tmp_path / "cards" / "a" / "b" / "README.md").problems, "not a CSV of models"
    empty = tmp_path / "none.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert arxiv.read(empty).problems == [] and hub.read_listing(empty).entities == {}


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of data/ to import into."""
    d = tmp_path / "data"
    shutil.copytree(ROOT / "data", d)
    return d


def test_import_reconciles_with_the_graph_and_the_build_keeps_disagreeing_values_side_by_side(data, tmp_path):
    runner = CliRunner()
    out = data / "imports" / "epoch.jsonl"
    res = runner.invoke(main, ["import", "epoch", str(SETS["dev"] / "epoch" / "notable_ai_models.csv"), "-o", str(out),
                               "--data", str(data), "--retrieved", "2026-12-01", "--report"])
    assert res.exit_code == 0, res.output
    assert "matched by identifier: 5" in res.output and "GPT-3 175B (davinci) -> gpt-3-175b-davinci; candidates: gpt-3" in res.output
    assert "wrote" in res.output and "ambiguous" in res.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    source = lines[0]
    assert source["id"] == "epoch-notable-ai-models-2026-12-01" and source["retrieved"] == "2026-12-01"
    assert source["url"] == "https://epoch.ai/data/notable-ai-models"
    by = {x.get("extend") or x["id"]: x for x in lines[1:]}
    assert all(x["sources"] == [source["id"]] for x in lines[1:]), "every imported fact cites the file"
    assert by["gpt-2"]["parameters"] == 1500000000 and "extend" in by["gpt-2"], "GPT-2 (1.5B) is GPT-2"
    assert by["gpt-2"]["label"] == {"en": "GPT-2 (1.5B)"}, "its spelling becomes an alias"
    assert "extend" in by["openai"] and by["openai"]["aliases"] == ["OpenAi"], "OpenAi is OpenAI, the spelling an alias"
    assert by["paper-gpt-3"]["extend"] == "paper-gpt-3", "found by its arXiv id"
    assert by["instructgpt-175b"]["based_on"] == [{"id": "gpt-3-175b-davinci", "kind": "finetune"}]
    res = runner.invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "1 fact disputed between sources (aikg query --name disputed-values lists them)" in res.output
    res = runner.invoke(main, ["query", "--graph", str(tmp_path / "out" / "graph.trig"), "--name", "disputed-values",
                               "--param", "entity=gpt-2", "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = sorted(res.output.strip().splitlines()[1:])
    assert rows == [f"https://w3id.org/aiekg/id/gpt-2,https://w3id.org/aiekg/vocab#parameterCount,1500000000,"
                    f"https://w3id.org/aiekg/id/{source['id']},Speculative",
                    "https://w3id.org/aiekg/id/gpt-2,https://w3id.org/aiekg/vocab#parameterCount,1542000000,"
                    "https://w3id.org/aiekg/id/paper-gpt-2,"], rows
    res = runner.invoke(main, ["validate", "--data", str(data)])
    assert res.exit_code == 0 and "[warning] gpt-2 (GPT-2): aikg:parameterCount: sources disagree: 1500000000" in res.output


def test_a_year_and_a_date_in_it_agree_and_two_values_from_one_source_stay_a_violation(data, tmp_path):
    (data / "more.jsonl").write_text("\n".join(json.dumps(x) for x in (
        {"id": "db", "type": "WebPage", "label": {"en": "A database"}, "url": "https://example.org/db"},
        {"extend": "gpt-3", "released": "2020-05-28", "sources": ["db"]},
    )) + "\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["validate", "--data", str(data)])
    assert res.exit_code == 0 and "release date" not in res.output, res.output
    (data / "worse.jsonl").write_text(json.dumps({"extend": "gpt-3", "layers": 97, "sources": ["db"]}) + "\n"
                                      + json.dumps({"extend": "gpt-3", "layers": 96, "sources": ["db"]}) + "\n", encoding="utf-8")
    res = runner.invoke(main, ["validate", "--data", str(data)])
    assert res.exit_code == 1 and "gpt-3 (GPT-3): aikg:layerCount" in res.output and "[warning] gpt-3" not in res.output


def test_importing_again_gives_the_same_records_and_imports_build_on_each_other(data, tmp_path):
    out = data / "imports" / "epoch.jsonl"
    f = SETS["dev"] / "epoch" / "notable_ai_models.csv"
    first = import_file("epoch", f, out, [data], retrieved="2026-12-01")
    text = out.read_text(encoding="utf-8")
    again = import_file("epoch", f, out, [data], retrieved="2026-12-01")
    assert out.read_text(encoding="utf-8") == text, "the output itself is not reconciled with"
    assert (first.new, first.matched_by_label) == (again.new, again.matched_by_label)
    papers = import_file("arxiv", SETS["dev"] / "arxiv" / "arxiv-metadata-oai-snapshot.json", data / "imports" / "arxiv.jsonl",
                         [data], retrieved="2026-12-01")
    recs = [json.loads(x) for x in (data / "imports" / "arxiv.jsonl").read_text(encoding="utf-8").splitlines()]
    llama2 = next(r for r in recs if r.get("ids", {}).get("arxiv") == "2307.09288")
    assert llama2.get("extend") == "arxiv-2307-09288", "the paper the Epoch import made"
    assert papers.matched_by_identifier >= 4
    res = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output


def test_bad_input_is_a_clear_error_and_the_previous_output_stays(data, tmp_path):
    out = data / "imports" / "epoch.jsonl"
    out.parent.mkdir()
    out.write_text("previous\n", encoding="utf-8")
    runner = CliRunner()
    for args, message in (
            (["epoch", str(tmp_path / "missing.csv")], "no such file"),
            (["hf-cards", str(SETS["dev"] / "epoch" / "broken.csv")], "reads a folder"),
            (["epoch", str(SETS["dev"] / "epoch" / "broken.csv"), "--retrieved", "yesterday"], "YYYY-MM-DD")):
        res = runner.invoke(main, ["import", *args, "-o", str(out), "--data", str(data)])
        assert res.exit_code != 0 and message in res.output and "Traceback" not in res.output, res.output
    assert out.read_text(encoding="utf-8") == "previous\n"
    res = runner.invoke(main, ["import", "epoch", str(SETS["dev"] / "epoch" / "broken.csv"), "-o", str(out), "--data", str(data)])
    assert res.exit_code == 0 and "broken.csv:3: Parameters 'about 7B' is not a number: left out" in res.output
    assert "4 problems" in res.output


def test_the_importers_cover_every_kind_the_command_offers():
    from graph.formats import IMPORT_KINDS

    assert set(IMPORTERS) == set(IMPORT_KINDS) == {"epoch", "hf-cards", "hf-api", "arxiv"}
    index = Index.of(load_records([ROOT / "data"], load_vocabulary()), load_vocabulary())
    assert index.identified("arxiv", "2005.14165") == {"paper-gpt-3"}, "the curated papers are found by arXiv id"


@pytest.mark.parametrize("renderer", ["canvas", "webgl"])
def test_the_panel_shows_each_disputed_value_with_its_own_source(data, tmp_path, open_page, renderer):
    from graph.build import build
    from graph.views.renderer import graph_page

    import_file("epoch", SETS["dev"] / "epoch" / "notable_ai_models.csv", data / "imports" / "epoch.jsonl", [data],
                retrieved="2026-12-01")
    result = build([data])
    page = tmp_path / "page.html"
    page.write_text(graph_page(result.network, result.kg, renderer=renderer), encoding="utf-8")
    probe = open_page(page.as_uri() + "#focus=gpt-2")
    rows = probe.js("""Array.from(document.querySelectorAll('#details li')).filter(li => li.textContent.indexOf('Parameter count') === 0)
        .map(li => [li.querySelector('.num').title, !!li.querySelector('.disputed'),
                    Array.from(li.querySelectorAll('.mk')).map(m => m.title)])""")
    assert sorted(rows) == [["1500000000", True, ["Epoch AI, AI models database (notable_ai_models.csv, 2026-12-01)"]],
                            ["1542000000", True, ["Language Models are Unsupervised Multitask Learners"]]], rows
    assert [e for e in probe.errors if "GL Driver" not in e] == []


def test_the_held_out_files_are_read_as_their_expected_json_says():
    """Written apart from the readers and scored once when they were done (124 of 125 facts; the miss, an arXiv
    link with its version, 2205.05131v1, is fixed); kept as a test so that it stays read."""
    check_epoch(SETS["held-out"])
    check_hub(SETS["held-out"])
    check_arxiv(SETS["held-out"])


def test_hostile_files_are_reported_by_line_and_an_import_of_nothing_leaves_the_output(data, tmp_path):
    huge = tmp_path / "huge.csv"
    huge.write_text("Model,Organization,Parameters\n" + "X" * 300_000 + ",Org,7\nGood,Org,1e9\n", encoding="utf-8")
    out = data / "imports" / "huge.jsonl"
    report = import_file("epoch", huge, out, [data], retrieved="2026-12-01")
    assert report.used == 1 and [str(p).split(": ", 1)[0] for p in report.problems] == [f"{huge}:2", f"{huge}:2"]
    assert "Good" in out.read_text(encoding="utf-8") and "XXXX" not in out.read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "out")]).exit_code == 0
    odd = tmp_path / "odd.csv"
    odd.write_bytes(b"Model,Organization\nfine,Org\n\xff\xfebad,Org\n")
    assert [(p.line, p.message) for p in epoch.read(odd).problems] == [(3, "is not UTF-8 text: the rest of the file is not read")]
    (tmp_path / "odd.json").write_bytes(b'{"id": "1", "title": "A"}\n\xff\n')
    assert [p.line for p in arxiv.read(tmp_path / "odd.json").problems] == [2]
    out.write_text("previous\n", encoding="utf-8")
    nothing = tmp_path / "nothing.csv"
    nothing.write_bytes(b"Model\n\xff\n")
    res = CliRunner().invoke(main, ["import", "epoch", str(nothing), "-o", str(out), "--data", str(data)])
    assert res.exit_code == 1 and f"{nothing}:2: is not UTF-8" in res.output and "left as it was" in res.output
    assert "Traceback" not in res.output and out.read_text(encoding="utf-8") == "previous\n"
