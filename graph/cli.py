"""The ``aikg`` command: a thin layer over the library.

Each command parses options, calls one library function and prints a short
summary; library errors (:class:`graph.errors.AikgError`) become
``click.ClickException`` here, in one place, so users see ``file:line: message``
and exit code 1, never a traceback.
"""
from __future__ import annotations

import functools
import signal
import sys
import threading
from pathlib import Path

import click

from graph.errors import AikgError

EXPORT_FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld", "graphml", "gexf", "csv")
FORMAT_NAMES = ("table", "md", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld", "rdfxml")


def _friendly(func):
    """Turn library errors into clean CLI errors."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AikgError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


class _Steps:
    """A progress bar over a command's steps on stderr; silent when stderr is not a terminal."""

    def __init__(self, steps: int):
        self.bar = click.progressbar(length=steps, file=sys.stderr, label="building",
                                     show_percent=False, show_pos=True) if sys.stderr.isatty() else None
        if self.bar:
            self.bar.__enter__()

    def __call__(self, message: str, advance: bool = True) -> None:
        """Start the next step (``advance``) or only say how the current one is going."""
        if self.bar:
            self.bar.label = message
            if advance:
                self.bar.update(1)
            else:
                self.bar.render_progress()

    def close(self) -> None:
        if self.bar:
            self.bar.__exit__(None, None, None)



def _graph_inputs(func):
    """The options every reading command shares: which built dataset, or what to build it from."""
    func = click.option("--store", "store", type=click.Path(path_type=Path), default=None,
                        help="Read the on-disk store made by aikg build --store instead of out/graph.trig.")(func)
    func = click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
                        help="Build from these inputs in memory instead of reading the built dataset "
                             "(which is also what happens, from data/, when the built dataset is missing).")(func)
    return click.option("--graph", "graph_file", default="out/graph.trig", show_default=True,
                        type=click.Path(path_type=Path),
                        help="Built dataset to read; if missing, the graph is built from data/ in memory.")(func)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt  # the same clean-up as Ctrl-C: temporaries removed, outputs left as they were


