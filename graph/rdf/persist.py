"""A persistent, on-disk Oxigraph store that a build updates one source graph at a time.

``aikg build --store DIR`` writes the dataset into ``DIR`` (an Oxigraph
database) and remembers a digest of each named graph in
``DIR/aikg-manifest.json``; the next build replaces only the graphs whose
digest changed (and drops every graph on disk whose source is gone), then
refreshes the union in the default graph. ``aikg query/export/page --store
DIR`` read it without rebuilding.

A sync that is interrupted (Ctrl-C, a kill, a full disk) must not leave a
store that answers wrongly: the manifest says ``"state": "syncing"`` before the
store is touched and ``"clean"`` only when all is done. Reading a store that
is not clean is an error that says to build again, and the next sync of such a
store reloads every graph and removes whatever is on disk but not in the
dataset (what is removed is read from the store itself, never from a manifest).

>>> import tempfile, pyoxigraph as ox
>>> from graph.rdf.store import KnowledgeGraph
>>> kg = KnowledgeGraph(); kg.add_quads([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
...                                              ox.Literal("x"), ox.NamedNode("http://e/g"))])
>>> d = tempfile.mkdtemp()
>>> sync_store(kg, d).changed, sync_store(kg, d).changed
(['http://e/g'], [])
"""
from __future__ import annotations

import gc
import json
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from graph.errors import AikgError
from graph.atomic import write_atomic
from graph.rdf.snapshot import SNAPSHOT, Snapshot, trusted
from graph.rdf.store import KnowledgeGraph
from graph.rdf.write import ntriples_digest, ntriples_in_graph
from graph.wording import source_graphs

MANIFEST = "aikg-manifest.json"


