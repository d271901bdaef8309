"""The HTML page: self-contained, works offline in a real browser, shows data as text."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.build import build
from graph.page import page_html

from conftest import FIXTURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def render_dom(html_file, tmp_path: Path) -> str:
    """The DOM after the page's scripts ran, from headless Chromium with all network but loopback off.

    ``html_file`` is a path, or anything with ``as_uri()`` (such as a page on a local server).
    """
    if CHROMIUM is None:
        pytest.fail("chromium is required for the page tests (apt-get install chromium)")
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--virtual-time-budget=5000", "--dump-dom", html_file.as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_the_page_loads_nothing_from_the_network(built_out):
    html = (built_out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert "default-src 'none'" in html, "a Content-Security-Policy forbids any fetch"
    assert "vis.Network" in html and len(html) > 400_000, "vis-network is inlined"


def test_the_page_draws_the_graph_offline_in_chromium(built, built_out, tmp_path):
    dom = render_dom(built_out / "graph.html", tmp_path)
    g = built.network
    summary = f"{g.number_of_nodes()} entities, {g.number_of_edges()} relations"
    assert summary in dom, "the page's script ran and vis-network drew the graph"
    assert "<canvas" in dom
    models = sum(1 for _, t in g.nodes(data="type") if t == "LanguageModel")
    assert f"LanguageModel ({models})" in dom, "the legend lists types with counts"


def test_hostile_labels_show_as_text_and_never_run(tmp_path):
    result = build([FIXTURES / "hostile"])
    page = tmp_path / "hostile.html"
    page.write_text(page_html(result.network), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<b id=bold>" not in html and "<iframe" not in html
    dom = render_dom(page, tmp_path)
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "pwned" not in title
    assert "<b id=\"bold\">" not in dom and "<img src=\"x\"" not in dom and "<iframe" not in dom.split("</title>")[1]
    assert "&lt;img src=x onerror=" in dom, "the label is in the page as text"
    assert "3 entities" in dom
