"""Benchmark: the graph page, canvas (vis-network) against WebGL (sigma.js), in headless Chromium.

Run by hand (not collected by pytest); needs chromium and playwright:

    .venv/bin/python tests/benchmarks/bench_page.py [--sizes 5000,20000,100000] [--canvas-browser-up-to 20000]

For the shipped data/ and for seeded synthetic graphs of the given node counts
(3 edges a node, preferential attachment, so hubs as in real data) it prints,
for each renderer: the time to write the page in Python (layout + HTML), the
file size, the time from opening the file until the first frame
(``window.aikgReadyAt``: vis-network's first ``afterDrawing``, sigma's first
``afterRender``), and the frame rate while the camera pans (moved on every
``requestAnimationFrame`` for 3 s; frames counted as the renderer's own redraws) and while the mouse
drags it (as a person pans; above 2,000 nodes sigma hides the edges while the camera moves).
The WebGL figures are printed as ratios to the canvas renderer measured in the
same run. Targets (WebGL): 100,000 nodes ready in < 10 s, >= 20 frames/s, file
<= 40 MB; data/ ready in < 0.5 s.

Chromium's WebGL here is SwiftShader (software, on the CPU): it starts even with
``--disable-gpu``; the renderer string is printed.
"""
from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from graph.build import build  # noqa: E402
from graph.views.page import page_html  # noqa: E402
from graph.views.renderer import renderer_for  # noqa: E402
from graph.views.webgl import webgl_page_html  # noqa: E402

TYPES = ["LanguageModel", "Paper", "Company", "Person", "Technique", "Dataset", "Article"]
RELATIONS = ["developed by", "introduced in", "uses technique", "based on", "affiliated with"]
PAN_S = 3.0

# Drive the camera on every animation frame for PAN_S seconds; count the renderer's redraws.
PAN = {
    "canvas": """(s) => new Promise(done => {
        const net = window.aikg.network; let frames = 0; net.on('afterDrawing', () => frames++);
        const p0 = net.getViewPosition(), scale = net.getScale(), t0 = performance.now();
        function step(t) { const k = (t - t0) / 1000;
            net.moveTo({position: {x: p0.x + 300 * Math.sin(k * 2), y: p0.y + 200 * Math.cos(k * 2)}, scale, animation: false});
            if (t - t0 < s * 1000) requestAnimationFrame(step); else done(frames / ((performance.now() - t0) / 1000)); }
        requestAnimationFrame(step); })""",
    "webgl": """(s) => new Promise(done => {
        const r = window.aikg.renderer, cam = r.getCamera(); let frames = 0; r.on('afterRender', () => frames++);
        cam.setState({ratio: 0.5}); const t0 = performance.now();
        function step(t) { const k = (t - t0) / 1000;
            cam.setState({x: 0.5 + 0.2 * Math.sin(k * 2), y: 0.5 + 0.2 * Math.cos(k * 2)});
            if (t - t0 < s * 1000) requestAnimationFrame(step); else done(frames / ((performance.now() - t0) / 1000)); }
        requestAnimationFrame(step); })""",
}


def synthetic_graph(n: int, per_node: int = 3, seed: int = 7) -> nx.MultiDiGraph:
    """A seeded projection-shaped graph: n nodes with labels (en, zh), aliases, years and facts; about 3n edges.

    Each new node links to ``per_node`` earlier ones, half chosen uniformly, half by preferential attachment.
    """
    rng = random.Random(seed)
    g = nx.MultiDiGraph(predicates={"parameters": "https://w3id.org/aiekg/vocab#parameterCount"})
    order: list[str] = []
    ends: list[str] = []
    for i in range(n):
        t = rng.choice(TYPES)
        node = f"{t.lower()}-{i}"
        g.add_node(node, type=t, label=f"{t} {i}", label_zh=f"实体 {i}", aliases=[f"E{i}"],
                   released=str(rng.randint(2015, 2024)), parameters=rng.randint(1, 500) * 10**8,
                   sources=[f"article-{rng.randrange(max(1, n // 50))}"], iri=f"https://w3id.org/aiekg/id/{node}")
        for _ in range(per_node if i else 0):
            other = rng.choice(ends) if ends and rng.random() < 0.5 else order[rng.randrange(i)]
            rel = rng.choice(RELATIONS)
            g.add_edge(node, other, key=rel, edgelabel=rel, sources=[])
            ends += (node, other)
        order.append(node)
    return g


FRAMES = {"canvas": "(() => { window.__frames = 0; window.aikg.network.on('afterDrawing', () => window.__frames++); })()",
          "webgl": "(() => { window.__frames = 0; window.aikg.renderer.on('afterRender', () => window.__frames++); })()"}


