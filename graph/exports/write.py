"""``aikg export``: the graph in the formats other tools read, whole or a subgraph.

| format  | what | from |
|---|---|---|
| turtle  | union graph, grouped by subject, sorted, prefixes | RDF |
| nt      | union graph, one triple a line (streamed) | RDF |
| trig    | named graphs = sources, plus the ontology | RDF |
| nquads  | named graphs = sources, one quad a line (streamed) | RDF |
| jsonld  | union graph with the compact context of ontology/context.jsonld | RDF |
| graphml | the NetworkX projection (Gephi, yEd, Cytoscape, igraph) | projection |
| gexf    | the NetworkX projection (Gephi) | projection |
| csv     | FILE.nodes.csv and FILE.edges.csv (Neo4j bulk import, Gephi, spreadsheets) | projection |

Every file is written to a temporary file and renamed into place.

>>> guess_format("graph.ttl"), guess_format("g.graphml")
('turtle', 'graphml')
"""
from __future__ import annotations

import difflib
import io
from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx
import pyoxigraph as ox

from graph.atomic import open_atomic
from graph.exports.csv import write_csv
from graph.errors import AikgError
from graph.exports.gexf import write_gexf
from graph.exports.graphml import write_graphml
from graph.exports.jsonld import write_jsonld
from graph.namespaces import ID, ONTOLOGY_IRI, PREFIXES, VOCAB, slug_of
from graph.rdf.store import SORT_LIMIT, KnowledgeGraph, quad_sort_key, triple_sort_key
from graph.vocabulary import Vocabulary, load_vocabulary

FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld", "graphml", "gexf", "csv")
EXTENSIONS = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads",
    ".jsonld": "jsonld", ".json": "jsonld", ".graphml": "graphml", ".gexf": "gexf", ".csv": "csv",
}


