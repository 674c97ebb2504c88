"""Incremental builds: a rebuild re-renders what a change affects, nothing stale survives, and the
result is byte for byte what a clean build of the same sources makes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import site as site_module
from briefing.config import load_settings
from briefing.incremental import RECORD, cache_folder
from briefing.pipeline import build
from briefing.problems import BuildError

from .conftest import FIXTURES, ROOT

HEAVY = ("jinja2", "markdown", "yaml", "frontmatter", "nh3", "spacy")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rebuild(project: Path) -> dict[str, bytes]:
    build(load_settings(project), progress=lambda _: None)
    return files_of(project / "site")


def clean_build(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build with no previous site and no cache makes of the same sources."""
    settings = load_settings(project, site=str(tmp_path / "clean" / "site"))
    assert not cache_folder(settings.path("site")).exists()
    build(settings, progress=lambda _: None)
    return files_of(settings.path("site"))


def test_an_unchanged_rebuild_stops_before_any_heavy_import(golden_project: Path):
    rebuild(golden_project)
    code = ("import sys; from briefing.cli import main; rc = main(['--root', sys.argv[1], 'build']); "
            f"print(rc, *[m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code, str(golden_project)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert out.stdout.split() == ["0"], out.stderr
    assert "site/ is up to date: nothing changed since the last build (34 pages from 2 articles)" in out.stderr


def test_an_unchanged_rebuild_leaves_every_file_as_it_was(golden_project: Path):
    before = rebuild(golden_project)
    stats = {p: os.stat(golden_project / "site" / p).st_ino for p in before}
    assert rebuild(golden_project) == before
    assert {p: os.stat(golden_project / "site" / p).st_ino for p in before} == stats


def test_a_renamed_actor_updates_every_page_that_shows_it(golden_project: Path, tmp_path: Path):
    before = rebuild(golden_project)
    showing = [p for p, data in before.items() if b"Jane Roe" in data and not p.startswith("static/")]
    assert {"actors/jane-roe/index.html", "who-said-what/index.html", "index.html", "claims.csv", "briefing.json",
            "articles/talks-resume/index.html", "articles/drones-shipped/index.html"} <= set(showing)
    article = golden_project / "content/drones-shipped.md"  # the newest article: its name wins a tie
    article.write_text(article.read_text().replace("name: Jane Roe,", "name: Janet Doe,"))
    after = rebuild(golden_project)
    for path in showing:
        assert b"Janet Doe" in after[path], path
    assert not any(b">Jane Roe</a>" in data or b",Jane Roe," in data for data in after.values())
    assert after == clean_build(golden_project, tmp_path)


def test_an_edited_body_shows_on_its_page_and_nothing_else_is_rewritten(golden_project: Path, tmp_path: Path):
    before = rebuild(golden_project)
    inodes = {p: os.stat(golden_project / "site" / p).st_ino for p in before}
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("Jane Roe said.", "Jane Roe said in Vienna."))
    after = rebuild(golden_project)
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert changed == ["articles/talks-resume/index.html"]
    assert b"said in Vienna." in after["articles/talks-resume/index.html"]
    kept = [p for p in after if p not in changed and os.stat(golden_project / "site" / p).st_ino == inodes[p]]
    assert sorted(kept) == sorted(p for p in after if p not in changed)  # hard-linked, not rewritten
    assert after == clean_build(golden_project, tmp_path)


def test_a_deleted_content_file_takes_its_page_away(golden_project: Path, tmp_path: Path):
    rebuild(golden_project)
    (golden_project / "content/talks-resume.md").unlink()
    text = (golden_project / "content/drones-shipped.md").read_text()
    after = rebuild(golden_project)
    assert "articles/talks-resume/index.html" not in after
    assert "actors/jane-roe/index.html" not in after or "jane-roe" in text
    assert not any(b"talks-resume" in data for data in after.values())
    assert after == clean_build(golden_project, tmp_path)


def test_a_template_change_re_renders_every_page(golden_project: Path, tmp_path: Path):
    before = rebuild(golden_project)
    base = golden_project / "templates/base.html"
    base.write_text(base.read_text().replace("curated by hand", "checked by hand"))
    after = rebuild(golden_project)
    pages = [p for p in before if p.endswith(".html")]
    assert len(pages) > 10 and all(b"checked by hand" in after[p] for p in pages)
    assert after == clean_build(golden_project, tmp_path)


def test_a_changed_setting_re_renders(golden_project: Path, tmp_path: Path):
    rebuild(golden_project)
    pyproject = golden_project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('title = "Test briefing"', 'title = "Renamed briefing"'))
    after = rebuild(golden_project)
    assert all(b"Renamed briefing" in data for path, data in after.items() if path.endswith(".html"))
    assert after == clean_build(golden_project, tmp_path)


def test_a_same_size_edit_within_the_same_second_is_seen(golden_project: Path):
    """A file written just before the build may be edited again within its mtime's tick: it is hashed."""
    article = golden_project / "content/talks-resume.md"
    os.utime(article)  # just written
    rebuild(golden_project)
    stat = article.stat()
    article.write_text(article.read_text().replace("Talks Resume", "Talks Resumx"))
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert article.stat().st_size == stat.st_size
    assert b"Talks Resumx" in rebuild(golden_project)["articles/talks-resume/index.html"]


def test_a_hand_edited_or_deleted_site_is_rebuilt(golden_project: Path):
    before = rebuild(golden_project)
    (golden_project / "site/index.html").write_text("edited by hand")
    (golden_project / "site/claims.csv").unlink()
    assert rebuild(golden_project) == before


