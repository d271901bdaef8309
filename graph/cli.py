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

from graph.defaults import DATA_DIR, GRAPH_FILE, OUT_DIR, PAGE_FILE, TITLE
from graph.errors import AikgError
from graph.formats import (EXPORT_FORMAT_NAMES, IMPORT_KINDS, INPUT, NOTES, RDF_FILES, RECORDS, RESULT_FORMAT_NAMES, input_kinds_text,
                           lookup, result_formats)
from graph.records.discovery import NOTES_FOLDER
from graph.sparql.stores import STORE_KINDS
from graph.wording import count

#: What ``--data`` takes, from the table of input formats (graph/formats.py).
INPUTS = f"{input_kinds_text()}; in a directory, notes only under a {NOTES_FOLDER}/ folder"



def _friendly(func):
    """Turn library errors into clean CLI errors."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AikgError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


class _Bar:
    """The one progress bar: a library ``progress(label, done, total)`` callback drawn on stderr.

    Silent when stderr is not a terminal; closed by ``with``.
    """

    def __init__(self):
        self.bar = None

    def __call__(self, label: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, file=sys.stderr, label=label, show_percent=False,
                                         show_pos=True)
            self.bar.__enter__()
        self.bar.label = label
        self.bar.update(done - self.bar.pos)
        self.bar.render_progress()

    def __enter__(self) -> "_Bar":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _say(text: str) -> None:
    click.echo(text, err=True)


def _graph_inputs(func):
    """The options every reading command shares: which built dataset, or what to build it from."""
    func = click.option("--store", "store", type=click.Path(path_type=Path), default=None,
                        help=f"Read the on-disk store made by aikg build --store instead of {GRAPH_FILE}.")(func)
    func = click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
                        help="Build from these inputs (directories or files) in memory instead of reading the built "
                             f"dataset: {INPUTS}. Repeatable.")(func)
    return click.option("--graph", "graph_file", default=GRAPH_FILE, show_default=True,
                        type=click.Path(path_type=Path),
                        help=f"Built dataset to read; if missing, the graph is built from {DATA_DIR}/ in memory.")(func)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt  # the same clean-up as Ctrl-C: temporaries removed, outputs left as they were


@click.group()
@click.version_option(package_name="aikg")
@click.option("--base", "base", default=None, metavar="IRI",
              help="Mint the graph's entity IRIs under this IRI (ending with / or #) instead of "
                   "https://w3id.org/aiekg/id/ or the base of aikg.toml; the vocabulary's IRIs do not change.")
@_friendly
def main(base: str | None) -> None:
    """aikg: build, query and draw a knowledge graph of the AI ecosystem."""
    from graph.settings import apply_base

    apply_base(base)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


@main.command(short_help="Build, validate, check and write the graph.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help=f"Input directory or file: {INPUTS}. Repeatable. Default: {DATA_DIR}/")
@click.option("--out", "out", default=OUT_DIR, show_default=True, type=click.Path(path_type=Path),
              help="Directory for graph.ttl, graph.trig, graph.graphml, graph.html.")
@click.option("--no-checks", is_flag=True, help="Write outputs even when a *-violation check finds rows.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (ontology/shapes.ttl).")
@click.option("--store", "store", type=click.Path(path_type=Path), default=None,
              help="Also keep the dataset in an on-disk Oxigraph store here, updating only the sources that changed; "
                   "nothing is done when the inputs are as they were at the last build.")
@click.option("--store-only", is_flag=True,
              help="With --store: build straight into a new store, holding no copy of the graph in memory, and write "
                   "no files to --out (for graphs too big to project; query, export and page it with --store).")
@click.option("--no-snapshot", is_flag=True,
              help="With --store-only: do not keep the N-Quads loaded into the store beside it (they take about "
                   "as much disk as the store; aikg push then reads the store, which costs about as much as loading it).")
@_friendly
def build(data: tuple[Path, ...], out: Path, no_checks: bool, no_validate: bool, store: Path | None,
          store_only: bool, no_snapshot: bool) -> None:
    """Build the graph from curated data, validate it, run the checks and write the outputs."""
    paths = list(data) or [DATA_DIR]
    if store_only and not store:
        raise click.UsageError("--store-only needs --store DIR")
    if no_snapshot and not store_only:
        raise click.UsageError("--no-snapshot goes with --store-only (a build with --store keeps no snapshot)")
    with _Bar() as bar:
        if store_only:
            from graph.storebuild import build_store

            click.echo(build_store(paths, store, progress=bar, checks=not no_checks, snapshot=not no_snapshot).text())
        elif store:
            from graph.storebuild import build_and_sync

            click.echo(build_and_sync(paths, out, store, progress=bar, checks=not no_checks, shacl=not no_validate))
        else:
            from graph.build import build_outputs

            click.echo(build_outputs(paths, out, progress=bar, checks=not no_checks, shacl=not no_validate).summary())


@main.command(short_help="Run SPARQL or a named query on the graph.")
@click.argument("sparql", required=False)
@click.option("--name", "name", help="Run a named query from ontology/queries/ (see `aikg queries`).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a parameter of a named query: an entity as meta, kg:meta or its IRI, a number, or \"text\" "
                   "(a bare word is a literal where the default is one, e.g. lang=zh). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(list(RESULT_FORMAT_NAMES)), default=None,
              help=f"{', '.join(result_formats('select'))} for SELECT and ASK (default: table); "
                   f"{', '.join(result_formats('graph'))} for CONSTRUCT and DESCRIBE (default: turtle).")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), help="Write the result to FILE (atomically).")
@click.option("--lang", "lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language of labels, for queries with a lang parameter.")
@click.option("--timeout", "timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Stop the query after this many seconds (0: no limit).")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=16), default=None, metavar="MB",
              help="Stop the query when it needs more than this many MB (default: a quarter of the RAM).")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses query other endpoints over the network.")
@click.option("--endpoint", default=None, help="Query a remote SPARQL endpoint (e.g. http://127.0.0.1:7878/query) instead.")
@click.option("--user", default=None,
              help="Log in to the --endpoint as this user; the password comes from AIKG_PASSWORD or a prompt.")
@click.option("--store-kind", type=click.Choice(STORE_KINDS), default="auto", show_default=True,
              help="The --endpoint's store; auto: asked (Virtuoso's queries name the union that aikg push sent).")
@_graph_inputs
@_friendly
def query(sparql, name, params, fmt, output, lang, timeout, max_memory, allow_service, endpoint, user, store_kind,
          graph_file, data, store) -> None:
    """Run SPARQL (a query string or a .rq file), or a named query, on the built graph.

    The project's prefixes (aikg:, kg:, rdfs:, schema:, prov:, ...) are predeclared;
    the default graph is the union of all sources.
    """
    from graph.sparql.query import QueryLimits, user_query
    from graph.sparql.results import for_stdout  # a terminal sees control characters as \uXXXX, a pipe the exact text
    from graph.sparql.sandbox import MB, default_max_memory
    from graph.workspace import answer, open_graph

    if bool(sparql) == bool(name):
        raise click.UsageError("give either a SPARQL query (or .rq file) or --name NAME")
    overrides = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--param must be KEY=VALUE, got {p!r}")
        overrides[key.strip()] = value
    asked = user_query(sparql, name, overrides, lang)
    for note in asked.notes:
        click.echo(f"note: {note}", err=True)
    limits = QueryLimits(timeout=timeout or None, allow_service=allow_service, isolate=True,
                         max_memory=max_memory * MB if max_memory else default_max_memory())
    result = answer(asked, limits, fmt, endpoint, lambda: open_graph(graph_file, data, store, _say),
                    credentials=_credentials(user) if endpoint else None, kind=store_kind)
    if output:
        click.echo(result.write(output), err=True)
    else:
        click.echo(for_stdout(result.text.rstrip("\n")), color=True)  # color=True: click must not strip ESC [ from data


@main.command(short_help="List the named queries and their parameters.")
@_friendly
def queries() -> None:
    """List the named queries with their descriptions and parameters."""
    from graph.sparql.query import named_queries

    for q in named_queries():
        params = " ".join(f"{k}={v}" for k, v in q.params.items())
        click.echo(f"{q.name}  {q.title}" + (f"  [{params}]" if params else ""))
        if q.description:
            click.echo(f"    {q.description}")


@main.command(short_help="Serve a read-only SPARQL endpoint and pages.")
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
@click.option("--graph", "graph_file", default=GRAPH_FILE, show_default=True, type=click.Path(path_type=Path),
              help=f"Built dataset to serve; if missing, the graph is built from {DATA_DIR}/ first.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help=f"Build from these inputs (directories or files) and serve that instead of the built dataset: "
                   f"{INPUTS}. Repeatable.")
@_friendly
def serve(host, port, timeout, max_rows, workers, max_memory, allow_hosts, allow_origins, allow_service, graph_file,
          data) -> None:
    """Serve a read-only SPARQL 1.1 endpoint at /sparql, the graph page at / and a query page at /query."""
    import tempfile

    from graph.sparql.sandbox import MB
    from graph.sparql.server import make_server
    from graph.workspace import endpoint_files

    with tempfile.TemporaryDirectory() as tmp:
        graph_file, page = endpoint_files(graph_file, data, tmp, _say)
        server = make_server(graph_file, page, host, port, timeout, max_rows, workers, allow_service,
                             max_memory * MB if max_memory else None, allow_hosts, allow_origins)
        h, p = server.server_address[:2]
        click.echo(f"serving {graph_file} at http://{h}:{p}/sparql (graph page: /, query page: /query); "
                   f"time limit {timeout:g} s, {server.pool.limits.max_memory // MB:,} MB and "
                   f"{count(max_rows, 'row')} a query; Ctrl-C stops")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
        finally:
            server.server_close()
            server.pool.close()


@main.command(short_help="Export the graph (or a subgraph) to a file.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMAT_NAMES), default=None,
              help="Output format; guessed from the extension of -o when not given.")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="File to write (csv writes FILE.nodes.csv and FILE.edges.csv).")
@click.option("--focus", default=None, help="Export only the neighbourhood of this entity (gpt-3, kg:gpt-3 or its IRI).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="Links around --focus to include.")
@click.option("--types", default="", help="Only entities of these types (comma-separated, subclasses included).")
@_graph_inputs
@_friendly
def export(fmt, output, focus, depth, types, graph_file, data, store) -> None:
    """Export the graph (or a subgraph) as Turtle, N-Triples, TriG, N-Quads, JSON-LD, GraphML, GEXF or CSV."""
    from graph.views.select import type_list
    from graph.workspace import export_graph, open_graph

    kg = open_graph(graph_file, data, store, _say)
    click.echo(export_graph(kg, output, fmt, focus, depth, type_list(types)))


@main.command(short_help="Write the interactive graph page (HTML).")
@click.option("-o", "--output", "output", default=PAGE_FILE, show_default=True, type=click.Path(path_type=Path),
              help="HTML file to write.")
@click.option("--focus", default=None, help="Draw only the neighbourhood of this entity (gpt-3, kg:gpt-3 or its IRI).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="Links around --focus to include.")
@click.option("--types", default="", help="Only entities of these types (comma-separated, subclasses included).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language of labels at first.")
@click.option("--title", default=TITLE, show_default=True,
              help="Title of the page (its heading and the browser tab).")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="Colours of the (canvas) page.")
@click.option("--renderer", type=click.Choice(["auto", "canvas", "webgl"]), default="auto", show_default=True,
              help="canvas: vis-network, node shapes; webgl: sigma.js, for big graphs; auto: WebGL above 2,000 entities.")
@_graph_inputs
@_friendly
def page(output, focus, depth, types, lang, title, theme, renderer, graph_file, data, store) -> None:
    """Write the interactive graph page: one HTML file that works offline."""
    from graph.views.select import type_list
    from graph.workspace import open_graph, write_page

    kg = open_graph(graph_file, data, store, _say)
    click.echo(write_page(kg, output, focus, depth, type_list(types), lang, title, theme, renderer))


@main.command(short_help="Check the graph against the SHACL shapes.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help=f"Input directory or file to validate: {INPUTS}. Repeatable. Default: {DATA_DIR}/")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a line per finding, then a summary; json: {conforms, findings} for programs.")
@_friendly
def validate(data: tuple[Path, ...], fmt: str) -> None:
    """Check the graph against the SHACL shapes; exit 1 if it does not conform.

    Each finding names the record's file and line, the entity, the property and
    what is wrong. Warnings are listed but do not fail.
    """
    from graph.build import validate_inputs

    with _Bar() as bar:
        report = validate_inputs(list(data) or [DATA_DIR], bar)
    click.echo(report.json() if fmt == "json" else report.text())
    if not report.conforms:
        sys.exit(1)


@main.command(short_help="Turn survey notes into candidate records.",
              epilog=f"NOTES: {input_kinds_text(NOTES)}; for --diff and --merge, also a reviewed candidate file "
                     f"({' '.join(lookup('yaml', INPUT).suffixes)}).")
@click.argument("notes", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="Write the candidates here (default: print them).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "ttl"]), default="yaml", show_default=True,
              help="Candidate records (YAML, like data/) or the RDF they give (Turtle).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help=f"Known entities to link to: a directory or file of {input_kinds_text(RECORDS)}. Repeatable "
                   f"(--merge writes into the first). Default: {DATA_DIR}/")
@click.option("--diff", "show_diff", is_flag=True,
              help="Show what merging would add, change, conflict with or hold back in the --data records.")
@click.option("--merge", "merge", is_flag=True,
              help="Write the accepted candidates as a new file into the first --data directory (data/ by "
                   "default; beside it if it is a file). NOTES may be a reviewed candidate file.")
@click.option("--min-confidence", default=0.5, show_default=True, type=click.FloatRange(0, 1),
              help="Leave out candidate records less sure than this when merging.")
@click.option("--evaluate", "gold", type=click.Path(path_type=Path),
              help=f"Score the candidates (precision and recall) against a gold directory or file: "
                   f"{input_kinds_text(RECORDS, RDF_FILES)}.")
@click.option("--gold-source", default=None, help="The source in the gold data that the notes are (default: linked by title).")
@_friendly
def ingest(notes, output, fmt, data, show_diff, merge, min_confidence, gold, gold_source) -> None:
    """Read survey notes (Markdown, Chinese or English) and write candidate records with provenance.

    Entities are linked to the records of --data by any label or alias; every
    fact cites the passage (file, lines, text) it came from.
    """
    from graph.ingest import review

    if notes is None:
        raise click.UsageError("give the notes file (NOTES.md), or a reviewed candidate file with --merge")
    data_paths = list(data) or [DATA_DIR]
    if gold:
        click.echo(review.evaluate_text(notes, data_paths, gold, gold_source))
    elif show_diff:
        click.echo(review.diff_text(notes, data_paths))
    elif merge:
        click.echo(review.merge(notes, data_paths, min_confidence)[1])
    else:
        if output:
            click.echo(review.write_candidates(notes, data_paths, output, fmt))
        else:
            click.echo(review.candidates_text(notes, data_paths, fmt)[0].rstrip("\n"))


@main.command(short_help="An entity's profile.")
@click.argument("who")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True,
              help="text for the terminal, md for notes, json for programs.")
@_graph_inputs
@_friendly
def show(who, fmt, graph_file, data, store) -> None:
    """Show WHO (an id, label or alias): names in both languages, type, identifiers, every fact with
    numbered sources, its relations out and in, and the sources, each once."""
    from graph.workspace import open_graph, show_text

    click.echo(show_text(open_graph(graph_file, data, store, _say), who, fmt))


@main.command(short_help="A model's ancestors or descendants.")
@click.argument("who")
@click.option("--up/--down", default=True, show_default=True, help="Ancestors (up) or descendants (down).")
@click.option("--depth", type=click.IntRange(min=1), default=None, help="At most this many steps (default: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "mermaid", "dot"]), default="text", show_default=True,
              help="An indented tree, JSON, a Mermaid flowchart or Graphviz DOT.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language of labels.")
@_graph_inputs
@_friendly
def lineage(who, up, depth, fmt, lang, graph_file, data, store) -> None:
    """The lineage tree of WHO: each step with its kind (finetune, adapter, merge, quantized, distilled,
    successor, version) and its shortest number of steps from WHO."""
    from graph.workspace import lineage_text, open_graph

    click.echo(lineage_text(open_graph(graph_file, data, store, _say), who, up, depth, fmt, lang))


@main.command(short_help="How two entities are connected.")
@click.argument("a")
@click.argument("b")
@click.option("--max", "longest", type=click.IntRange(min=1), default=6, show_default=True, help="At most this many steps.")
@click.option("--via", default="", help="Only through entities of these types (comma-separated).")
@click.option("--directed", is_flag=True, help="Only along the relations' direction.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a path a block, a step a line; json: the steps with their relations and sources.")
@_graph_inputs
@_friendly
def path(a, b, longest, via, directed, fmt, graph_file, data, store) -> None:
    """The shortest paths between A and B, each step with its relation and sources (undirected by default)."""
    from graph.workspace import open_graph, path_text

    types = [t.strip() for t in via.split(",") if t.strip()]
    click.echo(path_text(open_graph(graph_file, data, store, _say), a, b, longest, types, fmt, directed))


@main.command(short_help="Counts, sources, central entities.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True,
              help="table for the terminal, json for programs, md for notes.")
@_graph_inputs
@_friendly
def stats(fmt, graph_file, data, store) -> None:
    """Statistics of the graph: entities by type and relations by kind, sources and the facts each states,
    facts with one source, entities without identifiers, the most central entities (degree, PageRank,
    betweenness), communities with their largest members, releases per organization and year."""
    from graph.workspace import open_graph, stats_text

    click.echo(stats_text(open_graph(graph_file, data, store, _say), fmt))


@main.command(short_help="Draw the release timeline.")
@click.option("-o", "--output", default="out/timeline.svg", show_default=True, type=click.Path(path_type=Path),
              help="The file to write: .svg, .png or .html (offline, one file).")
@click.option("--types", default="", help="Only these types (comma-separated; default: models and papers).")
@click.option("--orgs", default="", help="Only the lanes of these organizations (comma-separated ids).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language of labels.")
@_graph_inputs
@_friendly
def timeline(output, types, orgs, lang, graph_file, data, store) -> None:
    """A release timeline: a lane per organization, models and papers at their dates, lineage as arcs,
    labels that never overlap."""
    from graph.workspace import open_graph, write_timeline

    split = lambda text: [x.strip() for x in text.split(",") if x.strip()]  # noqa: E731
    click.echo(write_timeline(open_graph(graph_file, data, store, _say), output, split(types), split(orgs), lang))


@main.command("import", short_help="Import a download as records.",
              epilog="KIND: " + "; ".join(f"{k}: {v}" for k, v in IMPORT_KINDS.items()) + ".")
@click.argument("kind", type=click.Choice(list(IMPORT_KINDS)))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help=f"The JSON Lines file to write (default: {DATA_DIR}/imports/KIND-NAME.jsonl, read by aikg build).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help=f"The records to reconcile with, {input_kinds_text(RECORDS)} (the output itself left out). "
                   f"Repeatable. Default: {DATA_DIR}/")
@click.option("--report", is_flag=True, help="Also list how entities were matched, the ambiguous ones with their "
                                             "candidates, and every problem.")
@click.option("--title", default="", help="The title of the Source record of the file (default: named by its kind and file).")
@click.option("--url", default="", help="Where the file was downloaded from.")
@click.option("--license", "licence", default="", help="The file's licence, as its publisher names it (e.g. CC-BY-4.0).")
@click.option("--retrieved", default="", help="When the file was downloaded, YYYY-MM-DD (default: the file's date).")
@_friendly
def import_(kind, path, output, data, report, title, url, licence, retrieved) -> None:
    """Import PATH, a file (or folder) of KIND, as records in the project's JSON Lines format.

    One Source record names the file (title, URL, licence, retrieval date) and
    every imported fact cites it. An entity already in the graph (found by
    identifier, then by name within its type) becomes an extend: of its record;
    an ambiguous one stays separate and is listed. Problems are file:line
    messages; the rest of the file is still imported.
    """
    from graph.imports import import_file

    out = output or Path(DATA_DIR) / "imports" / f"{kind}-{path.stem}.jsonl"
    result = import_file(kind, path, out, list(data) or [DATA_DIR], title, url, licence, retrieved)
    for problem in result.problems if report else result.problems[:10]:
        click.echo(str(problem), err=True)
    if not report and len(result.problems) > 10:
        click.echo(f"... and {len(result.problems) - 10} more (--report lists them)", err=True)
    if report:
        click.echo(result.details())
    click.echo(result.summary())


PASSWORD_VARIABLE = "AIKG_PASSWORD"


def _credentials(user: str | None):
    """The --user's credentials: the password from AIKG_PASSWORD, else asked for (never an option: a password
    on the command line is in the shell's history and the process list)."""
    if not user:
        return None
    import os

    from graph.sparql.remote import Credentials

    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        password = click.prompt(f"password for {user}", hide_input=True, err=True)
    return Credentials(user, password)


