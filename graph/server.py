"""``aikg serve``: a read-only SPARQL 1.1 Protocol endpoint, the graph page and a query page.

- ``/sparql``: queries by GET (``?query=``), form POST and ``application/sparql-query`` POST;
  results chosen by ``Accept`` (SPARQL JSON and XML, CSV, TSV; Turtle, JSON-LD,
  N-Triples and RDF/XML for CONSTRUCT and DESCRIBE). 400 for a malformed query,
  403 for updates and for SERVICE or unknown FROM graphs, 406 for an Accept it
  cannot meet, 503 when the time limit passes.
- ``/``: the interactive graph page; ``/query``: a query form that works offline.

The server binds to 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2

from graph.errors import AikgError, QueryRefused, QuerySyntaxError, QueryTimeout, QueryTooLarge
from graph.query import named_queries
from graph.sparql_text import UPDATE_FORMS, query_form
from graph.workers import WorkerPool

MAX_BODY = 1_000_000
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
}
CONTENT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "jsonld": "application/ld+json",
    "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
}
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)


def negotiate(accept: str | None, offered: dict[str, str], default: str) -> str | None:
    """The format for an Accept header, or None if nothing offered is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SELECT_TYPES, "json")
    'xml'
    >>> negotiate("image/png", SELECT_TYPES, "json") is None
    True
    """
    if not accept:
        return default
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    for neg_q, _, media in sorted(choices):
        if neg_q == 0:
            continue
        if media in offered:
            return offered[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


class Endpoint(ThreadingHTTPServer):
    """The HTTP server, holding the worker pool and the pages."""

    daemon_threads = True

    def __init__(self, address, pool: WorkerPool, page_html: bytes, timeout: float):
        super().__init__(address, Handler)
        self.pool = pool
        self.page_html = page_html
        self.query_timeout = timeout
        self.query_page = _ENV.get_template("query.html").render(
            queries=[{"name": q.name, "title": q.title, "text": q.text} for q in named_queries()]
        ).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server: Endpoint
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args) -> None:  # one short line per request on stderr
        sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(200, self.server.page_html, "text/html; charset=utf-8")
        elif url.path == "/query":
            self._send(200, self.server.query_page, "text/html; charset=utf-8")
        elif url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            self._sparql(params)
        else:
            self._error(404, f"not found: {url.path} (the endpoint is /sparql; the pages are / and /query)")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, f"not found: {url.path}")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._error(413, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        elif ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            self._error(403, "updates are refused: this endpoint is read-only")
            return
        else:
            self._error(415, "POST a form (application/x-www-form-urlencoded) or application/sparql-query")
            return
        self._sparql(params)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(403, "updates are refused: this endpoint is read-only")
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(400, "default-graph-uri and named-graph-uri are not supported; use FROM in the query")
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(400, "give exactly one query (query=...)")
            return
        text = queries[0]
        form = query_form(text)
        if form in UPDATE_FORMS:
            self._error(403, f"{form} is an update; this endpoint is read-only")
            return
        graph_result = form in ("CONSTRUCT", "DESCRIBE")
        offered = GRAPH_TYPES if graph_result else SELECT_TYPES
        fmt = negotiate(self.headers.get("Accept"), offered, "turtle" if graph_result else "json")
        if fmt is None:
            self._error(406, "cannot answer in the accepted types; offered: " + ", ".join(offered))
            return
        try:
            body = self.server.pool.run(text, self.server.query_timeout, fmt)
        except QuerySyntaxError as exc:
            self._error(400, str(exc))
        except QueryRefused as exc:
            self._error(403, str(exc))
        except QueryTooLarge as exc:
            self._error(400, str(exc))
        except QueryTimeout as exc:
            self._error(503, str(exc))
        except AikgError as exc:
            self._error(500, str(exc))
        else:
            charset = "" if fmt in ("json", "jsonld") else "; charset=utf-8"
            self._send(200, body, CONTENT_TYPES[fmt] + charset)


def make_server(trig: str | Path, page_html: bytes, host: str = "127.0.0.1", port: int = 8000,
                timeout: float = 5.0, max_rows: int = 10000, workers: int = 2,
                allow_service: bool = False) -> Endpoint:
    """A ready server (not yet serving); ``port=0`` picks a free port (see ``server_address``)."""
    pool = WorkerPool(trig, size=workers, max_rows=max_rows, allow_service=allow_service)
    try:
        return Endpoint((host, port), pool, page_html, timeout)
    except OSError as exc:
        pool.close()
        raise AikgError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def serve_in_thread(server: Endpoint) -> threading.Thread:
    """Serve in a background thread (for tests and notebooks)."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


def shutdown(server: Endpoint) -> None:
    """Stop serving and stop the workers."""
    server.shutdown()
    server.server_close()
    server.pool.close()


__all__ = ["Endpoint", "make_server", "negotiate", "serve_in_thread", "shutdown"]
