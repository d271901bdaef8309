"""What a new name is, from its address, the words after it, its section or its title.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from graph.ingest.markdown import Block
from graph.ingest.patterns import (
    GENERIC_HEADINGS, HEADING_NUMBER, PAPER_LIKE, SECTION_TYPES, WORD_TYPES, is_category, kind_type)

@lru_cache(maxsize=4096)
def _category(heading: str) -> str | None:
    return next((t for rx, t in SECTION_TYPES if rx.search(heading)), None)
@lru_cache(maxsize=4096)
def _vendor_name(heading: str) -> tuple[str, ...]:
    name = HEADING_NUMBER.sub("", heading).strip()
    if is_category(name) or GENERIC_HEADINGS.match(name):
        return ()
    parts = [p.strip() for p in re.split(r"\s*(?:/|&|、|\band\b|,|，|和|与)\s*", name) if p.strip()]
    ok = [p for p in parts if re.fullmatch(r"[\u4e00-\u9fff]{2,10}|[A-Z][\w&.\-]{1,30}(?:\s[A-Z][\w&.\-]{1,30}){0,3}", p)
          and not re.search(r"\d|系列|家族|family|series", p, re.I)]
    return tuple(ok) if len(ok) == len(parts) else ()
@lru_cache(maxsize=4096)
def _section_type(section: tuple[str, ...]) -> str | None:
    """The type of the items of a section (see :meth:`Extraction.type_from_section`), once per section."""
    for i in range(len(section) - 1, -1, -1):
        heading = HEADING_NUMBER.sub("", section[i]).strip()
        if not is_category(heading) and len(heading.split()) > 3:
            continue  # "Frontier model tracker, by lab" is a title, not a category
        if not is_category(heading) and re.fullmatch(r"(?:[A-Z][\w&.\-]*\s)+(?:Labs?|Cloud|Research|AI|Inc\.?)", heading):
            continue  # "Zeta Labs", "Alibaba Cloud": a name with a category's word, not a category
        t = _category(section[i])
        if t and not (i and _vendor_name(section[i]) and _category(section[i - 1]) in ("Model", "LanguageModel")):
            return t
    return None
#: Hosts of papers
PAPER_HOSTS = ("arxiv.org", "doi.org", "aclanthology.org", "openreview.net", "papers.nips.cc", "proceedings.neurips.cc",
               "proceedings.mlr.press")


class EntityTypes:
    """What a new name is, from its address, the words after it, its section or its title."""

    @staticmethod
    def type_from_url(url: str) -> str | None:
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        host = parts.netloc.lower().removeprefix("www.")
        segs = [s for s in parts.path.split("/") if s]
        if host.endswith("arxiv.org") or host in PAPER_HOSTS or (host == "jmlr.org" and segs[:1] == ["papers"]):
            return "Paper"
        if host == "huggingface.co":
            if segs[:1] == ["datasets"]:
                return "Dataset"
            if segs[:1] == ["spaces"]:
                return "Software"
            return "LanguageModel" if len(segs) >= 2 else "Company"
        if host in ("github.com", "gitlab.com", "gitee.com"):
            return "Software" if len(segs) >= 2 else "Organization"
        if host.endswith("readthedocs.io") or host == "pypi.org":
            return "Software"
        if host in ("youtube.com", "youtu.be", "bilibili.com", "vimeo.com"):
            return "Video"
        return None

    @staticmethod
    def type_from_words(text: str, after: int) -> str | None:
        rest = text[after:after + 12] if after >= 0 else ""
        return next((t for rx, t in WORD_TYPES if rx.match(rest)), None)

    def type_from_section(self, block: Block) -> str | None:
        """The type of the items of a section, from the nearest heading that names a category; a heading naming
        the maker of a category's items ("## VLM / ### Alibaba Cloud") is no category.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> ex = Extraction(parse_markdown("## VLM\\n### Alibaba Cloud\\n- Qwen-VL"), Linker([]))
        >>> ex.type_from_section(ex.doc.blocks[2])
        'Model'
        """
        return _section_type(tuple(block.section))

    @staticmethod
    def category(heading: str) -> str | None:
        """The type a heading names as a category ("数据集" Dataset, "Audio" Model), or None."""
        return _category(heading)

    @staticmethod
    def vendor_name(heading: str) -> list[str]:
        """The names of the organizations a short heading could be ("Zhipu AI / Tsinghua": both), or []."""
        return list(_vendor_name(heading))

    @staticmethod
    def type_from_is_a(lead: re.Match) -> str | None:
        """The type "X is a French start-up" gives X."""
        what = lead.groupdict().get("what")
        return kind_type(what) if what else None

    @staticmethod
    def type_from_title(name: str) -> str | None:
        """Paper, for a name that reads as a paper's title ("… Technical Report", "Towards …")."""
        return "Paper" if len(name) >= 12 and PAPER_LIKE.search(name) else None
