"""What an extraction keeps: entities, facts, the scope of a block, and indexes of names.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from graph.ingest.linker import Mention
from graph.ingest.markdown import Block

_WORD_RUN = re.compile(r"[\w-]+")


_WORD_CHAR = re.compile(r"[\w-]")


class _WordTrie:
    """Names by their words (runs of word characters and hyphens) and what separates them, to find them all at once.

    A name stands in a text where its words are the text's words in a row, separated as in the
    name, with what is before its first word and after its last where the text has it, and no
    word character around it: what ``(?<![\\w-])NAME(?![\\w-])`` finds. Each word of the text
    is looked up once for every name that goes on as the text does, not once for every name.

    >>> t = _WordTrie(); _ = [t.add(n) for n in ("Lark 2", "Lark 2 chat", "(Lark)", "C++")]
    >>> sorted(t.find("Lark 2 chat, (Lark) and C++ but not Lark 20 or xLark 2"))
    ['(Lark)', 'C++', 'Lark 2', 'Lark 2 chat']
    """

    def __init__(self):
        self.root: dict = {}  # word -> node; a node is [names ending here, {(separator, word): node}]

    def add(self, name: str) -> bool:
        """Index a name; False if it has no word to index it by."""
        words = list(_WORD_RUN.finditer(name))
        if not words:
            return False
        node = self.root.setdefault(words[0].group(), [[], {}])
        for prev, w in zip(words, words[1:]):
            node = node[1].setdefault((name[prev.end():w.start()], w.group()), [[], {}])
        node[0].append((words[0].start(), name))  # (length of what is before the first word, name)
        return True

    def find(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """name -> [(start, end)] of every place the text has it, each name's places in order."""
        words = [(w.start(), w.end(), w.group()) for w in _WORD_RUN.finditer(text)]
        hits: dict[str, list[tuple[int, int]]] = {}
        for i, (start, _, word) in enumerate(words):
            node = self.root.get(word)
            j = i
            while node is not None:
                for before, name in node[0]:
                    s, e = start - before, start - before + len(name)
                    if s >= 0 and text.startswith(name, s) and (s == 0 or not _WORD_CHAR.match(text, s - 1)) \
                            and not _WORD_CHAR.match(text, e):
                        hits.setdefault(name, []).append((s, e))
                if j + 1 == len(words):
                    break
                sep = text[words[j][1]:words[j + 1][0]]
                j += 1
                node = node[1].get((sep, words[j][2]))
        for places in hits.values():
            places.sort()
        return hits


class Spans:
    """Mentions sorted by start, to find those that start (or end) in a range without a scan of them all.

    >>> sp = Spans([Mention("a", 0, 3, "abc"), Mention("b", 4, 6, "de"), Mention("c", 8, 9, "f")])
    >>> [m.id for m in sp.starting(1, 9)], [m.id for m in sp.ending(3, 6)], sp.last_ending_by(7).id
    (['b', 'c'], ['a', 'b'], 'b')
    """

    def __init__(self, mentions: list[Mention]):
        self.items = mentions
        self.starts = [m.start for m in mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def starting(self, lo: int, hi: int) -> list[Mention]:
        """Those with lo <= start < hi, in order."""
        return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def ending(self, lo: int, hi: int) -> list[Mention]:
        """Those with lo <= end <= hi, in order of start."""
        return [m for m in self.starting(lo - self.longest, hi) if lo <= m.end <= hi]

    def last_ending_by(self, pos: int) -> Mention | None:
        """The last (in order of start) with end <= pos."""
        for k in range(bisect_left(self.starts, pos) - 1, -1, -1):  # past only those that span pos
            if self.items[k].end <= pos:
                return self.items[k]
        return None


@dataclass
class Entity:
    """An entity of the notes: linked to a known id, or new."""

    key: str
    label: str
    type: str | None
    linked: bool
    confidence: float
    line: int
    variant_of: str | None = None
    names: set[str] = field(default_factory=set)
    #: identifiers its links carry, by their key under ``ids:`` (arxiv, huggingface, github)
    ids: dict[str, str] = field(default_factory=dict)
    #: its labels by language, when known better than from the name found (a term of ontology/terms.yaml)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Fact:
    """A statement extracted from one block: subject key, record key, value, where and how sure."""

    subject: str
    key: str
    value: Any
    block: Block
    confidence: float
    rule: str


@dataclass
class Result:
    """What the notes yield: the notes' own source entity, entities and facts."""

    source: Entity
    entities: dict[str, Entity]
    facts: list[Fact]


@dataclass
class Scope:
    """What the rules on one block share: the block, the names in it, and what it is about so far."""

    block: Block
    text: str
    heading_topic: str | None  # the entity of the heading the block is under
    base: str | None  # what the list it is in builds on ("LLaMA 底座")
    mentions: list[Mention]  # the entities it names, in order
    models: list[Mention]  # those that are models, software or datasets
    agents: list[Mention]  # those that are organizations or people
    topic: str | None  # what it is about
    lead_key: str | None  # the entity whose name leads a list item ("Name：...")
    lead_agent: Mention | None  # that entity's mention, if an organization or a person
    released: list[str] = field(default_factory=list)  # what it releases
    guessed: bool = False  # the topic is only the first model named (no head, heading or release says it)

    def __post_init__(self):
        self.agent_spans, self.model_spans, self.mention_spans = Spans(self.agents), Spans(self.models), Spans(self.mentions)
