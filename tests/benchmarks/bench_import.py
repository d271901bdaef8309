"""Benchmark: ``aikg import`` on big downloads, time and peak memory against reading the same file once.

Run by hand (not collected by pytest):

    .venv/bin/python tests/benchmarks/bench_import.py [--rows 10000,100000]

For each size it writes a seeded synthetic Epoch AI CSV (the published columns;
models named ``Model N``, 300 organizations in two spellings each, a base model
for one row in five, an arXiv link for one in two) and a seeded arXiv snapshot
(five authors a paper, drawn from a pool of a tenth as many people), then runs
each import in a fresh process and prints its time and peak resident memory,
each as a ratio to the anchor measured in the same run: a process that reads
the same file once with ``csv.reader`` or ``json.loads`` and writes every row
back as JSON. Reconciliation is against ``data/``. The growth from one size to
the next shows what memory holds: the entities' names and identifiers (what
reconciliation needs), not the rows' facts.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Model", "Organization", "Publication date", "Domain", "Task", "Parameters", "Training compute (FLOP)",
          "Confidence", "Link", "Reference", "Base model", "Training compute cost (2023 USD)", "Abstract"]

IMPORT = """
import resource, sys, time
sys.path.insert(0, {root!r})
from graph.imports import import_file
t = time.perf_counter()
r = import_file({kind!r}, {path!r}, {out!r}, [{data!r}], retrieved="2026-12-01")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, r.used, r.new)
"""
ANCHOR = """
import csv, json, resource, sys, time
t = time.perf_counter()
with open({path!r}, encoding="utf-8", newline="") as f, open({out!r}, "w", encoding="utf-8") as o:
    rows = csv.DictReader(f) if {path!r}.endswith(".csv") else (json.loads(x) for x in f)
    for row in rows:
        o.write(json.dumps(row) + "\\n")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 0, 0)
"""


def epoch_csv(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    orgs = [f"Lab {i} AI" for i in range(300)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(n):
            org = rng.choice(orgs)
            org = org.lower() if rng.random() < 0.3 else org  # another spelling of the same organization
            base = f"Model {rng.randrange(i)}" if i and rng.random() < 0.2 else ""
            link = f"https://arxiv.org/abs/{2000 + i // 99999}.{i % 99999:05d}" if rng.random() < 0.5 else ""
            w.writerow([f"Model {i}", org, f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        "Language", "Language modeling", f"{rng.randint(1, 999)}e+0{rng.randint(6, 9)}",
                        f"{rng.random():.3f}e+2{rng.randint(0, 5)}", rng.choice(["Confident", "Likely", "Speculative"]),
                        link, f"Paper {i}" if link else "", base, f"{rng.random() * 1e6:.2f}", "x " * 40])


def arxiv_jsonl(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    people = [(f"Last{i}", f"First{i}", "") for i in range(max(1, n // 10))]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            authors = rng.sample(people, min(5, len(people)))
            f.write(json.dumps({"id": f"{2000 + i // 99999}.{i % 99999:05d}", "title": f"Paper number {i}",
                                "authors_parsed": [list(a) for a in authors], "categories": "cs.CL cs.LG",
                                "versions": [{"version": "v1", "created": "Thu, 28 May 2020 17:29:03 GMT"}],
                                "abstract": "x " * 80, "doi": None}) + "\n")


def run(script: str) -> tuple[float, float, int, int]:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2]), int(out[3])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default="10000,100000")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in (int(x) for x in args.rows.split(",")):
            for kind, make, name in (("epoch", epoch_csv, f"epoch-{n}.csv"), ("arxiv", arxiv_jsonl, f"arxiv-{n}.json")):
                path = tmp / name
                make(path, n)
                mb = path.stat().st_size / 1e6
                a_s, a_mb, _, _ = run(ANCHOR.format(path=str(path), out=str(tmp / "anchor.jsonl")))
                t0 = time.perf_counter()
                i_s, i_mb, used, new = run(IMPORT.format(root=str(ROOT), kind=kind, path=str(path),
                                                         out=str(tmp / "out.jsonl"), data=str(ROOT / "data")))
                print(f"{kind:6} {n:>8} rows ({mb:6.1f} MB): import {i_s:7.2f} s, peak {i_mb:7.1f} MB "
                      f"({used} read, {new} new entities) | anchor {a_s:6.2f} s, {a_mb:6.1f} MB | "
                      f"ratio time {i_s / a_s:5.1f}x, memory {i_mb / a_mb:5.1f}x "
                      f"[{time.perf_counter() - t0:.1f} s wall]", flush=True)


if __name__ == "__main__":
    main()
