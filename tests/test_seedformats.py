"""Seeds as saved web pages and as Markdown: each extracts like its plain-text twin in seeds/."""
from datetime import date
from pathlib import Path

import pytest

from briefing.ingest import SeedError, read_seed

from .conftest import FIXTURES, ROOT

TWINS = ["000_36c9fc457f9f54fb", "002_bf2f03dd39a008e7"]  # the NYT article and the WSJ one (a blog repost)
FIELDS = ("title", "published", "outlet", "url", "authors", "paragraphs")


def fields(raw) -> dict:
    return {name: getattr(raw, name) for name in FIELDS}


@pytest.mark.parametrize("kind, suffix", [("html", ".html"), ("markdown", ".md")])
@pytest.mark.parametrize("name", TWINS)
def test_a_saved_page_or_markdown_file_reads_like_its_text_twin(name: str, kind: str, suffix: str):
    text = read_seed(ROOT / "seeds" / f"{name}.txt", ROOT)
    other = read_seed(FIXTURES / kind / f"{name}{suffix}", ROOT)
    assert fields(other) == fields(text)
    assert (other.contributors, other.dateline) == (text.contributors, text.dateline)


def test_the_pages_metadata_is_used_and_the_boilerplate_is_not():
    raw = read_seed(FIXTURES / "html" / f"{TWINS[0]}.html", ROOT)
    assert raw.title == "Iran Has Sent Short-Range Missiles to Russia, Western Officials Say"
    assert raw.published == date(2024, 9, 7)  # article:published_time, not the modified time
    assert raw.outlet == "The New York Times" and raw.authors == ()  # author meta naming the outlet is no byline
    assert raw.summary == "Tehran denied providing the weapons, which could help Moscow in its war in Ukraine."
    text = "\n".join(raw.paragraphs)
    for boilerplate in ("Advertisement", "Subscribe", "Skip to content", "cookies", "Privacy Policy",
                        "More on Iran", "Site Index", "Share full article", raw.summary):
        assert boilerplate not in text


def test_a_blog_repost_keeps_the_bylines_initials_and_drops_comments():
    raw = read_seed(FIXTURES / "html" / f"{TWINS[1]}.html", ROOT)
    assert raw.authors == ("Michael R. Gordon", "Gordon Lubold", "Benoit Faucon")
    text = "\n".join(raw.paragraphs)
    for boilerplate in ("No comments", "Post a Comment", "Popular Posts", "Newer Post", "Photo Illustration", "Blogger"):
        assert boilerplate not in text


def test_page_metadata_from_meta_tags(tmp_path: Path):
    page = tmp_path / "page.htm"
    page.write_text(
        '<html><head><title>Drones reach the front - Arms Monitor</title>'
        '<meta property="og:title" content="Drones reach the front">'
        '<meta property="og:site_name" content="Arms Monitor">'
        '<meta name="author" content="Jane Smith; Tom Brown">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        '<link rel="canonical" href="https://armsmonitor.example/2024/drones"></head><body>'
        '<nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>Drones reach the front</h1>'
        + "".join(f"<p>Paragraph {i} says that the drones reached the front line on Tuesday, officials said.</p>"
                  for i in range(1, 6))
        + '</article><footer>© 2024 Arms Monitor</footer></body></html>', encoding="utf-8")
    raw = read_seed(page, tmp_path)
    assert (raw.title, raw.outlet, raw.url, raw.authors, raw.published) == (
        "Drones reach the front", "Arms Monitor", "https://armsmonitor.example/2024/drones",
        ("Jane Smith", "Tom Brown"), date(2024, 3, 5))
    assert raw.paragraphs[0].startswith("Paragraph 1 says") and len(raw.paragraphs) == 5


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file, not a web page"),
    (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found in this web page"),
    (b"<<<>>></p></div><html<body", "no article text found in this web page"),
])
def test_a_page_without_an_article_is_a_clear_error_naming_the_file(tmp_path: Path, content: bytes, message: str):
    page = tmp_path / "saved.html"
    page.write_bytes(content)
    with pytest.raises(SeedError, match=rf"saved\.html: error: {message}"):
        read_seed(page, tmp_path)


