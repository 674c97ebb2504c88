"""`briefing add`: URLs, lists and feeds fetched from a web server on 127.0.0.1 into seeds/ (never the internet)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import fetch
from briefing.cli import main
from briefing.config import ConfigError, load_settings
from briefing.ingest import read_seed
from briefing.known import url_key

from .localserver import LocalServer, Route
from .pdfmaker import laid_out, make_pdf

# Invented news: (headline, place, what happened), each a different article.
STORIES = [
    ("Harbour Workers End Strike at Port Velan", "Port Velan", "dock workers ended a nine-day strike over pay"),
    ("Flood Barrier Opens on the Tessa River", "Arlow", "engineers opened a flood barrier on the Tessa river"),
    ("Rail Link to the Northern Valleys Approved", "Dunmore", "the council approved a rail link to the northern valleys"),
    ("Grain Harvest Falls After Dry Summer", "Kessel", "farmers reported a grain harvest a third smaller than last year"),
    ("New Bridge Closes for Repairs After Crack Found", "Lindau", "inspectors closed the new bridge after finding a crack"),
    ("Museum Returns Bronze Statues to Island", "Marren", "the museum returned four bronze statues to the island"),
    ("Fishing Fleet Barred From Southern Banks", "Ostrel", "the ministry barred the fishing fleet from the southern banks"),
    ("Power Cut Leaves Capital Dark for a Night", "Pellan", "a fault at the main substation cut power across the capital"),
    ("School Year to Start Two Weeks Later", "Quorin", "the education board moved the start of the school year"),
]


def page(number: int, canonical: str | None = None, charset: str = "utf-8") -> str:
    """An invented article page, as a news site serves it: navigation, the article, a footer."""
    title, place, what = STORIES[number]
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title} | The Ledger</title>{link}'
            f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="The Ledger">'
            '<meta property="article:published_time" content="2024-09-0%dT08:00:00Z"></head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a></nav><article>'
            f"<h1>{title}</h1><p>{place.upper()} — Officials in {place} said on Tuesday that {what}, "
            f"a step residents of {place} had awaited for months.</p>"
            f"<p>The decision in {place} followed weeks of talks, according to a statement from the regional "
            f"office, which said the change would take effect at once and be reviewed next spring.</p>"
            f"<p>Local groups in {place} welcomed the news but asked for more details about the cost.</p>"
            "</article><footer>© The Ledger. All rights reserved.</footer></body></html>") % (number % 9 + 1)


def serve_stories(server: LocalServer) -> list[str]:
    """Ten URLs: seven plain pages, one behind two redirects, one 404, one duplicate of the first."""
    for number in range(7):
        server.routes[f"/news/{number}"] = Route(page(number).encode())
    server.routes["/news/7"] = Route(page(7, canonical="https://ledger.example/news/power-cut").encode())
    server.redirect("/go/7", "/short/7")
    server.redirect("/short/7", "/news/7", status=301)
    server.routes["/copy/0"] = Route(page(0).encode())  # the same article at another address
    return [server.url(f"/news/{n}") for n in range(7)] + [server.url("/go/7"), server.url("/gone"),
                                                           server.url("/copy/0")]


@pytest.fixture
def server():
    with LocalServer() as local:
        yield local


def seeds_of(project: Path) -> list[Path]:
    return sorted(p for p in (project / "seeds").iterdir() if not p.name.startswith("."))


def test_add_fetches_ten_urls_names_the_two_it_did_not_add_and_adds_nothing_twice(
        project: Path, server: LocalServer, capsys: pytest.CaptureFixture):
    urls = serve_stories(server)
    assert main(["add", "--no-extract", "--root", str(project), *urls]) == 1
    err = capsys.readouterr().err
    seeds = seeds_of(project)
    assert len(seeds) == 8
    assert f"{server.url('/gone')}: error: HTTP 404 Not Found" in err
    assert f"skipped {server.url('/copy/0')}: already in the briefing (seeds/harbour-workers-end-strike-at-port-velan.html)" in err
    assert "add: 8 articles added, 1 already in the briefing, 1 failed" in err
    assert "[10/10] fetching" in err  # progress, one line per URL when stderr is not a terminal
    raws = {p.name: read_seed(p, project) for p in seeds}
    assert raws["harbour-workers-end-strike-at-port-velan.html"].url == server.url("/news/0")  # no canonical: its address
    assert raws["power-cut-leaves-capital-dark-for-a-night.html"].url == "https://ledger.example/news/power-cut"
    assert raws["power-cut-leaves-capital-dark-for-a-night.html"].title == STORIES[7][0]
    assert all("Home" not in " ".join(raw.paragraphs) for raw in raws.values())  # the article, not the page around it
    assert all(agent.startswith("Mozilla/5.0") and "Briefing/" in agent for agent in server.agents)

    assert main(["add", "--no-extract", "--root", str(project), *urls]) == 1  # the 404 still fails
    err = capsys.readouterr().err
    assert seeds_of(project) == seeds
    assert "add: 0 articles added, 9 already in the briefing, 1 failed" in err


def test_each_failure_is_one_line_with_its_reason(project: Path, server: LocalServer,
                                                  capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    (project / "pyproject.toml").write_text("[tool.briefing]\nmax_seed_bytes = 20000\n")
    server.routes["/slow"] = Route(page(1).encode(), delay=2)
    server.routes["/big"] = Route(b"<html>" + b"<p>word</p>" * 5000)
    server.routes["/big-stream"] = Route(b"<html>" + b"<p>word</p>" * 5000, length=False)
    server.routes["/photo.png"] = Route(b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
    server.routes["/front"] = Route(b"<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav></body></html>")
    server.redirect("/loop", "/loop")
    server.routes["/ok"] = Route(page(2).encode())
    names = ["/slow", "/big", "/big-stream", "/photo.png", "/front", "/loop", "/ok"]
    assert main(["add", "--no-extract", "--root", str(project), "ftp://example.org/x",
                 *[server.url(n) for n in names]]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert lines == [
        "ftp://example.org/x: error: not an http(s) address",
        f"{server.url('/slow')}: error: timed out after 0.5 s",
        f"{server.url('/big')}: error: too large: over 0.02 MB (raise [tool.briefing] max_seed_bytes)",
        f"{server.url('/big-stream')}: error: too large: over 0.02 MB (raise [tool.briefing] max_seed_bytes)",
        f"{server.url('/photo.png')}: error: not HTML (image/png)",
        f"{server.url('/front')}: error: not an article (no article text in the page)",
        f"{server.url('/loop')}: error: too many redirects (over 5)",
    ]
    assert [p.name for p in seeds_of(project)] == ["rail-link-to-the-northern-valleys-approved.html"]  # the others still go in
    assert not list((project / "seeds").glob(".adding-*"))


def test_the_charset_the_server_declares_is_honoured(project: Path, server: LocalServer):
    text = page(3, charset="windows-1252").replace("Officials", "Kessel’s café owners and officials")
    server.routes["/cp1252"] = Route(text.encode("cp1252"), "text/html; charset=windows-1252")
    server.routes["/latin"] = Route(page(4).replace("Officials", "Lindau’s mayor and officials").replace(
        '<meta charset="utf-8">', "").encode("cp1252"), "text/html; charset=iso-8859-1")
    assert main(["add", "--no-extract", "--root", str(project), server.url("/cp1252")]) == 0
    seed = seeds_of(project)[0]
    assert seed.read_bytes().startswith(b"<!-- saved from url=(")  # as a browser's "Save page as" notes it
    assert "Kessel’s café owners" in read_seed(seed, project).paragraphs[0]
    assert main(["add", "--no-extract", "--root", str(project), server.url("/latin")]) == 0
    latin = next(p for p in seeds_of(project) if p.name.startswith("new-bridge"))
    assert "Lindau\x92s mayor" not in latin.read_text(encoding="utf-8")  # ISO-8859-1 is read as browsers do: cp1252
    assert "Lindau’s mayor" in read_seed(latin, project).paragraphs[0]


def rss(server: LocalServer, numbers: range) -> bytes:
    items = "".join(f"<item><title>{STORIES[n][0]}</title><link>{server.url(f'/news/{n}')}?utm_source=rss</link>"
                    f"<pubDate>Mon, 0{n + 1} Sep 2024 08:00:00 GMT</pubDate></item>" for n in numbers)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>The Ledger</title>'
            f"<link>{server.url('/')}</link>{items}</channel></rss>").encode()


def atom(server: LocalServer, numbers: range) -> bytes:
    entries = "".join(f"<entry><title>{STORIES[n][0]}</title><link href='/news/{n}'/><id>urn:{n}</id>"
                      f"<updated>2024-09-0{n + 1}T08:00:00Z</updated></entry>" for n in numbers)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>The Ledger</title><id>urn:feed</id><updated>2024-09-09T00:00:00Z</updated>{entries}</feed>").encode()


def test_a_feed_of_five_adds_five_then_nothing(project: Path, server: LocalServer, capsys: pytest.CaptureFixture):
    serve_stories(server)
    server.routes["/feed.xml"] = Route(rss(server, range(5)), "application/rss+xml")
    assert main(["add", "--no-extract", "--root", str(project), "--feed", server.url("/feed.xml")]) == 0
    assert len(seeds_of(project)) == 5
    assert "feed " + server.url("/feed.xml") + ": 5 article links" in capsys.readouterr().err
    fetched = len(server.agents)
    assert main(["add", "--no-extract", "--root", str(project), "--feed", server.url("/feed.xml")]) == 0
    assert "add: 0 articles added, 5 already in the briefing, 0 failed" in capsys.readouterr().err
    assert len(server.agents) == fetched + 1  # only the feed: the articles it links are known by their URLs


def test_feeds_setting_and_since(project: Path, server: LocalServer, capsys: pytest.CaptureFixture):
    serve_stories(server)
    server.routes["/rss"] = Route(rss(server, range(0, 3)), "text/xml")
    server.routes["/atom"] = Route(atom(server, range(3, 7)), "application/atom+xml")
    server.routes["/not-a-feed"] = Route(b"\x89PNG\r\n", "image/png")
    (project / "pyproject.toml").write_text(
        f'[tool.briefing]\nsearch = false\nfeeds = ["{server.url("/rss")}", "{server.url("/atom")}"]\n')
    assert main(["add", "--no-extract", "--root", str(project), "--feeds", "--since", "2024-09-03",
                 "--feed", server.url("/not-a-feed")]) == 1
    names = [p.name for p in seeds_of(project)]
    assert len(names) == 5 and "grain-harvest-falls-after-dry-summer.html" in names  # 3rd to 7th of September
    assert "harbour-workers-end-strike-at-port-velan.html" not in names
    err = capsys.readouterr().err
    assert f"{server.url('/not-a-feed')}: error: feed: not an RSS or Atom feed (image/png)" in err


def test_add_reads_urls_from_a_file(project: Path, server: LocalServer):
    serve_stories(server)
    listing = project / "links.txt"
    listing.write_text(f"# to read\n{server.url('/news/5')}\n\n{server.url('/news/6')}\n")
    assert main(["add", "--no-extract", "--root", str(project), "--from", str(listing)]) == 0
    assert len(seeds_of(project)) == 2


def test_add_needs_something_to_add(project: Path, capsys: pytest.CaptureFixture):
    assert main(["add", "--root", str(project), "--feeds"]) == 2
    assert "the `feeds` setting is empty" in capsys.readouterr().err
    assert main(["add", "--root", str(project), "--since", "last week"]) == 2


def test_a_pdf_url_becomes_a_pdf_seed_with_its_address_beside_it(project: Path, server: LocalServer):
    report = make_pdf([laid_out([["The inspection panel found that the border crossing at Velan was closed for",
                                  "eleven days in August, and that trucks waited on both sides of it."]],
                                title="Border Crossing Report")], {"Title": "Border Crossing Report"})
    server.routes["/files/report.pdf"] = Route(report, "application/pdf")
    assert main(["add", "--no-extract", "--root", str(project), server.url("/files/report.pdf")]) == 0
    seed = project / "seeds" / "border-crossing-report.pdf"
    assert seed.read_bytes() == report
    assert seed.with_suffix(".url").read_text() == f"[InternetShortcut]\nURL={server.url('/files/report.pdf')}\n"
    assert read_seed(seed, project).url == server.url("/files/report.pdf")
    assert main(["add", "--no-extract", "--root", str(project), server.url("/files/report.pdf")]) == 0
    assert len(seeds_of(project)) == 2  # the PDF and its .url; nothing added twice


def test_urls_that_name_the_same_article_match():
    assert url_key("https://www.Example.org/news/a/?utm_source=x#top") == url_key("http://example.org/news/a")
    assert url_key("https://example.org/news/a?id=2") != url_key("https://example.org/news/a?id=3")


def test_feeds_setting_must_be_a_list_of_addresses(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.briefing]\nfeeds = "https://example.org/rss"\n')
    with pytest.raises(ConfigError, match=re.escape("feeds must be a list of quoted http(s) addresses")):
        load_settings(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.briefing]\nfeeds = ["example.org/rss"]\n')
    with pytest.raises(ConfigError, match="feeds must be"):
        load_settings(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.briefing]\nfeeds = ["https://example.org/rss"]\n')
    assert load_settings(tmp_path).feeds == ("https://example.org/rss",)


@pytest.mark.nlp
def test_added_articles_and_a_pdf_report_are_extracted_and_built_with_their_urls(
        project: Path, server: LocalServer, capsys: pytest.CaptureFixture):
    urls = serve_stories(server)
    report = make_pdf([laid_out([
        ["Western officials said on Monday that Iran had sent short-range ballistic missiles to Russia in",
         "recent weeks. Iran denied sending any missiles to Russia, calling the reports baseless."]],
        title="Missiles Across the Caspian", dated="10 September 2024")], {"Title": "Missiles Across the Caspian"})
    server.routes["/report.pdf"] = Route(report, "application/pdf")
    assert main(["add", "--root", str(project), *urls, server.url("/report.pdf")]) == 1
    assert "extracted 9 seeds into content/" in capsys.readouterr().err
    assert main(["--root", str(project)]) == 0
    pages = {p.parent.name: p.read_text() for p in (project / "site" / "articles").glob("*/index.html")}
    assert len(pages) == 9
    assert f'href="{server.url("/news/3")}"' in pages["grain-harvest-falls-after-dry-summer"]
    assert 'href="https://ledger.example/news/power-cut"' in pages["power-cut-leaves-capital-dark-for-a-night"]
    content = (project / "content" / "missiles-across-the-caspian.md").read_text()
    assert f"url: {server.url('/report.pdf')}" in content and "published: 2024-09-10" in content
    assert "claims:" in content and "denials:" in content and "sentence: 2" in content
    assert 'id="d1"' in pages["missiles-across-the-caspian"]  # the denial is anchored at its sentence
    assert main(["add", "--root", str(project), *urls, server.url("/report.pdf")]) == 1
    assert "add: 0 articles added, 10 already in the briefing, 1 failed" in capsys.readouterr().err


def test_an_article_in_content_is_known_by_its_url_or_its_text(project: Path, server: LocalServer,
                                                                capsys: pytest.CaptureFixture):
    serve_stories(server)
    (project / "content" / "power-cut.md").write_text(
        "---\ntitle: Power cut\nsource:\n  seed: seeds/power.txt\n  url: https://ledger.example/news/power-cut/\n"
        "actors: []\n---\nSomething else entirely.\n")
    place = "Port Velan"
    body = (f"Officials in {place} said on Tuesday that {STORIES[0][2]}, a step residents of "
            f"{place} had awaited for months.\n\nThe decision in {place} followed weeks of talks, according to a "
            "statement from the regional office, which said the change would take effect at once and be reviewed "
            f"next spring.\n\n\\## Local groups in {place} welcomed the news but asked for more details about the cost.\n")
    (project / "content" / "strike.md").write_text(f"---\ntitle: Strike ends\nsource: {{seed: seeds/s.txt}}\n---\n{body}")
    assert main(["add", "--no-extract", "--root", str(project), server.url("/news/7"), server.url("/news/0")]) == 0
    err = capsys.readouterr().err
    assert f"skipped {server.url('/news/7')}: already in the briefing (content/power-cut.md)" in err
    assert f"skipped {server.url('/news/0')}: already in the briefing (content/strike.md)" in err
    assert seeds_of(project) == []
