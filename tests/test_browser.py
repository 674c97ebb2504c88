"""What a person sees and clicks, in Debian's Chromium: navigation, anchors, phone layout, search, a11y."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.pipeline import build

from .browser import CHROMIUM, CHROMIUM_ARGS, static_server
from .conftest import FIXTURES

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "browser tests need Debian's Chromium: apt-get install chromium"
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden fixture built with search on, served under a sub-path as on GitHub Pages."""
    root = tmp_path_factory.mktemp("served")
    settings = load_settings(FIXTURES / "golden", site=str(root / "repo-name"), search=True)
    build(settings, progress=lambda _: None)
    return root


@pytest.fixture
def page(browser, site: Path):
    with static_server(site) as base:
        context = browser.new_context(base_url=base + "repo-name/")
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        yield tab
        context.close()
        assert errors == [], f"JavaScript errors: {errors}"


def test_navigate_from_the_front_page_to_the_sentence_of_a_claim(page):
    page.goto("index.html")
    page.get_by_role("link", name="Who said what").first.click()
    assert page.url.endswith("/repo-name/who-said-what/index.html")
    page.locator("#us-officials").get_by_role("link", name="in “Country A Ships Drones").first.click()
    assert page.url.endswith("/repo-name/articles/drones-shipped/index.html#c1")
    target = page.locator(":target")
    assert target.get_attribute("id") == "c1"
    assert target.inner_text() == "Country A has shipped several hundred attack drones to Country B, U.S. officials said."
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(255, 224, 102)"  # the :target highlight


def test_actor_page_shows_claims_denials_and_weapons(page):
    page.goto("actors/index.html")
    page.get_by_role("link", name="Republic of A").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Republic of A"
    assert page.get_by_role("heading", name="Denials").is_visible()
    assert page.locator("table.transfers").inner_text().count("attack drones") == 1


def test_reads_on_a_phone_without_sideways_scrolling(browser, site: Path):
    with static_server(site) as base:
        context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
        tab = context.new_page()
        for path in ["index.html", "articles/drones-shipped/index.html", "chronology/index.html", "who-said-what/index.html"]:
            tab.goto(base + "repo-name/" + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} is {width}px wide on a 375px screen"
        context.close()


def test_search_finds_an_article(page):
    page.goto("index.html")
    box = page.locator("#search input")
    box.wait_for(state="visible", timeout=10_000)
    box.fill("drones")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10_000)
    assert "drones" in page.locator(".pagefind-ui__results").inner_text().lower()


def test_pages_pass_axe_accessibility_checks(page):
    axe = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
    for path in ["index.html", "articles/drones-shipped/index.html", "actors/country-a/index.html",
                 "who-said-what/index.html", "chronology/index.html", "weapons/index.html"]:
        page.goto(path)
        page.add_script_tag(path=str(axe))
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})")
        problems = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
        assert problems == [], f"{path}: {problems}"


def test_works_from_disk_without_a_server(browser, site: Path):
    tab = browser.new_page()
    tab.goto((site / "repo-name" / "index.html").as_uri())
    tab.get_by_role("link", name="Chronology").first.click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Chronology"
    assert tab.locator("#search").is_hidden()
    tab.close()


def test_prints_without_navigation_and_with_source_addresses(page):
    page.goto("articles/drones-shipped/index.html")
    page.emulate_media(media="print")
    assert page.locator("header.masthead nav").is_hidden()
    after = page.locator(".original a").evaluate("el => getComputedStyle(el, '::after').content")
    assert "https://example.org/2025/03/14/drones.html" in after
