"""Read-only views over a Briefing that pages show: who said what, transfers, mentions."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Actor, ActorId, Article, Briefing, Claim, Denial, Ref, Weapon, WeaponId


@dataclass(frozen=True)
class Said:
    """A claim or denial, with the article and speaker it belongs to."""

    kind: str  # "claim" | "denial"
    article: Article
    fact: Claim | Denial
    speaker: Actor

    @property
    def ref(self) -> Ref:
        """This statement as a cross-article reference."""
        return Ref(self.article.slug, self.fact.id)

    @property
    def href(self) -> str:
        """The site path of its sentence on the article page (anchored only when the sentence is known)."""
        anchored = self.fact.origin is not None and self.fact.origin.sentence is not None
        return f"articles/{self.article.slug}/index.html" + (f"#{self.fact.id}" if anchored else "")


@dataclass(frozen=True)
class Transfer:
    """One weapon moving (or meant to move) from a supplier to a recipient, per an article."""

    article: Article
    weapon: Weapon
    supplier: Actor | None
    recipient: Actor | None


class Views:
    """Indexes computed once per build and shared by every page."""

    def __init__(self, briefing: Briefing):
        self.briefing = briefing
        self.said = [Said(kind, a, f, self.actor(f.speaker))
                     for a in briefing.articles
                     for kind, facts in (("claim", a.claims), ("denial", a.denials)) for f in facts]
        self._by_ref = {s.ref: s for s in self.said}
        self.transfers = [Transfer(a, w, self.maybe_actor(w.supplier), self.maybe_actor(w.recipient))
                          for a in briefing.articles for w in a.weapons]

    def actor(self, actor_id: ActorId) -> Actor:
        """The merged actor for an id (every id was checked when its file was read)."""
        return self.briefing.actors[actor_id]

    def maybe_actor(self, actor_id: ActorId | None) -> Actor | None:
        """The merged actor for an optional id (a weapon's supplier may be unknown)."""
        return self.briefing.actors.get(actor_id) if actor_id else None

    def answers(self, said: Said) -> list[Said]:
        """For a claim, the denials that rebut it; for a denial, the claims it rebuts."""
        if said.kind == "claim":
            return [self._by_ref[r] for r in self.briefing.rebuttals.get(said.ref, ()) if r in self._by_ref]
        return [self._by_ref[c] for c, denials in self.briefing.rebuttals.items() if said.ref in denials]

    def by_speaker(self) -> list[tuple[Actor, list[Said]]]:
        """Every speaker with what they said, the most quoted first."""
        groups: dict[ActorId, list[Said]] = {}
        for said in self.said:
            groups.setdefault(said.speaker.id, []).append(said)
        return sorted(((self.actor(k), v) for k, v in groups.items()), key=lambda kv: (-len(kv[1]), kv[0].name))

    def contested(self) -> list[tuple[Said, list[Said]]]:
        """Claims that at least one denial answers."""
        return [(s, self.answers(s)) for s in self.said if s.kind == "claim" and self.answers(s)]

    def articles_of(self, actor_id: ActorId) -> list[Article]:
        """The articles that list this actor."""
        return [a for a in self.briefing.articles if any(x.id == actor_id for x in a.actors)]

    def said_about(self, actor: Actor) -> list[Said]:
        """What others said that names this actor (any of its names, as whole words)."""
        pattern = _names_pattern(actor)
        return [s for s in self.said if s.speaker.id != actor.id and pattern.search(f"{s.fact.text} {s.fact.quote or ''}")]

    def most_cited(self, limit: int = 10) -> list[tuple[Actor, int]]:
        """Actors by how many facts involve them (as speaker, supplier, recipient, event actor)."""
        counts: Counter[ActorId] = Counter()
        for article in self.briefing.articles:
            counts.update(f.speaker for f in (*article.claims, *article.denials))
            counts.update(x for e in article.events for x in e.actors)
            counts.update(x for w in article.weapons for x in (w.supplier, w.recipient) if x)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(self.actor(k), n) for k, n in ranked[:limit] if k in self.briefing.actors]

    def transfer_summary(self) -> list[tuple[Actor, Actor, Weapon, list[Transfer]]]:
        """Transfers with a known supplier and recipient, one row per (supplier, recipient, system)."""
        rows: dict[tuple, list[Transfer]] = {}
        for t in self.transfers:
            if t.supplier and t.recipient:
                rows.setdefault((t.supplier.id, t.recipient.id, t.weapon.id), []).append(t)
        return [(ts[0].supplier, ts[0].recipient, self.briefing.weapons[w], ts) for (_, _, w), ts in rows.items()]

    def transfers_of(self, weapon_id: WeaponId) -> list[Transfer]:
        """Every report of this weapon system, across articles."""
        return [t for t in self.transfers if t.weapon.id == weapon_id]

    def transfers_involving(self, actor_id: ActorId) -> list[Transfer]:
        """Transfers in which this actor supplies or receives."""
        return [t for t in self.transfers if actor_id in (t.weapon.supplier, t.weapon.recipient)]


def _names_pattern(actor: Actor) -> re.Pattern:
    names = sorted({actor.name, *actor.aliases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
