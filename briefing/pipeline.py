"""build(): the whole program, one stage a line.

The stages' modules are imported inside the functions: a rebuild with nothing changed stops
after `LastBuild.unchanged()` (stat calls) and never loads Jinja2, Markdown, YAML or spaCy.
"""
from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from . import warm
from .config import Settings
from .incremental import LastBuild, bodies_cached, check_links_cached, read_articles_cached, resolve_cached
from .rerender import plan_cached, render_cached
from .lock import one_build_at_a_time
from .model import Outcome
from .problems import BuildError, Problem, os_errors_as_problems
from .warm import settle, write_held
from .workers import BUILD_COLLECTS_EVERY

if TYPE_CHECKING:
    from .model import Briefing


@dataclass(frozen=True)
class Report:
    """What a build did."""

    extracted: Outcome
    articles: int
    pages: int
    files: int
    up_to_date: bool = False  # nothing changed since the last build, so nothing was done


@os_errors_as_problems
@one_build_at_a_time
def build(settings: Settings, progress: Callable[[str], None] = print, one_off: bool = False) -> Report:
    """Extract new seeds, read and check content/, link, plan, render, and write site/. `one_off`: the
    process ends after this build (the command line), so what it made is left to the exit."""
    settle()  # no cache file a server holds is being written while this build reads it
    last = LastBuild.load(settings)
    if last.unchanged():
        return Report(Outcome(), last.record["articles"], last.record["pages"], last.record["files"],
                      up_to_date=True)
    try:
        with few_collections(freeze=one_off):
            return _build(settings, last, progress)
    finally:
        write_held()  # the caches a server holds are written once it is idle (after this build's forks)


def _build(settings: Settings, last: LastBuild, progress: Callable[[str], None]) -> Report:
    from .linkcheck import static_files
    from .refresh import refresh
    from .site import search_available, staged

    extracted = refresh(settings, progress=progress)
    last.snapshot_inputs()
    briefing, problems = read_and_link(settings, last)
    forget_reading()
    stop_on([*extracted.problems, *problems, *template_links(settings)], progress)
    search = search_available(settings)
    with bodies_cached(last) as planned:
        plan = plan_cached(briefing, settings, last, search)
        planned.partial = plan.partial
    forget_bodies(briefing, plan.printer.bodies)
    static, site = settings.path("templates") / "static", settings.path("site")
    builds = (last.record.get("build"), last.build)  # (a server patches site/ without walking it: site.LOOKED)
    with staged(site, static, search, builds) as stage:  # each page is written there as it is rendered
        digests = render_cached(plan, settings.path("templates"), briefing, last, stage, settings.processes)
        stop_on(check_links_cached(digests, static_files(static), last))
        stage.paths.update(digests)
    last.save({"articles": len(briefing.articles), "pages": len(digests)}, stage)
    return Report(extracted, len(briefing.articles), len(digests), last.record["files"])


# In a server, a collection of the young objects waits for an idle moment: a save's build makes a few
# hundred thousand objects, most of them kept till the next save, and collecting them as they came
# took a tenth of it (2-3 collections of 100,000 objects, 0.06-0.1 s at 1,000 articles). A build
# that makes more than this many still collects as it goes, so what cycles it drops stays bounded.
SERVER_COLLECTS_EVERY = 1_000_000
WHOLE_COLLECTION_EVERY = 10  # idle collections of the young objects; then one of everything (0.35 s at 1,000)


@contextlib.contextmanager
def few_collections(freeze: bool = False) -> Iterator[None]:
    """Within the block Python's cyclic garbage collector runs every BUILD_COLLECTS_EVERY (100,000)
    new objects, not 700.
    A build makes millions of objects and keeps most to its end (parsed articles, views, contexts,
    links), which every collection walked again: a sixth of a cold build's time. Cycles still go.
    With `freeze`, what exists at the end of the block is never walked again: a process that exits
    after it skips a last collection of everything the build made (a second at 1,000 articles).
    In a server (warm.holding) it runs every SERVER_COLLECTS_EVERY new objects, from then on, and
    the young objects are collected once the server is idle after the build."""
    old = gc.get_threshold()
    gc.set_threshold(SERVER_COLLECTS_EVERY if warm.holding else BUILD_COLLECTS_EVERY, 50, 100)
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if warm.holding:
            warm.when_idle(_collect)
        else:
            gc.set_threshold(*old)


