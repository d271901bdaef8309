"""What was pushed to each endpoint: a manifest per endpoint of the digest of every graph it holds from us.

``aikg push`` sends only the graphs whose digest changed since the last push to that endpoint, deletes the
graphs no longer in the dataset, and records each graph as soon as the store has taken it, so an interrupted
push resumes where it stopped. The manifests live in ``out/.aikg/push/`` (one JSON file an endpoint, named
by a digest of its URL), written atomically.

>>> import tempfile
>>> m = Manifest.load(tempfile.mkdtemp(), "http://127.0.0.1:7878/store")
>>> m.changed({"g": "1"})
['g']
>>> m.mark("g", "1"); m.changed({"g": "1"}), Manifest.load(m.path.parent, m.endpoint).graphs
([], {'g': '1'})
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from graph.atomic import write_atomic
from graph.defaults import OUT_DIR
from graph.rdf.write import ntriples_digest

STATE_DIR = OUT_DIR / ".aikg" / "push"
UNION = ""  #: the key of the default graph (the union) in a manifest


def digest(body: bytes) -> str:
    """The digest a manifest keeps of a graph's N-Triples (whatever the order of its lines)."""
    return ntriples_digest(body)


def union_digest(graphs: dict[str, str]) -> str:
    """The digest a manifest keeps of the union: of the named graphs' digests, since the union is made of
    those graphs (so an unchanged dataset is told without reading the union).

    >>> union_digest({"a": "1", "b": "2"}) == union_digest({"b": "2", "a": "1"}) != union_digest({"a": "1"})
    True
    """
    return "union:" + hashlib.sha256(json.dumps(sorted(graphs.items())).encode("utf-8")).hexdigest()


@dataclass
class Manifest:
    """The digests of the graphs an endpoint holds from us (``UNION`` for its default graph)."""

    path: Path
    endpoint: str
    graphs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: str | Path, endpoint: str) -> "Manifest":
        """The manifest of ``endpoint`` in ``directory`` (empty when there is none, or it cannot be read)."""
        path = Path(directory) / (hashlib.sha256(endpoint.encode("utf-8")).hexdigest()[:24] + ".json")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("endpoint") == endpoint and isinstance(data.get("graphs"), dict):
                return cls(path, endpoint, {str(k): str(v) for k, v in data["graphs"].items()})
        except (OSError, ValueError):
            pass
        return cls(path, endpoint)

    def changed(self, digests: dict[str, str]) -> list[str]:
        """The graphs whose digest differs from the one pushed last (all, for a new endpoint)."""
        return [g for g, d in digests.items() if self.graphs.get(g) != d]

    def gone(self, digests: dict[str, str]) -> list[str]:
        """The graphs pushed before that the dataset no longer has."""
        return [g for g in self.graphs if g not in digests and g != UNION]

    def mark(self, graph: str, value: str | None) -> None:
        """Record that the store now holds ``graph`` with this digest (``None``: it was deleted); saved at once."""
        if value is None:
            self.graphs.pop(graph, None)
        else:
            self.graphs[graph] = value
        self._save()

    def mark_all(self, graphs: dict[str, str]) -> None:
        """Record that the store now holds each of ``graphs`` with its digest; saved once."""
        self.graphs.update(graphs)
        self._save()

    def unmark(self, graphs: list[str]) -> None:
        """Forget ``graphs`` before a request changes them (saved at once), so that a push interrupted between
        emptying a graph and filling it sends that graph again.

        >>> import tempfile
        >>> m = Manifest.load(tempfile.mkdtemp(), "http://h/store"); m.mark("g", "1"); m.unmark(["g"])
        >>> Manifest.load(m.path.parent, m.endpoint).changed({"g": "1"})
        ['g']
        """
        if any(g in self.graphs for g in graphs):
            for g in graphs:
                self.graphs.pop(g, None)
            self._save()

    def _save(self) -> None:
        write_atomic(self.path, json.dumps({"endpoint": self.endpoint, "graphs": self.graphs}, indent=1,
                                           sort_keys=True).encode("utf-8"))

    def forget(self) -> None:
        """Push everything (``--full``): the manifest is emptied, on disk too, since the push may stop midway."""
        self.graphs = {}
        self._save()
