"""The interactive HTML page: one self-contained file, no network, every value shown as text.

Drawn with vis-network (the library pyvis wraps, inlined from pyvis's own copy)
over the NetworkX projection. pyvis's template is not used: it loads Bootstrap
from a CDN, injects titles containing "href" as HTML and does not escape its
headings. Here the data goes into the page as JSON inside a
``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped),
the page reads it with ``JSON.parse`` and puts every value in the DOM with
``textContent``; links are made only for http(s) URLs. Positions are computed
in Python (:mod:`graph.views.layout`), so the page draws at once with physics off.
Entities of foreign RDF come through the same path; their types (classes outside
the project's vocabulary, ``g.graph["types"]``) are drawn in :data:`NEUTRAL`.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("x", type="Person", label="<img src=x onerror=alert(1)>")
>>> html = page_html(g)
>>> "<img src=x" in html, "\\\\u003cimg src=x" in html
(False, True)
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyoxigraph as ox
import pyvis

from graph.views.layout import layout_positions
from graph.views.network import LINKS
from graph.namespaces import ONTOLOGY_IRI, VOCAB, slug_of
from graph.rdf.disputes import NUMBERS, verdict
from graph.vocabulary import Vocabulary, load_vocabulary

#: Colours by family (:meth:`~graph.vocabulary.Vocabulary.family`), from the colour-blind-safe palettes of
#: Okabe & Ito and of Paul Tol ("muted"): one colour a family, told apart by shape too.
PALETTE = {
    "Organization": "#0072B2", "Person": "#E69F00", "Place": "#999933",
    "Model": "#D55E00", "ModelFamily": "#CC79A7", "Source": "#009E73",
    "Technique": "#56B4E9", "Capability": "#882255", "Problem": "#CC6677",
    "Dataset": "#DDCC77", "Software": "#44AA99", "Service": "#AA4499",
}
#: The colour and shape of a type outside the project's vocabulary (and of an unknown family).
NEUTRAL = ("#cccccc", "dot")
#: Shapes by family; other families are dots.
SHAPES = {
    "Organization": "square", "Model": "diamond", "ModelFamily": "diamond", "Source": "triangle",
    "Technique": "hexagon", "Capability": "dot", "Problem": "triangleDown",
    "Dataset": "triangleDown", "Software": "star", "Service": "star",
}
#: The shape a type prefers over its family's; :func:`_family_styles` gives every type of a family a
#: (shape, shade) of its own, so that no two types look alike.
TYPE_SHAPES = {"Paper": "triangle", "Repository": "square", "WebPage": "dot", "Article": "hexagon", "Survey": "star",
               "Video": "triangleDown", "Passage": "diamond", "Company": "square", "University": "triangleDown",
               "ResearchLab": "hexagon", "Organization": "dot", "LanguageModel": "diamond", "Model": "dot"}
#: The shapes a node can have (vis-network's shapes drawn with the label below), in the order they are handed out.
SHAPE_ORDER = ("dot", "square", "diamond", "triangle", "triangleDown", "hexagon", "star")
#: The page's own strings (everything else comes from the ontology's rdfs:labels).
UI = {
    "en": {"language": "Language", "find": "Find", "find_hint": "name or alias", "released": "Released",
           "show_all": "Show all", "types": "Types", "types_hint": "(click to show or hide)",
           "help": "Click an entity for its facts and sources; double-click for its neighbourhood; "
                   "double-click the background to show everything again.",
           "status": "{a} of {b} entities, {c} of {d} relations", "sources": "Sources",
           "relations": "Relations", "links": "Identifiers", "also": "Also known as", "type": "Type",
           "lineage": "Lineage", "people": "People", "papers": "Papers", "values": "Values", "other": "Other",
           "yes": "yes", "no": "no", "former": "former", "stage": "stage", "legend": "Legend",
           "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
           "disputed": "sources disagree"},
    "zh": {"language": "语言", "find": "查找", "find_hint": "名称或别名", "released": "发布年份",
           "show_all": "显示全部", "types": "类型", "types_hint": "（点击显示或隐藏）",
           "help": "单击实体查看事实与来源；双击查看其邻域；双击空白处恢复显示全部。",
           "status": "显示 {a} / {b} 个实体，{c} / {d} 条关系", "sources": "来源",
           "relations": "关系", "links": "标识符", "also": "又称", "type": "类型",
           "lineage": "沿革", "people": "人物", "papers": "论文", "values": "数值", "other": "其他",
           "yes": "是", "no": "否", "former": "曾任", "stage": "阶段", "legend": "图例",
           "wan": "万", "yi": "亿", "wanyi": "万亿", "disputed": "来源不一致"},
}
#: Currencies for people, by ISO code.
CURRENCIES = {"USD": {"en": "USD", "zh": "美元"}, "CNY": {"en": "CNY", "zh": "元"}, "EUR": {"en": "EUR", "zh": "欧元"},
              "GBP": {"en": "GBP", "zh": "英镑"}, "JPY": {"en": "JPY", "zh": "日元"}}
#: Units for people.
UNITS = {"tokens": {"en": "tokens", "zh": "词元"}, "GB": {"en": "GB", "zh": "GB"}, "TB": {"en": "TB", "zh": "TB"},
         "models": {"en": "models", "zh": "个模型"}, "datasets": {"en": "datasets", "zh": "个数据集"}}
#: The group of the side panel a relation or fact goes in, by record key.
GROUPS = {
    "lineage": {"based_on", "successor_of", "version_of", "part_of", "developed_by", "maintained_by",
                "offered_by", "training_stages", "trained_on"},
    "people": {"authors", "affiliated_with", "student_of"},
    "papers": {"introduced_in", "cites", "in_source", "about", "publisher"},
}
VALUE_KINDS = {"quantity", "money", "integer", "decimal", "date", "boolean"}
THEMES = ("light", "dark")
#: The page of an identifier, by its key.
IDENTIFIERS = {
    "wikidata": "https://www.wikidata.org/wiki/{}", "arxiv": "https://arxiv.org/abs/{}",
    "doi": "https://doi.org/{}", "github": "https://github.com/{}", "huggingface": "https://huggingface.co/{}",
}
URL_KEYS = {"homepage", "repository", "documentation", "url"}
HIDDEN = {"label", "type", "iri", "sources", "x", "y"}
BIG = 2000  # above this many nodes: no edge labels, edges hidden while zooming, labels only when zoomed in
_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
_HTTP = re.compile(r"^https?://[^\s\"'<>]+$")


class Stated(dict):
    """(subject IRI, predicate IRI) → ids of the sources that state it; ``by_value`` the same → [(value, its
    sources)] where sources give more than one value."""

    by_value: dict[tuple[str, str], list[tuple[Any, list[str]]]]


def fact_sources(kg) -> Stated:
    """Who states what, from the named graphs: by (subject, predicate), and by value (:class:`Stated`)."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_value: dict[tuple[str, str], dict[Any, set[str]]] = defaultdict(lambda: defaultdict(set))
    onto = ox.NamedNode(ONTOLOGY_IRI)
    for q in kg.named_quads():
        if q.graph_name != onto and isinstance(q.subject, ox.NamedNode):
            key, src = (q.subject.value, q.predicate.value), slug_of(q.graph_name.value)
            out[key].add(src)
            if isinstance(q.object, ox.Literal):
                by_value[key][q.object].add(src)
    stated = Stated({k: sorted(v) for k, v in out.items()})
    stated.by_value = {k: [(term, sorted(srcs)) for term, srcs in sorted(v.items(), key=lambda x: x[0].value)]
                     for k, v in by_value.items() if len(v) > 1}
    return stated


