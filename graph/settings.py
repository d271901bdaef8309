"""The project file ``aikg.toml``: settings that hold for every command run in its directory.

Today one setting, ``base``: the IRI that the graph's entity IRIs start with
(the vocabulary's IRIs stay the project's). A command's ``--base`` wins over it.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "aikg.toml").write_text('base = "https://example.org/kg/"\\n')
>>> read_settings(d / "aikg.toml")
{'base': 'https://example.org/kg/'}
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from graph.errors import AikgError

PROJECT_FILE = Path("aikg.toml")
KNOWN = {"base": (str, "text: an IRI in double quotes")}  #: setting -> the type of its value, said for people


def read_settings(path: str | Path = PROJECT_FILE) -> dict:
    """The settings in ``path`` (none when it does not exist); a bad file is an error naming its line."""
    path = Path(path)
    if not path.is_file():
        return {}
    raw = path.read_bytes()
    try:
        settings = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise AikgError(f"not UTF-8 text ({exc.reason})", path, raw.count(b"\n", 0, exc.start) + 1) from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(where.group(1)) if where else max(1, len(path.read_text(encoding="utf-8").splitlines()))
        raise AikgError(re.sub(r"\s*\(at (?:line|end of document).*\)$", "", str(exc)), path, line) from None
    for key, value in settings.items():
        if key not in KNOWN:
            raise AikgError(f"unknown setting {key!r}; known: {', '.join(sorted(KNOWN))}", path, _line_of(path, key))
        if not isinstance(value, KNOWN[key][0]):
            raise AikgError(f"{key} must be {KNOWN[key][1]}", path, _line_of(path, key))
    return settings


def _line_of(path: Path, key: str) -> int | None:
    """The line of the file where ``key`` is set."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def apply_base(base: str | None, project_file: str | Path = PROJECT_FILE) -> str:
    """Use ``base`` (else the project file's, else the default) for entity IRIs from now on; the base in use.

    >>> apply_base(None, "no-such-file.toml")
    'https://w3id.org/aiekg/id/'
    """
    from graph.namespaces import set_entity_base

    where: Path | None = None
    if base is None:
        base = read_settings(project_file).get("base")
        where = Path(project_file) if base is not None else None
    try:
        return set_entity_base(base)
    except ValueError as exc:
        raise AikgError(str(exc), where, _line_of(where, "base") if where else None) from None
