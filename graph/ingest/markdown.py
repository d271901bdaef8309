"""Markdown notes as a list of blocks with their lines: headings, list items, paragraphs, table rows.

The notes are read by markdown-it (CommonMark, GFM tables and strikethrough),
after the YAML front matter. Each block knows the headings it sits under, so
that its section can say what its entities are; a list item knows the item it
is nested in. On top of CommonMark, for survey notes as people write them:

* ``<details><summary>Label</summary> ... </details>``: the label is a heading
  (``tag="summary"``) for what the details hold, whose Markdown is read too
  (:mod:`graph.ingest.html_blocks`); other tags are left out, ``<br>`` breaks a line;
* a line such as ``1.LLaMA：https://...`` (no space after ``1.``, so no list
  item), and each of consecutive ``Name：URL`` lines, is an item of its own
  (``tag="line"``); bare URLs are links (:mod:`graph.ingest.inline_text`);
* indented text is text, not code (notes indent prose, and fence their code).

Every step takes time linear in the size of the notes, whatever they hold, and
a paragraph (or a list item with its continuation lines) holds at most
:data:`MAX_BLOCK` characters: a longer one is cut at a line into several blocks.

>>> doc = parse_markdown("---\\ntitle: T\\n---\\n# 模型\\n- [GPT](https://x.org/gpt) by **OpenAI**\\n")
>>> doc.front["title"], [(b.kind, b.text, b.line, b.section) for b in doc.blocks]
('T', [('heading', '模型', 4, ['模型']), ('item', 'GPT by OpenAI', 5, ['模型'])])
>>> doc.blocks[1].links
[('GPT', 'https://x.org/gpt')]

Headings are ATX (closing ``#`` left out; no space after ``#``, no heading) or setext:

>>> [(b.kind, b.level, b.text) for b in parse_markdown("## Models ##  \\n#x\\n\\n####### x\\n\\nA\\n===\\n").blocks]
[('heading', 2, 'Models'), ('para', 0, '#x'), ('para', 0, '####### x'), ('heading', 1, 'A')]

A table needs its separator row (pipes at the ends are optional):

>>> [(b.kind, b.cells, b.header) for b in parse_markdown("Name | Org\\n:-: | ---\\nGPT | OpenAI\\n").blocks]
[('row', ['GPT', 'OpenAI'], ['Name', 'Org'])]
>>> [b.kind for b in parse_markdown("| a | b |\\n| - | c |\\n").blocks]
['para']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from graph.errors import AikgError
from graph.ingest.html_blocks import BREAK, html_events, strip_tags
from graph.ingest.inline_text import inline_plain, tidy
from graph.records.yamlread import decode_utf8, read_yaml_text

MAX_LINE = 100_000
#: A paragraph, or a list item with its continuation lines, is cut into blocks of at most this many characters.
MAX_BLOCK = 100_000
#: What lists and block quotes hold when nested deeper than this is left out (as markdown-it does).
MAX_NESTING = 100
_IMAGE_LINE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")
_SEP_CELL = re.compile(r":?-{2,}:?")
_BREAKS = re.compile(r"<br\s*/?>|" + BREAK, re.I)
_NUMBERED = re.compile(r"(\d{1,3})[.、)）](?=[^\d\s.、)）])")  # "1.LLaMA", not "1.5B" nor "1. x"
#: "2. Name - URL" on a later line of a paragraph: a list item that could not interrupt the paragraph (CommonMark)
_NUMBERED_LATER = re.compile(r"(\d{1,3})[.、)）]\s+(?=\S)")
_NAME_URL = re.compile(r"(?P<name>[^：:\s<>\[\]()]{1,60}(?: [^：:\s<>\[\]()]{1,60}){0,5})\s*[：:]\s*<?https?://")


@dataclass
class Block:
    """One unit of the notes: its kind, plain text, lines, section path, links and (for tables) cells.

    ``tag`` says where a block came from when Markdown alone would not make it: ``summary`` for
    the label of a ``<details>`` (a heading), ``line`` for an item that is one line of a paragraph.
    """

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
    tag: str = ""


@dataclass
class Document:
    """The parsed notes: front matter and blocks."""

    path: str
    front: dict
    blocks: list[Block]


def _markdown_it() -> MarkdownIt:
    """CommonMark with tables and strikethrough; links kept as written, indented text not code."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"]).disable("code")
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # notes' links are data, never followed
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda text: text  # type: ignore[method-assign]
    return md


_MD = _markdown_it()


