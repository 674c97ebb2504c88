"""The bad-seed gallery: each seed in tests/fixtures/seeds/ sits beside what reading it gives (the
header read from it, or the exact warning); a build reads the good ones and names the bad ones."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import ConfigError, load_settings
from briefing.ingest import SeedError, read_seed, seed_problems

from .conftest import FIXTURES, ROOT
from .test_faults import tree
from .test_refresh import fake_extract  # noqa: F401 (a fixture)

SEEDS = FIXTURES / "seeds"
GALLERY = sorted(p for p in SEEDS.iterdir() if p.suffix != ".expected" and not p.name.startswith("."))
LIMIT = 20_000  # the gallery's [tool.briefing] max_seed_bytes: too-big.txt is over it
UNREADABLE = [p for p in GALLERY if p.with_suffix(".expected").read_text(encoding="utf-8").startswith("seeds/")]


def outcome(seed: Path) -> str:
    """What reading a seed gives, as the .expected file spells it."""
    try:
        raw = read_seed(seed, FIXTURES, LIMIT)
    except SeedError:
        return "\n".join(map(str, seed_problems([seed], FIXTURES, LIMIT)))
    return "\n".join([f"title: {raw.title!r}", f"published: {raw.published}", f"outlet: {raw.outlet}",
                      *(f"paragraph: {p!r}" for p in raw.paragraphs)])


@pytest.mark.parametrize("seed", GALLERY, ids=[p.name for p in GALLERY])
def test_each_seed_reads_as_expected(seed: Path):
    assert outcome(seed) == seed.with_suffix(".expected").read_text(encoding="utf-8").strip()


def gallery_project(project: Path) -> Path:
    shutil.copytree(SEEDS, project / "seeds", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.expected"))
    with (project / "pyproject.toml").open("a") as pyproject:
        pyproject.write(f"max_seed_bytes = {LIMIT}\n")
    return project


def test_a_build_reads_the_good_seeds_and_names_the_bad_ones(project: Path, fake_extract: list[str],  # noqa: F811
                                                             capsys: pytest.CaptureFixture):
    gallery_project(project)
    assert main(["--root", str(project)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for seed in UNREADABLE:
        assert seed.with_suffix(".expected").read_text(encoding="utf-8").strip() in err.splitlines()
    readable = len(GALLERY) - len(UNREADABLE)
    assert len(list((project / "site/articles").glob("*/index.html"))) == readable
    assert f"from {readable} articles" in err
    assert "Tanks Arrive in Kursk" in (project / "site/index.html").read_text()


def test_check_names_every_unreadable_seed_writes_nothing_and_fails(project: Path, capsys: pytest.CaptureFixture):
    gallery_project(project)
    before = tree(project)
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [*(p.with_suffix(".expected").read_text(encoding="utf-8").strip() for p in UNREADABLE),
                   f"briefing: {len(UNREADABLE)} problems; site/ was left as it was"]
    assert tree(project) == before


def test_check_reports_every_bad_input_writes_nothing_and_exits_1(project: Path, tmp_path_factory):
    """The whole bad-input gallery at once, through the real command line: every problem named with its
    file (and line), no traceback, nothing written, exit status 1."""
    gallery_project(project)
    for path in sorted((FIXTURES / "invalid").glob("*.md")):
        shutil.copy(path, project / "content" / path.name)
    outside = tmp_path_factory.mktemp("outside") / "notes.md"
    outside.write_text("---\ntitle: Notes\n---\nPrivate.\n")
    (project / "content/notes.md").symlink_to(outside)
    (project / "templates/static/notes.css").symlink_to(outside)
    (project / "templates/notes.html").symlink_to(outside)
    before = tree(project)
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "check"],
                            capture_output=True, text=True, timeout=300)
    expected = [line.replace("invalid/", "content/", 1)
                for path in sorted((FIXTURES / "invalid").glob("*.expected"))
                for line in path.read_text(encoding="utf-8").splitlines()]
    expected += [f"{link}: warning: is a symlink to {outside}, outside the project: not followed (copy the file in instead)"
                 for link in ("content/notes.md", "templates/static/notes.css", "templates/notes.html")]
    expected += [p.with_suffix(".expected").read_text(encoding="utf-8").strip() for p in UNREADABLE]
    problems = result.stderr.splitlines()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert sorted(problems[:-1]) == sorted(expected)
    assert problems[-1] == f"briefing: {len(expected)} problems; site/ was left as it was"
    assert tree(project) == before and not (project / "site").exists()


@pytest.mark.parametrize("value", ["0", '"5 MB"', "true"])
def test_the_seed_size_limit_must_be_a_positive_number_of_bytes(project: Path, value: str):
    (project / "pyproject.toml").write_text(f"[tool.briefing]\nmax_seed_bytes = {value}\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: error: \[tool.briefing\] max_seed_bytes must be a whole number above 0"):
        load_settings(project)
    (project / "pyproject.toml").write_text("[tool.briefing]\n")
    assert load_settings(project).max_seed_bytes == 5_000_000
