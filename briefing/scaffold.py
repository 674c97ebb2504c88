"""`briefing new DIR`: a fresh briefing project, ready to build and to publish on GitHub Pages.

The project gets seeds/ (a README and an example seed), content/ (an example actors.yaml),
templates/ (a copy of Briefing's own, to restyle), pyproject.toml with every [tool.briefing]
setting, requirements.txt and .github/workflows/pages.yml (so a push publishes it), .gitignore.
"""
from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
STARTER = PACKAGE / "starter"
PLACEHOLDER = ("# Say where to install Briefing from, e.g. its Git repository:\n"
               "# briefing @ git+https://github.com/OWNER/briefing")


class ScaffoldError(Exception):
    """`briefing new` cannot create the project there; the message says why and what to do."""


def create_project(target: Path, title: str | None = None) -> list[str]:
    """Write a new project into `target` (absent or empty); returns what was created, for the user."""
    _refuse_if_not_empty(target)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(bundled("templates"), target / "templates")
    shutil.copytree(STARTER / "seeds", target / "seeds")
    shutil.copytree(STARTER / "content", target / "content")
    name = title or target.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Briefing"
    _fill(STARTER / "pyproject.toml", target / "pyproject.toml", title=json.dumps(name, ensure_ascii=False))
    _fill(STARTER / "requirements.txt", target / "requirements.txt", install=install_spec() or PLACEHOLDER)
    shutil.copyfile(STARTER / "gitignore", target / ".gitignore")
    workflow = target / ".github" / "workflows" / "pages.yml"
    workflow.parent.mkdir(parents=True)
    shutil.copyfile(bundled("workflows") / "pages.yml", workflow)
    return ["seeds/", "content/", "templates/", "pyproject.toml", "requirements.txt",
            ".github/workflows/pages.yml", ".gitignore"]


def bundled(name: str) -> Path:
    """Briefing's own templates/ or workflows/: inside the installed package (the wheel maps them
    there), else at the top of the source checkout (running from a clone or an editable install)."""
    installed = PACKAGE / name
    if installed.is_dir():
        return installed
    return PACKAGE.parent / {"templates": "templates", "workflows": ".github/workflows"}[name]


def install_spec() -> str | None:
    """How CI can install this same Briefing: the Git URL or archive it was installed from, if any."""
    try:
        found = json.loads(metadata.distribution("briefing").read_text("direct_url.json") or "null")
    except metadata.PackageNotFoundError:
        return None
    if not isinstance(found, dict) or not str(found.get("url", "")).startswith("https://"):
        return None  # installed from a local folder or wheel: CI cannot reach that
    vcs = found.get("vcs_info")
    if vcs:
        return f"briefing @ git+{found['url']}@{vcs.get('commit_id') or vcs.get('requested_revision', '')}".rstrip("@")
    return f"briefing @ {found['url']}"


def _refuse_if_not_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target}: is a file; give `briefing new` the name of a new folder")
    if target.is_dir():
        inside = sorted(p.name for p in target.iterdir())
        if inside:
            shown = ", ".join(inside[:4]) + (", ..." if len(inside) > 4 else "")
            raise ScaffoldError(f"{target}: is not empty ({shown}); `briefing new` only writes into a new or "
                                "empty folder, so nothing of yours is overwritten: choose another name")


def _fill(template: Path, target: Path, **values: str) -> None:
    text = template.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    target.write_text(text, encoding="utf-8")