def test_markdown_body_becomes_plain_paragraphs(tmp_path: Path):
    seed = tmp_path / "note.md"
    seed.write_text("---\ntitle: Shells for Russia\npublished: 2024-03-05\nauthor: Jane Smith and Tom Brown\n"
                    "outlet: reuters\n---\n# Shells for Russia\n\nNorth Korea shipped **shells** to "
                    "[Russia](https://example.org), officials said.\n\n## What was sent\n\n- Artillery shells\n"
                    "- Rockets for `MLRS`\n\n> Pyongyang denied it.\n")
    raw = read_seed(seed, tmp_path)
    assert (raw.title, raw.published, raw.authors, raw.outlet) == (
        "Shells for Russia", date(2024, 3, 5), ("Jane Smith", "Tom Brown"), "Reuters")
    assert raw.paragraphs == ("North Korea shipped shells to Russia, officials said.", "What was sent",
                              "Artillery shells", "Rockets for MLRS", "Pyongyang denied it.")


def test_markdown_without_front_matter_reads_its_header_like_text(tmp_path: Path):
    seed = tmp_path / "plain.md"
    seed.write_text("# Missiles Reach Moscow\n\nReuters - March 5, 2024\n\nIran’s missiles arrived, officials said.\n")
    raw = read_seed(seed, tmp_path)
    assert (raw.title, raw.outlet, raw.published) == ("Missiles Reach Moscow", "Reuters", date(2024, 3, 5))
    assert raw.paragraphs == ("Iran’s missiles arrived, officials said.",)


@pytest.mark.parametrize("text, message", [
    ("---\ntitle: A\npublished: soon\n---\nBody.\n", r"note\.md:3: error: `published` must be a date like 2024-09-07"),
    ("---\ntitle: A\npublised: 2024-03-05\n---\nBody.\n", r"note\.md:3: error: unknown key `publised`: did you mean `published`\?"),
    ("---\ntitle: A\nurl: www.example.org\n---\nBody.\n", r"note\.md:3: error: `url` must start with http"),
    ("---\ntitle: [A\n---\nBody.\n", r"note\.md:\d: error: column \d+: YAML"),
    ("---\ntitle: A\nBody.\n", r"note\.md:1: error: front-matter is never closed"),
    ("---\ntitle: A\n---\n\n", r"note\.md:4: error: no article text after the front-matter"),
])
def test_markdown_mistakes_name_the_file_and_line(tmp_path: Path, text: str, message: str):
    seed = tmp_path / "note.md"
    seed.write_text(text)
    with pytest.raises(SeedError, match=message):
        read_seed(seed, tmp_path)


@pytest.mark.nlp
@pytest.mark.parametrize("kind, suffix", [("html", ".html"), ("markdown", ".md")])
@pytest.mark.parametrize("name", TWINS)
def test_twins_extract_the_same_front_matter(nlp, name: str, kind: str, suffix: str):
    from briefing.extract import extract_article

    text = extract_article(read_seed(ROOT / "seeds" / f"{name}.txt", ROOT), nlp)
    other = extract_article(read_seed(FIXTURES / kind / f"{name}{suffix}", ROOT), nlp)
    for key in ("actors", "weapons", "claims", "denials", "events"):
        assert other.get(key) == text.get(key), key


@pytest.mark.nlp
def test_a_saved_page_in_seeds_gives_the_content_file_its_text_twin_gives(project: Path):
    import shutil

    import frontmatter

    from briefing.cli import main

    name = TWINS[0]
    shutil.copy(ROOT / "seeds" / f"{name}.txt", project / "seeds" / "twin.txt")
    shutil.copy(FIXTURES / "html" / f"{name}.html", project / "seeds" / "twin.html")
    assert main(["--root", str(project), "extract", "-q"]) == 0
    posts = {post["source"]["seed"]: post for post in map(frontmatter.load, (project / "content").glob("*.md"))}
    assert sorted(posts) == ["seeds/twin.html", "seeds/twin.txt"]
    text, page = posts["seeds/twin.txt"], posts["seeds/twin.html"]
    assert page.get("summary") and text.get("summary") is None  # the page's standfirst: more than the text had
    for post in (text, page):
        post.metadata.pop("summary", None)
        post["source"].pop("seed")
    assert page.metadata == text.metadata and page.content == text.content
