"""Reading content files: the good shape in, every bad one out with its exact message."""
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.content import parse_article, read_articles
from briefing.registry import read_registry

from .conftest import FIXTURES, ROOT

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


def test_values_yaml_would_turn_into_booleans_or_dates_are_read_as_written(tmp_path: Path):
    (tmp_path / "norway.md").write_text("---\ntitle: 2024-09-07\nactors:\n  - id: no\n    name: NO\n    type: state\n"
                                        "    aliases: [no, Yes, 2024-09-07, 1.10, 12:30]\n---\nBody.\n")
    article, problems = parse_article(tmp_path / "norway.md", "norway.md")
    assert problems == []
    assert article.title == "2024-09-07"
    [norway] = article.actors
    assert (norway.id, norway.name, norway.aliases) == ("no", "NO", ("no", "Yes", "2024-09-07", "1.10", "12:30"))


def test_a_quoted_publication_date_is_a_date(tmp_path: Path):
    (tmp_path / "a.md").write_text('---\ntitle: x\npublished: "2024-09-07"\n---\nBody.\n')
    (tmp_path / "b.md").write_text('---\ntitle: x\npublished: "2024-02-30"\n---\nBody.\n')
    articles, problems = read_articles(tmp_path, tmp_path)
    assert [a.published for a in articles] == ["2024-09-07"]
    assert [str(p) for p in problems] == ["b.md:3: error: `published` '2024-02-30' is not a real date "
                                          "(day is out of range for month)"]


def test_a_python_tag_is_refused_and_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "actors.yaml").write_text('- !!python/object/apply:os.system ["echo pwned > pwned.txt"]\n')
    article, problems = parse_article(FIXTURES / "invalid/python-tag.md", "python-tag.md")
    registry, registry_problems = read_registry(tmp_path, tmp_path)
    assert article is None and registry.actors == {}
    assert [str(p) for p in registry_problems] == [
        "actors.yaml:1: error: the YAML tag !!python/object/apply:os.system is not allowed (it was not run): "
        "front-matter holds text, numbers, dates, lists and mappings"]
    assert not (tmp_path / "pwned.txt").exists()


