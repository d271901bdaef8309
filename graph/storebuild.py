"""Build into the on-disk store: ``aikg build --store DIR``, with ``--store-only`` for graphs too big to hold
in memory, and nothing done at all when the inputs are as they were at the last build.

A build's *stamp* is a digest of what its result depends on: the content of
every input file, the ontology's files, aikg's own code and the build's
options. The store's manifest keeps the stamp of the build that wrote it (and
the size and time of the out/ files that build wrote), so an unchanged rebuild
only reads the inputs to hash them.

``--store-only`` streams the records into a new on-disk store beside the old
one (memory holds each record's id, type and place for the checks, never the
dataset; notes among the inputs keep the records whole, since they are fitted
to the records' facts) and puts it in place when it is complete and its checks
passed; the old store answers until then and stays as it was if the build fails.

>>> import tempfile
>>> d = tempfile.mkdtemp()
>>> build_store(["data"], d).unchanged, build_store(["data"], d).unchanged
(False, True)
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from graph.build import BuildResult, build_dataset
from graph.errors import AikgError
from graph.namespaces import ONTOLOGY_DIR
from graph.progress import Progress, Steps
from graph.rdf.persist import read_stamp, replace_store, snapshot_size, write_stamp
from graph.rdf.store import KnowledgeGraph
from graph.records.discovery import Inputs, require_inputs
from graph.sparql.query import named_queries, run_checks
from graph.wording import count, source_graphs

_CODE = Path(__file__).resolve().parent
_READ = 1 << 20


def _file_digest(path: Path, h) -> None:
    with open(path, "rb") as f:
        while block := f.read(_READ):
            h.update(block)


def stamp_of(inputs: Inputs, **options) -> str:
    """The digest of everything a build's result depends on: the inputs' names and bytes, the ontology's
    files, aikg's code and the ``options``.

    >>> from graph.records.discovery import find_inputs
    >>> stamp_of(find_inputs(["data"]), checks=True) == stamp_of(find_inputs(["data"]), checks=True)
    True
    """
    h = hashlib.sha256(repr(sorted(options.items())).encode("utf-8"))
    groups = (("records", inputs.records), ("rdf", inputs.rdf), ("notes", inputs.notes),
              ("ontology", sorted(p for p in ONTOLOGY_DIR.rglob("*") if p.is_file())),
              ("code", sorted(p for p in _CODE.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".js", ".css"))))
    for kind, files in groups:
        for path in files:
            h.update(f"\0{kind}\0{Path(path).resolve()}\0".encode("utf-8"))
            _file_digest(Path(path), h)
    return h.hexdigest()


def outputs_stamp(paths: Iterable[Path]) -> dict[str, list[int]]:
    """Size and modification time of each file a build wrote (to tell that nobody changed them since)."""
    out = {}
    for p in paths:
        st = Path(p).stat()
        out[str(Path(p).absolute())] = [st.st_size, st.st_mtime_ns]
    return out


def unchanged(store: str | Path, stamp: str, outputs: bool) -> bool:
    """Whether the store's last build had this stamp (and, with ``outputs``, wrote files still as it left them)."""
    last = read_stamp(store)
    if last.get("inputs") != stamp:
        return False
    if not outputs:
        return True
    written = last.get("outputs") or {}
    try:
        return bool(written) and outputs_stamp(Path(p) for p in written) == written
    except OSError:
        return False


def record_build(store: str | Path, stamp: str, written: Iterable[Path]) -> None:
    """Keep the stamp of a build that synced the store and wrote ``written`` (see :func:`unchanged`)."""
    write_stamp(store, {"inputs": stamp, "outputs": outputs_stamp(written)})