def test_a_killed_write_leaves_the_old_site_byte_identical(golden_project: Path, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path):
    before = rebuild(golden_project)
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("Jane Roe said.", "Jane Roe said in Oslo."))

    def killed(*args) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(site_module, "_commit", killed)  # just before the changed files move in
    with pytest.raises(KeyboardInterrupt):
        rebuild(golden_project)
    assert files_of(golden_project / "site") == before
    assert [p.name for p in golden_project.iterdir() if p.name.startswith(".site-")] == []
    monkeypatch.undo()
    after = rebuild(golden_project)
    assert b"said in Oslo." in after["articles/talks-resume/index.html"]
    assert after == clean_build(golden_project, tmp_path)


def test_a_build_killed_while_moving_its_changes_in_is_finished_by_the_next(golden_project: Path,
                                                                           monkeypatch: pytest.MonkeyPatch,
                                                                           tmp_path: Path):
    from briefing.lock import build_lock

    rebuild(golden_project)
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("title: ", "title: Revised ", 1))
    article.rename(article.with_name("talks-resumed.md"))  # a page to remove as well as pages to change

    def dies_after_one_move(folder: Path, site: Path) -> None:  # as a SIGKILL would leave it
        moves = json.loads(site_module.journal(folder).read_text(encoding="utf-8"))["moved"]
        path = sorted(moves)[0]
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        os.replace(folder / moves[path], site / path)
        raise KeyboardInterrupt

    monkeypatch.setattr(site_module, "finish_commit", dies_after_one_move)
    with pytest.raises(KeyboardInterrupt):
        build(load_settings(golden_project), progress=lambda _: None)
    monkeypatch.undo()
    assert [p.name for p in golden_project.iterdir() if p.name.endswith(".commit.json")], "no journal was left"
    with build_lock(golden_project / "site", say=lambda _: None):
        pass  # taking the lock finishes the move
    assert [p.name for p in golden_project.iterdir() if p.name.startswith(".site-")] == []
    assert files_of(golden_project / "site") == clean_build(golden_project, tmp_path)


def test_the_record_lives_outside_the_published_site(golden_project: Path):
    rebuild(golden_project)
    assert (golden_project / ".site.cache" / RECORD).is_file()
    assert not any(p.name.startswith(".briefing") or p.suffix == ".pickle" for p in (golden_project / "site").rglob("*"))


def test_rendering_over_several_processes_gives_the_same_pages_and_problems(golden_project: Path):
    from briefing.pages import plan
    from briefing.pipeline import read_and_link
    from briefing.problems import BuildError
    from briefing.render import render_all

    settings = load_settings(golden_project)
    pages = plan(read_and_link(settings)[0])
    templates = settings.path("templates")
    assert render_all(pages, templates, workers=3) == render_all(pages, templates, workers=1)
    (templates / "weapon.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope }}{% endblock %}")
    errors = []
    for workers in (1, 3):
        with pytest.raises(BuildError) as caught:
            render_all(pages, templates, workers=workers)
        errors.append([str(p) for p in caught.value.problems])
    assert errors[0] == errors[1] and "templates/weapon.html:1: error: while rendering weapons/" in errors[0][0]


def test_a_damaged_record_is_ignored_and_the_site_rebuilt(golden_project: Path):
    before = rebuild(golden_project)
    record = golden_project / ".site.cache" / RECORD
    good = json.loads(record.read_text())
    for damage in ('{"key": 1', json.dumps({**good, "inputs": []}), json.dumps({**good, "pages": None}), "[]"):
        record.write_text(damage)
        (golden_project / "content/talks-resume.md").write_text("---\ntitle: Talks\n---\nBody.\n")
        assert rebuild(golden_project)["articles/talks-resume/index.html"] != before["articles/talks-resume/index.html"]
        (golden_project / "content/talks-resume.md").unlink()
        shutil.copy(FIXTURES / "golden/content/talks-resume.md", golden_project / "content")
        assert rebuild(golden_project) == before, damage


def test_cached_parses_are_dropped_when_briefing_code_changes(golden_project: Path):
    from briefing.incremental import LastBuild

    rebuild(golden_project)
    last = LastBuild.load(load_settings(golden_project))
    last.snapshot_inputs()
    key = last.cache_key()
    parser = next(p for p in last.inputs if p.endswith(os.sep + "content.py") and "briefing" in p)
    last.inputs[parser] = [*last.inputs[parser][:2], "0" * 64, True]
    assert last.cache_key() != key


def test_a_rebuild_renders_only_the_edited_body_again(golden_project: Path, monkeypatch: pytest.MonkeyPatch):
    from briefing import markup

    rebuild(golden_project)
    markup.RENDERED.clear()  # as in a new process: the bodies come from the build cache
    rendered = []
    real = markup._body_html
    monkeypatch.setattr(markup, "_body_html", lambda body, facts: rendered.append(body) or real(body, facts))
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("Jane Roe said.", "Jane Roe said in Vienna."))
    after = rebuild(golden_project)
    assert len(rendered) == 1 and "said in Vienna." in rendered[0]
    assert b"said in Vienna." in after["articles/talks-resume/index.html"]


def test_after_a_body_edit_only_that_article_page_is_rendered_again(golden_project: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch):
    from briefing import render

    rebuild(golden_project)
    rendered = []
    real = render.render_into
    monkeypatch.setattr(render, "render_into", lambda pages, *a, **k: rendered.extend(p.path for p in pages if p.template) or real(pages, *a, **k))
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("Jane Roe said.", "Jane Roe said in Vienna."))
    after = rebuild(golden_project)
    assert rendered == ["articles/talks-resume/index.html"]
    assert after == clean_build(golden_project, tmp_path)
    rendered.clear()
    article.write_text(article.read_text().replace("name: Jane Roe,", "name: Janet Roe,"))  # front-matter: all pages
    assert rebuild(golden_project) == clean_build(golden_project, tmp_path / "2")
    assert len(rendered) > 10


