"""Raw HTML in Markdown notes: ``<details>``/``<summary>`` sections, other tags stripped, ``<br>`` a line break.

markdown-it keeps an HTML block as raw text. :func:`html_events` reads one in a
single left-to-right scan and says what it holds, in order: a ``<details>``
opening or closing, the label of a ``<summary>``, and the text between the tags
(the Markdown to parse again), each with the line it starts on relative to the
block. Every tag pattern stops at the next ``<`` or ``>``, so a run of unclosed
tags stays linear.

>>> for e in html_events("<details><summary>Milestone <b>papers</b></summary>\\n- a<br>b\\n</details>"):
...     print(e)
('open', '', 0)
('summary', 'Milestone papers', 0)
('text', '\\n- a\\ue000b\\n', 0)
('close', '', 2)
"""
from __future__ import annotations

import re

#: Put in the text where ``<br>`` (or the end of a block-level element) was: the reader breaks the line there.
BREAK = "\ue000"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^<>]*)?>|<![^<>]*>|<\?[^<>]*>")
_BREAKING = frozenset({"br", "p", "li", "tr", "div", "h1", "h2", "h3", "h4", "h5", "h6"})
_BREAK_ON_CLOSE = _BREAKING - {"br"}


def strip_tags(text: str) -> str:
    """Text without HTML tags or comments; ``<br>`` and the end of ``<p>``, ``<li>``, ... become :data:`BREAK`.

    Newlines inside a tag are kept, so that the lines of what remains stay where they were.

    >>> strip_tags("a<br/>b <span class='x'>c</span><!-- note -->d</p>")
    'a\\ue000b cd\\ue000'
    >>> strip_tags("<a" * 3 + "<!-- open")
    '<a<a<a'
    """
    return "".join(text for kind, text, _ in _pieces(text) if kind == "text")


def html_events(content: str) -> list[tuple[str, str, int]]:
    """(kind, text, line) for what an HTML block holds: ``open``, ``summary`` (its label), ``text``, ``close``."""
    events: list[tuple[str, str, int]] = []
    summary: list[str] | None = None  # the label being read
    for kind, text, line in _pieces(content):
        if kind == "text" and summary is not None:
            summary.append(text)
        elif kind == "text":
            if events and events[-1][0] == "text":
                events[-1] = ("text", events[-1][1] + text, events[-1][2])
            elif text:
                events.append(("text", text, line))
        elif kind == "summary":
            summary = []
        elif kind == "/summary" and summary is not None:
            label = " ".join("".join(summary).replace(BREAK, " ").split())
            events.append(("summary", label, line))
            summary = None
        elif kind in ("details", "/details"):
            events.append(("open" if kind == "details" else "close", "", line))
    return events


def _pieces(content: str) -> list[tuple[str, str, int]]:
    """The block cut at its tags: ("text", text, line), and (tag name, "", line) with "/" for a closing tag."""
    out: list[tuple[str, str, int]] = []
    pos = line = 0
    comment = content.find("<!--")
    while pos < len(content):
        if comment != -1 and comment < pos:  # looked for again only once passed: one scan in all
            comment = content.find("<!--", pos)
        m = _TAG.search(content, pos, comment if comment != -1 else len(content))
        if m is None and comment == -1:
            out.append(("text", content[pos:], line))
            break
        start = m.start() if m else comment
        out.append(("text", content[pos:start], line))
        line += content.count("\n", pos, start)
        if m is None:  # a comment: left out, to its end or to the end of the block
            stop = content.find("-->", comment + 4)
            end = len(content) if stop == -1 else stop + 3
            name = ""
        else:
            end, name = m.end(), (m.group(1) + m.group(2).lower()) if m.group(2) else ""
        newlines = content.count("\n", start, end)
        if name == "br" or name.lstrip("/") in _BREAK_ON_CLOSE and name.startswith("/"):
            out.append(("text", BREAK + "\n" * newlines, line))
        elif newlines:
            out.append(("text", "\n" * newlines, line))
        out.append((name, "", line))
        line += newlines
        pos = end
    return out
