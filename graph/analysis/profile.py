"""An entity's profile for the terminal (``aikg show``): names in both languages, type, identifiers once,
every fact with numbered sources (each source listed once, at the end), relations out and in.

The facts and identifiers are the page's (:func:`graph.views.page.node_profile`), so the terminal and the
panel say the same; a value that sources disagree on is listed once per value, each with its own sources.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from graph.analysis.entities import name
from graph.analysis.lineage import KINDS
from graph.views.page import fact_sources, node_profile
from graph.vocabulary import load_vocabulary


def profile(kg, g: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """Everything ``aikg show`` prints about ``node``, as data; sources numbered in order of first use."""
    vocab = load_vocabulary()
    a = g.nodes[node]
    panel = node_profile(g, node, fact_sources(kg) if kg is not None else {}, vocab)
    numbers: dict[str, int] = {}

    def cite(sources) -> list[int]:
        return [numbers.setdefault(s, len(numbers) + 1) for s in sources]

    type_iri = g.graph.get("types", {}).get(a.get("type", "")) or vocab.types.get(a.get("type", ""), "")
    out: dict[str, Any] = {
        "id": node, "label": a.get("label", node), "label_zh": a.get("label_zh", ""),
        "type": a.get("type", ""), "type_label": vocab.labels.get(type_iri, {}),
        "aliases": [str(x) for x in a.get("aliases", [])],
        "sources_of_record": cite(a.get("sources", [])),
        "identifiers": panel["ids"], "description": panel["description"],
        "facts": [{"key": f["key"], "value": f["value"], "group": f["group"], "disputed": f.get("disputed", False),
                   "sources": cite(f["sources"])} for f in panel["facts"]],
        "out": [], "in": [],
    }
    for u, v, k, e in sorted(g.out_edges(node, keys=True, data=True), key=lambda x: (x[2], x[1])):
        out["out"].append({"relation": e.get("edgelabel", k), "key": k, "id": v, "label": name(g, v),
                           "kind": KINDS.get(str(e.get("kind")), e.get("kind")), "sources": cite(e.get("sources", []))})
    for u, v, k, e in sorted(g.in_edges(node, keys=True, data=True), key=lambda x: (x[2], x[0])):
        out["in"].append({"relation": e.get("edgelabel", k), "key": k, "id": u, "label": name(g, u),
                          "kind": KINDS.get(str(e.get("kind")), e.get("kind")), "sources": cite(e.get("sources", []))})
    titles = {n: (g.nodes[n].get("label", n) if n in g else n, g.nodes[n].get("url", "") if n in g else "")
              for n in numbers}
    out["sources"] = [{"n": i, "id": s, "title": titles[s][0], "url": titles[s][1]} for s, i in numbers.items()]
    return out


def _human(n: float) -> str:
    """175000000000 → "175 billion"; "" below a million.

    >>> _human(175000000000), _human(12000000), _human(1.92e21), _human(5000)
    ('175 billion', '12 million', '1.92e+21', '')
    """
    for size, word in ((1e15, ""), (1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(n) >= size:
            return f"{n:.3g}" if not word else f"{n / size:.4g} {word}"
    return ""


def _value(v: dict[str, Any]) -> str:
    if "bool" in v:
        return "yes" if v["bool"] else "no"
    if "num" in v:
        n = v["num"]
        text = f"{n:,}" if isinstance(n, int) else f"{n:g}"
        text += f" ({_human(n)})" if _human(n) else ""
        extra = " ".join(str(x) for x in (v.get("unit"), v.get("currency")) if x)
        precision = f" ({v['precision']})" if v.get("precision") and v["precision"] != "Exact" else ""
        return text + (f" {extra}" if extra else "") + precision
    return str(v.get("en", ""))


def _marks(ns: list[int]) -> str:
    return "".join(f"[{n}]" for n in ns)


def as_text(p: dict[str, Any], markdown: bool = False) -> str:
    """The profile as lines (``markdown``: headings and lists)."""
    h = (lambda t: f"\n## {t}") if markdown else (lambda t: f"\n{t}:")
    item = "- " if markdown else "  "
    title = p["label"] + (f" / {p['label_zh']}" if p["label_zh"] and p["label_zh"] != p["label"] else "")
    lines = [f"# {title}" if markdown else title,
             f"{p['type_label'].get('en', p['type']).capitalize()} · {p['id']} {_marks(p['sources_of_record'])}".rstrip()]
    if p["aliases"]:
        lines.append("also known as: " + ", ".join(p["aliases"]))
    if p["identifiers"]:
        lines.append("identifiers: " + ", ".join(f"{i['key']} {i['text']}" for i in p["identifiers"]))
    if p["description"]:
        lines.append(p["description"].get("en", ""))
    if p["facts"]:
        lines.append(h("facts"))
        lines += [f"{item}{f['key'].replace('_', ' ')}: {_value(f['value'])} {_marks(f['sources'])}"
                  + ("  (sources disagree)" if f["disputed"] else "") for f in p["facts"]]
    for part, arrow in (("out", "→"), ("in", "←")):
        if p[part]:
            lines.append(h("relations" if part == "out" else "related from"))
            lines += [f"{item}{r['relation']}{' (' + str(r['kind']) + ')' if r['kind'] else ''} {arrow} {r['label']} "
                      f"({r['id']}) {_marks(r['sources'])}".rstrip() for r in p[part]]
    if p["sources"]:
        lines.append(h("sources"))
        lines += [f"{item}[{s['n']}] {s['title']}" + (f" <{s['url']}>" if s["url"] else "") for s in p["sources"]]
    return "\n".join(lines)
