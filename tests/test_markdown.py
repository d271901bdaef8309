"""The Markdown notes reader (markdown-it): HTML details, GFM tables, nested items, line items, hostile input."""
from __future__ import annotations

import pytest

from graph.errors import AikgError
from graph.ingest.markdown import parse_markdown, read_markdown


def blocks(text: str) -> list:
    return parse_markdown(text, "notes.md").blocks


def test_details_summary_is_a_section_for_the_markdown_inside(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Papers\n<details><summary>Milestone <b>papers</b></summary>\n\n"
                     "- [LLaMA](https://arxiv.org/abs/2302.13971)\n- GPT-4<br>OpenAI\n</details>\n\n"
                     "After the details.\n", encoding="utf-8")
    doc = read_markdown(notes)
    summary = next(b for b in doc.blocks if b.tag == "summary")
    assert (summary.kind, summary.text, summary.line) == ("heading", "Milestone papers", 2)
    items = [b for b in doc.blocks if b.kind == "item"]
    assert [(b.text, b.line, b.section) for b in items] == [
        ("LLaMA", 4, ["Papers", "Milestone papers"]), ("GPT-4 OpenAI", 5, ["Papers", "Milestone papers"])]
    assert items[0].links == [("LLaMA", "https://arxiv.org/abs/2302.13971")]
    assert doc.blocks[-1].text == "After the details." and doc.blocks[-1].section == ["Papers"]


def test_markdown_inside_one_html_block_keeps_its_file_lines(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("<details>\n<summary>Models</summary>\n- Lark\n  - 地址：https://x.org/lark\n</details>\n"
                     "<div align='center'>Some <i>text</i></div>\n", encoding="utf-8")
    doc = read_markdown(notes)
    assert [(b.kind, b.text, b.line, b.section) for b in doc.blocks] == [
        ("heading", "Models", 2, ["Models"]), ("item", "Lark", 3, ["Models"]),
        ("item", "地址：https://x.org/lark", 4, ["Models"]), ("para", "Some text", 6, [])]


def test_table_without_outer_pipes_gives_rows_with_header_and_cells(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Models\nName | Org | Link\n--- | --- | ---\nLLaMA | Meta | [paper](https://arxiv.org/abs/1)\n",
                     encoding="utf-8")
    rows = read_markdown(notes).blocks[1:]
    assert [(b.kind, b.line, b.header, b.cells) for b in rows] == [
        ("row", 4, ["Name", "Org", "Link"], ["LLaMA", "Meta", "paper"])]
    assert rows[0].links == [("paper", "https://arxiv.org/abs/1")]


def test_sub_items_know_their_parent_item(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# 模型\n* ChatGLM-6B：清华开源的对话模型\n  * 地址：https://github.com/THUDM/ChatGLM-6B\n"
                     "  * 简介：62 亿参数\n* MOSS\n", encoding="utf-8")
    doc = read_markdown(notes)
    items = doc.blocks[1:]
    assert [(b.text, b.level, b.parent) for b in items] == [
        ("ChatGLM-6B：清华开源的对话模型", 0, None), ("地址：https://github.com/THUDM/ChatGLM-6B", 1, 1),
        ("简介：62 亿参数", 1, 1), ("MOSS", 0, None)]
    assert items[1].links == [("", "https://github.com/THUDM/ChatGLM-6B")], "a bare URL is a link"


def test_numbered_lines_and_name_url_lines_are_items_of_their_own(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# 模型\n1.LLaMA：https://arxiv.org/abs/2302.13971\n2.Alpaca：https://github.com/tatsu-lab/x\n\n"
                     "相关链接\nVicuna：https://lmsys.org/blog\nMOSS：https://github.com/OpenLMLab/MOSS\n",
                     encoding="utf-8")
    doc = read_markdown(notes)
    assert [(b.kind, b.text, b.line, b.level) for b in doc.blocks[1:]] == [
        ("item", "LLaMA：https://arxiv.org/abs/2302.13971", 2, 0),
        ("item", "Alpaca：https://github.com/tatsu-lab/x", 3, 0), ("para", "相关链接", 5, 0),
        ("item", "Vicuna：https://lmsys.org/blog", 6, 0), ("item", "MOSS：https://github.com/OpenLMLab/MOSS", 7, 0)]
    assert doc.blocks[1].links == [("LLaMA", "https://arxiv.org/abs/2302.13971")]
    assert doc.blocks[-1].links == [("MOSS", "https://github.com/OpenLMLab/MOSS")]


@pytest.mark.parametrize("content", [
    b"\xef\xbb\xbf# Models\r\n- Lark\r\n\r\nText\r\n",            # BOM and CRLF
    b"# Models\n- Lark\n\nText\x00 with a NUL\n",                # a NUL after the first 8 KB check
    b"# Models\n- Lark\n\nText <div><details><summary>x\n" + b"<b>" * 5000,  # unclosed HTML
    b"# Models\n- Lark\n\n" + b"> " * 3000 + b"- " * 3000 + b"deep\n",      # deep nesting
    b"# Models\n- Lark\n\n" + b"a" * 99_000 + b"\n",                         # a 99 KB line
], ids=["bom-crlf", "nul", "unclosed-html", "deep-nesting", "long-line"])
def test_hostile_input_gives_blocks_with_file_lines(tmp_path, content):
    notes = tmp_path / "notes.md"
    notes.write_bytes(content)
    doc = parse_markdown(notes.read_bytes().decode("utf-8"), "notes.md")
    assert [(b.kind, b.text, b.line) for b in doc.blocks[:2]] == [("heading", "Models", 1), ("item", "Lark", 2)]
    assert all(b.line >= 4 for b in doc.blocks[2:]), "what comes after is after, whatever it is"
    assert any(b.kind == "para" and b.line == 4 for b in doc.blocks) or b"> > >" in content


def test_ill_front_matter_is_a_file_line_error(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("---\ntitle: [unclosed\n---\n# x\n", encoding="utf-8")
    with pytest.raises(AikgError, match=r"notes\.md:\d+: malformed front matter"):
        read_markdown(notes)
