"""Writing site/: all or nothing, unchanged files untouched, never a project folder."""
import hashlib
import importlib.util
import os
import re
from html.parser import HTMLParser
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from briefing.config import ConfigError, load_settings
from briefing.pipeline import build
from briefing.problems import BuildError
from briefing.site import write_site

from .conftest import FIXTURES, ROOT
from .test_faults import tree
from .test_refresh import fake_extract  # noqa: F401 (a fixture)


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


def test_a_file_written_in_parts_is_whole_and_an_unchanged_one_keeps_its_timestamp(tmp_path: Path):
    from briefing.site import Stage, staged

    site = tmp_path / "site"
    write_site({"data.json": "[1, 2]\n", "other.json": "old"}, tmp_path / "nostatic", site, search=False)
    os.utime(site / "data.json", (1_000_000, 1_000_000))
    whole = Stage(tmp_path / "new", site, patch=False)  # a whole new folder: the unchanged file hard-linked
    assert whole.put_parts("data.json", [b"[1", b", 2]", b"\n"]) == hashlib.sha256(b"[1, 2]\n").hexdigest()
    whole.put_parts("other.json", [b"n", b"ew"])
    assert (tmp_path / "new/data.json").stat().st_ino == (site / "data.json").stat().st_ino
    assert (tmp_path / "new/other.json").read_text() == "new"
    with staged(site, tmp_path / "nostatic", search=False) as stage:  # a patch of site/
        stage.put_parts("data.json", [b"[1", b", 2]", b"\n"])
        stage.put_parts("other.json", [b"n", b"ew"])
        stage.paths.update({"data.json", "other.json"})
    assert (site / "data.json").read_text() == "[1, 2]\n" and (site / "data.json").stat().st_mtime == 1_000_000
    assert (site / "other.json").read_text() == "new"


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


def quiet(_: str) -> None:
    pass


def test_a_failed_build_leaves_the_site_byte_identical(golden_project: Path):
    settings = load_settings(golden_project)
    build(settings, progress=quiet)
    before = tree(golden_project / "site")
    (golden_project / "content/drones-shipped.md").write_text("---\ntitle: [never closed\n---\nBody.\n")
    with pytest.raises(BuildError):
        build(settings, progress=quiet)
    assert tree(golden_project / "site") == before


def test_identical_inputs_give_byte_identical_sites(golden_project: Path, tmp_path_factory: pytest.TempPathFactory):
    other = tmp_path_factory.mktemp("elsewhere") / "project"
    shutil.copytree(golden_project, other)
    build(load_settings(golden_project), progress=quiet)
    build(load_settings(other), progress=quiet)
    first = tree(golden_project / "site")
    assert tree(other / "site") == first
    build(load_settings(golden_project), progress=quiet)
    assert tree(golden_project / "site") == first


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory):
    """A second project folder, on another file system (tmpfs lists a folder in another order) where there is one."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="briefing-elsewhere-", dir=shm))
        yield folder / "a-longer-folder-name" / "project"
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path_factory.mktemp("a-longer-folder-name") / "elsewhere" / "project"


@pytest.mark.skipif(importlib.util.find_spec("pagefind_bin") is None, reason="Pagefind is not installed")
def test_two_cold_builds_in_two_folders_give_the_same_bytes_search_index_included(golden_project: Path, elsewhere: Path):
    """Pagefind numbers pages in the order the file system lists them and writes filter values in a randomly
    seeded hash order: the site must show neither."""
    (golden_project / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Test briefing"\n')
    shutil.copytree(golden_project, elsewhere)
    for seed, folder in (("1", golden_project), ("2", elsewhere)):  # two processes: Python's own hash order differs too
        done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(folder), "-q"], capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        assert done.returncode == 0, done.stderr
    first = tree(golden_project / "site")
    assert sum(name.startswith("pagefind/filter/") for name in first) == 2  # kind and speaker: not vacuous
    assert tree(elsewhere / "site") == first


def test_a_template_or_asset_linked_from_outside_the_project_is_never_published(
        golden_project: Path, tmp_path_factory: pytest.TempPathFactory):
    """Like a seed or content file, a symlink in templates/ may point inside the project, never out of it."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.css").write_text("/* private */")
    (outside / "404.html").write_text("{% extends 'base.html' %}{% block main %}private{% endblock %}")
    (golden_project / "shared.css").write_text("/* shared */")
    static = golden_project / "templates/static"
    (static / "secret.css").symlink_to(outside / "secret.css")
    (static / "shared.css").symlink_to(golden_project / "shared.css")  # inside the project: allowed
    said: list[str] = []
    build(load_settings(golden_project), progress=said.append)
    site = golden_project / "site"
    assert not (site / "static/secret.css").exists() and (site / "static/shared.css").read_text() == "/* shared */"
    assert f"templates/static/secret.css: warning: is a symlink to {outside / 'secret.css'}, outside the project: " \
           "not followed (copy the file in instead)" in said
    (golden_project / "templates/404.html").unlink()
    (golden_project / "templates/404.html").symlink_to(outside / "404.html")
    with pytest.raises(BuildError) as failed:
        build(load_settings(golden_project), progress=said.append)
    assert "templates/404.html: error: while rendering 404.html: 404.html is a symlink out of the project: " \
           "not followed" in str(failed.value)
    assert "private" not in (site / "404.html").read_text()


HOSTILE = ('<script>alert(1)</script> <iframe src="https://evil.example"></iframe> '
           '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">a</a> <a href="JaVaScRiPt:alert(2)">b</a> '
           '[c](javascript:alert(3)) <a href="data:text/html,x">d</a> <svg onload=alert(4)>')


