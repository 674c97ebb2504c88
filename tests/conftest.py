"""Shared fixtures: paths, a project folder builder, and the seeds."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
