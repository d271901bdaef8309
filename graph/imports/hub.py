"""Hugging Face Hub models: model cards (``ORG/NAME/README.md`` with YAML front matter) and the Hub's model
listing (``/api/models``: a JSON array or JSON Lines), read into the same entities.

The model tree comes from ``base_model`` (one id, or a list: a merge) and
``base_model_relation``; when the relation is not given it is inferred as the Hub
does (:func:`relation`): an adapter for PEFT, quantized for quantized formats, a
merge for several bases, else a fine-tune. In the listing, ``base_model:…`` tags
(``base_model:quantized:ORG/NAME``) say the same. A card without front matter, or
with YAML that does not parse, is a ``file:line`` problem and still gives the model
named by its path; a listing line that is no JSON object, or has no ``id``, is skipped and reported.

>>> relation({"base_model": ["a/b", "c/d"]}, "x/merged"), relation({"base_model": "a/b", "library_name": "peft"}, "x/lora")
('merge', 'adapter')
>>> relation({"base_model": "a/b", "tags": ["gptq", "4-bit"]}, "x/y"), relation({"base_model": "a/b"}, "x/Model-GGUF")
('quantized', 'quantized')
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import yaml

from graph.imports.model import Batch, Entity, Problem
from graph.imports.values import first_bad_line

#: The relations the Hub knows (``base_model_relation``).
RELATIONS = ("adapter", "merge", "quantized", "finetune")
#: Tags and name parts that mark quantized weights, as the Hub's own inference looks for them.
QUANTIZED = re.compile(r"(^|[-_.\s])(gguf|gptq|awq|exl2|bnb|4-?bit|8-?bit|int4|int8|mlx|ggml)($|[-_.\s])", re.I)
#: Pipeline tags of language models.
LANGUAGE_TASKS = {"text-generation", "text2text-generation", "fill-mask", "conversational", "translation",
                  "summarization", "question-answering", "table-question-answering"}


def relation(meta: dict[str, Any], repo: str) -> str | None:
    """The kind of a model's derivation from its base(s): ``base_model_relation`` if valid, else inferred."""
    bases = _ids(meta.get("base_model"))
    if not bases:
        return None
    given = meta.get("base_model_relation")
    if isinstance(given, str) and given in RELATIONS:
        return given
    if len(bases) > 1:
        return "merge"
    if str(meta.get("library_name", "")).lower() == "peft" or "peft" in _ids(meta.get("tags")):
        return "adapter"
    if any(QUANTIZED.search(t) for t in _ids(meta.get("tags"))) or QUANTIZED.search(repo.split("/")[-1]):
        return "quantized"
    return "finetune"


