"""A release timeline: one lane per organization, models and papers as marks at their dates, lineage as arcs.

A model's lane is its developer's (the first by name when it has several); a paper's is the lane of the
model it introduced, else of its authors' organization, else "other". A date is placed within its year as
precisely as it is known (2020 in the middle of 2020, 2020-05 in May, 2020-05-28 on its day). Labels are
placed one by one, each at the first free slot above or below its mark, so that no two label boxes
overlap (measured with the figure's own renderer). Text in Chinese is drawn with the first CJK font of
:data:`FONTS` that the machine has.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("openai", type="Company", label="OpenAI"); g.add_node("gpt", type="LanguageModel", label="GPT", released="2018-06")
>>> _ = g.add_edge("gpt", "openai", key="developed_by")
>>> [(m.id, m.lane, round(m.x, 2)) for m in marks(g)]
[('gpt', 'openai', 2018.46)]
"""
from __future__ import annotations

import functools
import html
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import networkx as nx

from graph.analysis.entities import name
from graph.vocabulary import Vocabulary, load_vocabulary

#: Fonts in order of preference: CJK first (every one also has Latin letters), then matplotlib's own.
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", "DejaVu Sans"]
FAMILIES = ("Model", "Source")  # models and papers (Paper is a Source)
COLOURS = {"Model": "#D55E00", "Source": "#009E73"}  # the page's colours of the two families
LINEAGE = ("based_on", "successor_of")
OTHER = {"en": "other", "zh": "其他"}
TITLE = {"en": "Releases by organization", "zh": "各机构发布时间线"}
LEGEND = {"en": {"Model": "model", "Source": "paper"}, "zh": {"Model": "模型", "Source": "论文"}}
SHORT = 40  #: labels longer than this many characters (a CJK character counting as two) are shortened
LANES = 12  #: the busiest organizations get a lane each; the marks of the others go in "other"
LABELS = 300  #: at most this many labels are placed (models first, then papers, each by date)


@dataclass
class Mark:
    """One model or paper on the timeline: its lane, its date as a year with a fraction, its label."""

    id: str
    label: str
    family: str
    lane: str
    x: float
    date: str


def _when(released: str) -> float | None:
    """A date as a fractional year, placed as precisely as it is known."""
    parts = str(released).split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return year + 0.5
    month = int(parts[1]) if parts[1].isdigit() else 6
    if len(parts) == 2:
        return year + (month - 0.5) / 12
    day = int(parts[2][:2]) if parts[2][:2].isdigit() else 15
    return year + (month - 1) / 12 + (day - 0.5) / 365


def marks(g: nx.MultiDiGraph, types: Iterable[str] = (), orgs: Iterable[str] = (), lang: str = "en",
          vocab: Vocabulary | None = None) -> list[Mark]:
    """The marks of the timeline, by date: models and papers (or only ``types``) with a release date,
    in the lanes of ``orgs`` only when given."""
    vocab = vocab or load_vocabulary()
    wanted = set(types)
    out = []
    for n, a in g.nodes(data=True):
        t = a.get("type", "")
        fam = vocab.family(t)
        if fam not in FAMILIES or (wanted and t not in wanted and fam not in wanted):
            continue
        if fam == "Source" and not vocab.is_a(vocab.types.get(t, ""), vocab.types.get("Paper", "")):
            continue
        x = _when(a.get("released", ""))
        if x is None:
            continue
        out.append(Mark(n, name(g, n, lang), fam, _lane(g, n, vocab), x, str(a.get("released"))))
    if orgs:
        keep = set(orgs)
        out = [m for m in out if m.lane in keep]
    return sorted(out, key=lambda m: (m.x, m.id))