def test_a_template_that_reads_bodies_makes_every_page_render_again(golden_project: Path, tmp_path: Path):
    index = golden_project / "templates/index.html"
    index.write_text(index.read_text().replace("{% block main %}", "{% block main %}<p>{{ briefing.articles|map(attribute='body')|map('length')|sum }}</p>", 1))
    before = rebuild(golden_project)
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("Jane Roe said.", "Jane Roe said in Vienna."))
    after = rebuild(golden_project)
    assert after["index.html"] != before["index.html"]
    assert after == clean_build(golden_project, tmp_path)


def test_broken_links_are_found_as_the_plain_link_check_finds_them_with_or_without_the_cache(golden_project: Path):
    from briefing.pipeline import check
    from briefing.problems import BuildError

    rebuild(golden_project)
    index = golden_project / "templates/index.html"
    index.write_text(index.read_text().replace("{% block main %}", '{% block main %}<a href="nowhere.html">a</a> '
                     '<a href="#nope">b</a> <a href="../out.html">c</a> <a href="/abs">d</a> '
                     '<a href="actors/jane-roe/index.html#missing">e</a> <a href="actors/jane-roe/#s1">f</a>', 1))
    expected = [str(p) for p in check(load_settings(golden_project))]
    assert len(expected) == 6  # a folder link without index.html is broken too
    for _ in range(2):  # the second build finds every page's links in the cache
        with pytest.raises(BuildError) as caught:
            build(load_settings(golden_project), progress=lambda _: None)
        assert [str(p) for p in caught.value.problems] == expected


def test_a_build_rendering_into_the_site_over_several_processes_equals_one_process(
        golden_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from briefing import render

    monkeypatch.setattr(render, "PAGES_PER_WORKER", 1)  # the golden site is small: fork anyway
    monkeypatch.setattr(render, "PAGES_PER_TASK", 3)
    from briefing import workers

    pools, real = [], workers.forked_map
    monkeypatch.setattr(workers, "forked_map", lambda work, chunks, n, **kw: pools.append(n) or real(work, chunks, n, **kw))
    build(load_settings(golden_project, processes=2), progress=lambda _: None)
    assert pools == [2]
    forked = files_of(golden_project / "site")
    assert forked == clean_build(golden_project, tmp_path)
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("name: Jane Roe,", "name: Janet Roe,"))
    build(load_settings(golden_project, processes=2), progress=lambda _: None)
    assert files_of(golden_project / "site") == clean_build(golden_project, tmp_path / "2")
    before = files_of(golden_project / "site")
    (golden_project / "templates/weapon.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope }}{% endblock %}")
    errors = []
    for processes in (2, 1):
        with pytest.raises(BuildError) as caught:
            build(load_settings(golden_project, processes=processes), progress=lambda _: None)
        errors.append([str(p) for p in caught.value.problems])
    assert errors[0] == errors[1] and "templates/weapon.html:1: error: while rendering weapons/" in errors[0][0]
    assert files_of(golden_project / "site") == before
    assert [p.name for p in golden_project.iterdir() if p.name.startswith(".site-")] == []


# Front-matter edits of every kind on a generated briefing: after each, a rebuild (which renders
# only the pages whose inputs changed) equals a clean full build byte for byte.

def _front_matter(path: Path, change) -> None:
    """Apply `change(meta)` to a content file's front-matter, keeping its body."""
    import frontmatter

    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    change(post.metadata)
    path.write_text(frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=100) + "\n", encoding="utf-8")


def _rename_speaker(meta: dict) -> None:
    speaker = meta["claims"][0]["speaker"]
    next(a for a in meta["actors"] if a["id"] == speaker)["name"] += " Junior"


def _add_claim(meta: dict) -> None:
    meta["claims"].append({"id": "c99", "speaker": meta["actors"][0]["id"], "cue": "said",
                           "text": "a fresh claim about the border crossing", "quote": None, "sentence": 1})


def _new_speaker(meta: dict) -> None:
    meta["claims"][1]["speaker"] = meta["actors"][2]["id"]


def _deny_elsewhere(meta: dict) -> None:
    meta["denials"] = [*(meta.get("denials") or []), {"id": "d99", "speaker": meta["actors"][1]["id"], "cue": "denied",
                                                      "text": "it denied the report outright", "quote": None,
                                                      "rebuts": "generated-00002#c1", "sentence": 2}]


def _remove_claim(meta: dict) -> None:
    rebutted = {d.get("rebuts") for d in meta.get("denials") or []}
    meta["claims"].remove(next(c for c in reversed(meta["claims"]) if c["id"] not in rebutted))


FRONT_MATTER_EDITS = {
    "title": lambda meta: meta.update(title=meta["title"] + " (updated)"),
    "the outlet": lambda meta: meta["source"].update(outlet="Another Wire"),
    "published date": lambda meta: meta.update(published="2023-02-03"),
    "no published date": lambda meta: meta.update(published=None),
    "a claim's text": lambda meta: meta["claims"][2].update(text="an entirely different statement"),
    "a claim's speaker": _new_speaker,
    "a speaker renamed": _rename_speaker,
    "a new claim": _add_claim,
    "a removed denial": lambda meta: meta.update(denials=[]),
    "an actor alias": lambda meta: meta["actors"][0].update(aliases=["Old Name"]),
    "an event date": lambda meta: meta["events"][0].update(date="2019-05-06"),
    "an event removed": lambda meta: meta["events"].pop(),
    "an actor's type": lambda meta: meta["actors"][5].update(type="organization"),
    "a denial of another article's claim": _deny_elsewhere,
    "a claim removed": _remove_claim,
}


