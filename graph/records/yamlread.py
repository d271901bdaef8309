"""Read YAML safely, keeping the line of every value for error messages.

Values come back as plain Python objects, except that mappings are
:class:`LocatedDict` and sequences :class:`LocatedList`, which remember the
line of each key or item. Only YAML's safe types are built (no Python object
tags), and aliases are refused, so a small file cannot expand without bound;
text longer than :data:`MAX_TEXT` characters is refused with its line.

>>> doc = read_yaml_text("- id: gpt\\n  released: 2018\\n", "models.yaml")
>>> doc[0]["released"], doc[0].line_of("released")
(2018, 2)
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import yaml

from graph.errors import AikgError

try:  # libyaml's C parser is about 5x faster; fall back to pure Python
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


#: The longest text a record may hold in one value or key, in characters (labels, literals, ids,
#: URLs). It is the csv module's own limit for a cell, so that YAML, JSON Lines and CSV records
#: agree, and it keeps every N-Quads term far below the 16 MiB that Oxigraph's parser holds at
#: once (an escaped character takes at most 6 bytes).
MAX_TEXT = 131_072

_STR = "tag:yaml.org,2002:str"
#: The safe loader's constructors of plain scalars, called directly.
_CONSTRUCTORS = {tag: _Loader.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp")}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class LocatedDict(dict):
    """A dict that knows its own line and the line of each key."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """The line of ``key`` (or of the mapping itself if the key is absent)."""
        return self.lines.get(key, self.line)


class LocatedList(list):
    """A list that knows its own line and the line of each item."""

    line: int = 0

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        """The line of item ``index``."""
        return self.lines[index] if index < len(self.lines) else self.line


def decode_utf8(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 strictly; on failure name the line of the first bad byte.

    >>> decode_utf8(b"ok\\n\\xff", "f.yaml")
    Traceback (most recent call last):
    graph.errors.AikgError: f.yaml:2: invalid UTF-8 (byte 0xff at column 1)
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise AikgError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at column {column})", path, line
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_yaml_file(path: str | Path) -> Any:
    """Read one YAML file (UTF-8) into located Python values."""
    return read_yaml_text(_file_text(path), path)


def _file_text(path: str | Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise AikgError(f"cannot read file: {exc.strerror}", path) from None
    return decode_utf8(data, path)


#: A file this large is read as a stream of top-level list items, in pieces of about this many bytes.
PIECE_BYTES = 1 << 20
_ITEM_START = re.compile(r"^-(?=[ \t\r\n]|$)", re.M)
_NOT_PLAIN = re.compile(r"^(?:---|\.\.\.|%)", re.M)


def iter_yaml_pieces(path: str | Path) -> Iterator[Any]:
    """A YAML file whose top level is a block list, read in pieces: each piece a list of some of its items.

    Large files are cut before a top-level ``-`` (column 0) into pieces of about
    :data:`PIECE_BYTES`, each parsed on its own (line numbers stay those of the
    file), so that a build can use the first records while the rest is still
    unread. If a piece does not parse alone, the whole file is parsed as one,
    and what that says (an item or an error) is what counts. Anything that is not
    a plain top-level block list is yielded whole, as :func:`read_yaml_file` reads it.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.yaml"
    >>> _ = p.write_text("- id: a\\n- id: b\\n  released: 2020\\n", encoding="utf-8")
    >>> [[(item["id"], item.line) for item in piece] for piece in iter_yaml_pieces(p)]
    [[('a', 1), ('b', 2)]]
    """
    text = _file_text(path)
    starts = [m.start() for m in _ITEM_START.finditer(text)] if len(text) > PIECE_BYTES else []
    if len(starts) < 2 or _NOT_PLAIN.search(text) or not _only_comments(text[:starts[0]]):
        yield read_yaml_text(text, path)
        return
    cuts = [starts[0]]
    for s in starts:
        if s - cuts[-1] >= PIECE_BYTES:
            cuts.append(s)
    cuts.append(len(text))
    done = 0
    line = text.count("\n", 0, cuts[0]) + 1
    for a, b in zip(cuts, cuts[1:]):
        try:
            piece = read_yaml_text(text[a:b], path, first_line=line)
        except AikgError:
            whole = read_yaml_text(text, path)  # raises the file's own error, or shows the cut was wrong
            yield _rest(whole, done)
            return
        line += text.count("\n", a, b)
        if not isinstance(piece, LocatedList):  # pragma: no cover - a piece that starts with "-" is a list
            yield read_yaml_text(text, path)
            return
        done += len(piece)
        yield piece


def _rest(doc: Any, done: int) -> Any:
    """The items of a whole-file parse after the ``done`` already given, with their lines."""
    if not isinstance(doc, LocatedList):
        return doc
    rest = LocatedList(doc[done:])
    rest.line, rest.lines = doc.line, doc.lines[done:]
    return rest


def _only_comments(head: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in head.splitlines())


def read_yaml_text(text: str, path: str | Path = "<string>", first_line: int = 1) -> Any:
    """Parse YAML text into located Python values; errors name file and line.

    ``first_line`` is the line of the file that ``text`` starts at.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, path, set(), first_line - 1)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise AikgError(f"malformed YAML: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise AikgError(f"malformed YAML: {exc}", path) from None
    except RecursionError:
        raise AikgError("YAML nested too deeply", path) from None
    finally:
        loader.dispose()


def _convert(node: yaml.Node, loader: Any, path: str | Path, seen: set[int], offset: int = 0) -> Any:
    line = node.start_mark.line + 1 + offset
    if id(node) in seen:
        raise AikgError("YAML aliases (*name) are not supported in records", path, line)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:  # most values: what the constructor would return, without its bookkeeping
            if len(node.value) > MAX_TEXT:
                raise AikgError(f"text longer than the limit of {MAX_TEXT:,} characters ({len(node.value):,})",
                                path, line)
            return node.value
        try:
            construct = _CONSTRUCTORS.get(node.tag)
            if construct is not None:
                return construct(loader, node)
            return loader.construct_object(node, deep=True)
        except ValueError:  # e.g. 2023-13-45 looks like a date but is none: keep the text
            return node.value
        except yaml.constructor.ConstructorError as exc:
            raise AikgError(f"bad value {node.value!r}: {exc.problem}", path, line) from None
    seen.add(id(node))
    if node.tag not in (_SEQ, _MAP):
        raise AikgError(f"YAML tag {node.tag!r} is not allowed in records", path, line)
    if isinstance(node, yaml.SequenceNode):
        out = LocatedList()
        out.line = line
        for item in node.value:
            out.append(_convert(item, loader, path, seen, offset))
            out.lines.append(item.start_mark.line + 1 + offset)
        return out
    if isinstance(node, yaml.MappingNode):
        result = LocatedDict()
        result.line = line
        for key_node, value_node in node.value:
            key = _convert(key_node, loader, path, seen, offset)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise AikgError("mapping keys must be plain scalars", path, key_node.start_mark.line + 1 + offset)
            if key in result:
                raise AikgError(f"duplicate key {key!r}", path, key_node.start_mark.line + 1 + offset)
            result[key] = _convert(value_node, loader, path, seen, offset)
            result.lines[key] = key_node.start_mark.line + 1 + offset
        return result
    raise AikgError(f"unsupported YAML node {node.tag}", path, line)  # pragma: no cover
