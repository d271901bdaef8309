"""Who made what: release verbs, "developed by", possessives, descriptions that name a maker.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re

from graph.ingest import ids
from graph.ingest.extraction_state import Fact, Scope
from graph.ingest.linker import Mention, normalize, size_suffix
from graph.ingest.makers import makers_in_brackets
from graph.ingest.patterns import ADVERBS, BOLD_LEAD, DEV_VERBS, NAME_JOINS, ORG_NAME, ORG_SUFFIX_ZH, PERSON_NAME

DEVELOPED_BY = re.compile(r"由(?P<who>[^，。；,;]{1,60}?)(?:共同|联合|一起)?(?:开发|训练|发布|推出|创建|打造|研发|开源|提出)")
DEVELOPED_BY_EN = re.compile(r"\b(?:developed|released|created|built|trained|made|published|open-sourced|assembled|"
                             r"maintained|led|run|introduced|proposed)\s+by\s+"
                             r"(?P<who>[^.;,()]{1,80})", re.I)
OWN_VERB = re.compile(r"(?:发布|推出|开源|开发|研发|训练|创建|提出)(?:的)")
#: "Liu et al. (UW–Madison, Microsoft Research)": the organizations of a cited work's authors
ET_AL_ORGS = re.compile(r"\b[A-Z][\w'’\-]+\s+et\s+al\.?,?\s*[（(](?P<orgs>[^()（）]{2,160})[)）]")
PRONOUNS = re.compile(r"(他们|它们|该公司|这家公司|(?:^|(?<=[，。；\s]))公司|they|the company)", re.I)
#: "Acme's …" opening a description: a capitalised name (up to four words) and 's
DESC_OWNER = re.compile(r"(?P<n>[A-Z][\w&.\-]{0,40}(?:\s[A-Z][\w&.\-]{0,40}){0,3})'s\s")
#: "from ORG" / "by ORG" ending a clause (or before 's or a comma): a name of up to five words
_ORG_WORDS = r"[A-Za-z][\w&.\-]{0,40}(?:\s[A-Z][\w&.\-]{0,40}){0,4}"
DESC_FROM = re.compile(r"\b(?:from|by)\s+(?:the\s+)?(?P<n>" + _ORG_WORDS + r"(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?"
                       + _ORG_WORDS + r")*)(?='s\b|\s*[,，;；(（]|\s*$)")
#: "Google's FLAN", "Hugging Face's Zephyr-7B-beta": an organization (up to three capitalised words) and what is its
POSSESSIVE = re.compile(r"(?<![\w.\-])(?P<org>[A-Z][\w&.\-]{0,30}(?:\s[A-Z][\w&.\-]{0,30}){0,2})['’]s\s+"
                        r"(?P<x>[A-Z0-9][\w.\-]*(?:\s(?:[A-Z0-9][\w.\-]*)){0,3})")


class MakerRules:
    """Who made what: release verbs, "developed by", possessives, descriptions that name a maker."""

    # what the block is about, and what it releases
    def release_verbs(self, s: Scope) -> None:
        """ "ORG 发布了 MODEL", "ORG released MODEL": who developed what it releases (the verb not followed by 的).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- 2023年：Acme 发布了 Foo 模型。", "release-verb")
        [('foo', 'developed_by', 'acme')]
        """
        b, text, agents = s.block, s.text, s.agents
        for v in re.finditer(DEV_VERBS, text):
            if text[v.end():v.end() + 1] == "的":
                continue
            before = s.agent_spans.ending(v.start() - 40, v.start())
            reach = v.end() + 60  # what it released is named within this, before the clause ends
            clause_end = min([i for i in (text.find(c, v.end(), reach + len(c)) for c in ("。", "；", ";", "!", "?", ". "))
                              if i >= 0] + [len(text)])
            after = [m for m in s.model_spans.starting(v.end(), min(clause_end, reach))
                     # (a name of no type: only right after the verb, or after a few words that are no list)
                     if self.type_of(m.id) or m.start - v.end() <= 3 or
                     (m.start - v.end() <= 12 and not re.search(r"[，,、；;和与及]", text[v.end():m.start]))]
            dev = before[-1] if before else None
            if s.lead_agent is not None:
                dev = s.lead_agent
            if dev is None and PRONOUNS.search(text[max(0, v.start() - 60):v.start()]):
                dev = agents[0] if agents and agents[0].start < v.start() else None
                heading = self.heading_org(b) if dev is None else None
                if heading:
                    dev = Mention(heading, -1, -1, "")  # "## 月之暗面 … 公司推出了 Kimi": the company of the section
            if dev is None and after and b.kind == "item" and agents and agents[0].start < v.start():
                dev = agents[0]
            if dev is None and after and self._paragraph_maker:  # "阿里云的通义千问…。2023年8月先开源了 Qwen-7B"
                dev = Mention(self._paragraph_maker, -1, -1, "")
            devs = [dev] if dev is not None else []
            if before and dev is before[-1]:  # "A 与 B 联合发布了 X": each organization joined to the last
                devs = self.joined(text, before)
            elif before and dev is not None and dev in (allied := self.joined(text, before)):
                devs = allied  # "A（the sentence's subject）联合 B 推出了 X"
            for m in after:
                for d in devs:
                    if m.id != d.id:
                        self.fact(m.id, "developed_by", d.id, b, 0.85, "release-verb")
                s.released.append(m.id)

    def family_versions(self, s: Scope) -> None:
        """What a block under a model family's heading releases is a version of that family.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## GPT 系列\\n- OpenAI 发布了 GPT-2 模型。", "family-section", ["data"])
        [('gpt-2', 'version_of', 'gpt-series')]
        """
        if s.heading_topic and self.is_a(s.heading_topic, "ModelFamily"):
            for r in s.released:
                self.fact(r, "version_of", s.heading_topic, s.block, 0.6, "family-section")

    def released_topic(self, s: Scope) -> None:
        """A list item (or a block under no entity) is about the first thing it releases, unless a name leads it."""
        if s.released and s.lead_key is None and (s.block.kind == "item" or s.topic is None):
            s.topic = s.released[0]

    def developed_by(self, s: Scope) -> None:
        """ "由 A 与 B 共同开发", "developed by A": the developers of the topic (or of the first model named).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Foo：由 OpenAI 与 Meta 共同开发。", "developed-by", ["data"])
        [('foo', 'developed_by', 'openai'), ('foo', 'developed_by', 'meta')]
        """
        for rx in (DEVELOPED_BY, DEVELOPED_BY_EN):
            for m in rx.finditer(s.text):
                span = (m.start("who"), m.end("who"))
                who = [a.id for a in self.joined(s.text, s.agent_spans.starting(span[0], span[1] + 2))]
                if not who and rx is DEVELOPED_BY_EN:  # "built by BigScience": new names, each capitalised
                    names = NAME_JOINS.split(re.split(r"\s+(?:in|on|at|for|with|from|as|under)\s", m.group("who"))[0])
                    who = [self.org_named(n, s.block.line) for n in names if n.strip()]
                    who = who if all(who) else []
                target = s.topic or (s.models[0].id if s.models else None)
                for a in who:
                    self.fact(target, self.maker_key(target), a, s.block, 0.9, "developed-by")

    def maker_key(self, key: str | None) -> str:
        """``offered_by`` for a service, ``developed_by`` for the rest."""
        return "offered_by" if key and self.is_a(key, "Service") else "developed_by"

    def description_agent(self, s: Scope) -> None:
        """ "Name - ORG's library", "Name - ORG library for …", "Name: … from ORG", "Name - …, by ORG": the organization
        (or person) a list item's description opens with, or names after "from"/"by" in its first clause, made it.
        A new capitalised name counts before "'s" or at the end of a clause; a lower-case handle only when it owns
        the item's GitHub link. Not "the X paper from ORG" (that is the paper's), nor "fine-tuned from X".

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- **Foo** - low-rank tricks from Acme Labs; more here.", "description-agent")
        [('foo', 'developed_by', 'acme-labs')]
        >>> rule_facts("- **Foo** - Zeta's tuning library.", "description-agent")
        [('foo', 'developed_by', 'zeta')]
        >>> rule_facts("- Foo: a tool, by janedoe. https://github.com/janedoe/foo", "description-agent")
        [('foo', 'developed_by', 'janedoe')]
        >>> rule_facts("- Foo: prompts, following the Bar paper from Acme.", "description-agent")
        []
        """
        b, text = s.block, s.text
        if b.kind == "item" and s.lead_key and self.is_a(s.lead_key, "Person") and (lead := self.head(b)) is not None:
            pm = re.match(r"\s*[（(](?P<in>[^()（）]{1,200})[)）]", text[lead.end():])
            mk = makers_in_brackets(pm.group("in")) if pm else None
            for name, person in (mk.names if mk else []):  # "**Tri Dao** (Princeton, Together AI)": where they work
                org = None if person else self.org_named(name, b.line)
                if org and self.is_a(org, "Organization"):
                    self.fact(s.lead_key, "affiliated_with", org, b, 0.65, "description-agent")
        bold_para = b.kind == "para" and bool(BOLD_LEAD.match(b.raw or ""))  # "**OpenHermes-2.5** by Teknium — …"
        if (b.kind != "item" and not bold_para) or not s.lead_key or s.lead_agent is not None or \
                self.is_a(s.lead_key, "Organization", "Person", "Paper"):
            return
        lead = self.head(b)
        if lead is not None:
            start = lead.end()
        elif s.mentions and s.mentions[0].start == 0 and s.mentions[0].id == s.lead_key:
            start = s.mentions[0].end  # "- FlashAttention-2 is by Tri Dao": an item opening with a name
        else:
            return
        found: list[str] = []
        pm = re.match(r"\s*[（(](?P<in>[^()（）]{1,400})[)）]", text[start:])
        if pm:  # "Switch Transformers (Google) …", "SWE-bench (Princeton: A, B; ICLR 2024) …"
            found += self.bracket_makers(s, pm.group("in"), start + pm.start("in"))
            start += pm.end()
        m = re.match(r"[\s:：|｜\-—–,，]*(?:(?:is|was|are|were|comes?|came)\s+(?=from|by)|the\s+)?", text[start:])
        start += m.end() if m else 0
        end = min([i for i in (text.find(c, start) for c in (";", "；", ". ", "。")) if i >= 0] + [len(text)])
        clause = text[start:end].rstrip(".")
        # the description opens with an organization
        first = next((a for a in s.agents if a.start >= start), None)
        if first is not None and first.start - start <= 1 and self.is_a(first.id, "Organization") and \
                re.match(r"(?:'s\b|\s+[a-z]|\s*[,，;；]|\s*的)", text[first.end:]):
            found.append(first.id)
        elif not s.agents or s.agents[0].start >= start + 1:
            om = DESC_OWNER.match(clause)
            if om and not self.linker.link(om.group("n")):
                found.append(self.entity(om.group("n"), b.line, "Organization", 0.6))
        # "… from ORG", "… by ORG" in the first clause
        for fm in DESC_FROM.finditer(clause):
            if re.search(r"(?:paper|work|study|report|article|fine-?tuned|distilled|derived|converted|trained|"
                         r"developed|released|created|built|made|published|open-sourced)\s+$", clause[max(0, fm.start() - 20):fm.start()]):
                continue
            by = clause[fm.start():fm.start() + 2] == "by"
            at, pos = start + fm.start("n"), 0
            for name in NAME_JOINS.split(fm.group("n")):
                here = at + fm.group("n").find(name, pos)
                pos = here - at + len(name)
                known = [a for a in s.agent_spans.starting(here, here + 1)]
                if known:
                    found.append(known[0].id)
                    continue
                seen = self._by_label.get(normalize(name)) if name else None
                if not name or self.linker.link(name) or (seen and self.type_of(seen) and not self.is_a(seen, "Organization", "Person")) \
                        or re.search(r"[A-Za-z]-?\d", name):
                    continue  # a known thing that is not an organization ("rated by GPT-4")
                if name[0].isupper():
                    person = by and re.fullmatch(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}", name) and not ORG_NAME.search(name)
                    found.append(self.entity(name, b.line, "Person" if person else "Organization", 0.6))
                elif any(u.lower().startswith(f"https://github.com/{name.lower()}/") for _, u in b.links) or \
                        f"github.com/{name.lower()}/" in text.lower():
                    found.append(self.entity(name, b.line, "Person", 0.6))
        for ea in ET_AL_ORGS.finditer(text, start):  # "Liu et al. (UW–Madison, Microsoft Research, Columbia)"
            mk = makers_in_brackets(ea.group("orgs").replace("–", "-"))
            for name, person in (mk.names if mk else []):
                org = None if person else self.org_named(name, b.line)
                if org and self.is_a(org, "Organization"):
                    found.append(org)
        for who in dict.fromkeys(k for k in found if k and k != s.lead_key):
            self.fact(s.lead_key, self.maker_key(s.lead_key), who, b, 0.7, "description-agent")

    def bracket_makers(self, s: Scope, inner: str, at: int) -> list[str]:
        """The makers in the brackets after an item's name (see :mod:`graph.ingest.makers`), each person tied to the
        organization the brackets say they are of; none when the brackets hold something else ("(MoE)").

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("- **Foo** (Zeta Labs: Ann Lee, Bo Chen; ICLR 2024) - a benchmark"), Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("developed_by", "affiliated_with"))
        [('ann-lee', 'affiliated_with', 'zeta-labs'), ('bo-chen', 'affiliated_with', 'zeta-labs'), ('foo', 'developed_by', 'ann-lee'), ('foo', 'developed_by', 'bo-chen'), ('foo', 'developed_by', 'zeta-labs')]
        """
        line = s.block.line
        mk = makers_in_brackets(inner)
        if mk is None:
            return []
        keys: dict[str, str] = {}
        starting = {x.start: x for x in reversed(s.mentions)}  # the first mention that starts at each place
        for name, person in mk.names:
            pos = inner.find(name)
            there = starting.get(at + pos) if pos >= 0 else None
            guessed = there is not None and there.id in self.entities and not self.entities[there.id].linked and \
                self.type_of(there.id) in ("", "Software") and not person and re.fullmatch(r"[A-Z][A-Z&\-]{1,9}", name)
            if guessed:  # "(KAUST)": an acronym in a maker's place, typed only by a guess so far
                self.entities[there.id].type = "Organization"
            if there is not None and not self.is_a(there.id, "Organization", "Person"):
                return []  # "(MoE)", "(GPT-4)": a technique or a model, not who made it
            if there is not None:
                keys[name] = there.id
                continue
            known = self.linker.link(name) or self._by_label.get(normalize(name))
            if known and self.type_of(known) and not self.is_a(known, "Organization", "Person"):
                return []
            key = self.entity(name, line, "Person", 0.6, key_hint=ids.person_slug(name)) if person else \
                self.org_named(name, line)
            if not key:
                return []
            keys[name] = key
        for p, o in mk.ties:
            if p in keys and o in keys and self.is_a(keys[p], "Person") and self.is_a(keys[o], "Organization"):
                self.fact(keys[p], "affiliated_with", keys[o], s.block, 0.65, "bracket-makers")
        return list(keys.values())

    def own_verb(self, s: Scope) -> None:
        """ "A 开源的 ...": A (just before the verb) developed the topic, and 开源 makes it open source.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Foo：Meta 开源的对话模型", "own-verb", ["data"])
        [('foo', 'developed_by', 'meta'), ('foo', 'open_source', True)]
        """
        own = OWN_VERB.search(s.text)
        if own and s.topic:
            who = [a for a in s.agents if a.end <= own.start() and own.start() - a.end <= 4]
            who = self.joined(s.text, [a for a in s.agents if a.end <= who[-1].end]) if who else []
            makers = [a.id for a in who]
            lead = self.head(s.block) if who and s.block.kind == "item" and s.lead_key else None
            if lead is not None and re.search(r"(?:与|和|及|、|&|\band)\s*$", s.text[lead.end():who[0].start]):
                who = []  # "- LLaVA：甲大学麦迪逊分校与乙研究院提出的…": a new name joined before the one found
            if not who and s.block.kind == "item" and s.lead_key:
                # "- Name：新名字开源的…", "- Name：甲大学与乙研究院提出的…": new names opening the description made it
                lead = self.head(s.block)
                between = re.sub(r"\s*(?:联合|共同|一起)$", "", s.text[lead.end() if lead else 0:own.start()].strip(" ：:"))
                parts = [p for p in re.split(r"\s*(?:与|和|及|、|&|\band\b)\s*", between) if p] if lead else []
                makers = [self.maker_named(p, s.block.line) for p in parts]
                makers = makers if makers and all(makers) else []
            for a in makers:
                self.fact(s.topic, "developed_by", a, s.block, 0.85, "own-verb")
                if "开源" in s.text[own.start():own.end()]:
                    self.fact(s.topic, "open_source", True, s.block, 0.8, "own-verb")

    def maker_named(self, name: str, line: int) -> str | None:
        """The organization (or person) a name opening a description is: a known one, a short new Chinese name, a
        longer one ending in an organization's word (大学, 研究院, 分校 …), or a capitalised name.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> ex = Extraction(parse_markdown(""), Linker([]))
        >>> ex.maker_named("青松", 1), ex.maker_named("北湖大学西湖分校", 1), ex.maker_named("用于对话", 1)
        ('qingsong', 'beihu-daxue-xihu-fenxiao', None)
        """
        rid = self.linker.link(name)
        if rid:
            return rid if self.is_a(rid, "Organization", "Person") else None
        if re.search(r"^[用以在将被对从]", name) or ADVERBS.search(name):
            return None
        if re.fullmatch(r"[\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff]{2,14}" + ORG_SUFFIX_ZH, name):
            return self.entity(name, line, "Organization", 0.6)
        return self.org_named(name, line)

    def org_named(self, name: str, line: int) -> str | None:
        """The organization a short name is: a known one, or a new capitalised name ("Stanford", "Acme Labs").

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> ex = Extraction(parse_markdown(""), Linker([]))
        >>> ex.org_named("Stanford", 1), ex.org_named("activation-aware weight quantization", 1)
        ('stanford', None)
        """
        name = name.strip()
        rid = self.linker.link(name)
        if rid:
            return rid if self.linker.is_a(rid, "Organization") else None
        if re.fullmatch(r"[A-Z][\w&.\-]{0,30}(?:\s[A-Z][\w&.\-]{0,30}){0,3}", name) and not size_suffix(name):
            return self.entity(name, line, "Organization", 0.6)
        return None

    def possessive_maker(self, s: Scope) -> None:
        """ "Google's FLAN paper", "Hugging Face's Zephyr-7B-beta": the organization made what it owns (a model,
        software, dataset or technique named right after 's).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("Around then, Stanford's Alpaca and Meta's Llama 2-Chat came out.", "possessive", ["data"])
        [('alpaca', 'developed_by', 'stanford'), ('llama-2-chat', 'developed_by', 'meta')]
        """
        if "的" in s.text:
            self.possessive_maker_zh(s)
        if "'s " not in s.text and "’s " not in s.text:
            return
        for m in POSSESSIVE.finditer(s.text):
            org = next((a.id for a in s.agent_spans.starting(m.start("org"), m.end("org"))
                        if self.is_a(a.id, "Organization")), None)
            name = m.group("org")
            if re.match(r"\s+(?:lab|team|group|department|division|unit|labs)\b", s.text[m.end("x"):]) or \
                    name.split()[0] in ("Let", "It", "That", "There", "What", "Here", "Who", "This", "The", "One", "Today"):
                continue  # "MIT's Han lab" is a lab of MIT; "Let's Verify" is no one's
            if org is None and not self.linker.link(name):
                person = PERSON_NAME.fullmatch(name) and not ORG_NAME.search(name)
                org = self.entity(name, s.block.line, "Person" if person else "Organization", 0.55)
            if org is None or not self.is_a(org, "Organization", "Person"):
                continue
            things = [x.id for x in s.mention_spans.starting(m.start("x"), m.start("x") + 1)
                      if x.id != org and self.is_a(x.id, "Model", "Software", "Dataset", "Technique", "Service")]
            if not things and not self.linker.link(m.group("x")):
                key = self.entity(m.group("x"), s.block.line, None, 0.55)
                things = [key] if key and not self.is_a(key, "Organization", "Person", "Source") else []
            for x in things[:1]:
                self.fact(x, "developed_by", org, s.block, 0.7, "possessive")

    def possessive_maker_zh(self, s: Scope) -> None:
        """ "阿里云的通义千问", "Meta 的 LLaMA": the organization right before 的 made the model (software, dataset)
        right after it.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("阿里巴巴集团的 Qwen-7B 开源了。", "possessive")
        [('qwen-7b', 'developed_by', 'ali-baba-jituan')]
        >>> rule_facts("阿里云的 Qwen-7B 模型很受欢迎。", "possessive")
        [('qwen-7b', 'developed_by', 'aliyun')]
        """
        for k, a in enumerate(s.mentions[:-1]):
            b = s.mentions[k + 1]
            if re.fullmatch(r"\s*的\s*", s.text[a.end:b.start]) and self.is_a(a.id, "Organization") and \
                    (self.is_a(b.id, "Model", "Software", "Dataset", "Service") or not self.type_of(b.id)) and \
                    not re.match(r"\s*(?:团队|论文|作者|成员|员工)", s.text[b.end:]):
                self.fact(b.id, "developed_by", a.id, s.block, 0.7, "possessive")

    def publishers(self) -> None:
        """The paper that introduces a model or technique is published by its developers (organizations).

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> from graph.records.load import load_records
        >>> r = Extraction(parse_markdown("1.Foo：https://arxiv.org/abs/2101.00001\\n  备注：OpenAI 提出。"),
        ...                Linker(load_records(["data"]))).run()
        >>> [(f.subject, f.value) for f in r.facts if f.key == "publisher"]
        [('paper-foo', 'openai')]
        """
        dev: dict[str, list[Fact]] = {}
        people: dict[str, list[Fact]] = {}  # the people an item's brackets name as its makers wrote its paper
        for f in self.facts:  # (what a table row or a remark on a paper's line says, not a lab's section heading)
            if f.key == "developed_by" and isinstance(f.value, str) and self.is_a(f.value, "Organization") and \
                    (f.block.kind == "row" or f.rule in ("remark-agent", "description-agent", "developed-by", "own-verb",
                                                          "release-verb")):
                dev.setdefault(f.subject, []).append(f)
            elif f.key == "developed_by" and isinstance(f.value, str) and f.rule == "description-agent" and \
                    self.is_a(f.value, "Person"):
                people.setdefault(f.subject, []).append(f)
        for f in list(self.facts):
            if f.key == "introduced_in" and isinstance(f.value, str) and self.is_a(f.value, "Paper"):
                for d in people.get(f.subject, []):
                    self.fact(f.value, "authors", d.value, d.block, 0.6, "paper-authors")
        have = {(f.subject, f.value) for f in self.facts if f.key == "publisher"}
        for f in list(self.facts):
            if f.key == "introduced_in" and isinstance(f.value, str) and self.is_a(f.value, "Paper"):
                for d in dev.get(f.subject, []):
                    if (f.value, d.value) not in have:
                        have.add((f.value, d.value))
                        self.fact(f.value, "publisher", d.value, d.block, 0.65, "paper-publisher")
