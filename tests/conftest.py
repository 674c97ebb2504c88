"""Shared fixtures: paths, a project folder builder, and the seeds."""
from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from briefing.ingest import RawArticle

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project folder: the real templates, empty seeds/ and content/, search off."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Test briefing"\nsearch = false\n')
    return tmp_path


@pytest.fixture
def golden_project(project: Path) -> Path:
    """The project with the golden fixture's hand-written content."""
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURES / "golden" / "content", project / "content")
    return project


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/fixtures/golden/expected from the current output")


def article(*paragraphs: str, published: date | None = date(2024, 9, 7), authors=()) -> RawArticle:
    """A RawArticle made of invented paragraphs, for extraction tests."""
    return RawArticle(seed="seeds/test.txt", sha256="", title="Test", title_derived=False,
                      published=published, outlet=None, url=None, authors=tuple(authors), dateline=None,
                      contributors=(), paragraphs=tuple(paragraphs))


def actor_ids(result: dict) -> set[str]:
    """The ids of the actors an extraction found."""
    return {a["id"] for a in result["actors"]}


def weapon_named(result: dict, name: str) -> dict:
    """The extracted weapon with this name: the first with a supplier or recipient, if any has one."""
    named = [w for w in result["weapons"] if w["name"] == name]
    return next((w for w in named if w["supplier"] or w["recipient"]), named[0])


def transfer(result: dict, name: str) -> tuple:
    """(supplier, recipient) of the extracted weapon with this name; it keeps the rule that found it."""
    found = weapon_named(result, name)
    assert found["rule"], "every extracted weapon keeps the rule that found it"
    return found["supplier"], found["recipient"]


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline with the gazetteer ruler, loaded once for the whole run."""
    from briefing.extract import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract(*paragraphs, published=..., authors=..., outlet=...) -> front-matter dict."""
    from briefing.extract import extract_article

    def run(*paragraphs: str, outlet: str | None = None, **kw) -> dict:
        return extract_article(replace(article(*paragraphs, **kw), outlet=outlet), nlp)

    return run