def _collect() -> None:
    """Once a server is idle after a build: the objects made since the last collection, and every
    WHOLE_COLLECTION_EVERY times all of them (the cycles of what a build replaced, such as the last views)."""
    gc.collect(2 if gc.get_count()[2] >= WHOLE_COLLECTION_EVERY else 1)


def read_and_link(settings: Settings, last: LastBuild | None = None) -> tuple[Briefing, list[Problem]]:
    """Read content/ (through the parse cache when `last` is given) and the curated registry, and link them."""
    from .content import read_articles
    from .link import link
    from .registry import read_registry
    from .resolve import resolve

    if last is None:
        articles, problems = read_articles(settings.path("content"), settings.root)
    else:
        articles, problems = read_articles_cached(settings.path("content"), settings.root, last)
    registry, registry_problems = read_registry(settings.path("content"), settings.root)
    # which actors of different articles are one person
    resolution = resolve(articles, registry) if last is None else resolve_cached(articles, registry, last)
    briefing, link_problems = link(settings.title, articles, registry, resolution)
    return briefing, [*problems, *registry_problems, *link_problems]


def forget_reading() -> None:
    """Drop what only reading and linking remember (YAML scalars' tags, retold's words of each text:
    tens of MB at 10,000 articles, held to the end of the build and copied into every renderer), unless
    a server holds its caches: its next build reads and links again, mostly the same texts."""
    if warm.holding:
        return
    retold, yamlhead = (sys.modules.get(f"{__package__}.{name}") for name in ("retold", "yamlhead"))  # if loaded
    if retold is not None:
        retold._shape.cache_clear()
    if yamlhead is not None:
        yamlhead._TAGS.clear()


def forget_bodies(briefing: Briefing, printed: bool) -> None:
    """Drop the articles' Markdown once planned: every article page holds its body's HTML, the data files
    leave bodies out, and when no template reads `.body` (`printed` false: bodies count in no print)
    nothing else reads them; unless a server keeps these articles for its next build (70 MB at 10,000
    articles, held to the end of the build). No code hashes an article, so none is found otherwise."""
    if warm.holding or printed:
        return
    for article in briefing.articles:
        object.__setattr__(article, "body", "")


def read_ahead(settings: Settings) -> None:
    """Read the last build's caches into memory, in the background (a server holding its caches does it
    once it has started, so that the first save rebuilds as quickly as the ones after it)."""
    from .incremental import read_caches
    from .rerender import cache_keys
    from .warm import in_background

    def read() -> None:
        last = LastBuild.load(settings)
        last.snapshot_inputs()
        read_caches(last, cache_keys(last))

    in_background(read)


def template_links(settings: Settings) -> list[Problem]:
    """A warning for each symlink in templates/ (static/ included) that leads out of the project: not followed."""
    from .problems import outside_links

    templates = settings.path("templates")
    return outside_links(templates, templates.parent, settings.root)


def check(settings: Settings) -> list[Problem]:
    """Every problem in content/, the registry, references, templates and links; writes nothing."""
    from .ingest import seed_problems
    from .linkcheck import check_links, static_files
    from .pages import plan
    from .refresh import seed_files
    from .render import render_all
    from .site import search_available

    briefing, problems = read_and_link(settings)
    problems += template_links(settings)
    problems += seed_problems(seed_files(settings.path("seeds")), settings.root, settings.max_seed_bytes)
    try:
        html = render_all(plan(briefing, settings.base_url, search_available(settings)), settings.path("templates"))
    except BuildError as error:
        return [*problems, *error.problems]
    return [*problems, *check_links(html, static_files(settings.path("templates") / "static"))]


def stop_on(problems: list[Problem], progress: Callable[[str], None] = print) -> None:
    """Raise BuildError when any of the problems is an error; else show each warning and go on."""
    if any(p.severity == "error" for p in problems):
        raise BuildError(problems)
    warn = getattr(progress, "warn", progress)  # a warning shows even with --quiet
    for warning in problems:  # e.g. an unreadable seed: the other articles still build
        warn(str(warning))
