"""The CLI documents itself, and README shows every command and starts with the two commands."""
from __future__ import annotations

import re
import shlex
import subprocess
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
    for package in ("chromium", "raptor2-utils", "fonts-noto-cjk", "virtuoso-opensource"):
        assert package in CI and package in blocks[1]


def test_numeric_options_out_of_range_are_usage_errors_not_tracebacks():
    from click.testing import CliRunner as Runner

    for args in (["serve", "--port", "99999"], ["page", "--depth", "-1"], ["query", "--timeout", "-1", "ASK {}"],
                 ["serve", "--workers", "0"]):
        res = Runner().invoke(main, args)
        assert res.exit_code == 2 and "Invalid value" in res.output and res.exception is not None
        assert "Traceback" not in res.output


ROOT = Path(__file__).resolve().parent.parent


def _ingest_section() -> str:
    return README.split("## From survey notes to graph facts", 1)[1].split("\n## ", 1)[0]


def _run_readme_line(line: str) -> None:
    """One line of a README bash block: ``aikg`` in this process, ``mkdir`` and ``cp`` as they are, joined by &&."""
    for part in line.split("&&"):
        argv = shlex.split(part, comments=True)
        if not argv:
            continue
        if argv[0] == "aikg":
            res = CliRunner().invoke(main, argv[1:])
            assert res.exit_code == 0 and "Traceback" not in res.output, f"$ {part.strip()}\n{res.output}"
        else:
            assert argv[0] in ("mkdir", "cp"), f"README runs {argv[0]!r}, which this test does not know"
            subprocess.run(argv, check=True)


def _in_a_fresh_checkout(tmp_path, monkeypatch) -> None:
    """Work in tmp_path, which sees the project's data/ and tests/ (read only) but writes nothing into them."""
    for name in ("data", "tests"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    monkeypatch.chdir(tmp_path)


def test_the_readme_ingest_examples_run_on_files_the_repository_ships(tmp_path, monkeypatch):
    section = _ingest_section()
    blocks = re.findall(r"```bash\n(.*?)\n```", section, re.S)
    assert len(blocks) == 2 and "--merge" in blocks[0] and "--evaluate" in blocks[1]
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    for line in lines:  # the notes, gold and known entities the examples read are files of the repository
        for path in re.findall(r"tests/fixtures/\S+", line):
            assert (ROOT / path).is_file(), f"README's ingest example reads {path}, which is not in the repository"
    _in_a_fresh_checkout(tmp_path, monkeypatch)
    for line in lines:
        _run_readme_line(line)
    assert (tmp_path / "try" / "data" / "ingested-candidates.yaml").is_file()
    assert (tmp_path / "try" / "out" / "graph.trig").is_file()


def test_the_readme_validate_transcript_is_what_validate_prints(tmp_path, monkeypatch):
    block = next(b for b in re.findall(r"```text\n(.*?)\n```", README, re.S) if "$ aikg validate" in b)
    name, content, command, printed = re.fullmatch(r"\$ cat (\S+)\n(.*?)\n\$ (aikg [^\n]*)\n(.*)", block, re.S).groups()
    _in_a_fresh_checkout(tmp_path, monkeypatch)
    Path(name).write_text(content + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, shlex.split(command)[1:])
    assert res.exit_code == 1 and res.output.rstrip("\n") == printed, res.output


def test_readme_commands_say_once_that_they_assume_the_venv():
    assert README.count(". .venv/bin/activate") == 1 and ".venv/bin/aikg" in README.split("## ", 1)[0]


def test_the_readme_store_table_is_the_librarys():
    from graph.sparql.stores import STORES

    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| [^|]*\(`(\w+)`\) \|.*$", README, re.M)}
    assert set(STORES) <= set(rows)
    for kind, store in STORES.items():
        cells = [c.strip() for c in rows[kind].strip("|").split("|")]
        assert f"`{store.push_to}" in cells[1] and f"`{store.query_at}`" == cells[2], kind
        assert cells[4].startswith("yes") == store.tested, f"README says {kind} is {'un' * store.tested}tested"
        assert ("urn:aikg:union" in cells[3]) == (not store.default_graph), kind
