"""Reading content files: the good shape in, every bad one out with its exact message."""
from pathlib import Path

import pytest

from briefing.content import parse_article, read_articles
from briefing.registry import read_registry

from .conftest import FIXTURES

GALLERY = sorted((FIXTURES / "invalid").glob("*.md"))


@pytest.mark.parametrize("path", GALLERY, ids=[p.stem for p in GALLERY])
def test_invalid_gallery_gives_the_exact_error(path: Path):
    article, problems = parse_article(path, f"invalid/{path.name}")
    assert article is None
    assert "\n".join(map(str, problems)) == path.with_suffix(".expected").read_text(encoding="utf-8").strip()


def test_a_good_file_reads_into_the_model():
    article, problems = parse_article(FIXTURES / "golden/content/drones-shipped.md", "content/drones-shipped.md")
    assert problems == []
    assert article.slug == "drones-shipped"
    assert article.published == "2025-03-14"
    assert article.source.authors == ("Ann Writer",)
    assert [a.id for a in article.actors] == ["country-a", "country-b", "us-officials", "jane-roe"]
    claim = article.claims[0]
    assert (claim.speaker, claim.anonymous, claim.origin.sentence) == ("us-officials", True, 1)
    assert claim.origin.line == 25  # the line of `- id: c1`, for error messages and editors
    assert article.denials[0].rebuts == "c1"
    assert article.weapons[0].supplier == "country-a"
    assert [e.date for e in article.events] == ["2025-03-13", "2024-21"]
    assert article.body.startswith("Country A has shipped")


def test_one_bad_file_is_reported_and_the_others_still_read(tmp_path: Path):
    (tmp_path / "good.md").write_text("---\ntitle: Good\n---\nBody.\n")
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    articles, problems = read_articles(tmp_path, tmp_path)
    assert [a.slug for a in articles] == ["good"]
    assert [str(p).split(": error")[0] for p in problems] == ["bad.md:2"]


def test_a_leading_bom_does_not_hide_the_front_matter(tmp_path: Path):
    (tmp_path / "bom.md").write_bytes("\ufeff---\ntitle: With BOM\n---\nBody.\n".encode("utf-8"))
    article, problems = parse_article(tmp_path / "bom.md", "bom.md")
    assert problems == [] and article.title == "With BOM"


def test_python_frontmatter_traps_are_plain_errors(tmp_path: Path):
    (tmp_path / "content-key.md").write_text("---\ntitle: x\ncontent: y\n---\nBody.\n")
    _, problems = parse_article(tmp_path / "content-key.md", "content-key.md")
    assert [str(p) for p in problems] == ["content-key.md:3: error: unknown key `content` "
                                          "(known keys: title, published, source, summary, title_derived, "
                                          "actors, weapons, claims, denials, events)"]


def test_registry_is_read_with_lines(tmp_path: Path):
    (tmp_path / "actors.yaml").write_text("- id: iran\n  name: Islamic Republic of Iran\n  type: state\n"
                                          "- id: Bad Id\n  name: x\n")
    registry, problems = read_registry(tmp_path, tmp_path)
    assert registry.actors["iran"].name == "Islamic Republic of Iran"
    assert [str(p) for p in problems] == ["actors.yaml:4: error: id 'Bad Id' must be a slug: "
                                          "lowercase letters, digits and single hyphens"]