@dataclass
class SyncReport:
    """Which named graphs a sync replaced, kept or removed."""

    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The graphs counted as every command counts them (:func:`graph.wording.source_graphs`).

        >>> from graph.namespaces import ONTOLOGY_IRI
        >>> SyncReport(["https://e/a"], ["https://e/b", ONTOLOGY_IRI]).text()
        'store: 1 source graph (re)loaded, 1 (+ the ontology) unchanged, 0 removed'
        """
        return (f"store: {source_graphs(self.changed)} (re)loaded, {source_graphs(self.kept, noun='')} unchanged, "
                f"{source_graphs(self.removed, noun='')} removed")


def _graph_texts(kg: KnowledgeGraph) -> dict[str, tuple[str, bytes]]:
    """Each named graph as (digest, N-Triples): Oxigraph writes the text, the digest is of its sorted lines."""
    out = {}
    for g in kg.graph_names():
        data = kg.graph_ntriples(g)
        out[g] = (ntriples_digest(data), data)
    return out


def read_manifest(path: str | Path) -> tuple[str, dict[str, str]]:
    """The store's state (``clean``, ``syncing``, or ``missing``) and the digest of each graph."""
    try:
        data = json.loads((Path(path) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "missing", {}
    except (OSError, ValueError):
        return "syncing", {}
    if isinstance(data, dict) and isinstance(data.get("graphs"), dict):
        return str(data.get("state", "syncing")), data["graphs"]
    if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):  # the first format: digests only
        return ("clean" if data else "syncing"), data
    return "syncing", {}


def _write_manifest(path: Path, state: str, graphs: dict[str, str], stamp: dict | None = None,
                    snapshot: dict | None = None) -> None:
    data = {"state": state, "graphs": dict(sorted(graphs.items()))}
    if stamp:
        data["stamp"] = stamp
    if snapshot:
        data["snapshot"] = snapshot
    write_atomic(path / MANIFEST, json.dumps(data, indent=1).encode("utf-8"))


def read_stamp(path: str | Path) -> dict:
    """What the last build recorded of its inputs and outputs (``{}`` when it recorded nothing, or the store
    is not clean): a build whose inputs have the same stamp has nothing to do."""
    try:
        data = json.loads((Path(path) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(data, dict) and data.get("state") == "clean" and isinstance(data.get("stamp"), dict)
    return data["stamp"] if ok else {}


def write_stamp(path: str | Path, stamp: dict) -> None:
    """Record the build's stamp in the (clean) store's manifest."""
    state, graphs = read_manifest(path)
    if state == "clean":
        _write_manifest(Path(path), state, graphs, stamp, _raw_manifest(path).get("snapshot"))


def _raw_manifest(path: str | Path) -> dict:
    try:
        data = json.loads((Path(path) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def snapshot_size(path: str | Path) -> int | None:
    """Bytes of the snapshot the store at ``path`` keeps and trusts (``None``: it keeps none)."""
    kept = trusted(path, _raw_manifest(path).get("snapshot"))
    return kept.size if kept else None


def replace_store(path: str | Path, fill: Callable[[KnowledgeGraph], None], stamp: dict | None = None,
                  snapshot: bool = True) -> None:
    """Build a new store in a directory beside ``path`` with ``fill`` (given an empty on-disk graph), then
    put it in place of the old one, which is left as it was if ``fill`` raises or is interrupted. With
    ``snapshot``, the store keeps what was loaded into it (:mod:`graph.rdf.snapshot`) for ``aikg push``.

    Far faster than replacing graph by graph when the whole dataset was read again anyway, and memory holds
    no copy of the dataset: the store is written as it is loaded.
    """
    path = Path(path)
    if path.exists() and (not path.is_dir() or (any(path.iterdir()) and not (path / MANIFEST).exists())):
        raise AikgError(f"not an aikg store (no {MANIFEST}), so it is not replaced: give a new or empty directory",
                        path)
    if path.exists():
        open_store(path).store.flush()  # another process holding the store is an error now, not after the build
    path.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{path.name}-new-", dir=path.parent))
    held: list[KnowledgeGraph] = []
    try:
        kg = KnowledgeGraph(ox.Store(str(new)), on_disk=True)
        held.append(kg)
        kg.snapshot = Snapshot(new) if snapshot else None
        fill(kg)
        kg.refresh_union()
        entry, digests = kg.snapshot.finish(kg) if snapshot else (None, {})
        kg.store.flush()
        _write_manifest(new, "clean", digests, stamp, entry)
        del kg
        held.clear()
        old = path.with_name(f".{path.name}-old-{new.name.rsplit('-', 1)[-1]}")
        if path.exists():
            path.rename(old)
        new.rename(path)
        _remove(old)
    except BaseException as exc:
        # the half-built store is closed before it is removed: the traceback's frames hold it open, and its
        # background threads would write files into the directory being removed
        traceback.clear_frames(exc.__traceback__)
        for kg in held:
            if kg.snapshot is not None:
                kg.snapshot.close()
        held.clear()
        gc.collect()
        _remove(new)
        if isinstance(exc, OSError):
            raise AikgError(f"cannot write the store: {exc}", path) from None
        raise


def _remove(directory: Path) -> None:
    """Remove a directory of ours, trying again while something still writes into it."""
    for _ in range(20):
        shutil.rmtree(directory, ignore_errors=True)
        if not directory.exists():
            return
        time.sleep(0.05)


def open_store(path: str | Path, read_only: bool = False) -> KnowledgeGraph:
    """The persistent dataset at ``path`` (created if missing, unless read-only).

    Read-only opening refuses a store whose last sync did not finish.
    """
    path = Path(path)
    try:
        if read_only:
            state, _ = read_manifest(path)
            if state == "missing":
                raise AikgError("no aikg store here (build one with: aikg build --store DIR)", path)
            if state != "clean":
                raise AikgError("the store was not completely written (a build with --store was interrupted); "
                                f"build it again: aikg build --store {path}", path)
            kg = KnowledgeGraph(ox.Store.read_only(str(path)), on_disk=True, read_only=True)
            _, digests = read_manifest(path)
            kg.digests = dict(digests) or None
            kg.snapshot_file = trusted(path, _raw_manifest(path).get("snapshot"))
            return kg
        path.mkdir(parents=True, exist_ok=True)
        return KnowledgeGraph(ox.Store(str(path)), on_disk=True)
    except OSError as exc:
        raise AikgError(f"cannot open the store: {exc}", path) from None


def sync_store(kg: KnowledgeGraph, path: str | Path) -> SyncReport:
    """Make the store at ``path`` hold the same named graphs as ``kg``, touching only what changed.

    The manifest says ``syncing`` while the store is being changed, so an
    interrupted sync is never read as a finished one, and the next sync
    reloads everything.
    """
    path = Path(path)
    disk = open_store(path)
    state, before = read_manifest(path)
    clean = state == "clean"
    kg.refresh_union()
    now = _graph_texts(kg)
    on_disk = set(disk.graph_names())
    report = SyncReport()
    report.removed = sorted(on_disk - set(now))
    report.changed = sorted(g for g, (digest, _) in now.items()
                            if not clean or g not in on_disk or before.get(g) != digest)
    report.kept = sorted(g for g in now if g not in report.changed)
    kept = _raw_manifest(path).get("snapshot")  # still what the store holds if nothing changes
    try:
        if report.changed or report.removed or not clean:
            _write_manifest(path, "syncing", {})
            (path / SNAPSHOT).unlink(missing_ok=True)  # no longer what the store holds
            kept = None
            _apply(disk, kg, now, report, on_disk)
        _write_manifest(path, "clean", {g: d for g, (d, _) in now.items()}, snapshot=kept)
    except OSError as exc:  # a full disk, a store locked by another process
        raise AikgError(f"cannot write the store: {exc}", path) from None
    return report


def _apply(disk: KnowledgeGraph, kg: KnowledgeGraph, now: dict[str, tuple[str, bytes]], report: SyncReport,
           on_disk: set[str]) -> None:
    """Replace the changed graphs and the union on disk (the manifest already says ``syncing``)."""
    parts = [ntriples_in_graph(now[g][1], g) for g in report.changed]
    parts.append(kg.graph_ntriples(None))  # the union
    disk.replace_graphs(report.removed, [g for g in report.changed if g in on_disk], b"".join(parts))
