"""The briefing at a glance: contested claims ranked, speakers counted, the chronology cut into periods,
an actor summed up. Pages show these first and link down to the full lists."""
from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .model import Actor, Article, Event
from .textutil import MONTH_NAMES, slugify
from .views import SPEAKER_KINDS, Said, Views, grouped_chronology

Reports = Callable[[Article, Event], list[tuple[Article, Event]]]
UNDATED = "Year not given"
NO_MONTH = "Month not given"


@dataclass(frozen=True)
class Contested:
    """A claim that denials answer, with how widely and how recently it was reported."""

    said: Said
    answers: tuple[Said, ...]
    articles: int  # distinct articles carrying the claim or a denial of it
    latest: str  # the latest publication date among them ("" when none is dated)


def ranked_contested(views: Views) -> list[Contested]:
    """Contested claims, the most widely reported first, then the most recent."""
    found = []
    for said, answers in views.contested():
        articles = {s.article.slug: s.article.published or "" for s in (*views.reports(said), *answers)}
        found.append(Contested(said, tuple(answers), len(articles), max(articles.values())))
    return sorted(found, key=lambda c: (-c.articles, _negated(c.latest)))


def _negated(date: str) -> tuple[int, ...]:
    """A sort key that puts later ISO dates first."""
    return tuple(-ord(ch) for ch in date) + (0,)


@dataclass(frozen=True)
class Speaker:
    """Someone quoted or paraphrased, with what they said counted."""

    actor: Actor
    kind: str  # state | person | organisation | anonymous source
    claims: int
    denials: int
    contested: int  # their claims that a denial answers, and their denials that answer a claim

    @property
    def statements(self) -> int:
        """Claims and denials together."""
        return self.claims + self.denials

    @property
    def share(self) -> int:
        """The contested share of what they said, in whole percent."""
        return round(100 * self.contested / self.statements) if self.statements else 0


def speakers(views: Views) -> list[Speaker]:
    """Every speaker, the most quoted first."""
    found = []
    for actor, said in views.by_speaker():
        kinds = Counter(s.kind for s in said)
        found.append(Speaker(actor, SPEAKER_KINDS.get(actor.type, "organisation"), kinds["claim"], kinds["denial"],
                             sum(1 for s in said if views.answers(s))))
    return found


@dataclass(frozen=True)
class EventGroup:
    """One event as the articles report it: a date, a text, and every article that gives it."""

    date: str
    text: str
    sources: tuple[tuple[Article, Event], ...]

    @property
    def anchor(self) -> str:
        """The id of the first report, which the chronology has always used for it."""
        article, event = self.sources[0]
        return f"{article.slug}-{event.id}"


def group_events(pairs: list[tuple[Article, Event]], reports: Reports = lambda a, e: [(a, e)]) -> list[EventGroup]:
    """Reports of the same event shown once, with every article that gives it: `reports` names the
    other articles' reports of an event (the model's cross-article grouping); events of the same date
    and the same words are one event too."""
    groups: dict[tuple[str, str], dict[tuple[str, str], tuple[Article, Event]]] = {}
    for article, event in pairs:
        group = groups.setdefault((event.date, " ".join(event.text.casefold().split())), {})
        group.update(((a.slug, e.id), (a, e)) for a, e in reports(article, event))
    found = [tuple(group.values()) for group in groups.values()]
    return [EventGroup(sources[0][1].date, sources[0][1].text, sources) for sources in found]


@dataclass(frozen=True)
class Month:
    """A month (or season) of a period, with its grouped events and where they are shown."""

    label: str  # "March", "Spring", "Month not given"
    slug: str
    groups: tuple[EventGroup, ...]
    href: str  # a page of its own, or an anchor on the period's page
    number: int  # 1-12, 0 when it is a season or not given

    def title(self, year: str) -> str:
        """"March 2024"; "December (year not given)"; "Month not given (2024)"."""
        if year == UNDATED or self.label == NO_MONTH:
            return f"{self.label} ({year.lower() if year == UNDATED else year})"
        return f"{self.label} {year}"

    @property
    def events(self) -> int:
        """How many reports (an event told by three articles counts three)."""
        return sum(len(g.sources) for g in self.groups)


@dataclass(frozen=True)
class Period:
    """A year of the chronology (or the events whose year is not given), shown on its own page."""

    label: str  # "2024" or "Year not given"
    folder: str  # "chronology/2024/"
    months: tuple[Month, ...]
    split: bool  # each month on pages of its own (a dense year)

    @property
    def events(self) -> int:
        """How many reports the period holds."""
        return sum(m.events for m in self.months)

    @property
    def anchor(self) -> str:
        """The id the single-page chronology gave this year (kept on the overview)."""
        return f"y-{slugify(self.label)}"


def periods(views: Views, dense: int = 150) -> list[Period]:
    """The chronology by year, oldest first, undated last; a year with more than `dense` events gets a
    page per month."""
    found = []
    for year, months in grouped_chronology(views.briefing, views.chronology):
        folder = "chronology/undated/" if year == UNDATED else f"chronology/{slugify(year)}/"
        grouped = [(label, group_events(pairs, views.event_reports)) for label, pairs in months]
        split = sum(len(g) for _, g in grouped) > dense
        found.append(Period(year, folder, tuple(_month(folder, year, label, groups, split)
                                               for label, groups in grouped), split))
    return found


def _month(folder: str, year: str, label: str, groups: list[EventGroup], split: bool) -> Month:
    slug = slugify(label)
    href = f"{folder}{slug}/" if split else f"{folder}#m-{slugify(year)}-{slug}"
    number = MONTH_NAMES.index(label) + 1 if label in MONTH_NAMES else 0
    return Month(label, slug, tuple(groups), href, number)


