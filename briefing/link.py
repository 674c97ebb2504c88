"""Link articles into one Briefing: merge actors and weapons by id, resolve rebuttals."""
from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .answers import ClaimIndex, Denied
from .model import Actor, ActorId, Article, ArticleSlug, Briefing, Event, FactId, Ref, Weapon, WeaponId
from .problems import Problem
from .registry import Registry
from .resolve import Resolution
from .retold import retold
from .textutil import MONTH_NAMES
from .warm import AsLastTime, Remembered


def link(title: str, articles: list[Article], registry: Registry,
         resolution: Resolution | None = None) -> tuple[Briefing, list[Problem]]:
    """Merge what the articles say into one Briefing; report references that resolve nowhere.
    With a `resolution` (the resolve stage's), its articles are linked and its merges kept."""
    if resolution is not None:
        articles = resolution.articles
    dated = (DATED.get(a, lambda a=a: _resolve_unknown_years(a)) for a in articles)
    ordered = tuple(sorted(dated, key=lambda a: (a.published or "0000", a.slug), reverse=True))
    actors = MERGED.get(lambda: _merge_actors(ordered, registry), lambda: ([a.actors for a in ordered], registry))
    told = RETOLD.get(lambda: retold(ordered), lambda: _facts(ordered))
    rebuttals, problems = _rebuttals(ordered, told)
    answered = ANSWERED.get(lambda: _answered(ordered, actors, told), lambda: (_facts(ordered), actors, told))
    for claim, denials in answered.items():
        rebuttals[claim] = (*rebuttals.get(claim, ()), *denials)
    briefing = Briefing(
        title=title,
        articles=ordered,
        actors=actors,
        weapons=_merge_weapons(ordered, registry),
        rebuttals=dict(sorted(rebuttals.items(), key=lambda kv: (kv[0].article, kv[0].fact))),
        merges=resolution.merges if resolution else (),
        ambiguities=resolution.ambiguities if resolution else (),
        retold=told,
    )
    return briefing, problems


def _facts(articles: tuple[Article, ...]) -> list[tuple]:
    """What retold and _answered read of the articles."""
    return [(a.slug, a.published, a.claims, a.denials, a.events) for a in articles]


DATED = Remembered()  # an article as _resolve_unknown_years gave it, while a server holds its caches
MERGED, RETOLD, ANSWERED = AsLastTime(), AsLastTime(), AsLastTime()  # the same, for the whole briefing


def _resolve_unknown_years(article: Article) -> Article:
    """Give "XXXX-12" events a year once a curator fills in `published`: the latest such month
    not after publication (news reports what has happened; extraction already placed the future)."""
    if not article.published or not any(e.date.startswith("XXXX-") for e in article.events):
        return article
    year, month = int(article.published[:4]), int(article.published[5:7])
    events = []
    for event in article.events:
        rest = event.date[5:]
        if event.date.startswith("XXXX-") and rest[:2].isdigit():
            first_month = int(SEASONS.get(rest[:2], (rest[:2],))[0])
            event = replace(event, date=f"{year if first_month <= month else year - 1}-{rest}")
        events.append(event)
    return replace(article, events=tuple(events))


def _merge_actors(articles: tuple[Article, ...], registry: Registry) -> dict[ActorId, Actor]:
    """One Actor per id: the curated entry wins, else the most used name and type."""
    merged = {}
    for actor_id, versions in _by_id(a.actors for a in articles):
        aliases = sorted({a for v in versions for a in (v.name, *v.aliases)}, key=_alphabetical)
        base = Actor(id=actor_id, name=_most_common(v.name for v in versions),
                     type=_most_common(v.type for v in versions),
                     role=next((v.role for v in versions if v.role), None),
                     description=next((v.description for v in versions if v.description), None))
        curated = registry.actors.get(actor_id)
        if curated:
            base = replace(curated, role=curated.role or base.role)
            aliases = sorted(set(aliases) | set(curated.aliases), key=_alphabetical)
        merged[actor_id] = replace(base, aliases=tuple(a for a in aliases if a != base.name))
    return merged


def _merge_weapons(articles: tuple[Article, ...], registry: Registry) -> dict[WeaponId, Weapon]:
    """One Weapon per id for the weapons index; transfers stay per article."""
    merged = {}
    for weapon_id, versions in _by_id(a.weapons for a in articles):
        curated = registry.weapons.get(weapon_id)
        name = curated.name if curated else _most_common(v.name for v in versions)
        aliases = {a for v in versions for a in (v.name, *v.aliases)} | set(curated.aliases if curated else ())
        merged[weapon_id] = Weapon(id=weapon_id, name=name,
                                   aliases=tuple(sorted(aliases - {name}, key=_alphabetical)))
    return merged


def _alphabetical(name: str) -> tuple[str, str]:
    """A to Z, case aside, then capitals first: 'Police' and 'police' come in one order whatever order
    a set gave them in (a set of strings is ordered differently in every process)."""
    return name.casefold(), name


