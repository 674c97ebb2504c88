"""The whole site map in one place: every page's path, template and context."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

from . import exports
from .anchors import event_anchors, statement_anchors
from .delta import actor_context
from .markup import rendered_body
from .model import Actor, Article, Briefing
from .overview import (UNDATED, Period, actor_summary, actor_types, busiest_months, every_year, histogram, periods,
                       ranked_contested, speakers)
from .paging import name_spans, paginate
from .views import SPEAKER_KINDS, Views, flow_diagram, flow_facts, when


@dataclass(frozen=True)
class Page:
    """One file of the site: rendered from a template with a context, or given as text."""

    path: str
    template: str | None = None
    given: dict = field(default_factory=dict)  # the context made with the page
    text: str | None = None
    make: Callable[[], str | list[str]] | None = None  # the text (or its parts), made only when needed (a rebuild may keep the last one)
    placing: bool = False  # made of where articles' facts are shown alone: no title or source (depends.DISPLAY)
    later: Callable[[], dict] | None = None  # the rest of the context, made only when needed (a rebuild may keep the page)

    @cached_property
    def context(self) -> dict:
        """What the template is given: the context made with the page and the rest of it, made once."""
        return {**self.given, **self.later()} if self.later else self.given

    def source(self) -> str:
        """The text of a page that has no template."""
        return "".join(self.parts())

    def parts(self) -> list[str]:
        """The text of a page that has no template, in parts that join to it (a big data file is written part by part)."""
        text = self.text if self.text is not None else self.make() if self.make else ""
        return [text] if isinstance(text, str) else text


# Page sizes: each list page stays well under the 400 KB budget whatever the corpus holds.
STATEMENTS_PER_PAGE = 40
SPEAKERS_PER_PAGE = 150
EVENTS_PER_PAGE = 100
ARTICLES_PER_PAGE = 100
ACTORS_PER_PAGE = 300
TRANSFERS_PER_PAGE = 100
ON_THE_INDEX = 5  # contested claims, latest articles and busiest months on the front page


def plan(briefing: Briefing, base_url: str = "", search: bool = False) -> list[Page]:
    """Every page of the site, in a stable order; `search` puts a search box on each."""
    views = Views(briefing)
    base = base_url.rstrip("/")
    common = _common(briefing, views, search)
    contested, chronology = ranked_contested(views), periods(views, dense=EVENTS_PER_PAGE)
    transfers = views.transfer_summary()
    flows = [flow_facts(reports) for *_, reports in transfers]
    pages = [
        Page("index.html", "index.html", {
            "latest": briefing.articles[:ON_THE_INDEX], "contested": contested[:ON_THE_INDEX],
            "contested_total": len(contested), "cited": views.most_cited(10), "cutoff": views.cutoff(),
            "anonymous": views.anonymous_share(), "busiest": busiest_months(chronology, ON_THE_INDEX),
            "transfers": transfers[:8], "flows": flows[:8], "transfers_total": len(transfers)}),
        *(Page(p.path, "articles.html", {"pager": p})
          for p in paginate(list(briefing.articles), ARTICLES_PER_PAGE, "articles/")),
        *(_article_page(a, views) for a in briefing.articles),
        *_actor_pages(briefing, views),
        *_said_pages(views, contested),
        *_chronology_pages(chronology),
        *_weapon_pages(briefing, views, transfers, flows),
        Page("404.html", "404.html", {"base_url": base}),
        Page("feed.xml", "feed.xml", {"base_url": base}),
        Page("sitemap.xml", "sitemap.xml", {"base_url": base}),
        # The data files never show article bodies (rerender.render_cached relies on it).
        Page("briefing.json", make=lambda: exports.briefing_json_parts(briefing)),
        Page("claims.csv", make=lambda: exports.claims_csv_parts(views)),
        Page("timeline.json", make=lambda: exports.timeline_json(briefing, views.chronology)),
        Page("robots.txt", text="User-agent: *\nAllow: /\n" + (f"Sitemap: {base}/sitemap.xml\n" if base else "")),
        Page(".nojekyll", text=""),
    ]
    pages += [Page("who-said-what/anchors.json", make=lambda: statement_anchors(pages, views), placing=True),
              Page("chronology/anchors.json", make=lambda: event_anchors(pages), placing=True)]
    return [_with(common, p) if p.template else p for p in pages]


def _with(common: dict, page: Page) -> Page:
    """The page with what every page's context holds."""
    return Page(page.path, page.template, {**common, **page.given}, page.text, later=page.later)


def _weapon_pages(briefing: Briefing, views: Views, transfers: list, flows: list) -> list[Page]:
    """The weapons overview (who supplies whom, each system with its count of reports), and each
    system's reports, a page of them at a time."""
    reports = {w: views.transfers_of(w) for w in briefing.weapons}
    pages = [Page("weapons/index.html", "weapons.html", {
        "diagram": flow_diagram(transfers), "transfers": transfers, "flows": flows, "reports": {w: len(r) for w, r in reports.items()}})]
    for weapon in briefing.weapons.values():
        pages += [Page(p.path, "weapon.html", {"weapon": weapon, "pager": p})
                  for p in paginate(reports[weapon.id], TRANSFERS_PER_PAGE, f"weapons/{weapon.id}/")]
    return pages


