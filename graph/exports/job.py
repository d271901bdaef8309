"""What an export writer is given: the graph, the part of it chosen, where to write.

Every export format is one module here with a function ``export(job: Export) -> list[Path]``,
named by its row in :data:`graph.formats.FORMATS`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

import networkx as nx

from graph.atomic import open_atomic
from graph.formats import Format
from graph.rdf.store import KnowledgeGraph
from graph.vocabulary import Vocabulary


@dataclass(frozen=True)
class Export:
    """One export to write.

    ``keep``: the ids of the entities of a subgraph (None: the whole graph);
    ``network``: the NetworkX projection, already cut to the subgraph (None
    when the format carries RDF and no subgraph was asked for).
    """

    kg: KnowledgeGraph
    network: nx.MultiDiGraph | None
    keep: set[str] | None
    path: Path
    format: Format
    vocab: Vocabulary

    def write_file(self, write: Callable[[BinaryIO], None]) -> list[Path]:
        """Write the one file of the export, atomically, with ``write(stream)``; the files written.

        >>> import tempfile
        >>> job = Export(None, None, None, Path(tempfile.mkdtemp()) / "x.txt", None, None)
        >>> [p.name for p in job.write_file(lambda f: f.write(b"hi"))], job.path.read_bytes()
        (['x.txt'], b'hi')
        """
        with open_atomic(self.path) as f:
            write(f)
        return [self.path]
