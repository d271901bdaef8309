"""What headings (and ``<details>`` summaries) name: an entity, a date and its sizes, a base model, or the makers of what the section lists.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re
from dataclasses import replace

from graph.ingest import values
from graph.ingest.extraction_state import Scope
from graph.ingest.linker import normalize
from graph.ingest.markdown import Block
from graph.ingest.patterns import (
    DATE_FORMS, GENERIC_HEADINGS, HEADING_NUMBER, ORG_NAME, ORG_SUFFIX_ZH, PAPER_LIKE, REFERENCES, SECTION_TYPES,
    SIZE, SIZES_AFTER, is_category)
from graph.ingest.terms import load_terms

HEADING_DATE = re.compile(r"(?P<d>" + DATE_FORMS + r")\s*(?:[—–:：·|,]|-{1,2}|\s)\s*(?P<rest>\S.*)$")
#: words of a document's own title ("Awesome Alignment", "Reading list", "论文清单")
DOC_TITLE = re.compile(r"\b(?:awesome|survey|notes?|lists?|reading|papers|resources|tracker|digest|weekly|newsletter|guide|"
                       r"overview|roadmap|collection|bookmarks|timeline|review)\b|清单|笔记|综述|调研|汇总|整理|合集|列表|周报|资源|指南|"
                       r"时间线|盘点|梳理", re.I)
#: "Foo：一切的起点", "Foo 2: the second one": a Latin name (up to four words) and a subtitle
HEADING_SUBTITLE = re.compile(r"^(?:[|｜·•\-—–]\s*)?(?P<name>[A-Za-z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,3}|[\u4e00-\u9fff]{2,8}"
                              r"(?:[A-Za-z]{1,4})?)\s*[：:]\s*\S")
#: A heading that is a phrase: three words or more, all but the first in lowercase letters ("Not in the table (yet)")
SENTENCE_HEADING = re.compile(r"^[A-Za-z][a-z]*(?:[\s,]+[(\[]?[a-z]+(?:-[a-z]+)*[)\]]?[?:!.]?){2,}$|"
                              r"^[A-Z][a-z]+\s+[a-z]+s$")  # "Open questions": an adjective and a plural noun


class Headings:
    """What headings (and ``<details>`` summaries) name: an entity, a date and its sizes, a base model, or the makers of what the section lists."""

    def heading_entity(self, b: Block) -> str | None:
        key = self._heading_entity(b)
        if key and len(b.section) >= 2 and b.level >= 3 and not self.entities[key].linked and \
                (not self.type_of(key) or self.is_a(key, "Model", "Software", "Dataset")):
            parent = b.section[-2]  # "## Meta (Llama)" over "### 2023-07-18 — Llama 2": Meta made it
            org = self.section_org(parent, b.line) or self.lab_heading(parent, b.line, b.text)
            if org and org != key and self.is_a(org, "Organization"):
                self.fact(key, "developed_by", org, b, 0.65, "section-developer")
        if key:
            self.parts(b, self.linker.mentions(HEADING_NUMBER.sub("", b.text).strip()))  # for the part_of facts
            for _, url in b.links[:1]:
                owner = self.linker.github_owner(url)
                if owner and owner != key and not self.is_a(key, "Source", "Organization", "ModelFamily"):
                    self.entity(self.linker.records[owner].labels.get("en", owner), b.line)
                    self.fact(key, "developed_by", owner, b, 0.75, "github-owner")
        return key

    def _heading_entity(self, b: Block) -> str | None:
        dm = HEADING_DATE.match(b.text.strip())
        if dm and values.date(dm.group("d")):  # "2024-04-18 — Llama 3 (8B, 70B)": what came out then
            return self.dated_heading(b, dm)
        name = HEADING_NUMBER.sub("", b.text).strip()
        sub = HEADING_SUBTITLE.match(name)
        if sub and not b.links and not PAPER_LIKE.search(name):
            name = sub.group("name")  # "Foo：一切的起点": the heading names Foo, the rest is a subtitle
        dated = re.match(r"(?:19|20)\d{2}\s*年?\s*(?:\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*[：:]\s*(?P<rest>.+)$", name)
        if dated and re.search(r"[\u4e00-\u9fff]{2}|[“”\"]", dated.group("rest")) and not self.linker.link(dated.group("rest")):
            return None  # "2024 年：MoE 和“卷数据”": a period and a theme
        if dated:
            name = dated.group("rest").strip()  # "2025年1月：DeepSeek-R1": the heading names what came then
        elif re.search(r"(?:19|20)\d{2}\s*(?:年|[-–]|s\b)|\b(?:19|20)\d{2}\b.*[\u4e00-\u9fff]", name):
            return None  # "2023 年下半年：百模大战", "2020–2022": a period, not a thing
        if not name or GENERIC_HEADINGS.match(name) or REFERENCES.fullmatch(name):
            return None
        title = self.entities.get(self._source_key) if self._source_key else None
        if b.level == 1 and title is not None and normalize(title.label) in (normalize(b.text), normalize(name)) and \
                not self.linker.link(name) and (DOC_TITLE.search(name) or len(name.split()) >= 4):
            return None  # "# Awesome Alignment": the notes' own title names the notes, not a thing they list
        if not self.linker.link(name) and not b.links and is_category(name):
            return None  # a category such as "Models", "数据集" or "VLM", not an entity
        if re.fullmatch(r"[A-Z][a-z]+(?:[\s\-]+[a-z][a-z\-]*){1,5}", name) and not self.linker.link(name) and \
                not load_terms().named(name) and not self._by_label.get(normalize(name)):
            return None  # "3 Efficient attention", "Data sources": a topic of the notes, not a name
        if len(self.vendor_name(name)) > 1 and not self.linker.link(name):
            return None  # "Zhipu AI / Tsinghua": the makers of what the section lists (see section_developer)
        if re.match(r"(?:the|The)\s+[A-Z]", name) and not self.linker.link(name):
            name = name[4:]  # "The Technology Innovation Institute"
        both = re.fullmatch(r"(?P<zh>[\u4e00-\u9fff]{2,8})\s+(?P<en>[A-Za-z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,2})", name)
        if both and not self.linker.link(name):  # "可图 Kolors": the name, and its name in Chinese
            key = self._heading_entity(replace(b, text=both.group("en"), links=b.links))
            if key and key in self.entities and not self.entities[key].linked:
                self._add_name(self.entities[key], both.group("zh"))
                self._by_label.setdefault(normalize(both.group("zh")), key)
            return key
        url = b.links[0][1] if b.links else None
        alias = re.fullmatch(r"(?P<n>.{2,80}?)\s*[（(](?P<a>[^()（）]{2,40})[)）]", name)
        if alias and not self.linker.link(name):  # "Stable Diffusion XL（SDXL 1.0）": a name and another
            key = self._heading_entity(replace(b, text=alias.group("n"), links=b.links))
            if key and key in self.entities and not self.entities[key].linked:
                self._add_name(self.entities[key], alias.group("a").strip())
            return key
        if self.linker.link(name) or (url and self.linker.link_url(url)):
            return self.entity(name, b.line, url=url)
        mentions = self.linker.mentions(name)
        if mentions and len(mentions[0].text) >= len(name) - 3:
            return self.entity(mentions[0].text, b.line)
        if not b.links and SENTENCE_HEADING.match(name):
            return None  # "How to read the table": a phrase, not a name
        if not b.links and re.fullmatch(r"[A-Z][a-z]+", name) and \
                re.search(r"(?:ing|tion|sion|ment|ness|ity|ics|ance|ence|ism|ogy|ies|ures|ages)$", name):
            return None  # "Licensing", "Libraries", "Reasoning": a topic
        if not b.links and re.fullmatch(r"[\u4e00-\u9fff]{5,}", name) and not re.search(ORG_SUFFIX_ZH + "$", name):
            return None  # "几点个人看法", "标准作业流程": a phrase, not a name
        name_like = bool(b.links) or (re.search(r"[A-Z0-9]", name) and len(name.split()) <= 5
                                      and not re.search(r"[\u4e00-\u9fff]{5,}", name))
        if not name_like:
            return None
        t = (self.type_from_url(url) if url else None) or ("Organization" if ORG_NAME.search(name) else None) or \
            self.type_from_section(Block("heading", "", 0, 0, b.section[:-1]))
        return self.entity(name, b.line, t, 0.8 if b.links else 0.6, url)

    def dated_heading(self, b: Block, dm: re.Match) -> str | None:
        """A heading that gives a date and what came out then ("2024-04-18 — Llama 3 (8B, 70B)", "Sep 27, 2023:
        Mistral 7B"): that entity, released then, with a version for each size in brackets.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("## Acme\\n### 2024-04-18 — Wren 3 (8B, 70B)\\n- Successor to Wren 2."), Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("released", "version_of", "successor_of"))
        [('wren-3', 'released', '2024-04'), ('wren-3', 'successor_of', 'wren-2'), ('wren-3-70b', 'version_of', 'wren-3'), ('wren-3-8b', 'version_of', 'wren-3')]
        """
        rest = dm.group("rest").strip()
        sizes = SIZES_AFTER.search(rest) or re.search(r"\s*[（(](?P<sizes>" + SIZE + r")[)）]\s*$", rest)
        name = rest[:sizes.start()].strip() if sizes else rest
        name = re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", name).strip()
        if not name or GENERIC_HEADINGS.match(name) or len(name.split()) > 6:
            return None
        key = self.entity(name, b.line, self.type_from_section(b) or "LanguageModel", 0.7,
                          b.links[0][1] if b.links else None)
        if not key:
            return None
        if not self.entities[key].linked:
            self.fact(key, "released", values.date(dm.group("d")), b, 0.8, "dated-heading")
        if sizes:
            self.size_versions(key, name, sizes.group("sizes"), b, "dated-heading", 0.65, 0.7)
        return key

    def base_list(self, parent: Block) -> str | None:
        """A heading or list item like "LLaMA 底座" or "Based on LLaMA" makes what it lists build on that model."""
        text = HEADING_NUMBER.sub("", parent.text).strip()
        m = re.fullmatch(r"(?P<x>[^\s：:，,]{2,40})\s*(?:底座|基座)(?:模型|系列)?[：:]?|(?:models\s+)?based on\s+(?P<x2>[\w.\- ]{2,40}?)[：:]?|"
                         r"(?:(?:full\s+|LoRA\s+)?fine-?tunes|derivatives|descendants|children|variants|quantizations|adapters|"
                         r"models\s+built\s+on)\s+(?:of|on|for)\s+(?P<x3>[\w.\- ]{2,40}?)[：:]?|"
                         r"(?:the\s+)?(?P<x4>[\w.\- ]{2,40}?)\s+(?:fine-?tunes|derivatives|descendants|family\s+tree|"
                         r"quantizations|adapters)[：:]?",
                         text, re.I)
        if not m:
            return None
        name = (m.group("x") or m.group("x2") or m.group("x3") or m.group("x4") or "").strip()
        return self.entity(name, parent.line, "LanguageModel", 0.7) if name else None

    def heading_org(self, b: Block) -> str | None:
        """The organization the nearest heading over a block names ("## 01 | 阶跃星辰：微软出来的…" names 阶跃星辰), or None."""
        if not b.section:
            return None
        name = HEADING_NUMBER.sub("", b.section[-1]).strip()
        sub = HEADING_SUBTITLE.match(name)
        for n in ([sub.group("name")] if sub else []) + [name]:
            key = self.linker.link(n) or self._by_label.get(normalize(n))
            if key and self.is_a(key, "Organization"):
                return key
        return None

    def section_developer(self, s: Scope) -> None:
        """A model item under a heading (or ``<details>`` summary) naming an organization was developed by it.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## 智谱AI\\n- GLM-4：语言模型", "section-developer", ["data"])
        [('glm-4', 'developed_by', 'zhipu-ai')]
        """
        if not s.lead_key or (self.type_of(s.lead_key) and not self.is_a(s.lead_key, "Model", "Software", "Dataset")) or \
                any(f.subject == s.lead_key and f.key in ("developed_by", "offered_by") and f.block is s.block
                    for f in self.facts[-8:]):
            return  # (an item of no type yet is one of the makers' products too)
        section = s.block.section
        for i in range(len(section) - 1, -1, -1):
            parts = self.vendor_name(section[i]) or [section[i]]
            orgs = [self.section_org(p, s.block.line) or
                    self.vendor_heading(p, section[i - 1] if i else "", s.block.line, s.text) or
                    (self.lab_heading(p, s.block.line, s.text) if i == len(section) - 1 and i > 0 else None)
                    for p in parts]  # (a loose lab name only in the nearest heading, and never the title)
            if any(orgs):
                for org in dict.fromkeys(o for o in orgs if o):
                    self.fact(s.lead_key, "developed_by", org, s.block, 0.7, "section-developer")
                return

    def vendor_heading(self, heading: str, parent: str, line: int, item: str) -> str | None:
        """A short new name heading a subsection of a models section ("## Models / ### Acme"), when the model item
        under it does not begin with that name (so the heading is no family), is the organization that made them.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## 模型\\n### 青石\\n- Foo-7B：对话模型", "section-developer")
        [('foo-7b', 'developed_by', 'qingshi')]
        >>> rule_facts("## Models\\n### Foo\\n- Foo-7B: a chat model", "section-developer")
        []
        """
        name = HEADING_NUMBER.sub("", heading).strip()
        parent = HEADING_NUMBER.sub("", parent).strip()
        if not parent or self.category(parent) not in ("Model", "LanguageModel") or len(parent) > 40:
            return None
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,10}|[A-Z][\w&.\-]{1,30}(?:\s[A-Z][\w&.\-]{1,30}){0,3}", name) or \
                re.search(r"\d|系列|家族|family|series", name, re.I) or self.linker.link(name) or \
                is_category(name) or GENERIC_HEADINGS.match(name):
            return None
        if normalize(item[:len(name)]) == normalize(name):
            return None  # "### Foo" over "Foo-7B": a family, not a maker
        return self.entity(name, line, "Organization", 0.6)

    def lab_heading(self, heading: str, line: int, item: str) -> str | None:
        """A heading that is a lab's name ("## Google DeepMind", "## xAI", "## Alibaba Cloud (Qwen team)") over a model
        item that does not begin with it: the lab made it. A name of two or three capitalised words, or one word
        spelt as a name (OpenAI, xAI, IBM), or one word that is no common noun ("Anthropic", not "Reasoning").

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("# Tracker\\n## Google DeepMind\\n- **Gemma** - open weights, a model.\\n"
        ...            "## Reasoning\\n- **o1** - a model.", "section-developer")
        [('gemma', 'developed_by', 'google-deepmind')]
        """
        name = re.sub(r"\s*[（(][^()（）]*[)）]\s*$", "", HEADING_NUMBER.sub("", heading)).strip()
        if not name or is_category(name) or GENERIC_HEADINGS.match(name) or SENTENCE_HEADING.match(name) or \
                normalize(item[:len(name)]) == normalize(name) or re.search(r"\d|系列|家族|family|series", name, re.I):
            return None
        rid = self.linker.link(name)
        if rid:
            return rid if self.is_a(rid, "Organization") else None
        words = name.split()
        if re.search(r"[\u4e00-\u9fff]", name):
            ok = bool(re.fullmatch(r"[\u4e00-\u9fff]{1,10}" + ORG_SUFFIX_ZH, name) or ORG_NAME.search(name))
        elif not re.fullmatch(r"[A-Za-z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,2}", name):
            ok = False
        elif len(words) > 1:
            ok = words[0][0].isupper()
        else:
            ok = bool(re.search(r"[a-z][A-Z]|^[A-Z]{2,}$|^[a-z][A-Z]", name)) or (
                name[0].isupper() and not re.search(r"(?:ing|tion|sion|ment|ness|ity|ics|ance|ence|ism|ogy|ure|age|s)$",
                                                    name))
        return self.entity(name, line, "Organization", 0.6) if ok else None

    def section_org(self, heading: str, line: int) -> str | None:
        """The organization a heading names: a known one, or a new name with an organization's word."""
        name = HEADING_NUMBER.sub("", heading).strip()
        rid = self.linker.link(name)
        if rid:
            return rid if self.linker.is_a(rid, "Organization") else None
        if re.match(r"The\s+[A-Z]", name):
            name = name[4:]  # "The Technology Innovation Institute"
        if len(name) <= 40 and ORG_NAME.search(name) and not any(rx.search(name) for rx, _ in SECTION_TYPES[-1:]):
            return self.entity(name, line, "Organization", 0.6)
        return None
