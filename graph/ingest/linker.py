"""Known entities, found in text by any label or alias, in either language.

Names are compared after normalizing case, width, spaces, hyphens and dots
("ChatGLM-6b" is ChatGLM-6B, "Hugging face" is Hugging Face). A name with a
size suffix that is not known itself ("Llama-7B") is a variant of the entity
without the suffix. URLs and GitHub owners link too.

Finding the names takes time linear in the text: in the pattern of a name, a
run of spaces and hyphens is one part that cannot split a run of the text in
several ways, and a name never begins with a space. All names are looked for
as one alternation would find them (leftmost, longest name first), but at each
place only the names that can begin with its character are tried.

>>> from graph.records.model import Record
>>> lk = Linker([Record("chatglm-6b", "https://w3id.org/aiekg/vocab#LanguageModel", "d.yaml", 1, {"en": "ChatGLM-6B"}),
...              Record("llama", "https://w3id.org/aiekg/vocab#LanguageModel", "d.yaml", 2, {"en": "LLaMA"})])
>>> lk.link("ChatGLM-6b"), lk.variant("Llama-7B")
('chatglm-6b', ('llama', '7B'))
>>> [(m.id, m.text) for m in lk.mentions("我们用 LLaMA 和 chatglm-6B 做了实验")]
[('llama', 'LLaMA'), ('chatglm-6b', 'chatglm-6B')]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator
from urllib.parse import urlsplit

from graph.namespaces import VOCAB
from graph.records.model import Record
from graph.vocabulary import Vocabulary, load_vocabulary

# "NAME 7B": matched on the reversed name, from its end, so that a long name is read once
# (the same as ^(.*?)[\s_-]*(\d+(?:\.\d+)?\s*[bmkt])$ on the name itself, which is quadratic in its length).
_SIZE_REVERSED = re.compile(r"([bmkt]\s*(?:\d+\.)?\d+)[\s_-]*", re.I)
_SEPARATOR = re.compile(r"([ -]+)")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
#: What follows a model's name when another version is meant: "Llama 2", "GPT-3.5", "ChatGLM v2" (not a size,
#: a year or a date: "LLaMA-7B" is a variant, "OpenAI 2020年" the organization)
_VERSION_AFTER = re.compile(r"[ \-]?[vV]?\d{1,2}(?:\.\d{1,3})?(?![\d.]|\s*(?:[bmktBMKT](?![a-zA-Z])|年|月|日|亿|万|%))")
_VERSION_TAIL = re.compile(r"(?P<head>.*?)[ \-]?[vV]?\d{1,2}(?:\.\d{1,3})?$")


_POINT_ZERO = re.compile(r"(?<=\d)\.0$")
_PLURAL = re.compile(r"(?<=[a-z]{4}[^s])s$")


def _loose(name: str) -> str:
    """Another spelling of a name that is not found as written: a version "2.0" is "2", a plural its singular.

    >>> _loose("GPT 2.0"), _loose("Transformers"), _loose("Switch Transformers"), _loose("Bass")
    ('GPT 2', 'Transformer', 'Switch Transformer', 'Bass')
    """
    s = name.strip()
    out = _POINT_ZERO.sub("", s)
    if out == s and " " not in s:
        out = _PLURAL.sub("", s)
    elif out == s:
        out = _PLURAL.sub("", s)
    return out


_FOLDED = re.compile(r"[\s\-_.·'\"“”‘’「」《》()（）]+")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Case, width, spaces, hyphens, dots and quotes folded away.

    >>> normalize("Hugging  Face"), normalize("ＧＰＴ－３")
    ('huggingface', 'gpt3')
    """
    return _FOLDED.sub("", unicodedata.normalize("NFKC", name).lower())


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
        self._links: dict[str, str | None] = {}
        self._types: dict[tuple[str, str], bool] = {}
        self._pattern = Names(surface) if surface else None
        no_sources = [n for n, i in surface.items() if not self.is_a(i, "Source")]
        self._pattern_no_sources = Names(no_sources) if no_sources else None

    def type_of(self, rid: str) -> str:
        """The record type name of a known id."""
        return self.vocab.type_name(self.records[rid].type) if rid in self.records else ""

    def is_a(self, rid: str, type_name: str) -> bool:
        """Whether a known id is of the type (or a subtype)."""
        known = self._types.get((rid, type_name))
        if known is None:
            r = self.records.get(rid)
            known = self._types[(rid, type_name)] = bool(r) and self.vocab.is_a(r.type, VOCAB + type_name)
        return known

    def _best(self, ids: list[str]) -> str:
        """Among entities sharing a name, prefer one that is not a source document."""
        return sorted(ids, key=lambda i: (self.is_a(i, "Source"), i))[0]

    def link(self, name: str) -> str | None:
        """The id of a known entity with this name, or None."""
        if name in self._links:
            return self._links[name]
        ids = self.by_name.get(normalize(name))
        if not ids:
            ids = [i for i in self.by_name.get(normalize(_loose(name)) or "\0", []) if not self.is_a(i, "Organization")]
        rid = self._links[name] = self._best(ids) if ids else None
        return rid

    def variant(self, name: str) -> tuple[str, str] | None:
        """(id, size) when the name is a known entity's name plus a size suffix such as 7B."""
        split = size_suffix(name.strip())
        if not split or not split[0]:
            return None
        base = self.link(split[0])
        return (base, split[1].upper().replace(" ", "")) if base else None

    def link_url(self, url: str, prefer_source: bool = False) -> str | None:
        """The known entity whose URL (homepage, repository, ...) this is; a source document first if asked."""
        ids = self.by_url.get(url_key(url))
        if not ids:
            return None
        return sorted(ids, key=lambda i: (self.is_a(i, "Source") != prefer_source, i))[0]

    def github_owner(self, url: str) -> str | None:
        """The known organization or person owning a github.com URL."""
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. "http://[oops": no URL, so no owner
            return None
        if parts.netloc.lower().removeprefix("www.") != "github.com":
            return None
        segs = [s for s in parts.path.split("/") if s]
        return self.by_github.get(segs[0].lower()) if segs else None

    def mentions(self, text: str, sources: bool = True, versions: list[Mention] | None = None) -> list[Mention]:
        """Known entities named in the text, longest names first, left to right (without sources if asked).

        A known model's name followed by another version number is left out (added to ``versions``, if given,
        with the version in its text and the family as its id).
        """
        pattern = self._pattern if sources else self._pattern_no_sources
        if not pattern or not text:
            return []
        out = []
        for m in pattern.finditer(text):
            rid = self.link(m.group())
            if rid and self.versioned(rid, text, m.end()):
                if versions is not None:
                    v = _VERSION_AFTER.match(text, m.end())
                    versions.append(Mention(rid, m.start(), v.end(), text[m.start():v.end()]))
                continue  # "Llama 2" is not LLaMA: a new entity, a version of it (see version_family)
            if rid:
                out.append(Mention(rid, m.start(), m.end(), m.group()))
                for inner in self._parts(m.group(), rid):
                    out.append(Mention(inner, m.start(), m.start() + len(m.group()), m.group()))
        return out

    def versioned(self, rid: str, text: str, end: int) -> bool:
        """Whether a model's (or software's) name is followed by another version number.

        >>> from graph.records.model import Record
        >>> lk = Linker([Record("llama", "https://w3id.org/aiekg/vocab#LanguageModel", "d.yaml", 1, {"en": "LLaMA"})])
        >>> [m.text for m in lk.mentions("Llama 2, LLaMA-7B, LLaMA 模型, LLaMA 2023年")]
        ['LLaMA', 'LLaMA', 'LLaMA']
        """
        if self.is_a(rid, "Organization") or self.is_a(rid, "Person") or self.is_a(rid, "Place"):
            return False
        return bool(_VERSION_AFTER.match(text, end))

    def version_family(self, name: str) -> str | None:
        """The known entity a name is another version of: "Llama 2" of LLaMA, "GPT-4" of GPT (never of itself).

        >>> from graph.records.model import Record
        >>> lk = Linker([Record("llama", "https://w3id.org/aiekg/vocab#LanguageModel", "d.yaml", 1, {"en": "LLaMA"})])
        >>> lk.version_family("Llama 2"), lk.version_family("LLaMA"), lk.version_family("Llama-2-7B")
        ('llama', None, 'llama')
        """
        split = size_suffix(name.strip())
        name = split[0].strip(" -_") if split and split[0].strip(" -_") else name.strip()
        if self.link(name):
            return None
        m = _VERSION_TAIL.match(name)
        head = m.group("head").strip(" -_") if m else ""
        rid = self.link(head) if head else None
        return rid if rid and any(self.is_a(rid, t) for t in ("Model", "ModelFamily", "Software", "Dataset")) else None

    def _parts(self, name: str, rid: str) -> list[str]:
        """Known organizations whose name begins a longer name ("清华大学 KEG 实验室" names 清华大学 too)."""
        if not self.is_a(rid, "Organization") and not self.is_a(rid, "Service") and not self.is_a(rid, "Software"):
            return []
        out = []
        for cut in range(2, len(name) - 1):
            if name[cut] == " " and name[cut - 1] == " " and cut > 2:  # the same head as the cut before
                continue
            head = name[:cut].strip()
            other = self.link(head) if name[cut:cut + 1] in (" ", "") or re.match(r"[\u4e00-\u9fff]", name[cut:cut + 1]) else None
            if other and other != rid and self.is_a(other, "Organization"):
                out.append(other)
                break
        return out


