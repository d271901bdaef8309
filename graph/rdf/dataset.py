"""Records and RDF files → one dataset: the ontology's graph, a graph per source, and their union.

The one place where a dataset is assembled; ``aikg build`` (with notes) and the
gold data of ``aikg ingest --evaluate`` both come through here.

>>> from graph.records.load import load_records
>>> kg = dataset_of(load_records(["data"]), [])
>>> kg.triple_count() > 1000
True
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from graph.rdf.quads import records_nquads
from graph.rdf.store import KnowledgeGraph
from graph.records.model import Record
from graph.vocabulary import Vocabulary, load_vocabulary


def dataset_of(records: Iterable[Record], rdf_files: Iterable[str | Path], vocab: Vocabulary | None = None,
               into: KnowledgeGraph | None = None) -> KnowledgeGraph:
    """A new dataset (in ``into``, an empty graph such as an on-disk store; else in memory) of the records and
    RDF files, with the ontology.

    ``records`` may be a stream that raises part-way (a failed check): then
    ``into`` holds part of the records, so pass an empty one and discard it.
    """
    vocab = vocab or load_vocabulary()
    kg = into if into is not None else KnowledgeGraph()
    kg.load_ontology()
    kg.refresh_union()  # the ontology's triples
    snapshot = kg.snapshot  # a build into an on-disk store keeps what it loads (graph.rdf.snapshot)
    chunks = records_nquads(records, vocab, with_union=True, digests=snapshot and snapshot.digests)
    kg.load_nquads(snapshot.tee(chunks) if snapshot else chunks, union_included=True)
    rdf_files = list(rdf_files)
    before = kg.graph_sizes() if snapshot and rdf_files else {}
    for f in rdf_files:
        kg.load_rdf_file(f)
    if before:  # graphs an RDF file added to (their sources described): the snapshot reads them from the store
        snapshot.forget(g for g, n in kg.graph_sizes().items() if before.get(g) != n)
    kg.refresh_union()
    return kg
