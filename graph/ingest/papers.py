"""Papers: the one that introduced a topic, paper items, citations and references, authors and publishers.

A part of :class:`graph.ingest.extract.Extraction` (its methods use the state kept there).
"""
from __future__ import annotations

import re

from graph.ingest import ids
from graph.ingest.bibliography import cited_numbers, entries, parse_reference
from graph.ingest.extraction_state import Entity, Fact, Scope
from graph.ingest.linker import normalize
from graph.ingest.markdown import Block
from graph.ingest.patterns import (
    CITATION_TEXT, CUED_ONLY, GENERIC_HEADINGS, MONTHS, NAME_JOINS, NOT_A_NAME, ORG_NAME, _lang)
from graph.ingest.terms import load_terms

PAPER_TITLE = re.compile(r"(?:论文|paper)\s*[（(]\s*(?P<t>[^）)]{8,200})\s*[）)]|"
                         r"[（(]\s*(?P<t2>[A-Z][^（）()]{8,200})\s*[）)]\s*(?:的)?论文", re.I)
#: a paper's title "NAME: [A|An|The] … HEAD for …", NAME a short name with a capital letter or a digit
PAPER_NAMED = re.compile(r"(?P<n>(?=[^:：]*[A-Z0-9π])[^\s:：][^:：]{0,30}?)\s*[:：]\s*(?P<what>.{4,200})$")
#: the head word of such a title, and what it makes NAME
PAPER_HEADS = {"model": "LanguageModel", "transformer": "LanguageModel", "llm": "LanguageModel", "policy": "LanguageModel",
               "language model": "LanguageModel", "encoder": "LanguageModel", "decoder": "LanguageModel",
               "dataset": "Dataset", "corpu": "Dataset", "benchmark": "Dataset", "suite": "Dataset",
               "agent": "Software", "framework": "Software", "library": "Software", "toolkit": "Software",
               "system": "Software", "engine": "Software", "adaptation": "Technique", "optimization": "Technique",
               "attention": "Technique", "learning": "Technique", "tuning": "Technique", "training": "Technique",
               "prompting": "Technique", "decoding": "Technique", "quantization": "Technique", "distillation": "Technique",
               "method": "Technique", "algorithm": "Technique", "alignment": "Technique", "pre-training": "Technique"}
#: "Paper: URL", "论文：URL": the paper that introduces what the item is about, with "(VENUE YEAR)" after it its year
PAPER_URL = re.compile(r"(?:\bpapers?|(?:\btechnical\s+|\btech\s+)?\breports?|技术报告|论文|arxiv)\s*[：:]\s*(?P<u>https?://[^\s<>()（）\[\]，。；]{1,500})"
                       r"(?:\s*[（(][^()（）]{0,40}?(?P<y>(?:19|20)\d{2})[）)])?", re.I)
#: a paper list item "TITLE, ORG, Month YEAR …": a title, the organization that put it out, and its date
PAPER_ITEM = re.compile(r"^(?P<t>[^,，\n]{8,200}?),\s*(?P<org>[A-Z][\w&.\-]{0,40}(?:\s[A-Z][\w&.\-]{0,40}){0,3}),\s*"
                        r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<y>(?:19|20)\d{2})\b")
#: "PPO itself is from [paper]", "introduced in [paper]": the paper that introduced the sentence's subject
FROM_PAPER = re.compile(r"\b(?:is|was|comes|came)\s+(?:\w+\s+)?from\s+$|\b(?:introduced|proposed|described|presented)\s+in\s+(?:the\s+)?$", re.I)
#: a surname as papers cite it: "Frantar", "O'Brien", "van der Maaten" is left out
SURNAME = re.compile(r"[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-zà-ÿ'’]+)?")
#: "Lin et al., URL", "Lin and Han et al. (2023) URL", "(Dettmers, Pagnoni and Holtzman; URL)": who wrote the paper there
ET_AL_URL = re.compile(r"(?P<who>[A-Z][a-zà-ÿ'’\-]+(?:\s+(?:and|&)\s+[A-Z][a-zà-ÿ'’\-]+)?)\s+et\s+al\.?\s*[,;:]?\s*"
                       r"(?:\(?(?:19|20)\d{2}\)?\s*[,;:]?\s*)?(?P<u>https?://[^\s<>()\[\]]+)|"
                       r"[(（](?P<who2>[A-Z][a-zà-ÿ'’\-]+(?:,\s*[A-Z][a-zà-ÿ'’\-]+)*,?\s+(?:and|&)\s+[A-Z][a-zà-ÿ'’\-]+)\s*[;；]\s*"
                       r"(?P<u2>https?://[^\s<>()\[\]]+)\s*[)）]")