@click.group()
@click.version_option(package_name="aikg")
def main() -> None:
    """aikg: build, query and draw a knowledge graph of the AI ecosystem."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


@main.command()
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Input directory or file (YAML records, or RDF: .ttl .nt .nq .trig .jsonld). Repeatable. Default: data/")
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Directory for graph.ttl, graph.trig, graph.graphml, graph.html.")
@click.option("--no-checks", is_flag=True, help="Write outputs even when a *-violation check finds rows.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (ontology/shapes.ttl).")
@click.option("--store", "store", type=click.Path(path_type=Path), default=None,
              help="Also keep the dataset in an on-disk Oxigraph store here, updating only the sources that changed.")
@_friendly
def build(data: tuple[Path, ...], out: Path, no_checks: bool, no_validate: bool, store: Path | None) -> None:
    """Build the graph from curated data, validate it, run the checks and write the outputs."""
    from graph.build import build_outputs

    steps = _Steps(3 + (not no_checks) + (not no_validate))  # read, project, (check), (validate), write
    try:
        result = build_outputs(list(data) or [Path("data")], out, progress=steps, checks=not no_checks,
                               shacl=not no_validate)
    finally:
        steps.close()
    click.echo(result.summary())
    if store:
        from graph.rdf.persist import sync_store

        click.echo(sync_store(result.kg, store).text() + f" in {store}")


@main.command()
@click.argument("sparql", required=False)
@click.option("--name", "name", help="Run a named query from ontology/queries/ (see `aikg queries`).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a parameter of a named query, e.g. --param org=kg:meta. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(list(FORMAT_NAMES)), default=None,
              help="table (default), md, csv, tsv, json, xml; turtle (default), nt, jsonld, rdfxml for CONSTRUCT/DESCRIBE.")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), help="Write the result to FILE (atomically).")
@click.option("--lang", "lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language of labels, for queries with a lang parameter.")
@click.option("--timeout", "timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Stop the query after this many seconds (0: no limit).")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=16), default=None, metavar="MB",
              help="Stop the query when it needs more than this many MB (default: a quarter of the RAM).")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses query other endpoints over the network.")
@click.option("--endpoint", default=None, help="Query a remote SPARQL endpoint (e.g. http://127.0.0.1:7878/query) instead.")
@_graph_inputs
@_friendly
def query(sparql, name, params, fmt, output, lang, timeout, max_memory, allow_service, endpoint, graph_file, data,
          store) -> None:
    """Run SPARQL (a query string or a .rq file), or a named query, on the built graph.

    The project's prefixes (aikg:, kg:, rdfs:, schema:, prov:, ...) are predeclared;
    the default graph is the union of all sources.
    """
    from graph.atomic import write_atomic
    from graph.sparql.query import QueryLimits, named_query, parse_header, query_bindings, read_query, run_query
    from graph.sparql.results import format_result

    if bool(sparql) == bool(name):
        raise click.UsageError("give either a SPARQL query (or .rq file) or --name NAME")
    overrides = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--param must be KEY=VALUE, got {p!r}")
        overrides[key.strip()] = value
    q = named_query(name) if name else parse_header("query", read_query(sparql))
    if lang:
        if "lang" in q.params:
            overrides.setdefault("lang", lang)
        else:
            click.echo(f"note: {q.name} has no lang parameter; --lang has no effect", err=True)
    bindings = query_bindings(q, overrides)
    from graph.sparql.sandbox import MB, default_max_memory

    limits = QueryLimits(timeout=timeout or None, allow_service=allow_service, isolate=True,
                         max_memory=max_memory * MB if max_memory else default_max_memory())
    if endpoint:
        from graph.sparql.remote import remote_query

        result = remote_query(endpoint, q.text, bindings, limits)
    else:
        kg = _open_graph(graph_file, data, store)
        result = run_query(kg, q.text, bindings, limits)
    text = format_result(result, fmt or ("turtle" if result.kind == "graph" else "table"))
    if output:
        write_atomic(output, text.encode("utf-8"))
        size = len(result.triples) if result.kind == "graph" else len(result.terms)
        unit = "triples" if result.kind == "graph" else "rows"
        click.echo(f"wrote {output} ({size} {unit})", err=True)
    else:
        from graph.sparql.results import for_stdout  # a terminal sees control characters as \uXXXX, a pipe the exact text

        click.echo(for_stdout(text.rstrip("\n")), color=True)  # color=True: click must not strip ESC [ from data


@main.command()
@_friendly
def queries() -> None:
    """List the named queries with their descriptions and parameters."""
    from graph.sparql.query import named_queries

    for q in named_queries():
        params = " ".join(f"{k}={v}" for k, v in q.params.items())
        click.echo(f"{q.name}  {q.title}" + (f"  [{params}]" if params else ""))
        if q.description:
            click.echo(f"    {q.description}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; 0.0.0.0 exposes the endpoint to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0 picks a free one).")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds a query may run.")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(min=1), help="Rows a query may return.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Queries that may run at once with the full time limit (one more is kept for short queries).")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=16), default=None, metavar="MB",
              help="Memory each query may use (default: a quarter of the RAM, shared by the queries that may run at once).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests addressed to this host name (besides the bound address and localhost).")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="Let pages of this origin (e.g. http://localhost:3000) query the endpoint from a browser.")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses query other endpoints over the network.")
@click.option("--graph", "graph_file", default="out/graph.trig", show_default=True, type=click.Path(path_type=Path),
              help="Built dataset to serve; if missing, the graph is built from data/ first.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Build from these inputs and serve that instead of the built dataset.")
@_friendly
def serve(host, port, timeout, max_rows, workers, max_memory, allow_hosts, allow_origins, allow_service, graph_file,
          data) -> None:
    """Serve a read-only SPARQL 1.1 endpoint at /sparql, the graph page at / and a query page at /query."""
    import tempfile

    from graph.sparql.server import make_server

    with tempfile.TemporaryDirectory() as tmp:
        page = graph_file.parent / "graph.html"
        if data or not graph_file.is_file():
            from graph.build import build_outputs

            click.echo(("" if data else f"{graph_file} not found: ")
                       + f"building from {', '.join(map(str, data or ['data']))}", err=True)
            build_outputs(list(data) or [Path("data")], tmp)
            graph_file, page = Path(tmp) / "graph.trig", Path(tmp) / "graph.html"
        if not page.is_file():
            from graph.views.network import to_networkx
            from graph.views.page import page_html
            from graph.rdf.store import KnowledgeGraph

            page.write_text(page_html(to_networkx(KnowledgeGraph.from_trig(graph_file))), encoding="utf-8")
        from graph.sparql.sandbox import MB

        server = make_server(graph_file, page.read_bytes(), host, port, timeout, max_rows, workers, allow_service,
                             max_memory * MB if max_memory else None, allow_hosts, allow_origins)
        h, p = server.server_address[:2]
        click.echo(f"serving {graph_file} at http://{h}:{p}/sparql (graph page: /, query page: /query); "
                   f"time limit {timeout:g} s, {server.pool.limits.max_memory // MB:,} MB and {max_rows} rows a query; "
                   "Ctrl-C stops")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
        finally:
            server.server_close()
            server.pool.close()


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Output format; guessed from the extension of -o when not given.")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="File to write (csv writes FILE.nodes.csv and FILE.edges.csv).")
@click.option("--focus", default=None, help="Export only the neighbourhood of this entity id.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="Links around --focus to include.")
@click.option("--types", default="", help="Only entities of these types (comma-separated, subclasses included).")
@_graph_inputs
@_friendly
def export(fmt, output, focus, depth, types, graph_file, data, store) -> None:
    """Export the graph (or a subgraph) as Turtle, N-Triples, TriG, N-Quads, JSON-LD, GraphML, GEXF or CSV."""
    import time

    from graph.exports.write import export as do_export
    from graph.exports.write import guess_format

    start = time.perf_counter()
    fmt = fmt or guess_format(output)
    kg = _open_graph(graph_file, data, store)
    written = do_export(kg, None, fmt, output, focus, depth, [t.strip() for t in types.split(",")])
    sizes = ", ".join(f"{p} ({p.stat().st_size:,} bytes)" for p in written)
    click.echo(f"wrote {fmt}: {sizes} in {time.perf_counter() - start:.2f} s")


@main.command()
@click.option("-o", "--output", "output", default="out/graph.html", show_default=True, type=click.Path(path_type=Path),
              help="HTML file to write.")
@click.option("--focus", default=None, help="Draw only the neighbourhood of this entity id.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="Links around --focus to include.")
@click.option("--types", default="", help="Only entities of these types (comma-separated, subclasses included).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language of labels at first.")
@click.option("--title", default="AI ecosystem knowledge graph", show_default=True)
@_graph_inputs
@_friendly
def page(output, focus, depth, types, lang, title, graph_file, data, store) -> None:
    """Write the interactive graph page: one HTML file that works offline."""
    import time

    from graph.atomic import write_atomic
    from graph.exports.write import select_nodes
    from graph.views.network import to_networkx
    from graph.views.page import page_html
    from graph.vocabulary import load_vocabulary

    start = time.perf_counter()
    kg = _open_graph(graph_file, data, store)
    network = to_networkx(kg)
    keep = select_nodes(network, load_vocabulary(), focus, depth, [t.strip() for t in types.split(",")])
    shown = network if keep is None else network.subgraph(keep)
    write_atomic(output, page_html(shown, kg, title, lang).encode("utf-8"))
    click.echo(f"wrote {output}: {shown.number_of_nodes()} entities, {shown.number_of_edges()} relations "
               f"in {time.perf_counter() - start:.2f} s")


@main.command()
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Inputs to validate (YAML records or RDF files). Repeatable. Default: data/")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_friendly
def validate(data: tuple[Path, ...], fmt: str) -> None:
    """Check the graph against the SHACL shapes; exit 1 if it does not conform.

    Each finding names the record's file and line, the entity, the property and
    what is wrong. Warnings are listed but do not fail.
    """
    from graph.build import build as do_build
    from graph.rdf.shacl import validate as shacl

    report = shacl(do_build(list(data) or [Path("data")], checks=False))
    click.echo(report.json() if fmt == "json" else report.text())
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.argument("notes", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="Write the candidates here (default: print them).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "ttl"]), default="yaml", show_default=True,
              help="Candidate records (YAML, like data/) or the RDF they give (Turtle).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Known entities to link to (default: data/).")
@click.option("--diff", "show_diff", is_flag=True, help="Show what merging would add or change in data/.")
@click.option("--merge", "merge", is_flag=True,
              help="Write the accepted candidates into data/ as a new file (NOTES may be a reviewed candidate file).")
@click.option("--min-confidence", default=0.5, show_default=True, type=click.FloatRange(0, 1),
              help="Leave out candidate records less sure than this when merging.")
@click.option("--evaluate", "gold", type=click.Path(path_type=Path),
              help="Score the candidates against a gold data directory (precision and recall).")
@click.option("--gold-source", default=None, help="The source in the gold data that the notes are (default: linked by title).")
@_friendly
def ingest(notes, output, fmt, data, show_diff, merge, min_confidence, gold, gold_source) -> None:
    """Read survey notes (Markdown, Chinese or English) and write candidate records with provenance.

    Entities are linked to the records of --data by any label or alias; every
    fact cites the passage (file, lines, text) it came from.
    """
    from graph.atomic import write_atomic
    from graph.ingest import review

    if notes is None:
        raise click.UsageError("give the notes file (NOTES.md), or a reviewed candidate file with --merge")
    data_paths = list(data) or [Path("data")]
    if notes.suffix.lower() in (".yaml", ".yml") and not merge:
        raise click.UsageError("a .yaml candidate file can only be merged (--merge)")
    if gold:
        click.echo(review.evaluate_text(notes, data_paths, gold, gold_source))
    elif show_diff:
        click.echo(review.diff_text(notes, data_paths))
    elif merge:
        click.echo(review.merge(notes, data_paths, min_confidence)[1])
    else:
        text, summary = review.candidates_text(notes, data_paths, fmt, str(output or "candidates.yaml"))
        if output:
            write_atomic(output, text.encode("utf-8"))
            click.echo(f"wrote {output}: {summary}")
        else:
            click.echo(text.rstrip("\n"))


@main.command()
@click.option("--endpoint", required=True,
              help="Graph Store Protocol URL of the remote store, e.g. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://HOST:3030/DATASET/data (Fuseki).")
@_graph_inputs
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for each request.")
@_friendly
def push(endpoint, graph_file, data, store, timeout) -> None:
    """Send the dataset to a SPARQL store: one named graph per source, and the union as the default graph."""
    from graph.sparql.remote import push as do_push

    kg = _open_graph(graph_file, data, store)
    bar = None
    if sys.stderr.isatty():
        bar = click.progressbar(length=len(kg.graph_names()) + 1, label="pushing", file=sys.stderr)
        bar.__enter__()
    try:
        report = do_push(kg, endpoint, timeout, (lambda i, n: bar.update(1)) if bar else None)
    finally:
        if bar:
            bar.__exit__(None, None, None)
    click.echo(report.text() + f" to {endpoint}")


def _open_graph(graph_file: Path, data: tuple[Path, ...], store: Path | None = None):
    from graph.build import build_graph
    from graph.rdf.store import KnowledgeGraph

    if store is not None:
        from graph.rdf.persist import open_store

        return open_store(store, read_only=True)
    if data:
        click.echo(f"building from {', '.join(map(str, data))} in memory", err=True)
        return build_graph(list(data))
    if graph_file.is_file():
        return KnowledgeGraph.from_trig(graph_file)
    click.echo(f"{graph_file} not found: building from data in memory", err=True)
    return build_graph([Path("data")])


if __name__ == "__main__":  # pragma: no cover
    main()
