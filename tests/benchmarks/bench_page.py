"""Benchmark: the graph page in headless Chromium at three sizes, against the targets.

Run by hand (not collected by pytest); needs chromium and playwright:

    .venv/bin/python tests/benchmarks/bench_page.py [--sizes 5000,20000]

For the shipped data/ and for synthetic graphs of the given node counts it
prints: the time to write the page in Python (layout + HTML), the time until
the page has drawn (navigation start to vis-network's first ``afterDrawing``),
and the frame rate while the user pans (a mouse drag across the canvas,
counting redraws), each beside its target: data/ ready in 1 s, 5,000 nodes
ready in 3 s and panning at 10 frames a second or more, 20,000 nodes open in 15 s.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from graph.build import build  # noqa: E402
from graph.views.page import page_html  # noqa: E402
from synthetic import write_records  # noqa: E402

TARGET_READY = {"data/": 1.0, 5000: 3.0, 20000: 15.0}


def measure(browser, html: Path) -> tuple[float, float]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    page.goto(html.as_uri(), timeout=120000)
    page.wait_for_function("window.aikgReadyAt !== undefined", timeout=120000)
    ready = page.evaluate("window.aikgReadyAt") / 1000
    page.evaluate("window.frames_ = 0; window.aikg.network.on('afterDrawing', function () { window.frames_++; })")
    box = page.locator("#network").bounding_box()
    x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    start = time.perf_counter()
    for i in range(60):
        page.mouse.move(x0 + 4 * i, y0 + 2 * i)
    page.mouse.up()
    elapsed = time.perf_counter() - start
    fps = page.evaluate("window.frames_") / elapsed
    ctx.close()
    return ready, fps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5000,20000")
    args = ap.parse_args()
    chromium = shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        cases = [("data/", [ROOT / "data"])]
        for n in (int(s) for s in args.sizes.split(",") if s):
            write_records(tmp / f"d{n}", n)
            cases.append((n, [tmp / f"d{n}"]))
        for name, paths in cases:
            result = build(paths, checks=False)
            t = time.perf_counter()
            html = tmp / f"page-{name if isinstance(name, int) else 'data'}.html"
            html.write_text(page_html(result.network, result.kg), encoding="utf-8")
            write_s = time.perf_counter() - t
            ready, fps = measure(browser, html)
            target = TARGET_READY.get(name)
            print(f"{str(name):>6} nodes={result.network.number_of_nodes():6d} edges={result.network.number_of_edges():6d}  "
                  f"page written {write_s:5.2f} s  ready {ready:6.2f} s"
                  + (f" ({ready / target:.2f} of the {target:g} s target)" if target else "")
                  + f"  panning {fps:5.1f} frames/s")
        browser.close()


if __name__ == "__main__":
    main()
