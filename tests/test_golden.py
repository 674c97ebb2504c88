"""The golden site: hand-written content in, every output file compared byte for byte.

After an intended change to the output, regenerate with `pytest tests/test_golden.py --update-golden`
and read the diff before committing it.
"""
import shutil
from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.linkcheck import check_links
from briefing.pipeline import build

from .conftest import FIXTURES

EXPECTED = FIXTURES / "golden" / "expected"


def build_golden(tmp_path: Path) -> Path:
    settings = load_settings(FIXTURES / "golden", site=str(tmp_path / "site"))
    build(settings, progress=lambda _: None)
    return tmp_path / "site"


def files_of(folder: Path, with_static: bool = True) -> dict[str, bytes]:
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    return {k: v for k, v in files.items() if with_static or not k.startswith("static/")}


def test_golden_site_matches_file_by_file(tmp_path: Path, request: pytest.FixtureRequest):
    site = build_golden(tmp_path)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(site, EXPECTED, ignore=shutil.ignore_patterns("static"))
    # Static assets are copied verbatim; the golden tree holds what Briefing generates.
    got, want = files_of(site, with_static=False), files_of(EXPECTED)
    assert sorted(got) == sorted(want)
    for path in want:
        assert got[path].decode() == want[path].decode(), f"{path} differs from the golden copy"


def test_every_page_of_the_page_map_is_there(tmp_path: Path):
    site = build_golden(tmp_path)
    for path in ["index.html", "actors/index.html", "who-said-what/index.html", "chronology/index.html",
                 "weapons/index.html", "briefing.json", "claims.csv", "timeline.json", "feed.xml",
                 "sitemap.xml", "404.html", ".nojekyll", "robots.txt", "articles/drones-shipped/index.html",
                 "articles/talks-resume/index.html", "actors/jane-roe/index.html", "weapons/attack-drone/index.html"]:
        assert (site / path).is_file(), path


def test_no_link_is_absolute_or_broken(tmp_path: Path):
    site = build_golden(tmp_path)
    pages = {p: b.decode() for p, b in files_of(site).items() if p.endswith((".html", ".xml", ".json", ".csv"))}
    statics = {p for p in files_of(site) if p.startswith("static/")}
    assert check_links(pages, statics) == []
    assert not any('href="/' in text or 'src="/' in text for text in pages.values())


def test_two_builds_are_byte_identical(tmp_path: Path):
    first = files_of(build_golden(tmp_path / "one"))
    second = files_of(build_golden(tmp_path / "two"))
    assert first == second
