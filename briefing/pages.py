"""The whole site map in one place: every page's path, template and context."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import exports
from .markup import body_html
from .model import Article, Briefing
from .views import SPEAKER_KINDS, Views, flow_diagram, grouped_chronology, when


@dataclass(frozen=True)
class Page:
    """One file of the site: rendered from a template with a context, or given as text."""

    path: str
    template: str | None = None
    context: dict = field(default_factory=dict)
    text: str | None = None
    make: Callable[[], str] | None = None  # the text, made only when needed (a rebuild may keep the last one)

    def source(self) -> str:
        """The text of a page that has no template."""
        return self.text if self.text is not None else self.make() if self.make else ""


def plan(briefing: Briefing, base_url: str = "", search: bool = False) -> list[Page]:
    """Every page of the site, in a stable order; `search` puts a search box on each."""
    views = Views(briefing)
    base = base_url.rstrip("/")
    common = {"briefing": briefing, "views": views, "when": when, "search": search}
    pages = [
        Page("index.html", "index.html", {"latest": briefing.articles[:5], "contested": views.contested(),
                                          "cited": views.most_cited(10), "cutoff": views.cutoff(),
                                          "anonymous": views.anonymous_share()}),
        Page("articles/index.html", "articles.html"),
        *(_article_page(a, views) for a in briefing.articles),
        Page("actors/index.html", "actors.html", {"actors": _actors_by_type(briefing)}),
        *(Page(f"actors/{actor.id}/index.html", "actor.html", _actor_context(actor, views))
          for actor in briefing.actors.values()),
        Page("who-said-what/index.html", "who-said-what.html",
             {"speakers": views.by_speaker(), "anonymous": views.anonymous_share(),
              "speaker_kinds": list(dict.fromkeys(SPEAKER_KINDS.values()))}),
        Page("chronology/index.html", "chronology.html", {"years": grouped_chronology(briefing)}),
        Page("weapons/index.html", "weapons.html", {"diagram": flow_diagram(views.transfer_summary())}),
        *(Page(f"weapons/{w.id}/index.html", "weapon.html", {"weapon": w, "transfers": views.transfers_of(w.id)})
          for w in briefing.weapons.values()),
        Page("404.html", "404.html", {"base_url": base}),
        Page("feed.xml", "feed.xml", {"base_url": base}),
        Page("sitemap.xml", "sitemap.xml", {"base_url": base}),
        # The data files never show article bodies (render_cached relies on it).
        Page("briefing.json", make=lambda: exports.briefing_json(briefing)),
        Page("claims.csv", make=lambda: exports.claims_csv(views)),
        Page("timeline.json", make=lambda: exports.timeline_json(briefing)),
        Page("robots.txt", text="User-agent: *\nAllow: /\n" + (f"Sitemap: {base}/sitemap.xml\n" if base else "")),
        Page(".nojekyll", text=""),
    ]
    return [Page(p.path, p.template, {**common, **p.context}, p.text) if p.template else p for p in pages]


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
                {"article": article, "said": said, "body": body_html(article.body, facts)})


def _actors_by_type(briefing: Briefing) -> list[tuple[str, list]]:
    order = ("state", "organization", "group", "person", "anonymous-source")
    groups = {kind: [a for a in briefing.actors.values() if a.type == kind] for kind in order}
    return [(kind, sorted(actors, key=lambda a: a.name.casefold())) for kind, actors in groups.items() if actors]


def _actor_context(actor, views: Views) -> dict:
    said = views.said_by(actor.id)
    events = views.events_of(actor.id)
    return {
        "actor": actor,
        "quotes": [s for s in said if s.kind == "claim" and s.fact.quote],
        "paraphrases": [s for s in said if s.kind == "claim" and not s.fact.quote],
        "denials": [s for s in said if s.kind == "denial"],
        "about": views.said_about(actor),
        "events": events,
        "transfers": views.transfers_involving(actor.id),
        "articles": views.articles_of(actor.id),
    }
