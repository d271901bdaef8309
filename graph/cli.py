"""The ``aikg`` command: a thin layer over the library.

Each command parses options, calls one library function and prints a short
summary; library errors (:class:`graph.errors.AikgError`) become
``click.ClickException`` here, in one place, so users see ``file:line: message``
and exit code 1, never a traceback.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from graph.errors import AikgError


def _friendly(func):
    """Turn library errors into clean CLI errors."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AikgError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"… {message}", err=True)


@click.group()
@click.version_option(package_name="aikg")
def main() -> None:
    """aikg: build, query and draw a knowledge graph of the AI ecosystem."""


@main.command()
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Input directory or file (YAML records, or RDF: .ttl .nt .nq .trig .jsonld). Repeatable. Default: data/")
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Directory for graph.ttl, graph.trig, graph.graphml, graph.html.")
@_friendly
def build(data: tuple[Path, ...], out: Path) -> None:
    """Build the graph from curated data and write the outputs."""
    from graph.build import build_outputs

    result = build_outputs(list(data) or [Path("data")], out, progress=_progress)
    click.echo(result.summary())


@main.command()
@click.argument("sparql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--graph", "graph_file", default="out/graph.trig", show_default=True, type=click.Path(path_type=Path),
              help="Built dataset to query; if missing, the graph is built from --data in memory.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Inputs to build from when the built dataset is missing. Default: data/")
@_friendly
def query(sparql: str, fmt: str, graph_file: Path, data: tuple[Path, ...]) -> None:
    """Run SPARQL (a query string, a .rq file or a named query) on the built graph.

    The project's prefixes (aikg:, kg:, rdfs:, schema:, ...) are predeclared.
    """
    from graph.query import FORMATTERS, read_query, run_query

    kg = _open_graph(graph_file, data)
    result = run_query(kg, read_query(sparql))
    click.echo(FORMATTERS[fmt](result).rstrip("\n"))


def _open_graph(graph_file: Path, data: tuple[Path, ...]):
    from graph.build import build_graph
    from graph.store import KnowledgeGraph

    if graph_file.is_file():
        return KnowledgeGraph.from_trig(graph_file)
    click.echo(f"{graph_file} not found: building from {', '.join(map(str, data or ['data']))} in memory", err=True)
    return build_graph(list(data) or [Path("data")])


if __name__ == "__main__":  # pragma: no cover
    main()
