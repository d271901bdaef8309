"""The entries of a list of references, in the styles surveys use, and the citations ("[12]") that point to them.

IEEE:      [12] H. Touvron, T. Lavril, and G. Izacard, "LLaMA: Open and efficient …," arXiv:2302.13971, 2023.
APA:       Touvron, H., Lavril, T., & Izacard, G. (2023). LLaMA: Open and efficient …. arXiv preprint arXiv:2302.13971.
ACL:       Hugo Touvron, Thibaut Lavril, and Gautier Izacard. 2023. LLaMA: Open and efficient …. arXiv preprint …

>>> r = parse_reference('[12] H. Touvron, T. Lavril, G. Izacard et al., "LLaMA: Open and efficient foundation language '
...                     'models," arXiv:2302.13971, 2023.')
>>> r.number, r.authors, r.title, r.arxiv, r.year
('12', ['H. Touvron', 'T. Lavril', 'G. Izacard'], 'LLaMA: Open and efficient foundation language models', '2302.13971', '2023')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: where an entry starts in a run of entries: "[12] ", "12. " at the start or after the end of another
ENTRY_START = re.compile(r"(?:^|(?<=\s))(?=\[\d{1,4}\]\s)")
NUMBER = re.compile(r"\s*\[(?P<n>\d{1,4})\]\s*|\s*(?P<n2>\d{1,4})\.\s+(?=[A-Z])")
QUOTED = re.compile(r"[\"“”„](?P<t>[^\"“”]{8,400}?)[,.]?[\"“”]")
ARXIV = re.compile(r"arXiv[:\s]*(?:preprint\s+arXiv:)?\s*(?P<id>\d{4}\.\d{4,5})(?:v\d+)?", re.I)
DOI = re.compile(r"\b(?:doi:\s*|https?://doi\.org/)(?P<doi>10\.\d{4,9}/[^\s,;]+[^\s,;.])", re.I)
YEAR = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?!\d)(?!\.\d)")
#: one author: "H. Touvron", "M. E. Peters", "C. Ré", "Hugo Touvron", "Touvron, H."
INITIALS_FIRST = re.compile(r"(?:[A-Z][a-z]?\.(?:\s?-?[A-Z][a-z]?\.)*\s)(?:(?:de|van|von|der|da|di|le|la)\s)?[A-Z][\w'’\-À-ÿ]+")
FULL_NAME = re.compile(r"[A-Z][\w'’\-À-ÿ]+(?:\s(?:[A-Z]\.|(?:de|van|von|der|da|di|le|la)|[A-Z][\w'’\-À-ÿ]+)){1,3}")
SURNAME_FIRST = re.compile(r"(?P<s>[A-Z][\w'’\-À-ÿ]+(?:\s[A-Z][\w'’\-À-ÿ]+)?),\s(?P<i>[A-Z]\.(?:\s?-?[A-Z]\.)*)")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\band\b|&)\s*")
_ET_AL = re.compile(r",?\s*et\s+al\.?", re.I)


@dataclass
class Reference:
    """One entry: its number, authors (as written), title, venue, year and identifiers."""

    number: str | None
    authors: list[str] = field(default_factory=list)
    title: str = ""
    venue: str | None = None
    year: str | None = None
    arxiv: str | None = None
    doi: str | None = None


def entries(text: str) -> list[str]:
    """The entries of a block of references, one per "[n] …" (or the block itself).

    >>> entries("[1] A. B, \\"A title here,\\" 2020. [2] C. D, \\"Another title,\\" 2021.")
    ['[1] A. B, "A title here," 2020.', '[2] C. D, "Another title," 2021.']
    """
    cuts = [m.start() for m in ENTRY_START.finditer(text)]
    if len(cuts) < 2:
        return [text.strip()] if text.strip() else []
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(text)]) if text[a:b].strip()]


def _authors(text: str) -> list[str]:
    text = _ET_AL.sub("", text).strip().rstrip(",")
    swapped = list(SURNAME_FIRST.finditer(text))
    if swapped and swapped[0].start() == 0:  # APA: "Touvron, H., Lavril, T., & Izacard, G."
        return [f"{m.group('i')} {m.group('s')}" for m in swapped]
    out = []
    for part in _AUTHOR_SPLIT.split(text):
        part = part.strip()
        part = part.rstrip(".") if not re.search(r"\b[A-Z]\.$", part) else part
        if INITIALS_FIRST.fullmatch(part) or FULL_NAME.fullmatch(part):
            out.append(part)
        elif part:
            return []  # not a list of names
    return out


def parse_reference(text: str) -> Reference | None:
    """One entry of a list of references, or None when it does not read as one."""
    m = NUMBER.match(text)
    number = (m.group("n") or m.group("n2")) if m else None
    body = text[m.end():] if m else text
    ref = Reference(number)
    arxiv, doi = ARXIV.search(body), DOI.search(body)
    ref.arxiv = arxiv.group("id") if arxiv else None
    ref.doi = doi.group("doi") if doi else None
    q = QUOTED.search(body)
    if q:  # IEEE: authors, "title," venue, year
        ref.authors = _authors(body[:q.start()])
        ref.title = q.group("t").strip().rstrip(",.")
        rest = body[q.end():]
    else:
        y = re.search(r"\s\(?(?P<y>(?:19|20)\d{2})[a-z]?\)?\.\s", body)  # APA "(2023). ", ACL ". 2023. "
        if not y:
            return None
        ref.authors = _authors(body[:y.start()])
        after = body[y.end():]
        t = re.match(r"(?P<t>.{8,400}?[^A-Z\s])\.\s", after + " ")
        if not t:
            return None
        ref.title = t.group("t").strip()
        rest = after[t.end():]
        ref.year = y.group("y")
    years = YEAR.findall(rest)
    ref.year = ref.year or (years[-1] if years else None)
    venue = re.sub(ARXIV.pattern, "", rest, flags=re.I)
    venue = re.sub(r"^\s*(?:in\s+(?:Proc(?:eedings)?\.?\s+(?:of\s+)?(?:the\s+)?)?)?", "", venue.strip(" ,."), flags=re.I)
    venue = re.split(r",\s*(?:pp\.|pages|vol\.|volume|no\.|(?:19|20)\d{2})", venue)[0].strip(" ,.")
    ref.venue = venue if venue and not re.fullmatch(r"(?:arXiv\s*)?(?:preprint)?|(?:19|20)\d{2}", venue, re.I) else None
    if not ref.title or not (ref.authors or ref.arxiv or ref.doi):
        return None
    return ref


#: "[12]", "[4, 7]", "[3]–[5]" right after a name: the entries that introduce it
CITATION = re.compile(r"\s?\[(?P<ns>\d{1,4}(?:\s*[,–-]\s*\d{1,4}){0,6})\]")


def cited_numbers(text: str, at: int) -> list[str]:
    """The numbers of the entries cited right at ``at`` ("LLaMA [12]", "[4, 7]"), or [].

    >>> t = "LLaMA [12] and FlashAttention [7, 9]"
    >>> cited_numbers(t, 5), cited_numbers(t, 29), cited_numbers(t, 0)
    (['12'], ['7', '9'], [])
    """
    m = CITATION.match(text, at)
    if not m:
        return []
    out: list[str] = []
    for part in re.split(r"\s*,\s*", m.group("ns")):
        lo, _, hi = part.partition("–") if "–" in part else part.partition("-")
        if hi and lo.isdigit() and hi.isdigit() and 0 < int(hi) - int(lo) < 10:
            out += [str(n) for n in range(int(lo), int(hi) + 1)]
        elif lo.isdigit():
            out.append(lo)
    return out
