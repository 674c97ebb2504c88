"""What a person sees and clicks, in Debian's Chromium: navigation, anchors, phone layout, search, a11y."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.pipeline import build

from .browser import CHROMIUM, CHROMIUM_ARGS, static_server
from .conftest import FIXTURES
from .corpus import every_kind_of_page

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
    page.locator("#us-officials").get_by_role("link", name="U.S. officials").click()
    assert page.url.endswith("/repo-name/who-said-what/us-officials/index.html")
    # the statement sits under the title of the article that reports it, said once for all its statements
    article = page.get_by_role("heading", level=3, name="Country A Ships Drones to Country B, Officials Say")
    assert article.count() == 1 and article.get_by_role("link").get_attribute("href") == "../../articles/drones-shipped/index.html"
    page.locator("#drones-shipped-c1").get_by_role("link", name="sentence", exact=True).click()
    assert page.url.endswith("/repo-name/articles/drones-shipped/index.html#c1")
    target = page.locator(":target")
    assert target.get_attribute("id") == "c1"
    assert target.inner_text() == "Country A has shipped several hundred attack drones to Country B, U.S. officials said."
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(255, 224, 102)"  # the :target highlight


def test_actor_page_shows_claims_denials_and_weapons(page):
    page.goto("actors/index.html")
    states = page.get_by_role("region", name="States")
    assert states.get_by_role("link", name="Republic of A").is_hidden()  # named in one article: listed apart
    states.get_by_text("1 named in one article").click()
    states.get_by_role("link", name="Republic of A").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Republic of A"
    assert page.get_by_role("heading", name="In brief").is_visible()
    assert "Country A denied sending any drones" in page.locator("dl.brief").inner_text()
    assert page.locator("table.transfers").inner_text().count("attack drones") == 1


PAGES = ["index.html", "who-said-what/index.html", "chronology/index.html", "actors/index.html", "weapons/index.html",
         "actors/country-a/index.html", "articles/drones-shipped/index.html", "who-said-what/us-officials/index.html",
         "who-said-what/contested/index.html", "chronology/2025/index.html", "chronology/undated/index.html",
         "actors/by-type/state/index.html", "articles/index.html"]


def test_reads_on_a_390px_phone_without_sideways_scrolling(browser, site: Path):
    with static_server(site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        tab = context.new_page()
        for path in PAGES:
            tab.goto(base + "repo-name/" + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width}px wide on a 390px screen"
        context.close()


def test_front_page_to_actor_to_statement_to_its_highlighted_sentence(page):
    page.goto("index.html")
    page.locator(".cited").get_by_role("link", name="Jane Roe").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Jane Roe"
    assert page.locator("h3.said-article + .said-list #drones-shipped-c2").count() == 1
    page.locator("#drones-shipped-c2").get_by_role("link", name="sentence", exact=True).click()
    assert page.url.endswith("/repo-name/articles/drones-shipped/index.html#c2")
    target = page.locator(":target")
    assert target.inner_text() == "\"We follow the law,\" Ms. Roe said."
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 224, 102)"


def test_a_claim_sits_beside_the_denials_that_rebut_it(page):
    page.goto("who-said-what/contested/index.html")
    claim = page.locator("#drones-shipped-c1")
    assert claim.locator(".badge-contested").inner_text().lower() == "contested"
    answers = claim.get_by_role("list", name="Denied by").get_by_role("listitem")
    assert answers.count() == 2
    assert "Republic of A" in answers.nth(0).inner_text() and "Country B" in answers.nth(1).inner_text()
    claim_box, answers_box = claim.bounding_box(), claim.locator(".answers").bounding_box()
    assert claim_box["y"] < answers_box["y"] < claim_box["y"] + claim_box["height"]


@pytest.mark.parametrize("old, new", [
    ("who-said-what/index.html#talks-resume-c1", "who-said-what/jane-roe/#talks-resume-c1"),
    ("chronology/index.html#drones-shipped-e2", "chronology/2024/#drones-shipped-e2")])
def test_an_old_link_to_a_statement_or_event_anchor_opens_the_page_that_now_holds_it(page, old: str, new: str):
    page.goto(old)
    page.wait_for_url("**/" + new)
    assert page.locator("#" + new.split("#")[1]).is_visible()


def test_who_said_what_filters_speakers_by_type_and_updates_the_count(page):
    page.goto("who-said-what/index.html")
    rows = page.locator("table.speakers tbody tr")
    count = page.locator("#said-count")
    assert count.inner_text() == "Showing all 4 speakers."
    page.get_by_role("group", name="Speaker").get_by_label("anonymous source").uncheck()
    assert count.inner_text() == "Showing 3 of 4 speakers."
    assert page.locator("tr#us-officials").is_hidden() and page.locator("tr#jane-roe").is_visible()
    page.get_by_role("group", name="Speaker").get_by_label("state").uncheck()
    assert count.inner_text() == "Showing 1 of 4 speakers."
    assert sum(rows.nth(i).is_visible() for i in range(rows.count())) == 1


def test_without_javascript_every_speaker_shows_and_no_dead_filters(browser, site: Path):
    with static_server(site) as base:
        context = browser.new_context(java_script_enabled=False)
        tab = context.new_page()
        tab.goto(base + "repo-name/who-said-what/index.html")
        rows = tab.locator("table.speakers tbody tr")
        assert rows.count() == 4 and all(rows.nth(i).is_visible() for i in range(4))
        assert tab.locator("#said-filters").is_hidden()
        assert tab.locator("figure.flows svg").count() == 0  # the diagram lives on the weapons page
        tab.goto(base + "repo-name/weapons/index.html")
        assert tab.locator("figure.flows svg text", has_text="attack drones").is_visible()
        context.close()


def test_every_page_and_asset_loads_under_a_sub_path(page, site: Path):
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failures.append(f"failed {r.url}"))
    folder = site / "repo-name"
    for html in sorted(folder.rglob("*.html")):
        path = html.relative_to(folder).as_posix()
        if path.startswith("pagefind/") or path == "404.html":
            continue  # 404.html anchors its links at the configured base URL (the golden one is example.org)
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.styleSheets.length") >= 1, f"{path}: no stylesheet"
    assert failures == []


@pytest.mark.parametrize("scheme, paper", [("light", "rgb(255, 254, 251)"), ("dark", "rgb(20, 23, 28)")])
def test_follows_the_systems_colour_scheme(page, scheme: str, paper: str):
    page.emulate_media(color_scheme=scheme)
    page.goto("weapons/index.html")
    assert page.locator("body").evaluate("el => getComputedStyle(el).backgroundColor") == paper
    label = page.locator("figure.flows text").first.evaluate("el => getComputedStyle(el).fill")
    assert label != paper


def test_search_finds_an_actor_and_filters_by_speaker_and_kind(page):
    page.goto("index.html")
    box = page.locator("#search input")
    box.wait_for(state="visible", timeout=10_000)
    assert box.get_attribute("aria-label") == "Search the briefing"
    box.fill("Jane Roe")
    result = page.locator(".pagefind-ui__result-link", has_text="Jane Roe").first
    result.wait_for(timeout=10_000)
    result.click()
    assert page.url.endswith("/repo-name/actors/jane-roe/")
    assert page.get_by_role("heading", level=1).inner_text() == "Jane Roe"
    filters = page.evaluate("""async () => {
        const pagefind = await import('../../pagefind/pagefind.js');
        await pagefind.init();
        const denials = await pagefind.search(null, {filters: {kind: 'denial'}});
        const urls = await Promise.all(denials.results.map(r => r.data().then(d => d.url)));
        return {filters: await pagefind.filters(), denials: urls.sort()};
    }""")
    assert set(filters["filters"]) == {"kind", "speaker"}
    assert {"Jane Roe", "U.S. officials", "Republic of A", "Country B"} <= set(filters["filters"]["speaker"])
    assert filters["denials"] == sorted(["/repo-name/actors/country-a/", "/repo-name/actors/country-b/",
                                         "/repo-name/articles/drones-shipped/", "/repo-name/articles/talks-resume/"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe_accessibility_checks(page, scheme: str):
    axe = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
    page.emulate_media(color_scheme=scheme)
    for path in PAGES:
        page.goto(path)
        page.add_script_tag(path=str(axe))
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})")
        problems = [f"{v['impact']} {v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
        assert problems == [], f"{path} ({scheme}): {problems}"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """One page of every kind a large briefing has (a generated one, with small pages)."""
    folder = tmp_path_factory.mktemp("large")
    return folder / "site", every_kind_of_page(folder)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_of_a_large_briefing_passes_axe_and_fits_a_phone(browser, large, scheme: str):
    axe = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
    folder, paths = large
    with static_server(folder) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, color_scheme=scheme)
        tab = context.new_page()
        for path in paths:
            tab.goto(base + path)
            assert tab.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways"
            tab.add_script_tag(path=str(axe))
            result = tab.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})")
            problems = [f"{v['impact']} {v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
            assert problems == [], f"{path} ({scheme}): {problems}"
        context.close()


def test_a_long_a_to_z_list_opens_at_the_page_that_holds_a_name_and_every_page_is_listed(browser, large):
    folder, _ = large
    with static_server(folder) as base:
        tab = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
        tab.goto(base + "actors/index.html")
        spans = tab.get_by_role("navigation", name="People A to Z, by page").get_by_role("link")
        assert spans.count() > 3
        last = spans.last
        label = last.inner_text()
        assert last.is_visible() and last.bounding_box()["y"] < 3 * 844  # within a few screens of the top
        last.click()
        assert tab.get_by_role("heading", level=1).inner_text() == f"People, A to Z: {label}"
        first = tab.locator("ul.actor-list a").first.inner_text()
        assert first.casefold().startswith(label.split("–")[0].casefold())
        tab.goto(base + "articles/index.html")  # the last pager of a list's first page lists every page
        after = tab.get_by_role("navigation", name="Pages of articles (after the list)")
        count = int(tab.locator(".pager p").first.inner_text().split(" of ")[1].split(" ")[0])
        assert [after.get_by_role("link", name=str(n), exact=True).count() for n in range(2, count + 1)] == [1] * (count - 1)
        tab.context.close()


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
