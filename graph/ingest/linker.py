"""Known entities, found in text by any label or alias, in either language.

Names are compared after normalizing case, width, spaces, hyphens and dots
("ChatGLM-6b" is ChatGLM-6B, "Hugging face" is Hugging Face). A name with a
size suffix that is not known itself ("Llama-7B") is a variant of the entity
without the suffix. URLs and GitHub owners link too.

>>> from graph.records import Record
>>> lk = Linker([Record("chatglm-6b", "https://w3id.org/aikg/vocab#LanguageModel", "d.yaml", 1, {"en": "ChatGLM-6B"}),
...              Record("llama", "https://w3id.org/aikg/vocab#LanguageModel", "d.yaml", 2, {"en": "LLaMA"})])
>>> lk.link("ChatGLM-6b"), lk.variant("Llama-7B")
('chatglm-6b', ('llama', '7B'))
>>> [(m.id, m.text) for m in lk.mentions("我们用 LLaMA 和 chatglm-6B 做了实验")]
[('llama', 'LLaMA'), ('chatglm-6b', 'chatglm-6B')]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from graph.namespaces import VOCAB
from graph.records import Record
from graph.vocabulary import Vocabulary, load_vocabulary

_SIZE = re.compile(r"^(.*?)[\s_-]*(\d+(?:\.\d+)?\s*[bmkt])$", re.I)
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def normalize(name: str) -> str:
    """Case, width, spaces, hyphens, dots and quotes folded away.

    >>> normalize("Hugging  Face"), normalize("ＧＰＴ－３")
    ('huggingface', 'gpt3')
    """
    s = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[\s\-_.·'\"“”‘’「」《》()（）]+", "", s)


def url_key(url: str) -> str:
    """A URL without scheme, www., trailing slash and fragment, lowercased host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return host + path + (("?" + parts.query) if parts.query else "")


@dataclass(frozen=True)
class Mention:
    """A known entity named in a text, with where."""

    id: str
    start: int
    end: int
    text: str


class Linker:
    """An index of known entities by name, URL and GitHub owner."""

    def __init__(self, records: list[Record], vocab: Vocabulary | None = None):
        self.vocab = vocab or load_vocabulary()
        self.records = {r.id: r for r in records if not r.extends}
        self.by_name: dict[str, list[str]] = {}
        self.by_url: dict[str, list[str]] = {}
        self.by_github: dict[str, str] = {}
        surface: dict[str, str] = {}
        for r in self.records.values():
            names = list(r.labels.values()) + [a for _, a in r.aliases]
            for name in names:
                if len(normalize(name)) < 2:
                    continue
                ids = self.by_name.setdefault(normalize(name), [])
                if r.id not in ids:
                    ids.append(r.id)
                surface.setdefault(name, r.id)
            for f in r.facts:
                if f.key in ("url", "homepage", "repository", "documentation") and isinstance(f.value, str):
                    ids = self.by_url.setdefault(url_key(f.value), [])
                    if r.id not in ids:
                        ids.append(r.id)
                if f.key == "github":
                    self.by_github.setdefault(f.value.lower(), r.id)
        self._pattern = self._compile(surface)
        self._pattern_no_sources = self._compile({n: i for n, i in surface.items() if not self.is_a(i, "Source")})

    @staticmethod
    def _compile(surface: dict[str, str]):
        parts = []
        for name in sorted(surface, key=lambda s: (-len(s), s)):
            body = re.escape(name).replace(r"\ ", r"\s*").replace(r"\-", r"[-\s]?")
            left = r"(?<![A-Za-z0-9])" if _ASCII_WORD.match(name[0]) else ""
            right = r"(?![A-Za-z0-9])" if _ASCII_WORD.match(name[-1]) else ""
            parts.append(left + body + right)
        return re.compile("|".join(parts), re.I) if parts else None

    def type_of(self, rid: str) -> str:
        """The record type name of a known id."""
        return self.vocab.type_name(self.records[rid].type) if rid in self.records else ""

    def is_a(self, rid: str, type_name: str) -> bool:
        """Whether a known id is of the type (or a subtype)."""
        r = self.records.get(rid)
        return bool(r) and self.vocab.is_a(r.type, VOCAB + type_name)

    def _best(self, ids: list[str]) -> str:
        """Among entities sharing a name, prefer one that is not a source document."""
        return sorted(ids, key=lambda i: (self.is_a(i, "Source"), i))[0]

    def link(self, name: str) -> str | None:
        """The id of a known entity with this name, or None."""
        ids = self.by_name.get(normalize(name))
        return self._best(ids) if ids else None

    def variant(self, name: str) -> tuple[str, str] | None:
        """(id, size) when the name is a known entity's name plus a size suffix such as 7B."""
        m = _SIZE.match(name.strip())
        if not m or not m.group(1):
            return None
        base = self.link(m.group(1))
        return (base, m.group(2).upper().replace(" ", "")) if base else None

    def link_url(self, url: str, prefer_source: bool = False) -> str | None:
        """The known entity whose URL (homepage, repository, ...) this is; a source document first if asked."""
        ids = self.by_url.get(url_key(url))
        if not ids:
            return None
        return sorted(ids, key=lambda i: (self.is_a(i, "Source") != prefer_source, i))[0]

    def github_owner(self, url: str) -> str | None:
        """The known organization or person owning a github.com URL."""
        parts = urlsplit(url)
        if parts.netloc.lower().removeprefix("www.") != "github.com":
            return None
        segs = [s for s in parts.path.split("/") if s]
        return self.by_github.get(segs[0].lower()) if segs else None

    def mentions(self, text: str, sources: bool = True) -> list[Mention]:
        """Known entities named in the text, longest names first, left to right (without sources if asked)."""
        pattern = self._pattern if sources else self._pattern_no_sources
        if not pattern or not text:
            return []
        out = []
        for m in pattern.finditer(text):
            rid = self.link(m.group())
            if rid:
                out.append(Mention(rid, m.start(), m.end(), m.group()))
                for inner in self._parts(m.group(), rid):
                    out.append(Mention(inner, m.start(), m.start() + len(m.group()), m.group()))
        return out

    def _parts(self, name: str, rid: str) -> list[str]:
        """Known organizations whose name begins a longer name ("清华大学 KEG 实验室" names 清华大学 too)."""
        if not self.is_a(rid, "Organization") and not self.is_a(rid, "Service") and not self.is_a(rid, "Software"):
            return []
        out = []
        for cut in range(2, len(name) - 1):
            head = name[:cut].strip()
            other = self.link(head) if name[cut:cut + 1] in (" ", "") or re.match(r"[\u4e00-\u9fff]", name[cut:cut + 1]) else None
            if other and other != rid and self.is_a(other, "Organization"):
                out.append(other)
                break
        return out
