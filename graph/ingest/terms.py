"""The names the field gives its techniques (``ontology/terms.yaml``), found in a text.

A note that says "SFT", another that says "supervised fine-tuning" and a third that says "监督微调" name one
technique; the term list gives it one id and its labels in both languages.

>>> t = "We use SFT, then DPO; 监督微调之后用 GRPO。"
>>> [(term.id, t[a:b]) for term, a, b in load_terms().find(t)]
[('supervised-fine-tuning', 'SFT'), ('dpo', 'DPO'), ('supervised-fine-tuning', '监督微调'), ('grpo', 'GRPO')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from graph.namespaces import TERMS_FILE


@dataclass(frozen=True)
class Term:
    """One technique: its id, type, labels and other names."""

    id: str
    type: str
    en: str
    zh: str | None
    names: tuple[str, ...]

    @property
    def labels(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh} if self.zh else {"en": self.en}


class Terms:
    """The terms, and one pattern that finds all their names (longest first)."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.by_name: dict[str, Term] = {}
        self.spelling: dict[str, str] = {}  # how each name is written in the list (an acronym matches only so)
        latin, han = [], []
        for t in terms:
            for name in (t.en, t.zh, *t.names):
                if not name:
                    continue
                self.by_name.setdefault(self._key(name), t)
                self.spelling.setdefault(self._key(name), name)
                (han if re.search(r"[\u4e00-\u9fff]", name) else latin).append(name)
        latin_rx = "|".join(
            r"(?-i:" + re.escape(n) + ")" if self._acronym(n) else re.escape(n).replace(r"\ ", r"[\s\-]") + "(?:s|es)?"
            for n in sorted(set(latin), key=lambda n: (-len(n), n)))
        han_rx = "|".join(re.escape(n).replace(r"\ ", r"\s?") for n in sorted(set(han), key=lambda n: (-len(n), n)))
        self.pattern = re.compile(r"(?<![\w\-.])(?:" + latin_rx + r")(?![\w\-])|" + han_rx, re.I)

    @staticmethod
    def _acronym(name: str) -> bool:
        return len(name) <= 5 and any(c.isupper() for c in name[1:] + name[:1]) and " " not in name

    @staticmethod
    def _key(name: str) -> str:
        return re.sub(r"[\s\-]+", "", name).lower()

    def named(self, name: str) -> Term | None:
        """The term a whole name is, or None.

        >>> load_terms().named("Direct Preference Optimization").id, load_terms().named("Foo")
        ('dpo', None)
        """
        key = self._key(name.strip())
        t = self.by_name.get(key)
        if t is None or (self._acronym(self.spelling[key]) and name.strip() != self.spelling[key]):
            return None  # ("Rl", "moe": an acronym only as written)
        return t

    def find(self, text: str) -> list[tuple[Term, int, int]]:
        """Each term named in the text, with where (matches do not overlap)."""
        out = []
        for m in self.pattern.finditer(text):
            key = self._key(m.group())
            t = self.by_name.get(key) or self.by_name.get(key[:-1]) or self.by_name.get(key[:-2])  # (a plural)
            if t is not None:
                out.append((t, m.start(), m.end()))
        return out


@lru_cache(maxsize=4)
def load_terms(path: Path = TERMS_FILE) -> Terms:
    """The term list (read once)."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return Terms([Term(r["id"], r.get("type", "Technique"), r["en"], r.get("zh"), tuple(r.get("names", ())))
                  for r in rows])
