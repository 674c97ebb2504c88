"""Page budgets at scale, on a generated briefing (invented content files, no real text): no page grows
without bound, the front page stays small, and the site grows in step with the articles."""
from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.linkcheck import check_links, page_links, resolve, static_files
from briefing.pages import plan
from briefing.pipeline import read_and_link
from briefing.render import render_all

from .corpus import make_project

KB = 1024


def html_pages(folder: Path, articles: int) -> dict[str, str]:
    """Every HTML page of a generated briefing of `articles` articles (links checked too)."""
    settings = load_settings(make_project(folder, articles))
    briefing, problems = read_and_link(settings)
    assert problems == []
    files = render_all(plan(briefing), settings.path("templates"))
    assert check_links(files, static_files(settings.path("templates") / "static")) == []
    return {path: text for path, text in files.items() if path.endswith(".html")}


def clicks(pages: dict[str, str], start: str = "index.html") -> dict[str, int]:
    """How many clicks each page is from `start`, following the links a reader sees (breadth first)."""
    depth, queue = {start: 0}, deque([start])
    while queue:
        page = queue.popleft()
        for link, _ in page_links(pages[page])[0]:
            target = resolve(page, link)[0]
            target = target + "/index.html" if f"{target}/index.html" in pages else target
            if target in pages and target not in depth:
                depth[target] = depth[page] + 1
                queue.append(target)
    return depth


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, str]]:
    return {n: html_pages(tmp_path_factory.mktemp(f"n{n}"), n) for n in (100, 1000)}


@pytest.fixture(scope="module")
def sizes(sites) -> dict[int, dict[str, int]]:
    return {n: {path: len(text.encode()) for path, text in pages.items()} for n, pages in sites.items()}


def test_no_page_is_over_400_kb_and_the_front_page_under_150_kb(sizes):
    pages = sizes[1000]
    heaviest = max(pages, key=pages.get)
    assert pages[heaviest] <= 400 * KB, f"{heaviest} is {pages[heaviest] // KB} KB"
    assert pages["index.html"] <= 150 * KB


def test_the_front_page_stays_the_same_size_whatever_the_number_of_articles(sizes):
    # Bounded, not identical: at 100 articles the top contested claims are reported by fewer articles,
    # so their "reported by" lists (capped at three links) are not yet full.
    assert sizes[1000]["index.html"] <= 1.5 * sizes[100]["index.html"]


def test_html_bytes_per_article_stay_about_constant_from_100_to_1000_articles(sizes):
    per_article = {n: sum(pages.values()) / n for n, pages in sizes.items()}
    assert per_article[1000] <= 1.25 * per_article[100], per_article


def test_long_lists_are_split_into_pages_below_their_entry_urls(sizes):
    pages = sizes[1000]
    for entry in ("articles/", "who-said-what/", "who-said-what/contested/"):
        assert f"{entry}index.html" in pages and f"{entry}page/2/index.html" in pages, entry
    assert any(p.startswith("actors/") and "/page/2/" in p for p in pages)  # a much-quoted actor
    assert any(p.startswith("chronology/") and p.count("/") == 3 for p in pages)  # a dense year's month pages


def test_every_page_is_at_most_three_clicks_from_the_front_page(sites):
    pages = sites[1000]
    depth = clicks(pages)
    far = sorted(p for p in pages if depth.get(p, 99) > 3 and p != "404.html")
    assert not far, f"{len(far)} pages more than 3 clicks from index.html, like {far[:5]}"