BOMB = "\n".join(["- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                 + [f"- &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")])
MEMORY_LIMIT = 1_000_000_000


def test_a_billion_laughs_registry_neither_hangs_nor_eats_memory(tmp_path: Path):
    """Run in a child with a 1 GB address-space cap and a timeout: expanding the bomb needs far more."""
    (tmp_path / "actors.yaml").write_text(BOMB + "\n")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d, %d)); sys.path.insert(0, sys.argv[1]);"
            "from pathlib import Path; from briefing.registry import read_registry;"
            "print(*read_registry(Path(sys.argv[2]), Path(sys.argv[2]))[1])" % (MEMORY_LIMIT, MEMORY_LIMIT))
    result = subprocess.run([sys.executable, "-c", code, str(ROOT), str(tmp_path)], capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.strip() == ("actors.yaml:1: error: this YAML anchor (&name) is reused by an alias (*name); "
                                     "front-matter allows none: write the value out"), result.stderr


def test_nesting_too_deep_for_python_is_an_error_not_a_crash(tmp_path: Path):
    (tmp_path / "deep.md").write_text("---\ntitle: " + "[" * 100_000 + "\n---\nBody.\n")
    article, problems = parse_article(tmp_path / "deep.md", "deep.md")
    assert article is None and [str(p) for p in problems] == ["deep.md:1: error: YAML nests deeper than 40 levels"]


def test_control_characters_in_a_title_are_dropped(tmp_path: Path):
    (tmp_path / "ctl.md").write_text('---\ntitle: "Missiles\\a Reach\\x1b Moscow\\ud800"\n---\nBody\x07 text.\n')
    article, problems = parse_article(tmp_path / "ctl.md", "ctl.md")
    assert problems == [] and (article.title, article.body) == ("Missiles Reach Moscow", "Body text.\n")


def test_a_symlink_out_of_the_project_is_not_followed(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: Secret\n---\nPrivate notes.\n")
    (outside / "actors.yaml").write_text("- {id: secret, name: Secret, type: person}\n")
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "drafts").mkdir()
    (project / "drafts/inside.md").write_text("---\ntitle: Inside\n---\nBody.\n")
    (project / "content/inside.md").symlink_to(project / "drafts/inside.md")
    (project / "content/secret.md").symlink_to(outside / "secret.md")
    (project / "content/actors.yaml").symlink_to(outside / "actors.yaml")
    articles, problems = read_articles(project / "content", project)
    registry, registry_problems = read_registry(project / "content", project)
    assert [a.title for a in articles] == ["Inside"] and registry.actors == {}
    assert [str(p) for p in problems + registry_problems] == [
        f"content/secret.md: warning: is a symlink to {outside / 'secret.md'}, outside the project: "
        "not followed (copy the file in instead)",
        f"content/actors.yaml: warning: is a symlink to {outside / 'actors.yaml'}, outside the project: "
        "not followed (copy the file in instead)"]


def test_a_file_name_that_would_make_a_bad_url_is_named(tmp_path: Path):
    for name in ("..md", "My Draft.md"):
        (tmp_path / name).write_text("---\ntitle: x\n---\nBody.\n")
    articles, problems = read_articles(tmp_path, tmp_path)
    assert articles == []
    assert [str(p) for p in problems] == [
        "..md: error: the file name becomes the page's URL: rename it to untitled.md "
        "(lowercase letters, digits and single hyphens)",
        "My Draft.md: error: the file name becomes the page's URL: rename it to my-draft.md "
        "(lowercase letters, digits and single hyphens)"]


def test_a_rebuttal_of_a_claim_in_another_article_suggests_the_nearest(golden_project: Path):
    from briefing.config import load_settings
    from briefing.pipeline import read_and_link

    path = golden_project / "content/talks-resume.md"
    path.write_text(path.read_text().replace('rebuts: "drones-shipped#c1"', 'rebuts: "drone-shipped#c1"'))
    _, problems = read_and_link(load_settings(golden_project))
    assert [p.message for p in problems] == ["rebuts 'drone-shipped#c1': no such claim: did you mean 'drones-shipped#c1'?"]


CONTENT_FILES = sorted([*(FIXTURES / "golden/content").glob("*.md"), *(ROOT / "content").glob("*.md"), *GALLERY])


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.name for p in CONTENT_FILES])
def test_libyaml_reads_every_file_exactly_as_pure_python_pyyaml(path: Path, monkeypatch: pytest.MonkeyPatch):
    """Front-matter is parsed by libyaml for speed; the data, the line of every key, the text of
    every plain scalar and every problem must be what PyYAML's own parser gives."""
    from briefing import yamlhead

    if yamlhead.FastLoader is None:
        pytest.skip("PyYAML was built without libyaml: only the pure-Python parser runs")
    fast = parse_article(path, path.name)
    monkeypatch.setattr(yamlhead, "FastLoader", None)
    assert parse_article(path, path.name) == fast


def test_yaml_the_fast_parser_reads_differently_falls_back_to_the_exact_message(tmp_path: Path):
    (tmp_path / "tab.md").write_text("---\ntitle: x\n\tactors: []\n---\nBody.\n")
    article, problems = parse_article(tmp_path / "tab.md", "tab.md")
    assert article is None
    assert [str(p) for p in problems] == [("tab.md:3: error: column 1: YAML: found character '\\t' that cannot start "
                                           "any token, while scanning for the next token")]


UNMARKED = """---
title: Talks
claims:
- id: c1
  speaker: a
  text: the talks failed
  sentence: 1
- id: c2
  speaker: a
  text: the talks went on
  sentence: 2
- id: c3
  speaker: a
  text: the talks will resume
  sentence: 9
actors:
- id: a
  name: Jane Roe
  type: person
---
## Talks in Vienna

Jane Roe said the talks went on. She spoke late.
"""


def test_a_fact_on_a_sentence_its_page_cannot_mark_links_to_the_article_with_a_warning(tmp_path: Path):
    (tmp_path / "talks.md").write_text(UNMARKED)
    article, problems = parse_article(tmp_path / "talks.md", "content/talks.md")
    assert [str(p) for p in problems] == [
        "content/talks.md:4: warning: claim c1: sentence 1 cannot be marked on the article page (it is in a heading, "
        "a list, a quotation or a table): its links go to the article instead",
        "content/talks.md:12: warning: claim c3: sentence 9 cannot be marked on the article page (the body has 3): "
        "its links go to the article instead"]
    assert [c.origin.sentence for c in article.claims] == [None, 2, None]


