"""Which files a command reads: one rule for every command, by suffix (the ``input`` rows of
:mod:`graph.formats`), case-insensitively.

Given directly, a file must be a record file (``.yaml``, ``.yml``, ``.jsonl``,
``.csv``), an RDF file (``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``,
``.rdf``, ``.owl``) or Markdown notes (``.md``, ``.markdown``). In a directory,
every record and RDF file below it is read; Markdown only below a folder named
``surveys`` (so that a README or other prose next to the data is not taken for
notes); other files are skipped and counted.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("a.YAML", "b.Ttl", "README.md", "surveys/s.MD", "x.png"):
...     (d / name).parent.mkdir(exist_ok=True); _ = (d / name).write_text("")
>>> found = find_inputs([d])
>>> [p.name for p in found.records], [p.name for p in found.rdf], [p.name for p in found.notes], found.skipped
(['a.YAML'], ['b.Ttl'], ['s.MD'], 2)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from graph.errors import AikgError
from graph.formats import INPUT, format_for_suffix

NOTES_FOLDER = "surveys"  # Markdown inside a directory is read only below a folder of this name


@dataclass
class Inputs:
    """The files to read, by what they hold, and how many files in directories were skipped."""

    records: list[Path] = field(default_factory=list)
    rdf: list[Path] = field(default_factory=list)
    notes: list[Path] = field(default_factory=list)
    skipped: int = 0

    def __bool__(self) -> bool:
        return bool(self.records or self.rdf or self.notes)


def kind_of(path: str | Path) -> str | None:
    """``records``, ``rdf``, ``notes`` or ``None``, from the suffix (any case).

    >>> kind_of("notes.YAML"), kind_of("g.TTL"), kind_of("s.md"), kind_of("x.png")
    ('records', 'rdf', 'notes', None)
    """
    found = format_for_suffix(path, INPUT)
    if found is None:
        return None
    return "rdf" if found.rdf else found.carries


def find_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Sort the given files and the files under the given directories into records, RDF and notes."""
    found = Inputs()
    for p in map(Path, paths):
        if p.is_file():
            kind = kind_of(p)
            if kind is None:
                raise AikgError(f"unsupported input type {p.suffix.lower()!r} "
                                "(YAML/JSON Lines/CSV records, RDF files or Markdown notes)", p)
            getattr(found, kind).append(p)
        elif p.is_dir():
            for f in sorted(f for f in p.rglob("*") if f.is_file()):
                kind = kind_of(f)
                folders = p.resolve().parts[-1:] + f.relative_to(p).parts[:-1]
                if kind == "notes" and NOTES_FOLDER not in folders:
                    kind = None
                if kind is None:
                    found.skipped += 1
                else:
                    getattr(found, kind).append(f)
        else:
            raise AikgError("no such file or directory", p)
    return found


def require_inputs(paths: Iterable[str | Path]) -> Inputs:
    """:func:`find_inputs`, refusing when nothing readable was found."""
    paths = list(paths)
    found = find_inputs(paths)
    if not found:
        raise AikgError("no input files (expected *.yaml, *.jsonl or *.csv records, RDF files or .md notes)",
                        ", ".join(map(str, paths)) or ".")
    return found
