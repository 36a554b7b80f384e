"""The explorer in a real browser: `kg serve` in a subprocess, Debian's chromium driven headless by
Playwright (never `playwright install`: the system chromium at /usr/bin/chromium is used)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from kg.api import KnowledgeGraph
from process_helpers import free_port, stop
from kg.documents import parse_text

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCS = {
    "br-1": "---\ntitle: Browser one\ndate: 2024-03-05\nsource: test\n---\n"
            "Zhang Weiguo, Party secretary of Zhengzhou, said the city will grow.\n",
    "br-2": "Li Hongmei, general manager of Henan Zhongyuan Copper Group, said the firm is based in Xinxiang.\n",
}
SENTENCE = "Zhang Weiguo, Party secretary of Zhengzhou, said the city will grow."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "store"
    kg = KnowledgeGraph(path)
    kg.add_documents([parse_text(doc_id, text) for doc_id, text in DOCS.items()])
    kg.close()
    del kg
    port = free_port()
    exe = Path(sys.executable).parent / "kg"
    proc = subprocess.Popen([str(exe), "serve", "--store", str(path), "--port", str(port), "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urlopen(base + "/queries", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                    pytest.fail(f"kg serve did not start:\n{out}")
                time.sleep(0.3)
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def test_explorer_in_chromium(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    outside: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(server) or req.url.startswith("data:")
            else outside.append(req.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(server + "/")
    page.wait_for_selector("#saved option[value='officials']", state="attached")
    # run a saved query and see rows
    page.select_option("#saved", "officials")
    page.wait_for_function("document.getElementById('query').value.includes('SELECT')")
    page.click("#run")
    page.wait_for_selector("#results-table tbody tr")
    assert "Zhang Weiguo" in page.inner_text("#results-table")
    assert "row" in page.inner_text("#status")

    # search and follow a hit to the entity page
    page.fill("#search-box", "weiguo")
    page.wait_for_selector("#search-results a[href^='/entity']")
    page.click("#search-results a[href^='/entity']")
    page.wait_for_selector("#facts")
    assert SENTENCE in page.inner_text("#facts") and "br-1" in page.inner_text("#facts")

    # the network view: cytoscape drew the entity and its neighbours on canvases
    page.wait_for_selector("#cy canvas")
    nodes = page.evaluate("window.cy.nodes().length")
    edges = page.evaluate("window.cy.edges().length")
    assert nodes >= 2 and edges >= 1
    page.wait_for_timeout(300)
    shot = tmp_path / "explorer-entity.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert not errors, errors
    assert not outside, f"the page fetched from outside the server: {outside}"
    page.close()


def test_id_iri_opens_as_a_page_in_the_browser(server, browser):
    page = browser.new_page()
    response = page.goto(server + "/id/person/zhang-weiguo")
    assert response.status == 200 and response.headers["content-type"].startswith("text/html")
    assert SENTENCE in page.inner_text("#facts")
    page.close()
