"""Load the curated records of files and directories and check them together, with file:line for every error.

A record is one entity: an id, a type from the ontology, labels, sources and
facts. A fact's value may carry its own sources (``{value: ..., sources: [...]}``
or ``{id: ..., sources: [...]}``); otherwise the record's sources apply.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "s.yaml").write_text(
...     "- id: notes\\n  type: Survey\\n  label: {en: My notes}\\n"
...     "- id: gpt\\n  type: LanguageModel\\n  label: {en: GPT}\\n"
...     "  released: 2018\\n  sources: [notes]\\n", encoding="utf-8")
>>> recs = load_records([d])
>>> [r.id for r in recs], recs[1].facts[0].value
(['notes', 'gpt'], ('2018', 'http://www.w3.org/2001/XMLSchema#gYear'))
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from graph.records.discovery import find_inputs
from graph.records.model import Record
from graph.records.parse import iter_records_file
from graph.records.references import ReferenceCheck, check_references
from graph.vocabulary import Vocabulary, load_vocabulary


def load_records(paths: Iterable[str | Path], vocab: Vocabulary | None = None) -> list[Record]:
    """Load and check every record in the record files among ``paths`` (files and directories).

    >>> load_records([])
    []
    """
    records: list[Record] = []
    for _ in stream_records(find_inputs(paths).records, vocab, records):
        pass
    return records


MoreRecords = Callable[[list[Record]], list[Record]]


def stream_records(files: Iterable[str | Path], vocab: Vocabulary | None = None,
                   loaded: list[Record] | None = None, more: Iterable[MoreRecords] = (),
                   slim: bool = False) -> Iterator[Record]:
    """Yield the records of the record files among ``files`` (files or directories) while they are read, so that a build can turn them into quads at once.

    Cross-record checks (unknown ids, duplicate ids, wrong kinds) need every
    record, so they run when the files are read, before the generator ends:
    a consumer must treat what it made as void if the generator raises.
    Each function of ``more`` is given the (checked) records read so far and
    returns records to add, as extensions (the build passes one per notes
    file). Records that ``extend:`` another are yielded last, after the
    checks, since they take their type from the record they extend.
    ``loaded`` receives every record in file order; with ``slim`` (and no
    ``more``, which reads the records' facts), only each record's id, type and
    place, and the records are checked as they are read, so that a million of
    them fit in memory.

    >>> recs = []
    >>> sum(1 for _ in stream_records(find_inputs(["data"]).records, loaded=recs)) == len(recs) > 50
    True
    """
    vocab = vocab or load_vocabulary()
    records = loaded if loaded is not None else []
    if slim and not more:
        yield from _checked_stream(files, vocab, records)
        return
    extensions: list[Record] = []
    for path in find_inputs(files).records:
        for rec in iter_records_file(path, vocab):
            records.append(rec)
            if rec.extends:
                extensions.append(rec)
            else:
                yield rec
    for add in more:
        check_references(records, vocab)
        found = add(records)
        records.extend(found)
        extensions.extend(found)
    check_references(records, vocab)
    yield from extensions


def _checked_stream(files: Iterable[str | Path], vocab: Vocabulary, bare: list[Record]) -> Iterator[Record]:
    """:func:`stream_records` with ``slim``: each record checked as it is read, and kept in ``bare`` without
    its labels and facts."""
    check = ReferenceCheck(vocab)
    extensions: list[Record] = []
    for path in find_inputs(files).records:
        for rec in iter_records_file(path, vocab):
            check.declare(rec)
            bare.append(Record(rec.id, rec.type, rec.path, rec.line, {}, extends=rec.extends))
            if rec.extends:
                extensions.append(rec)
            else:
                check.check(rec)
                yield rec
    check.close()
    for rec in extensions:
        check.check(rec)
        yield rec
