"""The command line explains itself: every option has help, summaries are whole, inputs are all named."""
from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.formats import INPUT, RECORDS, formats


def _commands(group: click.Group = main, path: tuple[str, ...] = ()):
    """(argv prefix, command) of every command and group under ``group``, ``group`` itself first."""
    yield path, group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, path + (name,))
        else:
            yield path + (name,), command


COMMANDS = list(_commands())
IDS = [" ".join(("aikg",) + path) for path, _ in COMMANDS]


def _help(path: tuple[str, ...], width: int = 80) -> str:
    res = CliRunner().invoke(main, [*path, "--help"], terminal_width=width)
    assert res.exit_code == 0, res.output
    return res.output


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_every_option_of_every_command_has_a_help_text(path, command):
    missing = [opt.opts for opt in command.params if isinstance(opt, click.Option) and not (opt.help or "").strip()]
    assert missing == [], f"aikg {' '.join(path)}: options without help: {missing}"


@pytest.mark.parametrize("width", [80, 60])
def test_the_command_list_shows_every_summary_whole(width):
    text = _help((), width)
    listing = text.split("Commands:", 1)[1]
    summaries = {}
    for line in listing.splitlines():
        m = re.match(r"  (\S+)\s+(.*)", line)
        if m:
            summaries[m.group(1)] = m.group(2)
    assert set(summaries) == set(main.commands)
    for name, summary in summaries.items():
        assert not summary.endswith("..."), f"{name}: {summary!r} is cut"
        assert summary.endswith("."), f"{name}: {summary!r} is not a sentence"
    for name, command in main.commands.items():
        short = command.get_short_help_str(limit=45)  # what click shows in a list 45 characters wide
        assert not short.endswith("...") and len(short) <= 45, f"{name}: {short!r} does not fit"
        assert len(command.help) > len(short), f"{name}: the long help is gone"


def _takes_inputs(command: click.Command) -> bool:
    return any(isinstance(p, click.Option) and "--data" in p.opts for p in command.params)


@pytest.mark.parametrize("path, command", [(p, c) for p, c in COMMANDS if _takes_inputs(c)],
                         ids=[i for i, (_, c) in zip(IDS, COMMANDS) if _takes_inputs(c)])
def test_the_help_of_every_command_that_reads_inputs_names_every_input_format(path, command):
    text = " ".join(_help(path, width=1000).split())  # one line, so that no suffix is split
    if path[-1] in RECORDS_ONLY:
        for suffix in (x for f in formats(INPUT) if f.carries == RECORDS for x in f.suffixes):
            assert re.search(rf"(?<![\w.]){re.escape(suffix)}(?![\w])", text), f"aikg {path[-1]} --help does not name {suffix}"
        return
    for f in formats(INPUT):
        for suffix in f.suffixes:
            assert re.search(rf"(?<![\w.]){re.escape(suffix)}(?![\w])", text), \
                f"aikg {' '.join(path)} --help does not name {suffix} ({f.name})"
    for kind in ("records", "RDF", "notes"):
        assert kind in text, f"aikg {' '.join(path)} --help does not say {kind}"


#: Commands whose --data is records only (to reconcile with), not RDF files or notes.
RECORDS_ONLY = {"import"}


def test_the_commands_that_read_inputs_are_the_ones_expected():
    assert {p[-1] for p, c in COMMANDS if _takes_inputs(c)} == {
        "build", "validate", "query", "export", "page", "serve", "push", "ingest", "import",
        "show", "lineage", "path", "stats", "timeline"}
