"""List items and their fields: the head an item is about, its fields and sub-items, its links, and remarks on it.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re
from dataclasses import replace

from graph.ingest import ids, values
from graph.ingest.extraction_state import Scope
from graph.ingest.ids import slugify
from graph.ingest.linker import Mention, normalize
from graph.ingest.makers import is_person
from graph.ingest.markdown import Block
from graph.ingest.patterns import (
    ATTRIBUTE, BARE_URL, BOLD_LEAD, CO_HEADS, DESCRIPTION, FIELD, FIELDS, GENERIC_HEADINGS, LINK_LABEL, NAME_JOINS,
    NOT_A_NAME, NOT_NAMES, ORG_NAME, PAPER_LIKE, REMARK, YEAR_LEAD, _lang)

#: a bold lead-in that is a headline, not a name: "**Google hires Character.AI's founders.**", "**Small models.**"
HEADLINE = re.compile(r".*[.!?。！？]\s*|(?:\S+\s+){2,}(?:[a-z][\w'’\-]*\s+)(?:\S+\s+)*[a-z][\w'’\-]*")
#: "Name：…", "Name: …", "Name - …", "Name — …", "Name | …": the head of an item and the start of its body
#: (an alias in brackets may follow the name: "文心一言（ERNIE Bot）：…")
LEAD = re.compile(r"^(?P<name>[A-Za-z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,3}|[\u4e00-\u9fff]{2,12})"
                  r"(?:\s*[（(](?P<alias>(?=[^（）()]*[A-Za-z\u4e00-\u9fff])[^（）()\n：:]{1,30})[）)])?"
                  r"(?:\s*[：:|｜]|\s+[-—–]{1,2}\s)")
#: the name a remark on a paper opens with: "提出 ResNet，…", "ViT，把…", "MAE, masks 75% …", "Introduces LoRA."
REMARK_NAMES = re.compile(r"\s*(?:提出(?:了)?|引入(?:了)?|introduces?|proposes?)?\s*(?P<n>[A-Z][\w.\-]*[A-Za-z0-9](?:\s[A-Z0-9][\w.\-]*){0,2})"
                          r"(?=\s*[，,：:。；;（(]|\s+(?:is|was|uses|masks|adds|把|用|在|是))", re.I)
#: an entry's whole text as a name or a title, with a venue or a date in brackets after it
TITLE_ENTRY = re.compile(r"(?P<name>[A-Z0-9\u4e00-\u9fff“\"][^。！？!?；;\n]{1,200}?)\s*(?:[（(](?P<venue>[^()（）]{2,40})[)）])?\s*[.。]?")
#: "Claude 3 Opus: the top tier …", "Mistral Large: …": a paragraph that opens with a name and a colon
PARA_HEAD = re.compile(r"(?P<name>[A-Z][\w.\-]*(?:\s[A-Za-z0-9][\w.\-]*){0,4}):\s+(?=[a-z\d(“\"])")
#: "Mistral AI is a French start-up": a leading name and what it is
IS_A = re.compile(r"^(?P<name>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,3})\s+(?:is|was)\s+(?:a|an|the)\s+"
                  r"(?P<what>[^.,;]{1,80})")
#: the same keys anywhere in a paragraph that strings several fields together ("Developed by: Meta License: MIT")
FIELD_IN_TEXT = re.compile(r"(?:^|(?<=\s)|(?<=[。；;]))(?P<k>" + "|".join(rx for _, rx in FIELDS) + r"|model type|language\(s\)|"
                           r"languages?|语言|类型|论文|paper|链接|地址|homepage|repository|代码|code|备注|简介|说明|note|notes|"
                           r"remarks?)\s*[：:]", re.I)
#: licences that make a model open source
OPEN_LICENSES = re.compile(r"apache|\bmit\b|bsd|cc[- ]by|gpl|openrail|llama ?\d? community|mpl|开源|open", re.I)
#: The words in an item's body that make its head a model
MODEL_WORDS = re.compile(r"语言模型|对话模型|大模型|language model|chat model|\bLLM\b", re.I)
LEAD_PERSON = re.compile(r"^(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\s*[,，]")
#: what one name's facts say of it alone
NOT_SHARED = {"label", "aliases", "url", "homepage", "repository", "ids", "parameters", "description", "in_source"}
def _prefix(text: str, n: int) -> re.Match:
    """A match of the first ``n`` characters of ``text`` as the group ``name`` (one pattern per length, so
    the patterns stay in ``re``'s cache instead of one compiled per name).

    >>> _prefix("Foo Bar is a model", 7).group("name")
    'Foo Bar'
    """
    return re.match(r"(?P<name>.{%d})" % n, text, re.S)


class Items:
    """List items and their fields: the head an item is about, its fields and sub-items, its links, and remarks on it."""

    def co_heads(self, b: Block, key: str, start: int) -> None:
        """ "- **Wren 9B** and **Wren 27B** — …": an item with two bold heads says the same of both (the facts the
        rules found for the first since ``start``, but its names, links and size).

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(f for f in rule_facts("## OpenAI\\n- **Wren 9B** and **Wren 27B** — Uses grouped-query attention.",
        ...                              "co-head", ["data"]))
        [('wren-27b', 'developed_by', 'openai'), ('wren-27b', 'uses', 'grouped-query-attention')]
        """
        m = CO_HEADS.match(b.raw)
        if not m or normalize(m.group("a")) != normalize(self.entities[key].label if key in self.entities else ""):
            return
        other = self.entity(m.group("b").strip(), b.line, self.type_of(key), 0.65)
        if not other or other == key:
            return
        for f in self.facts[start:]:
            if f.subject == key and f.key not in NOT_SHARED:
                self.fact(other, f.key, f.value, f.block, f.confidence, "co-head")

    def remark_agent(self, s: Scope) -> None:
        """ "备注：Meta 发布，…", "Note: Acme's …": an organization that begins a remark made (or published) the item.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> from graph.records.load import load_records
        >>> r = Extraction(parse_markdown("1.Foo：https://arxiv.org/abs/2101.00001\\n  备注：OpenAI 提出，一个方法。"),
        ...                Linker(load_records(["data"]))).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("developed_by", "introduced_in"))
        [('foo', 'developed_by', 'openai'), ('foo', 'introduced_in', 'paper-foo')]
        """
        m = REMARK.match(s.text)
        start = m.end() if m else 0
        first = next((a for a in s.agents if a.start >= start), None)
        if not s.mentions or s.mentions[0].start - start > 1:
            first = self.remark_new_org(s, start) or first
        if first is None or first.start - start > 1 or not self.is_a(first.id, "Organization"):
            return
        if re.match(r"\s*(?:的|'s\b|[，,：:]|(?:发布|提出|推出|开源|开发|研发|released|introduced|proposed)|"
                    r"(?:从|为|按|把|用|基于|将|对|整理|收集|构建|制作)|[a-z]+ed\b)", s.text[first.end:]):
            self.fact(s.topic, "developed_by", first.id, s.block, 0.75, "remark-agent")

    def remark_new_org(self, s: Scope, start: int) -> Mention | None:
        """A new organization opening a remark: a short Chinese name right before 提出/发布/推出/开源/研发, a Chinese
        name with an organization's word (智能, 公司, 实验室, …) before a comma or 的, or a capitalised name ending in
        such a word (AI, Labs, Inc) before 的 or 's.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("1.Foo：https://arxiv.org/abs/2101.00001\\n  备注：青松提出，一个方法。"), Linker([])).run()
        >>> [(f.subject, f.value) for f in r.facts if f.key == "developed_by"]
        [('foo', 'qingsong')]
        """
        rest = s.text[start:start + 60]
        m = re.match(r"\s*(?P<n>[\u4e00-\u9fff]{2,5}?)(?=提出|发布|推出|开源|研发)", rest) or \
            re.match(r"\s*(?P<n>[\u4e00-\u9fff]{1,8}?(?:公司|集团|科技|智能|实验室|研究院|大学))(?=[，,的])", rest) or \
            re.match(r"\s*(?P<n>[A-Z][\w&.\-]{0,30}(?:\s[A-Z][\w&.\-]{0,30}){0,2})(?=\s*(?:的|'s\b))", rest)
        spelt = None
        if not m:  # "Note: Cerebras deduplicated …", "备注：HuggingFaceH4 把 …": a new name doing something
            spelt = m = re.match(r"\s*(?P<n>[A-Za-z][\w&.\-]{1,30})(?=\s+[a-z]+ed\b|\s*把|'s\b)", rest)
        if not m or (re.match(r"[A-Z]", m.group("n")) and not ORG_NAME.search(m.group("n")) and not spelt):
            return None
        if self.linker.link(m.group("n")):
            return None
        key = self.entity(m.group("n"), s.block.line, "Organization", 0.6)
        if not key or not self.is_a(key, "Organization"):
            return None
        return Mention(key, start + m.start("n"), start + m.end("n"), m.group("n"))

    def lead_name(self, b: Block, base: str | None, mentions: list[Mention], agents: list[Mention]
                  ) -> tuple[str | None, list[Mention], list[Mention]]:
        """ "- Name：...": the entity a list item is about (typed by the words after it or its section),
        and the mentions and agents with it.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> ex = Extraction(parse_markdown("## People\\n- Ann Lee, a researcher"), Linker([]))
        >>> key, mentions, _ = ex.lead_name(ex.doc.blocks[1], None, [], [])
        >>> key, ex.entities[key].type, [m.text for m in mentions]
        ('ann-lee', 'Person', ['Ann Lee'])
        """
        text = b.text
        lead = self.head(b)
        if not lead:
            first = mentions[0] if mentions else None
            if b.kind == "item" and first is not None and first.start == 0 and \
                    not self.is_a(first.id, "Organization", "Person", "Source") and \
                    re.match(r"\s*(?:[（(]|is\b|was\b|are\b|comes?\b|came\b|from\b|by\b)", text[first.end:]):
                return first.id, mentions, agents  # "- GPTQ (…) is …", "- FlashAttention-2 is by …"
            return None, mentions, agents
        name = lead.group("name").strip()
        bare = BARE_URL.match(text[lead.end():].lstrip())  # "Name - https://…": the URL right after the head
        url = next((u for t_, u in b.links if t_ and t_.strip() == name), None) or (bare.group() if bare else None)
        of = re.fullmatch(r"(?P<x>.+?)\s*的?\s*(?:论文|技术报告|paper|technical report|report)", name, re.I)
        if of and url and self.type_from_url(url) == "Paper":
            name = of.group("x").strip()  # "FineWeb 论文：<arXiv>", "Dolma paper - <arXiv>": the paper of FineWeb
        if url and self.type_from_url(url) == "Paper" and not self.type_from_title(name) and len(name.split()) <= 4:
            # "LoRA：https://arxiv.org/…": a short name with a paper's link names what the paper introduces
            t = self.type_from_words(text, lead.end()) or self.type_from_is_a(lead) or \
                next((x for x in [self.type_from_section(b)] if x != "Paper"), None) or \
                ("LanguageModel" if base or MODEL_WORDS.search(text, lead.end()) else None)
            key = self.entity(name, b.line, t, 0.7)
            if key and not self.is_a(key, "Paper"):
                self.paper_for(key, "", url, b, "head-paper")
                if not any(m.id == key for m in mentions):
                    mentions = sorted(mentions + [Mention(key, lead.start("name"), lead.end("name"), name)],
                                      key=lambda m: m.start)
                return key, mentions, agents
        t = (self.type_from_url(url) if url and not ids.github_repo(url) else None) or \
            self.type_from_words(text, lead.end()) or self.type_from_is_a(lead) or self.type_from_title(name) or \
            self.type_from_section(b) or ("LanguageModel" if base or MODEL_WORDS.search(text, lead.end()) else None)
        alias = (lead.groupdict().get("alias") or "").strip()
        hint = slugify(alias) if alias and _lang(name) == "zh" and re.match(r"[A-Za-z]", alias) else None
        key = self.entity(name, b.line, t, 0.7, url, key_hint=hint)
        if key and alias and not self.entities[key].linked:
            self._add_name(self.entities[key], alias)  # "Name（Alias）：…" names it twice
        if key and not any(m.id == key for m in mentions):
            mentions = sorted(mentions + [Mention(key, lead.start("name"), lead.end("name"), name)],
                              key=lambda m: m.start)
            if self.is_a(key, "Organization", "Person"):
                agents = sorted(agents + [mentions[[m.id for m in mentions].index(key)]], key=lambda m: m.start)
        return key, mentions, agents

    def head(self, b: Block) -> re.Match | None:
        """The head of an item (or of a paragraph "Name：URL"): the name before ：, :, -, — or |, a bold name,
        the text of a link that begins it, or a name that "is a ..." (a match with the group ``name``).

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> ex = Extraction(parse_markdown("- **Foo Bar** 是一个模型\\n- [Baz](https://x.org)：工具\\n\\nQux：https://x.org/q"), Linker([]))
        >>> [ex.head(b).group("name") for b in ex.doc.blocks]
        ['Foo Bar', 'Baz', 'Qux']
        """
        text = b.text
        if b.kind == "para":
            m = LEAD.match(text)
            if m and re.match(r"\s*https?://", text[m.end():]):
                return m
            bold = BOLD_LEAD.match(b.raw or "")  # "**Zephyr-7B-beta** is …": a model card's paragraph
            if bold and (HEADLINE.fullmatch(bold.group("name").strip()) or
                         GENERIC_HEADINGS.match(bold.group("name").strip().rstrip(":："))):
                return None
            named = PARA_HEAD.match(text) if not bold else None
            if named and not FIELD.match(text) and not GENERIC_HEADINGS.match(named.group("name")) and \
                    (re.search(r"\d|[a-z][A-Z]|^[A-Z]{2,}", named.group("name")) or
                     len(re.findall(r"(?<![\w.\-])[A-Z]", named.group("name"))) >= 2):
                return named  # "Claude 3 Opus: the top tier of …": a paragraph that defines a name
            if bold and text.startswith(bold.group("name").strip()) and len(bold.group("name")) <= 60:
                return _prefix(text, len(bold.group("name").strip()))
            return None
        if b.kind != "item" or YEAR_LEAD.match(text) or DESCRIPTION.match(text):
            return None  # (a "简介：…" sub-item describes its parent's head)
        bold = BOLD_LEAD.match(b.raw or "")
        if bold and re.search(r"[.!?。！？]$", bold.group("name").strip()):
            bold = None  # "- **Keep an eye on this.** …": a headline
        if bold and text.startswith(bold.group("name").strip()):
            return _prefix(text, len(bold.group("name").strip()))
        for t_, _ in b.links[:1]:
            if t_ and text.startswith(t_) and len(t_) <= 80:
                return _prefix(text, len(t_))
        lead = LEAD.match(text) or IS_A.match(text)
        if lead is None and self.type_from_section(b) == "Person":
            lead = LEAD_PERSON.match(text)
        return lead

    def attribute(self, head: str, b: Block) -> bool:
        """A sub-item "地址：URL", "简介：…", "Paper: TITLE", "GitHub: URL" says something of its parent's head.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("## Models\\n- Foo：对话模型\\n  - 地址：https://github.com/acme/foo\\n"
        ...                              "  - 简介：一个小模型\\n  - Paper: https://arxiv.org/abs/2307.09288"), Linker([])).run()
        >>> sorted((f.subject, f.key, str(f.value)) for f in r.facts if f.rule == "attribute" and f.subject == "foo")
        [('foo', 'description', "{'zh': '一个小模型'}"), ('foo', 'introduced_in', 'paper-foo'), ('foo', 'repository', 'https://github.com/acme/foo')]
        >>> r.entities["paper-foo"].ids, "地址" in r.entities
        ({'arxiv': '2307.09288'}, False)
        """
        f = FIELD.match(b.text)
        if f and not ATTRIBUTE.match(b.text):
            return self.field(head, f, b)
        m = ATTRIBUTE.match(b.text)
        if not m:
            return False
        kind, value = m.group("k").lower(), m.group("v").strip()
        urls = list(dict.fromkeys([u for _, u in b.links] + BARE_URL.findall(value)))  # a bare URL is a link too
        if re.match(r"简介|介绍|说明|描述|description|备注|附注|点评|note|remark|comment", kind):
            if value:
                self.fact(head, "description", {_lang(value): value}, b, 0.7, "attribute")
            named = REMARK_NAMES.match(value) if value and self.is_a(head, "Paper") else None
            if named and not NOT_A_NAME.fullmatch(named.group("n")) and not self.linker.link(named.group("n")) or \
                    (named and self.linker.link(named.group("n")) and not self.is_a(self.linker.link(named.group("n")), "Paper")):
                key = self.entity(named.group("n"), b.line, None, 0.6)  # "备注：提出 ResNet，…", "Note: ViT, …"
                if key and key != head and not self.is_a(key, "Organization", "Person", "Paper", "Source"):
                    self.fact(key, "introduced_in", head, b, 0.65, "remark-name")
            return True
        if kind in ("data", "数据") and urls and self.is_a(head, "Model"):
            for url in urls[:1]:  # "Data: <a dataset's page>" under a model: what it was trained on
                name = ids.identifiers(url).get("huggingface", url).rsplit("/", 1)[-1]
                key = self.entity(name, b.line, "Dataset", 0.65, url)
                if key and key != head:
                    self.fact(head, "trained_on", key, b, 0.7, "attribute")
            return True
        if self.is_a(head, "Paper"):  # "- 链接：<arXiv>" under a paper: its own address
            for url in urls[:1]:
                self.url_of(head, url, b, "attribute")
            return True
        if kind in ("paper", "论文", "arxiv", "report", "技术报告", "technical report") or \
                any(self.type_from_url(u) == "Paper" for u in urls):
            url = next((u for u in urls if self.type_from_url(u) == "Paper"), urls[0] if urls else None)
            title = next((t for t, u in b.links if u == url and t and not t.startswith("http")), None) or \
                (value if value and not value.startswith("http") else None)
            if url or title:  # the paper is paper-<head> when only its link is given (see paper_for)
                self.paper_for(head, title or "", url, b, "attribute")
            return True
        for url in urls:
            self.url_of(head, url, b, "attribute")
        return True

    def field(self, head: str, f: re.Match, b: Block) -> bool:
        """A field of an entry ("机构：智谱AI", "Base model: Mistral 7B", "参数量：60亿") says that of its head.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("## 模型\\n### Foo-7B\\n- 机构：青松科技、Acme AI\\n- 基座模型：Bar\\n- 参数量：70亿\\n"
        ...                              "- 发布时间：2024年3月\\n- 训练数据：BazSet\\n- License: Apache 2.0"), Linker([])).run()
        >>> sorted((f.subject, f.key, str(f.value)) for f in r.facts if f.rule == "field")
        [('foo-7b', 'based_on', 'bar'), ('foo-7b', 'developed_by', 'acme-ai'), ('foo-7b', 'developed_by', 'qingsong-keji'), ('foo-7b', 'open_source', 'True'), ('foo-7b', 'parameters', '7000000000'), ('foo-7b', 'released', '2024-03'), ('foo-7b', 'trained_on', 'bazset')]
        """
        kind = next(k for k, _ in FIELDS if f.group(k))
        value = f.group("v").strip().rstrip("。.;；")
        line = b.line
        allies = re.sub(r"\s*[（(]\s*(?:联合|与|和|及|with|and|together with|jointly with)\s*([^()（）]*)[)）]", r"、\1", value, flags=re.I)
        names = [n.strip(" *_`") for n in NAME_JOINS.split(re.sub(r"\s*[（(][^()（）]*[)）]", "", allies)) if n.strip(" *_`")]
        if kind == "maker":
            paper = self.is_a(head, "Paper")
            authors = bool(re.match(r"authors?|作者", f.group("k"), re.I))
            for n in names[:16]:
                n = re.sub(r"\s*(?:等人?|等|et\s+al\.?)$", "", n).strip()
                if not n:
                    continue
                if authors and (is_person(n) or re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)):
                    who = self.linker.link(n) or self.entity(n, line, "Person", 0.7, key_hint=ids.person_slug(n))
                    if who and who != head and self.is_a(who, "Person"):
                        self.fact(head, "authors" if paper else "developed_by", who, b, 0.8, "field")
                    continue
                who = self.maker_named(n, line)
                if who and who != head:
                    self.fact(head, "publisher" if paper and self.is_a(who, "Organization") else "developed_by", who, b,
                              0.8, "field")
        elif kind in ("base", "data"):
            value = BARE_URL.sub(lambda u: ids.identifiers(u.group()).get("huggingface", ""), value)
            hub: set[str] = set()  # the names of Hub ids ("meta-llama/Llama-3.2-1B" names Llama-3.2-1B)

            def hub_name(h: re.Match) -> str:
                hub.add(h.group("n"))
                return h.group("n")

            value = re.sub(r"(?<![\w.\-/])[\w.\-]+/(?P<n>[\w.\-]+)", hub_name, value)
            names = [re.sub(r"^(?:on|and|the)\s+", "", n.strip(" *_`")) for n in NAME_JOINS.split(re.split(r"[;；]", value)[0])]
            for n in names[:6]:
                n = n.rsplit("/", 1)[-1] if re.fullmatch(r"[\w.\-]+/[\w.\-]+", n) else n  # a Hub id: its name
                if len(n) > 60 or n.lower() in NOT_NAMES or len(n.split()) > 4 or re.match(r"\d", n) or \
                        not (n in hub or re.search(r"[A-Z0-9_\-\u4e00-\u9fff]", n)) or \
                        re.match(r"(?:none|n/a|unknown|无|未知)", n, re.I):
                    continue  # "3.4T tokens of synthetic data", "none listed": no name
                key = self.entity(n, line, "LanguageModel" if kind == "base" else "Dataset", 0.65)
                if key and key != head:
                    fine = kind == "base" and re.search(r"fine-?tuned", f.group("k"), re.I)
                    self.fact(head, "based_on" if kind == "base" else "trained_on",
                              {"id": key, "kind": "finetune"} if fine else key, b, 0.8, "field")
        elif kind == "params":
            sizes = values.parameter_counts(value if re.search(r"参数|param", value, re.I) else value + " 参数")
            if len(sizes) == 1:
                self.fact(head, "parameters", sizes[0], b, 0.8, "field")
        elif kind == "date":
            d = values.date(value)
            if d:
                self.fact(head, "released", d, b, 0.8, "field")
        elif kind == "license" and OPEN_LICENSES.search(value):
            self.fact(head, "open_source", True, b, 0.75, "field")
        return True

    def title_head(self, item: Block, first_field: Block) -> str | None:
        """The entity an item is when its whole text is a name or a title (with a venue or date in brackets) and
        fields follow it as sub-items: a paper when the brackets give a venue or the fields are a paper's."""
        m = TITLE_ENTRY.fullmatch(item.text)
        if not m or (len(m.group("name").split()) < 2 and not m.group("venue") and _lang(m.group("name")) == "en") or \
                YEAR_LEAD.match(item.text) or re.search(r"[，：；]", m.group("name")) or len(m.group("name")) > 150:
            return None  # (a sentence, "2023年：…", is no title)
        paperish = bool(m.group("venue") and re.search(r"(?:19|20)\d{2}", m.group("venue"))) or \
            bool(re.match(r"\s*(?:作者|authors?|会议|venue|论文|paper|arxiv)\s*[：:]", first_field.text, re.I)) or \
            bool(PAPER_LIKE.search(m.group("name")))
        url = next((u for _, u in item.links), None)
        key = self.entity(m.group("name"), item.line, "Paper" if paperish else self.type_from_section(item), 0.7, url)
        if key and m.group("venue") and self.is_a(key, "Paper"):
            year = re.search(r"(?:19|20)\d{2}", m.group("venue"))
            if year and not self.entities[key].linked:
                self.fact(key, "released", year.group(), item, 0.7, "title-entry")
        return key

    def inline_entry(self, b: Block) -> str | None:
        """ "Title (CVPR 2022) 作者：A 等 机构：B 链接：URL": an item that names a paper and strings its fields."""
        keys = list(FIELD_IN_TEXT.finditer(b.text))
        if len(keys) < 2 or keys[0].start() < 8 or self.head(b) is not None:
            return None
        m = TITLE_ENTRY.fullmatch(b.text[:keys[0].start()].strip())
        if not m:
            return None
        title = m.group("name")
        latin = re.search(r"[A-Z][A-Za-z0-9\-]*(?:[\s:,\-]+[A-Za-z0-9][A-Za-z0-9\-]*){2,}$", title)
        if _lang(title) == "zh" and latin:
            title = latin.group()  # "高分辨率图像合成 High-Resolution …": the paper's own title, after a translation
        key = self.entity(title, b.line, "Paper", 0.7)
        if not key:
            return None
        if m.group("venue") and (year := re.search(r"(?:19|20)\d{2}", m.group("venue"))) and not self.entities[key].linked:
            self.fact(key, "released", year.group(), b, 0.7, "title-entry")
        self.fields_in_text(key, b, keys[0].start())
        return key

    def fields_in_text(self, head: str, b: Block, start: int = 0) -> bool:
        """A paragraph that strings fields together ("Developed by: Meta License: Llama 2 … Base model: …") from
        ``start`` on: each field is read as a field of the head. True if it was such a paragraph."""
        keys = list(FIELD_IN_TEXT.finditer(b.text, start))
        if len(keys) < 2 or keys[0].start() > start:
            return False
        for k, nxt in zip(keys, keys[1:] + [None]):
            piece = b.text[k.start():nxt.start() if nxt else len(b.text)].strip()
            f = FIELD.match(piece)
            if f:
                self.field(head, f, replace(b, text=piece))
            elif ATTRIBUTE.match(piece):
                self.attribute(head, replace(b, text=piece, links=[(t, u) for t, u in b.links if u in piece]))
        return True

    def model_card(self, b: Block, heading_topic: str | None, base: str | None) -> str | None:
        """A paragraph that opens with a bold name and goes on with fields ("**Foo-7B** is a chat model. Developed by:
        Acme License: MIT"): the text before the fields is read about the name, the fields as its fields.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("**Foo-7B** is a chat model.\\nDeveloped by: Acme AI\\nLicense: MIT\\n"), Linker([])).run()
        >>> sorted((f.subject, f.key, str(f.value)) for f in r.facts if f.rule == "field")
        [('foo-7b', 'developed_by', 'acme-ai'), ('foo-7b', 'open_source', 'True')]
        """
        lead = self.head(b)
        if lead is None or re.match(r"\s*https?://", b.text[lead.end():]):
            return None
        keys = list(FIELD_IN_TEXT.finditer(b.text, lead.end()))
        if len(keys) < 2 or not FIELD.match(b.text[keys[0].start():]):
            return None
        cut = keys[0].start()
        intro = b.text[:cut].strip()
        links = [(t, u) for t, u in b.links if t and t in intro]
        name = lead.group("name").strip()
        head = self.entity(name, b.line, self.type_from_words(b.text, lead.end()) or self.type_from_section(b) or
                           ("LanguageModel" if MODEL_WORDS.search(intro) or re.search(r"\bmodel\b", intro) else None), 0.7)
        if not head:
            return None
        self.block(replace(b, text=intro, links=links, raw=intro), heading_topic, base, lead=head)
        self.fields_in_text(head, replace(b, links=[(t, u) for t, u in b.links if (t, u) not in links]), cut)
        return head

    def url_of(self, head: str, url: str, b: Block, rule: str) -> None:
        """A URL of a head: a GitHub repository is its ``repository``, a Hugging Face page gives its id, else its ``url``."""
        e = self.entities.get(head)
        if e is None:
            return
        if not e.linked:
            for k, v in ids.identifiers(url).items():
                if k in self.linker.vocab.keys and not (k == "github" and self.is_a(head, "Organization")):
                    e.ids.setdefault(k, v)
        if ids.github_repo(url):
            self.fact(head, "repository", url, b, 0.85, rule)
        elif not e.linked:
            self.fact(head, "url" if self.is_a(head, "Paper") else "homepage", url, b, 0.8, rule)

    def head_urls(self, s: Scope) -> None:
        """A URL in an item or "Name：URL" line that is the head's own (its link, or a bare URL after it).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("ChatGLM2-6B：https://github.com/THUDM/ChatGLM2-6B", "head-url")
        [('chatglm2-6b', 'repository', 'https://github.com/THUDM/ChatGLM2-6B')]
        """
        if not s.lead_key:
            return
        e = self.entities.get(s.lead_key)
        names = e.names | {e.label} if e else set()
        urls = [u for t_, u in s.block.links if t_ in names] + BARE_URL.findall(s.text)[:1]
        for url in urls[:1]:
            if self.type_from_url(url) == "Paper" and not self.is_a(s.lead_key, "Paper"):
                continue  # the paper that introduces it (see lead_name), not its own page
            self.url_of(s.lead_key, url, s.block, "head-url")

    def labelled_links(self, s: Scope) -> None:
        """ "- [Foo](…) - … [[paper](arXiv)] [[code](GitHub)]": links whose text says what they are belong to the
        item's head: the paper that introduced it, its repository, its Hub id, its homepage.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(rule_facts("- [Foo](https://foo.example) - a tool. [[paper](https://arxiv.org/abs/2101.00001)] "
        ...                   "[[code](https://github.com/acme/foo)]", "labelled-link"))[:2]
        [('foo', 'introduced_in', 'paper-foo'), ('foo', 'repository', 'https://github.com/acme/foo')]
        """
        head = s.lead_key or s.topic
        if not head or self.is_a(head, "Paper", "Organization", "Person", "Source"):
            return
        for text, url in s.block.links:
            m = LINK_LABEL.fullmatch(text or "")
            if not m or not url.startswith(("http://", "https://")):
                continue
            if m.group("paper") or self.type_from_url(url) == "Paper":
                if not any(f.subject == head and f.key == "introduced_in" for f in self.facts[-20:]):
                    self.paper_for(head, "", url, s.block, "labelled-link")
            else:
                self.url_of(head, url, s.block, "labelled-link")

    def first_model_topic(self, s: Scope) -> None:
        """A block about nothing else so far is about the first model (or software, or dataset) it names."""
        if s.topic is None:
            s.topic = s.models[0].id if s.models else None
            s.guessed = s.topic is not None