def plain(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Text without Markdown markup, and its links as (text, url).

    >>> plain("See **[nanoGPT](https://github.com/karpathy/nanoGPT)** and ![](img.png)")
    ('See nanoGPT and', [('nanoGPT', 'https://github.com/karpathy/nanoGPT')])
    >>> plain("**bold** and *it* and `code` and a_b_c but not _ this_ or * that*")[0]
    'bold and it and code and a_b_c but not _ this_ or * that*'
    >>> plain("**a*")[0], plain("_a _b_")[0], plain("a {{ x }} b <https://x.org>")
    ('*a', '_a b', ('a b https://x.org', [('https://x.org', 'https://x.org')]))
    """
    tokens = _MD.parseInline(text)
    return inline_plain(tokens[0].children if tokens else None)


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
    """Parse Markdown text into blocks.

    >>> doc = parse_markdown("\\ufeff# A\\r\\n\\r\\n1.LLaMA：https://arxiv.org/abs/2302.13971\\r\\n")
    >>> [(b.kind, b.text, b.line, b.links) for b in doc.blocks][1]
    ('item', 'LLaMA：https://arxiv.org/abs/2302.13971', 3, [('LLaMA', 'https://arxiv.org/abs/2302.13971')])
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines, 1):
        if len(line) > MAX_LINE:
            raise AikgError(f"line of {len(line)} characters (more than {MAX_LINE}); is this Markdown?", path, i)
    front, start = _front(lines, path)
    reader = _Reader()
    reader.read("\n".join(lines[start:]), start, 0)
    return Document(path, front, reader.finish())


def _front(lines: list[str], path: str) -> tuple[dict, int]:
    """The front matter (a mapping, else empty) and the index of the first line after it."""
    if lines and lines[0].strip() == "---":
        for j in range(1, min(len(lines), 200)):
            if lines[j].strip() in ("---", "..."):
                loaded = _front_matter("\n".join(lines[1:j]), path)
                return (loaded if isinstance(loaded, dict) else {}), j + 1
    return {}, 0


def _front_matter(text: str, path: str) -> object:
    """The YAML between the ``---`` lines (from line 2 of the file): aliases refused, errors at the file's line."""
    try:
        return read_yaml_text(text, path, first_line=2)
    except AikgError as exc:
        message = exc.message.replace("malformed YAML", "malformed front matter", 1).replace(" in records", "")
        if not message.startswith("malformed front matter"):
            message = f"front matter: {message}"
        raise AikgError(message, path, exc.line or 2) from None


