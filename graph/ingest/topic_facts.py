"""Values and facts about a block's topic: dates, sizes, training data and cost, techniques used, stages, hosting.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from graph.ingest import values
from graph.ingest.extraction_state import Scope
from graph.ingest.linker import Mention, normalize
from graph.ingest.patterns import (
    CO_HEADS, CUED_ONLY, DATE_FORMS, DIGITS, MONTHS, NAME_JOINS, NUM, SIZED, UNITS, YEAR_LEAD, _date_text, _lang,
    _number)

CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
RELEASED_IN = re.compile(r"(?:\breleased|\blaunched|\bpublished|\bappeared|\bcame out|\bfollowed|\bdebuted|\bannounced|"
                         r"发布于|推出于)\s*(?:in|on)?\s*"
                         r"(?:(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?P<y>(?:19|20)\d{2})")
STAGE = re.compile(r"第(?P<n>[一二三四五六七八九十\d]{1,9})阶段(?:是|为|：|:)?(?P<rest>[^，。；,;]{1,30})|"
                   r"\b(?P<ord>first|second|third|fourth)\s+stage\s+(?:is|uses|:)?\s*(?P<rest2>[^,.;]{1,40})", re.I)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
DATE_EN = re.compile(r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<y>(?:19|20)\d{2})\b")
SIZE_OF_NEXT = re.compile(NUM + r"\s*(?:个)?\s*(?:参数|parameters|params)(?:量)?\s*的\s*", re.I)
LAYERS = re.compile(r"(?P<n>\d{1,3})\s*(?:层|[- ]layers?\b)", re.I)
DATA = re.compile(r"(?P<approx>约|大约|大概|近|about|around|approximately|~)?\s*(?P<n>" + DIGITS + r"(?:\.\d+)?)\s*"
                  r"(?P<u>GB|TB|MB|[KMBT]\s*tokens?|(?:[KMBT]|亿|万)?\s*(?:tokens?|标识符|词元)|(?:亿|万)条)", re.I)
COST = re.compile(r"(?P<n>" + DIGITS + r"(?:\.\d+)?)\s*(?P<u>万|亿|million|billion|[MB](?![a-z]))?\s*"
                  r"(?P<c>美元|美金|USD|dollars|人民币|元)|\$\s*(?P<n2>" + DIGITS + r"(?:\.\d+)?)\s*(?P<u2>million|billion|[MBK])?",
                  re.I)
HOSTED = re.compile(r"(?P<more>超过?|逾|over|more than|\+)?\s*(?P<n>" + DIGITS + r")\s*(?P<u>万|k)?\s*(?:个|多个)?\s*"
                    r"(?:预训练)?(?P<what>模型|models|数据集|datasets)", re.I)
#: words after which a clause names the data a model was trained on ("trained on", "fine-tuned on", "在 X 上预训练")
TRAINING_CUE = re.compile(r"\b(?:pre-?trained|trained|fine-?tuned|tuned|aligned|distilled|instruction-tuned)\s+"
                          r"(?:\w+\s+){0,3}?(?:on|with|using|from)\b|"
                          r"\b(?:SFT|DPO|RLHF|PPO|ORPO|KTO|fine-?tuning|pre-?training|training|alignment)\s+(?:\w+\s+){0,2}?on\b|(?P<zh>上\s*(?:预训练|训练|微调|继续预训练)|"
                          r"(?:用|使用|采用|基于)[^，。；]{1,30}?(?:进行)?(?:预训练|训练|微调))|(?P<of>的\s*(?:预)?训练(?:数据|语料|集))", re.I)
#: "2023年3月16日开源": a Chinese date right before a release verb (when nothing named follows, the topic's date)
DATE_VERB = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?)?\s*(?:正式)?"
                       r"(?P<v>发布|开源|推出|上线)")
#: "trained on the X data", "fine-tuned on X": what the topic was trained on (a dataset, or a new name before a data word)
TRAINED_ON = re.compile(r"\b(?:trained|fine-?tuned|tuned)\s+on\s+(?:the\s+)?(?P<x>[A-Za-z0-9][\w.\-]{0,60})"
                        r"(?P<w>\s+(?:data(?:set)?|corpus|conversations|dialogues)\b)?", re.I)
#: "used to train X", "用于训练 X 模型", "X 使用的": the model that a dataset trained
TRAINS = re.compile(r"\bused\s+(?:to\s+(?:train|fine-?tune)|for\s+(?:training|fine-?tuning))\s+(?:the\s+)?(?P<x>[A-Z][\w.\-]{0,40}(?:\s[A-Z0-9][\w.\-]{0,20}){0,2})|"
                    r"用于(?:训练|微调)\s*(?P<x2>[^，。；,;\s]{2,30}?)\s*(?=模型|[，。；,;]|$)|"
                    r"(?:^|(?<=[：:，,\s]))(?P<x3>(?:[\u4e00-\u9fff]{2,4}\s*)?[A-Za-z][\w.\-]{1,40})\s*(?:模型)?\s*(?:训练)?使用的")
#: words right before a technique that say another technique is built with it ("QLoRA combines LoRA with …")
USES_CUE = re.compile(r"(?:\buses?|\busing|\bbuilds?\s+on|\bbuilt\s+on|\bcombin\w+|\bextends?|\bapplies|\bapplying|"
                      r"\bon\s+top\s+of|\bvia|\b(?:generated|created|built|made|produced|collected|trained|tuned|aligned)\s+"
                      r"(?:\w+\s+){0,2}(?:with|by|through)|采用|使用|基于|结合|引入|借助|用|通过|经过|按照)[^.;。；]{0,30}$", re.I)
#: a denial that reaches over a list: "without Monte Carlo tree search, value functions or process reward models"
NEGATED_LIST = re.compile(r"(?:\bwithout|\bno|\bnot|\bneither|\bnor|\binstead of|\brather than|无需|不需要|不用|没有|不再|不依赖)\s+"
                          r"(?:[^.;。；,，]{1,40}?(?:,|，|、|\bor\b|\band\b|\bnor\b|或|和)\s*){1,6}(?:a\s+|an\s+|the\s+)?$", re.I)
#: words that deny what follows ("no separate reward model", "without RLHF", "无需 RLHF")
#: between a list of models and a technique they use: "are sparse", "uses", "都采用了"
LISTED_USES_CUE = re.compile(r"(?:\s+(?P<copula>(?:are|were|is|was)\s+(?:all\s+|both\s+|also\s+)?(?:an?\s+)?"
                             r"(?:(?:sparse|dense|decoder-only|fine-grained)\s+)?)|"
                             r"\s+(?:(?:all|both|also)\s+)?(?:use[sd]?|adopt(?:s|ed)?|employ(?:s|ed)?|rel(?:y|ies|ied)\s+on|"
                             r"(?:are|is|were|was)\s+trained\s+with)\s+(?:an?\s+|the\s+)?|"
                             r"\s*(?:都|均|也)?(?:是|为|采用了?|使用了?|用了|引入了?)\s*)$", re.I)
#: after the technique, when a copula named it: "… models", "… architecture", "架构"
LISTED_USES_AFTER = re.compile(r"(?:-based)?\s*(?:models?|LLMs?|language\s+models?|architectures?|transformers?|"
                               r"架构|模型|结构)\b|(?:-based)?\s*(?:架构|模型|结构)", re.I)
#: a date right after an item's head, alone before a full stop, comma or semicolon: "27 June 2024.", "2024-06-27;"
HEAD_DATE = re.compile(r"\s*(?:[—–:：|]|--?)?\s*(?:(?:released|announced|out|launched)\s+(?:on\s+|in\s+)?)?"
                       r"(?P<d>" + DATE_FORMS + r")(?=\s*(?:[.,;:(]|$))", re.I)
NEGATED = re.compile(r"(?:\bno|\bnot|\bwithout|\binstead of|\brather than|\breplac\w+|无需|不需要|不用|没有|不再|取代|替代)\s*(?:\w+\s+)?$",
                     re.I)
def _as_int(x: float) -> int | float:
    return int(round(x)) if abs(x - round(x)) < 1e-6 else x


class TopicFacts:
    """Values and facts about a block's topic: dates, sizes, training data and cost, techniques used, stages, hosting."""

    def release_date(self, s: Scope) -> None:
        """The date at the head of a list item (or else a month and year in it) is when its first release came out.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- 2023年：Acme 发布了 Foo 模型。", "year-lead")
        [('foo', 'released', '2023')]
        """
        b, text = s.block, s.text
        ym = YEAR_LEAD.match(text) if b.kind in ("item", "row", "para") else None
        if ym and s.released:
            date = _date_text(ym.group("y"), ym.group("m"))
            self.fact(s.released[0], "released", date, b, 0.8, "year-lead")
        elif not ym and s.released:
            dm = DATE_EN.search(text)
            if dm:
                self.fact(s.released[0], "released", f"{dm.group('y')}-{MONTHS[dm.group('mon')[:3].lower()]:02d}", b, 0.75,
                          "date")

    def head_date(self, s: Scope) -> None:
        """ "- **Wren 2** — 27 June 2024. …", "- **Wren** – February 2024, …": a date right after an item's head is when
        the item came out.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- **Wren 2** — 27 June 2024. A sparse model.", "head-date")
        [('wren-2', 'released', '2024-06-27')]
        """
        b = s.block
        if b.kind != "item" or not s.lead_key or s.released or self.is_a(s.lead_key, "Organization", "Person", "Paper"):
            return
        h = self.head(b)
        m = HEAD_DATE.match(s.text, h.end()) if h else None
        co = CO_HEADS.match(b.raw) if h and not m else None
        if co and (at := s.text.find(co.group("b"), h.end())) >= 0:  # "**A** and **B** — 27 June 2024."
            m = HEAD_DATE.match(s.text, at + len(co.group("b")))
        if not m:
            return
        date = values.day_date(m.group("d"))
        if date:
            self.fact(s.lead_key, "released", date, b, 0.75, "head-date")

    def date_verb(self, s: Scope) -> None:
        """ "Foo：2023年3月开源，…": a Chinese date right before a release verb that names nothing after it is when the
        topic came out (开源 also makes it open source).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Foo：2023年3月16日开源，一个模型。", "date-verb")
        [('foo', 'released', '2023-03-16'), ('foo', 'open_source', True)]
        """
        if s.released or not s.lead_key or self.is_a(s.lead_key, "Organization", "Person"):
            return
        m = DATE_VERB.search(s.text)
        if not m:
            return
        date = _date_text(m.group("y"), m.group("m"))
        if m.group("d") and m.group("m") and 1 <= int(m.group("d")) <= 31 and "-" in date:
            date += f"-{int(m.group('d')):02d}"
        self.fact(s.lead_key, "released", date, s.block, 0.75, "date-verb")
        if m.group("v") == "开源":
            self.fact(s.lead_key, "open_source", True, s.block, 0.75, "date-verb")

    # facts about the topic
    def released_in(self, s: Scope) -> None:
        """ "released in 2020", "发布于 2020": when the topic came out, unless the block releases something itself.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Foo：released in March 2021.", "released-in")
        [('foo', 'released', '2021-03')]
        """
        rm = RELEASED_IN.search(s.text)
        if rm and not s.released:
            month = f"-{MONTHS[rm.group('mon')[:3].lower()]:02d}" if rm.group("mon") else ""
            self.fact(s.topic, "released", rm.group("y") + month, s.block, 0.75, "released-in")

    def describe(self, s: Scope) -> None:
        """The first sentence of a paragraph about its heading's entity describes it.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("# Foo\\nFoo is a chat model. It talks.", "first-sentence")
        [('foo', 'description', {'en': 'Foo is a chat model.'})]
        """
        b, topic = s.block, s.topic
        if b.kind == "para" and topic == s.heading_topic and len(b.text) >= 8:
            first = re.split(r"(?<=[。.!?！？])\s*", b.text)[0]
            self.fact(topic, "description", {_lang(first): first}, b, 0.6, "first-sentence")

    def kinds_named(self, s: Scope) -> None:
        """The techniques the topic's block names it uses, the capabilities it demonstrates, the problems it addresses.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Foo：使用了 RLHF 训练", "technique-mention", ["data"])
        [('foo', 'uses', 'rlhf')]
        """
        if self.is_a(s.topic, "Organization", "Person", "Paper", "Source"):
            if s.block.kind == "para":  # a lab "uses" nothing: the model its sentence names does
                self.techniques_of_models(s)
            return
        topic = self.entities.get(s.topic)
        technique = self.is_a(s.topic, "Technique", "Dataset")  # (a dataset is made for a technique more than with it)
        guessed = s.guessed and s.block.kind == "para"  # (in prose, only what the topic's own sentence says)
        topic_at = [x.end for x in s.mentions if x.id == s.topic] if guessed else []
        for x in s.mentions:
            if x.id == s.topic or (topic is not None and x.id in self.entities and self.entities[x.id].label == topic.label):
                continue  # (nor what has the topic's own name)
            if NEGATED.search(s.text[max(0, x.start - 14):x.start]) or NEGATED_LIST.search(s.text[max(0, x.start - 90):x.start]):
                continue  # "with no PPO loop", "无需 RLHF", "without MCTS, value functions or process reward models"
            if self.is_a(x.id, "Technique"):
                k = bisect_right(topic_at, x.start) - 1  # (the topic's own mention nearest before it)
                near = topic_at[k] if k >= 0 else None
                if guessed and not (near is not None and x.start - near < 120 and
                                    not re.search(r"[.!?。；;]\s", s.text[near:x.start])) and \
                        not USES_CUE.search(s.text[max(0, x.start - 40):x.start]):
                    continue  # "In December the company followed with Mixtral 8x7B, a sparse mixture-of-experts model"
                if (technique or x.id in CUED_ONLY) and not USES_CUE.search(s.text[max(0, x.start - 40):x.start]) and \
                        not re.match(r"\s*(?:结构|架构|architecture|-based|-style|blocks?\b|layers?\b)", s.text[x.end:], re.I):
                    continue  # a technique's notes name others to compare ("replaces PPO"), not only what it uses
                self.fact(s.topic, "uses", x.id, s.block, 0.65, "technique-mention")
            elif self.is_a(x.id, "Capability"):
                self.fact(s.topic, "demonstrates", x.id, s.block, 0.65, "capability-mention")
            elif self.is_a(x.id, "Problem"):
                self.fact(s.topic, "addresses", x.id, s.block, 0.65, "problem-mention")

    def listed_uses(self, s: Scope) -> None:
        """ "A, B and C are mixture-of-experts models", "A uses grouped-query attention", "A 和 B 都采用了 MoE 架构":
        the models named right before a technique use it.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(rule_facts("We compare GPT-3 with Wren-2 and Lark-7B. Wren-2 and Lark-7B are sparse mixture-of-experts models.",
        ...                   "listed-uses", ["data"]))
        [('lark-7b', 'uses', 'mixture-of-experts'), ('wren-2', 'uses', 'mixture-of-experts')]
        """
        text = s.text
        for k, x in enumerate(s.mentions):
            if not self.is_a(x.id, "Technique") or k == 0:
                continue
            before = text[max(0, x.start - 60):x.start]
            cue = LISTED_USES_CUE.search(before)
            if not cue or (cue.group("copula") and not LISTED_USES_AFTER.match(text, x.end)):
                continue
            if NEGATED.search(before[cue.start():]):
                continue
            at = x.start - len(before) + cue.start()  # where the models' list ends
            models = []
            for j in range(k - 1, -1, -1):  # (back from the technique, without a copy of the list for each one)
                m = s.mentions[j]
                if m.end > at:
                    continue
                gap = text[m.end:at]
                if not (self.is_a(m.id, "Model") or not self.type_of(m.id)) or \
                        not (not gap.strip() if not models else NAME_JOINS.fullmatch(gap)):
                    break
                models.append(m)
                at = m.start
            for m in models:
                self.fact(m.id, "uses", x.id, s.block, 0.65, "listed-uses")

    def techniques_of_models(self, s: Scope) -> None:
        """In prose about a lab: a technique is used by the model named before it in the same sentence ("the company
        followed with Finch 8x7B, a sparse mixture-of-experts model")."""
        for x in s.mentions:
            if not self.is_a(x.id, "Technique") or x.id in CUED_ONLY or \
                    NEGATED.search(s.text[max(0, x.start - 14):x.start]) or NEGATED_LIST.search(s.text[max(0, x.start - 90):x.start]):
                continue
            model = next((m for m in reversed(s.mentions) if m.end <= x.start and x.start - m.end < 120 and
                          self.is_a(m.id, "Model") and not re.search(r"[.!?。；;]\s", s.text[m.end:x.start])), None)
            if model is not None and model.id != x.id:
                self.fact(model.id, "uses", x.id, s.block, 0.6, "technique-mention")

    def stages(self, s: Scope) -> None:
        """ "第一阶段是 X", "the first stage is X": the topic's training stages, in order.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Foo：第一阶段是 RLHF", "stage", ["data"])
        [('foo', 'training_stages', {'order': 1, 'technique': 'rlhf'})]
        """
        for m in STAGE.finditer(s.text):
            n = m.group("n")
            order = ORDINALS.get((m.group("ord") or "").lower()) or (int(n) if n and n.isdigit() else CN_NUM.get(n or "", 0))
            rest_start = m.start("rest") if m.group("rest") else m.start("rest2")
            techs = [x for x in s.mention_spans.starting(rest_start, m.end()) if self.is_a(x.id, "Technique")]
            if order and techs:
                self.fact(s.topic, "training_stages", {"order": order, "technique": techs[0].id}, s.block, 0.85, "stage")

    def model_size(self, s: Scope) -> None:
        """ "1750亿参数", "13B parameters", "96 层": a model's parameter count and layers.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## Models\\n- Foo：1750亿参数，96层", "parameters")
        [('foo', 'parameters', 175000000000)]
        """
        b, text, topic = s.block, s.text, s.topic
        if "的" in text:
            starting = {x.start: x for x in reversed(s.mentions)}
            for m in SIZE_OF_NEXT.finditer(text):  # "720 亿参数的 Qwen-72B": the size of the model named next
                x = starting.get(m.end())
                if x is not None and (self.is_a(x.id, "Model") or not self.type_of(x.id)):
                    self.fact(x.id, "parameters", _as_int(_number(m.group("n"), m.group("u"))), b, 0.8, "parameters")
                    text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
        if topic and s.released and self.is_a(topic, "Organization"):
            topic = s.released[0]  # "百川智能发布了 Baichuan 2，包含 70 亿和 130 亿参数两个版本": the sizes are the model's
        if not topic or (self.type_of(topic) and not self.is_a(topic, "Model")) or \
                (not self.type_of(topic) and topic != s.lead_key and topic not in s.released):
            return  # (an item's new name of no type yet with a size is a model; a heading's is not)
        sizes = values.parameter_counts(text)
        if sizes and not self.type_of(topic) and topic in self.entities:
            self.entities[topic].type = "LanguageModel"
        if len(sizes) == 1:
            label = self.entities[topic].label if topic in self.entities else topic
            size = f"{sizes[0] / 1e9:g}B" if sizes[0] >= 1e9 else f"{sizes[0] / 1e6:g}M"
            sized = self._by_label.get(normalize(f"{label} {size}")) or self._by_label.get(normalize(f"{label}-{size}"))
            self.fact(sized or topic, "parameters", sizes[0], b, 0.85, "parameters")  # ("the 405B model": that version)
        elif sizes:  # "70亿到650亿参数": one variant of each size
            label = self.entities[topic].label if topic in self.entities else topic
            for n in sizes:
                size = f"{n / 1e9:g}B" if n >= 1e9 else f"{n / 1e6:g}M"
                key = self.entity(f"{label}-{size}", b.line, self.type_of(topic) or "LanguageModel", 0.6)
                if key and key != topic:
                    if not self.entities[key].linked and not self.entities[key].variant_of:
                        self.entities[key].variant_of = topic
                    self.fact(key, "parameters", n, b, 0.75, "parameters")
        m = LAYERS.search(text)
        if m:
            self.fact(topic, "layers", int(m.group("n")), b, 0.8, "layers")

    def training_data(self, s: Scope) -> None:
        """ "约 1T tokens", "45TB", "120万条": how much data a model was trained on (the first amount named).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## Models\\n- Foo：trained on about 1T tokens", "data-size")
        [('foo', 'training_data_size', {'value': 1000000000000, 'unit': 'tokens', 'precision': 'approximate'})]
        """
        if not self.is_a(s.topic, "Model"):
            return
        m = DATA.search(s.text)
        if not m:
            amount = values.data_amount(s.text)  # "52K demonstrations", "120万条"
            if amount and amount["unit"] == "examples":
                self.fact(s.topic, "training_data_size", amount, s.block, 0.7, "data-size")
        if m:
            unit = m.group("u").replace(" ", "")
            value = _number(m.group("n"), None)
            if re.match(r"^(亿|万|[KMBT])", unit, re.I) and not unit.upper().startswith(("GB", "TB", "MB")):
                mult = unit[0]
                value *= UNITS.get(mult.lower(), 1)
                unit = "records" if unit.endswith("条") else "tokens"
            elif re.search(r"tokens?|标识符|词元", unit, re.I):
                unit = "tokens"
            precision = "approximate" if m.group("approx") else None
            q = {"value": _as_int(value), "unit": unit}
            if precision:
                q["precision"] = precision
            self.fact(s.topic, "training_data_size", q, s.block, 0.75, "data-size")

    def training_cost(self, s: Scope) -> None:
        """ "1200万美元", "$4.6 million" in a block about training or cost: what training a model cost.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## Models\\n- Foo：训练成本约1200万美元（估计）", "cost")
        [('foo', 'training_cost', {'amount': 12000000, 'currency': 'USD', 'precision': 'estimate'})]
        """
        text = s.text
        if not self.is_a(s.topic, "Model"):
            return
        m = COST.search(text)
        if m and ("训练" in text or "train" in text.lower() or "成本" in text or "费用" in text or "cost" in text.lower()):
            n, u = (m.group("n"), m.group("u")) if m.group("n") else (m.group("n2"), m.group("u2"))
            currency = "CNY" if (m.group("c") or "") in ("人民币", "元") else "USD"
            money = {"amount": _as_int(_number(n, u)), "currency": currency}
            if re.search(r"估|estimat", text, re.I):
                money["precision"] = "estimate"
            self.fact(s.topic, "training_cost", money, s.block, 0.8, "cost")

    def hosted(self, s: Scope) -> None:
        """ "超过 10 万个模型", "over 1000 datasets": how many models or datasets an organization or service hosts.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## Organizations\\n- Hubble：超过 10 万个模型", "hosted")
        [('hubble', 'models_hosted', {'value': 100000, 'unit': 'models', 'precision': 'more-than'})]
        """
        text = s.text
        if not self.is_a(s.topic, "Organization", "Service"):
            return
        for m in HOSTED.finditer(text):
            value = _as_int(_number(m.group("n"), m.group("u")))
            key = "models_hosted" if re.match(r"模型|model", m.group("what"), re.I) else "datasets_hosted"
            prefix = text[max(0, m.start() - 24):m.start()]
            more = m.group("more") or re.search(r"(超过?|逾|over|more than)\s*$", prefix) or \
                re.search(r"超过?\s*[\d,]+\s*个[^，。]{0,10}[，,、]\s*$", prefix)
            q = {"value": value, "unit": "models" if key == "models_hosted" else "datasets"}
            if more:
                q["precision"] = "more-than"
            self.fact(s.topic, key, q, s.block, 0.75, "hosted")

    def trained_on(self, s: Scope) -> None:
        """ "trained on the Foo data", "fine-tuned on FooSet": the data the topic was trained on.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- **Zed** - a chat model, trained on the ChatPile data.", "trained-on")
        [('zed', 'trained_on', 'chatpile')]
        """
        for m in TRAINED_ON.finditer(s.text):
            found = [x for x in s.mention_spans.starting(m.start("x"), m.start("x") + 1)
                     if x.id != s.topic and self.is_a(x.id, "Dataset")]
            if not found and m.group("w") and not self.linker.link(m.group("x")) and \
                    re.search(r"[A-Z0-9]", m.group("x")):
                key = self.entity(m.group("x").rstrip(".-"), s.block.line, "Dataset", 0.6)
                found = [Mention(key, m.start("x"), m.end("x"), m.group("x"))] if key else []
            for x in found[:1]:
                e = self.entities.get(s.topic)
                if e is not None and not e.linked and not self.is_a(s.topic, "Model"):
                    e.type = "LanguageModel"  # what is trained on data is a model
                self.fact(s.topic, "trained_on", x.id, s.block, 0.7, "trained-on")

    def training_sets(self, s: Scope) -> None:
        """ "trained on 1T tokens, mostly from the RefinedWeb corpus", "fine-tuned on UltraChat, then aligned on
        UltraFeedback", "在 WuDao 上预训练", "SkyPile 是 Skywork-13B 的预训练数据": each dataset the clause after a
        training word names is what the model was trained on.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(rule_facts("## Datasets\\n- PileX：语料\\n\\n## Models\\n- Zed-7B：对话模型，在 PileX 上预训练。", "training-sets"))
        [('zed-7b', 'trained_on', 'pilex')]
        """
        text = s.text
        if not TRAINING_CUE.search(text):
            return
        for cue in TRAINING_CUE.finditer(text):
            subject = s.topic
            if cue.group("of"):  # "X 是 Y 的预训练数据": Y was trained on X
                model = next((x for x in reversed(s.mentions) if x.end <= cue.start() and x.start >= cue.start() - 40 and
                              (self.is_a(x.id, "Model") or (SIZED.search(x.text) and not self.is_a(x.id, "Dataset")))), None)
                data = next((x for x in s.mentions if x.end <= cue.start() and self.is_a(x.id, "Dataset")), None)
                if model and data:
                    self.fact(model.id, "trained_on", data.id, s.block, 0.7, "training-sets")
                continue
            if not subject or not (self.is_a(subject, "Model") or not self.type_of(subject)):
                continue
            end = min([i for i in (text.find(c, cue.end()) for c in (". ", "; ", "。", "；")) if i >= 0] + [len(text)])
            end = min(end, cue.end() + 100)
            for x in s.mention_spans.starting(cue.start() - 30 if cue.group("zh") else cue.end(), end):
                e = self.entities.get(x.id)
                hub_data = e is not None and not e.linked and "huggingface" in e.ids and "/" in x.text and \
                    re.search(r"\bon\s+(?:the\s+)?`?$", text[max(0, x.start - 8):x.start]) and not self.is_a(x.id, "Dataset")
                if hub_data:  # "DPO on `HuggingFaceH4/ultrafeedback_binarized`": what it is trained on is data
                    e.type = "Dataset"
                if x.id != subject and self.is_a(x.id, "Dataset") and not NEGATED.search(text[max(0, x.start - 14):x.start]):
                    self.fact(subject, "trained_on", x.id, s.block, 0.65, "training-sets")

    def trains(self, s: Scope) -> None:
        """ "used to train Zephyr", "用于训练 BELLE 模型", "斯坦福 Alpaca 使用的…数据": the model trained on the topic (a dataset).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("## 数据集\\n- foo_data：Bar 使用的指令数据", "trains")
        [('bar', 'trained_on', 'foo-data')]
        >>> rule_facts("## Datasets\\n- FooSet: dialogues used to train Zed.", "trains")
        [('zed', 'trained_on', 'fooset')]
        """
        if not s.topic or not self.is_a(s.topic, "Dataset"):
            return
        for m in TRAINS.finditer(s.text):
            g = next(g for g in ("x", "x2", "x3") if m.group(g))
            span = (m.start(g), m.end(g))
            found = [x for x in s.mention_spans.starting(span[0], span[1]) if x.id != s.topic and
                     not self.is_a(x.id, "Organization", "Person", "Dataset", "Paper")]
            if not found:
                name = re.sub(r"^[\u4e00-\u9fff]+\s*", "", m.group(g).strip())
                if not re.fullmatch(r"[A-Z][\w.\-]{1,40}(?:\s[A-Z0-9][\w.\-]{0,20}){0,2}", name) or self.linker.link(name):
                    continue
                key = self.entity(name, s.block.line, "LanguageModel", 0.6)
                found = [Mention(key, *span, name)] if key else []
            for x in found[-1:]:
                e = self.entities.get(x.id)
                if e is not None and not e.linked and not self.is_a(x.id, "Model"):
                    e.type = "LanguageModel"  # what is trained on data is a model
                self.fact(x.id, "trained_on", s.topic, s.block, 0.65, "trains")