def _by_id(groups: Iterable[tuple]) -> list[tuple[str, list]]:
    """Every version of each item (actor or weapon) across articles, by id, ids sorted."""
    seen: dict[str, list] = {}
    for items in groups:
        for item in items:
            seen.setdefault(item.id, []).append(item)
    return sorted(seen.items())


def _most_common(values) -> str:
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], -list(counts).index(v)))


def _rebuttals(articles: tuple[Article, ...], told: dict[Ref, tuple[Ref, ...]]) -> tuple[dict[Ref, tuple[Ref, ...]], list[Problem]]:
    """Claim -> the denials that answer it, across articles ("c1" or "<slug>#c1"); a claim several
    articles report is answered under its first report, where it is shown."""
    found: dict[Ref, list[Ref]] = {}
    problems = []
    rebutting = [(article, denial) for article in articles for denial in article.denials if denial.rebuts]
    named = {d.rebuts.rpartition("#")[0] or a.slug for a, d in rebutting}  # the articles they name (few)
    claims = {Ref(a.slug, c.id) for a in articles if a.slug in named for c in a.claims}
    for article, denial in rebutting:
        slug, _, fact = denial.rebuts.rpartition("#")
        target = Ref(ArticleSlug(slug or article.slug), FactId(fact))
        if target in claims:
            found.setdefault(told.get(target, (target,))[0], []).append(Ref(article.slug, denial.id))
        else:
            every = {Ref(a.slug, c.id) for a in articles for c in a.claims}  # for the nearest one
            problems.append(_no_such_claim(article, denial, every, articles))
    return {k: tuple(v) for k, v in found.items()}, problems


def _answered(articles: tuple[Article, ...], actors: dict[ActorId, Actor],
              told: dict[Ref, tuple[Ref, ...]]) -> dict[Ref, list[Ref]]:
    """Denials that name no claim, linked to the claim they answer in any article, when one plainly
    does (briefing.answers: about the denier, saying what is denied); most stand alone."""
    index = ClaimIndex((ref, c.speaker, c.text) for a in articles for c in a.claims
                       if told.get(ref := Ref(a.slug, c.id), (ref,))[0] == ref)
    found: dict[Ref, list[Ref]] = {}
    for article in articles:
        for denial in article.denials:
            actor = actors.get(denial.speaker)
            denied = None if denial.rebuts or actor is None else Denied.of(denial.text, (actor.name, *actor.aliases), denial.cue)
            target = index.best(denied, denial.speaker, home=lambda ref: ref.article == article.slug) if denied else None
            if target is not None:
                found.setdefault(target, []).append(Ref(article.slug, denial.id))
    return found


def _no_such_claim(article: Article, denial, claims: set[Ref], articles: tuple[Article, ...]) -> Problem:
    """A rebuttal that names no claim, with the nearest `<slug>#<claim id>` as a hint."""
    names = sorted(f"{ref.article}#{ref.fact}" for ref in claims)
    hint = difflib.get_close_matches(denial.rebuts, names, n=1, cutoff=0.5)
    known = f": did you mean {hint[0]!r}?" if hint else f" (articles are {', '.join(a.slug for a in articles)})"
    line = denial.origin.line if denial.origin else 0
    return Problem(article.path, line, f"rebuts {denial.rebuts!r}: no such claim{known}")


SEASONS = {"21": ("03", "spring"), "22": ("06", "summer"), "23": ("09", "autumn"), "24": ("12", "winter")}


def date_sort_key(edtf: str) -> tuple:
    """Oldest first; a season sorts at its first month; an unknown year sorts last."""
    clean = re.sub(r"[~?%]", "", edtf)
    year, month, day = (clean.split("-") + ["", ""])[:3]
    month = SEASONS.get(month, (month,))[0]
    return (year == "XXXX" or not year, year, month or "00", day or "00")


def date_label(edtf: str) -> tuple[str, str]:
    """(human label, precision) for an EDTF date: ("March 2024", "month")."""
    approximate = "~" in edtf or "?" in edtf or "%" in edtf
    clean = re.sub(r"[~?%]", "", edtf)
    parts = clean.split("-")
    prefix = "about " if approximate else ""
    if len(parts) == 1 or parts[1] == "XX":
        return prefix + ("year unknown" if parts[0] == "XXXX" else parts[0]), "year"
    year = " (year unknown)" if parts[0] == "XXXX" else f" {parts[0]}"
    if parts[1] in SEASONS:
        return f"{prefix}{SEASONS[parts[1]][1].capitalize()}{year}", "season"
    month = MONTH_NAMES[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{prefix}{month}{year}", "month"
    return f"{prefix}{int(parts[2])} {month}{year}", "day"


def chronology(briefing: Briefing) -> list[tuple[Article, Event]]:
    """Every dated event, oldest first; one reported by several articles once, as its first report."""
    events = [(a, e) for a in briefing.articles for e in a.events if not briefing.is_repeat(Ref(a.slug, e.id))]
    return sorted(events, key=lambda pair: (date_sort_key(pair[1].date), pair[0].slug, pair[1].id))