def busiest_months(found: list[Period], limit: int = 5) -> list[tuple[Period, Month]]:
    """The months with the most reported events (dated ones only), the busiest first."""
    months = [(p, m) for p in found if p.label != UNDATED for m in p.months if m.label != NO_MONTH]
    return sorted(months, key=lambda pm: -pm[1].events)[:limit]


@dataclass(frozen=True)
class ActorSummary:
    """An actor in a few lines: what it did and said, and who it is named with."""

    articles: int
    claims: int
    denials: int
    events: int
    transfers: int
    about: int  # statements by others that name it
    latest: Said | None
    denied: tuple[Said, ...]  # its latest denials
    named_with: tuple[tuple[Actor, int], ...]  # the actors most often in the same articles


def actor_summary(views: Views, actor: Actor, about: int, limit: int = 3) -> ActorSummary:
    """Sum up an actor from the indexes (its statements are newest first, as the articles are)."""
    said = views.said_by(actor.id)
    denials = [s for s in said if s.kind == "denial"]
    return ActorSummary(len(views.articles_of(actor.id)), len(said) - len(denials), len(denials),
                        len(views.events_of(actor.id)), len(views.transfers_involving(actor.id)), about,
                        said[0] if said else None, tuple(denials[:limit]), tuple(named_with(views, actor)))


def named_with(views: Views, actor: Actor, limit: int = 8) -> list[tuple[Actor, int]]:
    """The actors most often listed in the same articles as this one (in two or more of them)."""
    counts = Counter(other for a in views.articles_of(actor.id) for other in views.actor_ids(a) if other != actor.id)
    items = counts.items()
    if len(counts) > limit:  # only those as often as the limit-th most often can rank (a country: thousands)
        floor = heapq.nlargest(limit, counts.values())[-1]
        items = [kv for kv in items if kv[1] >= floor]
    ranked = sorted(items, key=lambda kv: (-kv[1], kv[0]))
    return [(views.actor(k), n) for k, n in ranked[:limit] if n > 1 and k in views.briefing.actors]


def clause(text: str, quote: str | None, few: int = 6) -> tuple[str, str, str] | None:
    """(before, quote, after) when a quote of a few words sits inside its clause's text, so a page can
    show the clause with the quoted words marked; None when the quote should stand alone (or is none)."""
    if not quote or len(quote.split()) > few or quote.strip() == text.strip():
        return None
    at = text.find(quote)
    if at < 0:
        at = text.casefold().find(quote.casefold())
    if at < 0:
        return None
    marks = "\"'“”‘’ "
    before, after = text[:at].rstrip(marks), text[at + len(quote):].lstrip("\"'“”‘’")
    return (before + " " if before else ""), text[at:at + len(quote)], after


@dataclass(frozen=True)
class Bar:
    """One column of a histogram, in the SVG's coordinates."""

    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    labelled: bool  # its label is drawn under the axis (not every one fits)


@dataclass(frozen=True)
class Histogram:
    """Counts as columns, laid out for a small static SVG."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    summary: str  # the same counts in words, for <desc>


def histogram(counts: list[tuple[str, int]], width: int = 720, height: int = 150, labels: int = 12) -> Histogram | None:
    """Columns for (label, count) pairs, in order; about `labels` of the labels are drawn; None when empty."""
    if not counts:
        return None
    plot, top = height - 24, max(n for _, n in counts) or 1
    step = width / len(counts)
    every = -(-len(counts) // labels)
    years = next((y for y in (1, 2, 5, 10, 20, 25, 50, 100) if len(counts) / y <= labels), 100)
    round_years = all(label.isdigit() for label, _ in counts)  # then label 1990, 2000... rather than every nth
    bars = tuple(Bar(i * step + step * 0.1, plot - plot * n / top, step * 0.8, plot * n / top, label, n,
                     int(label) % years == 0 if round_years else i % every == 0 or i == len(counts) - 1 and every == 1)
                 for i, (label, n) in enumerate(counts))
    busiest = sorted(counts, key=lambda c: -c[1])[:3]
    summary = f"{len(counts)} columns from {counts[0][0]} to {counts[-1][0]}; the highest: " + \
        ", ".join(f"{label} ({n})" for label, n in busiest) + "."
    return Histogram(width, height, bars, summary)


def every_year(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts per year with the years between them that have none, so a histogram's axis is true to time."""
    found = dict(counts)
    if not found or not all(y.isdigit() for y in found):
        return counts
    years = [int(y) for y in found]
    return [(str(y), found.get(str(y), 0)) for y in range(min(years), max(years) + 1)]


TYPE_NAMES = {"state": "States", "organization": "Organisations", "group": "Groups", "person": "People",
              "anonymous-source": "Unnamed sources"}


@dataclass(frozen=True)
class ActorType:
    """The actors of one type: A to Z, those in several articles (the most mentioned first), and the rest."""

    kind: str
    label: str  # "People"
    actors: tuple[Actor, ...]  # A to Z
    several: tuple[tuple[Actor, int], ...]  # named in two or more articles, with how many
    once: tuple[Actor, ...]  # named in one article (or none), A to Z


def actor_types(views: Views) -> list[ActorType]:
    """Every actor by type (in TYPE_NAMES' order); empty types left out."""
    found = []
    for kind, label in TYPE_NAMES.items():
        actors = sorted((a for a in views.briefing.actors.values() if a.type == kind), key=lambda a: a.name.casefold())
        counted = [(a, len(views.articles_of(a.id))) for a in actors]
        several = sorted(((a, n) for a, n in counted if n > 1), key=lambda an: -an[1])
        if actors:
            found.append(ActorType(kind, label, tuple(actors), tuple(several),
                                   tuple(a for a, n in counted if n <= 1)))
    return found
