"""What changed, key by key, between a server's last build and this one, so that most recorded reads
need not be made again.

A page's recorded reads (depends.py) are checked after an edit by making each again on the new
views: at 1,000 articles about 30,000 reads, most of them a statement's listing or an event's
reports, nearly all unchanged. While a server holds its caches, the last build's views are still in
memory and an unchanged article is the very same object, so what changed can be found by key
instead: which articles are other objects, which statements are, which facts' groups of reports
and which rebuttals differ. A read of the four kinds below whose keys touch none of them gives
what it gave last time, which is what was recorded. Any other read is made again, as before.
"""
from __future__ import annotations

import pickle
from collections.abc import Callable

from . import warm
from .model import Ref
from .views import WORD, Views, _said_text

_last: list = [None, None]  # the build id and views of a server's last build
_contexts: dict = {}  # actor id -> (build id, actor, its first page's context) as a server's builds made them
current: list = [None, None]  # while a server's build renders: what changed since its last build, and this build's id


def remember(build: str, views: Views | None) -> None:
    """Keep this build's views for the next build to compare with (only while a server holds its caches)."""
    if warm.holding:
        _last[:] = [build, views]


def since(build: str | None, views: Views | None) -> Delta | None:
    """What changed since the build `build` (the one whose reads are being checked), when its views are still held."""
    old_build, old = _last
    if not warm.holding or views is None or old is None or old is views or build is None or old_build != build:
        return None
    return Delta(old, views, build)


def actor_context(actor, make: Callable[[], dict]) -> dict:
    """make() (an actor's first page's context), or the one the last build made for the same actor when
    nothing it shows changed since (only while a server holds its caches)."""
    if not warm.holding:
        return make()
    changed, build = current
    kept = _contexts.get(actor.id)
    if kept is not None and changed is not None and kept[0] == changed.since and kept[1] is actor \
            and changed.shows_nothing_of(actor):
        context = kept[2]
    else:
        context = make()
    _contexts[actor.id] = (build, actor, context)
    return context


def carry(since: str | None, build: str) -> None:
    """After a build that planned only some pages (the others are as the build `since` left them), the
    actors' contexts made by that build hold for this one too."""
    for actor_id, (made, actor, context) in list(_contexts.items()):
        if made == since:
            _contexts[actor_id] = (build, actor, context)


class Delta:
    """The keys whose facts differ between two views of consecutive builds."""

    def __init__(self, old: Views, new: Views, since: str | None = None):
        self.new, self.since = new, since
        both = (old, new)
        self.articles = {slug for slug in old._by_slug.keys() | new._by_slug.keys()
                         if old._by_slug.get(slug) is not new._by_slug.get(slug)}  # other objects
        self.merged = _changed(old.briefing.actors, new.briefing.actors)
        regrouped = (_changed_groups(old.briefing.retold, new.briefing.retold)  # facts in other groups or rebuttals
                     | _changed(old.briefing.rebuttals, new.briefing.rebuttals) | _changed(old._rebutted, new._rebutted))
        statements = _changed_statements(old, new)
        self.actors = self._actors(both, regrouped)
        self.words = {word for views in both for ref in statements if ref in views._by_ref
                      for word in WORD.findall(_said_text(views._by_ref[ref]))}
        # (article slug, fact id) of every statement whose listing, or event whose reports, may differ;
        # and of each fact of a group whose reports from a position on may (a page shows the first few)
        self.dirty: set[tuple[str, str]] = set()
        self.from_position: dict[tuple[str, str], int] = {}
        self._mark(_listed_with(regrouped, both))
        remade = statements | {Ref(slug, e.id) for views in both for slug in self.articles  # other objects in place
                               for e in getattr(views._by_slug.get(slug), "events", ())}
        for views in both:
            self._remade(remade, views)
        self.checks: dict[str, Callable[[tuple], bool]] = {
            "listing": self._listing, "event_reported": self._event_reported,
            "articles_of": self._articles_of, "article_count": self._articles_of, "transfers_in": self._transfers_in}

    def _actors(self, both: tuple[Views, Views], regrouped: set[Ref]) -> set[str]:
        """The actors a changed article lists (every actor it names is one of them), and those whose
        statements or events are in a group of reports that changed."""
        listed = {actor.id for views in both for slug in self.articles
                  for actor in getattr(views._by_slug.get(slug), "actors", ())}
        return listed | {actor for views in both for ref in regrouped for actor in _actors_of(ref, views)}

    def shows_nothing_of(self, actor) -> bool:
        """Whether an actor's first page shows what it showed: none of the changed articles lists it,
        no group of reports it is in changed, no changed statement can name it, no actor was merged anew."""
        if actor.id in self.actors or self.merged:
            return False
        for name in {actor.name, *actor.aliases}:  # views.said_about: a statement names it with every word run of a name
            runs = WORD.findall(name)
            if not runs or all(run in self.words for run in runs):
                return False
        return True

    def _mark(self, refs) -> None:
        self.dirty.update((ref.article, ref.fact) for ref in refs)

    def _remade(self, remade: set[Ref], views: Views) -> None:
        """Mark what shows a fact that is another object in the same place: the fact, its group's reports
        from its position on, the denials that answer it, and when it leads its group, the claims that
        the group's denials answer (a claim lists the leads of its denials' groups)."""
        for ref in remade:
            group = views.briefing.retold.get(ref, (ref,))
            position = group.index(ref) if ref in group else 0
            for member in group:
                key = (member.article, member.fact)
                self.from_position[key] = min(position, self.from_position.get(key, position))
            self._mark((ref, *views.briefing.rebuttals.get(ref, ())))
            if position == 0:
                self._mark(claim for denial in group for _, claim in views._rebutted.get(denial, ()))

    def clean(self, key: tuple) -> bool:
        """Whether a recorded read (depends.Recorder's key) surely gives what it gave in the last build."""
        try:
            owner, name, *rest = pickle.loads(key) if type(key) is bytes else key  # (as depends.packed keeps it)
            check = self.checks.get(name) if owner == "views" and rest else None
            return check is not None and check(rest[0])
        except (KeyError, IndexError, ValueError, TypeError, pickle.UnpicklingError):  # another shape: read again
            return False

    def _listing(self, places: tuple) -> bool:
        """views.listing(said, limit): its statement, its first reports, the statements that answer it."""
        (_, slug, fact), (_, limit) = places
        return self._unchanged(slug, fact, limit)

    def _unchanged(self, slug: str, fact: str, limit: int) -> bool:
        key = (slug, fact)
        return key not in self.dirty and limit <= self.from_position.get(key, limit)

    def _event_reported(self, places: tuple) -> bool:
        """views.event_reported(article, event, limit): the event's first reports and their articles."""
        (_, slug), (_, _, event), (_, limit) = places
        return slug not in self.articles and self._unchanged(slug, event, limit)

    def _articles_of(self, places: tuple) -> bool:
        """views.articles_of(actor_id) and views.article_count(actor_id): the articles that list the actor."""
        ((_, actor),) = places
        return actor not in self.actors

    def _transfers_in(self, places: tuple) -> bool:
        """views.transfers_in(slug): an article's weapons, with their suppliers and recipients as merged."""
        ((_, slug),) = places
        if slug in self.articles:
            return False
        weapons = self.new._by_slug[slug].weapons
        return not any(w.supplier in self.merged or w.recipient in self.merged for w in weapons)