def drag_fps(page, seconds: float = PAN_S) -> float:
    """Frames a second while the mouse drags the drawing (as a person pans: sigma hides edges meanwhile)."""
    box = page.locator("#network").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    start = page.evaluate("window.__frames")
    t0 = time.perf_counter()
    k = 0
    while time.perf_counter() - t0 < seconds:
        k += 1
        page.mouse.move(cx + 150 * math.sin(k / 5), cy + 100 * math.cos(k / 5))
        page.wait_for_timeout(16)
    frames = page.evaluate("window.__frames") - start
    elapsed = time.perf_counter() - t0
    page.mouse.up()
    return frames / elapsed


def measure(browser, html: Path, renderer: str, timeout_s: float) -> tuple[float | None, float | None, float | None, str]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    try:
        page.goto(html.as_uri(), timeout=timeout_s * 1000)
        page.wait_for_function("window.aikgReadyAt !== undefined && window.aikg !== undefined", timeout=timeout_s * 1000)
        ready = page.evaluate("window.aikgReadyAt") / 1000  # from navigation start
        fps = page.evaluate(PAN[renderer], PAN_S)
        page.evaluate(FRAMES[renderer])
        drag = drag_fps(page)
        gl = page.evaluate("(() => { const c = document.createElement('canvas').getContext('webgl');"
                           " const d = c && c.getExtension('WEBGL_debug_renderer_info');"
                           " return c ? c.getParameter(d ? d.UNMASKED_RENDERER_WEBGL : c.RENDERER) : 'no WebGL'; })()")
        return ready, fps, drag, gl
    except Exception as e:  # a renderer that does not open in time
        return None, None, None, f"{type(e).__name__}"
    finally:
        ctx.close()


def fmt(v: float | None, unit: str, spec: str = "6.2f") -> str:
    return f"{v:{spec}} {unit}" if v is not None else "  (timeout)"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:7.2f}x" if a is not None and b else "     n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5000,20000,100000")
    ap.add_argument("--canvas-browser-up-to", type=int, default=20000,
                    help="largest graph to open the canvas page of (100k takes minutes to draw)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for a page to draw")
    args = ap.parse_args()
    chromium = shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader"])
        data = build([ROOT / "data"], checks=False)
        cases = [("data/", data.network, data.kg)]
        for n in (int(s) for s in args.sizes.split(",") if s):
            cases.append((n, synthetic_graph(n), None))
        gl_seen = ""
        for name, g, kg in cases:
            print(f"{str(name):>6}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges", flush=True)
            row = {}
            for renderer, write in (("canvas", page_html), ("webgl", webgl_page_html)):
                t = time.perf_counter()
                html = tmp / f"{renderer}-{g.number_of_nodes()}.html"
                html.write_text(write(g, kg), encoding="utf-8")
                write_s = time.perf_counter() - t
                mb = html.stat().st_size / 1e6
                if renderer == "canvas" and isinstance(name, int) and name > args.canvas_browser_up_to:
                    ready, fps, drag, gl = None, None, None, "not opened"
                else:
                    ready, fps, drag, gl = measure(browser, html, renderer, args.timeout)
                if renderer == "webgl":
                    gl_seen = gl
                row[renderer] = (write_s, mb, ready, fps, drag)
                print(f"        {renderer:6}  written {write_s:6.2f} s  {mb:7.2f} MB  ready {fmt(ready, 's')}"
                      f"  panning {fmt(fps, 'frames/s', '6.1f')}  dragging {fmt(drag, 'frames/s', '6.1f')}"
                      + ("" if ready is not None else f"  [{gl}]"), flush=True)
            (cw, cm, cr, cf, cd), (ww, wm, wr, wf, wd) = row["canvas"], row["webgl"]
            print(f"        webgl/canvas  written {ratio(ww, cw)}  size {ratio(wm, cm)}  ready {ratio(wr, cr)}"
                  f"  frames/s {ratio(wf, cf)}  dragging {ratio(wd, cd)}", flush=True)
            if name == "data/":  # the page the shipped graph gets: renderer_for's choice
                auto = renderer_for(g)
                print(f"        targets ({auto}, the shipped graph's renderer): ready {fmt(row[auto][2], 's')} (target < 0.5 s)",
                      flush=True)
            if name == 100000:
                checks = [f"ready {fmt(wr, 's')} (target < 10 s)"]
                checks += [f"panning {fmt(wf, 'frames/s', '.1f')}, dragging {fmt(wd, 'frames/s', '.1f')} (target >= 20)",
                           f"file {wm:.1f} MB (target <= 40)"]
                print("        targets (webgl): " + "; ".join(checks), flush=True)
            del g
        print(f"WebGL renderer: {gl_seen}")
        browser.close()


if __name__ == "__main__":
    main()
