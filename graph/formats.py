"""Every format aikg reads or writes, in one table (:data:`FORMATS`); the rest is derived from it.

A row is one format in one role: ``export`` (``aikg export``), ``result``
(``aikg query`` and the SPARQL endpoint) or ``input`` (an RDF file that
``aikg build`` reads: RDF, records or notes). The role is part of the key, because a name can mean
two things: the ``csv`` export is the nodes and edges tables, the ``csv``
result is SPARQL's CSV. Writers are named by dotted path (``module:function``),
so this module imports nothing heavy; :meth:`Format.load_writer` imports one when
it is used.

>>> lookup("csv", EXPORT).carries, lookup("csv", RESULT).carries
('network', 'results')
>>> format_for_suffix("out/GRAPH.TTL").name, media_type("json")
('turtle', 'application/sparql-results+json')
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from graph.errors import AikgError

#: Roles.
EXPORT, RESULT, INPUT = "export", "result", "input"
#: What a format carries.
DATASET, TRIPLES, RESULTS, NETWORK = "dataset", "triples", "results", "network"
RECORDS, NOTES = "records", "notes"  # inputs: curated records, survey notes


@dataclass(frozen=True)
class Format:
    """One format in one role.

    - ``carries``: ``dataset`` (named graphs), ``triples`` (one graph), ``results``
      (SELECT and ASK answers) or ``network`` (the NetworkX projection);
    - ``suffixes``: file name endings, lowercase;
    - ``media_types``: for a result, the ``Accept`` types that choose it, the first the one sent;
    - ``rdf``: the name of the ``pyoxigraph.RdfFormat`` member, for an RDF syntax;
    - ``writer``: ``module:function``. An export's writer takes a
      :class:`graph.exports.job.Export` and returns the files written; a result's
      takes a :class:`graph.sparql.results.QueryResult` (and, for an RDF syntax,
      the format's name) and returns text. Inputs have none (:mod:`graph.rdf.files` reads them).
    """

    role: str
    name: str
    carries: str
    suffixes: tuple[str, ...] = ()
    media_types: tuple[str, ...] = ()
    rdf: str | None = None
    writer: str | None = None

    def load_writer(self) -> Callable:
        """The writer function, imported now.

        >>> lookup("json", RESULT).load_writer().__name__
        'format_json'
        """
        module, _, function = (self.writer or "").partition(":")
        if not function:
            raise AikgError(f"format {self.name!r} ({self.role}) has no writer")
        return getattr(importlib.import_module(module), function)


_RDF_EXPORT = "graph.exports.rdf:export"
_RDF_RESULT = "graph.sparql.results:format_rdf"
_RESULTS = "graph.sparql.results:"

#: The table. Within a role, rows are in the order the CLI lists them.
FORMATS: tuple[Format, ...] = (
    Format(EXPORT, "turtle", TRIPLES, (".ttl", ".turtle"), rdf="TURTLE", writer=_RDF_EXPORT),
    Format(EXPORT, "nt", TRIPLES, (".nt",), rdf="N_TRIPLES", writer=_RDF_EXPORT),
    Format(EXPORT, "trig", DATASET, (".trig",), rdf="TRIG", writer=_RDF_EXPORT),
    Format(EXPORT, "nquads", DATASET, (".nq",), rdf="N_QUADS", writer=_RDF_EXPORT),
    Format(EXPORT, "jsonld", TRIPLES, (".jsonld", ".json"), rdf="JSON_LD", writer="graph.exports.jsonld:export"),
    Format(EXPORT, "graphml", NETWORK, (".graphml",), writer="graph.exports.graphml:export"),
    Format(EXPORT, "gexf", NETWORK, (".gexf",), writer="graph.exports.gexf:export"),
    Format(EXPORT, "csv", NETWORK, (".csv",), writer="graph.exports.csv:export"),

    Format(RESULT, "table", RESULTS, writer=_RESULTS + "format_table"),
    Format(RESULT, "md", RESULTS, writer=_RESULTS + "format_markdown"),
    Format(RESULT, "csv", RESULTS, media_types=("text/csv",), writer=_RESULTS + "format_csv"),
    Format(RESULT, "tsv", RESULTS, media_types=("text/tab-separated-values",), writer=_RESULTS + "format_tsv"),
    Format(RESULT, "json", RESULTS, media_types=("application/sparql-results+json", "application/json"),
           writer=_RESULTS + "format_json"),
    Format(RESULT, "xml", RESULTS, media_types=("application/sparql-results+xml", "application/xml"),
           writer=_RESULTS + "format_xml"),
    Format(RESULT, "turtle", TRIPLES, media_types=("text/turtle", "application/x-turtle"), rdf="TURTLE",
           writer=_RDF_RESULT),
    Format(RESULT, "nt", TRIPLES, media_types=("application/n-triples",), rdf="N_TRIPLES", writer=_RDF_RESULT),
    Format(RESULT, "jsonld", TRIPLES, media_types=("application/ld+json",), rdf="JSON_LD", writer=_RDF_RESULT),
    Format(RESULT, "rdfxml", TRIPLES, media_types=("application/rdf+xml",), rdf="RDF_XML", writer=_RDF_RESULT),

    Format(INPUT, "turtle", TRIPLES, (".ttl",), rdf="TURTLE"),
    Format(INPUT, "nt", TRIPLES, (".nt",), rdf="N_TRIPLES"),
    Format(INPUT, "nquads", DATASET, (".nq",), rdf="N_QUADS"),
    Format(INPUT, "trig", DATASET, (".trig",), rdf="TRIG"),
    Format(INPUT, "jsonld", DATASET, (".jsonld",), rdf="JSON_LD"),
    Format(INPUT, "rdfxml", TRIPLES, (".rdf", ".owl"), rdf="RDF_XML"),
    Format(INPUT, "yaml", RECORDS, (".yaml", ".yml")),
    Format(INPUT, "jsonl", RECORDS, (".jsonl",)),
    Format(INPUT, "csv", RECORDS, (".csv",)),
    Format(INPUT, "markdown", NOTES, (".md", ".markdown")),
)

#: What the endpoint sends when the client accepts anything: per kind of result.
SENT_BY_DEFAULT = {"select": "json", "graph": "turtle"}


def formats(role: str) -> tuple[Format, ...]:
    """The rows of one role, in table order.

    >>> [f.name for f in formats(INPUT)][:6]
    ['turtle', 'nt', 'nquads', 'trig', 'jsonld', 'rdfxml']
    """
    return tuple(f for f in FORMATS if f.role == role)


def lookup(name: str, role: str) -> Format:
    """The row of ``name`` in ``role``; an unknown name is an error that lists the known ones.

    >>> lookup("xml", RESULT).media_types[0]
    'application/sparql-results+xml'
    >>> lookup("png", EXPORT)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.AikgError: unknown format 'png' (choose from turtle, nt, trig, nquads, jsonld, ...)
    """
    for f in formats(role):
        if f.name == name:
            return f
    raise AikgError(f"unknown format {name!r} (choose from {', '.join(f.name for f in formats(role))})")


def export_formats() -> tuple[str, ...]:
    """Names of the export formats (``aikg export --format``).

    >>> export_formats()[:5]
    ('turtle', 'nt', 'trig', 'nquads', 'jsonld')
    """
    return tuple(f.name for f in formats(EXPORT))


def result_formats(kind: str | None = None) -> tuple[str, ...]:
    """Names of the result formats (``aikg query --format``); with ``kind``, those for
    ``select`` (and ``ask``) results or for ``graph`` results (CONSTRUCT, DESCRIBE).

    >>> result_formats("graph")
    ('turtle', 'nt', 'jsonld', 'rdfxml')
    """
    carries = None if kind is None else TRIPLES if kind == "graph" else RESULTS
    return tuple(f.name for f in formats(RESULT) if carries in (None, f.carries))


#: The two tuples the CLI offers as ``--format`` choices.
EXPORT_FORMAT_NAMES = export_formats()
RESULT_FORMAT_NAMES = result_formats()


def format_for_suffix(path: str | PurePath, role: str = EXPORT) -> Format | None:
    """The format of ``role`` that a file's suffix names (any case), or None.

    >>> format_for_suffix("g.json").name, format_for_suffix("g.json", INPUT)
    ('jsonld', None)
    """
    suffix = PurePath(path).suffix.lower()
    return next((f for f in formats(role) if suffix and suffix in f.suffixes), None)


def input_rdf_suffixes() -> dict[str, str]:
    """The suffixes of RDF input files, each with its ``pyoxigraph.RdfFormat`` member's name.

    >>> input_rdf_suffixes()[".owl"]
    'RDF_XML'
    """
    return {s: f.rdf for f in formats(INPUT) if f.rdf for s in f.suffixes}


RDF_FILES = "rdf"  #: the kind of an input format that is an RDF syntax (whatever it carries)
#: The kinds of input files, each with the words help texts name it by.
INPUT_KINDS = {RECORDS: "records", RDF_FILES: "RDF files", NOTES: "Markdown notes"}
#: The downloads ``aikg import`` reads, by kind (their readers: :data:`graph.imports.IMPORTERS`).
IMPORT_KINDS = {
    "epoch": "Epoch AI's notable_ai_models.csv or all_ai_models.csv",
    "hf-cards": "a folder of Hugging Face model cards, ORG/NAME/README.md",
    "hf-api": "the Hugging Face Hub's /api/models listing (a JSON array or JSON Lines)",
    "arxiv": "arXiv's metadata snapshot (JSON Lines)",
}


def input_kind(f: Format) -> str:
    """The kind of an input format: ``records``, ``rdf`` or ``notes``.

    >>> input_kind(lookup("rdfxml", INPUT)), input_kind(lookup("csv", INPUT))
    ('rdf', 'records')
    """
    return RDF_FILES if f.rdf else f.carries


def input_kinds_text(*kinds: str) -> str:
    """The input files of ``kinds`` (default: all) with their suffixes, for help texts.

    >>> input_kinds_text("records")
    'records (.yaml .yml .jsonl .csv)'
    >>> input_kinds_text()  # doctest: +NORMALIZE_WHITESPACE
    'records (.yaml .yml .jsonl .csv), RDF files (.ttl .nt .nq .trig .jsonld .rdf .owl),
    Markdown notes (.md .markdown)'
    """
    chosen = kinds or tuple(INPUT_KINDS)
    suffixes: dict[str, list[str]] = {k: [] for k in chosen}
    for f in formats(INPUT):
        if input_kind(f) in suffixes:
            suffixes[input_kind(f)] += f.suffixes
    return ", ".join(f"{INPUT_KINDS[k]} ({' '.join(s)})" for k, s in suffixes.items())


def rdf_syntax(name: str) -> Format:
    """The row of an RDF syntax that aikg writes (an export's, else a result's).

    >>> rdf_syntax("trig").carries, rdf_syntax("rdfxml").rdf
    ('dataset', 'RDF_XML')
    """
    for role in (EXPORT, RESULT):
        for f in formats(role):
            if f.name == name and f.rdf:
                return f
    raise AikgError(f"unknown RDF format {name!r}")


def media_type(name: str) -> str:
    """The media type a result format is sent as.

    >>> media_type("turtle")
    'text/turtle'
    """
    return lookup(name, RESULT).media_types[0]


def content_type(name: str) -> str:
    """The ``Content-Type`` header of a result: its media type, with a charset unless it is JSON
    (which is UTF-8 by definition).

    >>> content_type("csv"), content_type("jsonld")
    ('text/csv; charset=utf-8', 'application/ld+json')
    """
    media = media_type(name)
    return media if media.endswith("json") else media + "; charset=utf-8"


def accepted_types(kind: str) -> tuple[str, ...]:
    """The media types a client may ask for, for ``select`` (and ``ask``) or ``graph`` results.

    >>> accepted_types("graph")[:2]
    ('text/turtle', 'application/x-turtle')
    """
    return tuple(m for name in result_formats(kind) for m in lookup(name, RESULT).media_types)


def choose(accept: str | None, kind: str) -> str | None:
    """The result format to send for an ``Accept`` header, or None if nothing offered is acceptable.

    The client's preference decides (``q``, then order); ``*/*``, ``application/*``
    and ``text/*`` take :data:`SENT_BY_DEFAULT`, as does a missing header.

    >>> choose("text/csv;q=0.5, application/sparql-results+xml", "select")
    'xml'
    >>> choose("image/png", "select") is None, choose(None, "graph")
    (True, 'turtle')
    """
    default = SENT_BY_DEFAULT["graph" if kind == "graph" else "select"]
    if not accept:
        return default
    offered = {m: name for name in result_formats(kind) for m in lookup(name, RESULT).media_types}
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    for neg_q, _, media in sorted(choices):
        if neg_q == 0:
            continue
        if media in offered:
            return offered[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None