class Names:
    """Names found in a text as ``re.compile("|".join(patterns), re.I).finditer`` would find them, faster.

    The alternation tries each of its names at each place of the text; here a first pass finds
    the places where some name can begin (its first character, not after a letter or digit if the
    name begins with one), and only the names that begin with that character are tried there,
    in the same order.

    >>> [m.group() for m in Names(["GPT-4", "GPT", "清华大学"]).finditer("gpt 4 and GPT4, xGPT, 清华大学")]
    ['gpt 4', 'GPT4', '清华大学']
    """

    def __init__(self, names: list[str]):
        self.parts: list[tuple[str, str]] = []  # (first character, pattern), longest names first
        after_word, anywhere = set(), set()
        general = False
        for name in sorted(names, key=lambda s: (-len(s), s)):
            left = r"(?<![A-Za-z0-9])" if _ASCII_WORD.match(name[0]) else ""
            right = r"(?![A-Za-z0-9])" if _ASCII_WORD.match(name[-1]) else ""
            first = name.strip(" ")[:1]
            general = general or first in ("", "-")  # a pattern that may begin with nothing or a space
            (after_word if left else anywhere).add(first)
            self.parts.append((first, left + name_pattern(name) + right))
        starts = []
        if after_word:
            starts.append(r"(?<![A-Za-z0-9])(?i:[%s])" % re.escape("".join(sorted(after_word))))
        if anywhere:
            starts.append(r"(?i:[%s])" % re.escape("".join(sorted(anywhere))))
        self.starts = None if general else re.compile("|".join(starts))
        self.by_char: dict[str, re.Pattern | None] = {}

    def _at(self, char: str) -> re.Pattern | None:
        """The alternation of the names whose first character matches this one (ignoring case)."""
        if char not in self.by_char:
            parts = [p for first, p in self.parts if re.match("(?i:" + re.escape(first) + ")", char)]
            self.by_char[char] = re.compile("|".join(parts), re.I) if parts else None
        return self.by_char[char]

    def finditer(self, text: str) -> Iterator[re.Match]:
        if self.starts is None:  # some name may begin anywhere: the one alternation of them all
            yield from re.compile("|".join(p for _, p in self.parts), re.I).finditer(text)
            return
        pos = 0
        while True:
            start = self.starts.search(text, pos)
            if start is None:
                return
            here = start.start()
            names = self._at(text[here])
            m = names.match(text, here) if names else None
            if m:
                yield m
                pos = m.end()
            else:
                pos = here + 1


