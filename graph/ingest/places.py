"""Where an organization is, read from English prose: "Shanghai-based MiniMax", "World Labs, a San Francisco
startup", "The Paris company", "has offices in Palo Alto and Tel Aviv", "was founded in Beijing in March 2023".

The rules see only the text and the spans of the organizations named in it, and return pairs of an
organization's span (or None: the organization the sentence goes on about, for the caller to find) and a
place's span.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

Span = tuple[int, int]

_PLACE = r"(?!(?:The|A|An|This|That|Its|Our|Their|In|On)\s)(?P<x>[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+)?)"
_MONTHS = (r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
           r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)")
_KIND = r"(?:(?:AI|tech|research|robotics|chip|software|model|video|search)\s+)?(?:start-?up|company|firm|lab|laboratory|unicorn|developer|maker)"
#: "Freiburg-based", "Paris-based": a place before an organization or a word for one
BASED = re.compile(r"(?<![\w\-])" + _MONTHS + _PLACE + r"-based\s+")
#: ", a San Francisco startup", "The Paris company": a place as the word before the kind of organization
KIND_AT = re.compile(r"\b(?P<art>a|an|the|The)\s+" + _MONTHS + _PLACE + r"\s+" + _KIND + r"\b")
#: "has offices in A and B", "headquartered in A", "was founded in Beijing"
IN_PLACES = re.compile(r"\b(?:(?:has|have|with|opened)\s+(?:an?\s+)?(?:offices?|headquarters|HQ|labs?)\s+in|headquartered\s+in|"
                       r"(?:was|were|is|are)\s+(?:founded|established|started|set\s+up)\s+in)\s+" + _MONTHS +
                       r"(?P<list>[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+)?(?:\s*(?:,|and|&)\s*[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+)?){0,4})")
#: adjectives of countries and peoples, which name no place ("a French start-up", "the Chinese company")
NATIONALITY = re.compile(r".*(?:ese|ish|ian|ean|can|ch|ic|i)$")
SENTENCE = re.compile(r"[.!?](?=\s+[A-Z\"(])")


def places_of(text: str, orgs: list[Span]) -> list[tuple[Span | None, Span]]:
    """(organization span or None, place span) for each place the text puts an organization in.

    >>> t = "Shanghai-based MiniMax released a model. World Labs, a San Francisco startup, has offices in Paris and Rome."
    >>> [(t[o[0]:o[1]] if o else None, t[p[0]:p[1]]) for o, p in places_of(t, [(15, 22), (41, 51)])]
    [('MiniMax', 'Shanghai'), ('World Labs', 'San Francisco'), ('World Labs', 'Paris'), ('World Labs', 'Rome')]
    """
    out: list[tuple[Span | None, Span]] = []
    starts = [0] + [m.end() for m in SENTENCE.finditer(text)]
    org_starts, org_ends, by_start = [o[0] for o in orgs], [o[1] for o in orgs], {o[0]: o for o in orgs}

    def sentence_of(pos: int) -> int:
        return starts[bisect_right(starts, pos) - 1]

    def subject(pos: int) -> tuple[bool, Span | None]:
        """Whether the sentence is about one organization, and which: the one it opens with, or None for a
        sentence that opens with "The …", "It …" (the caller's organization)."""
        lo = sentence_of(pos)
        k = bisect_left(org_starts, lo)
        first = orgs[k] if k < len(orgs) and orgs[k][0] < pos else None
        if first is not None and text[lo:first[0]].strip() == "":
            return True, first
        return bool(re.match(r"(?:The|This|That|It|Its|They)\b", text[lo:pos].lstrip())), None

    for m in BASED.finditer(text):
        place = m.span("x")
        after = by_start.get(m.end())
        if after is not None:
            out.append((after, place))  # "Shanghai-based MiniMax"
        elif re.match(_KIND, text[m.end():]) and (about := subject(m.start()))[0]:
            out.append((about[1], place))  # "The Freiburg-based startup"
    for m in KIND_AT.finditer(text):
        if NATIONALITY.fullmatch(m.group("x")):
            continue
        before = text[:m.start()].rstrip()
        k = bisect_right(org_ends, m.start()) - 1
        prev = orgs[k] if k >= 0 else None
        if before.endswith(",") and prev is not None and text[prev[1]:m.start()].strip() == ",":
            out.append((prev, m.span("x")))  # "World Labs, a San Francisco startup"
        elif m.group("art") == "The" and text[sentence_of(m.start()):m.start()].strip() == "":
            out.append((None, m.span("x")))  # "The Paris company raised …"
    for m in IN_PLACES.finditer(text):
        ok, org = subject(m.start())
        if not ok:
            continue
        at = m.start("list")
        for p in re.finditer(r"[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+)?", m.group("list")):
            out.append((org, (at + p.start(), at + p.end())))
    return out