def _common(briefing: Briefing, views: Views, search: bool) -> dict:
    """What every page's context holds."""
    return {"briefing": briefing, "views": views, "when": when, "search": search, "speaker_folder": speaker_folder}


def article_pages(briefing: Briefing, search: bool = False, slugs: set[str] | None = None) -> list[Page]:
    """The articles' own pages (those of `slugs` when given), as plan() makes them (a rebuild after
    body edits renders only these)."""
    views = Views(briefing)
    common = _common(briefing, views, search)
    own = [_article_page(a, views) for a in briefing.articles if slugs is None or a.slug in slugs]
    return [_with(common, p) for p in own]


def _said_pages(views: Views, contested: list) -> list[Page]:
    """Who said what: the speakers (a table), all contested claims, and one page per speaker."""
    anonymous = views.anonymous_share()
    pages = [Page(p.path, "who-said-what.html", {"pager": p, "anonymous": anonymous,
                                                 "speaker_kinds": list(dict.fromkeys(SPEAKER_KINDS.values())),
                                                 "contested_total": len(contested)})
             for p in paginate(speakers(views), SPEAKERS_PER_PAGE, "who-said-what/")]
    pages += [Page(p.path, "contested.html", {"pager": p})
              for p in paginate(contested, STATEMENTS_PER_PAGE, "who-said-what/contested/")]
    for actor, said in views.by_speaker():
        pages += [Page(p.path, "speaker.html", {"actor": actor, "pager": p})
                  for p in paginate(said, STATEMENTS_PER_PAGE, speaker_folder(actor))]
    return pages


def speaker_folder(actor: Actor) -> str:
    """Where a speaker's statements live under who-said-what/ (clear of the folders that are not speakers)."""
    return f"who-said-what/{actor.id}{'-speaker' if actor.id in ('contested', 'page') else ''}/"


def _chronology_pages(chronology: list[Period]) -> list[Page]:
    """The overview, a page per year (undated events on their own), a page per month of a dense year."""
    dated = [p for p in chronology if p.label != UNDATED]
    pages = [Page("chronology/index.html", "chronology.html", {
        "periods": chronology, "histogram": histogram(every_year([(p.label, p.events) for p in dated]))})]
    for period in chronology:
        pages.append(Page(f"{period.folder}index.html", "period.html", {"period": period}))
        if period.split:
            pages += [Page(p.path, "month.html", {"period": period, "month": month, "pager": p})
                      for month in period.months
                      for p in paginate(list(month.groups), EVENTS_PER_PAGE, f"{period.folder}{month.slug}/")]
    return pages


def _actor_pages(briefing: Briefing, views: Views) -> list[Page]:
    """The actors index, a list per type (A to Z), and each actor's pages."""
    groups = actor_types(views)
    spans = {g.kind: name_spans([a.name for a in g.actors], ACTORS_PER_PAGE) for g in groups}
    pages = [Page("actors/index.html", "actors.html", {"groups": groups, "spans": spans})]
    for group in groups:
        pages += [Page(p.path, "actors-of-type.html", {"group": group, "pager": p, "spans": spans[group.kind]})
                  for p in paginate(list(group.actors), ACTORS_PER_PAGE, f"actors/by-type/{group.kind}/")]
    for actor in briefing.actors.values():
        pagers = paginate(views.said_by(actor.id), STATEMENTS_PER_PAGE, f"actors/{actor.id}/")
        pages.append(Page(pagers[0].path, "actor.html", {"pager": pagers[0]}, later=partial(_actor_context, actor, views)))
        pages += [Page(p.path, "actor.html", {"pager": p, "actor": actor}) for p in pagers[1:]]
    return pages


def _article_page(article: Article, views: Views) -> Page:
    said = views.said_in(article.slug)
    facts: dict[int, list[tuple[str, str, str]]] = {}
    for s in said:
        if s.fact.origin and s.fact.origin.sentence:
            label = f"{s.kind.capitalize()} by {s.speaker.name}"
            facts.setdefault(s.fact.origin.sentence, []).append((s.fact.id, s.kind, label))
    for event in article.events:
        if event.origin and event.origin.sentence:
            facts.setdefault(event.origin.sentence, []).append((event.id, "event", f"Event: {event.date}"))
    return Page(f"articles/{article.slug}/index.html", "article.html",
                {"article": article, "said": said, "body": rendered_body(article.body, facts),
                 "actors": [views.actor(a.id) for a in article.actors]})  # merged: as the actor pages show them


ON_AN_ACTOR_PAGE = 10  # latest items of each list below an actor's statements; the lists they come from link on


def _actor_context(actor, views: Views) -> dict:
    """The first page of an actor: its summary, then the latest of what concerns it (newest first)
    (a server's last one when nothing it shows changed: delta.actor_context)."""
    return actor_context(actor, partial(_make_actor_context, actor, views))


def _make_actor_context(actor, views: Views) -> dict:
    about = views.said_about(actor)
    events = views.events_of(actor.id)
    return {
        "actor": actor,
        "summary": actor_summary(views, actor, len(about)),
        "about": about[:ON_AN_ACTOR_PAGE],
        "events": events[::-1][:ON_AN_ACTOR_PAGE],
        "transfers": views.transfers_involving(actor.id)[:ON_AN_ACTOR_PAGE * 2],
        "articles": views.articles_of(actor.id)[:ON_AN_ACTOR_PAGE * 2],
    }