def _literal_value(term: ox.Literal) -> dict[str, Any]:
    """A literal as the panel shows it: a number with its exact value on hover, or text."""
    if term.datatype.value in NUMBERS:
        try:
            number = float(term.value)
        except ValueError:
            return {"en": term.value, "zh": term.value}
        return {"num": int(number) if number.is_integer() and abs(number) < 2 ** 63 else number,
                "unit": None, "currency": None, "precision": None}
    return {"en": term.value, "zh": term.value}


def node_style(type_name: str, vocab: Vocabulary, big: bool = False) -> tuple[str, str]:
    """(colour, shape) of a node type, no two types alike: its family's colour and a shape of its own; when
    ``big`` (drawn as dots), a shade of its family's colour of its own instead (:func:`_dot_styles`).

    >>> v = load_vocabulary()
    >>> [node_style(t, v) for t in ("Company", "Paper", "Person")], node_style("Survey", v, big=True)
    ([('#0072B2', 'square'), ('#009E73', 'triangle'), ('#E69F00', 'dot')], ('#40b696', 'dot'))
    """
    styles = _dot_styles(vocab) if big else _family_styles(vocab)
    family = vocab.family(type_name)
    return styles.get(type_name) or (PALETTE.get(family, NEUTRAL[0]), "dot" if big else SHAPES.get(family, NEUTRAL[1]))


