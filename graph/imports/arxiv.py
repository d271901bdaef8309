"""arXiv's metadata snapshot (Kaggle's ``arxiv-metadata-oai-snapshot.json``): one paper a line, read as a stream.

A line gives a Paper (its id, title, DOI, categories, and the date of its first
version as its release) and its authors as people (``authors_parsed``: last name,
first names, suffix; the ``authors`` text when that is missing). A line that is no
JSON object, or has no id or title, is reported as ``file:line`` and skipped.

>>> import tempfile, pathlib, json
>>> p = pathlib.Path(tempfile.mkdtemp()) / "arxiv.json"
>>> _ = p.write_text(json.dumps({"id": "2005.14165", "title": "Language Models are\\n  Few-Shot Learners", "categories": "cs.CL",
...     "versions": [{"version": "v1", "created": "Thu, 28 May 2020 17:29:03 GMT"}], "authors_parsed": [["Brown", "Tom B.", ""]]}) + "\\n{oops\\n")
>>> b = read(p)
>>> paper = b.entities["arxiv:2005.14165"]
>>> paper.label, paper.facts, paper.links, [(x.line, x.message) for x in b.problems]
('Language Models are Few-Shot Learners', {'released': '2020-05-28', 'category': ['cs.CL']}, [('authors', 'person:tombbrown', None)], [(2, 'not a JSON object: skipped')])
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from graph.imports.model import Batch, Entity, Problem
from graph.imports.names import name_key
from graph.imports.values import day, first_bad_line
from graph.records.yamlread import MAX_TEXT

_DOI = re.compile(r"^10\.[0-9]{4,9}/\S+$")


def read(path: Path) -> Batch:
    """Every usable line of an arXiv metadata snapshot as a paper and its authors."""
    return Batch.of(rows(path))


def rows(path: Path) -> Iterator[Batch]:
    """The snapshot line by line, as a stream: a batch a line."""
    shown = str(path)
    n = 0
    try:
        with open(path, encoding="utf-8-sig") as f:
            for n, raw in enumerate(f, 1):
                if raw.strip():
                    batch = Batch(read=1)
                    _line(batch, shown, n, raw)
                    yield batch
    except UnicodeDecodeError:
        yield Batch(problems=[Problem(shown, first_bad_line(path), "is not UTF-8 text: the rest of the file is not read")])
    except OSError as exc:
        yield Batch(problems=[Problem(shown, n or 1, f"cannot be read: {exc}")])


def _line(batch: Batch, path: str, n: int, raw: str) -> None:
    try:
        item = json.loads(raw)
    except json.JSONDecodeError:
        item = None
    if not isinstance(item, dict):
        batch.problems.append(Problem(path, n, "not a JSON object: skipped"))
        return
    aid = item.get("id")
    title = " ".join(str(item.get("title") or "").split())
    if not isinstance(aid, str) or not aid.strip() or not title:
        batch.problems.append(Problem(path, n, "no " + ("id" if not isinstance(aid, str) or not aid.strip() else "title")
                                      + ": skipped"))
        return
    aid = aid.strip()
    if len(title) > MAX_TEXT:
        batch.problems.append(Problem(path, n, f"title: {len(title):,} characters, more than a record's {MAX_TEXT:,}: skipped"))
        return
    paper = batch.add(Entity("arxiv:" + aid, "Paper", title, n))
    paper.ids["arxiv"] = aid
    doi = item.get("doi")
    if isinstance(doi, str) and _DOI.match(doi.strip().split()[0]):
        paper.ids["doi"] = doi.strip().split()[0]
    versions = item.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        released = day(str(versions[0].get("created", "")))
        if released:
            paper.facts["released"] = released
    cats = str(item.get("categories") or "").split()
    if cats:
        paper.facts["category"] = cats
    for person in _authors(item):
        batch.add(Entity("person:" + name_key(person), "Person", person, n))
        paper.links.append(("authors", "person:" + name_key(person), None))
    batch.used += 1


def _authors(item: dict[str, Any]) -> list[str]:
    """The authors' names as "First Last": from ``authors_parsed``, else from the ``authors`` text."""
    parsed = item.get("authors_parsed")
    names: list[str] = []
    if isinstance(parsed, list):
        for p in parsed:
            if isinstance(p, list) and p and all(isinstance(x, str) for x in p):
                last, first = p[0].strip(), (p[1].strip() if len(p) > 1 else "")
                suffix = p[2].strip() if len(p) > 2 else ""
                name = " ".join(x for x in (first, last, suffix) if x)
                if name and name_key(name) not in {name_key(x) for x in names}:
                    names.append(name)
        return names
    text = item.get("authors")
    if isinstance(text, str):
        for part in re.split(r",|\band\b", text):
            part = " ".join(part.split())
            if part and part.lower() not in ("et al.", "et al") and name_key(part) not in {name_key(x) for x in names}:
                names.append(part)
    return names