def guess_format(path: str | Path) -> str:
    """The format named by a file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise AikgError(f"cannot tell the format from {suffix or 'no extension'!r}; "
                        f"give --format ({', '.join(FORMATS)})", path)
    return EXTENSIONS[suffix]


def select_nodes(g: nx.MultiDiGraph, vocab: Vocabulary, focus: str | None = None, depth: int = 1,
                 types: Iterable[str] = ()) -> set[str] | None:
    """Node ids of the subgraph: within ``depth`` links of ``focus`` (either direction),
    and of the given types (a type includes its subclasses). None means the whole graph.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")]); v = load_vocabulary()
    >>> sorted(select_nodes(g, v, "a", 1))
    ['a', 'b']
    """
    types = [t for t in types if t]
    if focus is None and not types:
        return None
    keep = set(g.nodes)
    if focus is not None:
        if focus not in g:
            close = difflib.get_close_matches(focus, [str(n) for n in g.nodes], n=3, cutoff=0.6)
            raise AikgError(f"--focus {focus!r} is not an entity id" + (f" (did you mean {', '.join(close)}?)" if close else ""))
        keep = set(nx.ego_graph(g.to_undirected(as_view=True), focus, radius=depth).nodes)
    if types:
        wanted = []
        for t in types:
            if t not in vocab.types:
                raise AikgError(f"--types: unknown type {t!r} (known: {', '.join(sorted(vocab.types))})")
            wanted.append(vocab.types[t])
        type_iris = {name: iri for name, iri in vocab.types.items()}
        keep = {n for n in keep
                if any(vocab.is_a(type_iris.get(g.nodes[n].get("type"), ""), w) for w in wanted)}
    return keep


def _in_subgraph(term, keep: set[str]) -> bool:
    """Whether a subject or object belongs to the kept entities (qualified nodes follow their owner)."""
    if not isinstance(term, ox.NamedNode) or not term.value.startswith(ID):
        return True
    slug = slug_of(term.value)
    return slug in keep or slug.split(".", 1)[0] in keep


def _union_triples(kg: KnowledgeGraph, keep: set[str] | None) -> Iterator[ox.Triple]:
    kg.refresh_union()
    triples = (q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if keep is None:
        return triples
    return (t for t in triples if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(ID)
            and _in_subgraph(t.subject, keep) and _in_subgraph(t.object, keep))


def _quads(kg: KnowledgeGraph, keep: set[str] | None) -> Iterator[ox.Quad]:
    quads = kg.named_quads()
    if keep is None:
        return quads
    onto = ox.NamedNode(ONTOLOGY_IRI)
    return (q for q in quads if q.graph_name != onto and isinstance(q.subject, ox.NamedNode)
            and q.subject.value.startswith(ID) and _in_subgraph(q.subject, keep) and _in_subgraph(q.object, keep))


def export(kg: KnowledgeGraph, network: nx.MultiDiGraph | None, fmt: str, path: str | Path,
           focus: str | None = None, depth: int = 1, types: Iterable[str] = (),
           vocab: Vocabulary | None = None) -> list[Path]:
    """Write the graph (or the subgraph chosen by ``focus``/``depth``/``types``) in ``fmt``.

    ``network`` is the NetworkX projection, made here if None and needed (GraphML,
    GEXF, CSV or a subgraph). Returns the files written (two for csv). A subgraph
    leaves out the ontology.
    """
    vocab = vocab or load_vocabulary()
    if fmt not in FORMATS:
        raise AikgError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if depth < 0:
        raise AikgError("--depth must be 0 or more")
    path = Path(path)
    types = [t for t in types if t]
    if network is None and (fmt in ("graphml", "gexf", "csv") or focus is not None or types):
        from graph.views.network import to_networkx

        network = to_networkx(kg, vocab)
    keep = select_nodes(network, vocab, focus, depth, types) if network is not None else None
    sub = network if keep is None else network.subgraph(keep)
    if fmt in ("turtle", "jsonld"):
        triples = _union_triples(kg, keep)
        if keep is not None or kg.triple_count() <= SORT_LIMIT:  # sorted for people; large graphs stream
            triples = sorted(triples, key=triple_sort_key)
        with open_atomic(path) as f:
            if fmt == "turtle":
                ox.serialize(triples, f, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
            else:
                write_jsonld(triples, f)
    elif fmt == "nt":
        with open_atomic(path) as f:
            ox.serialize(_union_triples(kg, keep), f, ox.RdfFormat.N_TRIPLES)
    elif fmt == "trig":
        with open_atomic(path) as f:
            ox.serialize(sorted(_quads(kg, keep), key=quad_sort_key), f, ox.RdfFormat.TRIG, prefixes=PREFIXES)
    elif fmt == "nquads":
        with open_atomic(path) as f:
            ox.serialize(_quads(kg, keep), f, ox.RdfFormat.N_QUADS)
    elif fmt == "graphml":
        with open_atomic(path) as f:
            write_graphml(sub, f)
    elif fmt == "gexf":
        with open_atomic(path) as f:
            write_gexf(sub, f)
    else:
        return _export_csv(sub, path, vocab)
    return [path]


def _export_csv(g: nx.MultiDiGraph, path: Path, vocab: Vocabulary) -> list[Path]:
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    nodes_path, edges_path = Path(f"{stem}.nodes.csv"), Path(f"{stem}.edges.csv")
    by_name = dict(vocab.types)

    def labels_of(type_name: str) -> list[str]:
        iri = by_name.get(type_name)
        if iri is None:
            return [type_name]
        supers = sorted(vocab.type_name(s) for s in vocab.superclasses.get(iri, ())
                        if s.startswith(VOCAB) and s in by_name.values())
        return [type_name] + supers

    nodes_buf, edges_buf = io.StringIO(), io.StringIO()
    write_csv(g, nodes_buf, edges_buf, labels_of)
    for target, buf in ((nodes_path, nodes_buf), (edges_path, edges_buf)):
        with open_atomic(target) as f:
            f.write(buf.getvalue().encode("utf-8"))
    return [nodes_path, edges_path]
