"""Turtle, N-Triples, TriG and N-Quads exports: the one RDF writer, :func:`graph.rdf.write.write_rdf`.

Turtle and N-Triples hold the union graph; TriG and N-Quads one named graph
per source, plus the ontology (left out of a subgraph).
"""
from __future__ import annotations

from pathlib import Path

from graph.exports.job import Export
from graph.rdf.write import write_rdf


def export(job: Export) -> list[Path]:
    """Write the graph, or the subgraph of ``job.keep``, in ``job.format`` (an RDF syntax).

    >>> import tempfile
    >>> from graph.formats import EXPORT, lookup
    >>> from graph.rdf.store import KnowledgeGraph
    >>> kg = KnowledgeGraph(); kg.load_ontology()
    >>> (p,) = export(Export(kg, None, None, Path(tempfile.mkdtemp()) / "o.nt", lookup("nt", EXPORT), None))
    >>> p.read_bytes().count(b"\\n") == kg.triple_count()
    True
    """
    return job.write_file(lambda f: write_rdf(job.kg, job.format.name, f, job.keep))
