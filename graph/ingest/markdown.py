"""Markdown notes as a list of blocks with their lines: headings, list items, paragraphs, table rows.

Enough Markdown for survey notes: YAML front matter, ATX headings, nested
lists, pipe tables, links and emphasis. Each block knows the headings it sits
under, so that its section can say what its entities are.

>>> doc = parse_markdown("---\\ntitle: T\\n---\\n# 模型\\n- [GPT](https://x.org/gpt) by **OpenAI**\\n")
>>> doc.front["title"], [(b.kind, b.text, b.line, b.section) for b in doc.blocks]
('T', [('heading', '模型', 4, ['模型']), ('item', 'GPT by OpenAI', 5, ['模型'])])
>>> doc.blocks[1].links
[('GPT', 'https://x.org/gpt')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.errors import AikgError
from graph.yamlread import decode_utf8

MAX_LINE = 100_000
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPH = re.compile(r"(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=\S)\1")


@dataclass
class Block:
    """One unit of the notes: its kind, plain text, lines, section path, links and (for tables) cells."""

    kind: str
    text: str
    line: int
    end: int
    section: list[str]
    level: int = 0
    links: list[tuple[str, str]] = field(default_factory=list)
    raw: str = ""
    cells: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    parent: int | None = None  # index of the list item this one is nested in


@dataclass
class Document:
    """The parsed notes: front matter and blocks."""

    path: str
    front: dict
    blocks: list[Block]


def plain(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Text without Markdown markup, and its links as (text, url).

    >>> plain("See **[nanoGPT](https://github.com/karpathy/nanoGPT)** and ![](img.png)")
    ('See nanoGPT and', [('nanoGPT', 'https://github.com/karpathy/nanoGPT')])
    """
    links = [(t.strip(), u) for t, u in _LINK.findall(text) if not text.startswith("!")]
    links = [(t, u) for t, u in links if u and not re.search(r"\.(png|jpe?g|gif|svg)$", u, re.I)]
    out = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    out = _LINK.sub(lambda m: m.group(1), out)
    out = _AUTOLINK.sub(lambda m: m.group(1), out)
    links += [(u, u) for u in _AUTOLINK.findall(text)]
    for _ in range(3):
        out = _EMPH.sub(lambda m: m.group(2), out)
    out = re.sub(r"\{\{[^}]*\}\}", "", out)
    return re.sub(r"\s+", " ", out).strip(), links


def read_markdown(path: str | Path) -> Document:
    """Read and parse a Markdown file (UTF-8); errors name the file and line."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise AikgError(f"cannot read file: {exc.strerror}", path) from None
    if b"\x00" in data[:8192]:
        raise AikgError("this is a binary file, not Markdown notes", path, 1)
    return parse_markdown(decode_utf8(data, path), str(path))


def parse_markdown(text: str, path: str = "<notes>") -> Document:
    """Parse Markdown text into blocks."""
    lines = text.split("\n")
    for i, line in enumerate(lines, 1):
        if len(line) > MAX_LINE:
            raise AikgError(f"line of {len(line)} characters (more than {MAX_LINE}); is this Markdown?", path, i)
    front: dict = {}
    start = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, min(len(lines), 200)):
            if lines[j].strip() in ("---", "..."):
                try:
                    loaded = yaml.safe_load("\n".join(lines[1:j]))
                except yaml.YAMLError as exc:
                    mark = getattr(exc, "problem_mark", None)
                    raise AikgError(f"malformed front matter: {getattr(exc, 'problem', exc)}", path,
                                    (mark.line + 2) if mark else 2) from None
                front = loaded if isinstance(loaded, dict) else {}
                start = j + 1
                break
    blocks: list[Block] = []
    section: list[tuple[int, str]] = []
    item_stack: list[tuple[int, int]] = []  # (indent, block index)
    para: list[tuple[int, str]] = []
    table: list[tuple[int, str]] = []

    def names() -> list[str]:
        return [t for _, t in section]

    def flush_para() -> None:
        if para:
            raw = " ".join(t for _, t in para)
            txt, links = plain(raw)
            if txt or links:
                blocks.append(Block("para", txt, para[0][0], para[-1][0], names(), links=links, raw=raw))
            para.clear()

    def flush_table() -> None:
        if len(table) >= 2 and _TABLE_SEP.match(table[1][1]):
            header = [plain(c)[0] for c in _cells(table[0][1])]
            for n, row in table[2:]:
                raw_cells = _cells(row)
                cells = [plain(c)[0] for c in raw_cells]
                links = [lk for c in raw_cells for lk in plain(c)[1]]
                blocks.append(Block("row", " | ".join(cells), n, n, names(), links=links, raw=row,
                                    cells=cells, header=header))
        else:
            for n, row in table:
                para.append((n, row))
            flush_para()
        table.clear()

    in_code = False
    for n, line in enumerate(lines[start:], start + 1):
        if line.strip().startswith("```"):
            in_code = not in_code
            flush_para()
            continue
        if in_code:
            continue
        stripped = line.strip()
        if stripped.startswith("|") or (table and "|" in stripped):
            flush_para()
            table.append((n, stripped))
            continue
        if table:
            flush_table()
        m = _HEADING.match(line)
        if m:
            flush_para()
            item_stack.clear()
            level = len(m.group(1))
            txt, links = plain(m.group(2))
            section = [(lv, t) for lv, t in section if lv < level] + [(level, txt)]
            blocks.append(Block("heading", txt, n, n, names(), level=level, links=links, raw=m.group(2)))
            continue
        m = _ITEM.match(line)
        if m:
            flush_para()
            indent = len(m.group(1).expandtabs(4))
            while item_stack and item_stack[-1][0] >= indent:
                item_stack.pop()
            txt, links = plain(m.group(2))
            parent = item_stack[-1][1] if item_stack else None
            blocks.append(Block("item", txt, n, n, names(), level=len(item_stack), links=links, raw=m.group(2),
                                parent=parent))
            item_stack.append((indent, len(blocks) - 1))
            continue
        if not stripped:
            flush_para()
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ")
        if item_stack and line[:1] in (" ", "\t") and not para:  # continuation of a list item
            b = blocks[item_stack[-1][1]]
            txt, links = plain(stripped)
            b.text = f"{b.text} {txt}".strip()
            b.links += links
            b.end = n
            continue
        item_stack.clear()
        para.append((n, stripped))
    flush_para()
    if table:
        flush_table()
    return Document(path, front, blocks)


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]
