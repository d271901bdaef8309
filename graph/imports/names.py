"""Names as sources write them: the key two spellings of one name share, and cells that hold several names.

"Google Deepmind" and "Google DeepMind", "OpenAi" and "OpenAI", "ChatGLM-6B" and
"ChatGLM 6B" share a key (:func:`name_key`); a model's label also matches without
a parenthesized remark ("GPT-2 (1.5B)" is GPT-2, :func:`label_keys`).

>>> name_key("Google Deepmind") == name_key("Google DeepMind"), name_key("ChatGLM-6B") == name_key("chatglm 6b")
(True, True)
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SEPARATORS = re.compile(r"[\s\-_./·•,'’]+")
_REMARK = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_SIZE = re.compile(r"[\s\-_]*\d+(\.\d+)?\s*[kmbt]\s*$", re.I)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """What two spellings of one name have in common: NFKC, case folded, separators and accents dropped.

    >>> name_key("OpenAi"), name_key("Ｍeta  AI"), name_key("Timothée")
    ('openai', 'metaai', 'timothee')
    """
    text = str(name)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _SEPARATORS.sub("", text.casefold())


def label_keys(label: str) -> list[str]:
    """The keys a label matches by: itself, then without a trailing remark in brackets.

    >>> label_keys("GPT-2 (1.5B)"), label_keys("Codex")
    (['gpt2(15b)', 'gpt2'], ['codex'])
    """
    keys = [name_key(label)]
    bare = _REMARK.sub("", label)
    if bare and bare != label:
        keys.append(name_key(bare))
    return keys


def without_size(label: str) -> str:
    """The key of a label without a trailing size ("LLaMA-65B" → "llama"): a near match, never a match by itself.

    >>> without_size("LLaMA-65B"), without_size("Falcon 40B"), without_size("GPT-3")
    ('llama', 'falcon', '')
    """
    bare = _REMARK.sub("", label)
    cut = _SIZE.sub("", bare)
    return name_key(cut) if cut != bare and cut.strip() else ""


def split_names(cell: str) -> list[str]:
    """The names in a cell that lists several, separated by commas or semicolons, each once, in order.

    >>> split_names("Google DeepMind,Google; Google DeepMind"), split_names("")
    (['Google DeepMind', 'Google'], [])
    """
    out: list[str] = []
    for part in re.split(r"[,;]", cell or ""):
        part = " ".join(part.split())
        if part and name_key(part) not in {name_key(x) for x in out}:
            out.append(part)
    return out
