"""What a record may hold, whatever file it comes from: its keys, and the patterns of ids, language tags and identifiers.

Every pattern is anchored with ``\\A`` and ``\\Z`` (``$`` would also match
before a final newline, which then breaks the N-Quads the value goes into)
and is used with ``fullmatch``.

>>> bool(SLUG.fullmatch("gpt-3")), bool(SLUG.fullmatch("gpt-3\\n")), did_you_mean("Modle", ["Model", "Paper"])
(True, False, " (did you mean 'Model'?)")
"""
from __future__ import annotations

import difflib
import re
from typing import Iterable

SLUG = re.compile(r"\A[a-z0-9][a-z0-9-]*\Z")
LANG = re.compile(r"\A[a-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
IDENTIFIER_PATTERNS = {
    "wikidata": (re.compile(r"\AQ[1-9][0-9]*\Z"), "Q followed by digits, e.g. Q95726734"),
    "arxiv": (
        re.compile(r"\A([0-9]{4}\.[0-9]{4,5}|[a-z-]+(\.[A-Z]{2})?/[0-9]{7})(v[0-9]+)?\Z"),
        "an arXiv id such as 2005.14165 or cs/0112017",
    ),
    "doi": (re.compile(r"\A10\.[0-9]{4,9}/\S+\Z"), "a DOI such as 10.48550/arXiv.2005.14165"),
    "github": (
        re.compile(r"\A[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(/[A-Za-z0-9_.-]+)?\Z"),
        "owner or owner/name",
    ),
    "huggingface": (re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)?\Z"), "owner/name"),
    "epoch": (re.compile(r"\A\S(?:.{0,198}\S)?\Z"), "the model's name in Epoch AI's database, e.g. GPT-3 175B (davinci)"),
}
RECORD_KEYS = {"id", "type", "label", "aliases", "sources", "ids", "extend", "review"}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