def _lane(g: nx.MultiDiGraph, n: str, vocab: Vocabulary) -> str:
    devs = sorted(v for _, v, k in g.out_edges(n, keys=True) if k == "developed_by")
    if devs:
        return devs[0]
    models = sorted(u for u, _, k in g.in_edges(n, keys=True) if k == "introduced_in")
    for m in models:
        devs = sorted(v for _, v, k in g.out_edges(m, keys=True) if k == "developed_by")
        if devs:
            return devs[0]
    orgs = sorted(o for _, p, k in g.out_edges(n, keys=True) if k == "authors"
                  for _, o, k2 in g.out_edges(p, keys=True) if k2 == "affiliated_with")
    return orgs[0] if orgs else ""


def fonts() -> list[str]:
    """:data:`FONTS` that this machine has, in order (matplotlib warns of each one it lacks).

    matplotlib lists the machine's fonts once and keeps the list; a CJK font installed after that (say
    ``apt-get install fonts-noto-cjk`` after the first plot) is not on it. When none of the CJK fonts is
    listed, the fonts installed since are added first (:func:`_fonts_installed_since`).

    >>> fonts()[-1]
    'DejaVu Sans'
    """
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    if not any(f in have for f in FONTS[:-1]) and _fonts_installed_since():
        have = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in FONTS if f in have] or ["DejaVu Sans"]


@functools.cache
def _fonts_installed_since() -> int:
    """Add to matplotlib's font list the system's fonts it does not list (once a process); how many."""
    from matplotlib import font_manager

    listed = {f.fname for f in font_manager.fontManager.ttflist}
    added = 0
    for path in font_manager.findSystemFonts():
        if path not in listed:
            try:
                font_manager.fontManager.addfont(path)
                added += 1
            except (OSError, RuntimeError, ValueError):  # a file that is not a font matplotlib can read
                pass
    return added


