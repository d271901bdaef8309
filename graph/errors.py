"""One exception type for every problem the user can fix: it names file and line."""
from __future__ import annotations

from pathlib import Path


class AikgError(Exception):
    """A user-facing error: ``file:line: message`` when the place is known.

    >>> str(AikgError("unknown type 'Modle'", "data/models.yaml", 12))
    "data/models.yaml:12: unknown type 'Modle'"
    >>> str(AikgError("no data files found"))
    'no data files found'
    """

    status = 500  #: the HTTP status the endpoint answers with

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class QuerySyntaxError(AikgError):
    """The query does not parse (HTTP 400)."""

    status = 400


class QueryRefused(AikgError):
    """The query would update the graph or reach outside it (HTTP 403)."""

    status = 403


class QueryTimeout(AikgError):
    """The query ran past its time limit and was stopped (HTTP 503)."""

    status = 503


class QueryTooLarge(AikgError):
    """The query returned more rows than allowed (HTTP 400)."""

    status = 400


class QueryTooLong(AikgError):
    """The query text is longer than aikg accepts (HTTP 413)."""

    status = 413


class QueryOutOfMemory(AikgError):
    """The query needed more memory than its limit and was stopped (HTTP 503)."""

    status = 503


class QueryBusy(QueryTimeout):
    """Every query process is taken by long queries; try again later (HTTP 503)."""
