"""Every fact credited to the survey is one the survey states: the list in tests/fixtures/survey-facts.yaml.

The survey (``survey-ai-ecosystem``) is a short blog post; a fact that data/
credits to it, directly or through its record's ``sources:``, must be in the
list with the sentence of the survey that states it, and the list may hold no
fact that data/ no longer credits to it. Adding such a fact means quoting the
survey for it (or crediting another source). The survey itself is not in the
repository, so the sentences live in the fixture; they were checked against it
once, by hand.

The named query ``facts-without-stating-source`` lists, for any dataset, the
facts that rest on notes alone (a Survey or a passage of one); it is run here
on a small dataset whose answer is known.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from graph.build import build
from graph.records.kinds import KINDS
from graph.records.load import load_records
from graph.records.model import Fact
from graph.sparql.query import run_named
from graph.vocabulary import Vocabulary, load_vocabulary

from conftest import DATA, FIXTURES

SURVEY = "survey-ai-ecosystem"
LISTED = FIXTURES / "survey-facts.yaml"


def _canon(x):
    """A value in one comparable form: maps and lists kept, every scalar as its text (true, 12, 2018)."""
    if isinstance(x, dict):
        return {str(k): _canon(v) for k, v in x.items() if v is not None}
    if isinstance(x, (list, tuple)):
        return [_canon(v) for v in x]
    if isinstance(x, bool):
        return "true" if x else "false"
    return str(x)


def listed_form(fact: Fact, vocab: Vocabulary) -> tuple[str | None, object]:
    """(language, value) of a fact as the list gives it: text without its language, a date as written,
    a concept by its record key (approximate, finetune), an amount under ``amount`` as in data/."""
    kind = KINDS[vocab.keys[fact.key].kind]
    if kind.by_language:
        return fact.value[0], fact.value[1]
    if kind.name == "date":
        return None, fact.value[0]
    keys = {iri: key for table in vocab.concepts.values() for key, iri in table.items()}

    def named(x):
        if isinstance(x, dict):
            return {k: named(v) for k, v in x.items()}
        return keys.get(x, x) if isinstance(x, str) else x

    value = named(fact.value)
    if kind.name == "money":
        value = {("amount" if k == "value" else k): v for k, v in value.items()}
    return None, value


def _key(record: str, key: str, lang: str | None, value) -> str:
    return json.dumps([record, key, lang, _canon(value)], ensure_ascii=False, sort_keys=True)


def _show(record: str, key: str, lang: str | None, value) -> str:
    return f"{record} {key}{f' ({lang})' if lang else ''}: {json.dumps(_canon(value), ensure_ascii=False)[:120]}"


def survey_facts(data: Path = DATA) -> dict[str, str]:
    """The facts of data/ credited to the survey, by their comparable key, each with how it reads."""
    vocab = load_vocabulary()
    out = {}
    for rec in load_records([data], vocab):
        for fact in rec.facts:
            if SURVEY in fact.sources:  # its own sources, or its record's when it names none
                lang, value = listed_form(fact, vocab)
                out[_key(rec.id, fact.key, lang, value)] = _show(rec.id, fact.key, lang, value)
    return out


def listed(path: Path = LISTED) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def listed_keys(entries: list[dict]) -> dict[str, str]:
    return {_key(e["record"], e["key"], e.get("lang"), e["value"]):
            _show(e["record"], e["key"], e.get("lang"), e["value"]) for e in entries}


def test_every_fact_credited_to_the_survey_is_listed_with_its_sentence():
    known = listed_keys(listed())
    unlisted = sorted(show for k, show in survey_facts().items() if k not in known)
    assert unlisted == [], ("facts credited to the survey but not in tests/fixtures/survey-facts.yaml "
                            "(quote the survey's sentence for each, or credit a source that states it):\n"
                            + "\n".join(unlisted))


def test_every_listed_fact_is_still_credited_to_the_survey():
    facts = survey_facts()
    stale = sorted(show for k, show in listed_keys(listed()).items() if k not in facts)
    assert stale == [], "listed facts that data/ no longer credits to the survey:\n" + "\n".join(stale)


def test_every_listed_fact_quotes_a_sentence_and_is_listed_once():
    entries = listed()
    assert len(entries) > 100
    for e in entries:
        sentences = [e.get("sentence"), *e.get("also", [])]
        assert all(isinstance(s, str) and s.strip() for s in sentences), e
        assert set(e) <= {"record", "key", "lang", "value", "sentence", "also"}, e
    keys = [_key(e["record"], e["key"], e.get("lang"), e["value"]) for e in entries]
    assert len(keys) == len(set(keys)), "a fact is listed twice"


def test_a_new_survey_fact_that_is_not_listed_is_found(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    models = data / "models.yaml"
    text = models.read_text(encoding="utf-8")
    # GPT-3's record credits the survey; a layer count the survey never gives would be credited to it too
    marker = "  parameters: 175000000000\n"
    assert marker in text
    models.write_text(text.replace(marker, marker + "  layers: 96\n"), encoding="utf-8")
    known = listed_keys(listed())
    new = [show for k, show in survey_facts(data).items() if k not in known]
    assert new == ["gpt-3 layers: \"96\""]


def test_a_listed_value_must_match_the_data_exactly():
    entries = listed()
    changed = [dict(e) for e in entries]
    first = next(e for e in changed if e["key"] == "parameters" and e["record"] == "gpt-3")
    first["value"] = 17500000000
    assert len(set(listed_keys(changed)) - set(survey_facts())) == 1


# ---------------------------------------------------------------- the named query

NOTES_DATA = """\
- id: notes
  type: Survey
  label: {en: My notes}
- id: paper-a
  type: Paper
  label: {en: A paper}
  url: https://example.org/a
- id: blog-b
  type: Article
  label: {en: A blog post}
  url: https://example.org/b
- id: ingested
  type: Passage
  label: {en: notes.md lines 3-4}
  in_source: notes
  lines: 3-4
  quote: Acme released Rook in 2021.
- id: acme
  type: Company
  label: {en: Acme}
  sources: [notes]
- id: rook
  type: LanguageModel
  label: {en: Rook}
  developed_by: acme
  layers: {value: 24, sources: [paper-a]}
  parameters: {value: 7000000000, sources: [notes, paper-a]}
  homepage: https://example.org/rook
  released: {value: 2021, sources: [ingested]}
  sources: [notes, blog-b]
"""


def test_the_query_lists_the_facts_that_rest_on_notes_alone(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    (d / "notes.yaml").write_text(NOTES_DATA, encoding="utf-8")
    result = build([d])
    assert result.violations == {}
    rows = run_named(result.kg, "facts-without-stating-source").rows
    assert rows == [
        # only the passage of the notes states it
        ["kg:rook", "aikg:releaseDate", "2021", "kg:ingested", "notes only"],
        # stated by the notes and by the record's other default source, blog-b, and nothing named for it
        ["kg:rook", "aikg:developedBy", "kg:acme", "kg:notes", "notes and record defaults"],
        ["kg:rook", "aikg:homepage", "https://example.org/rook", "kg:notes", "notes and record defaults"],
    ]
    # not listed: rook's layers (the paper only), its parameters (the paper besides the notes), anything the
    # notes do not state (the paper's and the blog's URLs), and types, labels and aliases