_STYLES: dict[int, dict[str, tuple[str, str]]] = {}


def _family_styles(vocab: Vocabulary) -> dict[str, tuple[str, str]]:
    """Every record type's (colour, shape), no two alike: the family's colour, the type's preferred shape
    (:data:`TYPE_SHAPES`, else the family's) while free in the family, else the next free one; when a
    family has more types than shapes, the rest get the family's colour darkened.

    >>> styles = _family_styles(load_vocabulary())
    >>> len(set(styles.values())) == len(styles), styles["Paper"], styles["Company"] != styles["University"]
    (True, ('#009E73', 'triangle'), True)
    """
    got = _STYLES.get(id(vocab))
    if got is not None:
        return got
    families: dict[str, list[str]] = defaultdict(list)
    for name in vocab.types:
        families[vocab.family(name)].append(name)
    styles: dict[str, tuple[str, str]] = {}
    for family, names in families.items():
        base = PALETTE.get(family, NEUTRAL[0])
        free = [(base, shape) for shape in SHAPE_ORDER] + [(_darker(base), shape) for shape in SHAPE_ORDER]
        ordered = sorted(names, key=lambda n: (n not in TYPE_SHAPES, n != family, n))
        for name in ordered:
            want = (base, TYPE_SHAPES.get(name) or SHAPES.get(family, "dot"))
            pick = want if want in free else free[0]
            free.remove(pick)
            styles[name] = pick
    _STYLES[id(vocab)] = styles
    return styles


def _darker(colour: str, by: float = 0.4) -> str:
    """``colour`` (``#rrggbb``) darkened towards black (``by`` > 0) or lightened towards white (``by`` < 0).

    >>> _darker("#ffffff", 0.5), _darker("#000000", -0.5)
    ('#808080', '#808080')
    """
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    rgb = [round(c * (1 - by)) if by >= 0 else round(c + (255 - c) * -by) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in rgb)


#: Shades of a family's colour for the types of a family drawn as dots, in :func:`_family_styles`' order.
SHADES = (0.0, 0.45, -0.45, 0.65, -0.7, 0.25, -0.25, 0.8, -0.85)
_DOTS: dict[int, dict[str, tuple[str, str]]] = {}


def _dot_styles(vocab: Vocabulary) -> dict[str, tuple[str, str]]:
    """Every record type's (colour, "dot") where nodes are dots (big graphs, the WebGL page): the family's
    colour for its main type (the one in the family's shape), then darker and lighter shades, so that no two
    types look alike (:data:`SHADES` has room for nine types a family).

    >>> styles = _dot_styles(load_vocabulary())
    >>> len(set(styles.values())) == len(styles), styles["Company"][1], styles["Company"] != styles["University"]
    (True, 'dot', True)
    """
    got = _DOTS.get(id(vocab))
    if got is None:
        shapes = _family_styles(vocab)
        rank = {shape: i for i, shape in enumerate(SHAPE_ORDER)}
        families: dict[str, list[str]] = defaultdict(list)
        def order(n):  # the type drawn in the family's own shape first (Company, Paper, LanguageModel): the base colour
            family = vocab.family(n)
            return shapes[n][1] != SHAPES.get(family), shapes[n][0] != PALETTE.get(family), rank[shapes[n][1]], n
        for name in sorted(shapes, key=order):
            families[vocab.family(name)].append(name)
        got = {name: (_darker(PALETTE.get(family, NEUTRAL[0]), SHADES[i % len(SHADES)]), "dot")
               for family, names in families.items() for i, name in enumerate(names)}
        _DOTS[id(vocab)] = got
    return got


