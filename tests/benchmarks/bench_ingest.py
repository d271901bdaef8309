"""Benchmark: read (markdown-it) and fully ingest a generated survey of ``--mb`` MB of Markdown notes.

Run by hand (not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_ingest.py [--mb 5] [--repeat 1]

The notes mix headings, nested lists, tables (with and without outer pipes),
``<details>`` sections, numbered ``1.Name：URL`` lines, English and Chinese
prose. The anchor is markdown-it rendering the same text to HTML, measured in
the same run: every figure is printed with its ratio to it, so machine noise
cancels. The target is an ingest (parse, extract, link to the known records,
candidate records) under 10 s for 5 MB.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

from graph.ingest.candidates import ingest  # noqa: E402
from graph.ingest.markdown import parse_markdown  # noqa: E402
from graph.records.load import load_records  # noqa: E402

KNOWN = ROOT / "tests" / "fixtures" / "notes" / "known.yaml"


def section(rng: random.Random, i: int) -> str:
    """One part of the survey, about 1.5 KB, with every kind of block."""
    m = f"Lark{i}-{rng.choice([7, 13, 70])}B"
    return (f"## 1.{i} [{m}](https://github.com/acme-ai/lark{i})\n"
            f"- {2018 + i % 6}年：顶点智能发布了 {m} 模型，基于 Orca-2 微调，具有 {i % 90 + 1}0亿参数。\n"
            f"  - 地址：https://github.com/acme-ai/lark{i}\n  - 简介：**中文**对话模型，由北湖大学与顶点智能共同开发\n"
            f"{m} is a chat model developed by Acme AI, released in Feb 2023. It is fine-tuned from Orca-LM\n"
            "with RLHF and shows _few-shot_ ability; see https://arxiv.org/abs/2301.00002 for details.\n\n"
            f"1.{m}：https://arxiv.org/abs/23{i % 100:02d}.0000{i % 10}\n2.Wren-{i}：https://github.com/n/wren{i}\n\n"
            "Name | Org | Link\n--- | --- | ---\n"
            f"{m} | Acme AI | [paper](https://arxiv.org/abs/{i})\n\n"
            "| 时间 | 论文 | 机构 |\n|---|---|---|\n"
            f"| 2022-05 | [Orca {i}: Scaling](https://arxiv.org/abs/2205.{i:05d}) | 顶点智能 & 北湖大学 |\n\n"
            f"<details><summary>Milestone papers {i}</summary>\n\n- [Paper {i}](https://arxiv.org/abs/{i})<br>note\n\n"
            "</details>\n\n")


def notes(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = ["---\ntitle: 合成调研笔记\n---\n# 一、模型\n"]
    total, i = len(parts[0]), 0
    while total < size:
        if i % 40 == 39:
            parts.append(f"# 第{i // 40}部分\n")
        parts.append(section(rng, i))
        total += len(parts[-1].encode("utf-8"))
        i += 1
    return "".join(parts)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    text = notes(int(args.mb * 1_000_000))
    mb = len(text.encode("utf-8")) / 1e6
    path = Path("/tmp") / f"bench-ingest-{int(args.mb * 1000)}.md"
    path.write_text(text, encoding="utf-8")
    known = load_records([KNOWN])
    md = MarkdownIt("commonmark").enable("table")
    anchor = min(timed(lambda: md.render(text)) for _ in range(args.repeat))
    parse = min(timed(lambda: parse_markdown(text, str(path))) for _ in range(args.repeat))
    full = min(timed(lambda: ingest(path, known)) for _ in range(args.repeat))
    blocks = len(parse_markdown(text, str(path)).blocks)
    print(f"{mb:.2f} MB of notes, {text.count(chr(10)):,} lines, {blocks:,} blocks")
    print(f"{'step':<28}{'seconds':>9}{'MB/s':>8}{'x anchor':>10}")
    for name, t in [("anchor: markdown-it render", anchor), ("parse_markdown", parse), ("ingest (parse + extract)", full)]:
        print(f"{name:<28}{t:>9.2f}{mb / t:>8.2f}{t / anchor:>10.2f}")
    print("target: ingest under 10 s:", "met" if full < 10 else "NOT met")


if __name__ == "__main__":
    main()