@dataclass
class StoreBuild:
    """What ``build_store`` did: nothing (``unchanged``), or a new store with these figures."""

    path: Path
    unchanged: bool
    records: int = 0
    quads: int = 0
    graphs: tuple[str, ...] = ()
    checked: int = 0
    seconds: float = 0.0
    snapshot: int | None = None  # bytes of N-Quads kept beside the store for aikg push (None: none kept)

    def text(self) -> str:
        """One line or two for the terminal.

        >>> StoreBuild(Path("st"), True, seconds=0.5).text()
        'store: the inputs are as they were at the last build; nothing to do (0.50 s) in st'
        """
        if self.unchanged:
            return f"store: the inputs are as they were at the last build; nothing to do ({self.seconds:.2f} s) in {self.path}"
        checks = f"; {count(self.checked, 'check')} passed" if self.checked else ""
        kept = f"; kept what was loaded for aikg push ({self.snapshot / 1e6:,.1f} MB)" if self.snapshot else ""
        return (f"store: built {count(self.quads, 'quad')} ({source_graphs(self.graphs)} and their union) from "
                f"{count(self.records, 'record')} in {self.seconds:.1f} s "
                f"({self.quads / max(self.seconds, 1e-9):,.0f} quads/s){checks}, in {self.path}{kept}")


def build_store(paths: Iterable[str | Path], store: str | Path, progress: Progress = None,
                checks: bool = True, snapshot: bool = True) -> StoreBuild:
    """Build the dataset of ``paths`` straight into a new on-disk store at ``store`` (``--store-only``), unless
    the inputs are as they were at the store's last build; with ``snapshot``, the N-Quads loaded are kept
    beside it for ``aikg push`` (:mod:`graph.rdf.snapshot`).

    With ``checks``, the ``*-violation`` queries run on the new store before it replaces the old one; what
    they find is an error and the old store stays. SHACL is not run (it needs the graph in memory).
    """
    start = time.perf_counter()
    paths, store = list(paths), Path(store)
    stamp = stamp_of(require_inputs(paths), checks=checks, mode="store-only", snapshot=snapshot)
    if unchanged(store, stamp, outputs=False):
        return StoreBuild(store, True, seconds=time.perf_counter() - start)
    steps = Steps(progress, 1 + checks)
    report = StoreBuild(store, False)

    def fill(kg: KnowledgeGraph) -> None:
        kg, records, rdf = build_dataset(paths, steps, into=kg, slim=True)
        report.records = len(records)
        if checks:
            steps.next("running checks")
            report.checked = sum(1 for q in named_queries() if q.is_check)
            found = run_checks(kg)
            if found:
                result = BuildResult(kg, None, records, rdf, violations=found)
                raise AikgError("checks found problems; the store was left as it was (--no-checks writes anyway):\n"
                                + result.violation_report())
        report.graphs = tuple(kg.graph_names())
        report.quads = kg.quad_count()

    replace_store(store, fill, {"inputs": stamp}, snapshot=snapshot)
    report.seconds = time.perf_counter() - start
    if snapshot:
        report.snapshot = snapshot_size(store)
    return report


def build_and_sync(paths: Iterable[str | Path], out_dir: str | Path, store: str | Path, progress: Progress = None,
                   checks: bool = True, shacl: bool = True) -> str:
    """``aikg build --store``: the outputs in ``out_dir`` and the store, updated graph by graph; nothing done
    when the inputs, and the files the last such build wrote, are as they were. Returns the summary.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> build_and_sync(["data"], d + "/out", d + "/store").splitlines()[-1].startswith("store: 28 source graphs")
    True
    >>> build_and_sync(["data"], d + "/out", d + "/store").startswith("the inputs are as they were")
    True
    """
    from graph.build import build_outputs
    from graph.rdf.persist import sync_store

    start = time.perf_counter()
    paths = list(paths)
    stamp = stamp_of(require_inputs(paths), checks=checks, shacl=shacl, out=str(Path(out_dir).resolve()))
    if unchanged(store, stamp, outputs=True):
        return (f"the inputs are as they were at the last build, and so are the files it wrote in {out_dir} and "
                f"the store {store}: nothing to do ({time.perf_counter() - start:.2f} s)")
    result = build_outputs(paths, out_dir, progress=progress, checks=checks, shacl=shacl)
    synced = sync_store(result.kg, store)
    record_build(store, stamp, result.written)
    return result.summary() + "\n" + synced.text() + f" in {store}"