def type_style(type_name: str, type_iri: str | None, vocab: Vocabulary, big: bool = False) -> tuple[str, str]:
    """(colour, shape) of a type given its class (None: unknown, styled by name): :data:`NEUTRAL` for a
    class outside the vocabulary, whatever its name.

    >>> v = load_vocabulary()
    >>> type_style("Person", "http://xmlns.com/foaf/0.1/Person", v), type_style("Person", v.types["Person"], v)
    (('#cccccc', 'dot'), ('#E69F00', 'dot'))
    """
    if type_iri is not None and type_iri not in vocab.types.values():
        return NEUTRAL
    return node_style(type_name, vocab, big)


def _in_language(attrs: dict[str, Any], lang: str) -> str:
    """The label in a language: ``label_zh``, else one in a variant of it (``label_zh-hans``), else ''.

    >>> _in_language({"label_zh-hant": "動物", "label_zh-hans": "动物"}, "zh")
    '动物'
    """
    if f"label_{lang}" in attrs:
        return attrs[f"label_{lang}"]
    return next((attrs[k] for k in sorted(attrs) if k.startswith(f"label_{lang}-")), "")


def _text(v: Any) -> str:
    if isinstance(v, list):
        return "; ".join(map(str, v))
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def _links(attrs: dict[str, Any], predicates: dict[str, str]) -> list[list[str]]:
    """(name, URL) of the node's links: identifiers, URLs and foreign links (:data:`graph.views.network.LINKS`), http(s) only."""
    out = []
    for k in sorted(attrs):
        v = attrs[k]
        if k in IDENTIFIERS and isinstance(v, str):
            out.append([k, IDENTIFIERS[k].format(v)])
        elif k in URL_KEYS and isinstance(v, str):
            out.append([k, v])
        elif k == "same_as":
            out.extend(["same as", u] for u in (v if isinstance(v, list) else [v]))
        elif predicates.get(k) in LINKS:
            out.extend([k.replace("_", " "), str(u)] for u in (v if isinstance(v, list) else [v]))
    return [[k, u] for k, u in out if _HTTP.match(u)]


def _labels(vocab: Vocabulary, iri: str | None, fallback: str) -> dict[str, str]:
    """{"en": …, "zh": …} of a term from its rdfs:labels, ``fallback`` where it has none."""
    got = vocab.labels.get(iri or "", {})
    return {"en": got.get("en") or fallback, "zh": got.get("zh") or got.get("en") or fallback}


_SUFFIXES = ("_precision", "_currency", "_unit")


def node_profile(g: nx.MultiDiGraph, node: str, stated, vocab: Vocabulary | None = None) -> dict[str, Any]:
    """The panel's data of one node (identifiers once, description, facts grouped, each with its sources),
    for ``aikg show``; ``stated`` is :func:`fact_sources` of the dataset.

    >>> g = nx.MultiDiGraph(); g.add_node("x", type="Person", label="X", wikidata="Q1", born="1990")
    >>> node_profile(g, "x", {})["ids"]
    [{'key': 'wikidata', 'text': 'Q1', 'url': 'https://www.wikidata.org/wiki/Q1'}]
    """
    vocab = vocab or load_vocabulary()
    a = g.nodes[node]
    predicates = g.graph.get("predicates", {})
    return _profile(a, vocab, predicates, stated, _links(a, predicates))


