"""What every importer makes: entities read from a downloaded file, and the problems met on the way.

An :class:`Entity` is one thing a row, card or line states (a model, a paper, an
organization, a person), keyed by the importer (``key``) so that rows can name
each other before any record id exists; :mod:`graph.imports.reconcile` then
finds it in the graph or gives it a new id.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable


@dataclass(slots=True)
class Entity:
    """One entity as a source states it: record type, names, identifiers, facts and links to other entities.

    ``facts`` hold record values as the project's JSON Lines records write them (``released``: a date text,
    ``parameters``: an integer, ``training_cost``: a map, ...); ``links`` hold ``(key, entity key, kind)``:
    a relation to another entity of the same import (``kind`` for ``based_on``: finetune, merge, ...).

    >>> e = Entity("epoch:GPT-2", "LanguageModel", "GPT-2 (1.5B)", line=3)
    >>> e.ids["epoch"] = "GPT-2 (1.5B)"; e.facts["parameters"] = 1500000000
    >>> e.key, e.type, e.facts
    ('epoch:GPT-2', 'LanguageModel', {'parameters': 1500000000})
    """

    key: str
    type: str
    label: str
    line: int = 0
    label_zh: str = ""
    aliases: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    links: list[tuple[str, str, str | None]] = field(default_factory=list)
    #: named only by another entity (a base model): its own row, card or line, when read, says what it is
    stub: bool = False


@dataclass(frozen=True)
class Problem:
    """What could not be used: ``file:line: message``; the rest of the file is still read."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Batch:
    """Everything one importer read from one file: the entities, the problems and counts for the report."""

    entities: dict[str, Entity] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    read: int = 0  # rows, cards or lines read
    used: int = 0  # of which gave an entity
    ignored_columns: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, rows: Iterable["Batch"]) -> "Batch":
        """One batch of the batches a reader gives row by row."""
        out = cls()
        for row in rows:
            out.merge(row)
        return out

    def merge(self, row: "Batch") -> None:
        """Add the entities, problems and counts of ``row``."""
        for e in row.entities.values():
            self.add(e)
        self.problems += row.problems
        self.read += row.read
        self.used += row.used
        self.ignored_columns = self.ignored_columns or row.ignored_columns

    def add(self, entity: Entity) -> Entity:
        """The entity of this key: ``entity`` if new, else the one already here with ``entity``'s names and facts added."""
        got = self.entities.get(entity.key)
        if got is None:
            self.entities[entity.key] = entity
            return entity
        if got.stub and not entity.stub:  # the entity's own row comes after a row that named it
            got.type, got.line, got.stub = entity.type, entity.line, False
        if entity.label != got.label and entity.label not in got.aliases:
            got.aliases.append(entity.label)
        for a in entity.aliases:
            if a != got.label and a not in got.aliases:
                got.aliases.append(a)
        for k, v in entity.ids.items():
            got.ids.setdefault(k, v)
        for k, v in entity.facts.items():
            got.facts.setdefault(k, v)
        got.links += [x for x in entity.links if x not in got.links]
        return got
