"""The CLI documents itself, and README shows every command and starts with the two commands."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CI = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme():
    for name, command in main.commands.items():
        assert command.help, name
        res = CliRunner().invoke(main, [name, "--help"])
        assert res.exit_code == 0
        assert f"aikg {name}" in README, f"README does not show `aikg {name}`"


def test_readme_starts_with_the_build_and_test_commands_and_ci_runs_the_same_tests():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    assert "aikg build" in blocks[0]
    assert "pytest" in blocks[1] and "chromium" in blocks[1]
    test_command = re.search(r"(\S*python -m pytest[^\n`]*)", blocks[1]).group(1)
    assert test_command in CI
    for package in ("chromium", "raptor2-utils"):
        assert package in CI


def test_numeric_options_out_of_range_are_usage_errors_not_tracebacks():
    from click.testing import CliRunner as Runner

    for args in (["serve", "--port", "99999"], ["page", "--depth", "-1"], ["query", "--timeout", "-1", "ASK {}"],
                 ["serve", "--workers", "0"]):
        res = Runner().invoke(main, args)
        assert res.exit_code == 2 and "Invalid value" in res.output and res.exception is not None
        assert "Traceback" not in res.output
