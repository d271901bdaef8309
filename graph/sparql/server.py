"""``aikg serve``: a read-only SPARQL 1.1 Protocol endpoint, the graph page and a query page.

- ``/sparql``: queries by GET (``?query=``), form POST and ``application/sparql-query`` POST;
  results chosen by ``Accept`` (SPARQL JSON and XML, CSV, TSV; Turtle, JSON-LD,
  N-Triples and RDF/XML for CONSTRUCT and DESCRIBE). 400 for a malformed query,
  403 for updates and for SERVICE or unknown FROM graphs, 406 for an Accept it
  cannot meet, 413 for a query over 256 KB, 503 when the time or memory limit
  passes or long queries hold every query process.
- ``/``: the interactive graph page; ``/query``: a query form that works offline. A
  query sent with ``param.NAME=value`` fields has its ``# param:`` header's
  parameters bound as ``aikg query --param`` binds them (the query page sends a
  field per parameter of the named query chosen).

What a web page in the user's browser cannot make it do: the server binds to
127.0.0.1 unless told otherwise; it answers only requests whose ``Host`` is
its own address or ``localhost`` (so a DNS-rebinding name cannot reach it);
``/sparql`` refuses requests that a page of another origin sent
(``Origin``, ``Sec-Fetch-Site``), so a cross-site form cannot post a query.
Bodies need a valid ``Content-Length`` within 1 MB, and a connection whose
body was not read is closed rather than read as the next request.
"""
from __future__ import annotations

import ipaddress
import re
import select
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2
import pyoxigraph as ox

from graph.errors import AikgError, QueryBusy, QueryTooLong
from graph.formats import accepted_types, choose, content_type
from graph.namespaces import slug_of
from graph.sparql.query import named_queries, parse_header, query_bindings
from graph.sparql.terms import record_ids, resolve_bindings
from graph.sparql.text import substitute
from graph.sparql.sandbox import default_max_memory
from graph.sparql.policy import check_size, update_refused
from graph.sparql.workers import ClientGone, NotAcceptable, WorkerPool

