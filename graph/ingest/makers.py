"""Who made a thing, read from the brackets after its name in a list item:

    - **SWE-bench** (Princeton: Carlos E. Jimenez, John Yang, Ofir Press; ICLR 2024)
    - **TruthfulQA** (Stephanie Lin and Owain Evans of the University of Oxford, Jacob Hilton of OpenAI; ACL 2022)
    - **LiveCodeBench** (UC Berkeley, MIT and Cornell, March 2024)

The brackets hold makers (organizations and people), where the people work ("of ORG", "ORG: people") and a date
or venue. Anything else in them ("7B and 13B", "MoE", "see below") means they hold no makers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: a date or a venue with a year: "2021", "Nov 2023", "13 Aug 2024", "ICLR 2024", "NeurIPS 2023 Datasets and Benchmarks"
DATE_OR_VENUE = re.compile(r"(?:\d{1,2}\s+)?" + _MONTH + r"\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2}|(?:19|20)\d{2}(?:[-/.]\d{1,2}){0,2}|"
                           r"(?:[A-Z][A-Za-z]*\s){0,2}[A-Z][A-Za-z\-]*\s+(?:'|’)?(?:19|20)?\d{2}(?:\s+[A-Z][\w ]{0,40})?|"
                           r"(?:arXiv|preprint|[Pp]reprint)(?:\s+(?:19|20)\d{2})?")
_TRAILING_DATE = re.compile(r"(?:,\s*|\s+)(?P<d>" + DATE_OR_VENUE.pattern + r")$")
#: words that end a list of makers without being one: "and colleagues", "et al.", "with the SWE-bench authors"
_FILLER = re.compile(r"\s*(?:,?\s*(?:and|&)\s+(?:colleagues|others|collaborators|co-?authors|friends)|\bet\s+al\.?|"
                     r"\s+with\s+(?:the\s+)?[\w\- ]{1,30}\s+(?:authors|team|community))\s*$", re.I)
_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&|/)\s*")
#: a person's name: two to four capitalised words, a middle initial allowed ("Samuel R. Bowman")
PERSON = re.compile(r"[A-Z][a-zà-öø-ÿ'\-]+(?:\s(?:[A-Z]\.|(?:de|van|von|der|da|di|le|la)|[A-Z][a-zà-öø-ÿ'\-]+)){1,3}")
#: a name (an organization's or a person's): capitalised words, digits and a few signs
NAME = re.compile(r"(?:the\s+)?(?P<n>[A-Z0-9][\w.&'’\-]*(?:\s(?:of\s|for\s|and\s(?=[A-Z][a-z]+\s(?:Lab|Institute|Research)))?"
                  r"[A-Z0-9][\w.&'’\-]*){0,5})")
_CAPS = re.compile(r"\b[A-Z]{2,}\b")
#: capitalised words alone in brackets that name no maker ("(Chinese)", "(Beta)")
NOT_MAKERS = frozenset("""Chinese English French German Japanese Korean Multilingual Bilingual Beta Alpha Preview Deprecated
Archived Official Unofficial Paper Code Demo Blog Docs Website Dataset Model Models Open Closed Base Chat Instruct New Old
Update Updated Pending TBD TODO WIP Draft Note Optional Recommended Experimental Stable Legacy CEO CTO COO CFO CSO
President Chair Chairman Founder Co-founder Cofounder Intern Advisor Professor""".split())


@dataclass
class Makers:
    """What the brackets say: each maker's name and whether a person, who works where, and a date or venue."""

    names: list[tuple[str, bool]] = field(default_factory=list)  # (name, is a person)
    ties: list[tuple[str, str]] = field(default_factory=list)  # (person, organization)
    date: str | None = None


