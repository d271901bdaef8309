"""Finding the names in a block: known entities, the field's terms, Hub ids, versions and sizes of known models, and new names that read as a model's, an organization's or a person's.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re

from graph.ingest import ids
from graph.ingest.extraction_state import Entity
from graph.ingest.linker import Mention, normalize, size_suffix
from graph.ingest.markdown import Block
from graph.ingest.patterns import (
    ADVERBS, BARE_URL, CITATION_TEXT, HUB_ID, LEAD_VERB, LINK_LABEL, NOT_MAKERS_ZH, NOT_NAMES, NOT_ORGS_ZH,
    ORG_NAME, ORG_NAME_EN, RELEASER_EN, SENTENCE_END, SENTENCE_IS_A, SIZED, WORD_TYPES, _HAN, _KIND, _NAME,
    _ORG_ZH_NAME, _lang, kind_type)
from graph.ingest.terms import load_terms

#: the words for a tier of a model that follow its name ("Claude 3 Haiku", "Gemini 1.5 Pro", "GPT-4 Turbo")
VARIANT_WORD = re.compile(r"\s(?P<w>Pro|Ultra|Nano|Flash|Lite|Mini|Max|Plus|Turbo|Large|Medium|Small|Tiny|Haiku|Sonnet|Opus|"
                          r"Instruct|Chat|Base|Vision|Coder|Math|Omni|XL|XXL)(?![\w\-.])(?!\s[A-Z0-9])")
RELEASED_NAME = re.compile(r"(?:发布|推出|开源|发表)(?:了)?(?:一个|一款)?\s*(?P<n>[A-Za-z][\w.\-]{0,100}[\w])\s*"
                           r"(?P<w>模型|库|框架|数据集|model|library)")
RELEASER = re.compile(r"(?<![\w-])(?P<n>[A-Z][\w&.\-]{0,60}(?:\s[A-Z][\w&.\-]{0,60}){0,3})\s*"
                      r"(?:(?:团队|实验室|小组|课题组|研究组)\s*)?(?:发布|推出|开源)(?!的)")
#: "顶点智能发布了", "某某科技推出": a Chinese name with an organization's word, at the start of a clause, releasing
RELEASER_ZH = re.compile(r"(?:^|(?<=[，。；：:、\s]))(?P<n>[\u4e00-\u9fff]{1,8}?(?:公司|集团|科技|智能|实验室|研究院|大学))"
                         r"(?=(?:发布|推出|开源|开发)|的[\u4e00-\u9fff]{2,3}等人(?:发布|推出|开源|开发))")
#: "深度求索发布了", "的零一万物开源了": a short Chinese name with no organization's word, opening a clause, releasing
RELEASER_ZH_BARE = re.compile(r"(?:^|(?<=[，。；：:、\s的]))(?:(?:[一二三四五六七八九十]是|首先|其次|此外|另外|而)\s*)?"
                              r"(?P<n>[\u4e00-\u9fff]{2,6}?)(?:则|也|又|还|先|再|随后|于是)?"
                              r"(?=(?:发布|推出|开源|放出|上线)了?\s*(?:[\u4e00-\u9fff]{0,6}?模型\s*)?(?:[A-Za-z《“]|第))")
ORG_ZH = re.compile(r"(?:^|(?<=[，。；：:、\s的和与及由在是了])|(?<=联合)|(?<=以及)|(?<=毕业于)|(?<=加入)|(?<=来自))" + _ORG_ZH_NAME +
                    r"(?=的\s*[A-Za-z《“]|[，,、和与及等。；]|发布|推出|开源|研发|提出|联合|共同|在\s*\d|于\s*\d|$|"
                    r"(?:联合)?创始人|CEO|CTO|首席|董事长|总裁|教授|研究员|读|毕业|任|工作|担任|成立|创立|脱胎)")
#: words inside what ORG_ZH took that end a phrase before the name ("技术来自北湖大学")
ORG_ZH_VERBS = re.compile(r"来自|出自|位于|属于|来源于|基于|包括|以及|加入|离开|毕业于|任职于|就职于|成为|进入")
#: words that make "… AI" a kind of AI, not an organization ("Generative AI", "Constitutional AI")
NOT_ORG_AI = frozenset("""Generative Constitutional Conversational Responsible Explainable Trustworthy Agentic Embodied Open
General Artificial Narrow Edge Enterprise Physical Symbolic Safe Applied Creative Multimodal Ethical Sovereign Frontier
Human-centered Human-Centered Green Predictive Decentralized Federated Interpretable Efficient Robust The This Our Your Their
Its For With In On At Of And Using Why How What Modern Scientific Industrial Medical Clinical Legal""".split())
#: "推出了 Foo-13B": a new name with a size after a release verb is a model
RELEASED_SIZED = re.compile(r"(?:发布|推出|开源)了?\s*(?P<n>[A-Za-z][\w.\-]{0,60}?[-\s]?\d{1,4}(?:\.\d{1,2})?[BbMm])"
                            r"(?![\w.\-])")
#: "ORG的张三等人发布了": the person (a two- or three-character Chinese name) who, with others, released it for ORG
MEMBER_ZH = re.compile(r"(?<=的)(?P<p>[\u4e00-\u9fff]{2,3})(?=等人(?:发布|推出|开源|开发))")
#: "Meta 与微软联合发布": a new name joined to a known organization before 联合/共同 and a release verb
ALLY = re.compile(r"(?:与|和|及|、)\s*(?P<n>[\u4e00-\u9fff]{2,6}?|[A-Z][\w&.\-]{1,30})\s*(?=(?:联合|共同|一起)"
                  r"(?:发布|推出|开源|开发|研发))")
#: A model named with its size in prose: "Mistral 7B", "Falcon-180B", "Mixtral 8x7B", "Mistral 7B Instruct"
SIZED_NAME = re.compile(r"(?<![\w.\-])(?!(?:Like|Unlike|The|In|On|At|For|With|By|From|And|But|Both|Each|Its|This|That|These|"
                        r"Those|An?|Of|To|As|After|Before|While|When|Since|Than|Only|Even|Then|Also|Our|Their|Use|Using)\s)"
                        r"(?P<n>[A-Z][A-Za-z][\w.]*(?:[-\s][A-Z][A-Za-z]*)?(?:[-\s]\d(?:\.\d)?)?[-\s](?:\d{1,2}x)?"
                        r"\d{1,4}(?:\.\d{1,2})?[BM](?:[-\s](?:Instruct|Chat|Base|Code|Vision))?)(?![\w\-]|\.\w)")
#: "RefinedWeb, a filtered and deduplicated web corpus": a name and what it is, after a comma
APPOSITIVE = re.compile(r"(?<![\w.\-])(?P<n>" + _NAME + r"),\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,6}?" + _KIND + r"\b")
#: "An instruction model, Mistral 7B Instruct, was …": what it is, then its name between commas
APPOSITIVE_BEFORE = re.compile(r"\b" + _KIND + r",\s+(?P<n>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,4}),")
#: A run of Latin words in a text (its words joined by single spaces when the next one is capitalised or a number)
LATIN_RUN = re.compile(r"(?<![\w.\-/@#])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?:\s(?:[A-Z][A-Za-z0-9]*|\d+(?:\.\d+)?[BbMmKk]?)"
                       r"(?:[-.][A-Za-z0-9]+)*)*(?![\w\-/@])")
#: A technique named in English prose: a word or two and a technique's head noun ("grouped-query attention",
#: "mixture-of-experts", "self-supervised learning", "instruction tuning", "4-bit quantization")
TECHNIQUE_PHRASE = re.compile(
    r"(?<![\w-])(?P<n>(?:(?:[a-z0-9]+-(?!efficient\b|based\b|scale\b|level\b|style\b|tuned\b|trained\b)[a-z0-9]+|instruction|"
    r"prefix|prompt|reinforcement|contrastive|flash|weight|visual|preference|reward|knowledge|speculative|supervised|"
    r"unsupervised|rejection|curriculum|transfer|multi-task|few-shot|zero-shot|in-context|federated|self-supervised|"
    r"semi-supervised|direct preference|proximal policy|group relative policy|low-rank|model|mixed-precision|"
    r"multi-token|rotary|positional)\s)?"
    r"(?:attention|quantization|distillation|prompting|fine-tuning|tuning|learning|pruning|decoding|modeling|modelling|"
    r"optimization|sampling|adaptation|merging|prediction|embeddings?)|"
    r"mixture-of-experts|retrieval-augmented generation|self-attention)(?![\w-])")
#: technique phrases too generic to be one technique
GENERIC_TECHNIQUES = frozenset({"learning", "tuning", "fine-tuning", "attention", "training", "pre-training", "pretraining",
                                "machine learning", "deep learning", "prompting", "decoding", "quantization", "optimization",
                                "sampling", "adaptation", "merging", "prediction", "embedding", "embeddings", "modeling",
                                "modelling", "model merging", "model optimization", "model adaptation"})
#: "Direct Preference Optimization (DPO)", "混合专家（MoE）": a term and its abbreviation in brackets
TERM_ABBR = re.compile(r"(?P<t>(?:[A-Za-z][\w\-]*\s){0,5}[A-Za-z][\w\-]*|[\u4e00-\u9fff][\u4e00-\u9fff A-Za-z]{0,11}[\u4e00-\u9fff])"
                       r"\s*[（(](?P<a>[A-Z][A-Za-z0-9\-]{1,11})[)）]")
#: the head words that make a term a technique
TECHNIQUE_HEADS = re.compile(r"(?:attention|optimi[sz]ation|learning|tuning|training|quantization|distillation|decoding|"
                             r"prediction|experts?|feedback|generation|prompting|alignment|pruning|sampling|adaptation|"
                             r"注意力|学习|微调|量化|专家|预测|优化|蒸馏|对齐|训练|剪枝|采样|生成)$", re.I)


class Names:
    """Finding the names in a block: known entities, the field's terms, Hub ids, versions and sizes of known models, and new names that read as a model's, an organization's or a person's."""

    def mentions(self, block: Block) -> list[Mention]:
        versions: list[Mention] = []
        found = self.linker.mentions(block.text, versions=versions)
        covered = bytearray(len(block.text) + 1)  # 1 where a mention found so far covers the character
        for u in BARE_URL.finditer(block.text):  # a URL's path is no prose: nothing in it is named
            covered[u.start():u.end()] = b"\x01" * (u.end() - u.start())
        hubs = [h for h in HUB_ID.finditer(block.text) if not covered[h.start()]] if "/" in block.text else []
        for h in hubs:  # nor is a Hub id's owner ("meta-llama/…" names no Meta)
            covered[h.start():h.end()] = b"\x01" * (h.end() - h.start())
        if any(covered):
            found = [m for m in found if not covered[m.start]]
            versions[:] = [v for v in versions if not covered[v.start]]

        def add(m: Mention) -> None:
            found.append(m)
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)

        for i, m in enumerate(found):
            self.entity(m.text, block.line)
            sized = SIZED.match(block.text, m.end) if self.linker.is_a(m.id, "Model") and \
                not size_suffix(m.text) else None
            if sized:  # "LLaMA-7B" where LLaMA is known: the model of that size, a new entity
                name = block.text[m.start:sized.end()]
                key = self.entity(name, block.line, "LanguageModel", 0.7)
                if key and key != m.id:
                    found[i] = m = Mention(key, m.start, sized.end(), name)
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        for v in versions:  # "Llama 2" where LLaMA is known: a new entity, a version of LLaMA
            family_type = self.type_of(v.id)
            key = self.entity(self.version_name(block.text, v), block.line,
                              "LanguageModel" if family_type == "ModelFamily" else
                              family_type if any(self.linker.is_a(v.id, t) for t in ("Model", "Software", "Dataset")) else None, 0.7)
            if key and key != v.id and not covered[v.start]:
                add(Mention(key, v.start, v.start + len(self.version_name(block.text, v)), self.version_name(block.text, v)))
        def new(name: str, start: int, type_hint: str | None, confidence: float, key_hint: str | None = None) -> str | None:
            """The entity of a name found at ``start`` (new, or named before), kept as a mention of the block."""
            key = self.entity(name, block.line, type_hint, confidence, key_hint=key_hint)
            if key:
                add(Mention(key, start, start + len(name), name))
            return key

        text = block.text
        for m in hubs:  # "mistralai/Mistral-7B-v0.1": a model (or dataset) on the Hub, by its id
            self.hub_mention(m, block, add)
        inside_links = [(p, p + len(t)) for t, _ in block.links if t and (p := text.find(t)) >= 0]
        for term, start, end in load_terms().find(text):  # "SFT", "监督微调": a technique the field has a name for
            if not covered[start] and not covered[end - 1] and \
                    not any(a <= start and end <= b and (a, b) != (start, end) for a, b in inside_links):
                self.term_mention(term, text[start:end], start, block.line, add)  # (a paper's title is the paper's)
        for name, start, end in self._new_name_matches(text):
            if not covered[start]:
                new(name, start, None, 0.8)
        # new entities named as '... 了 NAME 模型/库' or linked in the block
        for m in RELEASED_NAME.finditer(text):
            if not covered[m.start("n")]:
                new(m.group("n"), m.start("n"), next((tt for rx, tt in WORD_TYPES if rx.match(m.group("w"))), None), 0.7)
        for m in RELEASER_ZH.finditer(text):  # "顶点智能发布了…": a new organization
            if not covered[m.start("n")]:
                new(m.group("n"), m.start("n"), "Organization", 0.6)
        for m in ORG_ZH.finditer(text):  # "阿里云的…", "商汤科技等机构"
            n, at = m.group("n"), m.start("n")
            verb = list(ORG_ZH_VERBS.finditer(n))
            if verb:  # "技术来自北湖大学": the name after the verb
                n, at = n[verb[-1].end():], at + verb[-1].end()
            if len(n) >= 3 and not covered[at] and n not in NOT_ORGS_ZH and not self.linker.link(n):
                new(n, at, "Organization", 0.6)
        if " " in text and ("A" in text or "L" in text or "R" in text or "U" in text or "I" in text or "C" in text or
                            "V" in text or "P" in text or "F" in text or "T" in text):
            for m in ORG_NAME_EN.finditer(text):  # "Tarn Labs, a Toronto startup, …"
                n = m.group("n")
                words = n.split()
                while len(words) > 2 and words[1] != "of" and \
                        re.fullmatch(r"(?:Co-[a-z]+ed|[A-Z][a-z]+ed)|The|In|At|On|From|With|By|For|This|That|Its|Their|Our|Her|His|And|"
                                     r"But|Also|Then|Now|When|While|After|Before", words[0]):
                    words = words[1:]  # "Founded Tarn Labs", "In Acme Research": the name after the word
                if " ".join(words) != n:
                    at = m.start("n") + n.find(words[0])
                    n = n[n.find(words[0]):]
                    if not covered[at] and not self.linker.link(n) and words[0] not in NOT_ORG_AI:
                        new(n, at, "University" if "University" in n else "Organization", 0.6)
                    continue
                if covered[m.start("n")] or covered[m.end("n") - 1] or words[0] in NOT_ORG_AI or \
                        (words[-1] == "AI" and words[-2] in NOT_ORG_AI) or self.linker.link(n):
                    continue
                seen = self._by_label.get(normalize(n))
                if seen and self.type_of(seen) and not self.is_a(seen, "Organization"):
                    continue
                new(n, m.start("n"), "University" if "University" in n else "Organization", 0.6)
        for m in RELEASER_ZH_BARE.finditer(text):  # "深度求索发布了…", "…创办的零一万物开源了…"
            n = m.group("n")
            if not (covered[m.start("n")] or ADVERBS.search(n) or NOT_MAKERS_ZH.search(n) or self.linker.link(n) or
                    text[m.end("n"):m.end("n") + 1] == "等"):
                new(n, m.start("n"), "Organization", 0.55)
        for m in RELEASED_SIZED.finditer(text):
            if not covered[m.start("n")] and not self.linker.link(m.group("n")):
                new(m.group("n"), m.start("n"), "LanguageModel", 0.7)
        for m in MEMBER_ZH.finditer(text):
            org = next((f for f in found if f.end == m.start("p") - 1 and self.is_a(f.id, "Organization")), None)
            if org is not None and not covered[m.start("p")]:
                key = new(m.group("p"), m.start("p"), "Person", 0.6, key_hint=ids.person_slug(m.group("p")))
                if key:
                    self.fact(key, "affiliated_with", org.id, block, 0.65, "member")
        for m in ALLY.finditer(text):
            ally = next((f for f in found if 0 <= m.start() - f.end <= 1 and self.is_a(f.id, "Organization")), None)
            if ally is not None and not covered[m.start("n")] and not self.linker.link(m.group("n")):
                new(m.group("n"), m.start("n"), "Organization", 0.6)
        if " " in text and _lang(text) == "en":
            for m in RELEASER_EN.finditer(text):
                n = self.releaser_name(m.group("n"))
                at = m.start("n") + m.group("n").rfind(n) if n else -1
                if n and at >= 0 and not covered[at]:
                    new(n, at, "Organization", 0.55)
        for m in RELEASER.finditer(text):
            if not covered[m.start("n")] and not self.linker.variant(m.group("n")) and not SIZED.search(m.group("n")):
                new(m.group("n"), m.start("n"), "Organization", 0.6)
        for name, start, end in self.latin_names(text):
            verb = LEAD_VERB.match(name)
            if verb and " " in name[verb.end():]:  # "Co-founded Sakana AI": the name after the verb
                name, start = name[verb.end():], start + verb.end()
            elif verb:
                continue
            if not covered[start] and not covered[end - 1]:
                new(name, start, "Organization" if ORG_NAME.search(name) and " " in name else self.type_from_words(text, end),
                    0.55)
        if "-" in text or " " in text:
            for m in TECHNIQUE_PHRASE.finditer(text):
                name = m.group("n")
                if name not in GENERIC_TECHNIQUES and not covered[m.start("n")] and not self.linker.link(name):
                    new(name, m.start("n"), "Technique", 0.55)
        if "(" in text or "（" in text:
            for m in TERM_ABBR.finditer(text):
                term = self.term_of(m.group("t"), m.group("a"))
                at = m.start("t") + len(m.group("t")) - len(term) if term else -1
                if term and not covered[at] and not self.linker.link(term):
                    key = new(term, at, "Technique" if TECHNIQUE_HEADS.search(term) else None, 0.6)
                    if key and not self.entities[key].linked:
                        self._add_name(self.entities[key], m.group("a"))  # its abbreviation names it too
        for m, t in self.named_in_prose(text):
            if not covered[m.start("n")] and not self.linker.link(m.group("n")):
                new(m.group("n"), m.start("n"), t, 0.6)
        where: dict[str, int] = {}
        for text, url in block.links:
            if LINK_LABEL.fullmatch(text or "") or CITATION_TEXT.fullmatch(text or ""):
                continue  # "[[paper](…)]", "[code](…)", "[Sanh et al.](…)": a link of the item's head, not a name
            if not self.in_references(block):
                pos = where.get(text)
                if pos is None:  # each text looked for once, however many links have it
                    pos = where[text] = block.text.find(text)
                t = self.type_from_url(url)
                if t == "Paper" and pos == 0 and not self.type_from_title(text) and len(text.split()) <= 4:
                    t = None  # "LoRA：<paper link>" names what the paper introduces (see lead_name)
                    url_for_key = None
                else:
                    url_for_key = url
                t = t or self.type_from_words(block.text, pos + len(text)) or \
                    ("Organization" if ORG_NAME.search(text) and " " in text else None)
                key = self.entity(text, block.line, t, 0.75, url_for_key)
                if key and pos >= 0 and covered[pos] and t == "Paper" and len(text.split()) >= 4 and \
                        self.is_a(key, "Paper") and not any(m.start < pos or m.end > pos + len(text)
                                                            for m in found if pos <= m.start < pos + len(text) or
                                                            m.start < pos < m.end):
                    found[:] = [m for m in found if not pos <= m.start < pos + len(text)]  # "[LoRA: Low-Rank …](arXiv)":
                    add(Mention(key, pos, pos + len(text), text))  # the title is the paper's, not LoRA's
                elif key and pos >= 0 and not covered[pos]:
                    add(Mention(key, pos, pos + len(text), text))
        if " " in text:
            self.variants_named(text, found, covered, block)
        return sorted(found, key=lambda m: m.start)

    def _new_name_matches(self, text: str) -> list[tuple[str, int, int]]:
        """(name, start, end) of each new entity's name in the text, not inside a longer word, longest names first.

        What ``re.finditer(r"(?<![\\w-])" + re.escape(name) + r"(?![\\w-])", text)`` finds for each name,
        found for all of them in one pass over the words of the text.
        """
        if not self._new_names:
            return []
        hits = self._name_words.find(text)
        for name, rx in self._odd_names.items():
            for m in rx.finditer(text):
                hits.setdefault(name, []).append((m.start(), m.end()))
        if self._han_names and _HAN.search(text):
            for name, start in self._han_hits(text):
                hits.setdefault(name, []).append((start, start + len(name)))
        out = []
        for name in sorted(hits, key=lambda n: (-len(n), n)):
            end = -1
            for s, e in sorted(hits[name]):
                if s >= end:  # as finditer: one name's matches do not overlap
                    out.append((name, s, e))
                    end = e
        return out

    def _han_hits(self, text: str) -> list[tuple[str, int]]:
        """(name, start) of each new entity's name that has Chinese characters, left to right, the longest at a
        place first and none overlapping: one look-up by the two characters at each place (however many names)."""
        out = []
        by_prefix = self._han_names
        i, end = 0, len(text) - 1
        while i < end:
            names = by_prefix.get(text[i:i + 2])
            found = next((n for n in names if text.startswith(n, i)), None) if names else None
            if found:
                out.append((found, i))
                i += len(found)
            else:
                i += 1
        return out

    def variants_named(self, text: str, found: list[Mention], covered: bytearray, block: Block) -> None:
        """ "Claude 3 Haiku", "Gemini 1.5 Pro", "Mistral Large" where Claude 3, Gemini 1.5, Mistral are models named:
        a model's name and a word for one of its tiers is a version of it (a new entity; the mention is replaced)."""
        for i, m in enumerate(found):
            w = VARIANT_WORD.match(text, m.end)
            if not w or (m.id in self.entities and self.entities[m.id].linked and not self.linker.is_a(m.id, "Model")) or \
                    (self.type_of(m.id) and not self.is_a(m.id, "Model")):
                continue
            name = text[m.start:w.end()]
            key = self.entity(name, block.line, self.type_of(m.id) or "LanguageModel", 0.65)
            if key and key != m.id:
                e = self.entities[key]
                if w.group("w") in ("Instruct", "Chat"):  # a chat or instruct model is fine-tuned from its base
                    self.fact(key, "based_on", {"id": m.id, "kind": "finetune"}, block, 0.65, "variant-word")
                elif not e.linked and not e.variant_of:
                    e.variant_of = m.id
                found[i] = Mention(key, m.start, w.end(), name)
                covered[m.start:w.end()] = b"\x01" * (w.end() - m.start)

    def hub_mention(self, m: re.Match, block: Block, add) -> None:
        """An id "owner/name" named in the text, or as a link's text: the entity is ``name`` (known, or new with the
        id kept under ``huggingface`` unless a GitHub link has that text), and the owner a candidate maker."""
        hub = f"{m.group('owner')}/{m.group('name')}"
        github = any(t == hub and "github.com" in u for t, u in block.links)
        dataset = "/datasets/" + hub in " ".join(u for _, u in block.links)
        url = None if github else f"https://huggingface.co/{'datasets/' if dataset else ''}{hub}"
        key = self.linker.link(m.group("name")) or (self.linker.link_url(url) if url else None)
        key = self.entity(m.group("name"), block.line, None if key else ("Dataset" if dataset else
                          ("Software" if github else "LanguageModel")), 0.7, url) if not key else self.entity(m.group("name"), block.line)
        if key:
            add(Mention(key, m.start(), m.end(), m.group()))

    def term_mention(self, term, name: str, start: int, line: int, add) -> None:
        """A term of the field named at ``start``, kept as a mention of the block."""
        add(Mention(self.term_entity(term, name, line), start, start + len(name), name))

    def term_entity(self, term, name: str, line: int) -> str:
        """The entity of a term of the field: the known record of its id, else a new entity with its id, type and
        labels (the names it was found by kept as aliases)."""
        if term.id in self.linker.records:
            e = self.entities.get(term.id)
            if e is None:
                e = Entity(term.id, name, self.linker.type_of(term.id), True, 0.95, line)
                self._add(e)
            return term.id
        e = self.entities.get(term.id)
        if e is None or e.linked:
            key = ids.free_id(term.id, self._taken) if e is not None else term.id
            e = Entity(key, term.en, term.type, False, 0.75, line, labels=term.labels)
            self._add(e)
            self._add_name(e, term.en)
        elif not e.labels:  # named before (a heading "## DPO"): the term says what it is
            e.type, e.labels = term.type, term.labels
        self._add_name(e, name)
        self._by_label.setdefault(normalize(name), e.key)
        return e.key

    def releaser_name(self, name: str) -> str:
        """The maker's name in a RELEASER_EN match, without a leading time ("This week, Acme AI" → "Acme AI"), or ""
        when it is no new maker (a pronoun, a known name, a name with digits, a thing already typed otherwise)."""
        n = re.sub(r"^(?:This|Last|Next|On|In|After|Then|Now|Today|Yesterday|Meanwhile|Also)\s+(?:\w+\s+)?", "", name)
        n = re.sub(r"^(?:week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+", "", n)
        n = re.sub(r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?-based\s+", "", n)  # "Shanghai-based MiniMax" is MiniMax
        if not n or self.linker.link(n) or re.search(r"\d", n) or \
                n.split()[0] in ("It", "They", "We", "He", "She", "The", "This", "That", "Its", "Their"):
            return ""
        seen = self._by_label.get(normalize(n))
        return "" if seen and self.type_of(seen) and not self.is_a(seen, "Organization", "Person") else n

    @staticmethod
    def term_of(words: str, abbr: str) -> str | None:
        """The term an abbreviation abbreviates, from the words before it: as many last words as it has capitals
        ("… with Direct Preference Optimization", "DPO"), or the Chinese words after the last particle.

        >>> from graph.ingest.extract import Extraction
        >>> Extraction.term_of("aligned with Direct Preference Optimization", "DPO"), Extraction.term_of("用了混合专家", "MoE")
        ('Direct Preference Optimization', '混合专家')
        >>> Extraction.term_of("trained it on many tasks", "RLHF") is None
        True
        """
        if re.search(r"[\u4e00-\u9fff]", words):
            cjk = re.split(r"[的了用和与及是在对把将为即或并以等个种]", words.strip())[-1].strip()
            return cjk if 2 <= len(cjk) <= 10 and not re.search(r"[A-Za-z]", cjk[:1]) else None
        caps = [c for c in abbr if c.isupper()]
        tokens = words.split()
        for k in range(1, len(tokens) + 1):
            cand = tokens[-k:]
            initials = "".join(p[0] for t in cand for p in t.split("-") if p).upper()
            if initials == "".join(caps) or "".join(t[0] for t in cand).upper() == "".join(caps):
                return " ".join(cand)
        return None

    @staticmethod
    def latin_names(text: str) -> list[tuple[str, int, int]]:
        """(name, start, end) of the Latin names a text holds: in Chinese text, every Latin word with a capital or a
        digit ("用 Vicuna 与 BLIP-2 对齐"); in English, words spelt as names are (CamelCase, letters with digits,
        capitals: "RefinedWeb", "GPT-4", "LAION"), not capitalised words (which may open a sentence).

        >>> from graph.ingest.extract import Extraction
        >>> [n for n, _, _ in Extraction.latin_names("把 BLIP-2 的视觉编码器与 Vicuna 对齐，提供 API 与 Web UI")]
        ['BLIP-2', 'Vicuna']
        >>> [n for n, _, _ in Extraction.latin_names("Falcon was trained on RefinedWeb and The Pile with GPT-4 labels via an API.")]
        ['RefinedWeb', 'GPT-4']
        """
        if not re.search(r"[A-Z]", text):
            return []
        zh = _lang(text) == "zh"
        out = []
        for m in LATIN_RUN.finditer(text):
            words = m.group().split(" ")
            while words and words[0].lower() in NOT_NAMES:
                words.pop(0)
            while words and words[-1].lower() in NOT_NAMES and not (len(words) > 1 and ORG_NAME.search(words[-1])):
                words.pop()  # (but "Quarry AI", "Acme Labs" keep their last word)
            if not words:
                continue
            name = " ".join(words)
            first = words[0]
            if zh:
                ok = bool(re.search(r"[A-Z0-9]", name)) and len(name) >= 2 and not name.isdigit()
            else:
                ok = len(words) == 1 and (bool(re.search(r"[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]|[A-Za-z]-\d|^[A-Z][a-z]+-[A-Z]", first))
                                          or (first.isupper() and len(first) >= 3))
            if ok and not re.fullmatch(r"\d+(?:\.\d+)?\s*[BbMmKkTt]|[A-Z]\d?|v\d+(?:\.\d+)*|[AHVTBL]\d{2,4}|RTX\s?\d+|FP\d+|"
                                       r"INT\d+|Int\d+|BF16|\d+(?:\.\d+)?\s?(?:[KMGTP]i?B|[KMGT])|\d+K", name):
                start = m.start() + m.group().index(name)
                out.append((name, start, start + len(name)))
        return out

    @staticmethod
    def named_in_prose(text: str) -> list[tuple[re.Match, str]]:
        """New names that English prose says what they are: "Mistral 7B" (a size), "RefinedWeb, a web corpus",
        "The Technology Innovation Institute (TII) is a research centre" (each match has the group ``n``).

        >>> from graph.ingest.extract import Extraction
        >>> [(m.group("n"), t) for m, t in Extraction.named_in_prose(
        ...     "Falcon-40B beats it. RefinedWeb, a filtered web corpus, helps. Acme Labs is a small start-up.")]
        [('Falcon-40B', 'LanguageModel'), ('RefinedWeb', 'Dataset'), ('Acme Labs', 'Company')]
        """
        if not re.search(r"[A-Za-z]", text):
            return []
        out = [(m, "LanguageModel") for m in SIZED_NAME.finditer(text)]
        for rx in (APPOSITIVE, APPOSITIVE_BEFORE):
            out += [(m, t) for m in rx.finditer(text) if (t := kind_type(m.group("kind")))]
        starts = [0] + [e.end() for e in SENTENCE_END.finditer(text)]
        for at in starts:
            while at < len(text) and text[at] == " ":
                at += 1
            m = SENTENCE_IS_A.match(text, at)
            if m and (t := kind_type(m.group("kind"))):
                out.append((m, t))
        return sorted(out, key=lambda x: x[0].start("n"))

    @staticmethod
    def version_name(text: str, v: Mention) -> str:
        """The whole name of another version, with a size or a word that goes on it: "Llama 2-Chat", "GPT-3.5".

        >>> from graph.ingest.extract import Extraction
        >>> Extraction.version_name("用 Llama 2-7B 做", Mention("llama", 2, 9, "Llama 2"))
        'Llama 2-7B'
        >>> Extraction.version_name("在 Llama 2 70B 上", Mention("llama", 2, 9, "Llama 2"))
        'Llama 2 70B'
        """
        m = re.compile(r"(?:[-_.][A-Za-z0-9]{1,12}){0,3}").match(text, v.end)
        end = m.end() if m else v.end
        sized = re.compile(r"\s\d{1,4}(?:\.\d{1,2})?[BbMm](?![\w.\-])").match(text, end)  # "Llama 2 70B"
        return text[v.start:sized.end() if sized else end]
