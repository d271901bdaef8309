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
from graph.store import KnowledgeGraph, quad_sort_key

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


def _digests(kg: KnowledgeGraph) -> dict[str, tuple[str, list[ox.Quad]]]:
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in kg.named_quads():
        by_graph.setdefault(q.graph_name.value, []).append(q)
    out = {}
    for g, quads in by_graph.items():
        quads.sort(key=quad_sort_key)
        h = hashlib.sha256()
        for q in quads:
            h.update(str(q).encode("utf-8"))
            h.update(b"\n")
        out[g] = (h.hexdigest(), quads)
    return out


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
    """Make the store at ``path`` hold the same named graphs as ``kg``, touching only what changed."""
    path = Path(path)
    disk = open_store(path)
    manifest_file = path / MANIFEST
    try:
        before = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    except (OSError, ValueError):
        before = {}
    now = _digests(kg)
    report = SyncReport()
    for g in sorted(set(before) - set(now)):
        disk.store.remove_graph(ox.NamedNode(g))
        report.removed.append(g)
    for g, (digest, quads) in sorted(now.items()):
        if before.get(g) == digest:
            report.kept.append(g)
            continue
        name = ox.NamedNode(g)
        if any(True for _ in disk.store.named_graphs() if _ == name):
            disk.store.clear_graph(name)
        disk.store.extend(quads)
        report.changed.append(g)
    if report.changed or report.removed or not before:
        disk.store.clear_graph(ox.DefaultGraph())
        disk.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    disk.store.flush()
    manifest_file.write_text(json.dumps({g: d for g, (d, _) in sorted(now.items())}, indent=1), encoding="utf-8")
    return report
