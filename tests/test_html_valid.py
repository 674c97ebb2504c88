"""Every built page is valid HTML according to the Nu HTML Checker (vnu), for the golden and the seed site.

The checker is the `vnu-jar` npm package run with Java; the test installs it into
~/.cache/briefing/vnu on first use (override with BRIEFING_VNU_JAR=/path/to/vnu.jar).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from briefing.config import load_settings
from briefing.linkcheck import check_links, static_files
from briefing.pages import plan
from briefing.pipeline import read_and_link
from briefing.render import render_all

from .conftest import FIXTURES, ROOT
from .corpus import every_kind_of_page

pytestmark = pytest.mark.browser  # slow: starts a JVM and may install the checker
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "briefing" / "vnu"


def vnu_jar() -> Path:
    """The checker's jar: from BRIEFING_VNU_JAR, the cache, or a fresh `npm install vnu-jar` into the cache."""
    if os.environ.get("BRIEFING_VNU_JAR"):
        return Path(os.environ["BRIEFING_VNU_JAR"])
    jar = CACHE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        if shutil.which("npm") is None:
            pytest.fail("HTML validation needs npm to install the Nu HTML Checker: apt-get install npm "
                        "(or set BRIEFING_VNU_JAR to a vnu.jar)")
        CACHE.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(CACHE),
                                 "vnu-jar"], capture_output=True, text=True, timeout=600)
        assert jar.is_file(), f"npm install vnu-jar failed:\n{result.stdout}\n{result.stderr}"
    return jar


def validate(folder: Path) -> list[str]:
    """vnu's errors for every HTML file under `folder`, as "page:line: message"."""
    if shutil.which("java") is None:
        pytest.fail("HTML validation needs Java 11 or newer for the Nu HTML Checker: apt-get install default-jre")
    result = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--skip-non-html", "--format", "json",
                             str(folder)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{_site_path(m.get('url', ''), folder)}:{m.get('lastLine', 0)}: {m['message']}" for m in messages]


def _site_path(url: str, folder: Path) -> str:
    """vnu's "file:/tmp/.../site/actors/x/index.html" as "actors/x/index.html"."""
    path = unquote(urlsplit(url).path)
    return os.path.relpath(path, folder) if path else url


def render_into(project: Path, folder: Path) -> Path:
    """Render a project's content/ into `folder` (no extraction, no search index) after checking its links."""
    settings = load_settings(project)
    briefing, problems = read_and_link(settings)
    assert problems == []
    files = render_all(plan(briefing, settings.base_url), settings.path("templates"))
    assert check_links(files, static_files(settings.path("templates") / "static")) == []
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("project", [FIXTURES / "golden", ROOT], ids=["golden", "seeds"])
def test_every_page_is_valid_html(project: Path, tmp_path: Path):
    site = render_into(project, tmp_path / "site")
    assert len(list(site.rglob("*.html"))) > 5
    assert validate(site) == []


def test_every_kind_of_page_of_a_large_briefing_is_valid_html(tmp_path: Path):
    """Paged lists, an actor's and a month's later pages, A-to-Z pages: what only a large briefing has."""
    pages = every_kind_of_page(tmp_path)
    assert len(pages) >= 20
    for path in pages:
        (tmp_path / "sample" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / path).rename(tmp_path / "sample" / path)
    assert validate(tmp_path / "sample") == []
