"""Finding imported entities in the graph: by identifier first, then by name within a family, never by guess.

:class:`Index` holds the records already curated (``data/``): their identifiers,
normalized names (labels in every language and aliases, :func:`~graph.imports.names.name_key`)
and developers. :func:`reconcile` gives each imported entity a record id: an
existing one (the import then adds facts with ``extend:``) or a new, free one.
A name shared by several records of the family is settled by the developers
they have in common, else the entity stays separate and is listed as ambiguous,
as is a name that matches only without its size ("LLaMA-65B" and LLaMA).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from graph.imports.model import Batch, Entity
from graph.imports.names import label_keys, name_key, without_size
from graph.ingest.ids import free_id, person_slug, slugify
from graph.records.model import Record
from graph.vocabulary import Vocabulary

#: Identifier keys and how a value is normalized before comparing (arXiv without its version, DOIs and repositories
#: in lower case, Epoch names by their name key).
IDENTIFIERS = {
    "wikidata": str.upper,
    "arxiv": lambda v: v.split("v")[0] if "v" in v and v.split("v")[-1].isdigit() else v,
    "doi": str.lower,
    "github": str.lower,
    "huggingface": str.lower,
    "epoch": name_key,
}
#: Order of matching: organizations and people first, so that models can be told apart by their developers.
ORDER = ("Organization", "Person", "Source", "Model")


@dataclass(slots=True)
class Match:
    """What became of one imported entity: its record id and how it was found (``identifier``, ``label``, ``new``)."""

    key: str
    record: str
    how: str
    candidates: list[str] = field(default_factory=list)  # for an ambiguous one: the records it might be


@dataclass
class Index:
    """The curated records, looked up by identifier and by name."""

    vocab: Vocabulary
    ids: set[str] = field(default_factory=set)
    family: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, set[str]] = field(default_factory=dict)  # curated record id -> its names as written
    #: (identifier key, normalized value) and (family, name key) -> the record id, or the set of ids when several
    by_identifier: dict[tuple[str, str], str | set[str]] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str | set[str]] = field(default_factory=dict)
    developers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, records: Iterable[Record], vocab: Vocabulary) -> "Index":
        """The index of ``records`` (extensions add their names and identifiers to the record they extend)."""
        index = cls(vocab)
        recs = list(records)
        names = {iri: name for name, iri in vocab.types.items()}  # a record's type is its class IRI
        for r in recs:
            if not r.extends:
                index.ids.add(r.id)
                index.family[r.id] = vocab.family(names.get(r.type, r.type))
        for r in recs:
            fam = index.family.get(r.id)
            if fam is None:
                continue
            for text in list(r.labels.values()) + [a for _, a in r.aliases]:
                index.add_name(r.id, fam, text)
            for f in r.facts:
                if f.key in IDENTIFIERS and isinstance(f.value, str):
                    _put(index.by_identifier, (f.key, IDENTIFIERS[f.key](f.value)), r.id)
                elif f.key == "repository" and isinstance(f.value, str) and "github.com/" in f.value.lower():
                    repo = f.value.lower().split("github.com/", 1)[1].strip("/")
                    _put(index.by_identifier, ("github", repo), r.id)
                elif f.key == "developed_by":
                    index.developers[r.id].update(v for v in (f.value if isinstance(f.value, list) else [f.value])
                                                  if isinstance(v, str))
        return index

    def add_name(self, rid: str, family: str, text: str, spelling: bool = True) -> None:
        if spelling:  # kept for the curated records only: their names are not written again
            self.spellings.setdefault(rid, set()).add(text)
        for key in label_keys(text):
            _put(self.by_name, (family, key), rid)

    def identified(self, key: str, value: str) -> set[str]:
        """The records with this identifier."""
        return _get(self.by_identifier, (key, IDENTIFIERS[key](value)))

    def named(self, family: str, key: str) -> set[str]:
        """The records of the family with this name key."""
        return _get(self.by_name, (family, key))


def _put(table: dict, key: tuple[str, str], rid: str) -> None:
    """One id as a string, several as a set: most names and identifiers belong to one record."""
    got = table.get(key)
    if got is None:
        table[key] = rid
    elif isinstance(got, set):
        got.add(rid)
    elif got != rid:
        table[key] = {got, rid}


def _get(table: dict, key: tuple[str, str]) -> set[str]:
    got = table.get(key)
    return set() if got is None else {got} if isinstance(got, str) else set(got)


def reconcile(batch: Batch, index: Index) -> dict[str, Match]:
    """A :class:`Match` for every entity of the batch, in :data:`ORDER` of families.

    >>> from graph.vocabulary import load_vocabulary
    >>> from graph.records.model import Record, Fact
    >>> v = load_vocabulary()
    >>> gpt2 = Record("gpt-2", "LanguageModel", "d.yaml", 1, {"en": "GPT-2"}, facts=[Fact("developed_by", "openai", (), 1)])
    >>> index = Index.of([gpt2, Record("openai", "Company", "d.yaml", 9, {"en": "OpenAI"})], v)
    >>> b = Batch(); _ = b.add(Entity("m", "LanguageModel", "GPT-2 (1.5B)")); _ = b.add(Entity("o", "Organization", "OpenAi"))
    >>> _ = b.add(Entity("n", "LanguageModel", "GPT-2 XL"))
    >>> [(m.key, m.record, m.how) for m in reconcile(b, index).values()]
    [('o', 'openai', 'label'), ('m', 'gpt-2', 'label'), ('n', 'gpt-2-xl', 'new')]
    """
    vocab = index.vocab
    matches: dict[str, Match] = {}
    taken = set(index.ids)
    families = {t: vocab.family(t) for t in {e.type for e in batch.entities.values()}}

    def rank(e: Entity) -> int:
        fam = families[e.type]
        return ORDER.index(fam) if fam in ORDER else len(ORDER)

    for e in sorted(batch.entities.values(), key=rank):
        fam = families[e.type]
        found, how, candidates = _find(e, fam, index, matches)
        if found is None:
            rid = free_id(_new_id(e), taken.__contains__)
            taken.add(rid)
            index.ids.add(rid)
            index.family[rid] = fam
            found, how = rid, "ambiguous" if candidates else "new"
        matches[e.key] = Match(e.key, found, how, candidates)
        for text in [e.label, *e.aliases]:  # a later entity of this import with one of these names is this one
            index.add_name(found, fam, text, spelling=False)
        for k, v in e.ids.items():
            if k in IDENTIFIERS:
                _put(index.by_identifier, (k, IDENTIFIERS[k](v)), found)
    return matches


def _find(e: Entity, family: str, index: Index, matches: dict[str, Match]) -> tuple[str | None, str, list[str]]:
    """(record id, how) when found; (None, "", candidates) when not (candidates: an ambiguous or near match)."""
    for k, v in e.ids.items():
        if k in IDENTIFIERS:
            got = {r for r in index.identified(k, v) if index.family.get(r) == family}
            if len(got) == 1:
                return got.pop(), "identifier", []
    got: set[str] = set()
    for text in [e.label, *e.aliases]:
        for key in label_keys(text):
            got |= index.named(family, key)
    if len(got) == 1:
        return got.pop(), "label", []
    if len(got) > 1:
        devs = {matches[t].record for k, t, _ in e.links if k == "developed_by" and t in matches}
        shared = {r for r in got if index.developers.get(r, set()) & devs}
        if len(shared) == 1:
            return shared.pop(), "label", []
        return None, "", sorted(got)
    near = without_size(e.label)
    if near:
        return None, "", sorted(index.named(family, near))
    return None, "", []


def _new_id(e: Entity) -> str:
    """A new record id: ``arxiv-2005-14165`` for an arXiv paper, a person's name as surname-given, else the label's slug."""
    if "arxiv" in e.ids:
        return "arxiv-" + slugify(e.ids["arxiv"])
    if e.type == "Person":
        return person_slug(e.label)
    return slugify(e.label)
