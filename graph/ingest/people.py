"""People: where they work or worked, what they founded or made, whose students they are, where organizations are.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from graph.ingest import ids
from graph.ingest.affiliations import Taken, orgs_zh, people_zh, ties_en, ties_zh
from graph.ingest.extraction_state import Scope, Spans
from graph.ingest.linker import Mention, normalize
from graph.ingest.makers import is_person
from graph.ingest.patterns import (
    ADVERBS, ESTABLISHED_ZH, LEAD_VERB, MONTHS, NAME_JOINS, NOT_A_NAME, NOT_MAKERS_ZH, ORG_NAME, ORG_NAME_EN,
    PERSON_NAME, SENTENCE_END, _date_text, _lang)
from graph.ingest.places import places_of

ROLE_EN = re.compile(r"\bformer\s+(?P<role>(?:director|head|chief scientist|scientist|researcher|engineer|founder|CEO|CTO)"
                     r"(?: of AI| of research)?)\s+(?:at|of)\s+(?P<org>[A-Z][\w&.\- ]{1,40})", re.I)
ROLE = re.compile(r"(?P<former>前|former\s+|ex-)(?P<org>[^、，,。]{1,20}?)\s*(?P<role>(?:AI|人工智能|技术|研究)?\s*"
                  r"(?:总监|主管|负责人|首席科学家|科学家|研究员|工程师|CEO|CTO|创始人|director of AI|director|head of [\w ]+|"
                  r"chief scientist|scientist|researcher|engineer|founder))", re.I)
STUDENT = re.compile(r"(?P<adv>[^、，,。\s]{2,20}?)(?:的)?(?:徒弟|学生|高徒|弟子)|\b(?:student|disciple)\s+of\s+(?P<adv2>[A-Z][\w\- ]{2,40})")
STUDENT_WORDS = ("徒弟", "学生", "高徒", "弟子", "student", "disciple")  # one of them is in every STUDENT match
HEADQUARTERS = re.compile(r"总部(?:位于|设在|在)(?P<x>[^，。；,的]{1,20})|\b(?:headquartered|based)\s+in\s+(?P<x2>[A-Z][\w ]{1,30})|"
                          r"\b(?:start-?up|company|firm|lab|laboratory|institute|centre|center)\s+(?:founded\s+|located\s+)?in\s+"
                          r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
                          r"(?P<x3>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
#: what a person did to a thing they made: "author of", "co-creator of", "led", "co-authored the … paper"
PERSON_MADE = re.compile(r"\b(?:(?:lead\s+|first\s+|senior\s+|co-?)?(?:author|creator|inventor|developer|designer|architect|"
                         r"maintainer)s?\s+of|(?:co-?)?(?:created|invented|developed|designed|built|led|introduced|proposed|wrote|"
                         r"authored|maintains|maintained|pioneered)|(?:is|was)\s+behind)\s+(?:the\s+|a\s+|an\s+)?", re.I)
CLAUSE_END = re.compile(r"[，,。；;]")
#: "由 P 创办", "由 ORG 创始人 P 于 2023 年 4 月创立": the founders of the topic (an organization) and its date
FOUNDED_BY = re.compile(r"由(?P<who>[^，。；,;由]{1,40}?)(?:于\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月)?)?\s*"
                        r"(?:共同|联合)?(?:创办|创立|创建|成立)")
#: "ORG 创始人 P", "ORG 的创始人 P": P founded ORG (P a short Chinese name, or a capitalised one)
FOUNDER_OF = re.compile(r"(?P<org>[^，。；,;由的\s]{2,12}?)\s*(?:的)?\s*(?:联合)?创始人\s*"
                        r"(?P<p>[\u4e00-\u9fff]{2,3}(?=于|在|$|[，。；、\s])|[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})")
FOUNDER_ROLE = {"zh": "创始人", "en": "founder"}
#: "Jane Doe and colleagues at the University of X": a person (and co-workers) at an organization opening a description
PEOPLE_AT = re.compile(r"[\s:：|｜\-—–,，]*(?P<p>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})"
                       r"(?:\s+(?:and\s+(?:colleagues|others|co-?authors|(?:the\s+)?team)|et\s+al\.?))?\s+(?:at|from)\s+"
                       r"(?:the\s+)?(?P<org>[A-Z][\w&.\-]{0,40}(?:\s(?:of\s)?[A-Z][\w&.\-]{0,40}){0,4})")
#: "founded in April 2023 by Arthur Mensch, Guillaume Lample and Timothée Lacroix": an organization's founders
FOUNDED_BY_EN = re.compile(r"\b(?:[Ff]ounded|[Cc]o-?founded|started|set up)\s+(?:in\s+(?:(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                           r"Oct|Nov|Dec)[a-z]*\.?\s+)?(?P<y>(?:19|20)\d{2})\s+)?(?:in\s+[A-Z][a-z]+\s+)?by\s+"
                           r"(?P<who>[A-Z][^.;:()]{2,160})")
#: "Arthur Mensch, who had worked at Google DeepMind", "Jane Doe (formerly at OpenAI)", "Bo Chen, a researcher at
#: Acme Labs", "Ann Lee, CEO of Zeta": a person (two or three capitalised words) and an organization they work or worked at
PERSON_AT = re.compile(r"(?<![\w-])(?P<p>[A-Z][a-zà-öø-ÿ'\-]+(?:\s[A-Z][a-zà-öø-ÿ'\-]+){1,2})"
                       r"(?:,\s*(?:who\s+(?P<past>had\s+)?(?:worked|works|was|is|were|are)\s+(?:at|with|for)|"
                       r"(?P<past2>formerly|previously)\s+(?:at|of|with)|(?:an?|the)\s+(?P<role>[\w\s\-]{2,40}?)\s+(?:at|of)|"
                       r"(?P<role2>CEO|CTO|COO|co-?founder|founder|chief scientist|head of [\w ]{2,30}?|director|president|"
                       r"professor|researcher)\s+(?:at|of))|\s*[（(](?P<past3>formerly|previously|ex-)\s*(?:at\s+|of\s+)?(?=[A-Z]))"
                       r"\s*(?:the\s+)?(?P<org>[A-Z][\w&.\-]*(?:\s(?:of\s)?[A-Z][\w&.\-]*){0,4})")
#: the words that may tell of a person's organization (a quick test before the rules in graph.ingest.affiliations)
AFFILIATION_CUES = re.compile(r"found|join|left|leav|quit|work|\bled\b|lead|\brun|head|former|previous|\bex-|professor|research|"
                              r"scien|engineer|CEO|CTO|COO|chief|president|director|counsel|partner|student|fellow|alumn|"
                              r"['’]s\s[A-Z]|创|任|加入|离开|教授|研究员|科学家|工程师|首席|总裁|董事|负责人|在|前|原", re.I)
#: capitalised words that begin (or end) no person's name: "On Wednesday", "Her co-founders", "In June"
NOT_FIRST_NAMES = frozenset("""The This That These Those Her His Their Our Its It In On At By For From With After Before Since
When While Also And But Both Each Every Last Next New Today Tomorrow Yesterday Meanwhile Then Now Here There Some Most Many
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Issue Chapter Section Figure Table Part Update
University Institute Labs Lab Research AI Inc Ltd Corp Group Team Open Large Model Models Language Foundation""".split())


class People:
    """People: where they work or worked, what they founded or made, whose students they are, where organizations are."""

    def established(self, s: Scope) -> None:
        """ "月之暗面成立于2023年3月", "Acme was founded in 2021": what is founded is an organization, and when.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## 公司\\n\\n星河成立于2023年3月，总部在北京。", "established")
        [('xinghe', 'founded', '2023-03')]
        """
        for m in ESTABLISHED_ZH.finditer(s.text):
            name = m.group("n")
            known = self.linker.link(name) or self._by_label.get(normalize(name))
            if (known and not self.is_a(known, "Organization") and self.type_of(known)) or NOT_MAKERS_ZH.search(name) or \
                    ADVERBS.search(name):
                continue
            key = self.entity(name, s.block.line, "Organization", 0.6)
            if key and self.is_a(key, "Organization"):
                self.fact(key, "founded", _date_text(m.group("y") or m.group("y2"), m.group("m") or m.group("m2")), s.block,
                          0.75, "established")

    def founders(self, s: Scope) -> None:
        """ "ORG 由 P 创办", "由 A 创始人 P 于 2023 年 4 月创立": P founded the topic (and A), and when.

        >>> from graph.ingest.extract import rule_facts
        >>> [f[:2] + (f[2].get("id") if isinstance(f[2], dict) else f[2],) for f in rule_facts("某智能由张三创办。", "founders")]
        [('zhang-san', 'affiliated_with', 'mouzhineng')]
        """
        for m in FOUNDED_BY.finditer(s.text):
            # the organization: the name the clause opens with, right before 由, or else the block's topic
            cs = max([s.text.rfind(c, max(0, m.start() - 30), m.start()) for c in "，,。；;：:"] + [-1]) + 1
            subject = s.text[cs:m.start()].strip()
            topic = None
            if re.fullmatch(r"[\u4e00-\u9fff]{2,10}|[A-Z][\w&.\-]{0,30}(?:\s[A-Z][\w&.\-]{0,30}){0,3}", subject):
                topic = self.entity(subject, s.block.line, "Company", 0.6)
            elif not subject and s.topic is not None:
                topic = s.topic
            if topic is None or not self.is_a(topic, "Organization"):
                continue
            if m.group("y"):
                self.fact(topic, "founded", _date_text(m.group("y"), m.group("m")), s.block, 0.75, "founders")
            who = m.group("who").strip()
            lo = m.start("who")
            people = [a for a in s.agent_spans.starting(lo, m.end("who")) if self.is_a(a.id, "Person")]
            if not people:  # "由搜狗前CEO王小川…创立": a name after a role
                people = [Mention(k, lo + a, lo + b, who[a:b]) for a, b in people_zh(who, [])
                          if (k := self.entity(who[a:b], s.block.line, "Person", 0.6, key_hint=ids.person_slug(who[a:b])))
                          and self.is_a(k, "Person")]
            if not people:
                fm = FOUNDER_OF.search(who)
                name = fm.group("p") if fm else who
                if re.fullmatch(r"[\u4e00-\u9fff]{2,3}|[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}", name):
                    key = self.entity(name, s.block.line, "Person", 0.6, key_hint=ids.person_slug(name))
                    people = [Mention(key, lo, m.end("who"), name)] if key else []
            for p in people:
                self.fact(p.id, "affiliated_with", {"id": topic, "role": dict(FOUNDER_ROLE)}, s.block, 0.75, "founders")
            fm = FOUNDER_OF.search(who)
            if fm and people:
                org = [a for a in s.agent_spans.starting(lo + fm.start("org"), lo + fm.end("org"))
                       if self.is_a(a.id, "Organization")]
                okey = org[0].id if org else self.entity(fm.group("org"), s.block.line, "Company", 0.6)
                if okey and okey != topic:
                    self.fact(people[-1].id, "affiliated_with", {"id": okey, "role": dict(FOUNDER_ROLE)}, s.block, 0.7,
                              "founders")

    def people_at(self, s: Scope) -> None:
        """ "**Foo** - Jane Doe and colleagues at the University of Zed, 2023.": the person and the organization made
        the item, and the person belongs to the organization.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(f[:2] for f in rule_facts("- **Foo** - Jane Doe and colleagues at the University of Zed, 2023.", "people-at"))
        [('foo', 'developed_by'), ('foo', 'developed_by'), ('jane-doe', 'affiliated_with')]
        """
        if s.block.kind != "item" or not s.lead_key or s.lead_agent is not None:
            return
        lead = self.head(s.block)
        if lead is None:
            return
        m = PEOPLE_AT.match(s.text, lead.end())
        if not m:
            return
        person_key = self.linker.link(m.group("p"))
        if person_key and not self.linker.is_a(person_key, "Person"):
            return
        org_key = self.linker.link(m.group("org"))
        if org_key and not self.linker.is_a(org_key, "Organization"):
            return
        person = self.entity(m.group("p"), s.block.line, "Person", 0.6)
        org = self.entity(m.group("org"), s.block.line, "University" if "Universit" in m.group("org") else "Organization", 0.6)
        if not person or not org:
            return
        self.fact(s.lead_key, "developed_by", person, s.block, 0.7, "people-at")
        self.fact(s.lead_key, "developed_by", org, s.block, 0.7, "people-at")
        self.fact(person, "affiliated_with", org, s.block, 0.7, "people-at")

    def people_at_orgs(self, s: Scope) -> None:
        """ "A, who had worked at ORG", "A (formerly at ORG)", "A, a researcher at ORG", "A, CEO of ORG": where a
        person works (or worked: ``current: false``).

        >>> from graph.ingest.extract import rule_facts
        >>> sorted((f[0], f[2]["id"], f[2].get("current")) for f in rule_facts(
        ...     "Founded by Ann Lee, who had worked at Acme Labs, and Bo Chen (formerly at OpenAI).", "person-at", ["data"]))
        [('ann-lee', 'acme-labs', False), ('bo-chen', 'openai', False)]
        """
        if _lang(s.text) != "en" or not re.search(r"\b(?:at|of)\b|[（(]", s.text):
            return
        for m in PERSON_AT.finditer(s.text):
            person, org_name = m.group("p"), m.group("org").strip()
            known = self.linker.link(person) or self._by_label.get(normalize(person))
            if ORG_NAME.search(person) or (known and not self.is_a(known, "Person")):
                continue
            org = next((a.id for a in s.agent_spans.starting(m.start("org"), m.end("org")) if self.is_a(a.id, "Organization")),
                       None)
            if org is None and ORG_NAME.search(org_name) and not self.linker.link(org_name):
                org = self.org_named(org_name, s.block.line)  # a new name that reads as an organization's
            if not org or not self.is_a(org, "Organization"):
                continue
            key = self.linker.link(person) or self.entity(person, s.block.line, "Person", 0.6,
                                                          key_hint=ids.person_slug(person))
            if not key or not self.is_a(key, "Person"):
                continue
            value: dict[str, Any] = {"id": org}
            role = (m.group("role") or m.group("role2") or "").strip()
            if role and not re.search(r"\b(?:model|paper|team|group|version)\b", role):
                value["role"] = {"en": role}
            if m.group("past") or m.group("past2") or m.group("past3"):
                value["current"] = False
            self.fact(key, "affiliated_with", value, s.block, 0.65, "person-at")

    def affiliations(self, s: Scope) -> None:
        """ "Stanford professor Fei-Fei Li", "who left Google to found Character.AI", "百川智能创始人王小川": where a
        person works or worked, and what they founded (the cues are in :mod:`graph.ingest.affiliations`).

        >>> from graph.ingest.extract import rule_facts
        >>> sorted((f[0], f[2]["id"], f[2].get("current")) for f in rule_facts(
        ...     "Noam Shazeer, who left Google in 2021 to found Character.AI, joined Acme AI.", "affiliation", ["data"]))
        [('noam-shazeer', 'acme-ai', None), ('noam-shazeer', 'character-ai', None), ('noam-shazeer', 'google', False)]
        """
        text = s.text
        if not AFFILIATION_CUES.search(text):
            return
        zh = _lang(text) == "zh"
        key_of = {(m.start, m.end): m.id for m in s.mentions}
        orgs = [(m.start, m.end) for m in s.mentions if self.is_a(m.id, "Organization")]
        people = [(m.start, m.end) for m in s.mentions if self.is_a(m.id, "Person") or self.reads_as_person(m)]
        for span, key in self.short_org_names(text, key_of):  # "Moonshot" after "Moonshot AI", "SSI"
            key_of[span] = key
            orgs.append(span)
        orgs.sort()
        taken = sorted(key_of)
        named, full_names = ([], {}) if zh else self.people_named(text, taken)
        people = sorted(set(people + (people_zh(text, taken) if zh else named)))
        if not people:
            return
        covered = Taken(len(text), taken)
        if zh:  # "搜狗前CEO王小川": an organization named by the role of someone in it
            for a, b in people:
                covered.add(a, b)
            for name in dict.fromkeys(text[a:b] for a, b in orgs_zh(text, taken + people)):  # (each name once)
                key = self.entity(name, s.block.line, "Organization", 0.55)
                if key and self.is_a(key, "Organization"):
                    at = text.find(name)
                    while at >= 0:  # (and wherever else the block names it: "在微软待了 16 年 … 微软全球副总裁")
                        there = (at, at + len(name))
                        if there not in key_of and not covered.meets(*there):
                            key_of[there] = key
                            orgs.append(there)
                        at = text.find(name, at + len(name))
            orgs = sorted(set(orgs))
        lead_m = next((m for m in s.mentions if m.id == s.lead_key), None) if s.lead_key else None
        lead = (lead_m.start, lead_m.end) if lead_m is not None and \
            (self.is_a(s.lead_key, "Person") or self.reads_as_person(lead_m)) else None  # ("**John Schulman** — …")
        if zh:
            ties = ties_zh(text, people, orgs)
        else:
            ties = ties_en(text, people, orgs, candidate_org=lambda t, at: self.org_after_cue(t, at, covered), lead=lead)
        done: set[tuple[str, str]] = set()
        heading = self.heading_org(s.block) if any(t.org is None for t in ties) else None
        stops = [m.end() for m in re.finditer(r"[。！？；;]|[.!?](?=\s)", text)]  # where sentences end
        starts, ends = [o[0] for o in orgs], [o[1] for o in orgs]
        for t in ties:
            org = key_of.get(t.org) if t.org else (
                (s.topic if s.topic and self.is_a(s.topic, "Organization") else None) or heading or
                self.org_before(text, t.person[0], orgs, starts, ends, stops, key_of))
            if t.org and org is None:
                org = self.entity(text[t.org[0]:t.org[1]], s.block.line, "Organization", 0.55)
            name = text[t.person[0]:t.person[1]]
            full = full_names.get(name)
            person = key_of.get(t.person) or self._surnames().get(name) or \
                (self.entity(full, s.block.line, "Person", 0.6, key_hint=ids.person_slug(full)) if full else None) or \
                self.entity(name, s.block.line, "Person", 0.6, key_hint=ids.person_slug(name))
            if not org or not person or (person, org) in done or not self.is_a(org, "Organization"):
                continue
            e = self.entities.get(person)
            if e is not None and not e.linked and e.type != "Person":
                e.type = "Person"  # a name found before with no type, or typed by its section: the tie says who it is
            if not self.is_a(person, "Person"):
                continue
            done.add((person, org))
            if any(f.subject == person and f.key == "affiliated_with" and f.value.get("id") == org and f.block.line == s.block.line
                   for f in self.facts[-40:] if isinstance(f.value, dict)):
                continue  # told already by another rule on this block
            value: dict[str, Any] = {"id": org}
            if t.founder:
                value["role"] = dict(FOUNDER_ROLE)
            elif t.role:
                value["role"] = {"zh" if re.search(r"[\u4e00-\u9fff]", t.role) else "en": t.role}
            if t.current is False:
                value["current"] = False
            self.fact(person, "affiliated_with", value, s.block, 0.65, "affiliation")

    def short_org_names(self, text: str, key_of: dict) -> list[tuple[tuple[int, int], str]]:
        """Spans of the short names of organizations named before: the first word of a longer name ("Moonshot" of
        "Moonshot AI"), or its initials ("SSI" of "Safe Superintelligence")."""
        self._index_words()
        if not self._by_short_name:
            return []
        out = []
        for m in re.finditer(r"(?<![\w\-.])[A-Z][\w]+(?![\w\-])(?!\s[A-Z])", text):
            keys = [k for k in self._by_short_name.get(m.group(), ()) if self.type_of(k) and self.is_a(k, "Organization")]
            key = min(keys, key=lambda k: self.entities[k].line) if keys else None  # (the first one named)
            if key and not any(a < m.end() and m.start() < b for a, b in key_of):
                out.append((m.span(), key))
        return out

    @staticmethod
    def org_before(text: str, at: int, orgs: list, starts: list, ends: list, stops: list, key_of: dict) -> str | None:
        """The organization a person at ``at`` belongs to when the cue names none: the one their sentence opens with,
        else the nearest before them in the sentence, else the nearest before them in the text (spans sorted)."""
        cut = stops[bisect_left(stops, at + 1) - 1] if stops and stops[0] <= at else 0  # where their sentence starts
        last = bisect_right(ends, at) - 1  # the last organization that ends before them
        first = bisect_left(starts, cut)
        if first <= last and not text[cut:orgs[first][0]].strip(" \t，,"):
            return key_of[orgs[first]]
        return key_of[orgs[last]] if last >= 0 else None

    def reads_as_person(self, m: Mention) -> bool:
        """Whether a new name with no type yet reads as a person's ("Robin Rombach", not "Stable Diffusion AI")."""
        e = self.entities.get(m.id)
        return e is not None and not e.linked and not e.type and bool(PERSON_NAME.fullmatch(m.text)) and \
            not m.text.endswith(("'s", "’s")) and not LEAD_VERB.match(m.text) and is_person(m.text) and \
            not ORG_NAME.search(m.text) and m.text.split()[0] not in NOT_FIRST_NAMES

    def people_named(self, text: str, taken: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], dict[str, str]]:
        """Spans of English names that read as people's and are no other entity's, and of surnames of people
        named before ("Shazeer" after "Noam Shazeer"); and the full name of each surname named in this text."""
        out = []
        covered = Taken(len(text), taken)
        for m in PERSON_NAME.finditer(text):
            name = m.group()
            if name.endswith(("'s", "’s")) or covered.meets(m.start(), m.end()) or ORG_NAME.search(name) or \
                    name.split()[0] in NOT_FIRST_NAMES or name.split()[-1] in NOT_FIRST_NAMES or \
                    re.fullmatch(r"(?:Co-[a-z]+ed|[A-Z][a-z]+ed)|Left|Also|Then|Later|Joined|Both|Now|Since", name.split()[0]) or \
                    not is_person(name):
                continue  # ("Co-founded Adept", "Left Google", "Google Brain")
            known = self.linker.link(name) or self._by_label.get(normalize(name))
            if known and not self.is_a(known, "Person"):
                continue
            out.append(m.span())
        named_before = self._surnames()
        here: dict[str, str] = {}  # "Noor Halabi joined … Halabi previously worked at …": a surname of a name in this text
        for a, b in out:
            here.setdefault(text[a:b].split()[-1], text[a:b])
            covered.add(a, b)
        full_names: dict[str, str] = {}
        if here or named_before:
            for m in re.finditer(r"(?<![\w\-.])[A-Z][a-zà-öø-ÿ'\-]+(?![\w\-])(?!\s[A-Z])", text):
                w = m.group()
                if (w in here or w in named_before) and not covered.meets(m.start(), m.end()):
                    out.append(m.span())
                    covered.add(*m.span())
                    if w in here and " " in here[w]:
                        full_names[w] = here[w]
        return out, full_names

    def org_after_cue(self, text: str, at: int, taken: Taken) -> tuple[int, int] | None:
        """The span of a new organization's name right after a cue ("previously worked at Stability AI"), or None."""
        m = re.compile(r"[A-Z][\w&.\-]*(?:\s(?:of\s)?[A-Z][\w&.\-]*){0,3}").match(text, at)
        if not m:
            return None
        name = m.group().rstrip(".")
        if re.match(r"(?:VP|Vice President|Head|Director|Chief|President|Senior|Principal|Staff|Lead|Manager)\b", name) or \
                re.fullmatch(r"C[A-Z]O", name):
            return None  # "previously VP of Research at OpenAI": a role, not where
        if name.split()[0] in NOT_FIRST_NAMES or NOT_A_NAME.fullmatch(name) or taken.meets(at, at + len(name)):
            return None
        known = self.linker.link(name) or self._by_label.get(normalize(name))
        if known and not self.is_a(known, "Organization"):
            return None
        return (at, at + len(name))

    def person_made(self, s: Scope) -> None:
        """ "**Tri Dao** — author of FlashAttention", "co-creator of Mamba with Tri Dao", "He led the HELM benchmark",
        "co-authored the AlexNet paper with A and B": what a person made (a paper: what they wrote), and with whom.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(rule_facts("## People\\n- **Ann Lee** — creator of Wisp-7B with Bo Chen. She led the Quill benchmark.",
        ...                   "person-made"))
        [('quill', 'developed_by', 'ann-lee'), ('wisp-7b', 'developed_by', 'ann-lee'), ('wisp-7b', 'developed_by', 'bo-chen')]
        """
        text = s.text
        if _lang(text) != "en" or not PERSON_MADE.search(text):
            return
        lead = s.lead_key if s.lead_key and self.is_a(s.lead_key, "Person") else None
        people = [m for m in s.mentions if self.is_a(m.id, "Person")]
        for cue in PERSON_MADE.finditer(text):
            sentence = max([0] + [e.end() for e in SENTENCE_END.finditer(text, 0, cue.start())])
            before = [p for p in people if sentence <= p.start and p.end <= cue.start()]
            opening = text[sentence:cue.start()].strip()
            pronoun = re.fullmatch(r"(?:He|She|They|and|also|who|where\s+(?:he|she)|[-—–;,]|\W)*(?:\s*\w+ly)?", opening)
            earlier = [p for p in people if p.end <= sentence]
            if before:
                who = before[-1].id
            elif lead and (not opening or pronoun):
                who = lead  # "— creator of …", "He led …": the item's person
            elif pronoun and opening and earlier:
                who = earlier[-1].id  # "Percy Liang is … He led the HELM benchmark."
            else:
                continue
            end = min([i for i in (text.find(c, cue.end()) for c in (". ", "; ", "。")) if i >= 0] + [len(text)])
            things, makers = [], [who]
            for x in s.mention_spans.starting(cue.end(), end):
                if self.is_a(x.id, "Person"):
                    if re.search(r"\bwith\b", text[cue.end():x.start]):
                        makers.append(x.id)  # "… with Bo Chen"
                    continue
                if not things or re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", text[things[-1].end:x.start]):
                    if not self.is_a(x.id, "Organization", "Place") and x.id != self._source_key and \
                            (not things or x.start - cue.end() < 80):  # (a paper is a source, and can be written)
                        things.append(x)
            if not things:  # "co-authored the AlexNet paper", "led the Quill benchmark": a new name right after the cue
                nm = re.match(r"(?P<n>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,3})(?:\s+(?P<w>paper|model|benchmark|library|dataset|"
                              r"framework|project|toolkit|system|architecture|method|algorithm))?\b", text[cue.end():end])
                if nm and not NOT_A_NAME.fullmatch(nm.group("n")) and nm.group("n").split()[0] not in NOT_FIRST_NAMES and \
                        not PERSON_NAME.fullmatch(nm.group("n")):
                    kind = {"paper": "Paper", "model": "LanguageModel", "benchmark": "Dataset", "dataset": "Dataset",
                            "method": "Technique", "algorithm": "Technique", "architecture": "Technique"}.get(
                        (nm.group("w") or "").lower(), "Software" if nm.group("w") else None)
                    key = self.entity(nm.group("n"), s.block.line, kind, 0.55)
                    if key and not self.is_a(key, "Organization", "Person", "Place") and key != self._source_key:
                        things = [Mention(key, cue.end(), cue.end() + nm.end(), nm.group())]
            if not things or things[0].start - cue.end() > 30:
                continue
            for m in re.finditer(r"\bwith\s+(?P<p>" + PERSON_NAME.pattern + r"(?:\s*(?:,|and)\s*" + PERSON_NAME.pattern + r")*)",
                                 text[things[-1].end:end]):
                for name in NAME_JOINS.split(m.group("p")):
                    if PERSON_NAME.fullmatch(name.strip()) and not self.linker.link(name.strip()):
                        makers.append(self.entity(name.strip(), s.block.line, "Person", 0.6,
                                                  key_hint=ids.person_slug(name.strip())))
            for x in things:
                for p in dict.fromkeys(k for k in makers if k and k != x.id):
                    self.fact(x.id, "authors" if self.is_a(x.id, "Paper") else "developed_by", p, s.block, 0.65,
                              "person-made")

    def maker_in_brackets(self, s: Scope) -> None:
        """ "`mistralai/Mistral-7B-v0.1` (Mistral AI)", "Gemma (Google)": an organization alone in brackets right
        after a model, software or dataset named in the text made it (an item's head is read by description_agent).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("Base: `acme/Wren-7B` (Acme AI). Almost everything builds on it.", "maker-in-brackets")
        [('wren-7b', 'developed_by', 'acme-ai')]
        """
        if "(" not in s.text and "（" not in s.text:
            return
        for x in s.mentions:
            if x.id == s.lead_key or not (self.is_a(x.id, "Model", "Software", "Dataset") or not self.type_of(x.id)):
                continue
            m = re.match(r"`?\s*[（(](?P<o>[^()（）,，;；]{2,40})[)）]", s.text[x.end:])
            if not m:
                continue
            name = m.group("o").strip()
            org = next((a.id for a in s.agents if a.start == x.end + m.start("o") and self.is_a(a.id, "Organization")), None)
            if org is None and (ORG_NAME.search(name) or ORG_NAME_EN.fullmatch(name)) and not self.linker.link(name):
                org = self.entity(name, s.block.line, "Organization", 0.55)
            if org and self.is_a(org, "Organization") and org != x.id:
                self.fact(x.id, self.maker_key(x.id), org, s.block, 0.6, "maker-in-brackets")

    def founders_en(self, s: Scope) -> None:
        """ "founded in April 2023 by A, B and C": A, B and C founded the topic (an organization), and when.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(f[:2] for f in rule_facts("## Acme AI\\nAcme AI was founded in May 2021 by Ann Lee and Bo Chen.", "founders-en"))
        [('acme-ai', 'founded'), ('ann-lee', 'affiliated_with'), ('bo-chen', 'affiliated_with')]
        """
        e = self.entities.get(s.topic) if s.topic else None
        if e is not None and not e.linked and not e.type and s.topic == s.heading_topic and FOUNDED_BY_EN.search(s.text):
            e.type = "Organization"  # "## Anthropic" then "Founded in 2021 by …": what is founded is an organization
        if s.topic is None or not self.is_a(s.topic, "Organization"):
            return
        for m in FOUNDED_BY_EN.finditer(s.text):
            if m.group("y"):
                month = f"-{MONTHS[m.group('mon')[:3].lower()]:02d}" if m.group("mon") else ""
                self.fact(s.topic, "founded", m.group("y") + month, s.block, 0.75, "founders-en")
            who = re.split(r",\s*(?:who|which|both|all)\b|\s+(?:who|which)\b", m.group("who"))[0]
            for name in NAME_JOINS.split(who):
                name = name.strip()
                if PERSON_NAME.fullmatch(name) and not ORG_NAME.search(name) and not self.linker.link(name):
                    key = self.entity(name, s.block.line, "Person", 0.6, key_hint=ids.person_slug(name))
                    if key:
                        self.fact(key, "affiliated_with", {"id": s.topic, "role": {"en": "founder"}}, s.block, 0.7,
                                  "founders-en")
                elif (rid := self.linker.link(name)) and self.is_a(rid, "Person"):
                    self.fact(rid, "affiliated_with", {"id": s.topic, "role": {"en": "founder"}}, s.block, 0.7, "founders-en")

    def former_roles(self, s: Scope) -> None:
        """ "前 OpenAI AI 总监 X", "X，前…总监": a person's former role at an organization.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- 前特斯拉 AI 总监 Andrej Karpathy", "former-role", ["data"])
        [('andrej-karpathy', 'affiliated_with', {'id': 'tesla', 'role': {'zh': 'AI 总监'}, 'current': False})]
        """
        text = s.text
        people_spans = None
        ends: list[int] | None = None  # where clauses end (，,。；;)
        for m in ROLE.finditer(text):
            if people_spans is None:
                people_spans = self._people(s)[1]
            orgs = [x for x in s.mention_spans.starting(m.start("org"), m.end("org") + 1)
                    if self.is_a(x.id, "Organization")]
            if ends is None:
                ends = [c.start() for c in CLAUSE_END.finditer(text)]
            k = bisect_left(ends, m.end())
            clause_end = ends[k] if k < len(ends) else len(text)
            after = people_spans.starting(m.end(), clause_end)
            subject = after[-1] if after else people_spans.last_ending_by(m.start())
            if orgs and subject:
                role = re.sub(r"\s+", " ", m.group("role")).strip()
                self.fact(subject.id, "affiliated_with",
                          {"id": orgs[0].id, "role": {_lang(role): role}, "current": False}, s.block, 0.8, "former-role")

    def former_roles_en(self, s: Scope) -> None:
        """ "X, former director of AI at ORG": a person's former role at an organization.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Andrej Karpathy, former director of AI at Tesla", "former-role", ["data"])
        [('andrej-karpathy', 'affiliated_with', {'id': 'tesla', 'role': {'en': 'director of AI'}, 'current': False})]
        """
        people_spans = None
        for m in ROLE_EN.finditer(s.text):
            if people_spans is None:
                people_spans = self._people(s)[1]
            orgs = [x for x in s.mention_spans.starting(m.start("org"), m.end("org") + 1)
                    if self.is_a(x.id, "Organization")]
            subject = people_spans.last_ending_by(m.start())
            if orgs and subject:
                self.fact(subject.id, "affiliated_with",
                          {"id": orgs[0].id, "role": {"en": m.group("role").strip()}, "current": False}, s.block, 0.8,
                          "former-role")

    def students(self, s: Scope) -> None:
        """ "X 的徒弟 Y", "Y, student of X": who studied under whom.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- 李飞飞的学生 Andrej Karpathy", "student", ["data"])
        [('andrej-karpathy', 'student_of', 'fei-fei-li')]
        """
        text = s.text
        if not any(w in text for w in STUDENT_WORDS):
            return
        people, people_spans = self._people(s)
        for m in STUDENT.finditer(text):
            span = (m.start("adv") if m.group("adv") else m.start("adv2"), m.end())
            advisors = people_spans.starting(*span)
            among = set(advisors)
            student = next((p for p in people if p not in among), None)
            if advisors and student:
                self.fact(student.id, "student_of", advisors[0].id, s.block, 0.8, "student")

    # people, whatever the block is about
    def _people(self, s: Scope) -> tuple[list[Mention], Spans]:
        """The people a block names (as typed now), and an index of them."""
        people = [m for m in s.mentions if self.is_a(m.id, "Person")]
        return people, Spans(people)

    def places(self, s: Scope) -> None:
        """ "Shanghai-based MiniMax", "World Labs, a San Francisco startup", "has offices in A and B": where an
        organization named in the block has its headquarters (the cues are in :mod:`graph.ingest.places`).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("Zeta Labs, a Berlin startup, has offices in Paris.", "places")
        [('zeta-labs', 'headquarters', 'berlin'), ('zeta-labs', 'headquarters', 'paris')]
        """
        text = s.text
        if _lang(text) != "en" or not re.search(r"-based|offices|headquarter|founded in|start-?up|company|firm|lab", text):
            return
        orgs = [m for m in s.mentions if self.is_a(m.id, "Organization")]
        key_of = {(m.start, m.end): m.id for m in orgs}
        for span, key in self.short_org_names(text, {(m.start, m.end): m.id for m in s.mentions}):
            key_of[span] = key
            orgs.append(Mention(key, span[0], span[1], text[span[0]:span[1]]))
        orgs.sort(key=lambda m: m.start)
        for org_span, place in places_of(text, sorted(key_of)):
            org = key_of.get(org_span) if org_span else \
                next((m.id for m in reversed(orgs) if m.end <= place[0]), None) or \
                (s.topic if s.topic and self.is_a(s.topic, "Organization") else None)
            name = text[place[0]:place[1]]
            known = self.linker.link(name) or self._by_label.get(normalize(name))
            if org is None or (known and self.type_of(known) and not self.is_a(known, "Place")):
                continue
            key = self.entity(name, s.block.line, "Place", 0.6)
            if key and self.is_a(key, "Place"):
                self.fact(org, "headquarters", key, s.block, 0.7, "places")

    def headquarters(self, s: Scope) -> None:
        """ "总部位于 X", "headquartered in X": where the topic has its headquarters.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## Organizations\\n- Acme：总部位于纽约", "headquarters", ["data"])
        [('acme', 'headquarters', 'new-york-city')]
        """
        hq = HEADQUARTERS.search(s.text)
        if hq:
            group = next(g for g in ("x", "x2", "x3") if hq.group(g))
            span = (hq.start(group), hq.end())
            places = [x for x in s.mentions if span[0] <= x.start < span[1] and self.is_a(x.id, "Place")]
            name = hq.group(group).strip()
            target = places[0].id if places else self.entity(name, s.block.line, "Place", 0.6)
            self.fact(s.topic, "headquarters", target, s.block, 0.85, "headquarters")