@pytest.fixture(scope="module")
def generated_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated briefing of 24 articles, built once (each test copies it, site and cache included)."""
    from .corpus import make_project

    project = make_project(tmp_path_factory.mktemp("generated") / "project", 24)
    rebuild(project)
    return project


def _copy_built(project: Path, folder: Path) -> Path:
    """A copy of a built project with its site and build cache (beside site/, so inside the project)."""
    copy = folder / "project"
    shutil.copytree(project, copy)
    return copy


@pytest.mark.parametrize("edit", FRONT_MATTER_EDITS, ids=list(FRONT_MATTER_EDITS))
@pytest.mark.parametrize("which", [0, 9])  # an article with a denial (0) and one without (9)
def test_a_rebuild_after_a_front_matter_edit_equals_a_clean_build(generated_build: Path, tmp_path: Path,
                                                                  edit: str, which: int):
    project = _copy_built(generated_build, tmp_path)
    before = rebuild(project)
    path = sorted((project / "content").glob("*.md"))[which]
    _front_matter(path, FRONT_MATTER_EDITS[edit])
    after = rebuild(project)
    assert after != before
    assert after == clean_build(project, tmp_path)


def test_a_title_edit_renders_again_only_the_pages_that_show_that_article(generated_build: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    from briefing import render

    project = _copy_built(generated_build, tmp_path)
    before = rebuild(project)
    rendered = []
    real = render.render_into
    monkeypatch.setattr(render, "render_into",
                        lambda pages, *a, **k: rendered.extend(p.path for p in pages if p.template) or real(pages, *a, **k))
    path = sorted((project / "content").glob("*.md"))[9]
    _front_matter(path, lambda meta: meta.update(title="Quite another headline"))
    after = rebuild(project)
    showing = {p for p, data in after.items() if b"Quite another headline" in data and p.endswith((".html", ".xml"))}
    assert showing <= set(rendered)
    assert "articles/generated-00009/index.html" in showing
    assert len(rendered) < len([p for p in before if p.endswith((".html", ".xml"))]) / 3
    assert after == clean_build(project, tmp_path)


def test_a_claim_edit_leaves_the_lists_that_only_count_articles(generated_build: Path, tmp_path: Path,
                                                                 holding: dict, monkeypatch: pytest.MonkeyPatch):
    """The actors' A to Z lists show how many articles name each actor: an edit to a claim of one of those
    articles changes no count, so in a server those pages are not rendered again."""
    from briefing import render

    project = _copy_built(generated_build, tmp_path)
    rebuild(project)  # the server's first build: the next ones compare with its views
    rendered = []
    real = render.render_into
    monkeypatch.setattr(render, "render_into",
                        lambda pages, *a, **k: rendered.extend(p.path for p in pages if p.template) or real(pages, *a, **k))
    _front_matter(sorted((project / "content").glob("*.md"))[4], FRONT_MATTER_EDITS["a claim's text"])
    after = rebuild(project)
    assert rendered and not [p for p in rendered if p.startswith("actors/by-type/")]
    assert after == clean_build_elsewhere(project, tmp_path / "clean", monkeypatch)


def test_after_a_title_edit_only_the_pages_holding_that_article_are_checked(generated_build: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    from briefing import depends

    project = _copy_built(generated_build, tmp_path)
    rebuild(project)
    replayed = []
    real = depends.read_again
    monkeypatch.setattr(depends, "read_again", lambda key, *a: replayed.append(key) or real(key, *a))
    _front_matter(sorted((project / "content").glob("*.md"))[9], lambda meta: meta.update(title="Quite another headline"))
    rebuild(project)
    recorded = len(pickle_keyed_data(project, "pages.pickle")["reads"])
    assert 0 < len(replayed) < recorded / 2  # the reads of pages that do not hold the article are not made again
    assert rebuild(project) == clean_build(project, tmp_path)


def pickle_keyed_data(project: Path, name: str):
    """The data of one of the build cache's keyed pickles."""
    import pickle

    with open(project / ".site.cache" / name, "rb") as stream:
        pickle.load(stream)
        return pickle.load(stream)


def test_a_page_whose_reads_cannot_be_found_again_always_renders(golden_project: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch):
    from briefing import render

    index = golden_project / "templates/index.html"  # a call with a keyword argument: not recorded, so unknown
    index.write_text(index.read_text().replace("{% block main %}", "{% block main %}<p>{{ views.cutoff() }}"
                                               "{{ views.most_cited(limit=1)|length }}</p>", 1))
    rebuild(golden_project)
    rendered = []
    real = render.render_into
    monkeypatch.setattr(render, "render_into",
                        lambda pages, *a, **k: rendered.extend(p.path for p in pages if p.template) or real(pages, *a, **k))
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("Jane Roe said.", "Jane Roe said in Vienna."))
    after = rebuild(golden_project)
    assert sorted(rendered) == ["articles/talks-resume/index.html", "index.html"]
    assert after == clean_build(golden_project, tmp_path)


def test_a_registry_edit_re_renders_what_shows_the_curated_actor(golden_project: Path, tmp_path: Path):
    rebuild(golden_project)
    registry = golden_project / "content/actors.yaml"
    registry.write_text(registry.read_text().replace("aliases: [Country A, A]", "aliases: [Country A, A, Atlantis]"))
    after = rebuild(golden_project)
    assert after == clean_build(golden_project, tmp_path)


def test_after_body_edits_alone_the_site_map_is_not_planned_again(golden_project: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch):
    from briefing import pages

    rebuild(golden_project)
    planned = []
    real = pages.plan
    monkeypatch.setattr(pages, "plan", lambda *a, **k: planned.append(1) or real(*a, **k))
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("Jane Roe said.", "Jane Roe said in Bern."))
    after = rebuild(golden_project)
    assert planned == []  # only article pages were made: nothing but a body changed
    assert b"said in Bern." in after["articles/talks-resume/index.html"]
    assert after == clean_build(golden_project, tmp_path)
    article.write_text(article.read_text().replace("title: ", "title: Revised ", 1))
    assert rebuild(golden_project) == clean_build(golden_project, tmp_path / "2")
    assert planned  # a front-matter edit plans every page again


