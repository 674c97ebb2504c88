"""The real wire corpus as a test: ../shared/corpora/wire (2,440 AFP and Xinhua copies) builds end to end.

The copies belong to the agencies, so they are read from ../shared at run time and copied into a
temporary project, never into the repository. Building them takes minutes (extraction of every
copy): the project is built once per session and every test below reads that one build.
BRIEFING_WIRE_CORPUS=DIR runs the same checks on another folder of wire copies.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.content import read_articles

from .conftest import ROOT, SHARED

pytestmark = pytest.mark.wire
# ../shared beside the project (CI), or beside a folder of worktrees that holds it
CORPUS = Path(os.environ.get("BRIEFING_WIRE_CORPUS") or next(
    (p / "shared" / "corpora" / "wire" for p in ROOT.parents if (p / "shared" / "corpora" / "wire").is_dir()),
    SHARED / "corpora" / "wire"))
# What an editor recognises as a dateline line: "KUALA LUMPUR, April 1, 1997 (AFP)", "BAGHDAD, Dec 3, 2006, 2006"
DATELINE = re.compile(r"^[A-Z][A-Z .,'’/-]*[A-Z.][,.]?\s+[A-Za-z]{3,9}\.? \d{1,2}\b.{0,30}$")
AGENCY = re.compile(r"\((?P<agency>[A-Za-z]{2,})\)[\s,-]*$")
# Notes to editors and headline tails, which are never a title
SLUG = re.compile(r"///|^=|=$|^ATTENTION\b|^\((?:hold|picture)|^[a-z]|\bby [A-Z]\w+ [A-Z]\w+$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The corpus built as a new user would: its copies in seeds/ of a project, then `python build.py`."""
    seeds = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not seeds:
        pytest.skip(f"no wire corpus at {CORPUS} (it lives in ../shared/corpora/wire beside the project)")
    project = tmp_path_factory.mktemp("wire")
    shutil.copytree(ROOT / "templates", project / "templates")
    (project / "seeds").mkdir()
    for seed in seeds:
        shutil.copyfile(seed, project / "seeds" / seed.name)
    (project / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Wire"\nsearch = false\n')
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "-q"],
                         capture_output=True, text=True, timeout=3 * 3600)
    articles, problems = read_articles(project / "content", project)
    heads = {f"seeds/{s.name}": s.read_text(encoding="utf-8", errors="replace").splitlines()[:2] for s in seeds}
    return {"run": run, "articles": articles, "problems": problems, "heads": heads, "project": project}


def test_the_corpus_builds_with_no_error(built):
    run = built["run"]
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "error:" not in run.stdout + run.stderr
    assert built["problems"] == [] and (built["project"] / "site" / "index.html").is_file()
    assert len(built["articles"]) == len(built["heads"])


def test_nothing_is_dropped_for_a_header_line(built):
    """A warning may drop an odd item, never one that comes from the head of a copy."""
    warnings = [line for line in (built["run"].stdout + built["run"].stderr).splitlines() if "warning:" in line]
    assert not [w for w in warnings if "dropped" not in w], warnings[:5]
    for article in built["articles"]:
        assert not [p for p in article.body.split("\n\n")[:2] if DATELINE.match(p.lstrip("# "))], article.path


def test_published_for_nearly_every_copy(built):
    dated = [a for a in built["articles"] if a.published]
    assert len(dated) >= 0.99 * len(built["articles"])


def test_the_agency_a_dateline_names_is_the_outlet(built):
    missing = []
    for article in built["articles"]:
        head = built["heads"][article.source.seed]
        if len(head) > 1 and DATELINE.match(head[1]) and (found := AGENCY.search(head[1])):
            outlet = (article.source.outlet or "").lower()
            if not outlet or outlet[:2] != found["agency"].lower()[:2] and "france" not in outlet:
                missing.append((article.source.seed, head[1], article.source.outlet))
    assert missing == []


def test_no_title_is_a_wire_slug(built):
    assert [(a.source.seed, a.title) for a in built["articles"] if SLUG.search(a.title)] == []


def test_no_event_is_dated_from_a_dateline(built):
    dated = [(a.source.seed, e.text) for a in built["articles"] for e in a.events if DATELINE.match(e.text)]
    assert dated == []
