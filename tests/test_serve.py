"""`build.py serve` in a real browser: an edit reloads the page; a broken edit shows its error."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .browser import CHROMIUM, CHROMIUM_ARGS, free_port
from .conftest import ROOT

pytestmark = pytest.mark.browser
LIVE = "() => window.LiveReload && LiveReload.connector && LiveReload.connector.socket && LiveReload.connector.socket.readyState === 1"
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def server(golden_project: Path):
    port = free_port()
    log = open(golden_project / "serve.log", "wb")
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(golden_project), "serve",
                                "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("serve did not start: " + (golden_project / "serve.log").read_text(errors="replace")[-2000:])
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()
    print((golden_project / "serve.log").read_text(errors="replace")[-3000:])  # shown when a test fails


def test_an_edit_reloads_and_a_broken_edit_shows_the_error(server: str, golden_project: Path):
    article = golden_project / "content/talks-resume.md"
    good = article.read_text()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(server + "articles/talks-resume/index.html")
        assert page.locator("h1").inner_text() == "Talks Resume"
        page.wait_for_function(LIVE, timeout=10_000)  # an edit before the socket opens reloads nobody

        article.write_text(good.replace("title: Talks Resume", "title: Talks Resume in Geneva"))
        page.wait_for_function("document.querySelector('h1').innerText === 'Talks Resume in Geneva'", timeout=20_000)

        article.write_text(good.replace("title: Talks Resume", "title: [broken"))
        overlay = page.locator("#build-error")
        overlay.wait_for(timeout=20_000)
        assert "content/talks-resume.md:2: error:" in overlay.inner_text()  # where the unclosed [ opens
        assert page.locator("h1").inner_text() == "Talks Resume in Geneva"  # the last good site

        article.write_text(good)
        page.wait_for_function("document.querySelector('h1').innerText === 'Talks Resume'", timeout=20_000)
        assert page.locator("#build-error").count() == 0
        browser.close()
