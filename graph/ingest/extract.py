"""Rules that turn Markdown blocks into entities and facts, in Chinese and English.

Each rule is general (patterns of how surveys are written), not fitted to one
text: who developed or released what, lineage, versions, techniques and
training stages, people and roles, quantities with units, dates, headquarters,
the paper that introduced a model, references, and tables whose headers name
dates, organizations, papers or models. Every fact keeps the block (lines and
text) it came from and the confidence of its rule.

The rules take time linear in the size of a block: a name or a number in a
pattern has a bounded length and does not start inside another one (so a run
of digits or letters is not scanned again from each of its characters), and
the mentions near a match are looked up by position, not by a scan of them all.

>>> from graph.ingest.markdown import parse_markdown
>>> from graph.ingest.linker import Linker
>>> doc = parse_markdown("## Models\\n- 2023年：Acme 发布了 Foo-7B 模型，基于 Bar 微调。\\n")
>>> ex = Extraction(doc, Linker([]))
>>> sorted((f.subject, f.key, str(f.value)) for f in ex.run().facts if f.key != "description")
[('foo-7b', 'based_on', "{'id': 'bar', 'kind': 'finetune'}"), ('foo-7b', 'developed_by', 'acme'), ('foo-7b', 'released', '2023')]
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from graph.ingest import ids
from graph.ingest.entity_types import EntityTypes
from graph.ingest.extraction_state import Entity, Fact, Result, Scope, _WordTrie
from graph.ingest.headings import Headings
from graph.ingest.ids import slugify
from graph.ingest.items import Items
from graph.ingest.lineage import Lineage
from graph.ingest.linker import Linker, Mention, normalize, size_suffix
from graph.ingest.maker_rules import MakerRules
from graph.ingest.markdown import Block, Document, parse_markdown
from graph.ingest.names import Names
from graph.ingest.papers import Papers
from graph.ingest.patterns import (
    ADVERBS, ATTRIBUTE, DESCRIPTION, DOMAIN_TYPES, ESTABLISHED_ZH, FIELD, HUB_ID, NOT_A_NAME, NOT_MAKERS_ZH,
    ORG_NAME, RANGE_TYPES, REFERENCES, REFERENCE_RUN, REMARK, _HAN, _lang)
from graph.ingest.people import People
from graph.ingest.prose import Prose
from graph.ingest.tables import Tables
from graph.ingest.terms import load_terms
from graph.ingest.topic_facts import TopicFacts
from graph.records.load import load_records


class _SurnameView:
    """A read-only mapping: a surname -> the one person named so far whose name ends with it."""

    def __init__(self, ex: "Extraction"):
        self.ex = ex

    def get(self, word: str, default=None):
        people = [k for k in self.ex._by_last_word.get(word, ()) if self.ex.entities[k].type == "Person"]
        return people[0] if len(people) == 1 else default

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> str:
        got = self.get(word)
        if got is None:
            raise KeyError(word)
        return self.ex.entities[got].label

    def __bool__(self) -> bool:
        return bool(self.ex._by_last_word)


class Extraction(Names, EntityTypes, Prose, Headings, Items, MakerRules, Lineage, Papers, People, TopicFacts, Tables):
    """Runs the rules over a parsed document."""

    #: what the notes' own source may be the subject of: what the notes are, not what they are about
    SOURCE_KEYS = frozenset({"cites", "url", "homepage", "published", "released", "date", "title", "authors", "publisher"})

    #: The rules on one block, in order; each may use what those before it found. These find what the block
    #: is about (its topic) and what it releases; the topic is the heading's entity unless one of them changes it.
    TOPIC_RULES = (MakerRules.release_verbs, MakerRules.family_versions, MakerRules.released_topic,
                   MakerRules.developed_by, MakerRules.own_verb, TopicFacts.release_date, Items.first_model_topic)

    #: Then, when the block has a topic, these say things about it.
    TOPIC_FACT_RULES = (Items.head_urls, TopicFacts.head_date, Items.labelled_links, Headings.section_developer,
                        MakerRules.description_agent, TopicFacts.released_in, TopicFacts.describe, Lineage.lineage,
                        Lineage.base_of_list, Lineage.versions, TopicFacts.kinds_named, TopicFacts.stages,
                        Papers.paper_title, TopicFacts.model_size, TopicFacts.training_data,
                        TopicFacts.training_cost, TopicFacts.hosted, People.headquarters, TopicFacts.date_verb,
                        Lineage.successor, TopicFacts.trained_on, TopicFacts.training_sets, TopicFacts.trains,
                        Papers.paper_url, Papers.cited_by_surnames, People.people_at, People.founders_en,
                        Papers.paper_from)

    #: And these, about the people it names, run on every block.
    PEOPLE_RULES = (People.established, People.former_roles, People.former_roles_en, People.students,
                    People.founders, MakerRules.possessive_maker, Papers.cited_authors, People.people_at_orgs,
                    People.affiliations, People.person_made, People.places, Papers.citations, Lineage.arrows,
                    People.maker_in_brackets, Lineage.sizes_in_brackets, TopicFacts.listed_uses)

    def __init__(self, doc: Document, linker: Linker, source_id: str | None = None):
        self.doc = doc
        self.linker = linker
        self.entities: dict[str, Entity] = {}
        self.facts: list[Fact] = []
        self.source_id = source_id
        self._by_label: dict[str, str] = {}  # normalized label -> the first new entity with it
        self._new_names: set[str] = set()  # names (3+ characters) of new entities, found again in later blocks
        self._name_words = _WordTrie()  # the same names, by their words
        self._odd_names: dict[str, re.Pattern] = {}  # names without a word character, matched by their own pattern
        self._han_names: dict[str, list[str]] = {}  # names with Chinese characters, by their first two, longest first
        self._source_key: str | None = None  # the notes' own source
        self._is_a: dict[tuple, bool] = {}  # (a known id, or a type name; the types asked) -> the answer
        self._paragraph_maker: str | None = None  # the organization a paragraph's sentences are about, while read
        self._unindexed: list[str] = []  # entities added since the word indexes below were last brought up to date
        self._by_last_word: dict[str, set[str]] = {}  # last word of a label of two or more words -> the entities
        self._by_short_name: dict[str, set[str]] = {}  # first word ("Moonshot" of Moonshot AI), initials -> entities
        self._by_stem: dict[str, set[str]] = {}  # what a label begins with before its first space or hyphen -> entities
        self._references: dict[str, str] = {}  # the number of an entry in the notes' list of references -> its paper
        self._citations: list[tuple[str, str, str, Block]] = []  # (entity, its name, the number cited after it, where)

    def _add(self, e: Entity) -> None:
        """Keep a new entity, and index its label."""
        self.entities[e.key] = e
        self._unindexed.append(e.key)
        if not e.linked and e.type != "Survey":  # a heading named as the notes' title is not the notes
            self._by_label.setdefault(normalize(e.label), e.key)

    def _add_name(self, e: Entity, name: str) -> None:
        """A name of an entity; a new entity's (not the notes' own) is looked for in every later block."""
        e.names.add(name)
        han = bool(_HAN.search(name))
        if e.linked or e.type == "Survey" or len(name) < (2 if han else 3) or name in self._new_names:
            return
        self._new_names.add(name)
        if han:  # Chinese runs on without spaces: "阶跃星辰成立于…" has no word "阶跃星辰" (see _new_name_matches)
            names = self._han_names.setdefault(name[:2], [])
            names.append(name)
            names.sort(key=lambda n: (-len(n), n))
        elif not self._name_words.add(name):
            self._odd_names[name] = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")

    def entity(self, name: str, line: int, type_hint: str | None = None, confidence: float = 0.8,
               url: str | None = None, key_hint: str | None = None) -> str | None:
        """The key of the entity with this name (linking known ones), created if new (with the key hinted, if free)."""
        name = name.strip().strip("“”\"'「」《》：:，,。")
        if not name or len(name) > 120 or NOT_A_NAME.fullmatch(name):
            return None
        hub = HUB_ID.fullmatch(name)
        if hub and not url:  # "HuggingFaceH4/zephyr-7b-beta": the model is zephyr-7b-beta, the id its Hub id
            name, url = hub.group("name"), f"https://huggingface.co/{name}"
        elif hub:
            name = hub.group("name")
        rid = self.linker.link(name) or (self.linker.link_url(url) if url else None)
        if rid:
            e = self.entities.get(rid)
            if e is None:
                e = Entity(rid, name, self.linker.type_of(rid), True, 0.95, line)
                self._add(e)
            self._add_name(e, name)
            return rid
        term = load_terms().named(name) if type_hint not in ("Paper", "Dataset", "Organization", "Person") else None
        if term is not None:  # "DPO", "Direct Preference Optimization": a technique the field has a name for
            return self.term_entity(term, name, line)
        same = self._by_label.get(normalize(name))  # a new entity of the same name, however written
        if same is not None:
            e = self.entities[same]
            if type_hint and (not e.type or (e.type == "Organization" and type_hint != e.type and
                                             self.linker.vocab.is_a(self.linker.vocab.types.get(type_hint, ""),
                                                                    self.linker.vocab.types["Organization"]))):
                e.type = type_hint  # (a more exact type than "Organization": "Acme AI is a start-up")
            self.keep_ids(same, url)
            return same
        key = ids.free_id(key_hint or slugify(name), self._taken)
        e = Entity(key, name, type_hint, False, confidence, line, variant_of=self.variant_of(name))
        self._add(e)
        self._add_name(e, name)
        self.keep_ids(key, url)
        return key

    def _taken(self, key: str) -> bool:
        """Whether an id is a known record's or another new entity's (of another name)."""
        return key in self.linker.records or key in self.entities

    def variant_of(self, name: str) -> str | None:
        """The entity a name with a size suffix is a variant of: "Llama-2-7B" of Llama 2, known or new.

        >>> ex = Extraction(parse_markdown("- Llama 2：a model"), Linker([]))
        >>> ex.entity("Llama 2", 1), ex.entity("Llama-2-7B", 1), ex.entities["llama-2-7b"].variant_of
        ('llama-2', 'llama-2-7b', 'llama-2')
        """
        variant = self.linker.variant(name)
        if variant:
            return variant[0]
        family = self.linker.version_family(name)
        split = size_suffix(name.strip())
        if split and split[0].strip(" -_") and self._by_label.get(normalize(split[0])):
            return self._by_label[normalize(split[0])]  # a size of a new version: "Llama-2-7B" of Llama 2
        if family and self.linker.is_a(family, "ModelFamily"):
            return family  # a new numbered model of a family is one of its versions ...
        return None  # ... but "Foo 3" of the model Foo is a later model, not a version of it

    def keep_ids(self, key: str | None, url: str | None) -> None:
        """The identifiers (arXiv, Hugging Face, GitHub) a new entity's URL carries."""
        e = self.entities.get(key) if key else None
        if e is None or e.linked or not url:
            return
        for k, v in ids.identifiers(url).items():
            if k in self.linker.vocab.keys:
                e.ids.setdefault(k, v)

    def type_of(self, key: str) -> str:
        e = self.entities.get(key)
        return (e.type or "") if e else self.linker.type_of(key)

    def is_a(self, key: str, *types: str) -> bool:
        """Whether the entity (known, or new as typed now) is of one of the types (answers kept by type name)."""
        e = self.entities.get(key)
        if e and e.linked:
            known = (key, types)
            if known not in self._is_a:
                self._is_a[known] = any(self.linker.is_a(key, t) for t in types)
            return self._is_a[known]
        asked = (self.type_of(key), types)
        if asked not in self._is_a:
            vocab = self.linker.vocab
            t = vocab.types.get(asked[0], "")
            self._is_a[asked] = any(vocab.is_a(t, vocab.types[x]) for x in types)
        return self._is_a[asked]

    def fact(self, subject: str | None, key: str, value: Any, block: Block, confidence: float, rule: str) -> None:
        """Keep a fact, unless it says that an entity is (based on, a version of) itself, or that the notes'
        own source does what its topics do ("基于LLM的二次微调" in a survey's intro is no fact about the survey)."""
        target = value.get("id") if isinstance(value, dict) else value
        if subject is None or value is None or target == subject:
            return
        if key == "developed_by" and self.is_a(subject, "Service"):
            key = "offered_by"  # a service is offered by its maker
        target_entity = self.entities.get(target) if isinstance(target, str) else None
        if target_entity is not None and not target_entity.linked and not target_entity.type and key in RANGE_TYPES:
            target_entity.type = RANGE_TYPES[key]  # a name found with no type: what the fact says it is
        elif target_entity is not None and not target_entity.linked and key in ("developed_by", "offered_by", "publisher") \
                and not self.is_a(target, "Organization", "Person"):
            target_entity.type = "Organization"  # a new name that made something is a maker, whatever its section said
        subject_entity = self.entities.get(subject)
        if subject_entity is not None and not subject_entity.linked and not subject_entity.type:
            if key in ("version_of", "successor_of", "variant_of") and isinstance(target, str) and self.type_of(target):
                subject_entity.type = self.type_of(target)  # a version of a model is a model
            elif key in DOMAIN_TYPES:
                subject_entity.type = DOMAIN_TYPES[key]
        e = self.entities.get(subject)
        if e is not None and e.type == "Survey" and not e.linked and key not in self.SOURCE_KEYS:
            return
        if e is not None and e.linked and self.linker.is_a(subject, "Source") and subject == self._source_key \
                and key not in self.SOURCE_KEYS:
            return
        self.facts.append(Fact(subject, key, value, block, confidence, rule))

    def in_references(self, block: Block) -> bool:
        """Whether a block is under a heading of references ("参考资料", "Further reading"); the notes' own
        title ("LLM reading list") is not one, nor is a table whose header names models or papers."""
        if block.kind == "row" and block.header:
            return False
        title = self.doc.blocks[0].text if self.doc.blocks and self.doc.blocks[0].kind == "heading" else None
        heads = [h for h in block.section if h != title or len(block.section) == 1]
        return any(REFERENCES.search(h) and len(h) < 30 for h in heads[-2:])

    def founded_names(self) -> None:
        """The names the notes say were founded ("月之暗面成立于2023年3月") are organizations wherever they are named,
        before and after that sentence (a heading "## 月之暗面" included)."""
        for b in self.doc.blocks:
            if b.kind in ("para", "item") and ("成立" in b.text or "创立" in b.text or "创办" in b.text):
                for m in ESTABLISHED_ZH.finditer(b.text):
                    name = m.group("n")
                    if not (self.linker.link(name) or NOT_MAKERS_ZH.search(name) or ADVERBS.search(name)):
                        self.entity(name, b.line, "Organization", 0.6)

    def run(self) -> Result:
        source = self.notes_source()
        self.founded_names()
        topic_of_heading: dict[int, str | None] = {}
        heading_topic: str | None = None
        section_base: str | None = None
        blocks = self.doc.blocks
        head_of: dict[int, str] = {}  # index of an item -> its head entity
        open_items: list[tuple[int, int]] = []  # (level, index) of the items a new item may be nested in
        for i, b in enumerate(blocks):
            if b.kind == "item":
                while open_items and open_items[-1][0] >= b.level:
                    open_items.pop()
                parent = b.parent if b.parent is not None else (open_items[-1][1] if open_items else None)
                open_items.append((b.level, i))
                if parent is not None and parent not in head_of and blocks[parent].kind == "item" and \
                        (FIELD.match(b.text) or ATTRIBUTE.match(b.text)):
                    title = self.title_head(blocks[parent], b)  # "1. A Paper Title (NeurIPS 2020)" over "- 作者：…"
                    if title:
                        head_of[parent] = title
                if parent is not None and parent in head_of and self.attribute(head_of[parent], b):
                    if DESCRIPTION.match(b.text):  # "简介：…" says more of the parent's head: run the rules on it
                        lead = head_of[parent]  # (a remark under "[RT-1: …](arXiv)" is about RT-1)
                        lead = (self.paper_subject(lead) or lead) if self.is_a(lead, "Paper") else lead
                        self.block(b, heading_topic, None, lead=lead)
                    continue
                if parent is None and heading_topic and (FIELD.match(b.text) or ATTRIBUTE.match(b.text)) and \
                        self.attribute(heading_topic, b):
                    if DESCRIPTION.match(b.text):
                        self.block(b, heading_topic, None, lead=heading_topic)
                    continue  # "### Foo-7B" then "- 机构：…", "- 链接：…": fields of the heading's entity
            elif b.kind == "heading":
                open_items = []
            if b.kind == "heading":
                section_base = self.base_list(b)
                heading_topic = None if section_base else self.heading_entity(b)
                topic_of_heading[b.level] = heading_topic
                for lv in list(topic_of_heading):
                    if lv > b.level:
                        del topic_of_heading[lv]
                continue
            if self.in_references(b) or (b.kind == "para" and REFERENCE_RUN.match(b.text) and
                                         self.bibliography(b, source.key)):
                if self.in_references(b):
                    self.reference(b, source.key)
                continue
            if b.kind == "row":
                self.table_row(b)
                continue
            if b.kind == "tree":
                self.model_tree(b)
                continue
            base = section_base if b.kind == "item" and b.parent is None else None
            if b.parent is not None and blocks[b.parent].kind == "item":
                base = self.base_list(blocks[b.parent])
            if b.kind == "para" and i - 1 in head_of and REMARK.match(b.text):
                # "备注：…" under a "Name：URL" line says things of that name
                self.block(b, heading_topic, base, lead=head_of[i - 1])
                continue
            if b.kind == "para" and not b.tag and (card := self.model_card(b, heading_topic, base)):
                head_of[i] = card  # "**Name** is … Developed by: … License: …": a model card's paragraph
                continue
            if b.kind == "para" and (i - 1 in head_of or heading_topic) and not b.tag and \
                    (self.fields_in_text(head_of.get(i - 1) or heading_topic, b) or
                     (FIELD.match(b.text) and self.attribute(head_of.get(i - 1) or heading_topic, b))):
                continue  # "Developed by: Meta … Base model: …" after a model's paragraph or under its heading
            if b.kind == "para" and not b.tag:
                b = self.prose(b, heading_topic, base)
                if b is None:
                    continue
            if b.kind == "item" and (inline := self.inline_entry(b)):
                head_of[i] = inline  # "2. Title (CVPR 2022) 作者：A 等 机构：B 链接：URL": an entry on one line
                continue
            head = self.block(b, heading_topic, base)
            if head:
                head_of[i] = head
        self.resolve_citations()
        self.sizes_of_models()
        self.quantized_files()
        self.series()
        self.publishers()
        self.paper_names()
        for e in self.entities.values():
            if not e.linked and not e.type:
                e.type = "Technique" if _lang(e.label) == "zh" else "Software"
        return Result(source, self.entities, self.facts)

    def notes_source(self) -> Entity:
        title = str(self.doc.front.get("title") or "").strip()
        if not title:
            first = next((b for b in self.doc.blocks if b.kind == "heading"), None)
            title = first.text if first else self.doc.path.rsplit("/", 1)[-1]
        rid = self.linker.link(title)
        if rid and self.linker.is_a(rid, "Source"):
            e = Entity(rid, title, self.linker.type_of(rid), True, 0.95, 1)
        else:
            key = self.source_id or slugify(self.doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
            e = Entity(key, title, "Survey", False, 1.0, 1)
        self._add(e)
        self._source_key = e.key
        return e

    def block(self, b: Block, heading_topic: str | None, base: str | None, lead: str | None = None) -> str | None:
        """Run the rules on a block: those that find what it is about (:attr:`TOPIC_RULES`), those that say
        things about that (:attr:`TOPIC_FACT_RULES`, when it is about something) and :attr:`PEOPLE_RULES`.
        A remark on an item (``lead``) is about that item's head."""
        if b.kind == "item" and lead is None and (pk := self.paper_item(b)):
            return pk
        s = self.scope(b, heading_topic, base)
        if lead is not None:
            s.topic = s.lead_key = lead
            s.lead_agent = next((a for a in s.agents if a.id == lead), None)
            self.remark_agent(s)
        start = len(self.facts)
        for rule in self.TOPIC_RULES:
            rule(self, s)
        if s.topic is not None:
            for rule in self.TOPIC_FACT_RULES:
                rule(self, s)
        for rule in self.PEOPLE_RULES:
            rule(self, s)
        if lead is None and s.lead_key and b.kind == "item":
            self.co_heads(b, s.lead_key, start)
        return s.lead_key

    def scope(self, b: Block, heading_topic: str | None, base: str | None) -> Scope:
        """The names in a block (known, new, and the name that leads a list item), and what it is about so far."""
        mentions = self.parts(b, self.mentions(b))
        models = [m for m in mentions if self.is_a(m.id, "Model", "Software", "Dataset", "Service") or not self.type_of(m.id)]
        agents = [m for m in mentions if self.is_a(m.id, "Organization", "Person")]
        lead_key, mentions, agents = self.lead_name(b, base, mentions, agents)
        lead_agent = next((a for a in agents if a.id == lead_key), None) \
            if lead_key and self.is_a(lead_key, "Organization", "Person") else None
        return Scope(b, b.text, heading_topic, base, mentions, models, agents, lead_key or heading_topic, lead_key,
                     lead_agent)

    def _index_words(self) -> None:
        """Index the entities added since the last call by the last word, the first word and the initials of their
        labels (each entity is looked at once; their types are checked when the index is read)."""
        for key in self._unindexed:
            e = self.entities.get(key)
            words = e.label.split() if e else []
            first = re.split(r"[\s\-]", e.label.lower(), maxsplit=1) if e else []
            if len(first) == 2:
                self._by_stem.setdefault(first[0], set()).add(key)  # "orca" of Orca-LM, Orca-2
            if len(words) < 2:
                continue
            self._by_last_word.setdefault(words[-1], set()).add(key)
            if ORG_NAME.search(e.label) and len(words) == 2 and len(words[0]) > 3:
                self._by_short_name.setdefault(words[0], set()).add(key)
            initials = "".join(w[0] for w in words if w[0].isupper())
            if len(initials) == len(words):
                self._by_short_name.setdefault(initials, set()).add(key)
        self._unindexed.clear()

    def _surnames(self) -> dict[str, str]:
        """The last word of each person's name in the notes so far -> the person (when only one has it)."""
        self._index_words()
        return _SurnameView(self)

    def parts(self, b: Block, mentions: list[Mention]) -> list[Mention]:
        """Names inside a longer name: "清华大学 KEG 实验室" is part of 清华大学; "Amazon SageMaker" is Amazon's."""
        kept: list[Mention] = []
        first_at: dict[tuple[int, int], Mention] = {}  # the first kept mention of each span
        for m in mentions:
            outer = first_at.get((m.start, m.end))
            if m.id not in self.entities and m.id in self.linker.records:
                r = self.linker.records[m.id]
                self.entities[m.id] = Entity(m.id, r.labels.get("en", m.id), self.linker.type_of(m.id), True, 0.9, b.line)
            if outer is None:
                kept.append(m)
                first_at[(m.start, m.end)] = m
            elif self.is_a(outer.id, "Organization"):
                self.fact(outer.id, "part_of", m.id, b, 0.7, "name-part")
            elif self.is_a(outer.id, "Service"):
                self.fact(outer.id, "offered_by", m.id, b, 0.7, "name-part")
            else:
                self.fact(outer.id, "developed_by", m.id, b, 0.7, "name-part")
        return kept

    @staticmethod
    def joined(text: str, agents: list[Mention]) -> list[Mention]:
        """The last agent and those joined to it by 与/和/、/and/& only (not modifiers like 徒弟-)."""
        if not agents:
            return []
        out = [agents[-1]]
        for a in reversed(agents[:-1]):
            between = text[a.end:out[0].start]
            if re.fullmatch(r"\s*(?:与|和|及|以及|联合|携手|、|,|，|&|and)\s*", between, re.I):
                out.insert(0, a)
            else:
                break
        return out


def rule_facts(text: str, rule: str, data: Iterable[str] = ()) -> list[tuple[str, str, Any]]:
    """(subject, key, value) of the facts that one rule finds in Markdown notes, linked to the records of ``data``.

    To try a rule out (each rule's docstring shows one).

    >>> rule_facts("- 2023年：Acme 发布了 Foo 模型。", "year-lead")
    [('foo', 'released', '2023')]
    """
    facts = Extraction(parse_markdown(text), Linker(load_records(data))).run().facts
    return [(f.subject, f.key, f.value) for f in facts if f.rule == rule]