def name_pattern(name: str) -> str:
    """The pattern of a name: a space in it matches any spaces, a hyphen a hyphen, a space or nothing.

    A run of spaces and hyphens becomes one part that matches what the run's parts would
    (any spaces with at most as many hyphens), so that a run of spaces in the text is not split
    between them in every possible way; leading and trailing spaces are left out.

    >>> print(name_pattern("GPT-4"), name_pattern("Hugging  Face"), name_pattern(" A - B "))
    GPT[-\\s]{0,1}4 Hugging\\s*Face A\\s*(?:-\\s*){0,1}B
    """
    out = []
    for i, piece in enumerate(_SEPARATOR.split(name.strip(" "))):
        if i % 2 == 0:
            out.append(re.escape(piece))
        elif " " in piece:
            hyphens = piece.count("-")
            out.append(r"\s*" + (r"(?:-\s*){0,%d}" % hyphens if hyphens else ""))
        else:
            out.append(r"[-\s]{0,%d}" % len(piece))
    return "".join(out)


def size_suffix(name: str) -> tuple[str, str] | None:
    """(name, size) of a name that ends in a size such as 7B or 1.5 t, or None.

    >>> size_suffix("Llama-7B"), size_suffix("Orca 1.5 b"), size_suffix("GPT")
    (('Llama', '7B'), ('Orca', '1.5 b'), None)
    """
    rev = name[::-1]
    m = _SIZE_REVERSED.match(rev)
    head = rev[m.end():][::-1] if m else ""
    if not m or "\n" in head:  # as "." would not match a newline
        return None
    return head, m.group(1)[::-1]