class LiveParts(HTMLParser):
    """Collects what a browser would run or load from a page: scripts, frames, embeds, event handlers,
    and links or sources with a scheme other than http, https and mailto."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        own_script = tag == "script" and re.match(r"^(\.\./)*static/[\w.-]+\.js$", values.get("src") or "")
        if tag in ("script", "iframe", "frame", "object", "embed", "svg", "img", "form", "base") and not own_script:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            scheme = re.match(r"^\s*([a-zA-Z][\w+.-]*):", value or "")
            if name.startswith("on") or (name in ("href", "src", "action") and scheme
                                         and scheme.group(1).lower() not in ("http", "https", "mailto")):
                self.found.append(f"<{tag} {name}={value!r}>")


def live_html(site: Path) -> list[str]:
    """Every place in the built site where hostile input came alive."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = LiveParts()
        parser.feed(page.read_text())
        found += [f"{page.relative_to(site)}: {part}" for part in parser.found]
    return found


def test_hostile_text_in_curated_content_never_reaches_the_site_as_live_html(golden_project: Path):
    build(load_settings(golden_project), progress=quiet)
    own = live_html(golden_project / "site")  # the templates' own forms, diagrams and scripts
    path = golden_project / "content/drones-shipped.md"
    text = path.read_text().replace("name: Country A,", 'name: "Country A <script>alert(5)</script>",')
    text = text.replace('quote: "We follow the law."', 'quote: "<iframe src=x></iframe> We follow the law."')
    path.write_text(text + "\n" + HOSTILE + "\n")
    build(load_settings(golden_project), progress=quiet)
    assert live_html(golden_project / "site") == own
    actor = (golden_project / "site/actors/country-a/index.html").read_text()
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in actor  # shown as text, not dropped silently


def test_hostile_text_in_a_seed_never_reaches_the_site_as_live_html(project: Path, fake_extract: list[str]):
    seed = project / "seeds/evil.txt"
    seed.write_text("Evil Plans Headline\nReuters - March 5, 2024\nIran sent missiles, officials said.\n")
    build(load_settings(project), progress=quiet)
    own = live_html(project / "site")  # the templates' own forms, diagrams and scripts
    seed.write_text(f"Evil <script>alert(0)</script> Headline\nReuters - March 5, 2024\n"
                    f"Iran sent missiles, officials said. {HOSTILE}\n")
    build(load_settings(project), progress=quiet)
    assert fake_extract == ["seeds/evil.txt", "seeds/evil.txt"]
    assert live_html(project / "site") == own
    assert "alert(0)" in (project / "site/index.html").read_text()


def test_a_javascript_source_url_never_becomes_a_link(golden_project: Path):
    path = golden_project / "content/drones-shipped.md"
    path.write_text(path.read_text().replace("url: https://example.org/2025/03/14/drones.html",
                                             "url: javascript:alert(document.cookie)"))
    with pytest.raises(BuildError) as caught:
        build(load_settings(golden_project), progress=quiet)
    assert str(caught.value.problems[0]) == (
        "content/drones-shipped.md:7: error: `url` must be an http(s) address, not 'javascript:alert(document.cookie)'")
    assert not (golden_project / "site").exists()


def test_an_id_that_is_a_path_never_writes_outside_site(golden_project: Path):
    shutil.copy(FIXTURES / "invalid/path-ids.md", golden_project / "content/path-ids.md")
    path = golden_project / "content/talks-resume.md"
    path.write_text(path.read_text().replace('rebuts: "drones-shipped#c1"', 'rebuts: "../../x#c1"'))
    before = tree(golden_project.parent)
    with pytest.raises(BuildError) as caught:
        build(load_settings(golden_project), progress=quiet)
    assert {p.path for p in caught.value.problems} == {"content/path-ids.md", "content/talks-resume.md"}
    after = tree(golden_project.parent)
    assert [p for p in after if p not in before and not p.endswith(".site.lock")
            and "/.site.cache" not in p] == []  # the build cache beside site/ is the project's own


PATHOLOGICAL = {
    "brackets": "[" * 16_384,
    "images-and-links": "![" * 4000 + "[a](" * 4000,
    "deep-quote": "> " * 400 + "Deep quote.",
    "deep-list": "\n".join("    " * depth + "- item" for depth in range(250)),  # RecursionError in Markdown
}


def test_pathological_text_builds_and_reads_sanely(golden_project: Path):
    """16 KB of '[' (quadratic in Python-Markdown), a 400-deep quote, a 250-deep list, control characters in
    a title: the build finishes (a subprocess with a generous timeout) and each page shows its text."""
    for name, text in PATHOLOGICAL.items():
        (golden_project / f"content/{name}.md").write_text(
            f'---\ntitle: "Odd\\a {name}\\x1b"\n---\nFirst paragraph.\n\n{text}\n\nLast paragraph.\n')
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(golden_project)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for name, text in PATHOLOGICAL.items():
        page = (golden_project / f"site/articles/{name}/index.html").read_text()
        assert f"<title>Odd {name} ·" in page
        assert "First paragraph." in page and "Last paragraph." in page, name
        assert page.count("<blockquote>") == page.count("</blockquote>")
    assert "[[[[[[[[" in (golden_project / "site/articles/brackets/index.html").read_text()
    assert "Deep quote." in (golden_project / "site/articles/deep-quote/index.html").read_text()
    assert "\x07" not in (golden_project / "site/feed.xml").read_text()


def test_a_base_url_that_is_not_http_is_refused(project: Path):
    (project / "pyproject.toml").write_text('[tool.briefing]\nbase_url = "javascript:alert(1)//"\n')
    with pytest.raises(ConfigError, match=r"base_url must be an http\(s\) address or empty"):
        load_settings(project)
