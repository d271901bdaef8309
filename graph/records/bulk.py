"""Bulk records: JSON Lines and CSV, read as a stream, for large inputs.

JSON Lines: one record per line, with the same keys as a YAML record.
CSV: one file per kind of record, a header row of record keys; ``label`` is the
English label and ``label_zh`` (``label_<lang>``) the others; a dotted column
fills a map (``ids.wikidata``, ``training_cost.amount``); several values in a
cell are separated by ``;`` (``sources``, ``developed_by``, ``aliases``).
Errors name the file and line.

What is refused rather than guessed (each as ``file:line: message``): a JSON
value nested more than :data:`MAX_DEPTH` levels, a key given twice in one JSON
object, text longer than :data:`~graph.records.yamlread.MAX_TEXT` characters, bytes that
are not UTF-8; a CSV file whose first row is not a header of record keys (with
at least ``id`` and ``type``, or ``extend``), a column that is not a record key
or that fills the same value as another. A UTF-8 byte order mark is skipped. A
header with no rows is an empty table (no records), like an empty YAML list.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "models.csv"
>>> _ = p.write_text("id,type,label,released,developed_by,sources\\ngpt,LanguageModel,GPT,2018,openai,notes\\n")
>>> rec = next(iter_csv(p))
>>> rec["label"], rec["released"], rec.line_of("developed_by")
({'en': 'GPT'}, '2018', 2)
>>> _ = p.write_text("gpt,LanguageModel,GPT\\n")
>>> next(iter_csv(p))  # doctest: +ELLIPSIS
Traceback (most recent call last):
graph.errors.AikgError: ...models.csv:1: the first row must be a header of record keys, ...
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterator

from graph.errors import AikgError
from graph.records.kinds import KINDS, as_list, as_number
from graph.records.rules import LANG, RECORD_KEYS, did_you_mean
from graph.records.yamlread import MAX_TEXT, LocatedDict, LocatedList

LIST_KEYS = {"sources", "aliases"}
#: JSON arrays and objects nested deeper than this are refused. A record needs about four
#: levels (the record, a list of values, a value with its own sources, the list of sources).
MAX_DEPTH = 32
CSV_HEADER_EXAMPLE = "id,type,label,sources"


class _LineDict(LocatedDict):
    """A mapping from one line of a bulk file: every key is on that line (built by dict's own constructor)."""

    __init__ = dict.__init__
    lines = MappingProxyType({})

    def line_of(self, key: Any) -> int:
        return self.line


class _LineList(LocatedList):
    """A list from one line of a bulk file: every item is on that line."""

    __init__ = list.__init__
    lines = ()

    def line_of(self, index: int) -> int:
        return self.line


def _line_list(items: list, line: int) -> _LineList:
    lst = _LineList(items)
    lst.line = line
    for i, x in enumerate(lst):
        if x.__class__ is list:
            lst[i] = _line_list(x, line)
    return lst


class _DuplicateKey(Exception):
    pass


def _first_duplicate(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for k, _ in pairs:
        if k in seen:
            return k
        seen.add(k)
    return pairs[-1][0]  # pragma: no cover - only called when there is a duplicate


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
#: A JSON string (skipped whole) or a bracket: what :func:`_json_depth` looks at.
_JSON_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)


def _json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text, without parsing it (brackets in strings do not count).

    >>> _json_depth('{"a": [1, {"b": "[[["}]}'), _json_depth("[" * 100000)
    (3, 100000)
    """
    depth = deepest = 0
    for m in _JSON_STRING_OR_BRACKET.finditer(text):
        c = m.group()
        if c == "[" or c == "{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif c == "]" or c == "}":
            depth -= 1
    return deepest


def _strings(value: Any) -> Iterator[str]:
    """Every string (key or value) in a JSON value, without recursion."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            stack.extend(v)
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _has_lone_surrogate(value: Any) -> bool:
    return not all(_encodable(v) for v in _strings(value))


def _longest_text(value: Any) -> int:
    """The length of the longest string (key or value) in a JSON value."""
    return max(map(len, _strings(value)), default=0)


def too_long(length: int) -> str:
    """The message for text over :data:`MAX_TEXT` characters (as for YAML)."""
    return f"text longer than the limit of {MAX_TEXT:,} characters ({length:,})"


def _open(path: Path, newline: str | None = None):
    try:
        return open(path, encoding="utf-8-sig", newline=newline)
    except OSError as exc:
        raise AikgError(f"cannot read file: {exc.strerror}", path) from None


#: What ``errors="surrogateescape"`` makes of a byte that is not UTF-8.
_UNDECODED = re.compile("[\udc80-\udcff]")


def _utf8_error(path: Path, exc: UnicodeDecodeError) -> AikgError:
    """Where the first byte that is not UTF-8 is: read the file again, lines counted as the reader counts them."""
    try:
        with open(path, encoding="utf-8-sig", errors="surrogateescape") as f:
            for n, line in enumerate(f, 1):
                bad = _UNDECODED.search(line)
                if bad:
                    byte = ord(bad.group()) - 0xDC00
                    column = len(line[:bad.start()].encode("utf-8", "surrogateescape")) + 1  # in bytes, as for YAML
                    return AikgError(f"invalid UTF-8 (byte 0x{byte:02x} at column {column})", path, n)
    except OSError:  # pragma: no cover - it was readable a moment ago
        pass
    return AikgError(f"invalid UTF-8 ({exc.reason})", path)  # pragma: no cover - the scan finds it


def iter_jsonl(path: Path) -> Iterator[LocatedDict]:
    """Records of a JSON Lines file, one per non-empty line."""
    n = 0

    def located(pairs: list[tuple[str, Any]]) -> _LineDict:
        """Every JSON object of line ``n``, as the decoder makes it: located, refused if a key repeats."""
        d = _LineDict(pairs)
        if len(d) != len(pairs):
            raise _DuplicateKey(_first_duplicate(pairs))
        d.line = n
        for k, v in pairs:
            if v.__class__ is list:
                d[k] = _line_list(v, n)
        return d

    decode = json.JSONDecoder(object_pairs_hook=located).decode
    with _open(path) as f:
        try:
            for n, line in enumerate(f, 1):
                if line.isspace():
                    continue
                if line.count("[") + line.count("{") > MAX_DEPTH and _json_depth(line) > MAX_DEPTH:
                    raise AikgError(f"value nested too deeply (more than {MAX_DEPTH} levels)", path, n)
                try:
                    obj = decode(line)
                except _DuplicateKey as exc:
                    raise AikgError(f"duplicate key {exc.args[0]!r}", path, n) from None
                except ValueError as exc:
                    raise AikgError(f"malformed JSON: {exc}", path, n) from None
                except RecursionError:  # pragma: no cover - the depth is checked first
                    raise AikgError(f"value nested too deeply (more than {MAX_DEPTH} levels)", path, n) from None
                if not isinstance(obj, dict):
                    raise AikgError("each line must be a JSON object (a record)", path, n)
                if len(line) > MAX_TEXT and _longest_text(obj) > MAX_TEXT:
                    raise AikgError(too_long(_longest_text(obj)), path, n)
                if _SURROGATE_ESCAPE.search(line) and _has_lone_surrogate(obj):
                    raise AikgError("a \\u escape makes half a UTF-16 surrogate pair, which is not a character",
                                    path, n)
                yield obj
        except UnicodeDecodeError as exc:
            raise _utf8_error(path, exc) from None


def _as_ref_number(text: str) -> Any:
    return as_list(text) if ";" in text else as_number(text)


def _converter(key: str, head: str, vocab) -> Callable[[str], Any] | None:
    """How a column's cells are read, from the kind of its key (``None``: as text)."""
    spec = vocab.keys.get(head)
    kind = KINDS[spec.kind] if spec else None
    if key in LIST_KEYS:
        return as_list
    if key.endswith((".amount", ".value")):  # the number of a quantity or an amount
        return _as_ref_number if kind and kind.refers else as_number
    return kind.cell if kind else None


def _cell(key: str, text: str, vocab) -> Any:
    """One cell of column ``key``, typed by the ontology.

    >>> from graph.vocabulary import load_vocabulary
    >>> v = load_vocabulary()
    >>> _cell("sources", "a; b", v), _cell("parameters", "7", v), _cell("open_source", "TRUE", v)
    (['a', 'b'], 7, True)
    """
    convert = _converter(key, key.split(".")[0], vocab)
    return convert(text) if convert else text


#: A column of the plan: its index, the record key it fills, the key in that key's map (or None), how to read it.
_Column = tuple[int, str, "str | None", "Callable[[str], Any] | None"]


def _csv_plan(header: list[str], path: Path, line: int, vocab) -> tuple[list[_Column], list[int]]:
    """Check a CSV header and say where each column goes; also the columns without a name."""
    names = [h.strip() for h in header]
    if not ({"id", "type"} <= set(names) or "extend" in names):
        got = ",".join(names)
        raise AikgError(f"the first row must be a header of record keys, with at least id and type (or extend) "
                        f"columns, e.g. {CSV_HEADER_EXAMPLE}; got {got[:200]!r}", path, line)
    keys = RECORD_KEYS | {k for k, s in vocab.keys.items() if not KINDS[s.kind].in_ids}
    plan: list[_Column] = []
    unnamed: list[int] = []
    column_of: dict[str, int] = {}
    filled: dict[tuple[str, str | None], str] = {}  # (key, key in its map) -> column name
    for i, name in enumerate(names):
        if not name:
            unnamed.append(i)
            continue
        if name in column_of:
            raise AikgError(f"duplicate column {name!r} (columns {column_of[name] + 1} and {i + 1})", path, line)
        column_of[name] = i
        if name == "label" or name.startswith("label_"):
            head, sub = "label", "en" if name == "label" else name[6:]
            if not LANG.fullmatch(sub):
                raise AikgError(f"column {name!r}: {sub!r} is not a language tag such as en or zh", path, line)
        elif "." in name:
            head, sub = name.split(".", 1)
            if not sub:
                raise AikgError(f"column {name!r} names no key after the dot", path, line)
        else:
            head, sub = name, None
        if head not in keys:
            hint = did_you_mean(head, sorted(keys) + ["label_zh"])
            raise AikgError(f"column {name!r} is not a record key{hint}", path, line)
        clash = filled.get((head, sub))
        if clash is None:
            clash = next((c for (h, s), c in filled.items() if h == head and (s is None) != (sub is None)), None)
        if clash is not None:
            raise AikgError(f"columns {clash!r} and {name!r} both give {head}" + (f" {sub}" if sub else ""),
                            path, line)
        filled[(head, sub)] = name
        plan.append((i, head, sub, None if head == "label" else _converter(name, head, vocab)))
    return plan, unnamed


def iter_csv(path: Path, vocab=None) -> Iterator[LocatedDict]:
    """Records of a CSV file with a header of record keys."""
    from graph.vocabulary import load_vocabulary

    vocab = vocab or load_vocabulary()
    check_length = csv.field_size_limit() > MAX_TEXT  # otherwise the csv module refuses longer cells itself
    with _open(path, newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader, None)
            while header is not None and not any(c.strip() for c in header):
                header = next(reader, None)
            if header is None:
                raise AikgError(f"no header row: a CSV file of records starts with a header of record keys, "
                                f"e.g. {CSV_HEADER_EXAMPLE}", path, 1)
            plan, unnamed = _csv_plan(header, path, reader.line_num, vocab)
            width = len(header)
            for row in reader:
                n = reader.line_num
                if len(row) > width:
                    raise AikgError(f"{len(row)} cells but {width} columns", path, n)
                if check_length and row and max(map(len, row)) > MAX_TEXT:
                    raise AikgError(too_long(max(map(len, row))), path, n)
                for i in unnamed:
                    if i < len(row) and row[i].strip():
                        raise AikgError(f"cell {i + 1} has a value but its column has no name in the header",
                                        path, n)
                rec = _csv_record(row, plan, n)
                if rec:
                    yield rec
        except csv.Error as exc:
            message = str(exc)
            if message.startswith("field larger than field limit"):
                raise AikgError(f"text longer than the limit of {csv.field_size_limit():,} characters (in a cell)",
                                path, reader.line_num) from None
            raise AikgError(f"malformed CSV: {exc}", path, reader.line_num) from None
        except UnicodeDecodeError as exc:
            raise _utf8_error(path, exc) from None


def _csv_record(row: list[str], plan: list[_Column], line: int) -> _LineDict:
    """One row as a record (empty if the row's cells are all blank)."""
    rec = _LineDict()
    rec.line = line
    cells = len(row)
    for i, head, sub, convert in plan:
        if i >= cells:
            break
        text = row[i]
        if not text:
            continue
        text = text.strip()
        if not text:
            continue
        if convert is None:
            value = text
        else:
            value = convert(text)
            if value.__class__ is list:
                value = _line_list(value, line)
        if sub is None:
            rec[head] = value
        else:
            inner = rec.get(head)
            if inner is None:
                inner = rec[head] = _LineDict()
                inner.line = line
            inner[sub] = value
    return rec