def _listed_with(changed: set[Ref], both: tuple[Views, Views]) -> set[Ref]:
    """Every fact whose listing shows one of the `changed` facts, in either views: the fact itself, the
    others of its group of reports, the claims it rebuts (also as the lead of a group of denials), the
    denials that rebut it. (The facts a listing shows: its statement, its group's first reports, for a
    claim the leads of its denials' groups, for a denial the claims it rebuts.)"""
    found, groups = set(changed), {}
    for views in both:
        rebuttals, rebutted = views.briefing.rebuttals, views._rebutted
        for ref in changed:
            group = views.briefing.retold.get(ref)
            if group is not None:
                groups[id(group)] = group
            found.update(rebuttals.get(ref, ()))
            found.update(claim for _, claim in rebutted.get(ref, ()))
    for group in groups.values():
        found.update(group)
        for views in both:
            found.update(claim for ref in group for _, claim in views._rebutted.get(ref, ()))
    return found


def _actors_of(ref: Ref, views: Views) -> tuple:
    """The actors a fact concerns (a statement's speaker, an event's actors) in these views."""
    said = views._by_ref.get(ref)
    if said is not None:
        return (said.speaker.id,)
    article = views._by_slug.get(ref.article)
    return next((tuple(e.actors) for e in getattr(article, "events", ()) if e.id == ref.fact), ())


def _changed_groups(old: dict, new: dict) -> set:
    """The facts whose group of reports differs (`retold`: each fact of a group maps to the one tuple of
    the group, so each group is compared once, not once for each of its hundreds of facts)."""
    if old is new:
        return set()
    changed, matched = set(), set()
    for group in {id(g): g for g in new.values()}.values():
        before = old.get(group[0])
        matched.add(id(before))
        if before != group:
            changed.update(group)
            changed.update(before or ())
    for group in {id(g): g for g in old.values()}.values():
        if id(group) not in matched:
            changed.update(group)
    return changed


def _changed(old: dict, new: dict) -> set:
    """The keys whose values differ between two dicts (the same dict: none)."""
    if old is new:
        return set()
    return {key for key in old.keys() | new.keys() if old.get(key) is not new.get(key) and old.get(key) != new.get(key)}


def _changed_statements(old: Views, new: Views) -> set[Ref]:
    """The refs of the statements of every article whose statements are not the same (or equal) objects."""
    changed: set[Ref] = set()
    for slug in old._said_in.keys() | new._said_in.keys():
        before, after = old._said_in.get(slug, []), new._said_in.get(slug, [])
        if before != after:
            changed.update(s.ref for s in (*before, *after))
    return changed
