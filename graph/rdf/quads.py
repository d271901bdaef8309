"""Records become RDF quads: each fact in the named graph of every source that states it.

Quads are written as N-Quads text, which Oxigraph's bulk loader reads far
faster than Python can build term objects (building one ``pyoxigraph.Quad``
costs more than writing and parsing its line). :func:`records_quads` parses the
same text back into ``pyoxigraph.Quad`` objects for code that wants terms.

Qualified statements (derivation kind, affiliation role, training stage,
quantities and amounts) become nodes with IRIs derived from the record id
(``kg:gpt-3.training-cost``), never blank nodes, so that output is stable.

>>> from graph.records.model import Record, Fact
>>> rec = Record("gpt", "https://w3id.org/aiekg/vocab#LanguageModel", "m.yaml", 1,
...              {"en": "GPT"}, sources=("notes",))
>>> rec.facts.append(Fact("layers", 12, ("notes",), 2))
>>> sorted(q.predicate.value.rsplit("#")[-1] for q in records_quads([rec]))
['label', 'layerCount', 'type', 'wasDerivedFrom']
>>> print(record_lines(rec, load_vocabulary())[-1])
<https://w3id.org/aiekg/id/gpt> <https://w3id.org/aiekg/vocab#layerCount> "12"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/aiekg/id/notes> .
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

import pyoxigraph as ox

from graph.errors import AikgError
from graph import namespaces
from graph.namespaces import PROV, RDF, RDFS, SCHEMA, SKOS, VOCAB, WD, XSD
from graph.records.kinds import KINDS, Kind
from graph.records.model import Fact, Record
from graph.rdf.write import line_hash
from graph.vocabulary import Vocabulary, load_vocabulary

TYPE = f"<{RDF}type>"
LABEL = f"<{RDFS}label>"
ALT_LABEL = f"<{SKOS}altLabel>"
SAME_AS = f"<{SCHEMA}sameAs>"
DERIVED_FROM = f"<{PROV}wasDerivedFrom>"
QUALIFIED_DERIVATION = f"<{PROV}qualifiedDerivation>"
PROV_ENTITY = f"<{PROV}entity>"
INTEGER, DECIMAL, BOOLEAN = (f"<{XSD}{t}>" for t in ("integer", "decimal", "boolean"))

#: About this many N-Quads lines make one chunk handed to the loader (small enough that
#: loading starts early and overlaps the reading, large enough that each call is worth it).
CHUNK_LINES = 50_000
#: Oxigraph's N-Quads parser holds a term in a buffer of at most 16 MiB; a line this long (which
#: checked records never make: their text is at most ``graph.records.yamlread.MAX_TEXT`` characters) is
#: refused with the record's file and line instead of failing inside the loader.
MAX_LINE_BYTES = 15 << 20

_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
                 ord("\b"): "\\b", ord("\f"): "\\f"})  # as Oxigraph writes them: the same line, the same digest


def V(name: str) -> str:
    """A term of the aikg vocabulary, in N-Triples syntax.

    >>> V("developedBy")
    '<https://w3id.org/aiekg/vocab#developedBy>'
    """
    return f"<{VOCAB}{name}>"


def node(slug: str) -> str:
    """The IRI of a record id, in N-Triples syntax (ids are checked slugs, so nothing needs escaping).

    >>> node("gpt-3")
    '<https://w3id.org/aiekg/id/gpt-3>'
    """
    return f"<{namespaces.ID}{slug}>"


def literal(text: str, language: str | None = None) -> str:
    """A plain or language-tagged literal in N-Triples syntax, escaped.

    >>> print(literal('say "hi"\\n', "en"))
    "say \\"hi\\"\\n"@en
    """
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    return f'"{text}"@{language}' if language else f'"{text}"'


def typed(lexical: str, datatype: str) -> str:
    """A typed literal; ``datatype`` is an IRI (``typed("2018", XSD + "gYear")``).

    >>> typed("2018", "http://www.w3.org/2001/XMLSchema#gYear")
    '"2018"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    """
    if _NEEDS_ESCAPE.search(lexical):
        lexical = lexical.translate(_ESCAPES)
    return f'"{lexical}"^^<{datatype}>'


_GRAPHS: dict[str, str] = {}


def _in_graph(src: str) -> str:
    """The end of a line that puts a triple in the named graph of source ``src``."""
    end = _GRAPHS.get(src)
    if end is None or not end.startswith(f" <{namespaces.ID}"):
        end = _GRAPHS[src] = f" <{namespaces.ID}{src}> ."
    return end


