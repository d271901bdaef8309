"""What the reading commands open and write: one policy, used by query, export, page, push and serve.

- ``store`` given: the on-disk store made by ``aikg build --store``, read-only.
- ``data`` given: the graph built from those inputs, in memory.
- otherwise the built dataset (``out/graph.trig``); when it is missing, the
  graph is built from ``data/`` in memory (and ``say`` tells the user so).

>>> from graph.defaults import DATA_DIR
>>> kg = open_graph(data=[DATA_DIR], say=lambda text: None)
>>> kg.quad_count() > 1000
True
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from graph.atomic import write_atomic
from graph.build import build_graph
from graph.defaults import DATA_DIR, GRAPH_FILE, PAGE_FILE, TITLE
from graph.rdf.store import KnowledgeGraph
from graph.sparql.query import QueryLimits, UserQuery, run_query
from graph.sparql.results import default_format, format_result
from graph.wording import count

Say = Callable[[str], None]


def _quiet(text: str) -> None:
    """Say nothing."""


def open_graph(graph_file: str | Path = GRAPH_FILE, data: Iterable[str | Path] = (), store: str | Path | None = None,
               say: Say = _quiet) -> KnowledgeGraph:
    """The dataset a reading command works on (see the module's rule)."""
    data = list(data)
    if store is not None:
        from graph.rdf.persist import open_store

        return open_store(store, read_only=True)
    if data:
        say(f"building from {', '.join(map(str, data))} in memory")
        return build_graph(data)
    if Path(graph_file).is_file():
        return KnowledgeGraph.from_trig(graph_file)
    say(f"{graph_file} not found: building from {DATA_DIR} in memory")
    return build_graph([DATA_DIR])


def page_bytes(kg: KnowledgeGraph, focus: str | None = None, depth: int = 1, types: Iterable[str] = (),
               lang: str = "en", title: str = TITLE, theme: str = "light",
               renderer: str = "auto") -> tuple[bytes, int, int]:
    """The page of the graph (or of the subgraph around ``focus`` / of ``types``), with its entity and relation counts."""
    from graph.views.network import to_networkx
    from graph.views.renderer import graph_page
    from graph.views.select import select_nodes, subgraph
    from graph.vocabulary import load_vocabulary

    network = to_networkx(kg)
    keep = select_nodes(network, load_vocabulary(), focus, depth, types)
    shown = subgraph(network, keep)
    html = graph_page(shown, kg, title, lang, theme, renderer)
    return html.encode("utf-8"), shown.number_of_nodes(), shown.number_of_edges()


def write_page(kg: KnowledgeGraph, output: str | Path = PAGE_FILE, focus: str | None = None, depth: int = 1,
               types: Iterable[str] = (), lang: str = "en", title: str = TITLE, theme: str = "light",
               renderer: str = "auto") -> str:
    """Write the page (atomically); a one-line summary."""
    start = time.perf_counter()
    html, nodes, edges = page_bytes(kg, focus, depth, types, lang, title, theme, renderer)
    write_atomic(output, html)
    return (f"wrote {output}: {count(nodes, 'entity')}, {count(edges, 'relation')} "
            f"in {time.perf_counter() - start:.2f} s")


def export_graph(kg: KnowledgeGraph, output: str | Path, fmt: str | None = None, focus: str | None = None,
                 depth: int = 1, types: Iterable[str] = ()) -> str:
    """Export the graph (or a subgraph) in ``fmt`` (default: from the file's suffix); a one-line summary."""
    from graph.exports.write import export, guess_format

    start = time.perf_counter()
    fmt = fmt or guess_format(output)
    written = export(kg, None, fmt, output, focus, depth, types)
    sizes = ", ".join(f"{p} ({p.stat().st_size:,} bytes)" for p in written)
    return f"wrote {fmt}: {sizes} in {time.perf_counter() - start:.2f} s"


def endpoint_files(graph_file: str | Path = GRAPH_FILE, data: Iterable[str | Path] = (),
                   scratch: str | Path | None = None, say: Say = _quiet) -> tuple[Path, bytes]:
    """The dataset file and page that ``aikg serve`` serves.

    The built dataset and the page beside it when they exist; otherwise the
    graph is opened by :func:`open_graph`'s rule and written to ``scratch``
    (a directory the caller removes), and the page is drawn from it.
    """
    graph_file = Path(graph_file)
    data = list(data)
    if not data and graph_file.is_file():
        page = graph_file.parent / PAGE_FILE.name
        if page.is_file():
            return graph_file, page.read_bytes()
        return graph_file, page_bytes(KnowledgeGraph.from_trig(graph_file))[0]
    if scratch is None:
        raise ValueError("endpoint_files needs a scratch directory to build into")
    kg = open_graph(graph_file, data, say=say)
    trig = Path(scratch) / GRAPH_FILE.name
    trig.write_bytes(kg.serialize("trig"))
    return trig, page_bytes(kg)[0]


@dataclass
class Answer:
    """A query's answer as text in the chosen format, and how many rows or triples it has."""

    text: str
    count: int
    unit: str  # "rows" or "triples"

    def write(self, output: str | Path) -> str:
        """Write the answer (atomically); a one-line summary."""
        write_atomic(output, self.text.encode("utf-8"))
        return f"wrote {output} ({count(self.count, self.unit.rstrip('s'))})"


def answer(query: UserQuery, limits: QueryLimits, fmt: str | None = None, endpoint: str | None = None,
           graph: Callable[[], KnowledgeGraph] = open_graph, credentials=None, kind: str = "auto") -> Answer:
    """Run a user's query on the graph (opened by ``graph``) or on a remote ``endpoint``, and format the result.

    >>> from graph.sparql.query import user_query
    >>> a = answer(user_query("ASK { ?s ?p ?o }"), QueryLimits(), "json", graph=lambda: open_graph(data=["data"]))
    >>> a.text, a.count, a.unit
    ('{"head": {}, "boolean": true}', 0, 'rows')
    """
    if endpoint:
        from graph.sparql.remote import remote_query

        result = remote_query(endpoint, query.query.text, query.bindings, limits, credentials, kind)
    else:
        result = run_query(graph(), query.query.text, query.bindings, limits)
    text = format_result(result, fmt or default_format(result))
    if result.kind == "graph":
        return Answer(text, len(result.triples), "triples")
    return Answer(text, len(result.terms), "rows")


def _projection(kg: KnowledgeGraph):
    from graph.views.network import to_networkx

    return to_networkx(kg)


def show_text(kg: KnowledgeGraph, who: str, fmt: str = "text") -> str:
    """``aikg show``: an entity's profile as text, Markdown or JSON."""
    import json

    from graph.analysis.entities import entity
    from graph.analysis.profile import as_text, profile

    g = _projection(kg)
    p = profile(kg, g, entity(g, who))
    return json.dumps(p, ensure_ascii=False, indent=1) if fmt == "json" else as_text(p, markdown=fmt == "md")


def lineage_text(kg: KnowledgeGraph, who: str, up: bool = True, depth: int | None = None, fmt: str = "text",
                 lang: str = "en") -> str:
    """``aikg lineage``: the derivation tree, as an indented tree, JSON, Mermaid or DOT."""
    import json

    from graph.analysis import lineage as lin
    from graph.analysis.entities import entity

    g = _projection(kg)
    steps = lin.lineage(g, entity(g, who), up, depth, lang)
    if fmt == "json":
        return json.dumps(lin.as_json(steps), ensure_ascii=False, indent=1)
    if fmt == "mermaid":
        return lin.as_mermaid(steps, up)
    if fmt == "dot":
        return lin.as_dot(steps)
    tree = lin.as_text(steps)
    return tree + f"\n{count(len(steps) - 1, 'ancestor' if up else 'descendant')}"


def path_text(kg: KnowledgeGraph, a: str, b: str, longest: int = 6, via: Iterable[str] = (), fmt: str = "text",
              directed: bool = False) -> str:
    """``aikg path``: the shortest connections between two entities, each step with its relation and sources."""
    import json

    from graph.analysis.entities import entity, name
    from graph.analysis.paths import as_json, paths

    g = _projection(kg)
    x, y = entity(g, a), entity(g, b)
    found = paths(g, x, y, longest=longest, via=set(via) or None, directed=directed)
    if fmt == "json":
        return json.dumps(as_json(found), ensure_ascii=False, indent=1)
    if not found:
        return f"no path from {x} to {y} within {longest} steps"
    lines = []
    for i, p in enumerate(found, 1):
        lines.append(f"{i}. {name(g, x)}")
        for h in p:
            arrow = f"--{h.relation}-->" if h.forward else f"<--{h.relation}--"
            src = f"  [{', '.join(h.sources)}]" if h.sources else ""
            lines.append(f"   {arrow} {name(g, h.target)} ({h.target}){src}")
    steps = len(found[0])
    lines.append(f"{count(len(found), 'shortest path')} of {count(steps, 'step')}")
    return "\n".join(lines)


def stats_text(kg: KnowledgeGraph, fmt: str = "table") -> str:
    """``aikg stats``: the graph's statistics as aligned text, JSON or Markdown."""
    import json

    from graph.analysis.stats import as_markdown, as_text, stats
    from graph.vocabulary import load_vocabulary

    s = stats(kg, _projection(kg), load_vocabulary())
    if fmt == "json":
        return json.dumps(s, ensure_ascii=False, indent=1)
    return as_markdown(s) if fmt == "md" else as_text(s)


def write_timeline(kg: KnowledgeGraph, output: str | Path, types: Iterable[str] = (), orgs: Iterable[str] = (),
                   lang: str = "en") -> str:
    """``aikg timeline``: write the release timeline (.svg, .png or .html), atomically; a one-line summary."""
    from graph.analysis import timeline

    data, found = timeline.write(_projection(kg), output, types, orgs, lang)
    write_atomic(output, data)
    lanes = len({m.lane for m in found})
    return f"wrote {output}: {count(len(found), 'release')} in {count(lanes, 'lane')}"
