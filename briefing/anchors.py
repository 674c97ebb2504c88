"""Old links keep working: who-said-what and the chronology were single pages whose anchors
(`who-said-what/#<article>-c1`, `chronology/#<article>-e2`) now live on speaker, year and month
pages. Each overview gets a small JSON map from old anchor to new place, which site.js follows when
an address names an anchor the page does not have (without JavaScript the overview still opens)."""
from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Protocol

from . import warm
from .exports import _STRING
from .views import Views


class Planned(Protocol):
    """What this module reads of a planned page (pages.Page)."""

    path: str
    template: str | None
    context: dict


def statement_anchors(pages: Iterable[Planned], views: Views) -> str:
    """who-said-what/anchors.json: every claim and denial (repeated reports too) -> its speaker page."""
    found: dict[str, str] = {}  # anchor -> its line of the map
    listed = set()
    for page in pages:
        if page.template == "speaker.html":
            listed.add(page.path)
            for anchor, line in _speaker_anchors(page.path, page.given["pager"].items, views):
                found.setdefault(anchor, line)
    for gone in SPEAKER_PAGES.keys() - listed:  # (a speaker page no more: what it listed goes with it)
        del SPEAKER_PAGES[gone]
    return "{\n" + ",\n".join([found[anchor] for anchor in sorted(found)]) + "\n}\n" if found else "{}\n"  # as _json


def _speaker_anchors(path: str, items: tuple, views: Views) -> list[tuple[str, str]]:
    """(anchor, its line of the map) of every report of each statement a speaker page lists; while a
    server holds its caches, the last build's for the page while it lists the same statements in the
    same groups of reports (the pages of the edited article's speakers list other ones)."""
    retold = views.briefing.retold
    if not warm.holding:
        return _anchored(path, items, views)
    last = SPEAKER_PAGES.get(path)
    if last is not None and last[0] == items:
        if last[1] is retold:
            return last[3]
        groups = tuple(retold.get(s.ref) for s in items)  # (the same tuples while a group is: retold.REPORTS)
        if groups == last[2]:  # (a group holds statements of this briefing's articles: as views.reports keeps them)
            SPEAKER_PAGES[path] = (items, retold, groups, last[3])
            return last[3]
    made = _anchored(path, items, views)
    SPEAKER_PAGES[path] = (items, retold, tuple(retold.get(s.ref) for s in items), made)
    return made


def _anchored(path: str, items: tuple, views: Views) -> list[tuple[str, str]]:
    folder = _folder(path, "who-said-what/")
    made = []
    for said in items:
        shown = _STRING(f"{folder}/#{said.article.slug}-{said.fact.id}")
        for report in views.reports(said):
            anchor = f"{report.ref.article}-{report.ref.fact}"
            made.append((anchor, f"{_STRING(anchor)}: {shown}"))
    return made


SPEAKER_PAGES: dict[str, tuple] = {}  # page path -> (statements, retold, their groups, _anchored) of a server's last build


def event_anchors(pages: Iterable[Planned]) -> str:
    """chronology/anchors.json: every event of every article -> the year or month page that shows it."""
    found: dict[str, str] = {}
    for page in pages:
        groups = _groups(page)
        folder = _folder(page.path, "chronology/") if groups else ""
        for group in groups:
            for article, event in group.sources:
                found.setdefault(f"{article.slug}-{event.id}", f"{folder}/#{group.anchor}")
    return _json(found)


def _groups(page: Planned) -> list:
    """The event groups a chronology page shows (a month's page, or a year shown on one page)."""
    if page.template == "month.html":
        return list(page.given["pager"].items)
    if page.template == "period.html" and not page.given["period"].split:
        return [g for month in page.given["period"].months for g in month.groups]
    return []


def _folder(path: str, base: str) -> str:
    """The folder of the page at `path`, relative to `base` (the overview's folder), so the map works
    under any sub-path: 'jane-roe' (its anchors: 'jane-roe/#talks-resume-c1')."""
    return posixpath.relpath(posixpath.dirname(path), base)


def _json(found: dict[str, str]) -> str:
    """json.dumps(dict(sorted(found.items())), indent=0, ensure_ascii=False) + newline, byte for byte, each
    string written by the C encoder (with an indent, json.dumps runs its pure-Python one: 20,000 anchors
    at 1,000 articles)."""
    if not found:
        return "{}\n"
    return "{\n" + ",\n".join(f"{_STRING(key)}: {_STRING(place)}" for key, place in sorted(found.items())) + "\n}\n"