@main.command(short_help="Send the dataset to a remote SPARQL store.")
@click.option("--endpoint", required=True,
              help="Graph Store Protocol URL of the remote store, e.g. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://HOST:8890/sparql-graph-crud-auth (Virtuoso), http://HOST:3030/DATASET/data (Fuseki).")
@click.option("--store-kind", type=click.Choice(STORE_KINDS),
              default="auto", show_default=True,
              help="How the store takes the Graph Store Protocol; auto: told by the endpoint's path.")
@click.option("--user", default=None,
              help=f"Log in as this user (HTTP Digest or Basic); the password comes from {PASSWORD_VARIABLE} or a prompt.")
@click.option("--full", is_flag=True, help="Send every graph, not only those changed since the last push to this endpoint.")
@click.option("--state", type=click.Path(path_type=Path), default=Path(OUT_DIR) / ".aikg" / "push", show_default=True,
              help="Where the manifest of what each endpoint holds is kept.")
@click.option("--batch", type=click.IntRange(min=1), default=500_000, show_default=True,
              help="Triples a request at most (a bigger graph goes as a PUT, then POSTs).")
@_graph_inputs
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for each request.")
@_friendly
def push(endpoint, store_kind, user, full, state, batch, graph_file, data, store, timeout) -> None:
    """Send the dataset to a SPARQL store: one named graph per source, and the union as the default graph
    (on Virtuoso, whose default graph is all graphs at once, as urn:aikg:union, which aikg query names).

    Only the graphs changed since the last push to this endpoint are sent, and the graphs of sources that
    are gone are deleted; an interrupted push resumes where it stopped (--full sends everything).
    """
    from graph.sparql.remote import push as do_push

    from graph.workspace import open_graph

    kg = open_graph(graph_file, data, store, _say)
    credentials = _credentials(user)
    with _Bar() as bar:
        report = do_push(kg, endpoint, timeout, bar, store_kind, credentials, state, full, batch)
    click.echo(report.text() + f" to {endpoint}")


if __name__ == "__main__":  # pragma: no cover
    main()
