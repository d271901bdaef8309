"""The file formats aikg reads and writes. (Placeholder until the format table lands.)"""
from __future__ import annotations


def input_rdf_suffixes() -> tuple[str, ...]:
    """The suffixes of RDF files read as inputs."""
    return (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".owl")