def _profile(a: dict[str, Any], vocab: Vocabulary, predicates: dict[str, str], stated, links) -> dict[str, Any]:
    """The side panel of a node as data: identifiers (each once), description, and facts with their kind.

    A quantity's unit, currency and precision join its value; a text and its ``_zh`` version are one fact.
    """
    iri = a.get("iri")
    own = a.get("sources", [])

    def sources_of(k):
        pred = predicates.get(k)
        return stated.get((iri, pred), own) if pred else []

    ids, seen = [], set()
    for k, u in sorted(links, key=lambda l: (l[0] not in IDENTIFIERS, l[0] == "same as")):
        q = re.search(r"wikidata\.org/(?:wiki|entity)/(Q\d+)$", u)
        key = ("wikidata", q.group(1)) if q else ("url", u.rstrip("/"))
        if key in seen:
            continue
        seen.add(key)
        raw = a.get(k.replace(" ", "_"))
        text = raw if isinstance(raw, str) and k in IDENTIFIERS else u
        ids.append({"key": k.replace(" ", "_"), "text": text, "url": u})
    description = {}
    facts = []
    for k in sorted(a):
        if k in HIDDEN or k.startswith("label_") or k in ("aliases", "same_as") or k.endswith(_SUFFIXES):
            continue
        if (k in IDENTIFIERS or k in URL_KEYS or predicates.get(k) in LINKS) and \
                any(lk.replace(" ", "_") == k for lk, _ in links):
            continue  # an identifier or a link: in the identity block
        base, _, tag = k.rpartition("_")
        if tag == "zh" and base in a:
            continue  # joined with its base below
        v = a[k]
        if k in ("description",) or (base == "description" and tag == "zh"):
            description = {"en": str(a.get("description", v)), "zh": str(a.get("description_zh", v))}
            continue
        key = vocab.keys.get(k)
        kind = key.kind if key else ""
        group = next((g for g, keys in GROUPS.items() if k in keys), "values" if kind in VALUE_KINDS else "other")
        several = getattr(stated, "by_value", {}).get((iri, predicates.get(k))) if key and key.functional else None
        if several:  # sources give different values (or one at two precisions): each value with its own sources
            disputed = verdict({s: [t] for t, srcs in several for s in srcs}) == "sources"
            facts.extend({"key": k, "sources": srcs, "group": group, "value": _literal_value(t), "disputed": disputed}
                         for t, srcs in several)
            continue
        fact: dict[str, Any] = {"key": k, "sources": sources_of(k), "group": group}
        if isinstance(v, bool):
            fact["value"] = {"bool": v}
        elif isinstance(v, (int, float)):
            fact["value"] = {"num": v, "unit": a.get(k + "_unit"), "currency": a.get(k + "_currency"),
                             "precision": a.get(k + "_precision")}
        else:
            text = _text(v)
            fact["value"] = {"en": text, "zh": _text(a[k + "_zh"]) if k + "_zh" in a else text}
        facts.append(fact)
    return {"ids": ids, "description": description, "facts": facts}


def _i18n(vocab: Vocabulary, types: list[str], type_iris: dict[str, str], keys: set[str]) -> dict[str, Any]:
    """Every string the page shows in both languages: the UI's own, and types, keys and concepts from the ontology."""
    def key_label(k):
        if k in vocab.keys:
            return _labels(vocab, vocab.keys[k].iri, k.replace("_", " "))
        base, _, tag = k.rpartition("_")
        if base in vocab.keys:
            got = _labels(vocab, vocab.keys[base].iri, base.replace("_", " "))
            return {lang: f"{got[lang]} ({tag})" for lang in got}
        return {"en": k.replace("_", " "), "zh": k.replace("_", " ")}

    concepts = {}
    for members in vocab.concepts.values():
        for iri in members.values():
            name = iri.rsplit("#", 1)[-1]
            concepts[name] = _labels(vocab, iri, name)
    return {
        "ui": UI,
        "types": {t: _labels(vocab, type_iris.get(t) or vocab.types.get(t), t) for t in types},
        "keys": {k: key_label(k) for k in sorted(keys)},
        "concepts": concepts, "currencies": CURRENCIES, "units": UNITS,
    }


