"""Shared fixtures: the project's own data, built once per session, and small fixture datasets."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.build import build, build_outputs
from servers import ServerMissing, oxigraph_server as _oxigraph, virtuoso_server as _virtuoso

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def built():
    """The build of data/ (in memory): dataset, projection, records."""
    return build([DATA])


@pytest.fixture(scope="session")
def built_out(tmp_path_factory):
    """data/ built and written to a temporary out/ directory."""
    out = tmp_path_factory.mktemp("out")
    build_outputs([DATA], out)
    return out


@pytest.fixture
def minimal(tmp_path):
    """A copy of the minimal fixture dataset that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is required for the browser tests (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic"])
        yield b
        b.close()


class PageProbe:
    """A browser page that records console errors, page errors, dialogs and outside requests."""

    #: what must be true before the page counts as drawn (the project's pages set these)
    READY = "window.aikg !== undefined && window.aikgReadyAt !== undefined"

    def __init__(self, browser, url: str):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})

        def route(r):
            url = r.request.url
            if url.startswith(("file:", "data:", "about:", "http://127.0.0.1")):
                r.continue_()
            else:
                self.requests.append(url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)
        self.page.wait_for_function(self.READY, timeout=60000)

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    probes = []

    def opener(url: str) -> PageProbe:
        probe = PageProbe(browser, url)
        probes.append(probe)
        return probe

    yield opener
    for p in probes:
        p.close()


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """The base URL of a real Oxigraph server on 127.0.0.1, with an empty database (one per test module)."""
    try:
        with _oxigraph(tmp_path_factory.mktemp("oxigraph")) as base:
            yield base
    except ServerMissing as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """The base URL of a real Virtuoso on 127.0.0.1, with a fresh database (administrator dba/dba)."""
    try:
        with _virtuoso(tmp_path_factory.mktemp("virtuoso")) as base:
            yield base
    except ServerMissing as exc:
        pytest.fail(str(exc))
