"""Refreshing content/: only new or changed seeds are extracted; curated files are never overwritten."""
import sys
import types
from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.content import parse_article
from briefing.refresh import escape_markdown, format_content, refresh

SEED = "Missiles Reach Moscow\nReuters - March 5, 2024\nIran sent missiles to Russia, officials said.\n"


@pytest.fixture
def fake_extract(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand in for the spaCy extractor: record what was extracted, return one claim."""
    calls: list[str] = []
    module = types.ModuleType("briefing.extract")

    def extract_article(raw, nlp, known_actors=(), known_weapons=(), sentences=None):
        calls.append(raw.seed)
        return {"actors": [{"id": "officials", "name": "officials", "type": "anonymous-source", "aliases": []}],
                "weapons": [], "claims": [{"id": "c1", "speaker": "officials", "cue": "said",
                                           "text": "Iran sent missiles to Russia", "quote": None, "sentence": 1}],
                "denials": [], "events": []}

    module.extract_article = extract_article
    module.load_nlp = lambda model, known_actors=(), known_weapons=(): object()
    module.parse_articles = lambda bodies, nlp: iter([None] * len(bodies))
    monkeypatch.setitem(sys.modules, "briefing.extract", module)
    return calls


def quiet(_: str) -> None:
    pass


def test_new_seed_is_extracted_once(project: Path, fake_extract: list[str]):
    (project / "seeds/a.txt").write_text(SEED)
    settings = load_settings(project)
    first = refresh(settings, progress=quiet)
    assert first.written == ("content/missiles-reach-moscow.md",)
    article, problems = parse_article(project / "content/missiles-reach-moscow.md", "x.md")
    assert problems == []
    assert (article.title, article.published, article.source.outlet) == ("Missiles Reach Moscow", "2024-03-05", "Reuters")
    assert article.claims[0].speaker == "officials"
    second = refresh(settings, progress=quiet)
    assert second.written == () and fake_extract == ["seeds/a.txt"]


def test_changed_seed_is_re_extracted(project: Path, fake_extract: list[str]):
    seed = project / "seeds/a.txt"
    seed.write_text(SEED)
    settings = load_settings(project)
    refresh(settings, progress=quiet)
    seed.write_text(SEED + "Iran denied it.\n")
    assert refresh(settings, progress=quiet).written == ("content/missiles-reach-moscow.md",)
    assert "Iran denied it." in (project / "content/missiles-reach-moscow.md").read_text()


def test_a_curated_file_is_never_overwritten(project: Path, fake_extract: list[str]):
    seed = project / "seeds/a.txt"
    seed.write_text(SEED)
    settings = load_settings(project)
    refresh(settings, progress=quiet)
    target = project / "content/missiles-reach-moscow.md"
    curated = target.read_text().replace("title: Missiles Reach Moscow", "title: Iranian Missiles Reach Moscow")
    target.write_text(curated)
    seed.write_text(SEED + "Iran denied it.\n")
    outcome = refresh(settings, force=True, progress=quiet)
    assert outcome.kept == ("content/missiles-reach-moscow.md",) and outcome.written == ()
    assert target.read_text() == curated
    assert "Iran denied it." in (project / "content/missiles-reach-moscow.md.new").read_text()
    assert refresh(settings, progress=quiet).kept == ()  # told once, not on every build


def test_a_hand_written_file_for_a_seed_is_left_alone(project: Path, fake_extract: list[str]):
    (project / "seeds/a.txt").write_text(SEED)
    (project / "content/mine.md").write_text("---\ntitle: Mine\nsource:\n  seed: seeds/a.txt\n---\nBody.\n")
    assert refresh(load_settings(project), progress=quiet).written == ()
    assert fake_extract == []


def test_a_build_with_nothing_to_extract_never_loads_the_extractor(project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "briefing.extract", None)  # importing it would now raise
    assert refresh(load_settings(project), progress=quiet).written == ()


@pytest.mark.parametrize("text, expected", [
    ("1984. A year.", "1984\\. A year."),
    ("# not a heading", "\\# not a heading"),
    ("- not a list", "\\- not a list"),
    ("a *b* c_d [e] <f>", "a \\*b\\* c\\_d \\[e\\] &lt;f>"),
])
def test_article_text_is_escaped_so_markdown_shows_it_as_written(text, expected):
    assert escape_markdown(text) == expected


def test_one_seed_that_breaks_the_extractor_does_not_stop_the_others(project: Path, fake_extract: list[str],
                                                                    monkeypatch: pytest.MonkeyPatch):
    module = sys.modules["briefing.extract"]
    good = module.extract_article

    def flaky(raw, *args):
        if raw.seed.endswith("b.txt"):
            raise IndexError("list index out of range")
        return good(raw, *args)

    monkeypatch.setattr(module, "extract_article", flaky)
    (project / "seeds/a.txt").write_text(SEED)
    (project / "seeds/b.txt").write_text(SEED.replace("Moscow", "Minsk"))
    outcome = refresh(load_settings(project), progress=quiet)
    assert outcome.written == ("content/missiles-reach-moscow.md",)
    assert [str(p) for p in outcome.problems] == [
        "seeds/b.txt: error: extraction failed (IndexError: list index out of range); please report this seed"]


def test_a_short_unpunctuated_line_becomes_a_subheading():
    from briefing.ingest import RawArticle

    raw = RawArticle(seed="seeds/x.txt", sha256="0", title="T", title_derived=False, published=None, outlet=None,
                     url=None, authors=(), dateline=None, contributors=(),
                     paragraphs=("Overnight attacks: What we know", "Russia launched 10 drones."))
    body = format_content(raw, {}).split("\n---\n", 1)[1]
    assert body.strip() == "## Overnight attacks: What we know\n\nRussia launched 10 drones."
