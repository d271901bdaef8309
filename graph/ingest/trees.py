"""Derivation trees drawn in text: a model tree in a code block, and "A -> B" arrows.

    mistralai/Mistral-7B-v0.1
    ├── HuggingFaceH4/mistral-7b-sft-beta          (SFT)
    │   └── HuggingFaceH4/zephyr-7b-beta           (DPO)
    └── TheBloke/Mistral-7B-v0.1-AWQ               (AWQ quant)

Each line below another, one step further in, was derived from it; the note in brackets says how.
"""
from __future__ import annotations

import re

#: the start of a line of a tree: the drawing before the name, whose length gives the depth
_BRANCH = re.compile(r"^(?P<lead>(?:[│|┃ \t]|\xa0)*)(?P<arm>[├└┣┗+`|]\s*[─━\-]{1,4}>?\s*|[-*]\s+)?(?P<rest>\S.*)$")
_NAME = re.compile(r"(?P<n>[A-Za-z0-9][\w.\-]*(?:/[\w.\-]+)?(?:\s[A-Z0-9][\w.\-]*){0,3})")
_NOTE = re.compile(r"\s*(?:[（(](?P<note>[^()（）]{1,60})[)）]|[—–#:]\s*(?P<note2>.{1,80}))\s*$")
#: the kind of a derivation, from the words that note it
KIND_WORDS = [
    (re.compile(r"quant|gguf|gptq|awq|exl2|int4|int8|4-bit|8-bit|量化", re.I), "quantized"),
    (re.compile(r"merge|merged|slerp|ties|dare|passthrough|合并", re.I), "merge"),
    (re.compile(r"adapter|lora|qlora|peft|适配", re.I), "adapter"),
    (re.compile(r"distil|蒸馏", re.I), "distilled"),
    (re.compile(r"\bsft\b|\bdpo\b|\brlhf\b|\bppo\b|\borpo\b|fine-?tun|instruct|chat|微调|对齐|继续预训练|continued", re.I),
     "finetune"),
]


def kind_of(note: str) -> str | None:
    """The kind of derivation a note says ("GGUF quant" → quantized, "SFT + DPO" → finetune), or None.

    >>> kind_of("GGUF quant"), kind_of("SFT + DPO"), kind_of("QLoRA adapter"), kind_of("see below")
    ('quantized', 'finetune', 'adapter', None)
    """
    return next((k for rx, k in KIND_WORDS if rx.search(note or "")), None)


def tree_edges(text: str) -> list[tuple[str, str, str | None, int]]:
    """(child, parent, kind, line offset) for each line of a drawn tree that hangs under another.

    >>> t = "A/Base-7B\\n├── B/chat-7b   (SFT)\\n│   └── C/chat-7b-GGUF   (GGUF quant)\\n└── D/Other-7B"
    >>> tree_edges(t)
    [('B/chat-7b', 'A/Base-7B', 'finetune', 1), ('C/chat-7b-GGUF', 'B/chat-7b', 'quantized', 2), ('D/Other-7B', 'A/Base-7B', None, 3)]
    """
    lines = text.split("\n")
    if not any(re.search(r"[├└┣┗]|\|--|`--|\+--", line) for line in lines):
        return []  # no drawing: a code block of something else
    stack: list[tuple[int, str]] = []  # (depth, name) of the path to the line read last
    out = []
    for k, line in enumerate(lines):
        m = _BRANCH.match(line.rstrip())
        if not m:
            continue
        rest = m.group("rest")
        note = _NOTE.search(rest)
        body = rest[:note.start()] if note else rest
        nm = _NAME.match(body.strip())
        if not nm:
            continue
        depth = len(m.group("lead").expandtabs(4)) + (len(m.group("arm")) if m.group("arm") else 0)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        name = nm.group("n").strip()
        if stack:  # (with no note, the child's own name may say: "…-GGUF", "…-Instruct")
            kind = kind_of((note.group("note") or note.group("note2")) if note else "") or kind_of(name.split("/")[-1])
            out.append((name, stack[-1][1], kind, k))
        stack.append((depth, name))
    return out


#: "A -> B", "A → B, C": B (and C) derived from A
ARROW = re.compile(r"(?P<a>[A-Za-z0-9][\w.\-]*(?:/[\w.\-]+)?(?:\s[A-Z0-9][\w.\-]*){0,2})\s*(?:->|→|⟶|=>)\s*"
                   r"(?P<b>[A-Za-z0-9][\w.\-]*(?:/[\w.\-]+)?(?:\s*,\s*[A-Za-z0-9][\w.\-]*(?:/[\w.\-]+)?){0,5})")


def arrow_edges(text: str) -> list[tuple[str, str, str | None]]:
    """(child, parent, kind) for each "A -> B" in a line, the kind from the words after it.

    >>> arrow_edges("`meta/Llama-2-7b` -> `bloke/Llama-2-7B-GGUF` — quantized GGUF files")
    [('bloke/Llama-2-7B-GGUF', 'meta/Llama-2-7b', 'quantized')]
    """
    plain = text.replace("`", "")
    out = []
    for m in ARROW.finditer(plain):
        tail = plain[m.end():m.end() + 120]
        kind = kind_of(re.split(r"(?<=[.;。；])\s", tail)[0])
        for b in re.split(r"\s*,\s*", m.group("b")):
            if b and b != m.group("a"):
                out.append((b, m.group("a"), kind or kind_of(b.split("/")[-1])))
    return out
