"""Readable ids for new entities, and the identifiers (arXiv, Hugging Face, GitHub) that links carry.

An id is a slug of the name: lowercase, every run of other characters one hyphen.
Chinese characters are written in pinyin (pypinyin). pypinyin does not cut a text
into words, so a simple rule stands in for it: a run of Chinese characters of up
to three characters is one word, a longer run is cut into words of two characters
from its start (the commonest length of a Chinese word), a last lone character
joining the word before it. The syllables of a word are joined, words are
separated by hyphens: 元语智能 is ``yuanyu-zhineng``, 实验室 ``shiyanshi``,
北京智源人工智能研究院 ``beijing-zhiyuan-rengong-zhineng-yanjiuyuan``.

A new name whose slug is the id of another entity gets ``-2``, ``-3`` ... (see
:func:`free_id`), never a hash.

>>> slugify("ChatGLM2-6B"), slugify("Qwen2 VL"), slugify("元语智能"), slugify("清华大学 KEG 实验室")
('chatglm2-6b', 'qwen2-vl', 'yuanyu-zhineng', 'qinghua-daxue-keg-shiyanshi')
>>> arxiv_id("https://arxiv.org/pdf/2307.09288v2.pdf"), huggingface_id("https://huggingface.co/THUDM/chatglm2-6b")
('2307.09288v2', 'THUDM/chatglm2-6b')
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable
from urllib.parse import urlsplit

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ARXIV = re.compile(r"^/(?:abs|pdf|html)/(?P<id>\d{4}\.\d{4,5}(?:v\d{1,3})?|[a-z-]{1,20}(?:\.[A-Z]{2})?/\d{7})(?:\.pdf)?/?$")
_HF_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$")
#: Hugging Face paths that are pages of the site, not ORG/NAME of a model
_HF_PAGES = {"datasets", "spaces", "docs", "blog", "papers", "models", "organizations", "collections", "learn", "tasks"}
MAX_SLUG = 60


def han_words(run: str) -> list[str]:
    """A run of Chinese characters cut into words: up to three characters are one word, longer runs pairs.

    >>> han_words("智谱"), han_words("实验室"), han_words("元语智能"), han_words("人工智能研究院")
    (['智谱'], ['实验室'], ['元语', '智能'], ['人工', '智能', '研究院'])
    """
    if len(run) <= 3:
        return [run]
    words = [run[i:i + 2] for i in range(0, len(run), 2)]
    if len(words[-1]) == 1:
        last = words.pop()
        words[-1] += last
    return words


@lru_cache(maxsize=65536)
def _pinyin(word: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return ""
    return "".join(lazy_pinyin(word))


def romanize(name: str) -> str:
    """The name with its Chinese words in pinyin, each word set apart by spaces.

    >>> romanize("智谱AI")
    ' zhipu AI'
    """
    return _HAN_RUN.sub(lambda m: " " + " ".join(_pinyin(w) for w in han_words(m.group())) + " ", name)


@lru_cache(maxsize=65536)
def romanized_label(name: str) -> str:
    """An English label for a name written in Chinese: its pinyin words, capitalised (Latin words kept as written).

    >>> romanized_label("元语智能"), romanized_label("智谱AI"), romanized_label("GPT-4")
    ('Yuanyu Zhineng', 'Zhipu AI', 'GPT-4')
    """
    if not _HAN_RUN.search(name):
        return name
    out = _HAN_RUN.sub(lambda m: " " + " ".join(_pinyin(w).capitalize() for w in han_words(m.group())) + " ", name)
    return re.sub(r"\s+", " ", out).strip()


@lru_cache(maxsize=65536)
def slugify(name: str) -> str:
    """The id of a new entity with this name: lowercase letters, digits and hyphens (Chinese in pinyin).

    >>> slugify("Llama 2"), slugify("GPT－4"), slugify("智谱AI"), slugify("“ChatGLM”"), slugify("Timothée Lacroix")
    ('llama-2', 'gpt-4', 'zhipu-ai', 'chatglm', 'timothee-lacroix')
    """
    import unicodedata

    text = unicodedata.normalize("NFKC", name)
    if not text.isascii():  # "Timothée" → "timothee": accents off Latin letters (CJK is romanized below)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = unicodedata.normalize("NFKC", text)
    s = _NOT_SLUG.sub("-", romanize(text).lower()).strip("-")
    return s[:MAX_SLUG].strip("-") or "entity"


def person_slug(name: str) -> str:
    """The id of a new person: a Chinese name of two to four characters as surname, then given name.

    >>> person_slug("张三丰"), person_slug("Jane Doe")
    ('zhang-sanfeng', 'jane-doe')
    """
    if 2 <= len(name) <= 4 and _HAN_RUN.fullmatch(name):
        cut = 2 if len(name) == 4 else 1
        return slugify(name[:cut]) + "-" + slugify(name[cut:])
    return slugify(name)


def free_id(slug: str, taken: Callable[[str], bool]) -> str:
    """The slug, or the slug with ``-2``, ``-3`` ... when taken (by another entity).

    >>> free_id("foo", {"foo", "foo-2"}.__contains__)
    'foo-3'
    """
    if not taken(slug):
        return slug
    n = 2
    while taken(f"{slug}-{n}"):
        n += 1
    return f"{slug}-{n}"


def _host_path(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "", ""
    return parts.netloc.lower().removeprefix("www."), parts.path


def arxiv_id(url: str) -> str | None:
    """The arXiv id of an arxiv.org abs/pdf URL.

    >>> arxiv_id("https://arxiv.org/abs/2005.14165"), arxiv_id("https://example.org/abs/2005.14165")
    ('2005.14165', None)
    """
    host, path = _host_path(url)
    if not host.endswith("arxiv.org"):
        return None
    m = _ARXIV.match(path)
    return m.group("id") if m else None


def huggingface_id(url: str) -> str | None:
    """ORG/NAME of a huggingface.co model or dataset URL (``datasets/ORG/NAME`` gives ORG/NAME).

    >>> huggingface_id("https://huggingface.co/datasets/tatsu-lab/alpaca"), huggingface_id("https://huggingface.co/docs/x")
    ('tatsu-lab/alpaca', None)
    """
    host, path = _host_path(url)
    if host != "huggingface.co":
        return None
    segs = [s for s in path.split("/") if s]
    if segs[:1] == ["datasets"]:
        segs = segs[1:]
    elif segs[:1] and segs[0] in _HF_PAGES:
        return None
    if len(segs) >= 2 and _HF_PART.match(segs[0]) and _HF_PART.match(segs[1]):
        return f"{segs[0]}/{segs[1]}"
    return None


def github_repo(url: str) -> str | None:
    """OWNER/REPO of a github.com repository URL.

    >>> github_repo("https://github.com/THUDM/ChatGLM2-6B/tree/main"), github_repo("https://github.com/openai")
    ('THUDM/ChatGLM2-6B', None)
    """
    host, path = _host_path(url)
    segs = [s for s in path.split("/") if s]
    if host != "github.com" or len(segs) < 2 or not all(_HF_PART.match(s) for s in segs[:2]):
        return None
    return f"{segs[0]}/{segs[1].removesuffix('.git')}"


def identifiers(url: str) -> dict[str, str]:
    """The identifiers a URL carries, by their key under ``ids:``.

    >>> identifiers("https://arxiv.org/abs/2302.13971"), identifiers("https://github.com/facebookresearch/llama")
    ({'arxiv': '2302.13971'}, {'github': 'facebookresearch/llama'})
    """
    out = {}
    for key, fn in (("arxiv", arxiv_id), ("huggingface", huggingface_id), ("github", github_repo)):
        v = fn(url)
        if v:
            out[key] = v
    return out