def record_lines(rec: Record, vocab: Vocabulary, with_union: bool = False,
                 digests: dict[str, int] | None = None) -> list[str]:
    """The N-Quads lines of one record: a line per source graph (and one in the default graph, if asked);
    ``digests`` (graph IRI → sum of :func:`~graph.rdf.write.line_hash`) gets the record's triples of each graph."""
    s = f"<{namespaces.ID}{rec.id}>"
    sources = rec.sources
    stated = [f"{s} {TYPE} <{rec.type}>"]
    stated += [f"{s} {LABEL} {literal(text, lang)}" for lang, text in sorted(rec.labels.items())]
    stated += [f"{s} {ALT_LABEL} {literal(alias, lang)}" for lang, alias in rec.aliases]
    by_sources: list[tuple[list[str], tuple[str, ...]]] = [(stated, sources)]
    for src in sources:  # entity-level provenance, for tools that do not read named graphs
        if src != rec.id:
            by_sources.append(([f"{s} {DERIVED_FROM} <{namespaces.ID}{src}>"], (src,)))
    for fact in rec.facts:
        by_sources.append((fact_triples(rec, fact, vocab), fact.sources))
    lines: list[str] = []
    add = lines.append
    for triples, srcs in by_sources:
        ends = [_in_graph(src) for src in srcs]
        for triple in triples:
            for end in ends:
                add(triple + end)
            if with_union:
                add(triple + " .")
    if digests is not None:
        _add_digests(digests, by_sources)
    return lines


def _add_digests(digests: dict[str, int], by_sources: list[tuple[list[str], tuple[str, ...]]]) -> None:
    """Add each distinct (graph, triple) of a record to its graph's digest, as the store's N-Triples line."""
    seen = {(src, triple) for triples, srcs in by_sources for src in srcs for triple in triples}
    hashes: dict[str, int] = {}
    for src, triple in seen:
        h = hashes.get(triple)
        if h is None:
            h = hashes[triple] = line_hash((triple + " .").encode("utf-8"))
        g = namespaces.ID + src
        digests[g] = digests.get(g, 0) + h


def records_nquads(records: Iterable[Record], vocab: Vocabulary | None = None, with_union: bool = False,
                   chunk: int = CHUNK_LINES, digests: dict[str, int] | None = None) -> Iterator[bytes]:
    """N-Quads of all records, as UTF-8 chunks of about ``chunk`` lines each (a record is never split);
    ``digests``: see :func:`record_lines`.

    >>> from graph.records.load import load_records
    >>> chunks = list(records_nquads(load_records(["data"]), chunk=500))
    >>> len(chunks) > 1 and all(c.endswith(b" .\\n") for c in chunks)
    True
    """
    vocab = vocab or load_vocabulary()
    lines: list[str] = []
    recs: list[Record] = []
    for rec in records:
        lines += record_lines(rec, vocab, with_union, digests)
        recs.append(rec)
        if len(lines) >= chunk:
            yield _encode(lines, recs, vocab)
            lines, recs = [], []
    if lines:
        yield _encode(lines, recs, vocab)


def _encode(lines: list[str], recs: list[Record], vocab: Vocabulary) -> bytes:
    lines.append("")
    data = "\n".join(lines).encode("utf-8")
    if len(data) > MAX_LINE_BYTES and max(map(len, lines)) * 4 > MAX_LINE_BYTES:  # else no line can be that long
        _refuse_long_lines(recs, vocab)
    return data


def _refuse_long_lines(recs: list[Record], vocab: Vocabulary) -> None:
    """Raise ``file:line`` for the first record (and fact) that makes an N-Quads line over :data:`MAX_LINE_BYTES`."""
    def longest(triples: list[str]) -> int:
        return max((len(t.encode("utf-8")) for t in triples), default=0)

    for rec in recs:
        for fact in rec.facts:
            size = longest(fact_triples(rec, fact, vocab))
            if size > MAX_LINE_BYTES:
                raise AikgError(f"{fact.key}: the value makes an N-Quads line of {size:,} bytes, "
                                f"more than the {MAX_LINE_BYTES:,} the loader takes", rec.path, fact.line)
        size = longest(record_lines(rec, vocab))
        if size > MAX_LINE_BYTES:
            raise AikgError(f"record {rec.id[:100]!r} makes an N-Quads line of {size:,} bytes, "
                            f"more than the {MAX_LINE_BYTES:,} the loader takes", rec.path, rec.line)


