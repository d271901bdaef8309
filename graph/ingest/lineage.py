"""What a model builds on: lineage clauses, versions and sizes, model trees and arrows, successors, quantized files, series.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re
from dataclasses import replace

from graph.ingest.extraction_state import Fact, Scope
from graph.ingest.linker import Mention, normalize, size_suffix
from graph.ingest.markdown import Block
from graph.ingest.patterns import NAME_JOINS, NOT_A_NAME, NOT_NAMES, SIZE, SIZES_AFTER, _number
from graph.ingest.terms import load_terms
from graph.ingest.trees import arrow_edges, tree_edges

#: "LLaMA 底座": a name (not begun after a letter, so a run of letters is not read again from each one) and 底座.
BASE_MODEL = re.compile(r"(?P<x>(?<![A-Za-z])[A-Za-z][\w.\-]{0,80}(?:\s[\w.\-]{1,80})?)\s*(?:底座|基座)")
LINEAGE = [
    (re.compile(r"基于(?P<x>[^，。；,;的]{1,40})"), None),
    (re.compile(r"以(?P<x>[^，。；,;]{1,40}?)为(?:底座|基座|基础)"), None),
    (re.compile(r"在(?P<x>[^，。；,;]{1,40}?)的?基础上"), None),
    (re.compile(r"在\s*(?P<x>[A-Za-z][\w.\-]*(?:\s[\w.\-]+)?)\s*上[^，。；]{0,30}?(?:微调|训练|继续预训练|精调)"), "finetune"),
    (re.compile(r"(?:以|用|改用|采用|使用|选用)\s*(?P<x>[A-Za-z][\w.\-]*(?:\s[\w.\-]+)?)\s*(?:作为|做|当)(?:底座|基座|基础模型|初始化)"),
     None),
    (BASE_MODEL, None),
    (re.compile(r"\bfine-?tuned\s+(?:from|on|version\s+of)\s+(?P<x>[^.;,()]{1,60})", re.I), "finetune"),
    (re.compile(r"\b(?:based|built)\s+on\s+(?P<x>[^.;,()]{1,60})", re.I), None),
    (re.compile(r"以(?P<x>[^，。；,;]{1,40}?)为(?:语言模型|初始化|起点|基础模型)"), None),
    (re.compile(r"从(?P<x>[^，。；,;]{1,40}?)的?(?:一个)?(?:中间)?(?:检查点|checkpoint)出发"), "finetune"),
    (re.compile(r"\b(?:a\s+)?fine-?tunes?\s+of\s+(?P<x>[^.;,()]{1,60})", re.I), "finetune"),
    (re.compile(r"\bfine-?tun(?:ed|es|ing)\s+(?P<x>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,2})\s+on\b"), "finetune"),
    (re.compile(r"\b(?:start(?:s|ed|ing)?|trained|tuned)\s+from\s+(?P<x>[^.;,()]{1,60})", re.I), "finetune"),
    (re.compile(r"\b(?:uses?|using|with|takes?|took)\s+(?P<x>[A-Z][\w.\-/]*(?:\s[A-Z0-9][\w.\-/]*){0,2})\s+as\s+(?:the\s+|its\s+|a\s+)?"
                r"(?:base|backbone|foundation|starting\s+point|language\s+model|LLM|initiali[sz]ation)\b"), None),
    (re.compile(r"\b(?:connected|attached|bolted|plugged|coupled)\s+(?:on)?to\s+(?:an?\s+|the\s+)?(?:frozen\s+)?"
                r"(?P<x>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,2})"), None),
    (re.compile(r"(?P<x>(?<![\w.\-])[A-Z][\w.\-/]*(?:\s[A-Z0-9][\w.\-/]*){0,2})\s+(?:image|vision|visual|audio|speech)\s+encoder\b|"
                r"\b(?:image|vision|visual|audio|speech)\s+encoder\s+(?:of|from)\s+(?P<x2>[A-Z][\w.\-]*(?:\s[A-Z0-9][\w.\-]*){0,2})"),
     "adapter"),
    (re.compile(r"\b(?:initiali[sz]ed|continued(?:\s+pre-?training)?|derived)\s+from\s+(?P<x>[^.;,()]{1,60})", re.I), "finetune"),
    (re.compile(r"\bon\s+top\s+of\s+(?P<x>[^.;,()]{1,60})", re.I), None),
    (re.compile(r"\bdistill(?:ed|ation)\s+(?:from|of)\s+(?P<x>[^.;,()]{1,60})|从(?P<x2>[^，。；,;]{1,40}?)蒸馏", re.I), "distilled"),
    (re.compile(r"\b(?:a\s+)?merge\s+of\s+(?:(?:two|three|four|several|\d)\s+[\w\-\s]{0,30}?models?\s*[（(:]\s*)?"
                r"(?P<x>[^.;()（）]{1,80})|把(?P<x2>[^，。；,;]{1,60}?)合并成|merged\s+from\s+(?P<x3>[^.;()]{1,80})", re.I), "merge"),
    (re.compile(r"\b(?:quantization|quantized\s+(?:version|copy|build)|quant|conversion|quantized|converted)\s+(?:of|from)\s+"
                r"(?P<x>[^.;,()]{1,60})|(?P<x2>[^，。；,;\s]{1,60})的(?:量化|GGUF|GPTQ|AWQ)\s*(?:版|版本|模型)", re.I), "quantized"),
    (re.compile(r"\badapters?\s+(?:\w+\s+){0,4}?(?:for|of|on\s+top\s+of)\s+(?P<x>[^.;,()]{1,60})", re.I), "adapter"),
]
#: a word every pattern of LINEAGE holds (looked for first, once)
LINEAGE_WORDS = re.compile(r"基于|为|基础|底座|基座|检查点|出发|蒸馏|合并|量化|上.{0,30}?(?:微调|训练|精调)|fine-?tun|based|built|initiali|continued|derived|"
                           r"top\s+of|distill|merge|checkpoint|quant|convert|adapter|from|\sas\s|to\s|encoder", re.I)
# ("3个版本：…" has the same groups without its count, which would scan a run of digits from each one)
VERSIONS = re.compile(r"(?P<open>开源)?(?:的)?版本[：:]\s*(?P<list>.+)$|"
                      r"(?P<open2>open[- ]source\s+)?versions?\s*[:：]\s*(?P<list2>.+)$", re.I)
#: a version number at the end of a model's name, set apart: "LLaVA-1.5", "Wren 2", "Finch v3"
VERSION_SUFFIX = re.compile(r"(?:[-\s_]v?|\s+v)\d+(?:\.\d+){0,2}$", re.I)
#: the end of the name of a chat or instruction-tuned model ("-Instruct", " Chat", "-it", "-Instruct-v0.1")
CHAT_SUFFIX = re.compile(r"(?:[-\s_]+(?:Instruct|Chat|it|SFT|RLHF|DPO))(?:[-\s_]*v?\d+(?:\.\d+)*)?$", re.I)
FINETUNE = re.compile(r"微调|fine-?tun", re.I)
#: "X 的第二代", "X 的升级版", "successor to X": the topic succeeds X (named just before the words, or after "to/of")
SUCCESSOR = re.compile(r"(?:的)?(?:第[二三四五六七八九十\d]{1,3}代|升级版|后继者?|继任者|下一代)(?![\u4e00-\u9fff]{0,2}(?:模型|版本)?[之中])|"
                       r"\bsuccessor\s+(?:to|of)\s+(?:the\s+)?(?P<x>[A-Za-z][\w.\-]{0,60}(?:\s(?:\d+(?:\.\d+)*|[A-Z][\w.\-]*)\b)?)",
                       re.I)
#: a file format or quantization at the end of a model's name: "-GGUF", "-AWQ", "-GPTQ", "-EXL2"
QUANT_SUFFIX = re.compile(r"[-_.\s](?P<f>GGUF|GGML|AWQ|GPTQ|EXL2)$", re.I)


class Lineage:
    """What a model builds on: lineage clauses, versions and sizes, model trees and arrows, successors, quantized files, series."""

    def lineage(self, s: Scope) -> None:
        """ "基于 X", "以 X 为基座", "在 X 的基础上", "X 底座", "fine-tuned from X", "built on X": what the topic builds on.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Robin：基于 Lark 微调的对话模型", "lineage")
        [('robin', 'based_on', {'id': 'lark', 'kind': 'finetune'})]
        """
        b, text, topic = s.block, s.text, s.topic
        if not LINEAGE_WORDS.search(text):
            return  # none of the words any lineage pattern needs
        finetuned = None
        for rx, kind in LINEAGE:
            if rx is BASE_MODEL and "底座" not in text and "基座" not in text:  # its words, looked for first
                continue
            for m in rx.finditer(text):
                g = next((k for k in ("x", "x2", "x3") if k in rx.groupindex and m.group(k) is not None), "x")  # (the one that matched)
                if m.group(g) is None:
                    continue
                span = (m.start(g), m.end(g))
                bases = [x for x in s.mention_spans.starting(*span) if x.id != topic and
                         not re.match(r"['’]s\s", text[x.end:x.end + 3]) and  # ("from EleutherAI's Pythia-12b": Pythia)
                         not self.is_a(x.id, "Dataset", "Organization", "Person", "Paper")]
                if re.match(r"fine-?tuned\s+on\b", m.group(0), re.I):  # "fine-tuned on X": X is data, unless a model
                    bases = [x for x in bases if self.is_a(x.id, "Model") and x.id in self.entities and
                             (self.entities[x.id].linked or self.entities[x.id].line < s.block.line)]
                if not bases and rx.pattern.startswith("(?P<x>"):
                    continue
                lead_new = re.match(r"\s*(?P<n>[A-Za-z][\w.\-]{0,60}[\w])(?=\s*(?:和|与|及|、|,|and\b|&))", m.group(g))
                if bases and lead_new and m.start(g) + lead_new.end("n") <= bases[0].start and \
                        not self.linker.link(lead_new.group("n")):
                    # "基于 Foo-7B 和 LLaMA": a new name named first, before a known one, is the first base
                    key = self.entity(lead_new.group("n"), b.line, "LanguageModel", 0.6)
                    if key:
                        bases.insert(0, Mention(key, m.start(g) + lead_new.start("n"), m.start(g) + lead_new.end("n"),
                                                lead_new.group("n")))
                if not bases:
                    for part in NAME_JOINS.split(m.group(g).strip())[:4]:  # "a merge of A and B": each is a base
                        name = re.split(r"[的\s]", part.strip())[0]
                        latin = re.match(r"[A-Za-z][A-Za-z0-9_.\-]*", name)
                        name = latin.group(0).strip(".-") if latin else name  # "基于Foo-7B微调": the name ends with its letters
                        key = self.entity(name, b.line, "LanguageModel", 0.6) \
                            if re.match(r"[A-Za-z]", name) and len(name) > 1 and name.lower() not in NOT_NAMES else None
                        if not key:
                            break
                        at = text.find(name, span[0])
                        bases.append(Mention(key, at, at + len(name), name))
                if finetuned is None:
                    finetuned = bool(FINETUNE.search(text))
                fine = kind or ("adapter" if re.search(r"\badapters?\b|适配器", text, re.I) else None) or \
                    ("finetune" if finetuned else None)
                chosen = bases[:1]
                for x in bases[1:]:  # "基于 A 和 B": each base joined to the first by a conjunction only
                    if re.fullmatch(r"\s*(?:和|与|及|、|,|，|&|and)\s*", text[chosen[-1].end:x.start], re.I):
                        chosen.append(x)
                    else:
                        break
                subject = topic
                if subject and self.is_a(subject, "Organization", "Person", "Source", "Place"):
                    # "Google shipped ShieldGemma, … built on Gemma 2": what the organization made builds on it
                    before = [x for x in s.mentions if x.end <= m.start() and x.id not in {c.id for c in chosen} and
                              (self.is_a(x.id, "Model", "Software") or not self.type_of(x.id))]
                    subject = before[-1].id if before else None
                for x in chosen:
                    if subject and subject != x.id:
                        self.fact(subject, "based_on", {"id": x.id, "kind": fine} if fine else x.id, b, 0.8, "lineage")

    def base_of_list(self, s: Scope) -> None:
        """An item of a list under "X 底座" or "Based on X" builds on X.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("# LLaMA 底座\\n- Robin：中文对话模型", "base-list")
        [('robin', 'based_on', 'llama')]
        """
        if s.base and s.base != s.topic and not re.search(r"->|→|=>", s.text) and \
                not any(f.subject == s.topic and f.key == "based_on" and f.block is s.block for f in self.facts[-12:]):
            self.fact(s.topic, "based_on", s.base, s.block, 0.7, "base-list")  # (unless the item names its own base)

    def versions(self, s: Scope) -> None:
        """ "版本：A、B", "versions: A, B": each is a version of the topic (open source after 开源 or open-source).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Foo：开源版本：Foo-7B、Foo-13B", "versions")
        [('foo-7b', 'version_of', 'foo'), ('foo-7b', 'open_source', True), ('foo-13b', 'version_of', 'foo'), ('foo-13b', 'open_source', True)]
        """
        b, text, topic, mentions = s.block, s.text, s.topic, s.mentions
        vm = VERSIONS.search(text)
        if not vm:
            return
        listed = vm.group("list") or vm.group("list2") or ""
        start = text.find(listed)
        for x in mentions:
            if x.start >= start and x.id != topic:
                self.fact(x.id, "version_of", topic, b, 0.85, "versions")
                if vm.group("open") or vm.group("open2"):
                    self.fact(x.id, "open_source", True, b, 0.8, "versions")
        named = {normalize(x.text) for x in mentions}
        for name in re.split(r"[，,、;；和及]|\band\b", listed):
            name = name.strip(" 。.")
            if re.match(r"^[A-Za-z][\w.\-]*$", name) and normalize(name) not in named:
                key = self.entity(name, b.line, "LanguageModel", 0.7)
                self.fact(key, "version_of", topic, b, 0.8, "versions")
                if vm.group("open") or vm.group("open2"):
                    self.fact(key, "open_source", True, b, 0.8, "versions")

    def successor(self, s: Scope) -> None:
        """ "Foo-2：Foo 的第二代", "Foo 的升级版", "successor to Foo": the topic succeeds the model named.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Zed：一个模型。\\n- Zed-2：2023年发布，Zed 的第二代。\\n- Zed-3：successor to Zed-2.", "successor")
        [('zed-2', 'successor_of', 'zed'), ('zed-3', 'successor_of', 'zed-2')]
        """
        for m in SUCCESSOR.finditer(s.text):
            if m.group("x"):
                prev = [x for x in s.mention_spans.starting(m.start("x"), m.start("x") + 1) if x.id != s.topic]
                if not prev:
                    key = self.entity(m.group("x").rstrip(".-"), s.block.line, "LanguageModel", 0.6)
                    prev = [Mention(key, m.start("x"), m.end("x"), m.group("x"))] if key else []
            else:
                prev = [x for x in s.mention_spans.ending(m.start() - 2, m.start() + 1) if x.id != s.topic]
            if prev and self.is_a(prev[-1].id, "Model", "Software") or (prev and not self.entities[prev[-1].id].linked):
                self.fact(s.topic, "successor_of", prev[-1].id, s.block, 0.7, "successor")

    def model_tree(self, b: Block) -> None:
        """A model tree drawn in a code block: each model below another was derived from it (the kind from the
        note beside it, or its own name).

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("```\\nacme/Wren-7B\\n└── bob/wren-7b-chat  (SFT)\\n```"), Linker([])).run()
        >>> [(f.subject, f.key, f.value) for f in r.facts if f.key == "based_on"]
        [('wren-7b-chat', 'based_on', {'id': 'wren-7b', 'kind': 'finetune'})]
        """
        lines = b.text.split("\n")
        for child, parent, kind, k in tree_edges(b.text):
            here = replace(b, line=b.line + k - 1, end=b.line + k - 1, text=lines[k])
            c, p = self.model_named(child, here.line), self.model_named(parent, here.line)
            if c and p and c != p:
                self.fact(c, "based_on", {"id": p, "kind": kind} if kind else p, here, 0.75, "model-tree")

    def model_named(self, name: str, line: int) -> str | None:
        """A model named in a tree or an arrow: a Hub id, or a name (a known or new model)."""
        key = self.entity(name, line, "LanguageModel", 0.7)
        return key if key and (self.is_a(key, "Model") or not self.type_of(key)) else None

    def arrows(self, s: Scope) -> None:
        """ "`meta/Llama-2-7b` -> `bloke/Llama-2-7B-GGUF` — quantized": B was derived from A (the kind from the words
        after it, or B's name).

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- `acme/Wren-7B` -> `bob/Wren-7B-GGUF` — quantized GGUF files", "arrow")
        [('wren-7b-gguf', 'based_on', {'id': 'wren-7b', 'kind': 'quantized'})]
        """
        if "->" not in s.text and "→" not in s.text and "=>" not in s.text:
            return
        for child, parent, kind in arrow_edges(s.block.raw or s.text):
            if any(NOT_A_NAME.fullmatch(n) or len(n) < 2 or re.fullmatch(r"[\d.,]+\s*[A-Za-z]{0,2}", n) for n in (child, parent)):
                continue  # "1B -> 2T": sizes, not names
            c, p = self.model_named(child, s.block.line), self.model_named(parent, s.block.line)
            if c and p and c != p:
                self.fact(c, "based_on", {"id": p, "kind": kind} if kind else p, s.block, 0.7, "arrow")

    def size_versions(self, key: str, name: str, sizes: str, b: Block, rule: str, found: float, told: float) -> None:
        """A version of ``key`` for each size ``sizes`` lists ("8B, 70B"), named "NAME 8B" (or "NAME-8B" when the
        name has no space), with that size (``found``: how sure the name is; ``told``: how sure the facts are).

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("x"), Linker([]))
        >>> key = r.entity("Wren", 1, "LanguageModel", 0.7)
        >>> r.size_versions(key, "Wren", "7B / 13 B", r.doc.blocks[0], "x", 0.6, 0.7)
        >>> [(f.subject, f.key, f.value) for f in r.facts]
        [('wren-7b', 'version_of', 'wren'), ('wren-7b', 'parameters', 7000000000), ('wren-13b', 'version_of', 'wren'), ('wren-13b', 'parameters', 13000000000)]
        """
        for size in re.findall(SIZE, sizes):
            size = size.replace(" ", "")
            v = self.entity(f"{name} {size}" if " " in name else f"{name}-{size}", b.line,
                            self.type_of(key) or "LanguageModel", found)
            if v and v != key:
                self.fact(v, "version_of", key, b, told, rule)
                self.fact(v, "parameters", int(_number(size[:-1], size[-1])), b, told, rule)

    def sizes_in_brackets(self, s: Scope) -> None:
        """ "Llama 3.2 Vision (11B and 90B)": each size of a model named in the block is a version of it.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(rule_facts("Keep an eye on Wren-VL (11B and 90B), due soon.", "sizes-in-brackets"))[:2]
        [('wren-vl-11b', 'parameters', 11000000000), ('wren-vl-11b', 'version_of', 'wren-vl')]
        """
        if "(" not in s.text and "（" not in s.text:
            return
        for x in s.mentions:
            m = SIZES_AFTER.match(s.text, x.end)
            if not m or (self.type_of(x.id) and not self.is_a(x.id, "Model")):
                continue
            label = self.entities[x.id].label if x.id in self.entities else x.text
            self.size_versions(x.id, label, m.group("sizes"), s.block, "sizes-in-brackets", 0.6, 0.7)

    def sizes_of_models(self) -> None:
        """A model named with a size ("DeepSeek LLM 67B", "Qwen2-72B") is a version of the model the notes name
        without it, wherever in the notes each is named.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("## Models\\n- Wren-70B：大模型\\n- Wren：模型家族"), Linker([])).run()
        >>> r.entities["wren-70b"].variant_of
        'wren'
        """
        first: dict[str, Block] = {}
        based: set[str] = set()  # what has a base already
        at_line = {b.line: b for b in reversed(self.doc.blocks)}
        for e in self.entities.values():  # (an entity no fact is about yet is where it was first named)
            if e.line in at_line:
                first[e.key] = at_line[e.line]
        for f in reversed(self.facts):
            first[f.subject] = f.block
            if f.key == "based_on":
                based.add(f.subject)
        for e in list(self.entities.values()):
            if e.linked or e.variant_of or (e.type and not self.is_a(e.key, "Model", "Software")):
                continue
            if re.search(r"(?<![A-Za-z])MoE(?![a-z])", e.label) and self.is_a(e.key, "Model") and e.key in first:
                moe = load_terms().named("MoE")  # "XVERSE-MoE-A36B" is a mixture of experts
                if moe is not None:
                    self.fact(e.key, "uses", self.term_entity(moe, moe.en, e.line), first[e.key], 0.6, "model-name")
            tuned = CHAT_SUFFIX.search(e.label)
            if tuned and e.key in first:  # "Qwen2-72B-Instruct" of Qwen2-72B, "DBRX Instruct" of DBRX Base
                stem = e.label[:tuned.start()].strip(" -_")
                base = next((k for k in (self.linker.link(stem + sep + "Base") or self._by_label.get(normalize(stem + sep + "Base"))
                                         for sep in ("-", " ")) if k), None) or \
                    self.linker.link(stem) or self._by_label.get(normalize(stem))
                if base and base != e.key and self.is_a(base, "Model") and e.key not in based:
                    self.fact(e.key, "based_on", {"id": base, "kind": "finetune"}, first[e.key], 0.6, "model-name")
                    continue
            numbered = VERSION_SUFFIX.search(e.label) if not size_suffix(e.label.strip()) else None
            if numbered and e.key in first and e.key not in based:  # "LLaVA-1.5" after LLaVA: its next version
                stem = e.label[:numbered.start()].strip(" -_")
                prev = self._by_label.get(normalize(stem)) if stem else None
                number = float(re.search(r"\d+(?:\.\d+)?", numbered.group()).group())
                kinds = (self.type_of(prev), self.type_of(e.key))
                same_kind = not all(kinds) or kinds[0] == kinds[1] or (self.is_a(prev, "Model") and self.is_a(e.key, "Model"))
                if prev and prev != e.key and number >= 1 and same_kind and \
                        (not self.type_of(prev) or self.is_a(prev, "Model", "Software")) and \
                        not self.entities[prev].linked:  # (not "v0.1", a first release)
                    self.fact(e.key, "successor_of", prev, first[e.key], 0.55, "model-name")
                    continue
            split = size_suffix(e.label.strip())
            stem = split[0].strip(" -_") if split else ""
            base = (self.linker.link(stem) or self._by_label.get(normalize(stem))) if stem else None
            if base and base != e.key and self.is_a(base, "Model", "ModelFamily"):
                e.variant_of = base

    def series(self) -> None:
        """Models of one developer named STEM, STEM-2, STEM-3 ... follow one another in order of release."""
        dev = {f.subject: f.value for f in self.facts if f.key == "developed_by"}
        year = {f.subject: str(f.value)[:4] for f in self.facts if f.key == "released"}
        stems: dict[tuple[str, str], list[tuple[int, str, Fact]]] = {}
        for f in self.facts:
            if f.key != "released":
                continue
            e = self.entities.get(f.subject)
            if not e:
                continue
            m = re.match(r"^(?P<stem>[A-Za-z]+?)(?:[-\s]?(?P<n>\d{1,2}))?$", e.label.strip())
            if m and f.subject in dev:
                stems.setdefault((m.group("stem").lower(), str(dev[f.subject])), []).append(
                    (int(m.group("n") or 1), f.subject, f))
        first_release: dict[str, Fact] = {}
        for f in self.facts:
            if f.key == "released":
                first_release.setdefault(f.subject, f)
        for items in stems.values():
            items = sorted(set((n, s) for n, s, _ in items))
            for (n1, a), (n2, b) in zip(items, items[1:]):
                if n2 == n1 + 1 and year.get(a, "0") <= year.get(b, "9"):
                    fact = first_release[b]
                    self.fact(b, "successor_of", a, fact.block, 0.6, "series")

    def quantized_files(self) -> None:
        """A model named for a file format or a quantization ("Wren-7B-GGUF", "wren-7b-awq") uses it; on the Hub, the
        repository's owner made that file (the quantizer, not the lab of the base model).

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("- `bob/Wren-7B-GGUF` (quantized)"), Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.rule == "quantized-file")
        [('wren-7b-gguf', 'developed_by', 'bob'), ('wren-7b-gguf', 'uses', 'gguf')]
        """
        at_line = {b.line: b for b in reversed(self.doc.blocks)}  # (the first block of each line)
        for e in list(self.entities.values()):
            if e.linked or (e.type and not self.is_a(e.key, "Model")):
                continue
            m = QUANT_SUFFIX.search(e.label)
            term = load_terms().named(m.group("f")) if m else None
            if term is None:
                continue
            block = at_line.get(e.line) or next((f.block for f in self.facts if f.subject == e.key), None)
            if block is None:
                continue
            self.fact(e.key, "uses", self.term_entity(term, term.en, e.line), block, 0.6, "quantized-file")
            owner = e.ids.get("huggingface", "").split("/")[0]
            if owner:
                key = self.linker.link(owner) or self.entity(owner, e.line, "Organization", 0.55)
                if key and self.is_a(key, "Organization", "Person"):
                    self.fact(e.key, "developed_by", key, block, 0.6, "quantized-file")
