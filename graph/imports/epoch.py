"""Epoch AI's database of AI models (``notable_ai_models.csv``, ``all_ai_models.csv``), read as a stream.

Columns are found by the names Epoch AI publishes (:data:`COLUMNS`); a column not
in that table is counted and ignored, never an error. One row is one model:
``Organization`` may list several (each an organization, spellings that differ
only in case or spacing are one), ``Base model`` names another row's model (a
lineage edge), ``Confidence`` (Confident, Likely, Speculative) is stated as the
model's ``confidence_level`` in this file's named graph, and an arXiv link in
``Link`` gives the paper that introduced the model (titled by ``Reference``).
A row that cannot be used (no model name, cells missing) is reported as
``file:line: what is wrong`` and skipped; a cell that cannot be read (a date
such as 2023-13-45, "about 7B" parameters) is reported and the rest of the row kept.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "notable_ai_models.csv"
>>> _ = p.write_text("Model,Organization,Publication date,Parameters,Confidence,Surprise\\nGPT-2 (1.5B),OpenAi,2019-02-14,1.5e+09,Likely,x\\n")
>>> b = read(p)
>>> m = b.entities["model:gpt2(15b)"]
>>> m.label, m.facts["parameters"], m.facts["released"], m.facts["confidence_level"], m.links, b.ignored_columns
('GPT-2 (1.5B)', 1500000000, '2019-02-14', 'Likely', [('developed_by', 'org:openai', None)], ['Surprise'])
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterator

from graph.imports.model import Batch, Entity, Problem
from graph.imports.names import name_key, split_names
from graph.imports.values import day, first_bad_line, number, real
from graph.ingest.ids import arxiv_id
from graph.records.yamlread import MAX_TEXT

#: Epoch AI's column names, and what each becomes (the columns read; any other is ignored).
COLUMNS = {
    "Model": "label and ids.epoch",
    "Organization": "developed_by (several, comma-separated)",
    "Publication date": "released",
    "Domain": "the type: LanguageModel when it lists Language, else Model",
    "Task": "task (several)",
    "Parameters": "parameters",
    "Training compute (FLOP)": "training_compute",
    "Training compute cost (2023 USD)": "training_cost (USD, an estimate)",
    "Confidence": "confidence_level",
    "Link": "an arXiv link: the paper that introduced the model",
    "Reference": "that paper's title",
    "Base model": "based_on (finetune when Finetune compute is given)",
    "Finetune compute (FLOP)": "the kind of the based_on edge",
}
CONFIDENCE = {"confident": "Confident", "likely": "Likely", "speculative": "Speculative"}
MAX_CELL = 16 * 1024 * 1024  #: a cell as long as this is read (Epoch's Abstract and Authors cells are long)
_URL = re.compile(r"https?://[^\s,;]+")  # a Link cell lists URLs separated by newlines, commas or semicolons


def model_key(name: str) -> str:
    return "model:" + name_key(name)


def read(path: Path) -> Batch:
    """Every usable row of an Epoch AI CSV file as entities (models, organizations, papers), with the problems."""
    return Batch.of(rows(path))


def rows(path: Path) -> Iterator[Batch]:
    """The file row by row, as a stream: one batch a row (its entities, or the problem that skipped it)."""
    shown = str(path)
    line = 1
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if not header or "Model" not in [h.strip() for h in header]:
                yield _problem(shown, 1, "no Model column: not an Epoch AI models file "
                                         "(its header starts Model,Organization,Publication date,...)")
                return
            header = [h.strip() for h in header]
            first = Batch(ignored_columns=[h for h in header if h and h not in COLUMNS])
            yield first
            last = reader.line_num
            while True:
                line = last + 1
                cells = next(reader, None)
                if cells is None:
                    break
                last = reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                batch = Batch(read=1)
                if len(cells) != len(header):
                    batch.problems.append(Problem(shown, line, f"the row has {len(cells)} cells, the header "
                                                               f"{len(header)}: skipped"))
                else:
                    _row(batch, shown, line, dict(zip(header, cells)))
                yield batch
    except UnicodeDecodeError:
        yield _problem(shown, first_bad_line(path), "is not UTF-8 text: the rest of the file is not read")
    except (OSError, csv.Error) as exc:
        yield _problem(shown, line, f"cannot be read: {exc}: the rest of the file is not read")


def _problem(path: str, line: int, message: str) -> Batch:
    return Batch(problems=[Problem(path, line, message)])


def _row(batch: Batch, path: str, line: int, row: dict[str, str]) -> None:
    def cell(name: str) -> str:
        text = (row.get(name) or "").strip()
        if len(text) > MAX_TEXT:  # longer than a record may hold: left out, said once
            problem(f"{name}: {len(text):,} characters, more than a record's {MAX_TEXT:,}: left out")
            row[name] = text = ""
        return text

    def problem(message: str) -> None:
        batch.problems.append(Problem(path, line, message))

    name = cell("Model")
    if not name:
        problem("no Model name: skipped")
        return
    domains = [d.strip().lower() for d in cell("Domain").split(",")]
    model = batch.add(Entity(model_key(name), "LanguageModel" if "language" in domains else "Model", name, line))
    model.ids["epoch"] = name
    facts = model.facts
    if cell("Publication date"):
        if (released := day(cell("Publication date"))) is None:
            problem(f"Publication date {cell('Publication date')!r} is not a date: left out")
        else:
            facts["released"] = released
    for column, key, read_as in (("Parameters", "parameters", number), ("Training compute (FLOP)", "training_compute", real)):
        if cell(column):
            value = read_as(cell(column))
            if value is None:
                problem(f"{column} {cell(column)!r} is not a number: left out")
            else:
                facts[key] = value
    if cell("Training compute cost (2023 USD)"):
        cost = real(cell("Training compute cost (2023 USD)"))
        if cost is None:
            problem(f"Training compute cost {cell('Training compute cost (2023 USD)')!r} is not a number: left out")
        else:
            facts["training_cost"] = {"amount": round(cost), "currency": "USD", "precision": "estimate"}
    if cell("Confidence"):
        level = CONFIDENCE.get(cell("Confidence").lower())
        if level is None:
            problem(f"Confidence {cell('Confidence')!r} is not Confident, Likely or Speculative: left out")
        else:
            facts["confidence_level"] = level
    tasks = split_names(cell("Task"))
    if tasks:
        facts["task"] = tasks
    for org in split_names(cell("Organization")):
        batch.add(Entity("org:" + name_key(org), "Organization", org, line))
        model.links.append(("developed_by", "org:" + name_key(org), None))
    # the paper, not one version of it: 2205.05131v1 is 2205.05131
    papers = [re.sub(r"v[0-9]+$", "", a) for a in (arxiv_id(u) for u in _URL.findall(cell("Link"))) if a]
    for a in dict.fromkeys(papers):
        paper = batch.add(Entity("arxiv:" + a, "Paper", cell("Reference") or f"arXiv:{a}", line))
        paper.ids["arxiv"] = a
        model.links.append(("introduced_in", "arxiv:" + a, None))
    if cell("Base model"):
        base = cell("Base model")
        batch.add(Entity(model_key(base), model.type, base, line, stub=True)).ids.setdefault("epoch", base)
        model.links.append(("based_on", model_key(base), "finetune" if cell("Finetune compute (FLOP)") else None))
    batch.used += 1
