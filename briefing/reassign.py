"""Resolve's decisions applied to one article, in memory: actors take their resolved ids and names,
and everything that names an actor follows. The content file is never touched."""
from __future__ import annotations

from dataclasses import replace

from .model import Actor, ActorId, Article
from .names import CleanName, is_party_name


def reassign(article: Article, decisions: dict, cleaned: dict) -> Article:
    """The article with its actors under their resolved ids and names (`decisions` and `cleaned` by
    (slug, actor id)); speakers, event actors, suppliers and recipients follow."""
    ids = {x.id: decisions[(article.slug, x.id)].into for x in article.actors if (article.slug, x.id) in decisions}
    if not ids and not any((article.slug, x.id) in cleaned for x in article.actors):
        return article
    actors: dict[ActorId, Actor] = {}
    for actor in article.actors:
        decision = decisions.get((article.slug, actor.id))
        clean = cleaned.get((article.slug, actor.id))
        if decision is None and clean is not None and clean.slogan and not _referenced(article, actor.id):
            continue  # 'Vote Blair' named nobody the briefing knows, and nothing refers to it
        new = _renamed(actor, decision, clean)
        old = actors.get(new.id)
        actors[new.id] = _combined(old, new) if old else new
    return replace(article, actors=tuple(actors.values()), **_references(article, ids))


def _renamed(actor: Actor, decision, clean: CleanName | None) -> Actor:
    if actor.type == "person" and is_party_name(actor.name):  # 'Liberal Democrats' is no person
        actor = replace(actor, type="organization")
    role = actor.role or (clean.role if clean else None)
    if decision is None:
        return actor if role == actor.role else replace(actor, role=role)
    aliases = tuple(dict.fromkeys(a for a in (actor.name, *actor.aliases) if a != decision.name))
    return replace(actor, id=decision.into, name=decision.name, aliases=aliases, role=role)


def _combined(one: Actor, other: Actor) -> Actor:
    aliases = tuple(dict.fromkeys(a for a in (*one.aliases, other.name, *other.aliases) if a != one.name))
    return replace(one, aliases=aliases, role=one.role or other.role, description=one.description or other.description)


def _referenced(article: Article, actor_id: ActorId) -> bool:
    return any(s.speaker == actor_id for s in (*article.claims, *article.denials)) \
        or any(actor_id in e.actors for e in article.events) \
        or any(actor_id in (w.supplier, w.recipient) for w in article.weapons)


def _references(article: Article, ids: dict[ActorId, ActorId]) -> dict:
    """Speakers, event actors, suppliers and recipients under their resolved ids."""
    if not ids:
        return {}
    def to(x):
        return ids.get(x, x)
    moved = {old for old, new in ids.items() if old != new}

    def named(x) -> bool:
        return x in moved

    def event(e):
        actors = tuple(dict.fromkeys(map(to, e.actors)))
        return e if actors == e.actors else replace(e, actors=actors)
    # an item that names no moved actor is kept as it is (most are; replace() is slow)
    return {
        "claims": tuple(replace(c, speaker=to(c.speaker)) if named(c.speaker) else c for c in article.claims),
        "denials": tuple(replace(d, speaker=to(d.speaker)) if named(d.speaker) else d for d in article.denials),
        "events": tuple(map(event, article.events)),
        "weapons": tuple(replace(w, supplier=w.supplier and to(w.supplier), recipient=w.recipient and to(w.recipient))
                         if named(w.supplier) or named(w.recipient) else w for w in article.weapons),
    }
