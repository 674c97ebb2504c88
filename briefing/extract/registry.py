"""The actors of one article: records, mentions and the registry that links them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..textutil import slugify
from .gazetteer import Gazetteer, normal_form


@dataclass
class ActorRecord:
    """An actor of this article, with every form it was referred to by."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    active: bool = False  # acts, speaks or is referred to other than as a place
    state: str | None = None  # the state an institution (army, ministry) belongs to
    kind: str | None = None  # a finer hint than type: "company" for firms ('the company' resolves to it)

    def add_alias(self, form: str) -> None:
        """Remember a surface form (once, in first-seen order)."""
        form = re.sub(r"^(?:the|The)\s+", "", form.replace("\u2019", "'")).strip()
        form = re.sub(r"'s$", "", form)
        if form and form not in self.aliases:
            self.aliases.append(form)

    def as_dict(self) -> dict:
        """The front-matter shape."""
        aliases = [a for a in self.aliases if a != self.name]
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": aliases, "role": self.role}


@dataclass
class Mention:
    """An actor mentioned at a token position: (sentence number, token index)."""

    n: int
    i: int
    actor: str


class Registry:
    """The actors of one article: lookup, merging, surname linking, recency."""

    def __init__(self, gaz: Gazetteer, excluded_names: set[str]):
        self.gaz = gaz
        self.excluded = {normal_form(x) for x in excluded_names}
        self.excluded |= {x.split()[-1] for x in self.excluded if x}
        self.actors: dict[str, ActorRecord] = {}
        self.surnames: dict[str, str] = {}
        self.mentions: list[Mention] = []
        self.tokens: dict[tuple[int, int], str] = {}
        self.acronyms: dict[str, str] = {}
        self.family_first: dict[str, str | None] = {}  # 'Yoon' of 'Yoon Suk Yeol' (None: ambiguous)  # 'NIS' defined in parentheses after 'National Intelligence Service'

    def ensure(self, actor_id: str, name: str, type_: str, role: str | None = None) -> ActorRecord:
        """Get or create an actor; known entries supply the canonical name and type."""
        if actor_id not in self.actors:
            entry = self.gaz.actors.get(actor_id)
            if entry:
                name, type_ = entry.name, entry.type  # a gazetteer role goes stale: roles come from the text
            self.actors[actor_id] = ActorRecord(actor_id, name, type_, role=role)
        return self.actors[actor_id]

    def mention(self, n: int, span, actor_id: str, active: bool) -> None:
        """Record that `span` of sentence n names the actor."""
        record = self.actors[actor_id]
        record.add_alias(span.text)
        record.active = record.active or active
        self.mentions.append(Mention(n, span.start, actor_id))
        for t in span:
            self.tokens[(n, t.i)] = actor_id

    def claim(self, n: int, span, actor_id: str) -> None:
        """Link `span` to the actor, dropping actors it displaces that are mentioned nowhere else
        ('Armed Forces of Ukraine' inside 'General Staff of the Armed Forces of Ukraine')."""
        inside = {self.tokens[(n, t.i)] for t in span if (n, t.i) in self.tokens} - {actor_id}
        self.mentions = [m for m in self.mentions if not (m.n == n and span.start <= m.i < span.end and m.actor in inside)]
        self.mention(n, span, actor_id, False)
        for gone in inside - {m.actor for m in self.mentions}:
            del self.actors[gone]

    def main_state(self) -> str | None:
        """The state mentioned most so far (the article's main state)."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if self.actors[m.actor].type == "state":
                counts[m.actor] = counts.get(m.actor, 0) + 1
        return max(counts, key=counts.get) if counts else None

    def actor_at(self, n: int, token) -> str | None:
        """The actor a token belongs to, if any."""
        return self.tokens.get((n, token.i))

    def recent(self, n: int, i: int, types: tuple[str, ...]) -> str | None:
        """The most recent actor of the given types mentioned before (n, i)."""
        for m in reversed(self.mentions):
            if (m.n, m.i) < (n, i) and self.actors[m.actor].type in types:
                return m.actor
        return None

    def recent_company(self, n: int, i: int) -> str | None:
        """The most recent company actor mentioned before (n, i): what 'the company' / 'the firm' names."""
        for m in reversed(self.mentions):
            if (m.n, m.i) < (n, i) and self.actors[m.actor].kind == "company":
                return m.actor
        return None

    def _misspelt(self, surname: str) -> str | None:
        """'Mullahkil' after 'Mohammad Nabi Mullahkhil': the one surname a letter away (six letters or more)."""
        close = {actor for known, actor in self.surnames.items() if one_edit(surname, known)}
        return close.pop() if len(close) == 1 else None

    def person_id(self, name: str) -> str | None:
        """Link a person's name (full or surname) to an actor id; None if excluded."""
        key = normal_form(name)
        if not key or key in self.excluded:
            return None
        known = self.gaz.lookup(key)
        if known and self.gaz.actors[known].type == "person":
            return known
        surname = key.split()[-1]
        if len(key.split()) == 1:
            return self.surnames.get(surname) or self.gaz.by_surname.get(surname) or self.family_first.get(key) \
                or self._misspelt(surname) or slugify(key)
        return slugify(key)


def one_edit(a: str, b: str) -> bool:
    """Whether two words of six letters or more differ by one letter added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6 or a[0] != b[0]:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return a[i + 1:] == b[i + 1:] or a[i:] == b[i + 1:] or a[i + 1:] == b[i:]
