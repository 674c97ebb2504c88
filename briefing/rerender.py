"""Rendering only the pages whose inputs changed since the last build; the others are hard-linked
from the last site (see depends.py for what a page's inputs are)."""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path

from . import warm
from .incremental import LastBuild, link_cache, pickle_keyed, unpickle_keyed

# A template that reads an article's body other than through the article page's `body`
# (article.body, map(attribute='body'), attr('body'), x['body']) makes bodies count in every print.
READS_BODIES = re.compile(r"""\.body\b|\[\s*['"]body['"]\s*\]|attr(?:ibute\s*=\s*|\s*\(\s*)['"]body['"]""")


PAGES = "pages.pickle"
PIECES = "pieces.pickle"


@dataclass(frozen=True)
class Plan:
    """The pages a build renders or keeps, with what the last build recorded of them."""

    pages: list
    key: str | None  # of the code, settings and templates (None: nothing is kept)
    old: dict  # the last build's page inputs (see _load_pages)
    printer: object  # depends.Printer of this build
    whole: str | None  # the print of the whole briefing (bodies aside), when it has one
    partial: bool = False  # only some pages planned: every other page is as the last build left it
    same: bool = False  # the briefing prints as it did: every read reads the same
    skeleton: str | None = None  # the print of the briefing without what only shows articles (depends.DISPLAY)
    shown: dict = field(default_factory=dict)  # each article's print with what shows it, by slug


def plan_cached(briefing, settings, last: LastBuild, search: bool) -> Plan:
    """pages.plan(), or, when site/ is patched in place with the pages the last build left, less:
    when only article bodies changed (the briefing, bodies aside, prints as it did; only an
    article's page shows its body), the article pages alone; when only what shows some articles
    changed (their titles, sources, bodies: depends.DISPLAY), the pages that hold those articles."""
    from .depends import Printer, Unprintable
    from .pages import article_pages, plan
    from .site import patches

    templates, site = settings.path("templates"), settings.path("site")
    key, bodies = _shape(templates, last)
    old, printer = _load_pages(last, key), Printer(bodies)
    try:
        whole, skeleton = printer(briefing), printer.skeleton(briefing)
    except Unprintable:
        whole = skeleton = None
    shown = {a.slug: printer.shown(a) for a in briefing.articles} if whole else {}  # bodies count here
    patched = key is not None and whole is not None and old.get("complete") and patches(site, search)
    if patched and whole == old.get("whole"):  # only bodies changed: the pages of the articles whose body did
        pages = article_pages(briefing, search, _changed(shown, old))
        if _as_left(set(old["pages"]) - {p.path for p in pages}, last):
            return Plan(pages, key, old, printer, whole, True, True, skeleton, shown)
    pages = plan(briefing, settings.base_url, search)
    if patched and skeleton == old.get("skeleton") and {p.path for p in pages} == set(old["pages"]):
        changed = _changed(shown, old)
        holding = [p for p in pages if _holds(p, old["touched"], changed)]
        if _as_left(set(old["pages"]) - {p.path for p in holding}, last):
            return Plan(holding, key, old, printer, whole, True, False, skeleton, shown)
    return Plan(pages, key, old, printer, whole, skeleton=skeleton, shown=shown)


def _changed(shown: dict, old: dict) -> set[str]:
    """The articles that show otherwise than in the last build (their title, source or body), by slug."""
    return {slug for slug, print_ in shown.items() if old["shown"].get(slug) != print_}


def _holds(page, touched: dict, changed: set[str]) -> bool:
    """Whether a page may show one of the `changed` articles (a data file shows them all; a page
    whose articles the last build did not know may show any)."""
    slugs = touched.get(page.path)
    return (page.make is not None and not page.placing) or slugs is None or not slugs.isdisjoint(changed)


def _as_left(paths: set[str], last: LastBuild) -> bool:
    """Whether these files of site/ are as the last build recorded them."""
    site, outputs = os.path.join(last.settings.path("site"), ""), last.record.get("outputs", {})
    return all(_as_recorded(site + path, outputs.get(path)) for path in paths)


def _as_recorded(path: str, entry: list | None) -> bool:
    """Whether a file of the last site still has the size and mtime that build recorded, and a digest
    (`path` a string: joining thousands of Paths costs more than their stat calls)."""
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return entry is not None and [stat.st_size, stat.st_mtime_ns] == entry[:2] and isinstance(entry[2], str)


