"""Writing site/: all or nothing, unchanged files untouched, never a project folder."""
import os
from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.pipeline import build
from briefing.problems import BuildError
from briefing.site import write_site


def test_replaces_the_whole_folder(tmp_path: Path):
    site = tmp_path / "site"
    write_site({"index.html": "one", "old.html": "x"}, tmp_path / "nostatic", site, search=False)
    write_site({"index.html": "two"}, tmp_path / "nostatic", site, search=False)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text() == "two"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_unchanged_files_keep_their_timestamps(tmp_path: Path):
    site = tmp_path / "site"
    write_site({"a.html": "same", "b.html": "old"}, tmp_path / "nostatic", site, search=False)
    os.utime(site / "a.html", (1_000_000, 1_000_000))
    write_site({"a.html": "same", "b.html": "new"}, tmp_path / "nostatic", site, search=False)
    assert (site / "a.html").stat().st_mtime == 1_000_000
    assert (site / "b.html").stat().st_mtime != 1_000_000


def test_a_failed_build_leaves_the_last_good_site(golden_project: Path):
    settings = load_settings(golden_project)
    build(settings, progress=lambda _: None)
    before = (golden_project / "site/index.html").read_text()
    (golden_project / "content/broken.md").write_text("---\ntitle: x\nactors: Iran\n---\nBody.\n")
    with pytest.raises(BuildError) as caught:
        build(settings, progress=lambda _: None)
    assert [str(p) for p in caught.value.problems] == [
        "content/broken.md:3: error: `actors` must be a list (each item starting with '- '), not a str"]
    assert (golden_project / "site/index.html").read_text() == before


def test_a_template_error_leaves_the_last_good_site(golden_project: Path):
    settings = load_settings(golden_project)
    build(settings, progress=lambda _: None)
    (golden_project / "templates/index.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope }}{% endblock %}")
    with pytest.raises(BuildError, match=r"templates/index.html:1: error: while rendering index.html: 'nope' is undefined"):
        build(settings, progress=lambda _: None)
    assert "Key facts" in (golden_project / "site/index.html").read_text()


def test_refuses_to_replace_a_project_folder(golden_project: Path):
    with pytest.raises(BuildError, match="refusing to replace this folder"):
        write_site({"index.html": "x"}, golden_project / "nostatic", golden_project, search=False)
    assert (golden_project / "content").is_dir()