class _Reader:
    """Blocks from markdown-it's tokens, with the headings (and summaries) above each and the items around it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.section: list[tuple[float, str]] = []  # (heading level, text); a summary is half a level deeper
        self.details: list[list[tuple[float, str]]] = []  # the section at each open <details>
        self.items: list[list[int]] = []  # [block index, whether its text is read] of the open list items
        self.more: dict[int, list[str]] = {}  # block index -> text of further paragraphs, joined at the end

    def names(self) -> list[str]:
        return [t for _, t in self.section]

    def finish(self) -> list[Block]:
        for index, parts in self.more.items():  # joined once: adding one by one would copy the text each time
            b = self.blocks[index]
            b.text = " ".join([b.text] + parts) if b.text else " ".join(parts)
        return self.blocks

    def read(self, text: str, offset: int, depth: int) -> None:
        """Add the blocks of Markdown text whose first line is line ``offset + 1`` of the file."""
        tokens = _MD.parse(text)
        source = text.split("\n")
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t.type == "heading_open":
                self.heading(t, tokens[i + 1], offset)
                i += 2
            elif t.type == "paragraph_open":
                self.paragraph(t, tokens[i + 1], offset)
                i += 2
            elif t.type == "list_item_open":
                self.open_item(t, offset)
            elif t.type == "list_item_close" and self.items:
                self.items.pop()
            elif t.type == "table_open":
                i = self.table(tokens, i, offset, source)
            elif t.type == "html_block":
                self.html(t, offset, depth)
            elif t.type == "fence" and re.search(r"[├└┣┗]|\|--|`--", t.content):
                line = _line(t, offset)  # a model tree drawn in a code block (see graph.ingest.trees)
                self.blocks.append(Block("tree", t.content, line + 1, max(line, _end(t, offset)), self.names(), raw=t.content))
            i += 1

    def heading(self, t: Token, inline: Token, offset: int) -> None:
        level = int(t.tag[1])
        text, links = inline_plain(inline.children)
        self.section = [(lv, s) for lv, s in self.section if lv < level] + [(level, text)]
        line = _line(t, offset)
        self.blocks.append(Block("heading", text, line, max(line, _end(t, offset)), self.names(), level=level,
                                 links=links, raw=inline.content))

    def open_item(self, t: Token, offset: int) -> None:
        parent = self.items[-1][0] if self.items else None
        line = _line(t, offset)
        self.blocks.append(Block("item", "", line, line, self.names(), level=len(self.items), parent=parent))
        self.items.append([len(self.blocks) - 1, 0])

    def paragraph(self, t: Token, inline: Token, offset: int) -> None:
        first = _line(t, offset)
        content = inline.content
        k = _table_start(content)
        if k:  # a table right after the text (in a list item, markdown-it reads it as more text): read apart
            lines = content.split("\n")
            self.lines("\n".join(lines[:k]), first, None)
            self.read("\n".join(lines[k:]), first - 1 + k, 1)
        else:
            self.lines(content, first, inline.children)

    def lines(self, content: str, first: int, children: Sequence[Token] | None) -> None:
        """The blocks of the text of a paragraph: one, or one a line for lines that are items, or cut at MAX_BLOCK."""
        pieces = _pieces(content, first) if children is not None else None
        if children is not None and pieces is None:  # one block, as markdown-it read it
            text, links = inline_plain(children)
            lines = content.split("\n")
            while len(lines) > 1 and _IMAGE_LINE.fullmatch(lines[-1].strip()):  # a picture after the text: not its lines
                lines.pop()
            self.text_block(text, links, first, first + len(lines) - 1, " ".join(x.strip() for x in lines))
            return
        pieces = pieces or [(first + k, p) for k, line in enumerate(content.split("\n")) for p in _BREAKS.split(line)]
        for group, name in _groups(pieces, in_item=bool(self.items)):
            raw = "\n".join(p for _, p in group)
            if name is not None:
                self.line_item(group[0][0], raw, name)
            else:
                text, links = plain(raw)
                self.text_block(text, links, group[0][0], group[-1][0], " ".join(p for _, p in group))

    def text_block(self, text: str, links: list[tuple[str, str]], line: int, end: int, raw: str) -> None:
        """A paragraph, or the text of the open list item (or of a block going on with it)."""
        if not text and not links:
            return
        if not self.items:
            self.blocks.append(Block("para", text, line, end, self.names(), links=links, raw=raw))
            return
        entry = self.items[-1]
        b = self.blocks[entry[0]]
        size = len(b.text) + sum(len(p) + 1 for p in self.more.get(entry[0], ()))
        if not entry[1]:
            b.text, b.links, b.raw, b.end, entry[1] = text, links, raw, end, 1
        elif entry[0] == len(self.blocks) - 1 and size + len(text) + 1 <= MAX_BLOCK:
            self.more.setdefault(entry[0], []).append(text)
            b.links += links
            b.end = end
        else:  # too long for one block, or after its sub-items: the item goes on in the next block
            self.blocks.append(Block("item", text, line, end, b.section, level=b.level, links=links, raw=raw,
                                     parent=b.parent))
            entry[0] = len(self.blocks) - 1

    def line_item(self, line: int, raw: str, name: str) -> None:
        """A line of a paragraph that is an item: ``1.LLaMA：URL`` or one of several ``Name：URL`` lines."""
        number = _NUMBERED.match(raw) or _NUMBERED_LATER.match(raw)
        text, links = plain(raw[number.end():] if number else raw)
        if name:  # the URL after "Name：" is the link of that name
            links = [(name, url) if not t and k == 0 else (t, url) for k, (t, url) in enumerate(links)]
        self.blocks.append(Block("item", text, line, line, self.names(), links=links, raw=raw, tag="line"))

    def table(self, tokens: Sequence[Token], i: int, offset: int, source: list[str]) -> int:
        """Add a row block for each body row of the table at ``tokens[i]``; the index of its closing token."""
        header: list[str] = []
        cells: list[str] = []
        links: list[tuple[str, str]] = []
        line = 0
        for i in range(i + 1, len(tokens)):
            t = tokens[i]
            if t.type == "table_close":
                break
            if t.type == "tr_open":
                cells, links, line = [], [], _line(t, offset)
            elif t.type == "inline":
                text, found = inline_plain(t.children)
                cells.append(text)
                links += found
            elif t.type == "tr_close" and not header:
                header = cells
            elif t.type == "tr_close":
                raw = source[line - offset - 1].strip() if 0 <= line - offset - 1 < len(source) else ""
                self.blocks.append(Block("row", " | ".join(cells), line, line, self.names(), links=links, raw=raw,
                                         cells=cells, header=header))
        return i

    def html(self, t: Token, offset: int, depth: int) -> None:
        """A raw HTML block: details and summaries change the section, the rest is read as Markdown."""
        base = offset + (t.map[0] if t.map else 0)
        for kind, text, line in html_events(t.content):
            if kind == "open":
                self.details.append(list(self.section))
            elif kind == "close" and self.details:
                self.section = self.details.pop()
            elif kind == "summary" and text:
                self.summary(text, base + line + 1)
            elif kind == "text" and depth == 0:
                self.read(text, base + line, depth + 1)
            elif kind == "text" and strip_tags(text).strip():  # HTML in HTML: its text, read once
                text, links = plain(strip_tags(text))
                self.text_block(text, links, base + line + 1, base + line + 1 + text.count("\n"), text)

    def summary(self, label: str, line: int) -> None:
        level = self.section[-1][0] if self.section else 0
        self.section = self.section + [(level + 0.5, label)]
        self.blocks.append(Block("heading", label, line, line, self.names(), level=min(6, int(level) + 1),
                                 raw=label, tag="summary"))


def _line(t: Token, offset: int) -> int:
    return offset + (t.map[0] if t.map else 0) + 1


def _end(t: Token, offset: int) -> int:
    return offset + (t.map[1] if t.map else 1)


def _table_start(content: str) -> int:
    """The index (from 1) of the line of the paragraph that starts a table (its next line a separator), or 0."""
    if "|" not in content or "-" not in content or "\n" not in content:
        return 0
    lines = content.split("\n")
    return next((k for k in range(1, len(lines) - 1)
                 if "|" in lines[k] and "-" in lines[k + 1] and _is_table_separator(lines[k + 1])), 0)


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


def _pieces(content: str, first: int) -> list[tuple[int, str]] | None:
    """The lines of a paragraph (cut at ``<br>`` too) with their line numbers; None if it is one block as it is."""
    if len(content) <= MAX_BLOCK and not _BREAKS.search(content) and not _may_split(content):
        return None
    return [(first + k, piece) for k, line in enumerate(content.split("\n")) for piece in _BREAKS.split(line)]


def _may_split(content: str) -> bool:
    """Whether a line of the paragraph may be an item of its own: cheap tests before the exact ones."""
    return _NUMBERED.match(content) is not None or ("\n" in content and "://" in content) \
        or any(_NUMBERED.match(line) or _NUMBERED_LATER.match(line) for line in content.split("\n")[1:] if line[:1].isdigit())


def _groups(pieces: list[tuple[int, str]], in_item: bool) -> list[tuple[list[tuple[int, str]], str | None]]:
    """The lines of a paragraph in blocks of at most MAX_BLOCK characters: (lines, None), and ([line], name)
    for each line that is an item of its own (name: the name before its URL, or "").

    >>> _groups([(1, "intro"), (2, "A：https://a.org"), (3, "B：http://b.org"), (4, "5.C x")], False)
    [([(1, 'intro')], None), ([(2, 'A：https://a.org')], 'A'), ([(3, 'B：http://b.org')], 'B'), ([(4, '5.C x')], '')]
    >>> _groups([(1, "1.A：https://a.org"), (2, "备注：x"), (3, "2. B - https://b.org")], False)
    [([(1, '1.A：https://a.org')], 'A'), ([(2, '备注：x')], None), ([(3, '2. B - https://b.org')], '')]
    """
    named = [None if in_item else _NAME_URL.match(p.strip()) for _, p in pieces]
    out: list[tuple[list[tuple[int, str]], str | None]] = []
    group: list[tuple[int, str]] = []
    size = 0
    for k, (line, piece) in enumerate(pieces):
        piece = piece.strip()
        pair = named[k] and ((k > 0 and named[k - 1]) or (k + 1 < len(named) and named[k + 1]))
        own = pair or (not in_item and (_NUMBERED.match(piece) or (k > 0 and _NUMBERED_LATER.match(piece))))
        if own or (group and size + len(piece) + 1 > MAX_BLOCK):
            if group:
                out.append((group, None))
            group, size = [], 0
        if own:
            m = named[k]
            number = _NUMBERED.match(piece) or (_NUMBERED_LATER.match(piece) if k > 0 else None)
            name = _number_name(piece, number) if number else (m.group("name") if m else "")
            out.append(([(line, piece)], name))
        elif piece:
            group.append((line, piece))
            size += len(piece) + 1
    if group:
        out.append((group, None))
    return out


def _number_name(piece: str, number: re.Match | None) -> str:
    """The name of a numbered line such as ``1.LLaMA：https://...``, or "" when no URL follows a name."""
    m = _NAME_URL.match(piece, number.end()) if number else None
    return m.group("name") if m else ""
