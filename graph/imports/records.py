"""Imported entities as the project's JSON Lines records: one Source record for the file, then a record a
new entity or an ``extend:`` of the record it was found as, every fact citing that source.

>>> from graph.imports.model import Batch, Entity
>>> from graph.imports.reconcile import Match
>>> b = Batch(); m = b.add(Entity("m", "LanguageModel", "GPT-2 (1.5B)", facts={"parameters": 1500000000}))
>>> m.links.append(("developed_by", "o", None)); _ = b.add(Entity("o", "Organization", "OpenAi"))
>>> matches = {"m": Match("m", "gpt-2", "label"), "o": Match("o", "openai-2", "new")}
>>> lines = list(record_lines(b, matches, {"id": "epoch-2024", "type": "WebPage", "label": {"en": "Epoch AI"}}, known={"gpt-2": {"GPT-2"}}))
>>> lines[0], lines[1]
('{"id": "epoch-2024", "type": "WebPage", "label": {"en": "Epoch AI"}}', '{"extend": "gpt-2", "label": {"en": "GPT-2 (1.5B)"}, "parameters": 1500000000, "developed_by": ["openai-2"], "sources": ["epoch-2024"]}')
>>> lines[2]
'{"id": "openai-2", "type": "Organization", "label": {"en": "OpenAi"}, "sources": ["epoch-2024"]}'
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from graph.imports.model import Batch, Entity
from graph.imports.reconcile import Match

#: Relations that hold one entity (the rest hold a list).
SINGLE = {"introduced_in"}


def record_lines(batch: Batch, matches: dict[str, Match], source: dict[str, Any],
                 known: dict[str, set[str]] | None = None) -> Iterator[str]:
    """The JSON Lines of an import read whole: the source record first, then one record an entity.

    ``known`` maps existing record ids to their names as written: a name the record already has is not
    repeated, another spelling ("OpenAi" of OpenAI) becomes an alias.
    """
    yield _line(source)
    for e in batch.entities.values():
        yield _line(entity_record(e, e, matches, source["id"], (known or {}).get(matches[e.key].record, set()), True))


def entity_record(e: Entity, whole: Entity, matches: dict[str, Match], source: str, names: set[str],
                  first: bool) -> dict[str, Any] | None:
    """The record of one row's ``e``: with the names and identifiers of ``whole`` (the entity as the whole file
    gives it) where this is its ``first`` row, else an ``extend:`` of the facts this row adds (None if none)."""
    m = matches[e.key]
    exists = m.how in ("identifier", "label") or not first
    rec: dict[str, Any] = {"extend": m.record} if exists else {"id": m.record, "type": whole.type}
    if first:
        if m.how not in ("identifier", "label") or whole.label not in names:
            rec["label"] = {"en": whole.label} if not whole.label_zh else {"en": whole.label, "zh": whole.label_zh}
        aliases = [a for a in dict.fromkeys(whole.aliases) if a not in names and a != whole.label]
        if aliases:
            rec["aliases"] = aliases
        if whole.ids:
            rec["ids"] = dict(whole.ids)
    rec.update(e.facts)
    links: dict[str, list[Any]] = {}
    for key, target, kind in e.links:
        if target not in matches:
            continue
        rid = matches[target].record
        value = {"id": rid, "kind": kind} if kind else ({"id": rid} if key == "based_on" else rid)
        if value not in links.setdefault(key, []):
            links[key].append(value)
    for key, values in links.items():
        rec[key] = values[0] if key in SINGLE and len(values) == 1 else values
    if not first and len(rec) == 1:
        return None
    rec["sources"] = [source]
    return rec


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)