def figure(g: nx.MultiDiGraph, types: Iterable[str] = (), orgs: Iterable[str] = (), lang: str = "en"):
    """(matplotlib Figure, marks, label boxes in display pixels) of the timeline."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch

    found = marks(g, types, orgs, lang)
    families = fonts()
    busiest = Counter(m.lane for m in found if m.lane)
    kept = {o for o, _ in sorted(busiest.items(), key=lambda x: (-x[1], x[0]))[:LANES]}
    for m in found:
        if m.lane not in kept:
            m.lane = ""
    lanes = sorted({m.lane for m in found}, key=lambda o: (o == "", name(g, o, lang).casefold() if o else ""))
    row = {o: i for i, o in enumerate(lanes)}
    with plt.rc_context({"svg.fonttype": "path"}):
        fig = Figure(figsize=(12, 1.6 + 1.25 * max(1, len(lanes))), dpi=100)
        FigureCanvasAgg(fig)  # a canvas that measures text (the labels are placed by their drawn size)
        ax = fig.add_subplot()
        if found:
            lo, hi = int(min(m.x for m in found)), int(max(m.x for m in found)) + 1
        else:
            lo, hi = 2000, 2001
        ax.set_xlim(lo - 0.4, hi + 0.4)
        ax.set_ylim(-0.7, len(lanes) - 0.3)
        ax.set_yticks(range(len(lanes)), [name(g, o, lang) if o else OTHER[lang] for o in lanes], fontfamily=families)
        ax.set_xticks(range(lo, hi + 1))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        for i in range(len(lanes)):
            ax.axhline(i, color="#eeeeee", linewidth=6, zorder=0)
        for spine in ("top", "right", "left"):
            ax.spines[spine].set_visible(False)
        ax.set_title(TITLE[lang], loc="left", fontsize=13, pad=22, fontfamily=families)
        where = {m.id: (m.x, row[m.lane] + (0 if m.family == "Model" else -0.09)) for m in found}
        for m in found:  # papers a little below the models of their lane, so that both show at one date
            ax.plot(*where[m.id], marker="D" if m.family == "Model" else "^", color=COLOURS[m.family],
                    markersize=7, zorder=3, gid=f"mark-{m.id}", linestyle="none")
        ax.legend(handles=[ax.plot([], [], marker="D", color=COLOURS["Model"], linestyle="none")[0],
                           ax.plot([], [], marker="^", color=COLOURS["Source"], linestyle="none")[0]],
                  labels=[LEGEND[lang]["Model"], LEGEND[lang]["Source"]], loc="upper right", frameon=False,
                  bbox_to_anchor=(1.0, 1.1), ncol=2, prop={"family": families, "size": 9})
        for u, v, k in g.edges(keys=True):
            if k in LINEAGE and u in where and v in where:
                ax.add_patch(FancyArrowPatch(where[v], where[u], connectionstyle="arc3,rad=-0.25", arrowstyle="-|>",
                                             mutation_scale=9, color="#777777", linewidth=0.8, zorder=2,
                                             shrinkA=5, shrinkB=5))
        fig.tight_layout()
        boxes = _place_labels(fig, ax, found, row, families)
    return fig, found, boxes


def _place_labels(fig, ax, found: list[Mark], row: dict[str, int], family: list[str]) -> dict[str, tuple[float, float, float, float]]:
    """Each label at the first slot (above, below, then farther out) where it overlaps no label placed before."""
    renderer = fig.canvas.get_renderer()
    placed: dict[str, tuple[float, float, float, float]] = {}
    slots = [0.22, -0.3, 0.40, -0.48]
    width = fig.bbox.width
    for m in sorted(found, key=lambda m: (m.family != "Model", m.x))[:LABELS]:
        for dy in slots:
            text = ax.text(m.x, row[m.lane] + dy, short(m.label), ha="center", va="center", fontsize=8.5, zorder=4,
                           gid=f"label-{m.id}", fontfamily=family)
            bb = text.get_window_extent(renderer)
            box = (bb.x0 - 3, bb.y0 - 1, bb.x1 + 3, bb.y1 + 1)
            if box[0] >= 0 and box[2] <= width and not any(_overlap(box, b) for b in placed.values()):
                placed[m.id] = box
                break
            text.remove()
        # a label with no free slot is left out: its mark stays, and the HTML timeline names it on hover
    return placed


def short(text: str) -> str:
    """A label of at most :data:`SHORT` columns, a CJK character two, cut with "…".

    >>> short("Improving Language Understanding by Generative Pre-Training")
    'Improving Language Understanding by Gen…'
    """
    used, out = 0, []
    for c in text:
        used += 2 if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 1
        if used > SHORT - 1:
            return "".join(out).rstrip() + "…"
        out.append(c)
    return text


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def write(g: nx.MultiDiGraph, path: str | Path, types: Iterable[str] = (), orgs: Iterable[str] = (),
          lang: str = "en") -> tuple[bytes, list[Mark]]:
    """The timeline as ``.svg``, ``.png`` or ``.html`` (one offline file: the SVG inline, titles on hover), bytes."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".svg", ".png", ".html"):
        from graph.errors import AikgError

        raise AikgError(f"{path}: a timeline is .svg, .png or .html")
    from matplotlib import pyplot as plt

    fig, found, _ = figure(g, types, orgs, lang)
    buf = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "aikg", "svg.fonttype": "path"}):  # the same ids every time: same bytes
        fig.savefig(buf, format="png" if suffix == ".png" else "svg",
                    metadata={"Software": None} if suffix == ".png" else {"Date": None})
    data = buf.getvalue()
    if suffix == ".html":
        rows = "".join(f"<li>{html.escape(m.date)}: {html.escape(m.label)}</li>" for m in found)
        data = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:;">'
                f"<title>{html.escape(TITLE[lang])}</title><style>body{{font-family:{', '.join(repr(f) for f in FONTS)},sans-serif;margin:1em}}"
                "svg{max-width:100%;height:auto}</style></head><body>"
                + data.decode("utf-8").split("?>", 1)[-1] + f"<ul>{rows}</ul></body></html>").encode("utf-8")
    return data, found
