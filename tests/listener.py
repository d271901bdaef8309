"""A local HTTP listener that records every request it receives (to prove none was sent)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


EMPTY_RESULTS = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'


class Listener:
    """Serves 127.0.0.1 on a free port; ``requests`` lists the paths that reached it.

    It answers every request with ``status``, ``body`` and ``content_type``
    (by default: an empty SPARQL JSON result).
    """

    def __init__(self, status: int = 200, body: bytes = EMPTY_RESULTS,
                 content_type: str = "application/sparql-results+json") -> None:
        requests: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                requests.append(f"{self.command} {self.path}")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args) -> None:
                pass

        self.requests = requests
        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Listener":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