def page_data(g: nx.MultiDiGraph, kg=None, vocab: Vocabulary | None = None,
              positions: dict[str, tuple[int, int]] | None = None, hover: bool = True,
              dots: bool | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain data: nodes with positions and facts, edges, legend, sources.

    Besides the keys every reader uses (``nodes``, ``edges``, ``legend``, ``sources``, ``big``, ``years``,
    ``options``), nodes carry ``degree``, ``family``, ``label_size`` and ``profile`` (the side panel),
    edges ``key``, ``en`` and ``zh``, legend rows ``en`` and ``zh``, and ``i18n`` holds every string in
    both languages. ``positions`` (node -> x, y) are computed with :func:`layout_positions` when not given.
    ``hover`` adds what pyvis shows on hover: node ``facts`` (``[name, text, sources]``) and ``links``
    (``[name, url]``); the pages read ``profile`` instead. ``dots`` (default: above :data:`BIG` nodes) draws
    every node as a dot, each type in a shade of its own (:func:`_dot_styles`).
    """
    vocab = vocab or load_vocabulary()
    stated = fact_sources(kg) if kg is not None else {}
    positions = layout_positions(g) if positions is None else positions
    degree = dict(g.degree())
    big = g.number_of_nodes() > BIG
    dots = big if dots is None else dots
    counts: dict[str, int] = defaultdict(int)
    sources: dict[str, list[str]] = {}
    predicates = g.graph.get("predicates", {})
    type_iris = g.graph.get("types", {})
    styles: dict[str, tuple[str, str]] = {}
    is_source: dict[str, bool] = {}
    families: dict[str, str] = {}
    nodes = []
    keys_used: set[str] = set()
    top = max(degree.values(), default=1) or 1
    for n, a in g.nodes(data=True):
        t = a.get("type", "")
        counts[t] += 1
        if t not in styles:
            styles[t] = type_style(t, type_iris.get(t), vocab, dots)
            families[t] = vocab.family(t)
            is_source[t] = vocab.is_a(type_iris.get(t) or vocab.types.get(t, ""), VOCAB + "Source")
        if a.get("url") and t and is_source[t]:
            sources[n] = [a.get("label") or n, a["url"] if _HTTP.match(str(a["url"])) else ""]
        elif is_source[t]:
            sources[n] = [a.get("label") or n, ""]
        released = str(a.get("released", ""))
        names = [a.get("label") or n, n] + [v for k, v in a.items() if k.startswith("label_")] + list(a.get("aliases", []))
        x, y = positions.get(n, (0, 0))
        links = _links(a, predicates)
        d = degree.get(n, 0)
        profile = _profile(a, vocab, predicates, stated, links)
        keys_used.update(f["key"] for f in profile["facts"])
        keys_used.update(i["key"] for i in profile["ids"])
        node = {
            "id": n, "en": a.get("label") or n, "zh": _in_language(a, "zh"), "type": t, "color": styles[t][0],
            "shape": styles[t][1], "size": round(min(10 + 3.5 * d ** 0.5, 30), 1), "x": x, "y": y,
            "year": int(released[:4]) if released[:4].isdigit() else None,
            "names": sorted(set(map(str, names))), "sources": a.get("sources", []), "degree": d,
            "family": families[t], "label_size": round(14 + 16 * (d / top) ** 0.5, 1),
            "aliases": [str(x) for x in a.get("aliases", [])], "profile": profile,
        }
        if hover:
            iri = a.get("iri", n)
            node["facts"] = [[k.replace("_", " "), _text(a[k]),
                              stated.get((iri, predicates[k]), a.get("sources", [])) if k in predicates else []]
                             for k in sorted(a) if k not in HIDDEN]
            node["links"] = links
        nodes.append(node)
    edges = []
    named: dict[tuple, dict[str, str]] = {}
    for u, v, k, a in g.edges(keys=True, data=True):
        quals = tuple((q, _text(a[q])) for q in ("kind", "role", "current", "stage", "role_zh") if q in a)
        label = a.get("edgelabel", k)
        if (k, label, quals) not in named:
            named[(k, label, quals)] = _edge_names(k, a, vocab)
        names = named[(k, label, quals)]
        extra = "".join(f"; {q}: {t}" for q, t in quals if q != "role_zh")
        edges.append({"from": u, "to": v, "label": label + extra, "sources": a.get("sources", []),
                      "key": k, "en": names["en"], "zh": names["zh"]})
    years = [nd["year"] for nd in nodes if nd["year"]]
    i18n = _i18n(vocab, sorted(counts), type_iris, keys_used)
    legend = [{"name": t, "color": styles[t][0], "shape": styles[t][1], "count": c, "family": families[t],
               **i18n["types"][t]}
              for t, c in sorted(counts.items())]
    return {
        "nodes": nodes, "edges": edges, "legend": legend, "sources": sources, "big": big,
        "years": [min(years), max(years)] if years else None,
        "options": _options(big), "i18n": i18n,
        "groups": {k: g for g, keys in GROUPS.items() for k in sorted(keys)},
    }


def _edge_names(k: str, a: dict[str, Any], vocab: Vocabulary) -> dict[str, str]:
    """An edge's label in both languages, with its qualifiers for people: "based on (fine-tuning)"."""
    names = _labels(vocab, vocab.keys[k].iri, a.get("edgelabel", k)) if k in vocab.keys else \
        {"en": a.get("edgelabel", k), "zh": a.get("edgelabel", k)}
    out = {}
    for lang in ("en", "zh"):
        extra = []
        if "kind" in a:
            extra.append(_labels(vocab, VOCAB + str(a["kind"]), str(a["kind"]))[lang])
        if "role" in a:
            extra.append(str(a.get("role_zh", a["role"])) if lang == "zh" else str(a["role"]))
        if a.get("current") is False:
            extra.append(UI[lang]["former"])
        if "stage" in a:
            extra.append(f"{UI[lang]['stage']} {a['stage']}")
        out[lang] = names[lang] + (f" ({', '.join(extra)})" if lang == "en" and extra else
                                   f"（{'，'.join(extra)}）" if extra else "")
    return out


def _options(big: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {"font": {"size": 14}, "scaling": {"label": {"enabled": True, "drawThreshold": 9 if big else 5}},
                  "borderWidth": 0 if big else 1},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9a9a9a", "highlight": "#333333", "opacity": 0.6},
                  "font": {"size": 9, "color": "#555555", "strokeWidth": 2},
                  "scaling": {"label": {"enabled": True, "drawThreshold": 8}}, "width": 0.8},
        "interaction": {"hover": not big, "hideEdgesOnDrag": True, "hideEdgesOnZoom": big,
                        "tooltipDelay": 200, "navigationButtons": False, "keyboard": False},
    }


def titles(title: str) -> dict[str, str]:
    """The page's title in both languages: the default one translated, a user's own as given.

    >>> titles("AI ecosystem knowledge graph")["zh"], titles("My graph")["zh"]
    ('AI 生态知识图谱', 'My graph')
    """
    return {"en": title, "zh": "AI 生态知识图谱" if title == "AI ecosystem knowledge graph" else title}


def page_html(g: nx.MultiDiGraph, kg=None, title: str = "AI ecosystem knowledge graph", lang: str = "en",
              theme: str = "light") -> str:
    """The whole page as one HTML string, vis-network inlined; give ``kg`` for per-fact sources.

    ``lang`` is the first language (``en`` or ``zh``; the page switches), ``theme`` ``light`` or ``dark``.
    """
    data = page_data(g, kg, hover=False)
    data["i18n"]["title"] = titles(title)
    return _ENV.get_template("page.html").render(
        title=data["i18n"]["title"].get(lang, title),
        theme=theme if theme in THEMES else "light",
        lang=lang if lang in ("en", "zh") else "en",
        data=data,
        vis_js=(_LIB / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(_LIB / "vis-network.css").read_text(encoding="utf-8"),
    )
