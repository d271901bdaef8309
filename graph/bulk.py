"""Bulk records: JSON Lines and CSV, read as a stream, for large inputs.

JSON Lines: one record per line, with the same keys as a YAML record.
CSV: one file per kind of record, a header row of record keys; ``label`` is the
English label and ``label_zh`` (``label_<lang>``) the others; a dotted column
fills a map (``ids.wikidata``, ``training_cost.amount``); several values in a
cell are separated by ``;`` (``sources``, ``developed_by``, ``aliases``).
Errors name the file and line.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "models.csv"
>>> _ = p.write_text("id,type,label,released,developed_by,sources\\ngpt,LanguageModel,GPT,2018,openai,notes\\n")
>>> rec = next(iter_csv(p))
>>> rec["label"], rec["released"], rec.line_of("developed_by")
({'en': 'GPT'}, '2018', 2)
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Iterator

from graph.errors import AikgError
from graph.yamlread import LocatedDict, LocatedList

BULK_SUFFIXES = {".jsonl", ".csv"}
LIST_KEYS = {"sources", "aliases"}


def _located(value: Any, line: int) -> Any:
    """Containers of one line's record become located ones (every key and item on that line)."""
    if isinstance(value, dict):
        d = LocatedDict(value)
        d.line = line
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                d[k] = _located(v, line)
        return d
    if isinstance(value, list):
        lst = LocatedList(_located(v, line) if isinstance(v, (dict, list)) else v for v in value)
        lst.line = line
        return lst
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def iter_jsonl(path: Path) -> Iterator[LocatedDict]:
    """Records of a JSON Lines file, one per non-empty line."""
    try:
        f = open(path, encoding="utf-8")
    except OSError as exc:
        raise AikgError(f"cannot read file: {exc.strerror}", path) from None
    with f:
        try:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    raise AikgError(f"malformed JSON: {exc}", path, n) from None
                if not isinstance(obj, dict):
                    raise AikgError("each line must be a JSON object (a record)", path, n)
                if _SURROGATE_ESCAPE.search(line) and _has_lone_surrogate(obj):
                    raise AikgError("a \\u escape makes half a UTF-16 surrogate pair, which is not a character",
                                    path, n)
                yield _located(obj, n)
        except UnicodeDecodeError as exc:
            raise AikgError(f"invalid UTF-8 ({exc.reason})", path) from None


def iter_csv(path: Path, vocab=None) -> Iterator[LocatedDict]:
    """Records of a CSV file with a header of record keys."""
    from graph.vocabulary import load_vocabulary

    vocab = vocab or load_vocabulary()
    try:
        f = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise AikgError(f"cannot read file: {exc.strerror}", path) from None
    with f:
        try:
            reader = csv.reader(f)
            header = next(reader, None)
            if not header:
                return
            header = [h.strip() for h in header]
            for row in reader:
                n = reader.line_num
                if not any(c.strip() for c in row):
                    continue
                if len(row) > len(header):
                    raise AikgError(f"{len(row)} cells but {len(header)} columns", path, n)
                yield _csv_record(dict(zip(header, row)), n, vocab)
        except csv.Error as exc:
            raise AikgError(f"malformed CSV: {exc}", path, getattr(reader, "line_num", None)) from None
        except UnicodeDecodeError as exc:
            raise AikgError(f"invalid UTF-8 ({exc.reason})", path) from None


def _cell(key: str, text: str, vocab) -> Any:
    spec = vocab.keys.get(key.split(".")[0])
    kind = spec.kind if spec else None
    if key in LIST_KEYS or (kind in ("ref", "derivation", "affiliation") and ";" in text):
        return [t.strip() for t in text.split(";") if t.strip()]
    if kind == "integer" or key.endswith((".amount", ".value")):
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text
    if kind == "boolean":
        return {"true": True, "false": False}.get(text.lower(), text)
    return text


def _csv_record(row: dict[str, str], line: int, vocab) -> LocatedDict:
    rec: dict[str, Any] = {}
    for key, text in row.items():
        text = (text or "").strip()
        if not text or not key:
            continue
        if key == "label" or key.startswith("label_"):
            rec.setdefault("label", {})["en" if key == "label" else key[6:]] = text
        elif "." in key:
            head, sub = key.split(".", 1)
            rec.setdefault(head, {})[sub] = _cell(key, text, vocab)
        else:
            rec[key] = _cell(key, text, vocab)
    return _located(rec, line)