def render_cached(plan: Plan, templates: Path, briefing, last: LastBuild, stage,
                  processes: int = 0) -> dict[str, str]:
    """render.render_into a site.Stage, except the pages whose inputs did not change since the last
    build (see depends.py): those are kept from the last site (when its file is as that build
    wrote it). A page's inputs are its own context and what it read of the shared briefing
    and views; a data file's are the whole briefing (never its article bodies). Any change to the
    templates, settings or this code renders all. Returns the SHA-256 of every page written, by path."""
    from . import delta
    from .delta import since

    pages, key, old, printer = plan.pages, plan.key, plan.old, plan.printer
    later = _printed_later(pages, old, key)
    delta.current[:] = [since(old.get("build"), _views(pages)), last.build]  # (what a server saw change)
    try:
        prints = _prints([p for p in pages if p.path not in later], plan.whole, plan.skeleton, printer)
        kept = _kept(pages, prints, old, printer, last, stage, delta.current[0], briefing_same=plan.same)
    finally:
        delta.current[:] = [None, None]
    if plan.partial:  # the pages not planned stay as the last build left them (_as_left checked their files)
        delta.carry(old.get("build"), last.build)
        outputs = last.record["outputs"]
        left = [path for path in old["pages"] if path not in prints]
        kept.update((path, outputs[path][2]) for path in left)
        stage.kept.update(left)
    digests, new_pages, touched = {}, {}, {}
    old_touched = old.get("touched", {})
    for path, digest in kept.items():
        digests[path] = digest
        new_pages[path] = old["pages"][path]
        touched[path] = old_touched.get(path)
    # (their keys in C, in the order first read: 60,000 at 1,000 articles, most of them recurring)
    new_reads = {k: old["reads"][k] for k in dict.fromkeys(chain.from_iterable(entry[1] for entry in new_pages.values()))}
    links = link_cache(last)[0]
    rendering = [p for p in pages if p.path not in digests]
    with _pieces_cached(last, key if any(p.make for p in rendering) else None, printer) as pieces:
        for written in _render(rendering, templates, stage, links, processes, printer, later):
            digests[written.path] = written.digest
            if written.found is not None:
                links[written.digest] = _interned(written.found)
            print_ = prints.get(written.path, written.context)
            if key is not None and written.reads is not None and print_ is not None:
                new_pages[written.path] = (print_, tuple(written.reads))
                new_reads.update(written.reads)
                touched[written.path] = written.touched  # slugs interned, equal sets one object (render._shared)
            pieces.update(written.pieces or {})
    if key is not None:
        pickle_keyed(last.cache / PAGES, key, {"build": last.build, "pages": new_pages, "reads": new_reads,
                                               "whole": plan.whole, "complete": set(new_pages) == set(digests),
                                               "skeleton": plan.skeleton, "shown": plan.shown, "touched": touched})
    last.rendered = {}
    last.digests = digests
    _hand_on(last.build, _views(pages), new_pages, printer)
    return digests


def _hand_on(build: str, views, recorded: dict, printer) -> None:
    """What a server keeps of this build for its next one (nothing unless it holds its caches): the views
    to compare with, and, once idle, the prints of the contexts it marked and what the next build reuses
    while the statements are the same (their word index, their claims.csv lines)."""
    from .delta import remember
    from .depends import print_later
    from .exports import claims_csv

    remember(build, views)
    if printer is not None:
        warm.when_idle(partial(print_later, recorded, printer), before_writing=True)
    if views is not None:
        warm.when_idle(partial(getattr, views, "_words"))
        warm.when_idle(partial(claims_csv, views))


def _views(pages: list):
    """The views the planned pages share (None when no page has them)."""
    return next((p.given["views"] for p in pages if "views" in p.given), None)


def _render(pages: list, templates: Path, stage, links: dict, processes: int, printer, later=frozenset()):
    """render.render_into (looked up when called: tests count what it renders)."""
    from .render import render_into

    return render_into(pages, templates, stage, links, processes, printer, later)


def _printed_later(pages: list, old: dict, key: str | None) -> frozenset:
    """The pages whose context is made (Page.later: an actor's first page) and printed where they render,
    in parallel: those the last build did not record, whose print is only kept for the next build (the
    other contexts are printed here, once for every renderer: the statements they list, most of what
    pages read). The word index those contexts share is made here first. Not in a server: it renders
    in its own process, and keeps an actor's context for its next build only when made here
    (delta.actor_context)."""
    if key is None or warm.holding:
        return frozenset()
    later = frozenset(p.path for p in pages if p.later is not None and p.path not in old["pages"])
    views = _views(pages)
    if later and views is not None:
        getattr(views, "_words")  # (a cached property: made here, every renderer inherits it)
    return later


@contextlib.contextmanager
def _pieces_cached(last: LastBuild, key: str | None, printer):
    """Within this block briefing.json is made of pieces kept by the last build (exports.PIECES, by the
    prints of this build's `printer`); the block fills the dict it is given with the pieces used, which
    are kept for the next build when briefing.json was written (when the key is known)."""
    from . import exports

    used: dict[str, str] = {}
    exports.PIECES, exports.printer = _load(last, PIECES, key), printer
    exports.keep = None if key is None else exports.Keep(last.cache / PIECES, key)
    try:
        yield used
    finally:
        exports.PIECES, exports.printer, exports.used, exports.keep = {}, None, {}, None
    if used and key is not None:
        pickle_keyed(last.cache / PIECES, key, used)


