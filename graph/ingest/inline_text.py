"""The plain text and links of markdown-it inline tokens: emphasis left out, link text kept, bare URLs made links.

>>> from markdown_it import MarkdownIt
>>> tokens = MarkdownIt("commonmark").parseInline("**[GPT](https://x.org/gpt)**, see https://y.org/a. ![](i.png)")
>>> inline_plain(tokens[0].children)
('GPT, see https://y.org/a.', [('GPT', 'https://x.org/gpt'), ('', 'https://y.org/a')])
"""
from __future__ import annotations

import re
from typing import Sequence

from markdown_it.token import Token

from graph.ingest.html_blocks import BREAK

_IMAGE_URL = re.compile(r"\.(png|jpe?g|gif|svg)$", re.I)
# a URL stops at a space, a quote or angle bracket, CJK punctuation (、。「」（），：；…) or a CJK character
_BARE_URL = re.compile(r"https?://[^\s<>\"'\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
_LINE_BREAK_TAG = re.compile(r"<br\b|</(?:p|li|tr|div|h[1-6])\s*>", re.I)


def inline_plain(children: Sequence[Token] | None) -> tuple[str, list[tuple[str, str]]]:
    """(plain text, links as (text, url)) of the children of an inline token, in one pass.

    A bare URL is a link with an empty text (the text it has is no name); links to images are left out.
    """
    parts: list[str] = []
    links: list[tuple[str, str]] = []
    open_links: list[tuple[str, int]] = []  # (url, where its text starts in parts)
    for t in children or ():
        kind = t.type
        if kind == "text":
            parts.append(t.content)
            if not open_links:
                links += bare_urls(t.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "code_inline":
            parts.append(t.content)
        elif kind == "html_inline":
            parts.append("\n" if _LINE_BREAK_TAG.match(t.content) else "")
        elif kind == "link_open":
            open_links.append((str(t.attrs.get("href") or ""), len(parts)))
        elif kind == "link_close" and open_links:
            url, start = open_links.pop()
            if url and not _IMAGE_URL.search(url):
                links.append((" ".join("".join(parts[start:]).split()), url))
    return tidy("".join(parts)), links


def bare_urls(text: str) -> list[tuple[str, str]]:
    """("", url) for each bare http(s) URL in text, without the punctuation that ends a sentence.

    >>> bare_urls("地址：https://github.com/THUDM/ChatGLM-6B。 (see http://x.org/a_(b)), http://")
    [('', 'https://github.com/THUDM/ChatGLM-6B'), ('', 'http://x.org/a_(b)')]
    """
    if "://" not in text:
        return []
    out = []
    for m in _BARE_URL.finditer(text):
        url = m.group().rstrip(".,;:!?*_~")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(".,;:!?")
        if len(url) > len("https://") and not _IMAGE_URL.search(url):
            out.append(("", url))
    return out


def tidy(text: str) -> str:
    """Text without ``{{...}}`` templates, its spaces and line breaks made single spaces.

    >>> tidy(" a\\n {{ site.url }}/b \\ue000 c ")
    'a /b c'
    """
    return " ".join(without_templates(text.replace(BREAK, " ")).split())


def without_templates(text: str) -> str:
    """Text without ``{{...}}`` (no ``}`` inside), as ``re.sub(r"\\{\\{[^}]*\\}\\}", "", text)`` but in one scan.

    >>> without_templates("a {{ x }} b {{{{ y }} c {{ z } }}")
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
