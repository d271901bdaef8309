"""A seeded synthetic AI ecosystem in aikg's record format, for benchmarks.

>>> recs = synthetic_records(200)
>>> len(recs), recs[0]["type"]
(200, 'Article')
"""
from __future__ import annotations

import csv
import itertools
import json
import random
from pathlib import Path

import yaml


def synthetic_records(n: int, seed: int = 7) -> list[dict]:
    """A seeded ecosystem of about ``n`` records (power-law developers, lineage chains)."""
    rng = random.Random(seed)
    n_src, n_org, n_tech = max(5, n // 50), max(5, n // 20), max(5, n // 50)
    n_paper = n // 5
    n_model = n - n_src - n_org - n_tech - n_paper
    recs: list[dict] = []
    srcs = [f"src-{i}" for i in range(n_src)]
    for s in srcs:
        recs.append({"id": s, "type": "Article", "label": {"en": f"Article {s}", "zh": f"文章 {s}"},
                     "url": f"https://example.org/{s}"})
    orgs = [f"org-{i}" for i in range(n_org)]
    for o in orgs:
        recs.append({"id": o, "type": "Company", "label": {"en": f"Org {o}", "zh": f"公司 {o}"},
                     "sources": rng.sample(srcs, 2)})
    techs = [f"tech-{i}" for i in range(n_tech)]
    for t in techs:
        recs.append({"id": t, "type": "Technique", "label": {"en": f"Technique {t}", "zh": f"技术 {t}"},
                     "sources": [rng.choice(srcs)]})
    papers = [f"paper-{i}" for i in range(n_paper)]
    for p in papers:
        recs.append({"id": p, "type": "Paper", "label": {"en": f"Paper {p}"}, "released": rng.randint(2015, 2024),
                     "sources": [rng.choice(srcs)]})
    cum_weights = list(itertools.accumulate(1 / (i + 1) for i in range(n_org)))  # choices(weights=) sums them each call
    models: list[str] = []
    for i in range(n_model):
        m = f"model-{i}"
        rec = {"id": m, "type": "LanguageModel", "label": {"en": f"Model {i}", "zh": f"模型 {i}"},
               "aliases": [f"M{i}"], "released": f"{rng.randint(2018, 2024)}-{rng.randint(1, 12):02d}",
               "parameters": rng.randint(1, 500) * 10**8,
               "developed_by": rng.choices(orgs, cum_weights=cum_weights)[0], "uses": rng.sample(techs, 2),
               "introduced_in": rng.choice(papers), "sources": rng.sample(srcs, 2)}
        if models and rng.random() < 0.6:
            rec["based_on"] = [{"id": rng.choice(models[-50:]), "kind": rng.choice(["finetune", "quantized", "adapter"])}]
        models.append(m)
        recs.append(rec)
    return recs


def write_records(directory: Path, n: int, seed: int = 7, fmt: str = "yaml") -> Path:
    """Write ``n`` synthetic records in ``directory`` as YAML, JSON Lines or CSV (one file per kind)."""
    directory.mkdir(parents=True, exist_ok=True)
    records = synthetic_records(n, seed)
    if fmt == "yaml":
        path = directory / "records.yaml"
        try:
            dumper = yaml.CSafeDumper
        except AttributeError:  # pragma: no cover
            dumper = yaml.SafeDumper
        path.write_text(yaml.dump(records, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path
    if fmt == "jsonl":
        path = directory / "records.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        return path
    by_type: dict[str, list[dict]] = {}
    for r in records:
        by_type.setdefault(r["type"], []).append(r)
    for kind, recs in by_type.items():
        rows = []
        for r in recs:
            row = {"id": r["id"], "type": r["type"]}
            for k, v in r.items():
                if k == "label":
                    row.update({("label" if lang == "en" else f"label_{lang}"): t for lang, t in v.items()})
                elif k == "based_on":
                    row["based_on"] = ";".join(x["id"] for x in v)
                elif isinstance(v, list):
                    row[k] = ";".join(map(str, v))
                elif k not in ("id", "type"):
                    row[k] = v
            rows.append(row)
        columns = sorted({c for row in rows for c in row}, key=lambda c: (c not in ("id", "type", "label"), c))
        with open(directory / f"{kind.lower()}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=columns)
            w.writeheader()
            w.writerows(rows)
    return directory
