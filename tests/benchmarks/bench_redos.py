"""Benchmark: the Markdown notes reader on the worst case of each pattern family, and on a whole large notes file.

Run by hand (not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_redos.py [--kb 100] [--mb 5,20]

Each family gets about ``--kb`` KB of its worst case (the inputs of
tests/test_attack_ingest.py, made as large as a line may be), read the way
``aikg ingest`` reads it (parsing, plus the extraction rules where the family is
one of theirs; the linker family calls the linker). Then synthetic survey notes
of each ``--mb`` size go through the whole ``aikg ingest NOTES --data KNOWN``
(read, extract, check against the known records, write the candidates).

The anchor is a plain ``str.split`` pass over the same text (its lines, then
each line's words): every figure is printed with its ratio to the anchor
measured in the same run, so machine noise cancels; a reader that is linear in
its input keeps about the same ratio at every size. Times are the best of 3
(``--repeat``) for the families and one run for the large files.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from graph.gcpause import paused_gc  # noqa: E402
from graph.ingest import review  # noqa: E402
from graph.ingest.extract import Extraction  # noqa: E402
from graph.ingest.linker import Linker  # noqa: E402
from graph.ingest.markdown import MAX_LINE, parse_markdown  # noqa: E402
from graph.records.load import load_records  # noqa: E402
from graph.records.model import Record

KNOWN = ROOT / "tests" / "fixtures" / "notes" / "known.yaml"
ORG = "https://w3id.org/aiekg/vocab#Organization"


def anchor(text: str) -> int:
    """A plain pass over the text: its lines, and the words of each."""
    return sum(len(line.split()) for line in text.split("\n"))


def best(fn: Callable[[str], object], text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return min(times)


def families(chars: int) -> list[tuple[str, str, str]]:
    """(name, reader, text) for the worst case of each pattern family, about ``chars`` characters each."""
    line = min(chars, MAX_LINE) - 40  # one line about as long as a line may be
    models = "# Models\n## Orca-LM\n"

    def repeat(piece: str, prefix: str = "", lines: bool = False) -> str:
        count = max(1, (chars - len(prefix)) // len(piece))
        return prefix + piece * count + ("" if lines else "\n")

    spaces = " " * (line // 4 - 8)
    return [
        ("heading: '# a', spaces, 'b'", "parse", "# a" + " " * line + "b\n"),
        ("link: a line of '['", "parse", "[" * line + "\n"),
        ("image: '![a](' repeated", "parse", repeat("![a](")),
        ("autolink: '<http://' repeated", "parse", repeat("<http://")),
        ("template: a line of '{'", "parse", "{" * line + "\n"),
        ("emphasis: '_a ' repeated", "parse", repeat("_a ")),
        ("table separator with spaces", "parse", "| a | b |\n|--" + " " * line + "x|\n| c | d |\n"),
        ("numbers after a name", "extract", models + "Orca-LM GPT " + "9" * line + "\n"),
        ("a run of letters and digits", "extract", models + "Orca-LM " + "a1" * (line // 2) + "\n"),
        ("repeated developer clauses", "extract", repeat("由Acme AI开发 ", models + "Orca-LM ")),
        ("one block naming many entities", "extract", repeat("Acme AI released Orca-2 and Wren-13B. ", models)),
        ("many new entities", "extract", "# Models\n" + "".join(
            f"- 2023年：Acme 发布了 Lark{i} 模型，基于 Orca-2。\n" for i in range(chars // 40))),
        ("multi-line paragraph", "extract", repeat("Acme AI released _a [b\n", models, lines=True)),
        ("linker: spaced names", "link", f"Open{spaces}x, Open{spaces}Lab, Deep{spaces}Mind, Deep{spaces}x"),
    ]


def write_notes(path: Path, size: int) -> None:
    """Synthetic survey notes of about ``size`` bytes: sections of models, people, tables and references.

    Each section names its own new models (numbered), linked to the known entities of the
    notes fixture, in the forms the rules read: release lines, lineage, sizes, stages, roles.
    """
    parts = ["---\ntitle: Synthetic survey of many models\ndate: 2024-01-15\n---\n", "# Models\n"]
    total = sum(len(p.encode("utf-8")) for p in parts)
    i = 0
    while total < size:
        y = 2015 + i % 10
        section = (
            f"## {i + 1}. Lark-{i}\n"
            f"- {y}年：顶点智能发布了 Lark-{i} 模型，基于 Orca-LM 微调，具有 {i % 90 + 7}0亿参数。\n"
            f"- Lark-{i}-zh 由北湖大学与顶点智能共同开发，使用约 {i % 900 + 100}B tokens 的语料训练，共 {i % 40 + 8} 层。\n"
            f"Lark-{i}-chat is a dialogue model developed by Acme AI and Northlake University, released in Mar {y}.\n"
            f"It is fine-tuned from Orca-LM with **RLHF** and uses LoRA; it has {i % 70 + 3}B parameters.\n"
            "The first stage is supervised fine-tuning; the second stage is RLHF.\n\n"
            f"| Model | Date | Institute |\n|---|---|---|\n"
            f"| Lark-{i}-mini | {y}-0{i % 9 + 1} | Northlake University |\n\n"
            f"- Quill {i}, former director of AI at Acme AI, created Lark-{i}-chat.\n"
            f"- 参考：[Lark-{i} report](https://example.org/lark/{i}) 与 <https://example.org/notes/{i}>\n\n"
        )
        parts.append(section)
        total += len(section.encode("utf-8"))
        i += 1
    path.write_text("".join(parts), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb", type=int, default=100, help="size of each family's worst case (KB)")
    ap.add_argument("--mb", default="5,20", help="sizes of the whole notes files (MB, comma-separated)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    linker = Linker(load_records([KNOWN]))
    spaced = Linker([Record("open-lab", ORG, "d.yaml", 1, {"en": "Open  Lab"}),
                     Record("deep-mind", ORG, "d.yaml", 2, {"en": "Deep - Mind"})])
    readers: dict[str, Callable[[str], object]] = {
        "parse": lambda text: parse_markdown(text, "notes.md"),
        "extract": lambda text: Extraction(parse_markdown(text, "notes.md"), linker).run(),
        "link": spaced.mentions,
    }
    print(f"worst case of each pattern family (~{args.kb} KB each; anchor: str.split over the same text)")
    with paused_gc():
        for name, reader, text in families(args.kb * 1000):
            size = len(text.encode("utf-8")) / 1000
            base = best(anchor, text, args.repeat)
            t = best(readers[reader], text, args.repeat)
            print(f"  {name:32s} {size:6.0f} KB  {reader:7s} {t * 1000:8.1f} ms = {t / base:7.1f}x anchor "
                  f"({base * 1000:.2f} ms)", flush=True)
    print("whole notes: aikg ingest NOTES --data tests/fixtures/notes/known.yaml -o candidates.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        per_mb = []
        for mb in (int(s) for s in args.mb.split(",") if s):
            notes = Path(tmp) / f"notes-{mb}mb.md"
            write_notes(notes, mb * 1024 * 1024)
            text = notes.read_text(encoding="utf-8")
            base = best(anchor, text, args.repeat)
            start = time.perf_counter()
            out, summary = review.candidates_text(notes, [KNOWN])
            (Path(tmp) / "candidates.yaml").write_text(out, encoding="utf-8")
            t = time.perf_counter() - start
            per_mb.append((mb, t / mb))
            print(f"  {mb:3d} MB of notes: {t:7.1f} s = {t / base:7.0f}x anchor ({base:.3f} s); "
                  f"{t / mb:5.2f} s per MB; {summary}", flush=True)
        if len(per_mb) > 1:
            (a, ra), (b, rb) = per_mb[0], per_mb[-1]
            print(f"  time per MB at {b} MB / at {a} MB: {rb / ra:.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