def records_quads(records: Iterable[Record], vocab: Vocabulary | None = None,
                  with_union: bool = False) -> Iterator[ox.Quad]:
    """All quads of all records as ``pyoxigraph`` terms; with ``with_union`` each triple once more in the default graph."""
    for data in records_nquads(records, vocab, with_union):
        yield from ox.parse(data, ox.RdfFormat.N_QUADS)


def fact_triples(rec: Record, fact: Fact, vocab: Vocabulary) -> list[str]:
    """The triples (``subject predicate object`` in N-Triples syntax) that state one fact of a record."""
    s = f"<{namespaces.ID}{rec.id}>"
    key = vocab.keys.get(fact.key)
    if key is None:  # identifiers under ids: are keys too; only unknown keys get here
        raise KeyError(fact.key)
    p = f"<{key.iri}>"
    kind = KINDS[key.kind]
    if kind.node is not None:
        return _joined(_NODES[kind.node](s, p, rec, fact, kind))
    v = fact.value
    if kind.refers:
        o = f"<{namespaces.ID}{v}>"
    elif kind.typed is not None:
        o = typed(*kind.typed(v))
    elif kind.by_language:
        o = literal(v[1], v[0])
    else:
        o = literal(v)
    if fact.key == "wikidata":
        return [f"{s} {p} {o}", f"{s} {SAME_AS} <{WD}{v}>"]
    return [f"{s} {p} {o}"]


def _measure(s: str, p: str, rec: Record, fact: Fact, kind: Kind) -> list[tuple[str, str, str]]:
    """A quantity or an amount: a node with its value, its unit or currency and its precision."""
    v = fact.value
    q = f"<{namespaces.ID}{rec.id}.{fact.key.replace('_', '-')}>"
    out = [(s, p, q), (q, TYPE, V(kind.node)), (q, V("value"), f'"{v["value"]}"^^{DECIMAL}'),
           (q, V(kind.measure), literal(v[kind.measure]))]
    if v["precision"]:
        out.append((q, V("precision"), f"<{v['precision']}>"))
    return out


def _derivation(s: str, p: str, rec: Record, fact: Fact, kind: Kind) -> list[tuple[str, str, str]]:
    """``based_on``: the link, and a qualified derivation when its kind is known."""
    v = fact.value
    out = [(s, p, node(v["id"]))]
    if v["kind"]:
        d = f"<{namespaces.ID}{rec.id}.derivation.{v['id']}>"
        out += [
            (s, QUALIFIED_DERIVATION, d),
            (d, TYPE, V(kind.node)),
            (d, PROV_ENTITY, node(v["id"])),
            (d, V("derivationKind"), f"<{v['kind']}>"),
        ]
    return out


def _affiliation(s: str, p: str, rec: Record, fact: Fact, kind: Kind) -> list[tuple[str, str, str]]:
    """``affiliated_with``: the link, and a qualified affiliation when a role, current or dates are given."""
    v = fact.value
    out = [(s, p, node(v["id"]))]
    if len(v) > 1:
        a = f"<{namespaces.ID}{rec.id}.affiliation.{v['id']}>"
        out += [(s, V("qualifiedAffiliation"), a), (a, TYPE, V(kind.node)), (a, V("organization"), node(v["id"]))]
        for lang, role in sorted(v.get("role", {}).items()):
            out.append((a, V("role"), literal(role, lang)))
        if "current" in v:
            out.append((a, V("current"), f'"{"true" if v["current"] else "false"}"^^{BOOLEAN}'))
        for k, prop in (("start", "startDate"), ("end", "endDate")):
            if k in v:
                out.append((a, V(prop), typed(*v[k])))
    return out


def _stage(s: str, p: str, rec: Record, fact: Fact, kind: Kind) -> list[tuple[str, str, str]]:
    """A training stage: a node with its order, its technique and its description."""
    v = fact.value
    st = f"<{namespaces.ID}{rec.id}.stage.{v['order']}>"
    out = [
        (s, p, st),
        (st, TYPE, V(kind.node)),
        (st, V("stageOrder"), f'"{v["order"]}"^^{INTEGER}'),
        (st, V("stageTechnique"), node(v["technique"])),
    ]
    for lang, text in sorted(v.get("description", {}).items()):
        out.append((st, V("description"), literal(text, lang)))
    return out


#: The writer of each node class a kind's values become (``Kind.node``).
_NODES = {"Quantity": _measure, "MonetaryAmount": _measure, "Derivation": _derivation,
          "Affiliation": _affiliation, "TrainingStage": _stage}


def _joined(triples: list[tuple[str, str, str]]) -> list[str]:
    return [f"{a} {b} {c}" for a, b, c in triples]