def test_a_registry_edit_resolves_the_actors_again(golden_project: Path, tmp_path: Path):
    rebuild(golden_project)
    registry = golden_project / "content/actors.yaml"
    registry.write_text(registry.read_text() + "- id: jane-roe\n  name: Janet Roe\n  type: person\n  aliases: [Jane Roe]\n")
    after = rebuild(golden_project)  # the resolution kept from the last build is not reused
    assert b"Janet Roe" in after["actors/jane-roe/index.html"]
    assert after == clean_build(golden_project, tmp_path)


def test_after_a_title_edit_only_the_actors_holding_that_article_have_their_pages_made(
        generated_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from briefing import pages

    project = _copy_built(generated_build, tmp_path)
    rebuild(project)
    made = []
    real = pages._actor_context
    monkeypatch.setattr(pages, "_actor_context", lambda actor, views: made.append(actor.id) or real(actor, views))
    _front_matter(sorted((project / "content").glob("*.md"))[9], lambda meta: meta.update(title="Quite another headline"))
    after = rebuild(project)
    actor_pages = [p for p in after if p.startswith("actors/") and p.count("/") == 2]
    assert 0 < len(made) < len(actor_pages) / 2  # an actor's summary is made only for a page that may show the article
    assert after == clean_build(project, tmp_path)


@pytest.fixture
def holding(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    """This process keeps the build caches in memory, as `serve` does (and forgets them afterwards)."""
    from briefing import warm

    monkeypatch.setattr(warm, "holding", True)
    monkeypatch.setattr(warm, "HELD", {})
    yield warm.HELD
    warm.write_now()


def test_a_server_reads_a_cache_file_once_and_sees_what_another_build_wrote(tmp_path: Path, holding: dict):
    from briefing.incremental import atomic_pickle, pickle_keyed, unpickle_keyed
    from briefing.warm import write_now

    path = tmp_path / "cache.pickle"
    pickle_keyed(path, "k", {"a": 1})
    held = unpickle_keyed(path, "k")
    assert held == {"a": 1} and unpickle_keyed(path, "k") is held  # from memory, before it is written
    assert not path.exists()  # written once the server is idle
    write_now()
    assert unpickle_keyed(path, "k") is held  # from memory, not unpickled again
    assert unpickle_keyed(path, "another key") is None
    atomic_pickle(path, ("k", {"a": 2}), keyed=True)  # another process's build (serve does not know of it)
    assert unpickle_keyed(path, "k") == {"a": 2}
    path.unlink()
    with pytest.raises(FileNotFoundError):  # a deleted cache is not read from memory
        unpickle_keyed(path, "k")


def clean_build_elsewhere(project: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """clean_build() in a process that holds its caches, as another process would make it (the server's
    next build still compares with the server's own last build)."""
    from briefing import warm

    with monkeypatch.context() as elsewhere:
        elsewhere.setattr(warm, "holding", False)
        return clean_build(project, folder)


def test_rebuilds_in_a_server_that_keeps_the_caches_equal_clean_builds(generated_build: Path, tmp_path: Path,
                                                                       holding: dict, monkeypatch: pytest.MonkeyPatch):
    project = _copy_built(generated_build, tmp_path)
    rebuild(project)
    for n, edit in enumerate(FRONT_MATTER_EDITS):  # one server session: each rebuild starts from the last
        _front_matter(sorted((project / "content").glob("*.md"))[n % 10], FRONT_MATTER_EDITS[edit])
        assert rebuild(project) == clean_build_elsewhere(project, tmp_path / str(n), monkeypatch), edit
    assert holding  # the caches were kept
    body = sorted((project / "content").glob("*.md"))[5]
    body.write_text(body.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert b"One more line." in rebuild(project)["articles/generated-00005/index.html"]


def test_a_server_prints_the_changed_contexts_once_idle_and_its_next_builds_equal_clean_ones(
        generated_build: Path, tmp_path: Path, holding: dict, monkeypatch: pytest.MonkeyPatch):
    """A changed page renders whatever its context prints, so a server prints it when idle (a mark until
    then): whether the next save finds it printed or still marked, each rebuild equals a clean build."""
    from briefing import depends, rerender, warm

    monkeypatch.setattr(warm, "IDLE_S", 3600)  # the test plays the idle moments itself
    monkeypatch.setattr(depends, "CONTEXTS", depends.AsLastTimeBy())
    project = _copy_built(generated_build, tmp_path)
    rebuild(project)
    for n, edit in enumerate(["title", "a claim's speaker", "a new claim", "a claim's text"]):
        _front_matter(sorted((project / "content").glob("*.md"))[n * 3 % 10], FRONT_MATTER_EDITS[edit])
        after = rebuild(project)
        assert marks(project), edit  # the pages whose context changed
        if n % 2:
            warm._writer.cancel()
            warm._when_idle()  # the server is idle
            assert not marks(project), edit
        assert after == clean_build_elsewhere(project, tmp_path / str(n), monkeypatch), edit
    _front_matter(sorted((project / "content").glob("*.md"))[2], FRONT_MATTER_EDITS["title"])
    rebuild(project)
    assert marks(project)
    warm.write_now()  # the server stops (Ctrl-C) before it was idle: the caches it writes hold every print
    assert not [p for p, (print_, _) in pickle_keyed_data(project, rerender.PAGES)["pages"].items()
                if print_.startswith(depends.LATER)]


def marks(project: Path) -> set[str]:
    """The pages a server's last build recorded with a mark for their context's print (still to print)."""
    from briefing import depends, rerender, warm

    return {path for path, (print_, _) in warm.held(project / ".site.cache" / rerender.PAGES)[1]["pages"].items()
            if print_.startswith(depends.LATER)}


def test_a_server_checks_again_only_the_reads_whose_facts_changed(generated_build: Path, tmp_path: Path,
                                                                   holding: dict, monkeypatch: pytest.MonkeyPatch):
    """A claim that joins another article's group of reports, moves to another speaker, then goes: each
    rebuild equals a clean build, and checks again only the reads of the facts the edit touched."""
    import frontmatter

    from briefing import depends, rerender

    project = _copy_built(generated_build, tmp_path)
    files = sorted((project / "content").glob("*.md"))
    rebuild(project)  # the server's first build: the next ones compare with its views
    said = frontmatter.loads(files[4].read_text(encoding="utf-8")).metadata["claims"][0]
    made, read_again = [], depends.read_again
    monkeypatch.setattr(depends, "read_again", lambda *args: made.append(args[0]) or read_again(*args))

    def repeat(meta: dict) -> None:  # the same words by the same speaker: reported by two articles
        if said["speaker"] not in {a["id"] for a in meta["actors"]}:
            meta["actors"].append(next(a for a in frontmatter.loads(files[4].read_text(encoding="utf-8"))
                                       .metadata["actors"] if a["id"] == said["speaker"]))
        meta["claims"].append({**said, "id": "c98"})

    def move(meta: dict) -> None:
        next(c for c in meta["claims"] if c["id"] == "c98")["speaker"] = meta["actors"][0]["id"]

    def drop(meta: dict) -> None:
        meta["claims"] = [c for c in meta["claims"] if c["id"] != "c98"]

    recorded = len(pickle_keyed_data(project, rerender.PAGES)["reads"])
    for n, change in enumerate((repeat, move, drop)):
        made.clear()
        _front_matter(files[11], change)
        after = rebuild(project)
        assert len(made) < recorded / 4, change.__name__
        assert after == clean_build_elsewhere(project, tmp_path / str(n), monkeypatch), change.__name__


def test_after_a_speaker_change_a_server_makes_again_only_the_actor_pages_it_can_show(
        generated_build: Path, tmp_path: Path, holding: dict, monkeypatch: pytest.MonkeyPatch):
    from briefing import pages

    project = _copy_built(generated_build, tmp_path)
    _front_matter(sorted((project / "content").glob("*.md"))[3], _add_claim)
    rebuild(project)  # the server's first build: every actor's first page is made
    made = []
    real = pages._make_actor_context
    monkeypatch.setattr(pages, "_make_actor_context", lambda actor, views: made.append(actor.id) or real(actor, views))
    _front_matter(sorted((project / "content").glob("*.md"))[9], _new_speaker)
    after = rebuild(project)
    actor_pages = [p for p in after if p.startswith("actors/") and p.count("/") == 2]
    assert 0 < len(made) < len(actor_pages) / 2
    assert after == clean_build_elsewhere(project, tmp_path / "clean", monkeypatch)


def test_a_server_reads_the_caches_ahead_so_its_first_save_reads_none(golden_project: Path, holding: dict,
                                                                    monkeypatch: pytest.MonkeyPatch):
    import pickle

    from briefing.pipeline import read_ahead
    from briefing.warm import settle, write_now

    rebuild(golden_project)
    write_now()
    holding.clear()  # as a server started after that build finds them: on disk only
    read_ahead(load_settings(golden_project))
    settle()
    assert {p.name for p in holding} >= {"articles.pickle", "pages.pickle", "links.pickle", "bodies.pickle"}
    loads = []
    real = pickle.load
    monkeypatch.setattr(pickle, "load", lambda *a, **k: loads.append(1) or real(*a, **k))
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("title: ", "title: Revised ", 1))
    assert b"Revised" in rebuild(golden_project)["articles/talks-resume/index.html"]
    assert loads == []


def test_a_link_into_a_page_that_lost_its_anchor_is_found_though_its_page_did_not_change(golden_project: Path):
    from array import array

    from briefing.incremental import LastBuild, check_links_cached

    last = LastBuild(load_settings(golden_project), "key")
    pages = {"a.html": "a1", "b.html": "b1", "c/d.html": "d1", "e.html": "e1"}
    last.record = {"outputs": {path: [1, 1, digest, True] for path, digest in pages.items()}}
    anchored, bare = ((), array("I"), ("s1", "s2")), ((), array("I"), ("s1",))
    last.links = ({"a1": (("b.html#s2",), array("I", [7]), ()), "b1": anchored, "b2": anchored, "b3": bare,
                   "d1": (("../b.html#s2", "../b.html#s1"), array("I", [3, 4]), ()),
                   "e1": (("b.html", "b.html#s1"), array("I", [1, 2]), ())}, {})
    assert check_links_cached({**pages, "b.html": "b2"}, set(), last) == []
    problems = check_links_cached({**pages, "b.html": "b3"}, set(), last)  # b.html changed and lost #s2
    assert [(p.path, p.line) for p in problems] == [("site/a.html", 7), ("site/c/d.html", 3)]
    assert all("s2" in p.message for p in problems)


def test_a_link_into_a_page_that_went_is_found_though_its_page_did_not_change(golden_project: Path):
    from array import array

    from briefing.incremental import LastBuild, check_links_cached

    last = LastBuild(load_settings(golden_project), "key")
    pages = {"a.html": "a1", "b/c.html": "c1", "d.html": "d1"}
    last.record = {"outputs": {path: [1, 1, digest, True] for path, digest in {**pages, "e.html": "e1"}.items()}}
    last.links = ({"a1": (("d.html", "e.html#s1"), array("I", [4, 5]), ()), "c1": (("../d.html",), array("I", [2]), ()),
                   "d1": ((), array("I"), ("s1",)), "e1": ((), array("I"), ("s1",))}, {})
    problems = check_links_cached(pages, set(), last)  # e.html went
    assert [(p.path, p.line) for p in problems] == [("site/a.html", 5)] and "e.html" in problems[0].message
    assert check_links_cached({**pages, "f.html": "d1"}, {"e.html"}, last) == []  # e.html stays (as a static file); f.html came


def test_a_server_writes_the_caches_it_holds_once_it_is_idle(tmp_path: Path, holding: dict,
                                                            monkeypatch: pytest.MonkeyPatch):
    import time

    from briefing import warm
    from briefing.incremental import pickle_keyed

    monkeypatch.setattr(warm, "IDLE_S", 0.01)
    path = tmp_path / "cache.pickle"
    pickle_keyed(path, "k", {"a": 1})
    warm.write_held()  # as a build ends
    waited = time.monotonic() + 30
    while not path.exists() and time.monotonic() < waited:
        time.sleep(0.01)
    warm.settle()
    assert path.exists() and warm.held(path) == ("k", {"a": 1})  # written, and held as the file now is


def test_once_idle_a_server_works_out_ahead_what_the_next_build_reuses(golden_project: Path, holding: dict,
                                                                       monkeypatch: pytest.MonkeyPatch):
    from briefing import views, warm

    monkeypatch.setattr(warm, "IDLE_S", 3600)  # the test plays the idle moment itself
    rebuild(golden_project)
    monkeypatch.setattr(views.WORDS, "last", None)
    warm.settle()  # (cancels the timer: what waits for an idle server is dropped when a build starts)
    assert not warm._idle
    body = sorted((golden_project / "content").glob("*.md"))[0]
    body.write_text(body.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    rebuild(golden_project)  # only the article's page: nothing asks for the statements' word index
    assert views.WORDS.last is None
    warm._writer.cancel()
    warm._when_idle()  # the server is idle
    assert views.WORDS.last is not None  # the word index the next build reuses while the statements are the same
    warm.settle()


def test_a_server_collects_a_saves_young_objects_once_idle_not_while_it_rebuilds(golden_project: Path, holding: dict,
                                                                                   monkeypatch: pytest.MonkeyPatch):
    """Collecting as objects come took a tenth of a save's rebuild at 1,000 articles; an idle server
    has the time (cycles still go: a build that makes a million objects collects as it goes)."""
    import gc

    from briefing import warm

    monkeypatch.setattr(warm, "IDLE_S", 3600)  # the test plays the idle moment itself
    rebuild(golden_project)
    warm._writer.cancel()
    warm._when_idle()
    collected: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            collected.append(info["generation"])

    threshold = gc.get_threshold()
    gc.callbacks.append(seen)
    try:
        body = sorted((golden_project / "content").glob("*.md"))[0]
        body.write_text(body.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
        rebuild(golden_project)
        assert collected == []  # not while the save rebuilt
        warm._writer.cancel()
        warm._when_idle()  # the server is idle
        assert len(collected) == 1  # once (the young objects, or every tenth time all)
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*threshold)
    warm.settle()


def test_a_build_that_starts_while_the_server_works_while_idle_waits_only_for_the_work_at_hand(
        tmp_path: Path, holding: dict, monkeypatch: pytest.MonkeyPatch):
    """A save that comes while the idle server works ahead or writes its caches: the build waits for the
    one piece of work under way, drops the rest of the work ahead, and the caches are written after it."""
    import threading

    from briefing import warm
    from briefing.incremental import pickle_keyed

    monkeypatch.setattr(warm, "IDLE_S", 0)
    busy, go, done = threading.Event(), threading.Event(), []
    warm.when_idle(lambda: busy.set() or go.wait(10) and done.append("first"))
    warm.when_idle(lambda: done.append("second"))
    pickle_keyed(tmp_path / "cache.pickle", "k", {"a": 1})
    warm.write_held()
    assert busy.wait(10)  # the idle thread is at its first piece of work
    threading.Timer(0.05, go.set).start()  # (it finishes it while the build waits)
    warm.settle()  # a build starts
    assert done == ["first"] and not (tmp_path / "cache.pickle").exists()
    warm.write_held()  # the build ends: the caches still wait to be written
    warm.settle(keep=True)
    warm.write_now()
    assert (tmp_path / "cache.pickle").exists()


class _Slow:
    """Pickled as a long text, once the test lets it go on (`go`), having said so (`busy`)."""

    def __init__(self, busy, go):
        self.busy, self.go = busy, go

    def __reduce__(self):
        self.busy.set()
        self.go.wait(10)
        return str, ("x" * 300_000,)


def test_a_build_that_starts_while_the_server_writes_a_cache_stops_the_writing_until_after_it(
        tmp_path: Path, holding: dict, monkeypatch: pytest.MonkeyPatch):
    import threading

    from briefing import warm
    from briefing.incremental import pickle_keyed

    monkeypatch.setattr(warm, "IDLE_S", 0)
    busy, go = threading.Event(), threading.Event()
    pickle_keyed(tmp_path / "cache.pickle", "k", [_Slow(busy, go), "the rest"])
    warm.write_held()
    assert busy.wait(10)  # the idle thread is writing the file
    threading.Timer(0.05, go.set).start()
    warm.settle()  # a build starts: the file is left half written, then removed
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    warm.write_now()  # written after the build (here: as the server stops)
    assert unpickle_keyed_file(tmp_path / "cache.pickle") == ["x" * 300_000, "the rest"]


def unpickle_keyed_file(path: Path):
    import pickle

    with open(path, "rb") as stream:
        pickle.load(stream)
        return pickle.load(stream)


def test_after_a_body_edit_the_other_articles_rendered_bodies_stay_cached(golden_project: Path):
    rebuild(golden_project)
    before = len(pickle_keyed_data(golden_project, "bodies.pickle"))
    article = golden_project / "content/talks-resume.md"
    article.write_text(article.read_text().replace("Jane Roe said.", "Jane Roe said in Bern."))
    rebuild(golden_project)  # plans the edited article's page alone
    assert len(pickle_keyed_data(golden_project, "bodies.pickle")) >= before  # the next full plan renders none again


def test_after_a_patch_the_record_holds_every_file_of_the_site_as_it_is(golden_project: Path):
    """A patch records the files it moved in and takes the others from the last record: the record
    must still say exactly what site/ holds, or the next build would not know the site is as it left it."""
    from briefing.config import load_settings
    from briefing.incremental import LastBuild, output_stats

    rebuild(golden_project)
    path = sorted((golden_project / "content").glob("*.md"))[0]
    _front_matter(path, lambda meta: meta.update(title="Another title"))
    rebuild(golden_project)
    settings = load_settings(golden_project)
    outputs = LastBuild.load(settings).record["outputs"]
    assert {k: v[:2] for k, v in outputs.items()} == output_stats(settings.path("site"))
    assert LastBuild.load(settings).unchanged()


def test_a_touched_site_is_rendered_again_once_not_at_every_build(golden_project: Path, monkeypatch: pytest.MonkeyPatch):
    """site/ copied or touched (its files' mtimes changed, bytes the same): the next build cannot trust
    them and renders them again, finding the bytes they hold; it records them as they now are, so the
    build after renders only what its edit changed, as it would have without the touch."""
    from briefing import render
    from briefing.config import load_settings
    from briefing.incremental import LastBuild, output_stats

    rendered: list[str] = []
    real = render.render_into
    monkeypatch.setattr(render, "render_into", lambda pages, *a, **k: rendered.extend(p.path for p in pages) or real(pages, *a, **k))
    path = golden_project / "content/talks-resume.md"

    def retitled(title: str) -> list[str]:
        rendered.clear()
        _front_matter(path, lambda meta: meta.update(title=title))
        rebuild(golden_project)
        return sorted(rendered)

    rebuild(golden_project)
    retitled("Another title")
    untouched = retitled("Yet another title")
    for page in (golden_project / "site").rglob("*"):
        if page.is_file():
            os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    assert len(retitled("A third title")) > len(untouched)  # none is as the record says: all rendered again
    settings = load_settings(golden_project)
    assert {k: v[:2] for k, v in LastBuild.load(settings).record["outputs"].items()} == output_stats(settings.path("site"))
    assert retitled("A fourth title") == untouched


def test_an_article_comes_back_from_the_parse_cache_as_it_was_parsed():
    import pickle

    from briefing.model import Article, Source

    body = "“Quoted”, said the minister — in Zürich. A byte that was not UTF-8: \udcff.\n"
    article = Article("a", "content/a.md", "T", None, Source("seeds/a.txt"), body)
    again = pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == article and type(again.body) is str


def test_a_server_patches_site_with_the_files_it_found_there_once_idle(generated_build: Path, tmp_path: Path,
                                                                      holding: dict, monkeypatch: pytest.MonkeyPatch):
    """A server removes what site/ no longer holds by what it found there when idle (site.LOOKED), not by
    walking site/ while a save waits: a file put in site/ by hand before that goes at the next save; one put
    after it, at the save after the next idle moment; after another process's build the server walks again."""
    from briefing import site as site_module, warm

    monkeypatch.setattr(warm, "IDLE_S", 3600)  # the test plays the idle moments itself
    monkeypatch.setattr(site_module, "LOOKED", {})
    walked, files = [], site_module._files
    monkeypatch.setattr(site_module, "_files", lambda folder: walked.append(folder) or files(folder))
    project = _copy_built(generated_build, tmp_path)
    site, contents = project / "site", sorted((project / "content").glob("*.md"))

    def idle() -> None:
        if warm._writer is not None:
            warm._writer.cancel()
        warm._when_idle()

    def save(n: int) -> dict[str, bytes]:
        walked.clear()
        _front_matter(contents[n], FRONT_MATTER_EDITS["title"])
        return rebuild(project)

    save(1)
    assert walked == [site]  # nothing looked at yet
    (site / "by-hand.txt").write_text("put here by hand", encoding="utf-8")
    idle()
    after = save(2)
    assert walked == [] and "by-hand.txt" not in after
    idle()  # (before the clean build: a build drops the idle work still to do)
    assert after == clean_build_elsewhere(project, tmp_path / "2", monkeypatch)
    (site / "later.txt").write_text("put here after the server looked", encoding="utf-8")
    assert "later.txt" in save(3)  # (unseen: the server looked before it came)
    idle()
    after = save(4)
    assert walked == [] and "later.txt" not in after
    idle()
    assert after == clean_build_elsewhere(project, tmp_path / "4", monkeypatch)
    with monkeypatch.context() as elsewhere:  # another process builds this site: it has looked at nothing
        elsewhere.setattr(warm, "holding", False)
        elsewhere.setattr(site_module, "LOOKED", {})
        save(5)
    (site / "by-hand.txt").write_text("put here by hand again", encoding="utf-8")
    after = save(6)
    assert walked == [site] and "by-hand.txt" not in after
    assert after == clean_build_elsewhere(project, tmp_path / "6", monkeypatch)


def test_a_server_resolves_the_actors_again_when_an_articles_actors_change(generated_build: Path, tmp_path: Path,
                                                                           holding: dict, monkeypatch: pytest.MonkeyPatch):
    """What resolve_cached's key reads of an unchanged article is kept in a server (incremental.DECIDING); an
    edited article is another object, so an edit to its actors is still seen, and decided again."""
    from briefing import resolve

    decided, decide = [], resolve.decide
    monkeypatch.setattr(resolve, "decide", lambda *args: decided.append(1) or decide(*args))
    project = _copy_built(generated_build, tmp_path)
    contents = sorted((project / "content").glob("*.md"))
    rebuild(project)
    _front_matter(contents[3], FRONT_MATTER_EDITS["title"])
    decided.clear()
    rebuild(project)
    assert decided == []  # the actors are as they were
    for n, edit in enumerate(["an actor alias", "a speaker renamed"]):
        _front_matter(contents[4 + n], FRONT_MATTER_EDITS[edit])
        decided.clear()
        after = rebuild(project)
        assert decided == [1], edit
        assert after == clean_build_elsewhere(project, tmp_path / str(n), monkeypatch), edit