def test_a_hand_set_sentence_the_page_cannot_mark_still_builds(golden_project: Path):
    (golden_project / "content/talks.md").write_text(UNMARKED.replace("title: Talks", "title: Talks\npublished: 2025-01-02"))
    out = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(golden_project), "--no-search", "build"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "content/talks.md:5: warning: claim c1: sentence 1 cannot be marked" in out.stderr
    page = (golden_project / "site/articles/talks/index.html").read_text()
    assert 'id="c2"' in page and 'id="c1"' not in page and 'href="#c1"' not in page


# Front-matter heads the quick constructor (yamlhead._quick) must read as PyYAML's own does, or leave to it.
TRICKY_HEADS = [
    "title: Plain\npublished: 2024-09-07\nsummary: NO\nactors:\n  - {id: a, name: 'A', type: state}\n",
    "title: x\nweights: [1, 1.5, .inf, 0x1F, 0o17, ~, null, true, off, 2024-01-02T03:04:05Z]\n",
    "base: &b {id: a, name: A}\nactors:\n  - <<: *b\n    type: state\n",  # a merge key of an alias
    "actors:\n  - <<: {id: a, name: A}\n    type: state\n",  # a merge key
    "title: &t Shared\nsummary: *t\n",  # an alias of a scalar: allowed
    "actors: &l [a]\nweapons: *l\n",  # an alias of a list: refused
    "title: !!str 2024\nsummary: !!int '7'\n",
    "set: !!set {a, b}\npairs: !!pairs [a: 1]\nomap: !!omap [b: 2, a: 1]\n",
    "? [a, b]\n: complex key\n",
    "= : value key\ntitle: x\n",
    "title: !!binary aGk=\n",
    "title: !!python/object:os.system x\n",
    "title: x\ntitle: duplicate\n",
    "deep: " + "[" * 45 + "]" * 45 + "\n",
    "published: 2024-02-30\n",
    "title: !!map x\n",
    "list: !!seq {a: 1}\n",
]


@pytest.mark.parametrize("head", TRICKY_HEADS, ids=range(len(TRICKY_HEADS)))
def test_the_quick_constructor_reads_front_matter_as_pyyaml(head: str, monkeypatch: pytest.MonkeyPatch):
    """Data, lines and raw text (or the problem) are the same with the quick constructor as with PyYAML's."""
    from briefing import yamlhead

    if yamlhead.FastLoader is None:
        pytest.skip("PyYAML was built without libyaml: only the pure-Python parser runs")

    def read():
        try:
            return yamlhead.parse_front_matter(f"---\n{head}---\nBody.\n", "x.md")
        except ValueError as error:
            return str(error.args[0])

    quick = read()
    monkeypatch.setattr(yamlhead, "_quick", lambda *args: (_ for _ in ()).throw(yamlhead._Careful()))
    assert read() == quick
    monkeypatch.setattr(yamlhead, "FastLoader", None)
    assert read() == quick


def test_files_parsed_over_several_processes_read_as_in_one(monkeypatch: pytest.MonkeyPatch):
    """A cold build parses many files over forked processes: the same articles and the same problems,
    in the files' order, as parsing them one after another here."""
    import briefing.content
    import briefing.workers

    forked, real = [], briefing.workers.short_lived
    monkeypatch.setattr(briefing.workers, "short_lived", lambda *a, **k: forked.append(1) or real(*a, **k))
    files = [(p, f"content/{p.name}") for p in [*sorted((FIXTURES / "golden/content").glob("*.md")), *GALLERY]]
    alone = briefing.content.parse_articles(files, processes=1)
    monkeypatch.setattr(briefing.content, "PARSES_PER_PROCESS", 2)  # enough files for two processes
    assert briefing.content.parse_articles(files, processes=2) == alone and forked
    assert [a.slug for a, _ in alone[:2]] == ["drones-shipped", "talks-resume"]
    assert all(article is None and problems for article, problems in alone[2:])
