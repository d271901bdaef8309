"""Paragraphs of prose read sentence by sentence, each with the name it is about.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re
from dataclasses import replace

from graph.ingest.linker import normalize
from graph.ingest.markdown import Block
from graph.ingest.patterns import (
    DEV_VERBS, NOT_ORGS_ZH, RELEASER_EN, SENTENCE_END, SENTENCE_IS_A, _NAME, _ORG_ZH_NAME, _lang)

#: the same at the start of a sentence, before 的 and anything ("阿里云的通义千问走的是…")
ORG_ZH_OPENING = re.compile(_ORG_ZH_NAME + r"(?=的|[，,、和与及等]|发布|推出|开源|研发|提出|联合|共同)")
#: the start of an English sentence: "Falcon-40B appeared …", "Mistral 7B was released …"
SENTENCE_SUBJECT = re.compile(r"(?:The\s+)?(?P<n>" + _NAME + r")(?:\s*[（(][^()（）]{1,40}[)）])?(?=,|\s+(?:is|was|are|were|"
                              r"has|had|have|appeared|followed|came|comes|uses|used|introduced|released|launched|beats|"
                              r"matches|outperforms|extends|adds|builds|topped|reached|shows|scored|achieved|also)\b)")
#: where a Chinese sentence ends
SENTENCE_END_ZH = re.compile(r"[。！？；](?=\S)")


class Prose:
    """Paragraphs of prose read sentence by sentence, each with the name it is about."""

    def prose(self, b: Block, heading_topic: str | None, base: str | None) -> Block | None:
        """The sentences of an English paragraph that open with a name are about it: the rules run on each with
        that name as its head; what is left of the paragraph (None if nothing) is returned to be read as a whole.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("## Acme AI\\nAcme AI is a start-up. Foo 7B was released in May 2023."),
        ...                Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("released", "developed_by"))
        [('foo-7b', 'developed_by', 'acme-ai'), ('foo-7b', 'released', '2023-05')]
        """
        text = b.text
        if len(text) > 20_000:
            return b
        zh = _lang(text) == "zh"
        cuts = [0] + [e.end() for e in (SENTENCE_END_ZH if zh else SENTENCE_END).finditer(text)] + [len(text)]
        if len(cuts) < 3:
            return b
        kept: list[str] = []
        last: str | None = None
        last_released: str | None = None  # what the last sentence read released ("…推出了 X。它有 200 亿参数")
        maker = heading_topic if heading_topic and self.is_a(heading_topic, "Organization") else None
        for lo, hi in zip(cuts, cuts[1:]):
            sentence = text[lo:hi].strip()
            opener = self.opening_maker(sentence, b)
            if opener:
                maker = opener  # "阿里云的通义千问走的是…路线。2023年8月先开源了 Qwen-7B": 阿里云 released it
            subject = self.sentence_model_zh(sentence, b) if zh else self.sentence_subject(sentence, b.line)
            if zh and re.match(r"(?:它|其|该模型|这个模型)", sentence):
                subject = last_released or last
            elif subject is None and maker and re.match(r"(?:The|This|That|Its)\s+(?:[\w\-]+\s+){0,2}(?:start-?up|company|lab|"
                                                       r"firm|organi[sz]ation)\b|该公司|这家公司", sentence):
                subject = maker  # "Black Forest Labs released … The Freiburg-based startup was founded by …"
            elif subject is None and last and re.match(r"(?:It|Its|This model|The model)\b", sentence):
                subject = last  # "Foo 7B was released … It has 7.3 billion parameters."
            elif subject is None and last and re.match(r"(?:He|She)\b", sentence) and self.is_a(last, "Person"):
                subject = last  # "Percy Liang is a professor … He led the HELM benchmark."
            elif subject is None and last and not zh and re.search(r"\b(?:its|it)\b", sentence) and \
                    self.is_a(last, "Model", "Software") and not self.sentence_names_other(sentence, last):
                subject = last  # "Mistral 7B was released … Two choices explain much of its efficiency: …"
            last = subject
            if subject is None or subject == heading_topic:
                kept.append(sentence)
                continue
            links = [(t, u) for t, u in b.links if t and t in sentence]
            piece = replace(b, text=sentence, links=links, raw=sentence)
            known_facts = len(self.facts)
            self._paragraph_maker = maker if maker != subject and not opener else None
            self.block(piece, heading_topic, base, lead=subject)
            self._paragraph_maker = None
            last_released = next((f.subject for f in reversed(self.facts[known_facts:])
                                  if f.rule == "release-verb" and f.key in ("developed_by", "offered_by")), None)
            if maker and not opener and maker != subject and re.search(DEV_VERBS, sentence) and \
                    self.is_a(subject, "Model", "Software", "Dataset") and \
                    not any(f.subject == subject and f.key in ("developed_by", "offered_by") for f in self.facts[-12:]):
                self.fact(subject, "developed_by", maker, piece, 0.6, "paragraph-maker")
        if len(kept) == len(cuts) - 1:
            return b
        if not kept:
            return None
        rest = " ".join(kept)
        return replace(b, text=rest, links=[(t, u) for t, u in b.links if t and t in rest], raw=rest)

    def sentence_names_other(self, sentence: str, key: str) -> bool:
        """Whether a sentence names a model or software other than ``key`` (so "its" may be that one's)."""
        return any(m.id != key and self.linker.is_a(m.id, "Model") for m in self.linker.mentions(sentence)) or \
            any(self._by_label.get(normalize(n)) not in (None, key) and self.is_a(self._by_label[normalize(n)], "Model", "Software")
                for n, _, _ in self._new_name_matches(sentence))

    def opening_maker(self, sentence: str, b: Block) -> str | None:
        """The organization a sentence opens with, after a date ("2023年9月，百川智能…", "In May 2023 Meta …"), or None."""
        m = re.match(r"(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?[，,\s]*|"
                     r"(?:In|By|On)\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d{2},?\s+)?(?:the\s+|The\s+)?", sentence)
        rest = sentence[m.end():]
        probe = replace(b, text=rest[:40], links=[], raw=rest[:40])
        first = next(iter(self.linker.mentions(probe.text)), None)
        if first is not None and first.start == 0 and self.linker.is_a(first.id, "Organization"):
            self.entity(first.text, b.line)
            return first.id
        org_zh = ORG_ZH_OPENING.match(rest)
        if org_zh and org_zh.group("n") not in NOT_ORGS_ZH:  # "阿里云的通义千问走的是…"
            key = self.entity(org_zh.group("n"), b.line, "Organization", 0.6)
            if key and self.is_a(key, "Organization"):
                return key
        head = re.match(r"[\u4e00-\u9fff]{2,12}|[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}", rest)
        seen = self._by_label.get(normalize(head.group())) if head else None
        if seen and self.is_a(seen, "Organization"):
            return seen
        released = RELEASER_EN.match(rest)  # "Black Forest Labs released FLUX.1 …": a new maker opening the sentence
        n = self.releaser_name(released.group("n")) if released else ""
        if n:
            key = self.entity(n, b.line, "Organization", 0.55)
            return key if key and self.is_a(key, "Organization") else None
        return None

    def sentence_model_zh(self, sentence: str, b: Block) -> str | None:
        """What a Chinese sentence is about: the organization it opens with, else the first model (or software,
        dataset, untyped new name) it names."""
        probe = replace(b, text=sentence, links=[(t, u) for t, u in b.links if t and t in sentence], raw=sentence)
        found = self.mentions(probe)
        if found and found[0].start <= 12 and self.is_a(found[0].id, "Organization"):
            return found[0].id  # "Hugging face 起初是一家总部位于纽约的…": the sentence is about the company
        for m in found:
            if (self.is_a(m.id, "Model", "Software", "Dataset", "Service") or not self.type_of(m.id)) and \
                    not self.is_a(m.id, "Source") and self.type_of(m.id) != "Survey":
                return m.id
        return None

    def sentence_subject(self, sentence: str, line: int) -> str | None:
        """The entity an English sentence opens with: a known or already named one, or a new one it says what it
        is ("Falcon-40B …", "Mixtral 8x7B, a sparse model, …"); None for "It", "The company", "Most labs" ..."""
        m = SENTENCE_SUBJECT.match(sentence) or SENTENCE_IS_A.match(sentence)
        if not m:  # "FLAN took …": a name already known or seen, before any lower-case word
            m = re.match(r"(?:The\s+)?(?P<n>" + _NAME + r")(?=\s+[a-z])", sentence)
            if not m or not (self.linker.link(m.group("n")) or self._by_label.get(normalize(m.group("n")))):
                return None
        name = m.group("n")
        rid = self.linker.link(name) or self._by_label.get(normalize(name))
        if rid and (self.is_a(rid, "Source") or self.type_of(rid) == "Survey"):
            return None
        if rid and rid not in self.entities:
            self.entity(name, line)
        typed = [t for x, t in self.named_in_prose(sentence) if x.start("n") == m.start("n") and x.group("n") == name]
        if rid and typed and rid in self.entities and not self.entities[rid].linked:
            self.entities[rid].type = typed[0]  # "Acme AI is a start-up": what the sentence says it is
        if rid:
            return rid
        return self.entity(name, line, typed[0], 0.6) if typed else None