def is_person(name: str) -> bool:
    """Whether a name reads as a person's ("Samuel R. Bowman"), not an organization's ("UC Berkeley", "UT Austin").

    >>> is_person("Samuel R. Bowman"), is_person("UC Berkeley"), is_person("Stanford University")
    (True, False, False)
    """
    return bool(PERSON.fullmatch(name)) and not _CAPS.search(name) and \
        not re.search(r"\b(?:University|Institute|Lab|Labs|Research|AI|Inc|Corp|College|School|Academy|Center|Centre|"
                      r"Foundation|Group|Team|Brain|Cloud|Technologies|Capital|Ventures)\b", name)


def makers_in_brackets(inner: str) -> Makers | None:
    """The makers the text inside brackets names, or None when it is not a list of makers.

    >>> m = makers_in_brackets("Stephanie Lin and Owain Evans of the University of Oxford, Jacob Hilton of OpenAI; ACL 2022")
    >>> m.names, m.ties, m.date
    ([('Stephanie Lin', True), ('Owain Evans', True), ('University of Oxford', False), ('Jacob Hilton', True), ('OpenAI', False)], [('Stephanie Lin', 'University of Oxford'), ('Owain Evans', 'University of Oxford'), ('Jacob Hilton', 'OpenAI')], 'ACL 2022')
    >>> makers_in_brackets("Princeton: Carlos E. Jimenez, John Yang; ICLR 2024").ties
    [('Carlos E. Jimenez', 'Princeton'), ('John Yang', 'Princeton')]
    >>> makers_in_brackets("7B and 13B") is None, makers_in_brackets("see below") is None
    (True, True)
    """
    if len(inner) > 400 or not inner.strip():
        return None
    out = Makers()
    for part in re.split(r"\s*;\s*", inner.strip()):
        part = part.strip().rstrip(".")
        if not part:
            continue
        if DATE_OR_VENUE.fullmatch(part):
            out.date = out.date or part
            continue
        trailing = _TRAILING_DATE.search(part)
        if trailing and trailing.start() > 0:
            out.date = out.date or trailing.group("d")
            part = part[:trailing.start()].strip()
        cited = bool(re.search(r"\bet\s+al\b", part))  # "Hendrycks et al.": a surname, not a name to keep
        part = _FILLER.sub("", part).strip().rstrip(",")
        org_of_all = None
        lead = re.match(r"(?P<o>[^:：]{2,60})[:：]\s*(?P<rest>.+)$", part)
        if lead:  # "Princeton: A, B and C"
            org_of_all, part = lead.group("o").strip(), lead.group("rest")
            if is_person(org_of_all) or not NAME.fullmatch(org_of_all):
                return None
            out.names.append((NAME.fullmatch(org_of_all).group("n"), False))
            org_of_all = NAME.fullmatch(org_of_all).group("n")
        pending: list[str] = []  # people not yet tied to an organization ("A and B of ORG")
        for token in _SPLIT.split(part):
            token = token.strip()
            if not token:
                continue
            person_part, of, org_part = token.partition(" of ")
            if of and is_person(person_part.strip()) and NAME.fullmatch(org_part.strip()):
                org = NAME.fullmatch(org_part.strip()).group("n")
                out.names.append((person_part.strip(), True))
                out.names.append((org, False))
                out.ties += [(p, org) for p in pending + [person_part.strip()]]
                pending = []
                continue
            m = NAME.fullmatch(token)
            if not m:
                return None  # prose, sizes, a lower-case word: not a list of makers
            name = m.group("n")
            if cited and " " not in name:
                continue
            person = is_person(name)
            out.names.append((name, person))
            if person:
                pending.append(name)
                if org_of_all:
                    out.ties.append((name, org_of_all))
    if len(out.names) == 1 and out.names[0][0] in NOT_MAKERS:
        return None
    if not out.names or all(re.fullmatch(r"[\d.]+[A-Za-z]{0,2}", n) for n, _ in out.names):
        return None
    if any(re.search(r"\d", n) for n, _ in out.names):
        return None  # "Llama 2", "7B": models or sizes, not makers
    return out