def _ids(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def model_key(repo: str) -> str:
    return "hf:" + repo.lower()


def add_model(batch: Batch, repo: str, meta: dict[str, Any], line: int) -> Entity:
    """The entity of one Hub model (and of its bases and datasets) from its metadata."""
    task = meta.get("pipeline_tag") if isinstance(meta.get("pipeline_tag"), str) else None
    kind = "LanguageModel" if task in LANGUAGE_TASKS else "Model"
    model = batch.add(Entity(model_key(repo), kind, repo.split("/")[-1], line))
    model.ids["huggingface"] = repo
    if task:
        model.facts["task"] = [task]
    licence = meta.get("license")
    if isinstance(licence, str) and licence.strip():
        model.facts["license"] = licence.strip()
    langs = _ids(meta.get("language"))
    if langs:
        model.facts["language"] = langs
    how = relation(meta, repo)
    for base in _ids(meta.get("base_model")):
        if "/" not in base:
            continue
        stub = batch.add(Entity(model_key(base), kind, base.split("/")[-1], line, stub=True))
        stub.ids.setdefault("huggingface", base)
        model.links.append(("based_on", model_key(base), how))
    for ds in _ids(meta.get("datasets")):
        data = batch.add(Entity("hfds:" + ds.lower(), "Dataset", ds.split("/")[-1], line))
        if "/" in ds:
            data.ids.setdefault("huggingface", ds)
        model.links.append(("trained_on", "hfds:" + ds.lower(), None))
    batch.used += 1
    return model


def read_cards(folder: Path) -> Batch:
    """Every ``ORG/NAME/README.md`` below ``folder`` (the repository id from the path)."""
    return Batch.of(card_rows(folder))


def card_rows(folder: Path) -> Iterator[Batch]:
    """The cards one by one: a batch a card."""
    seen = False
    for card in sorted(folder.glob("*/*/README.md")):
        seen = True
        batch = Batch(read=1)
        repo = f"{card.parent.parent.name}/{card.parent.name}"
        meta, problem = front_matter(card)
        if problem:
            batch.problems.append(problem)
        add_model(batch, repo, meta, 1)
        yield batch
    if not seen:
        yield Batch(problems=[Problem(str(folder), 0, "no model card (ORG/NAME/README.md) below this folder")])


def front_matter(card: Path) -> tuple[dict[str, Any], Problem | None]:
    """The card's YAML front matter, or ({}, the problem) when it has none or it does not parse."""
    try:
        text = card.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, Problem(str(card), 1, f"cannot be read: {exc}")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, Problem(str(card), 1, "no YAML front matter (--- on the first line): only the repository id is used")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {}, Problem(str(card), 1, "the front matter has no closing ---: only the repository id is used")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        # the line where what is broken began (a bracket opened and never closed), else where YAML gave up
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = mark.line + 2 if mark is not None else 1  # + the --- line, and 1-based
        why = "; ".join(str(x) for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x) or "not YAML"
        return {}, Problem(str(card), where, f"front matter is not valid YAML ({why}): only the repository id is used")
    if meta is None:
        return {}, None
    if not isinstance(meta, dict):
        return {}, Problem(str(card), 2, "the front matter is not a mapping of keys: only the repository id is used")
    return meta, None


def read_listing(path: Path) -> Batch:
    """The Hub's model listing: a JSON array, or one JSON object a line."""
    return Batch.of(listing_rows(path))


def listing_rows(path: Path) -> Iterator[Batch]:
    """The listing item by item: a batch an item (or a problem)."""
    shown = str(path)
    for line, item in _items(path):
        batch = Batch(read=1)
        if isinstance(item, Problem):
            batch.problems.append(item)
        elif not isinstance(item, dict) or not isinstance(item.get("id"), str) or "/" not in item["id"]:
            batch.problems.append(Problem(shown, line, "no model id (\"id\": \"ORG/NAME\"): skipped"))
        else:
            _listed(batch, line, item)
        yield batch


def _listed(batch: Batch, line: int, item: dict[str, Any]) -> None:
    """One model of the listing: its cardData, pipeline and library, and what its tags say of its base."""
    meta = dict(item["cardData"]) if isinstance(item.get("cardData"), dict) else {}
    for k in ("pipeline_tag", "library_name"):
        if isinstance(item.get(k), str):
            meta.setdefault(k, item[k])
    tags = _ids(item.get("tags"))
    meta["tags"] = tags + _ids(meta.get("tags"))
    from_tags = [t.split(":")[-1] for t in tags if t.startswith("base_model:")]
    if from_tags and not _ids(meta.get("base_model")):
        meta["base_model"] = list(dict.fromkeys(from_tags))
    kinds = {t.split(":")[1] for t in tags if t.count(":") == 2 and t.startswith("base_model:")}
    if len(kinds) == 1 and "base_model_relation" not in meta:
        meta["base_model_relation"] = kinds.pop()
    if "license" not in meta:
        meta["license"] = next((t.split(":", 1)[1] for t in tags if t.startswith("license:")), None)
    # createdAt is when the repository was made, not when the model came out (every model older than the
    # Hub's move to repositories has 2022-03-02): not a release date, so not read
    add_model(batch, item["id"], meta, line)


def _array(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """(line, item) of each item of a JSON array, decoded one at a time; a broken item ends it, reported."""
    decoder = json.JSONDecoder()
    i = text.index("[") + 1
    while True:
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text) or text[i] == "]":
            return
        line = text.count("\n", 0, i) + 1
        try:
            item, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            yield exc.lineno, Problem(str(path), exc.lineno, f"not JSON: {exc.msg}: the rest of the array skipped")
            return
        yield line, item


def _items(path: Path) -> Iterator[tuple[int, Any]]:
    """(line, object) of a JSON array file or of a JSON Lines file; lines that are not JSON reported."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            first = f.read(1)
            while first and first.isspace():
                first = f.read(1)
            f.seek(0)
            if first == "[":
                yield from _array(path, f.read())
                return
            for n, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                try:
                    yield n, json.loads(raw)
                except json.JSONDecodeError as exc:
                    yield n, Problem(str(path), n, f"not a JSON object: {exc.msg}: skipped")
    except UnicodeDecodeError:
        line = first_bad_line(path)
        yield line, Problem(str(path), line, "is not UTF-8 text: the rest of the file is not read")
    except OSError as exc:
        yield 1, Problem(str(path), 1, f"cannot be read: {exc}")