MAX_BODY = 1_000_000
#: Seconds a connection may stay silent (a slow client cannot hold a thread for ever).
IDLE_TIMEOUT = 60
#: Seconds a running thread keeps the GIL while another waits for it, while the server serves (Python's
#: default is 0.005). A query's answer, the slot it frees and the next request in line each wait for the
#: GIL in the HTTP front's threads; at 5 ms a turn, 200 busy connections left queries that need a worker
#: waiting seconds behind requests answered from kept answers.
SWITCH_INTERVAL = 0.0005
_SERVING = {"servers": 0, "interval": 0.005}  # how many servers of this process serve; Python's interval before
_SERVING_LOCK = threading.Lock()
_DIGITS = re.compile(r"[0-9]{1,12}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)


def hung_up(sock: socket.socket) -> bool:
    """Whether the peer of a connection closed it (it reads as ended; a request sent ahead is not that).

    >>> a, b = socket.socketpair()
    >>> hung_up(a), (b.close(), hung_up(a))[1]
    (False, True)
    """
    try:
        if not select.select([sock], [], [], 0)[0]:
            return False
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def host_name(host_header: str) -> str:
    """The name in a ``Host`` header, without the port, lowercased.

    >>> host_name("[::1]:8000"), host_name("LocalHost:80"), host_name("evil.example")
    ('::1', 'localhost', 'evil.example')
    """
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


class Endpoint(ThreadingHTTPServer):
    """The HTTP server, holding the worker pool, the pages and who may talk to it."""

    daemon_threads = True
    request_queue_size = 256  # the listen backlog (socketserver's 5 made 200 clients connecting at once retry SYNs)

    def __init__(self, address, pool: WorkerPool, page_html: bytes, timeout: float,
                 allow_hosts: tuple[str, ...] = (), allow_origins: tuple[str, ...] = (),
                 trig: str | Path | None = None):
        super().__init__(address, Handler)
        self.pool = pool
        self.trig = trig
        self._entity_ids: set[str] | None = None
        self.page_html = page_html
        self.query_timeout = timeout
        bound = str(address[0]).lower()
        self.any_ip = bound in ("", "0.0.0.0", "::")
        self.hosts = {"localhost", "127.0.0.1", "::1", bound, *(h.lower() for h in allow_hosts)}
        self.origins = {o.rstrip("/").lower() for o in allow_origins}
        self.query_page = _ENV.get_template("query.html").render(
            queries=[{"name": q.name, "title": q.title, "text": q.text, "params": q.params} for q in named_queries()]
        ).encode("utf-8")

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Serve until :meth:`shutdown`, with the GIL handed over every :data:`SWITCH_INTERVAL` seconds
        (Python's own value comes back when the last server of the process stops, in whatever order)."""
        with _SERVING_LOCK:
            if not _SERVING["servers"]:
                _SERVING["interval"] = sys.getswitchinterval()
                sys.setswitchinterval(min(_SERVING["interval"], SWITCH_INTERVAL))
            _SERVING["servers"] += 1
        try:
            super().serve_forever(poll_interval)
        finally:
            with _SERVING_LOCK:
                _SERVING["servers"] -= 1
                if not _SERVING["servers"]:
                    sys.setswitchinterval(_SERVING["interval"])

    def entity_ids(self) -> set[str]:
        """The record ids of the served graph's entities, read from the dataset file once, when first needed."""
        if self._entity_ids is None:
            quads = ox.parse(path=str(self.trig), format=ox.RdfFormat.TRIG) if self.trig else ()
            self._entity_ids = record_ids(quads)
        return self._entity_ids

    def bind(self, text: str, fields: dict[str, str]) -> str:
        """The query with its ``# param:`` parameters bound to the page's fields, as ``--param`` binds them."""
        bindings = query_bindings(parse_header("query", text), fields, option="parameter")
        bindings = resolve_bindings(bindings, lambda iri: slug_of(iri) in self.entity_ids(), self.entity_ids)
        return substitute(text, {k: str(v) for k, v in bindings.items()})


class Handler(BaseHTTPRequestHandler):
    server: Endpoint
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go as two writes: Nagle held the body ~40 ms on keep-alive
    timeout = IDLE_TIMEOUT

    def log_message(self, fmt: str, *args) -> None:  # one short line per request on stderr
        line = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", fmt % args)  # no escape codes from clients
        sys.stderr.write(f"{self.address_string()} {line}\n")

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        origin = (self.headers.get("Origin") or "").rstrip("/").lower()
        if origin and origin in self.server.origins:  # a web client the user let in may read the answer
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def _refused(self) -> bool:
        """Answer and return True when the request comes under a name or from a page it must not."""
        host = self.headers.get("Host")
        if host is not None:
            name = host_name(host)
            if name not in self.server.hosts and not (self.server.any_ip and _is_ip(name)):
                self.close_connection = True
                self._error(403, f"Host {host!r} is not this server's address; requests under another name "
                                 "are refused (DNS rebinding). aikg serve --allow-host NAME accepts a name.")
                return True
        if urlsplit(self.path).path != "/sparql":
            return False
        origin = (self.headers.get("Origin") or "").rstrip("/").lower()
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        own = f"http://{(host or '').lower()}"
        if origin in self.server.origins:
            return False
        if (origin and origin != own) or site in ("cross-site", "same-site"):
            self.close_connection = True
            self._error(403, f"a page of another origin ({origin or site}) may not query this endpoint; "
                             "aikg serve --allow-origin ORIGIN accepts one")
            return True
        return False

    def _body_left_unread(self) -> None:
        """GET and HEAD do not read a body: if one was sent, close rather than read it as a request."""
        if self.headers.get("Transfer-Encoding") or (self.headers.get("Content-Length") or "0").strip() != "0":
            self.close_connection = True

    def _read_body(self) -> bytes | None:
        """The request body, or None after answering 400, 411 or 413 (and closing the connection)."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._error(411, "send the body with a Content-Length (chunked bodies are not accepted)")
            return None
        values = self.headers.get_all("Content-Length") or []
        if not values:
            self.close_connection = True
            self._error(411, "a POST needs a Content-Length")
            return None
        if len({v.strip() for v in values}) != 1 or not _DIGITS.fullmatch(values[0].strip()):
            self.close_connection = True
            self._error(400, f"bad Content-Length {', '.join(values)!r}")
            return None
        length = int(values[0])
        if length > MAX_BODY:
            self.close_connection = True
            self._error(413, f"request body over {MAX_BODY} bytes")
            return None
        body = self.rfile.read(length)
        if len(body) < length:
            self.close_connection = True
            return None
        return body

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_OPTIONS(self) -> None:  # noqa: N802 - a CORS preflight, answered only for --allow-origin origins
        self._body_left_unread()
        if self._refused():
            return
        origin = (self.headers.get("Origin") or "").rstrip("/").lower()
        if origin not in self.server.origins:
            self._error(403, "cross-origin requests are refused; aikg serve --allow-origin ORIGIN accepts one")
            return
        self._send(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST",
                                             "Access-Control-Allow-Headers": "Content-Type, Accept",
                                             "Access-Control-Max-Age": "600"})

    def do_GET(self) -> None:  # noqa: N802
        self._body_left_unread()
        if self._refused():
            return
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
            self.close_connection = True
            self._error(404, f"not found: {url.path}")
            return
        if self._refused():
            return
        raw = self._read_body()
        if raw is None:
            return
        body = raw.decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        elif ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            self._error(403, str(update_refused()))
            return
        else:
            self._error(415, "POST a form (application/x-www-form-urlencoded) or application/sparql-query")
            return
        self._sparql(params)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(403, str(update_refused()))
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(400, "default-graph-uri and named-graph-uri are not supported; use FROM in the query")
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(400, "give exactly one query (query=...)")
            return
        text = queries[0]
        fields = {k[len("param."):]: v[-1] for k, v in params.items() if k.startswith("param.")}
        try:
            check_size(text)
            text = self.server.bind(text, fields) if fields else text
        except QueryTooLong as exc:
            self._error(exc.status, str(exc))
            return
        except AikgError as exc:  # a parameter field that names nothing, or a parameter the query has not
            self._error(400, str(exc))
            return
        accept = self.headers.get("Accept")
        select_fmt = choose(accept, "select")
        graph_fmt = choose(accept, "graph")
        if select_fmt is None and graph_fmt is None:
            self._error(406, "cannot answer in the accepted types; offered: "
                        + ", ".join([*accepted_types("select"), *accepted_types("graph")]))
            return
        try:  # checked, run and formatted in a confined process, within the time limit
            answer = self.server.pool.run(text, self.server.query_timeout, select_fmt or "", graph_fmt=graph_fmt or "",
                                          gone=lambda: hung_up(self.connection))
        except ClientGone:  # nobody to answer
            self.close_connection = True
        except NotAcceptable:
            self._error(406, "cannot answer in the accepted types; offered: "
                        + ", ".join(accepted_types("graph" if select_fmt else "select")))
        except AikgError as exc:  # each kind of error carries its HTTP status
            self._error(exc.status, str(exc), {"Retry-After": "5"} if isinstance(exc, QueryBusy) else None)
        else:
            self._send(200, answer.body, content_type(answer.fmt))


def make_server(trig: str | Path, page_html: bytes, host: str = "127.0.0.1", port: int = 8000,
                timeout: float = 5.0, max_rows: int = 10000, workers: int = 2,
                allow_service: bool = False, max_memory: int | None = None,
                allow_hosts: tuple[str, ...] = (), allow_origins: tuple[str, ...] = ()) -> Endpoint:
    """A ready server (not yet serving); ``port=0`` picks a free port (see ``server_address``).

    ``max_memory``: bytes each query may use (default: a quarter of the RAM shared
    by the ``workers + 1`` queries that may run at once).
    """
    if max_memory is None:
        max_memory = default_max_memory(0.25 / (workers + 1))
    pool = WorkerPool(trig, size=workers, max_rows=max_rows, allow_service=allow_service, max_memory=max_memory)
    try:
        return Endpoint((host, port), pool, page_html, timeout, allow_hosts, allow_origins, trig)
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


__all__ = ["Endpoint", "make_server", "serve_in_thread", "shutdown"]
