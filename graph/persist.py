"""A persistent, on-disk Oxigraph store that a build updates one source graph at a time.

``aikg build --store DIR`` writes the dataset into ``DIR`` (an Oxigraph
database) and remembers a digest of each named graph in
``DIR/aikg-manifest.json``; the next build replaces only the graphs whose
digest changed (and drops graphs whose source is gone), then refreshes the
union in the default graph. ``aikg query/export/page --store DIR`` read it
without rebuilding.

>>> import tempfile, pyoxigraph as ox
>>> from graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(); kg.add_quads([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
...                                              ox.Literal("x"), ox.NamedNode("http://e/g"))])
>>> d = tempfile.mkdtemp()
>>> sync_store(kg, d).changed, sync_store(kg, d).changed
(['http://e/g'], [])
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.errors import AikgError
from graph.atomic import write_atomic
from graph.store import KnowledgeGraph

MANIFEST = "aikg-manifest.json"


@dataclass
class SyncReport:
    """Which named graphs a sync replaced, kept or removed."""

    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def text(self) -> str:
        return (f"store: {len(self.changed)} source graphs (re)loaded, {len(self.kept)} unchanged, "
                f"{len(self.removed)} removed")


def _graph_texts(kg: KnowledgeGraph) -> dict[str, tuple[str, bytes]]:
    """Each named graph as (digest, N-Triples): Oxigraph writes the text, the digest is of its sorted lines."""
    out = {}
    for g in kg.store.named_graphs():
        if not isinstance(g, ox.NamedNode):
            continue
        data = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
        lines = data.split(b"\n")
        lines.sort()
        out[g.value] = (hashlib.sha256(b"\n".join(lines)).hexdigest(), data)
    return out


def _in_graph(ntriples: bytes, graph: str) -> bytes:
    """N-Triples lines (``... .``) as N-Quads lines of ``graph``."""
    end = f" <{graph}> .".encode("utf-8")
    return b"".join(line[:-2] + end + b"\n" for line in ntriples.split(b"\n") if line)


def open_store(path: str | Path, read_only: bool = False) -> KnowledgeGraph:
    """The persistent dataset at ``path`` (created if missing, unless read-only)."""
    path = Path(path)
    try:
        if read_only:
            if not (path / MANIFEST).is_file():
                raise AikgError("no aikg store here (build one with: aikg build --store DIR)", path)
            return KnowledgeGraph(ox.Store.read_only(str(path)))
        path.mkdir(parents=True, exist_ok=True)
        return KnowledgeGraph(ox.Store(str(path)))
    except OSError as exc:
        raise AikgError(f"cannot open the store: {exc}", path) from None


def sync_store(kg: KnowledgeGraph, path: str | Path) -> SyncReport:
    """Make the store at ``path`` hold the same named graphs as ``kg``, touching only what changed.

    The manifest is emptied before the store is touched and written again when
    all is done, so an interrupted sync makes the next one reload everything.
    """
    path = Path(path)
    disk = open_store(path)
    manifest_file = path / MANIFEST
    try:
        before = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    except (OSError, ValueError):
        before = {}
    kg.refresh_union()
    now = _graph_texts(kg)
    report = SyncReport()
    report.removed = sorted(set(before) - set(now))
    report.changed = sorted(g for g, (digest, _) in now.items() if before.get(g) != digest)
    report.kept = sorted(g for g in now if g not in report.changed)
    try:
        if report.changed or report.removed or not before:
            _apply(disk, kg, now, report, manifest_file)
        write_atomic(manifest_file, json.dumps({g: d for g, (d, _) in sorted(now.items())}, indent=1).encode("utf-8"))
    except OSError as exc:  # a full disk, a store locked by another process
        raise AikgError(f"cannot write the store: {exc}", path) from None
    return report


def _apply(disk: KnowledgeGraph, kg: KnowledgeGraph, now: dict[str, tuple[str, bytes]], report: SyncReport,
           manifest_file: Path) -> None:
    """Replace the changed graphs and the union on disk (the manifest emptied first)."""
    write_atomic(manifest_file, b"{}")
    on_disk = {g.value for g in disk.store.named_graphs() if isinstance(g, ox.NamedNode)}
    for g in report.removed:
        if g in on_disk:
            disk.store.remove_graph(ox.NamedNode(g))
    for g in report.changed:
        if g in on_disk:
            disk.store.clear_graph(ox.NamedNode(g))
    disk.store.clear_graph(ox.DefaultGraph())
    parts = [_in_graph(now[g][1], g) for g in report.changed]
    parts.append(kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))  # the union
    disk.store.bulk_load(b"".join(parts), format=ox.RdfFormat.N_QUADS)  # one load: far faster than one per graph
    disk.store.flush()
