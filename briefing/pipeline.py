"""build(): the whole program, one stage a line."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .config import Settings
from .content import read_articles
from .link import link
from .linkcheck import check_links, static_files
from .model import Briefing
from .pages import plan
from .ingest import seed_problems
from .lock import one_build_at_a_time
from .problems import BuildError, Problem, os_errors_as_problems
from .refresh import Outcome, refresh, seed_files
from .registry import read_registry
from .render import render_all
from .site import search_available, write_site


@dataclass(frozen=True)
class Report:
    """What a build did."""

    extracted: Outcome
    articles: int
    pages: int
    files: int


@os_errors_as_problems
@one_build_at_a_time
def build(settings: Settings, progress: Callable[[str], None] = print) -> Report:
    """Extract new seeds, read and check content/, link, plan, render, and write site/."""
    extracted = refresh(settings, progress=progress)
    briefing, problems = read_and_link(settings)
    _stop_on([*extracted.problems, *problems], progress)
    search = search_available(settings)
    pages = plan(briefing, settings.base_url, search)
    html = render_all(pages, settings.path("templates"))
    static = settings.path("templates") / "static"
    _stop_on(check_links(html, static_files(static)))
    files = write_site(html, static, settings.path("site"), search)
    return Report(extracted, len(briefing.articles), len(pages), files)


def read_and_link(settings: Settings) -> tuple[Briefing, list[Problem]]:
    """Read content/ and the curated registry, and link them; every problem is returned."""
    articles, problems = read_articles(settings.path("content"), settings.root)
    registry, registry_problems = read_registry(settings.path("content"), settings.root)
    briefing, link_problems = link(settings.title, articles, registry)
    return briefing, [*problems, *registry_problems, *link_problems]


def check(settings: Settings) -> list[Problem]:
    """Every problem in content/, the registry, references, templates and links; writes nothing."""
    briefing, problems = read_and_link(settings)
    problems += seed_problems(seed_files(settings.path("seeds")), settings.root, settings.max_seed_bytes)
    try:
        html = render_all(plan(briefing, settings.base_url, search_available(settings)), settings.path("templates"))
    except BuildError as error:
        return [*problems, *error.problems]
    return [*problems, *check_links(html, static_files(settings.path("templates") / "static"))]


def _stop_on(problems: list[Problem], progress: Callable[[str], None] = print) -> None:
    if any(p.severity == "error" for p in problems):
        raise BuildError(problems)
    for warning in problems:  # e.g. an unreadable seed: the other articles still build
        progress(str(warning))
