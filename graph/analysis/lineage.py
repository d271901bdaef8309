"""Lineage: what a model derives from and what derives from it, step by step with the kind of each step.

The steps are the projection's ``based_on`` (with its kind: fine-tuning, adapter, merge, quantization,
distillation), ``successor_of`` and ``version_of`` edges; ``up`` follows them from the model, ``down``
against them. Depths are shortest distances (breadth first), so Codex → GPT-3 → GPT-2 → GPT puts GPT at 3.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> _ = g.add_edge("codex", "gpt-3", key="based_on", kind="FineTune"), g.add_edge("gpt-3", "gpt-2", key="successor_of")
>>> _ = g.add_edge("gpt-2", "gpt", key="successor_of")
>>> [(s.id, s.depth, s.kind) for s in lineage(g, "codex")]
[('codex', 0, ''), ('gpt-3', 1, 'finetune'), ('gpt-2', 2, 'successor'), ('gpt', 3, 'successor')]
"""
from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass

import networkx as nx

from graph.analysis.entities import name
from graph.namespaces import VOCAB
from graph.vocabulary import load_vocabulary

#: The lineage edges of the projection and the kind of step each is (``based_on`` takes its edge's kind).
STEPS = {"based_on": "derived", "successor_of": "successor", "version_of": "version"}

def _kinds() -> dict[str, str]:
    """A ``based_on`` edge's kind (the concept's local name, FineTune) → its record name (finetune), from the ontology.

    >>> _kinds()["FineTune"], _kinds()["Quantized"]
    ('finetune', 'quantized')
    """
    concepts = load_vocabulary().concepts.get(VOCAB + "DerivationKind", {})
    return {iri.rsplit("#", 1)[-1]: name for name, iri in concepts.items()}


#: A ``based_on`` edge's kind as the step is called.
KINDS = _kinds()


@dataclass(frozen=True)
class Step:
    """One entity of a lineage tree: how far from the root, through which parent, by which kind of step."""

    id: str
    label: str
    depth: int
    parent: str | None
    kind: str
    sources: tuple[str, ...] = ()


def lineage(g: nx.MultiDiGraph, root: str, up: bool = True, depth: int | None = None, lang: str = "en") -> list[Step]:
    """The lineage tree of ``root`` in breadth-first order (each entity once, at its shortest depth)."""
    out = [Step(root, name(g, root, lang), 0, None, "")]
    seen = {root}
    todo = deque([root])
    while todo:
        node = todo.popleft()
        d = next(s.depth for s in out if s.id == node)
        if depth is not None and d >= depth:
            continue
        edges = g.out_edges(node, keys=True, data=True) if up else g.in_edges(node, keys=True, data=True)
        found = []
        for u, v, k, a in edges:
            if k not in STEPS:
                continue
            other = v if up else u
            if other in seen:
                continue
            kind = KINDS.get(str(a.get("kind")), STEPS[k]) if k == "based_on" else STEPS[k]
            found.append(Step(other, name(g, other, lang), d + 1, node, kind, tuple(a.get("sources", []))))
        for s in sorted(found, key=lambda s: (s.kind, s.label)):
            if s.id not in seen:
                seen.add(s.id)
                out.append(s)
                todo.append(s.id)
    return out


def as_text(steps: list[Step]) -> str:
    """An indented tree: ``  gpt-3 (GPT-3) [finetune]``."""
    children: dict[str | None, list[Step]] = {}
    for s in steps:
        children.setdefault(s.parent, []).append(s)
    lines: list[str] = []

    def walk(s: Step) -> None:
        lines.append("  " * s.depth + f"{s.label} ({s.id})" + (f"  [{s.kind}, step {s.depth}]" if s.depth else ""))
        for c in children.get(s.id, []):
            walk(c)

    walk(steps[0])
    return "\n".join(lines)


def as_mermaid(steps: list[Step], up: bool = True) -> str:
    """A Mermaid flowchart (``graph BT`` for ancestors, ``graph TD`` for descendants), labels quoted.

    >>> print(as_mermaid([Step("a", "A", 0, None, ""), Step("b", 'B "x"', 1, "a", "merge")]))
    graph BT
      n0["A"]
      n1["B #quot;x#quot;"]
      n0 -->|merge| n1
    """
    ids = {s.id: f"n{i}" for i, s in enumerate(steps)}
    lines = ["graph BT" if up else "graph TD"]
    lines += [f'  {ids[s.id]}["{s.label.replace(chr(34), "#quot;")}"]' for s in steps]
    lines += [f"  {ids[s.parent]} -->|{s.kind}| {ids[s.id]}" for s in steps if s.parent is not None]
    return "\n".join(lines)


def as_dot(steps: list[Step]) -> str:
    """Graphviz DOT, labels escaped."""
    def q(text: str) -> str:
        return '"' + text.replace("\\\\", "\\\\\\\\").replace('"', '\\\\"') + '"'
    lines = ["digraph lineage {", "  rankdir=BT;"]
    lines += [f"  {q(s.id)} [label={q(s.label)}];" for s in steps]
    lines += [f"  {q(s.parent)} -> {q(s.id)} [label={q(s.kind)}];" for s in steps if s.parent is not None]
    return "\n".join(lines + ["}"])


def as_json(steps: list[Step]) -> list[dict]:
    return [asdict(s) for s in steps]
