"""Hostile Markdown notes and candidate files: every attack fails cleanly or is read in linear time.

The reader of notes must never crash, hang or blow up: YAML aliases are refused
with ``file:line`` (front matter and reviewed candidate files alike), and each
pattern family of :mod:`graph.ingest` takes time linear in its worst-case input.
Performance targets never go in timed unit tests, so the ReDoS tests assert the
*growth* of the time from size n to 4n (linear gives about 4, quadratic 16,
cubic 64), never a number of seconds.
"""
from __future__ import annotations

import gc
import shutil
import time
from typing import Callable

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.ingest import markdown
from graph.ingest.extract import Extraction
from graph.ingest.linker import Linker
from graph.ingest.markdown import parse_markdown
from graph.records.load import load_records
from graph.records.model import Record

from conftest import FIXTURES

KNOWN = FIXTURES / "notes" / "known.yaml"
ORG = "https://w3id.org/aiekg/vocab#Organization"


# ---------------------------------------------------------------- timing helper

def _run(fn: Callable[[str], object], arg: str, calls: int) -> float:
    start = time.process_time()  # CPU time: what the process did, not how long others held the CPU
    for _ in range(calls):
        fn(arg)
    return time.process_time() - start


def growth(fn: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """How many times longer ``fn`` takes on ``make(4 * n)`` than on ``make(n)``: best of 3 runs each.

    A run makes as many calls as it takes for the calls at size n to last about 5 ms (like timeit's
    autorange), so that a linear reader spends some 10-50 ms at 4n and the ratio is not noise; the
    runs at n and at 4n take turns, so that a busy moment of the machine weighs on both alike.
    """
    small, large = make(n), make(4 * n)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        calls = 1
        while _run(fn, small, calls) < 0.005 and calls < 100_000:
            calls *= 4
        t_small = t_large = float("inf")
        for _ in range(3):
            t_small = min(t_small, _run(fn, small, calls))
            t_large = min(t_large, _run(fn, large, calls))
    finally:
        if was_enabled:
            gc.enable()
    return t_large / t_small


def assert_linear(fn: Callable[[str], object], make: Callable[[int], str], n: int) -> None:
    ratio = growth(fn, make, n)
    assert ratio < 8, f"4x the input took {ratio:.1f}x the time (linear: about 4, quadratic: 16)"


def parse(text: str) -> None:
    parse_markdown(text, "notes.md")


@pytest.fixture(scope="module")
def extract() -> Callable[[str], object]:
    """Parse and run every extraction rule, linking to the fixture's known entities."""
    linker = Linker(load_records([KNOWN]))
    return lambda text: Extraction(parse_markdown(text, "notes.md"), linker).run()


# ---------------------------------------------------------------- YAML aliases

def _alias_bomb_notes(levels: int = 4) -> str:
    """Front matter whose last list repeats the one before nine times, and so on down: 9**levels strings."""
    lines = ["---", "layout: post", "tags:", "  - &l0 [boom, boom, boom, boom, boom, boom, boom, boom, boom]"]
    for i in range(1, levels):
        lines.append(f"  - &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    lines += [f"title: *l{levels - 1}", "---", "# Notes", "- 2023年：Acme 发布了 Lark 模型。", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("command", ["ingest", "build"])
def test_front_matter_alias_bomb_is_a_file_line_error(tmp_path, command):
    notes = tmp_path / "notes.md"
    notes.write_text(_alias_bomb_notes(), encoding="utf-8")
    args = ["ingest", str(notes), "--data", str(KNOWN)] if command == "ingest" else \
        ["build", "--data", str(notes), "--out", str(tmp_path / "out")]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1, res.output
    # the line of the notes file (the anchored list the first alias repeats), not of the front matter alone
    assert "notes.md:4: front matter: YAML aliases" in res.output, res.output
    assert "Traceback" not in res.output and not isinstance(res.exception, MemoryError)


def test_reviewed_candidates_with_yaml_aliases_are_a_file_line_error(tmp_path):
    data = tmp_path / "data"  # a merge writes next to the data: a copy, never the fixture's folder
    data.mkdir()
    shutil.copy(KNOWN, data / "known.yaml")
    cand = tmp_path / "cand.yaml"
    cand.write_text("- id: my-notes\n  type: Survey\n  label: {en: My notes}\n"
                    "- id: lark\n  type: LanguageModel\n  label: {en: Lark}\n"
                    "  aliases: &names [Lark one, Lark two]\n  sources: [my-notes]\n"
                    "- id: robin\n  type: LanguageModel\n  label: {en: Robin}\n"
                    "  aliases: *names\n  sources: [my-notes]\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(cand), "--data", str(data), "--merge"])
    assert res.exit_code == 1, res.output  # not merged with the aliases expanded
    assert "cand.yaml:7: YAML aliases" in res.output, res.output   # the line in the file the reviewer edits
    assert "Traceback" not in res.output and "(candidates)" not in res.output


# ---------------------------------------------------------------- Markdown patterns

def test_heading_with_thousands_of_spaces_parses_in_linear_time():
    assert_linear(parse, lambda n: "# a" + " " * n + "b\n", 200)


def test_line_of_open_brackets_parses_in_linear_time():
    assert_linear(parse, lambda n: "[" * n + "\n", 2000)


def test_line_of_unclosed_emphasis_parses_in_linear_time():
    assert_linear(parse, lambda n: "_a " * n + "\n", 600)


def test_table_separator_with_thousands_of_spaces_parses_in_linear_time():
    assert_linear(parse, lambda n: "| a | b |\n|--" + " " * n + "x|\n| c | d |\n", 2500)


@pytest.mark.parametrize("opener, n", [("![a](", 250), ("<http://", 500), ("{", 5000)],
                         ids=["image", "autolink", "template"])
def test_line_of_unclosed_images_autolinks_or_templates_parses_in_linear_time(opener, n):
    assert_linear(parse, lambda k: opener * k + "\n", n)


def test_long_multi_line_paragraph_is_read_in_linear_time(extract):
    # short lines, each harmless alone, joined into one paragraph: an open link, emphasis and a release verb
    assert_linear(extract, lambda n: "# Models\n## Orca-LM\n" + "Acme AI released _a [b\n" * n, 200)


def test_paragraphs_and_list_items_are_cut_at_a_bounded_size():
    bound = getattr(markdown, "MAX_BLOCK", markdown.MAX_LINE)
    line = "Orca-LM is a model trained by Acme AI on many tokens of text, " * 2
    para = (line + "\n") * 2000                       # 250,000 characters, no blank line
    item = "- Orca-LM\n" + ("  " + line + "\n") * 2000  # a list item with 2,000 continuation lines
    rows = ("| " + line + "\n") * 2000                 # pipe rows without a separator: a paragraph
    for text in (para, item, rows):
        blocks = parse_markdown(text, "notes.md").blocks
        assert len(blocks) >= 3 and all(len(b.text) <= bound for b in blocks)
        assert blocks[0].line in (1, 2) and blocks[-1].end == 2000 + text.startswith("-")
        assert all(a.end < b.line for a, b in zip(blocks, blocks[1:])), "each line in one block, in order"


# ---------------------------------------------------------------- extraction rules

def test_numbers_after_a_name_are_read_in_linear_time(extract):
    assert_linear(extract, lambda n: "# Models\n## Orca-LM\nOrca-LM GPT " + "9" * n + "\n", 300)


def test_long_run_of_letters_and_digits_is_read_in_linear_time(extract):
    assert_linear(extract, lambda n: "# Models\n## Orca-LM\nOrca-LM " + "a1" * n + "\n", 500)


def test_repeated_developer_clauses_are_read_in_linear_time(extract):
    assert_linear(extract, lambda n: "# Models\n## Orca-LM\nOrca-LM " + "由Acme AI开发 " * n + "\n", 300)


def test_block_naming_thousands_of_entities_is_read_in_linear_time(extract):
    assert_linear(extract, lambda n: "# Models\n## Orca-LM\n" + "Acme AI released Orca-2 and Wren-13B. " * n + "\n",
                  300)


def test_notes_naming_thousands_of_new_entities_are_read_in_linear_time(extract):
    assert_linear(extract, lambda n: "# Models\n" + "".join(f"- 2023年：Acme 发布了 Lark{i} 模型，基于 Orca-2。\n"
                                                            for i in range(n)), 150)


def test_numbers_too_long_for_a_float_or_an_int_are_not_a_crash(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Models\n## Orca-LM\nOrca-LM has " + "9" * 400 + " parameters and cost $" + "9" * 400
                     + " to train.\n\n## Wren-13B\nWren-13B 第" + "1" * 5000 + "阶段是 SFT。\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(notes), "--data", str(KNOWN)])
    assert res.exit_code == 0, repr(res.exception)  # no float infinity made an int, no 5,000-digit int
    assert "parameters:" not in res.output and "training_cost:" not in res.output  # no such number: left out


def test_links_to_malformed_urls_are_not_a_crash(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n## Models\n### [Lark-7B](http://[bad)\n- 2023年：Acme AI 发布了 Lark-7B 模型\n"
                     "| Model | Date |\n|---|---|\n| [Robin](http://[oops) | 2023-01 |\n"
                     "## References\n- [Robin notes](http://[nope)\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(notes), "--data", str(KNOWN)])
    assert res.exit_code == 0, repr(res.exception)
    assert "id: lark-7b" in res.output and "id: robin" in res.output


# ---------------------------------------------------------------- the linker's alternation of names

def test_linker_alternation_with_spaced_names_runs_in_linear_time():
    # labels with a double space or " - " made parts of the one pattern split a run of spaces every way
    linker = Linker([Record("open-lab", ORG, "d.yaml", 1, {"en": "Open  Lab"}),
                     Record("deep-mind", ORG, "d.yaml", 2, {"en": "Deep - Mind"})])
    spaces = lambda n: " " * n  # noqa: E731
    assert_linear(linker.mentions,
                  lambda n: f"Open{spaces(n)}x, Open{spaces(n)}Lab, Deep{spaces(n)}Mind, Deep{spaces(n)}x", 2000)
    found = [(m.id, m.text) for m in linker.mentions("Open  Lab and Open Lab, Deep-Mind, Deep - Mind, DeepMind")]
    assert [i for i, _ in found] == ["open-lab", "open-lab", "deep-mind", "deep-mind", "deep-mind"]


@pytest.mark.parametrize("clause", [
    "Ann Lee, who left Acme Labs to found Zed AI with Bo Chen and Cal Ito, joined Orbit AI ",  # people and organizations
    "Stanford professor Fei Li and Ivo Dane, a former Orbis Labs researcher ",
    "百川智能创始人王小川，前搜狗CEO，曾任职于清华大学，此前联合创办了云帆科技。",  # Chinese founders and careers
    "刘知远是清华大学计算机系副教授，李大海此前是知乎 CTO，",
    "Left Acme in 2021 to co-found Zed AI with Bo Chen. ",
    "Shanghai-based Lumo, a Berlin startup, has offices in Paris and Rome ",  # places
    "Liu et al. (Zed University, Orbit Research) ",  # makers in brackets
    "acme/Wren-7B -> bob/Wren-7B-GGUF, carl/Wren-7B-AWQ ",  # arrows and Hub ids
])
def test_a_long_line_of_people_places_and_lineage_is_read_in_linear_time(extract, clause):
    assert_linear(extract, lambda n: "- " + (clause * (n // len(clause) + 1))[:n] + "\n", 6000)


def test_a_model_tree_of_thousands_of_lines_is_read_in_linear_time(extract):
    assert_linear(extract, lambda n: "```\nroot/A-7B\n" + "".join(f"{'│   ' * (i % 20)}├── o{i}/m-{i}-GGUF  (GGUF quant)\n"
                                                                  for i in range(n)) + "```\n", 300)


def test_notes_naming_thousands_of_new_chinese_organizations_are_read_in_linear_time(extract):
    chars = "星河云帆北湖南山东海西岭青松白鹭金石玉兰紫竹红枫翠柏"

    def name(i: int) -> str:
        return "".join(chars[(i // len(chars) ** k) % len(chars)] for k in range(3)) + "科技"
    assert_linear(extract, lambda n: "# 公司\n" + "".join(f"- {name(i)}发布了 Lark{i} 模型。\n" for i in range(n)), 150)