def _prints(pages: list, whole: str | None, skeleton: str | None, printer) -> dict[str, str | None]:
    """The print of every page's own inputs (data files: the whole briefing's print, or its skeleton's
    when they show where facts are and nothing of what shows articles), by path."""
    def data(page) -> str | None:
        briefing = skeleton if page.placing else whole
        return printer([page.path, briefing]) if briefing else None
    return {p.path: data(p) if p.make is not None else printer.context(p) for p in pages}


def _kept(pages: list, prints: dict, old: dict, printer, last: LastBuild, stage, changed=None,
          briefing_same: bool = False):
    """The pages whose inputs print as they did and whose reads read the same, kept from the last
    site: their digests by path. With `briefing_same` (the briefing prints as it did) every read
    reads the same: they are functions of the briefing alone."""
    from .depends import read_again

    views = _views(pages)
    outputs, links = last.record.get("outputs", {}), link_cache(last)[0]
    checked: dict[tuple, bool] = {}  # `changed`: what changed by key (delta.Delta), when a server holds the last views

    def same(read: tuple) -> bool:
        known = checked.get(read)
        if known is None:
            known = checked[read] = read in old["reads"] and views is not None and (
                (changed is not None and changed.clean(read)) or read_again(read, old["reads"][read], views, printer))
        return known

    kept, same_all = {}, (lambda reads: True) if briefing_same else (lambda reads: all(map(same, reads)))
    for page in pages:
        entry, print_ = old["pages"].get(page.path), prints.get(page.path)
        if print_ is None or entry is None or entry[0] != print_ or not same_all(entry[1]):
            continue
        digest = _keep_as_written(stage, page.path, outputs.get(page.path), links)
        if digest is not None:
            kept[page.path] = digest
    return kept


def _load_pages(last: LastBuild, key: str | None) -> dict:
    """The page inputs of the build that wrote site/ as it is: {"pages": path -> (print, read keys),
    "reads": key -> prints (both as depends.packed keeps them), ...} (a build that failed after
    rendering wrote its own, never trusted)."""
    saved = _load(last, PAGES, key)
    return saved if saved and saved.get("build") == last.record.get("build") else {"pages": {}, "reads": {}, "touched": {}, "shown": {}}


def _load(last: LastBuild, name: str, key: str | None) -> dict:
    """A cache file of the last build, when it was made with the same `key` (else empty; a stale one
    is not read past its key)."""
    import pickle

    if key is None:
        return {}
    try:
        return unpickle_keyed(last.cache / name, key) or {}
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, AttributeError, ImportError):
        return {}


def _interned(found: tuple) -> tuple:
    """A page's (link texts, their lines, ids) as render.Written has them, equal link texts sharing one
    string (they recur on thousands of pages, and a build holds every page's), the ids sorted in a
    tuple (a frozenset takes about 60 bytes an id: incremental.check_links_cached looks them up)."""
    links, lines, ids = found
    return tuple(map(sys.intern, links)), lines, tuple(sorted(map(sys.intern, ids)))


def cache_keys(last: LastBuild) -> list[tuple[str, str]]:
    """This module's cache files, by name with the key a build with `last`'s settings and inputs reads them by."""
    key = _shape(last.settings.path("templates"), last)[0]
    return [(PAGES, key), (PIECES, key)] if key else []


def _shape(templates: Path, last: LastBuild) -> tuple[str | None, bool]:
    """A key of what every page depends on (this code, settings, the templates' text; None when a
    template cannot be read), and whether a template reads article bodies (then they count in prints)."""
    sources, bodies = [], False
    for path in sorted(p for p in templates.rglob("*") if p.is_file() and "static" not in p.relative_to(templates).parts):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None, True
        bodies = bodies or bool(READS_BODIES.search(text))
        sources.append((str(path.relative_to(templates)), text))
    return hashlib.sha256(repr((last.cache_key(), sources, bodies)).encode("utf-8", "surrogatepass")).hexdigest(), bodies


def _keep_as_written(stage, path: str, entry: list | None, links: dict) -> str | None:
    """Keep the last site's file at `path` if it still has the size and mtime that build recorded
    (and its digest, with the links the check needs); its digest, or None if not kept."""
    if not _as_recorded(os.path.join(stage.site, path), entry):
        return None
    if path.endswith(".html") and entry[2] not in links:
        return None  # the link cache was lost: render it again, which notes its links
    try:
        stage.keep(path)
    except OSError:
        return None
    return entry[2]
