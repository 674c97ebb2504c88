"""`briefing new`, the wheel that carries templates and workflow, and the GitHub Pages workflow itself."""
import ast
import re
import filecmp
import shlex
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml

from briefing import scaffold
from briefing.cli import main
from briefing.config import load_settings

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
PAGES_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/configure-pages",
                 "actions/upload-pages-artifact", "actions/deploy-pages"}


def setting_names() -> list[str]:
    """Every [tool.briefing] key, read from the Settings dataclass in config.py."""
    tree = ast.parse((ROOT / "briefing" / "config.py").read_text())
    settings = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Settings")
    return [n.target.id for n in settings.body if isinstance(n, ast.AnnAssign) and n.target.id != "root"]


def test_new_creates_a_project_to_restyle_and_publish(tmp_path: Path, capsys: pytest.CaptureFixture):
    target = tmp_path / "my-briefing"
    assert main(["new", str(target)]) == 0
    assert "cd " in capsys.readouterr().err
    for path in ("seeds/README", "seeds/example.md", "content/actors.yaml", "pyproject.toml", "requirements.txt",
                 ".gitignore", ".github/workflows/pages.yml", "templates/base.html", "templates/static/site.css"):
        assert (target / path).is_file(), path
    comparison = filecmp.dircmp(ROOT / "templates", target / "templates")
    assert not comparison.left_only and not comparison.diff_files  # the package's own templates, to restyle
    assert (target / ".github/workflows/pages.yml").read_bytes() == WORKFLOW.read_bytes()
    settings = load_settings(target)
    assert settings.title == "My briefing" and settings.site == "site"
    text = (target / "pyproject.toml").read_text()
    assert all(f"\n{name} = " in text for name in setting_names())  # every setting, to discover and change


def test_new_takes_a_title_and_an_existing_empty_folder(tmp_path: Path):
    assert main(["new", str(tmp_path), "--title", 'Drones "and" missiles']) == 0
    assert load_settings(tmp_path).title == 'Drones "and" missiles'


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["new", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"briefing new: error: {tmp_path}: is not empty (notes.txt)" in err and "choose another name" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_new_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture):
    (tmp_path / "x").write_text("")
    assert main(["new", str(tmp_path / "x")]) == 2
    assert "is a file" in capsys.readouterr().err


def test_the_workflow_installs_briefing_from_where_it_came(monkeypatch: pytest.MonkeyPatch):
    class Installed:
        def __init__(self, text):
            self.text = text

        def read_text(self, name):
            return self.text

    cases = {
        '{"url": "https://github.com/org/briefing", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}':
            "briefing @ git+https://github.com/org/briefing@abc123",
        '{"url": "https://example.org/briefing-0.1.0.tar.gz", "archive_info": {}}':
            "briefing @ https://example.org/briefing-0.1.0.tar.gz",
        '{"url": "file:///home/me/briefing", "dir_info": {"editable": true}}': None,
    }
    for direct_url, expected in cases.items():
        monkeypatch.setattr(scaffold.metadata, "distribution", lambda name, t=direct_url: Installed(t))
        assert scaffold.install_spec() == expected


@pytest.mark.nlp
def test_a_new_project_builds_a_working_site(tmp_path: Path):
    target = tmp_path / "my-briefing"
    assert main(["new", str(target)]) == 0
    assert main(["--root", str(target), "--no-search", "-q"]) == 0
    articles = sorted(p.name for p in (target / "site/articles").iterdir() if p.is_dir())
    assert articles == ["example-northland-says-it-sent-no-drones-to-eastmark"]
    assert "Northland" in (target / "site/actors/northland/index.html").read_text()
    assert "Northland" in (target / "site/who-said-what/index.html").read_text()  # the speakers
    assert "Eastmark" in (target / "site/who-said-what/northland/index.html").read_text()  # what it said


# --- the GitHub Pages workflow -------------------------------------------------------------------

def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def test_the_workflow_uses_the_official_pages_actions_pinned_to_major_versions():
    uses = [step["uses"] for job in workflow()["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {use.split("@")[0] for use in uses} == PAGES_ACTIONS
    assert all(use.split("@")[1][1:].isdigit() and use.split("@")[1][0] == "v" for use in uses), uses


def test_the_workflow_may_deploy_pages_one_run_at_a_time():
    data = workflow()
    assert data["permissions"]["pages"] == "write" and data["permissions"]["id-token"] == "write"
    assert data["concurrency"]["group"]
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    upload = next(s for s in steps("build") if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == load_settings(ROOT).site


def test_the_workflow_builds_with_the_base_url_configure_pages_gives(golden_project: Path):
    build_steps = steps("build")
    pages = next(s for s in build_steps if s.get("uses", "").startswith("actions/configure-pages@"))
    command = next(s["run"] for s in build_steps if s.get("name") == "Build the site")
    assert "${{ steps.%s.outputs.base_url }}" % pages["id"] in command
    argv = shlex.split(command.replace("${{ steps.%s.outputs.base_url }}" % pages["id"], "https://me.github.io/brief"))
    assert argv[0] == "briefing"
    assert main([*argv[1:], "--root", str(golden_project), "-q"]) == 0
    assert "https://me.github.io/brief/articles/" in (golden_project / "site/feed.xml").read_text()


# --- the wheel ------------------------------------------------------------------------------------

@pytest.mark.nlp
@pytest.mark.packaging
def test_the_wheel_carries_templates_and_its_briefing_new_project_builds(tmp_path: Path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path / "dist")],
                   check=True, capture_output=True, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("briefing-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("briefing/templates/base.html", "briefing/templates/static/site.css", "briefing/workflows/pages.yml",
                 "briefing/starter/seeds/example.md", "briefing/extract/gazetteer.yaml"):
        assert name in names, name
    python = _throwaway_venv(tmp_path / "venv")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    briefing = python.parent / "briefing"
    run = dict(capture_output=True, text=True, cwd=tmp_path)
    located = subprocess.run([str(python), "-c", "import briefing; print(briefing.__file__)"], **run).stdout
    assert str(tmp_path / "venv") in located  # the installed package, not this checkout
    assert subprocess.run([str(briefing), "new", "my-briefing"], **run).returncode == 0
    built = subprocess.run([str(briefing), "--no-search"], **{**run, "cwd": tmp_path / "my-briefing"})
    assert built.returncode == 0, built.stderr
    assert re.search(r"^built \d+ pages from 1 article in [\d.]+ s$", built.stderr, re.M), built.stderr
    assert (tmp_path / "my-briefing/site/index.html").is_file()


def _throwaway_venv(folder: Path) -> Path:
    """A venv without pip that sees this environment's packages (jinja2, spaCy ...) but not this checkout."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "parent-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


# --- the README keeps up --------------------------------------------------------------------------

def test_the_readme_lists_every_setting_and_exit_code_and_shows_the_site():
    from briefing import cli

    readme = (ROOT / "README.md").read_text()
    missing = [name for name in setting_names() if f"| `{name}` |" not in readme]
    assert not missing, f"README's settings table lacks {missing}"
    for code in (cli.EXIT_OK, cli.EXIT_PROBLEMS, cli.EXIT_USAGE, cli.EXIT_INTERRUPTED):
        assert f"\n| {code} | " in readme
    assert "](.github/screenshot.png)" in readme and (ROOT / ".github/screenshot.png").stat().st_size > 10_000
