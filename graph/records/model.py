"""Records and their facts: what every reader makes and every layer above reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement of a record: key, parsed value, its sources and its line."""

    key: str
    value: Any
    sources: tuple[str, ...]
    line: int


@dataclass(slots=True)
class Record:
    """One curated entity, with where it came from."""

    id: str
    type: str
    path: str
    line: int
    labels: dict[str, str]
    aliases: list[tuple[str | None, str]] = field(default_factory=list)
    sources: tuple[str, ...] = ()
    facts: list[Fact] = field(default_factory=list)
    extends: bool = False  # adds facts to the record with this id, defined elsewhere
