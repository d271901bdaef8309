"""A store's snapshot: the N-Quads that a ``--store-only`` build loaded into it, kept in the store's
directory (``aikg-snapshot.nq``) with the digest of each named graph in the store's manifest.

Reading an on-disk store back costs as much as loading it (Oxigraph decodes
every term), so a push that sends everything to an Oxigraph server sends this
file as it is, and a push that sends what changed takes the graphs' digests from
the manifest instead of reading every graph to digest it. The build writes the
file as the records' text goes to the bulk loader (no second copy in memory)
and sums each graph's digest from the same lines (:func:`graph.rdf.write.line_hash`:
equal to the digest of what the store holds, as Oxigraph writes the same lines);
graphs that other inputs filled (the ontology, RDF files) are read from the
store once, at the end. A sync (``aikg build --store``) changes the store in
place, so it removes the snapshot; the manifest records the file's size, and a
file of another size is not trusted.

>>> import tempfile, pyoxigraph as ox
>>> from graph.rdf.store import KnowledgeGraph
>>> d = Path(tempfile.mkdtemp()); kg = KnowledgeGraph(ox.Store(str(d)), on_disk=True)
>>> snap = Snapshot(d); kg.load_nquads(snap.tee([b'<http://e/a> <http://e/p> "x" <http://e/g> .\\n']))
>>> snap.digests["http://e/g"] = line_hash(b'<http://e/a> <http://e/p> "x" .')
>>> entry, digests = snap.finish(kg); entry["bytes"] == (d / SNAPSHOT).stat().st_size, len(digests)
(True, 1)
>>> trusted(d, entry).path == d / SNAPSHOT, trusted(d, {**entry, "bytes": 1})
(True, None)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from graph.rdf.write import digest_of, line_hash, ntriples_digest, ntriples_in_graph

if TYPE_CHECKING:
    from graph.rdf.store import KnowledgeGraph

SNAPSHOT = "aikg-snapshot.nq"  #: the file's name in the store's directory
PIECE = 128 << 20  #: bytes a push sends a request at most (cut at a line end)


@dataclass(frozen=True)
class SnapshotFile:
    """A store's snapshot that can be trusted: its ``path``, its ``size``, and where its ``tail`` begins
    (the graphs read from the store at the end of the build: only they can hold blank nodes)."""

    path: Path
    size: int
    tail: int

    def pieces(self, size: int = PIECE) -> Iterator[bytes]:
        """The records' part in pieces of about ``size`` bytes, each cut after a line end, then the tail as
        one piece: a server names the blank nodes of each request anew, so a blank node split over two
        requests would become two, and its copy in the default graph another.

        >>> import tempfile; f = Path(tempfile.mkdtemp()) / "x"; _ = f.write_bytes(b"a .\\nbb .\\nc .\\n_:x .\\n_:x .\\n")
        >>> list(SnapshotFile(f, 25, 13).pieces(5))
        [b'a .\\n', b'bb .\\n', b'c .\\n', b'_:x .\\n_:x .\\n']
        """
        rest, left = b"", self.tail
        with open(self.path, "rb") as f:
            while left and (block := f.read(min(size, left))):
                left -= len(block)
                data = rest + block
                cut = data.rfind(b"\n") + 1
                rest, data = data[cut:], data[:cut]
                if data:
                    yield data
            if rest:
                yield rest
            if tail := f.read():
                yield tail


class Snapshot:
    """The snapshot being written beside a store as it is built; ``digests`` sums each graph's lines."""

    def __init__(self, directory: str | Path):
        self.path = Path(directory) / SNAPSHOT
        self.file = open(self.path, "wb")
        self.digests: dict[str, int] = {}

    def tee(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """The chunks, each written to the file on its way to the loader."""
        for data in chunks:
            self.file.write(data)
            yield data

    def forget(self, graphs: Iterable[str]) -> None:
        """Graphs that something other than the records' lines added to: they are read from the store."""
        for g in graphs:
            self.digests.pop(g, None)

    def finish(self, kg: "KnowledgeGraph") -> tuple[dict, dict[str, str]]:
        """Add the named graphs the records' lines did not fill, read from the store (with their copies in the
        default graph), and close the file; returns the manifest's entry for it and every graph's digest."""
        done = {g: digest_of(total) for g, total in self.digests.items()}
        tail = self.file.tell()
        for g in kg.graph_names():
            if g not in done:
                body = kg.graph_ntriples(g)
                self.file.write(ntriples_in_graph(body, g))
                self.file.write(body)
                done[g] = ntriples_digest(body)
        self.file.close()
        return {"file": SNAPSHOT, "bytes": self.path.stat().st_size, "tail": tail}, done

    def close(self) -> None:
        """Close the file (a build that failed: its directory is removed)."""
        self.file.close()


def trusted(directory: str | Path, entry: object) -> SnapshotFile | None:
    """The snapshot of the store at ``directory`` if its manifest's ``entry`` names it and its size is the
    one recorded; else ``None``."""
    if not isinstance(entry, dict) or entry.get("file") != SNAPSHOT:
        return None
    size, tail = entry.get("bytes"), entry.get("tail")
    if not (isinstance(size, int) and isinstance(tail, int) and 0 <= tail <= size):
        return None
    path = Path(directory) / SNAPSHOT
    try:
        return SnapshotFile(path, size, tail) if path.stat().st_size == size else None
    except OSError:
        return None