#: after a paper's linked title: " — Acme Labs & Zeta, 2021", " - 清华大学, 2023", "（OpenAI，2022）"
PAPER_BY = re.compile(r"\s*(?:—|–|-{1,2}|[,，:：]|[（(])\s*(?P<orgs>[^,，()（）\d]{2,80}?(?:\s*[,，]\s*[^,，()（）\d]{2,60}?){0,6})"
                      r"\s*[,，]\s*(?P<y>(?:19|20)\d{2})\b")
#: "(Wei et al., 2021)", "(Christiano et al.)", "(Hu and Shen, 2021)" right after a paper: who wrote it (surnames)
CITED_AUTHORS = re.compile(r"\s*[（(](?P<a>[A-Z][A-Za-zà-öø-ÿ'\-]+)(?:\s+et\s+al\.?|\s+(?:and|&)\s+(?P<b>[A-Z][A-Za-zà-öø-ÿ'\-]+))"
                           r"(?:,?\s*(?P<y>(?:19|20)\d{2}))?[)）]")


class Papers:
    """Papers: the one that introduced a topic, paper items, citations and references, authors and publishers."""

    def paper_item(self, b: Block) -> str | None:
        """ "- TITLE, ORG, Month YEAR - …": a list item that cites a paper by its title, a known organization and a
        date is that paper (published by the organization, released then), not a model named by the title's head.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Zed: Tuning Small Models Well, OpenAI, May 2021 - a note.", "paper-item", ["data"])
        [('zed-tuning-small-models-well', 'publisher', 'openai'), ('zed-tuning-small-models-well', 'released', '2021-05')]
        """
        linked = self.linked_paper_item(b)
        if linked:
            return linked
        m = PAPER_ITEM.match(re.sub(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", "", b.text))
        if not m or len(m.group("t").split()) < 3:
            return None
        name = m.group("org")
        org = self.linker.link(name) or self._by_label.get(normalize(name))  # known, or named before in the notes
        if not (org and self.is_a(org, "Organization")) and not ORG_NAME.search(name):
            return None
        key = self.entity(m.group("t"), b.line, "Paper", 0.7)
        if not key or not self.is_a(key, "Paper"):
            return None
        org = self.entity(name, b.line, "Organization", 0.6)
        self.fact(key, "publisher", org, b, 0.75, "paper-item")
        self.fact(key, "released", f"{m.group('y')}-{MONTHS[m.group('mon')[:3].lower()]:02d}", b, 0.75, "paper-item")
        return key

    def linked_paper_item(self, b: Block) -> str | None:
        """ "- [TITLE](arXiv link) — ORG & ORG, YEAR": an item that is a paper, by its title linked to a paper's page,
        then who put it out and when.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("1. [Tuning Small Models Well](https://arxiv.org/abs/2101.00001) — Acme Labs & Zeta, 2021",
        ...            "linked-paper")
        [('tuning-small-models-well', 'url', 'https://arxiv.org/abs/2101.00001'), ('tuning-small-models-well', 'publisher', 'acme-labs'), ('tuning-small-models-well', 'publisher', 'zeta'), ('tuning-small-models-well', 'released', '2021')]
        """
        if not b.links:
            return None
        title, url = b.links[0]
        if not title or not b.text.startswith(title) or len(title.split()) < 3 or self.type_from_url(url) != "Paper":
            return None
        m = PAPER_BY.match(b.text, len(title))
        if not m:
            return None
        orgs = [self.maker_named(n.strip(), b.line) for n in NAME_JOINS.split(m.group("orgs")) if n.strip()]
        if not orgs or not all(orgs):
            return None
        key = self.entity(title, b.line, "Paper", 0.75, url)
        if not key or not self.is_a(key, "Paper"):
            return None
        if not self.entities[key].linked:
            self.fact(key, "url", url, b, 0.85, "linked-paper")
        for org in dict.fromkeys(orgs):
            self.fact(key, "publisher", org, b, 0.75, "linked-paper")
        self.fact(key, "released", m.group("y"), b, 0.7, "linked-paper")
        return key

    def paper_url(self, s: Scope) -> None:
        """ "Foo - …. Paper: URL (VENUE 2022)": the paper that introduces the topic, and its year.

        >>> from graph.ingest.extract import rule_facts
        >>> [f[:2] for f in rule_facts("- **Zed** - a method. Paper: https://example.org/zed.pdf (ICML 2022).", "paper-url")]
        [('paper-zed', 'url'), ('zed', 'introduced_in'), ('paper-zed', 'released')]
        """
        if self.is_a(s.topic, "Paper", "Organization", "Person"):
            return
        for m in PAPER_URL.finditer(s.text):
            url = m.group("u").rstrip(".,;")
            if self.type_from_url(url) not in (None, "Paper"):
                continue  # "Bug reports: <GitHub issues>", "Paper: <the code>": an address that is no paper's
            key = self.paper_for(s.topic, "", url, s.block, "paper-url")
            if key and m.group("y") and not self.entities[key].linked:
                self.fact(key, "released", m.group("y"), s.block, 0.7, "paper-url")
            break

    def paper_for(self, subject: str, title: str, url: str | None, b: Block, rule: str) -> str | None:
        """The paper that introduces a model or technique: known by its title or URL, else new, with the id
        ``paper-<the subject's id>`` (when the title is only a link, the subject's name is its label)."""
        if url and not title:  # the paper is named after what it introduces, but is another entity
            rid = self.linker.link_url(url)
            if rid:
                key = self.entity(self.linker.records[rid].labels.get("en", rid), b.line, url=url)
            else:
                label = self.entities[subject].label if subject in self.entities else subject
                label += "论文" if _lang(label) == "zh" else " paper"  # (not the name of what it introduces)
                key = ids.free_id(f"paper-{subject}", self._taken)
                self.entities[key] = Entity(key, label, "Paper", False, 0.8, b.line)
                self.keep_ids(key, url)
        else:
            key = self.entity(title, b.line, "Paper", 0.8, url, key_hint=f"paper-{subject}")
        if key and key != subject:
            e = self.entities.get(key)
            if url and e is not None and not e.linked:
                self.fact(key, "url", url, b, 0.85, rule)
            self.fact(subject, "introduced_in", key, b, 0.85, rule)
        return key

    def paper_title(self, s: Scope) -> None:
        """ "论文（TITLE）", "(TITLE) 的论文": the paper that introduced the topic, and who published it.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- Foo：论文（Foo: A Model That Talks）", "paper-title")
        [('foo', 'introduced_in', 'foo-a-model-that-talks')]
        """
        b, text, topic = s.block, s.text, s.topic
        for m in PAPER_TITLE.finditer(text):
            title = (m.group("t") or m.group("t2")).strip()
            if re.match(r"https?://|arxiv|doi", title, re.I):
                continue  # "paper (https://arxiv.org/…, Google Brain, 2017)": an address, no title
            key = self.entity(title, b.line, "Paper", 0.8)
            if key and key != topic:
                self.fact(topic, "introduced_in", key, b, 0.85, "paper-title")
                pub = [a for a in s.agent_spans.ending(m.start() - 30, m.start()) if self.is_a(a.id, "Organization")
                       and re.search(r"(公开|发表|发布|published)", text[a.end:m.start()])]
                for a in pub[-1:]:
                    self.fact(key, "publisher", a.id, b, 0.7, "paper-publisher")

    def paper_from(self, s: Scope) -> None:
        """ "PPO itself is from [Proximal Policy …](arxiv)", "introduced in [paper]": the paper that introduced the topic.

        >>> from graph.ingest.extract import rule_facts
        >>> rule_facts("- **Foo** is from [A Foo for Bar](https://arxiv.org/abs/1707.06347), also Acme.", "paper-from")
        [('foo', 'introduced_in', 'a-foo-for-bar')]
        """
        if not s.topic or self.is_a(s.topic, "Paper", "Organization", "Person", "Source"):
            return
        for x in s.mentions:
            if x.id != s.topic and self.is_a(x.id, "Paper") and FROM_PAPER.search(s.text[max(0, x.start - 40):x.start]):
                self.fact(s.topic, "introduced_in", x.id, s.block, 0.7, "paper-from")
                return

    def cited_authors(self, s: Scope) -> None:
        """ "[Title](arXiv) (Wei et al., 2021)", "[Sanh et al.](arXiv)": the paper's first author (by surname), and its year.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(rule_facts("See [Tuning Small Models](https://arxiv.org/abs/2101.00001) (Wei et al., 2021).", "cited-authors"))
        [('tuning-small-models', 'authors', 'wei'), ('tuning-small-models', 'released', '2021')]
        """
        if "et al" not in s.text and " and " not in s.text and " & " not in s.text:
            return
        if not s.topic or self.is_a(s.topic, "Paper", "Organization", "Person", "Source"):  # (else see cited_by_surnames)
            for text, url in s.block.links:
                own = CITATION_TEXT.fullmatch(text or "")
                if own and self.type_from_url(url) == "Paper":  # "[Sanh et al.](arXiv)" about nothing named: the paper
                    key = self.entity(text, s.block.line, "Paper", 0.6, url)
                    if key and self.is_a(key, "Paper"):
                        self.fact(key, "url", url, s.block, 0.7, "cited-authors")
                        a = self.entity(own.group("a"), s.block.line, "Person", 0.55,
                                        key_hint=ids.person_slug(own.group("a")))
                        if a and self.is_a(a, "Person"):
                            self.fact(key, "authors", a, s.block, 0.65, "cited-authors")
        for x in s.mentions:
            if not self.is_a(x.id, "Paper"):
                continue
            m = CITED_AUTHORS.match(s.text, x.end)
            own = CITATION_TEXT.fullmatch(x.text) if not m else None
            if not (m or own):
                continue
            found = m or own
            names = [found.group("a")] + ([m.group("b")] if m and m.group("b") else [])
            for n in names:
                key = self.entity(n, s.block.line, "Person", 0.55, key_hint=ids.person_slug(n))
                if key and self.is_a(key, "Person"):
                    self.fact(x.id, "authors", key, s.block, 0.65, "cited-authors")
            paper = self.entities.get(x.id)
            if found.group("y") and paper is not None and not paper.linked:
                self.fact(x.id, "released", found.group("y"), s.block, 0.6, "cited-authors")

    def cited_by_surnames(self, s: Scope) -> None:
        """ "Lin et al., https://arxiv.org/…", "[Sanh et al.](https://arxiv.org/…)", "(Dettmers, Pagnoni and Holtzman;
        https://arxiv.org/…)": the paper at that address, by those people, introduced the topic.

        >>> from graph.ingest.extract import rule_facts
        >>> sorted(rule_facts("- **Wren** - a quantizer by Frantar et al., https://arxiv.org/abs/2210.17323", "et-al"))
        [('paper-wren', 'authors', 'frantar'), ('paper-wren', 'url', 'https://arxiv.org/abs/2210.17323'), ('wren', 'introduced_in', 'paper-wren')]
        """
        if not s.topic or self.is_a(s.topic, "Paper", "Organization", "Person", "Source") or \
                ("et al" not in s.text and ";" not in s.text):
            return
        found = [(m.group("who") or m.group("who2"), m.group("u") or m.group("u2")) for m in ET_AL_URL.finditer(s.text)]
        found += [(m.group("a"), u) for t, u in s.block.links if t and (m := CITATION_TEXT.fullmatch(t.strip()))]
        if not found and "et al" in s.text:  # "Liu et al. (…). [[paper](arXiv)]": the paper the block gave the topic
            given = next((f.value for f in reversed(self.facts[-30:]) if f.subject == s.topic and
                          f.key == "introduced_in" and f.block is s.block and isinstance(f.value, str)), None)
            m = CITATION_TEXT.search(s.text)
            found = [(m.group("a"), None)] if given and m else []
        for who, url in found:
            if url is None:
                paper = given
            else:
                url = url.rstrip(".,;)")
                if self.type_from_url(url) != "Paper":
                    continue
                paper = self.paper_for(s.topic, "", url, s.block, "et-al")
            if not paper:
                continue
            for name in NAME_JOINS.split(who):
                name = name.strip()
                if not SURNAME.fullmatch(name) or self.linker.link(name):
                    continue
                key = self._surnames().get(name) or self.entity(name, s.block.line, "Person", 0.55,
                                                                  key_hint=ids.person_slug(name))
                if key and self.is_a(key, "Person"):
                    self.fact(paper, "authors", key, s.block, 0.6, "et-al")
            return

    def bibliography(self, b: Block, source_key: str) -> bool:
        """Entries of a list of references ("[12] H. Touvron, …, "LLaMA: …," arXiv:2302.13971, 2023."): each a paper
        with its authors, year and arXiv id, cited by the notes and kept by its number for the citations."""
        found = False
        for text in entries(b.text):
            ref = parse_reference(text)
            if ref is None:
                continue
            url = f"https://arxiv.org/abs/{ref.arxiv}" if ref.arxiv else (f"https://doi.org/{ref.doi}" if ref.doi else None)
            key = self.entity(ref.title, b.line, "Paper", 0.85, url)
            if not key or not self.is_a(key, "Paper"):
                continue
            found = True
            if url and not self.entities[key].linked:
                self.fact(key, "url", url, b, 0.9, "bibliography")
            if ref.year and not self.entities[key].linked:
                self.fact(key, "released", ref.year, b, 0.85, "bibliography")
            for name in ref.authors[:30]:
                person = self.linker.link(name) or self.entity(name, b.line, "Person", 0.7, key_hint=ids.person_slug(name))
                if person and self.is_a(person, "Person"):
                    self.fact(key, "authors", person, b, 0.85, "bibliography")
            self.fact(source_key, "cites", key, b, 0.9, "bibliography")
            if ref.number:
                self._references[ref.number] = key
        return found

    def citations(self, s: Scope) -> None:
        """ "LLaMA [12]", "rotary position embeddings (RoPE) [15]": a name cited right after it was introduced in the
        cited entry (read once the list of references is read; see resolve_citations)."""
        if "[" not in s.text:
            return
        for x in s.mentions:
            if self.is_a(x.id, "Organization", "Person", "Paper", "Source", "Place"):
                continue
            at = x.end
            abbr = re.match(r"\s*[（(][^()（）\[\]]{1,20}[)）]", s.text[at:])
            nums = cited_numbers(s.text, at) or (cited_numbers(s.text, at + abbr.end()) if abbr else [])
            if nums and len(nums) <= 2:
                self._citations.append((x.id, x.text, nums[0], s.block))

    def resolve_citations(self) -> None:
        """Each name cited right after it was introduced in the paper its citation's number is (more surely when the
        paper's title names it)."""
        introduced = {f.subject for f in self.facts if f.key == "introduced_in"}
        for key, name, number, block in self._citations:
            paper = self._references.get(number)
            longer = re.search(r"(?:[A-Z][\w\-]*\s){1,2}$", block.text[:block.text.find(name)]) if name in block.text else None
            if longer and not re.match(r"(?:The|A|An|This|That|In|On|Our|Its|Their|We)\s", longer.group()) and \
                    not self.linker.link(longer.group() + name):
                key = self.entity(longer.group() + name, block.line, self.type_of(key) or None, 0.6) or key  # "Sparse Transformer [4]"
            if paper and paper != key and key not in introduced:
                named = normalize(name) in normalize(self.entities[paper].label) if paper in self.entities else False
                self.fact(key, "introduced_in", paper, block, 0.75 if named else 0.6, "citation")
                introduced.add(key)

    def reference(self, b: Block, source_key: str) -> None:
        if self.bibliography(b, source_key) and not b.links:
            return
        for text, url in b.links or []:
            rid = self.linker.link_url(url, prefer_source=True)
            if rid:
                self.entity(self.linker.records[rid].labels.get("en", text), b.line, url=url)
                e = self.entities.get(rid)
            else:
                t = self.type_from_url(url) or "Article"
                if t in ("Software", "LanguageModel", "Dataset", "Organization", "Company"):
                    t = "Repository" if "github.com" in url else "WebPage"
                key = self.entity(text, b.line, t, 0.85, url)
                e = self.entities.get(key)
                if e and not e.linked:
                    self.fact(key, "url", url, b, 0.9, "reference")
            if e is None:
                continue
            self.fact(source_key, "cites", e.key, b, 0.9, "reference")
            for m in self.linker.mentions(text, sources=False):
                if m.id != e.key:
                    self.entity(m.text, b.line)
                    self.fact(e.key, "about", m.id, b, 0.6, "reference-title")

    def paper_names(self) -> None:
        """A paper titled "NAME: what it is" introduces NAME ("RT-1: Robotics Transformer for …"), typed by what the
        title says it is; the paper's publishers developed it.

        >>> from graph.ingest.extract import Extraction
        >>> from graph.ingest.linker import Linker
        >>> from graph.ingest.markdown import parse_markdown
        >>> r = Extraction(parse_markdown("1. [Wren-2: A Generalist Robot Policy](https://arxiv.org/abs/2401.00001) — Acme Labs, 2024"),
        ...                Linker([])).run()
        >>> sorted((f.subject, f.key, f.value) for f in r.facts if f.key in ("introduced_in", "developed_by"))
        [('wren-2', 'developed_by', 'acme-labs'), ('wren-2', 'introduced_in', 'wren-2-a-generalist-robot-policy')]
        """
        about: dict[str, Fact] = {}
        publishers: dict[str, list[str]] = {}
        introduces: set[str] = set()
        for f in self.facts:
            target = f.value.get("id") if isinstance(f.value, dict) else f.value
            for k in (f.subject, target):
                if isinstance(k, str):
                    about.setdefault(k, f)
            if f.key == "publisher":
                publishers.setdefault(f.subject, []).append(f.value)
            if f.key == "introduced_in":
                introduces.add(target)
        for e in list(self.entities.values()):
            if not self.is_a(e.key, "Paper") or e.key in introduces or e.key not in about:
                continue
            key = self.paper_subject(e.key)
            if key is None:
                continue
            block = about[e.key].block
            self.fact(key, "introduced_in", e.key, block, 0.65, "paper-name")
            if self.is_a(key, "Model"):  # "GLaM: … Language Models with Mixture-of-Experts": what the model uses
                for term, _, _ in load_terms().find(e.label):
                    if term.type == "Technique" and term.id not in CUED_ONLY:
                        self.fact(key, "uses", self.term_entity(term, term.en, e.line), block, 0.6, "paper-name")
            for org in publishers.get(e.key, []):
                self.fact(key, self.maker_key(key), org, block, 0.6, "paper-name")

    def paper_subject(self, paper: str) -> str | None:
        """What a paper titled "NAME: what it is" introduces (typed by the title's words), or None."""
        e = self.entities.get(paper)
        m = PAPER_NAMED.match(e.label) if e else None
        words = re.findall(r"[\w\-]+", m.group("what"))[:10] if m else []
        kind = next((PAPER_HEADS[w.lower().rstrip("s")] for w in words if w.lower().rstrip("s") in PAPER_HEADS), None)
        if kind is None or GENERIC_HEADINGS.match(m.group("n")) or NOT_A_NAME.fullmatch(m.group("n")) or \
                len(m.group("n").split()) > 3 or re.search(r"(?:^|\s)[a-z]", m.group("n")):
            return None  # ("An Image is Worth 16x16 Words: …" opens with a phrase, not a name)
        self._index_words()
        stem = m.group("n").lower()
        if not self.linker.link(m.group("n")) and self._by_stem.get(stem, set()) - {paper}:
            return None  # "Orca: …" among Orca-LM and Orca-2: which of them it introduces is not said
        key = self.entity(m.group("n"), e.line, kind, 0.6)
        if not key or key == paper or self.is_a(key, "Paper", "Organization", "Person", "Source"):
            return None
        return key
