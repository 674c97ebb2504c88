"""Old links keep working: who-said-what and the chronology were single pages whose anchors
(`who-said-what/#<article>-c1`, `chronology/#<article>-e2`) now live on speaker, year and month
pages. Each overview gets a small JSON map from old anchor to new place, which site.js follows when
an address names an anchor the page does not have (without JavaScript the overview still opens)."""
from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Protocol

from .exports import _STRING
from .views import Views


class Planned(Protocol):
    """What this module reads of a planned page (pages.Page)."""

    path: str
    template: str | None
    context: dict


def statement_anchors(pages: Iterable[Planned], views: Views) -> str:
    """who-said-what/anchors.json: every claim and denial (repeated reports too) -> its speaker page."""
    found: dict[str, str] = {}
    for page in pages:
        if page.template == "speaker.html":
            folder = _folder(page.path, "who-said-what/")
            for said in page.given["pager"].items:
                shown = f"{folder}/#{said.article.slug}-{said.fact.id}"
                for report in views.reports(said):
                    found.setdefault(f"{report.ref.article}-{report.ref.fact}", shown)
    return _json(found)


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
