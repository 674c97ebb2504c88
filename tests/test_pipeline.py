"""The seeds, end to end: seeds/ -> content/ -> site/, the scorer's bar, and no spaCy when nothing changed."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.content import read_articles
from briefing.pipeline import build
from briefing.refresh import MANIFEST, seed_files

from .conftest import ROOT, SHARED

SCORER = SHARED / "eval" / "score.py"
PAGE_MAP = ["index.html", "actors/index.html", "who-said-what/index.html", "chronology/index.html",
            "weapons/index.html", "articles/index.html", "briefing.json", "claims.csv", "timeline.json",
            "feed.xml", "sitemap.xml", "404.html", ".nojekyll", "robots.txt"]


def score(content: Path) -> dict:
    if not SCORER.exists():
        pytest.skip(f"the extraction scorer is not at {SCORER}")
    out = subprocess.run([sys.executable, str(SCORER), "--content", str(content), "--gold", str(SCORER.parent / "gold"),
                          "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def seeds_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project holding only the seeds: everything is extracted afresh."""
    root = tmp_path_factory.mktemp("seeds-project")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "content").mkdir()
    (root / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Seeds"\nsearch = false\n')
    build(load_settings(root), progress=lambda _: None)
    return root


@pytest.mark.nlp
def test_seeds_build_every_page(seeds_project: Path):
    site = seeds_project / "site"
    articles, problems = read_articles(seeds_project / "content", seeds_project)
    assert problems == [] and len(articles) == len(seed_files(seeds_project / "seeds")) == 2
    for path in PAGE_MAP:
        assert (site / path).is_file(), path
    for article in articles:
        assert (site / "articles" / article.slug / "index.html").is_file()
        for actor in article.actors:
            assert (site / "actors" / actor.id / "index.html").is_file(), actor.id


@pytest.mark.nlp
def test_fresh_extraction_clears_the_quality_bar(seeds_project: Path):
    result = score(seeds_project / "content")
    assert result["summary"]["macro_f1"] >= 0.60
    assert all(not f.get("integrity") for f in result["files"].values()), "a speaker names no actor of its file"


@pytest.mark.nlp
def test_a_second_build_with_nothing_changed_does_not_import_spacy(seeds_project: Path):
    code = ("import sys; from briefing.cli import main; rc = main(['--root', sys.argv[1], 'build']); "
            "print(rc, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(seeds_project)], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split() == ["0", "False"], out.stderr


def test_committed_content_is_up_to_date_with_the_seeds():
    """A fresh clone builds from content/ without extracting: the manifest matches every seed."""
    manifest = json.loads((ROOT / "content" / MANIFEST).read_text())
    for seed in seed_files(ROOT / "seeds"):
        key = seed.relative_to(ROOT).as_posix()
        assert manifest[key]["seed_sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest(), key


def test_committed_content_scores_and_every_speaker_is_an_actor():
    result = score(ROOT / "content")
    assert result["summary"]["macro_f1"] >= 0.60
    assert all(not f.get("integrity") for f in result["files"].values())


@pytest.mark.nlp
def test_the_curated_registry_teaches_extraction_its_names(project: Path):
    (project / "content/actors.yaml").write_text(
        "- id: zorbian-guard\n  name: Zorbian Guard Corps\n  type: group\n  aliases: [ZGC, the Guard]\n")
    (project / "seeds/a.txt").write_text("Guard Ships Drones\nMarch 5, 2024\n"
                                        "The ZGC has shipped drones to Russia, officials said on Monday.\n")
    build(load_settings(project), progress=lambda _: None)
    articles, problems = read_articles(project / "content", project)
    assert problems == []
    ids = {a.id for a in articles[0].actors}
    assert "zorbian-guard" in ids, ids
    page = (project / "site/actors/zorbian-guard/index.html").read_text()
    assert "<h1>Zorbian Guard Corps</h1>" in page


@pytest.mark.nlp
def test_a_missing_spacy_model_is_named(project: Path, capsys: pytest.CaptureFixture):
    from briefing.cli import main

    shutil.copy(ROOT / "seeds" / "000_36c9fc457f9f54fb.txt", project / "seeds")
    assert main(["--root", str(project), "--spacy-model", "en_core_web_nope"]) == 1
    assert ("pyproject.toml: error: spaCy model 'en_core_web_nope' is not installed" in capsys.readouterr().err)
