"""Markdown notes as a list of blocks with their lines: headings, list items, paragraphs, table rows.

Enough Markdown for survey notes: YAML front matter, ATX headings, nested
lists, pipe tables, links and emphasis. Each block knows the headings it sits
under, so that its section can say what its entities are.

Every step takes time linear in the size of the notes, whatever they hold: the
patterns cannot backtrack over a run of the same character (each part of a
link or an image stops at the next ``[``, ``](`` or ``<``), headings, table
separators and emphasis are read by plain scans, and a paragraph (or a list
item with its continuation lines) holds at most :data:`MAX_BLOCK` characters:
a longer one is cut at a line into several blocks.

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

from graph.errors import AikgError
from graph.records.yamlread import decode_utf8, read_yaml_text

MAX_LINE = 100_000
#: A paragraph, or a list item with its continuation lines, is cut into blocks of at most this many characters.
MAX_BLOCK = 100_000
_HEADING_OPEN = re.compile(r"(#{1,6})\s+")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_SEP_CELL = re.compile(r":?-{2,}:?")
# The text of a link stops at the next bracket and its URL at the next "](", so that no two links
# that a match could start scan the same characters (a run of "[" or of "[a](" stays linear);
# "(?:!\[|\[)" is "!?\[" written so that the regex engine can skip to the next "!" or "[".
_LINK = re.compile(r"(?:!\[|\[)([^\[\]]*)\]\(\s*<?((?:[^)\s>\]]|\](?!\())*)>?(?:\s+\"[^\"]*\")?\s*\)")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\((?:[^)\]]|\](?!\())*\)")
_IMAGE_URL = re.compile(r"\.(png|jpe?g|gif|svg)$", re.I)
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_DELIMITERS = ("**", "__", "*", "_", "~~", "`")
_DELIMITERS_AT = {c: tuple(d for d in _DELIMITERS if d[0] == c) for c in "*_~`"}  # in the pattern's order
_DELIMITER_CHAR = re.compile(r"[*_~`]")


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
    links = [(t, u) for t, u in links if u and not _IMAGE_URL.search(u)]
    out = _IMAGE.sub("", text)
    out = _LINK.sub(lambda m: m.group(1), out)
    out = _AUTOLINK.sub(lambda m: m.group(1), out)
    links += [(u, u) for u in _AUTOLINK.findall(text)]
    for _ in range(3):
        before, out = out, _unemphasize(out)
        if out == before:  # the next passes would change nothing either
            break
    out = _without_templates(out)
    return re.sub(r"\s+", " ", out).strip(), links


def _unemphasize(text: str) -> str:
    """Each ``**x**``, ``__x__``, ``*x*``, ``_x_``, ``~~x~~`` and `` `x` `` replaced by x, in one scan.

    What the pattern ``(\\*\\*|__|\\*|_|~~|`)(?=\\S)(.+?)(?<=\\S)\\1`` would replace, left to
    right, but without looking for a closing delimiter again from every opening one: the next
    closing place of each delimiter is remembered, so a line of ``_a `` repeated stays linear.

    >>> _unemphasize("**bold** and *it* and `code` and a_b_c but not _ this_ or * that*")
    'bold and it and code and abc but not _ this_ or * that*'
    >>> _unemphasize("**a*"), _unemphasize("_a _b_")
    ('*a', 'a _b')
    """
    if not any(d in text for d in "*_~`"):
        return text
    return "\n".join(_unemphasize_line(line) for line in text.split("\n"))  # "." stops at a newline


def _unemphasize_line(text: str) -> str:
    n = len(text)
    known: dict[str, tuple[int, int]] = {}  # delimiter -> (from, first closing at or after from, or -1)

    def closing(d: str, start: int) -> int:
        """The first j >= start where d begins after a non-space character, or -1."""
        lo, at = known.get(d, (n + 1, -1))
        if lo <= start and (at == -1 or start <= at):
            return at
        j = text.find(d, start)
        while j != -1 and text[j - 1].isspace():
            j = text.find(d, j + 1)
        known[d] = (start, j)
        return j

    out: list[str] = []
    copied = 0  # text before this is done: copied to out, or replaced
    for m in _DELIMITER_CHAR.finditer(text):
        i = m.start()
        if i < copied:  # inside what the last replacement took
            continue
        for d in _DELIMITERS_AT[m.group()]:
            c = i + len(d)
            if not text.startswith(d, i) or c >= n or text[c].isspace():
                continue
            j = closing(d, c + 1)
            if j != -1:
                out.append(text[copied:i])
                out.append(text[c:j])
                copied = j + len(d)
                break
    out.append(text[copied:])
    return "".join(out)


def _without_templates(text: str) -> str:
    """Text without ``{{...}}`` (no ``}`` inside), as ``re.sub(r"\\{\\{[^}]*\\}\\}", "", text)`` but in one scan.

    >>> _without_templates("a {{ x }} b {{{{ y }} c {{ z } }}")
    'a  b  c {{ z } }}'
    """
    out: list[str] = []
    pos = 0
    while True:
        i = text.find("{{", pos)
        j = text.find("}", i + 2) if i != -1 else -1
        if j == -1:
            break
        if text.startswith("}}", j):  # "{{" ... "}}": left out
            out.append(text[pos:i])
            pos = j + 2
        else:  # no "{{" before this "}" can end at it: look on after it
            out.append(text[pos:j + 1])
            pos = j + 1
    out.append(text[pos:])
    return "".join(out)


def _heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line, closing ``#`` and spaces left out; None for other lines.

    The same as ``^(#{1,6})\\s+(.*?)\\s*#*\\s*$``, which takes cubic time on "# a" and many spaces.

    >>> _heading("## Models ##  "), _heading("#   "), _heading("#x"), _heading("####### x")
    ((2, 'Models'), (1, ''), None, None)
    """
    m = _HEADING_OPEN.match(line)
    if not m:
        return None
    return len(m.group(1)), line[m.end():].rstrip().rstrip("#").rstrip()


def _is_table_separator(row: str) -> bool:
    """Whether a (stripped) row is a table's separator row such as ``| --- | :-: |``.

    The same as ``^\\s*\\|?\\s*:?-{2,}:?\\s*(\\|\\s*:?-{2,}:?\\s*)*\\|?\\s*$``, cell by cell.

    >>> _is_table_separator("|---|:--:|"), _is_table_separator("--"), _is_table_separator("| - |"), _is_table_separator("||")
    (True, True, False, False)
    """
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return all(_SEP_CELL.fullmatch(cell.strip()) for cell in row.split("|"))


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
                loaded = _front_matter("\n".join(lines[1:j]), path)
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

    para_size = 0
    continued: dict[int, list[str]] = {}  # block index of a list item -> text of its continuation lines
    item_size = 0

    def flush_para() -> None:
        nonlocal para_size
        if para:
            raw = " ".join(t for _, t in para)
            txt, links = plain(raw)
            if txt or links:
                blocks.append(Block("para", txt, para[0][0], para[-1][0], names(), links=links, raw=raw))
            para.clear()
        para_size = 0

    def add_para(n: int, text: str) -> None:
        """A line of the current paragraph; one that would make it longer than MAX_BLOCK starts the next."""
        nonlocal para_size
        if para and para_size + len(text) + 1 > MAX_BLOCK:
            flush_para()
        para.append((n, text))
        para_size += len(text) + 1

    def flush_table() -> None:
        if len(table) >= 2 and _is_table_separator(table[1][1]):
            header = [plain(c)[0] for c in _cells(table[0][1])]
            for n, row in table[2:]:
                raw_cells = _cells(row)
                cells = [plain(c)[0] for c in raw_cells]
                links = [lk for c in raw_cells for lk in plain(c)[1]]
                blocks.append(Block("row", " | ".join(cells), n, n, names(), links=links, raw=row,
                                    cells=cells, header=header))
        else:
            for n, row in table:
                add_para(n, row)
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
        heading = _heading(line)
        if heading:
            flush_para()
            item_stack.clear()
            level, raw = heading
            txt, links = plain(raw)
            section = [(lv, t) for lv, t in section if lv < level] + [(level, txt)]
            blocks.append(Block("heading", txt, n, n, names(), level=level, links=links, raw=raw))
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
            item_size = len(txt)
            continue
        if not stripped:
            flush_para()
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ")
        if item_stack and line[:1] in (" ", "\t") and not para:  # continuation of a list item
            txt, links = plain(stripped)
            index = item_stack[-1][1]
            b = blocks[index]
            if item_size + len(txt) + 1 > MAX_BLOCK:  # too long for one block: the item goes on in the next
                b = Block("item", "", n, n, b.section, level=b.level, raw=stripped, parent=b.parent)
                blocks.append(b)
                index = len(blocks) - 1
                item_stack[-1] = (item_stack[-1][0], index)
                item_size = 0
            if txt:
                continued.setdefault(index, []).append(txt)
                item_size += len(txt) + 1
            b.links += links
            b.end = n
            continue
        item_stack.clear()
        add_para(n, stripped)
    flush_para()
    if table:
        flush_table()
    for index, parts in continued.items():  # joined once: adding line by line would copy the text again each time
        b = blocks[index]
        b.text = " ".join([b.text] + parts) if b.text else " ".join(parts)
    return Document(path, front, blocks)


def _front_matter(text: str, path: str) -> object:
    """The YAML between the ``---`` lines (from line 2 of the file): aliases refused, errors at the file's line."""
    try:
        return read_yaml_text(text, path, first_line=2)
    except AikgError as exc:
        message = exc.message.replace("malformed YAML", "malformed front matter", 1).replace(" in records", "")
        if not message.startswith("malformed front matter"):
            message = f"front matter: {message}"
        raise AikgError(message, path, exc.line or 2) from None


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]
