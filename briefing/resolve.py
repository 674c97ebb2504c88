"""Resolve: decide, seeing every article at once, which actors are the same person.

A bare surname, a title and a surname ("Mr Blair") or a short first name is the person whose
full name fits it: the one the article itself names in full, else the only one named anywhere in
the briefing; when several fit, it stays apart and is listed as ambiguous. Party, post and slogan
words in front of a name move to the role. The curated registry decides first (an alias there
names its actor) and can veto (`distinct:`). Content files are never rewritten: the merge is made
on the articles as read, so a hand edit is never lost.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .model import Actor, ActorId, Ambiguity, Article, ArticleSlug, Merge
from .names import PARTICLES, CleanName, clean_person_name, gender_of, is_party_name, looks_like_name, name_key
from .registry import Registry
from .textutil import slugify

Key = tuple[str, ...]
DOMINANCE = 5  # a name that fits several people goes to one named in full this many times as often
PLACED = re.compile(r"\b(?:in|from|across|throughout|inside|outside|near|(?:north|south|east|west|centr)(?:ern|al)) "
                    r"([A-Z][\w-]+)(?:'s)?\b(?! [A-Z])", re.I)
DEMONYM = re.compile(r"\b[A-Z][a-z]+(?:ese|ian|an|i|n)\b")
ROYAL = frozenset("king queen prince princess emperor empress sultan emir crown pope monarch royal".split())
NOT_PEOPLE = frozenset("""newspaper daily paper weekly magazine agency broadcaster channel station radio television
    team side club champions city town village province region country capital port""".split())
ROLE_STOPWORDS = frozenset("the and for former then new acting deputy vice".split())


@dataclass(frozen=True)
class Resolution:
    """What resolve decided: the articles with resolved ids, every merge and every ambiguity."""

    articles: list[Article]
    merges: tuple[Merge, ...] = ()
    ambiguities: tuple[Ambiguity, ...] = ()


@dataclass(frozen=True)
class _Person:
    """One person actor of one article, with its name cleaned."""

    article: ArticleSlug
    actor: Actor
    clean: CleanName
    key: Key


@dataclass(frozen=True)
class _Decision:
    into: ActorId
    name: str
    reason: str


def resolve(articles: list[Article], registry: Registry) -> Resolution:
    """Give every actor of every article the id of the actor it is; list merges and ambiguities."""
    curated = _curated_names(registry)
    people = [_Person(a.slug, x, c, name_key(c.name)) for a in articles for x in a.actors
              if x.type == "person" and (c := clean_person_name(x.name)).name]
    decisions: dict[tuple[ArticleSlug, ActorId], _Decision] = {}
    for article in articles:
        for actor in article.actors:
            if actor.id not in registry.actors and (into := _curated_match(actor, curated, registry)):
                decisions[(article.slug, actor.id)] = _Decision(into, registry.actors[into].name,
                                                                f"an alias of {into!r} in content/actors.yaml")
    others = {name_key(n): x.id for a in articles for x in a.actors if x.type != "person" for n in (x.name, *x.aliases)}
    names = _NameIndex(people, registry, decisions, others)
    names.placed = _places(articles, {p.key[0] for p in people if len(p.key) == 1})
    ambiguities = []
    for person in people:
        if (person.article, person.actor.id) in decisions:
            continue
        decision, candidates = names.decide(person)
        if decision:
            decisions[(person.article, person.actor.id)] = decision
        elif candidates:
            ambiguities.append(Ambiguity(person.article, person.actor.id, person.actor.name, candidates))
    merges = tuple(Merge(slug, actor_id, _name_of(articles, slug, actor_id), d.into, d.reason)
                   for (slug, actor_id), d in decisions.items() if d.into != actor_id)
    cleaned = {(p.article, p.actor.id): p.clean for p in people}
    resolved = [_apply(a, decisions, cleaned) for a in articles]
    return Resolution(resolved, merges, tuple(ambiguities))


def _curated_names(registry: Registry) -> dict[Key, ActorId]:
    """Every curated name and alias, as compared, to its actor id."""
    out: dict[Key, ActorId] = {}
    for actor in registry.actors.values():
        for name in (actor.name, *actor.aliases):
            out.setdefault(name_key(name), actor.id)
    return out


def _curated_match(actor: Actor, curated: dict[Key, ActorId], registry: Registry) -> ActorId | None:
    """The curated actor whose name or alias this actor's name is (its party and post words aside)."""
    names = [actor.name] + ([clean_person_name(actor.name).name] if actor.type == "person" else [])
    for name in names:
        into = curated.get(name_key(name))
        if into and not registry.kept_apart(actor.id, into):
            return into
    return None


class _NameIndex:
    """Every full name of the briefing (two words or more), to the id it is shown under."""

    def __init__(self, people: list[_Person], registry: Registry, decided: dict, others: dict[Key, ActorId]):
        self.registry, self.others = registry, others
        self.surnames: dict[ActorId, str] = {}
        self.full: dict[Key, ActorId] = {}
        self.shown: dict[ActorId, str] = {}
        by_key: dict[Key, list[_Person]] = defaultdict(list)
        for p in people:
            if len(p.key) >= 2 and (p.article, p.actor.id) not in decided:
                by_key[p.key].append(p)
        for actor in registry.actors.values():
            if actor.type == "person":
                self._add(name_key(actor.name), actor.id, actor.name)
        self.unnamed: set[ActorId] = set()  # 'Bolton Wanderers', 'Rafah Crossing': they make 'Bolton' ambiguous, take nothing
        for key, versions in by_key.items():
            if key not in self.full:
                self._add(key, _canonical_id(versions), Counter(v.clean.name for v in versions).most_common(1)[0][0])
                if not looks_like_name(versions[0].clean.name):
                    self.unnamed.add(self.full[key])
        self.by_word: dict[str, set[Key]] = defaultdict(set)
        self.initialled: dict[Key, set[Key]] = defaultdict(set)
        for key in self.full:
            self.by_word[key[0]].add(key)
            self.by_word[key[-1]].add(key)
            if (bare := tuple(w for w in key if len(w) > 1)) != key:
                self.initialled[bare].add(key)
        self.uses = Counter({key: len(versions) for key, versions in by_key.items()})
        self.target: dict[Key, ActorId] = {}
        self.why: dict[Key, str] = {}
        for key in sorted(self.full, key=lambda k: (-len(k), -self.uses[k], k)):  # targets first: longer, more used
            self.target[key] = self._longer(key) or self._spelling(key) or self.full[key]
            if self.target[key] != self.full[key]:
                self.why[key] = (f"the same name but for initials as {self.shown[self.target[key]]!r}"
                                 if self._longer(key) else f"another spelling of {self.shown[self.target[key]]!r}")
        self.in_article: dict[ArticleSlug, set[Key]] = defaultdict(set)
        for p in people:
            if p.key in self.full:
                self.in_article[p.article].add(p.key)
        self.courtesies: dict[ActorId, set[str]] = defaultdict(set)
        self.role_words: dict[ActorId, set[str]] = defaultdict(set)
        named: dict[ActorId, set[ArticleSlug]] = defaultdict(set)
        for p in people:
            into = self.target.get(p.key, p.actor.id)
            self.courtesies[into] |= _courtesies(p.actor)
            self.role_words[into] |= _role_words(p.actor.role or p.clean.role)
            if p.key in self.target:
                named[into].add(p.article)
        self.named_in = Counter({k: len(v) for k, v in named.items()})
        for p in people:  # 'Mr Pellow' beside 'Gareth Pellow' in one article says he is a man
            local = {self.target[k] for k in self.in_article.get(p.article, ()) if len(p.key) == 1 and p.key[0] in (k[0], k[-1])}
            if len(local) == 1:
                self.courtesies[local.pop()] |= _courtesies(p.actor)

    def _add(self, key: Key, actor_id: ActorId, name: str) -> None:
        self.full.setdefault(key, actor_id)
        self.shown.setdefault(actor_id, name)
        self.surnames.setdefault(actor_id, key[-1])

    def _longer(self, key: Key) -> ActorId | None:
        """A full name the same as a longer one but for initials ('George Bush' of 'George W. Bush')."""
        fits = {self.target[k] for k in self.initialled.get(key, ()) if k in self.target} - self.unnamed
        return fits.pop() if len(fits) == 1 else None

    def _spelling(self, key: Key) -> ActorId | None:
        """Another spelling of a more used name ('Mahmud Abbas' of 'Mahmoud Abbas', 'Sergey' / 'Sergei')."""
        fits = {self.target[k] for k in self.by_word[key[0]] | self.by_word[key[-1]]
                if k in self.target and k != key and _spelled_alike(key, k)} - self.unnamed
        return fits.pop() if len(fits) == 1 else None

    def decide(self, person: _Person) -> tuple[_Decision | None, tuple[ActorId, ...]]:
        """Where a person actor goes, or the candidates when several people fit its name."""
        if person.key in self.target:
            return self._full(person), ()
        if len(person.key) != 1 or person.key[0] in PARTICLES:
            return self._own(person, "party, post or slogan words in front set aside"), ()
        if person.key in self.others or person.article in self.placed.get(person.key[0], ()):
            return self._own(person, "party, post or slogan words in front set aside"), ()  # 'in Nepal': a place
        local = self._fitting(person, self.in_article.get(person.article, ()))
        if len(local) == 1:
            return self._to(local[0], f"named in full in the same article as {self.shown[local[0]]!r}"), ()
        everywhere = local or self._fitting(person, self.by_word.get(person.key[0], ()))
        if not local and not self._may_be_anyone(person, everywhere):
            return self._own(person, "party, post or slogan words in front set aside"), ()
        if len(everywhere) == 1:
            return self._to(everywhere[0], f"the only person in the briefing whose full name fits: "
                                           f"{self.shown[everywhere[0]]!r}"), ()
        if not local and len(everywhere) > 1 and (lead := self._dominant(person, everywhere)):
            runner_up = max(self.named_in[c] for c in everywhere if c != lead)
            return self._to(lead, f"fits {len(everywhere)} people; {self.shown[lead]!r} is named in full in "
                                  f"{self.named_in[lead]} articles, the others in {runner_up} at most"), ()
        if person.clean.slogan:
            return None, ()
        return self._own(person, "party, post or slogan words in front set aside"), tuple(everywhere)

    def _may_be_anyone(self, person: _Person, candidates: list[ActorId]) -> bool:
        """Whether a name its article does not spell out may go to someone named elsewhere: not when its
        role says it is no person ('Dawn', a local newspaper), nor a given name ('Abdul-Rahman') of
        someone named in full in one article only."""
        if _role_words(person.actor.role or person.clean.role) & NOT_PEOPLE:
            return False
        return len(candidates) != 1 or self.surnames.get(candidates[0]) == person.key[0] or \
            self.named_in[candidates[0]] >= 2

    def _dominant(self, person: _Person, candidates: list[ActorId]) -> ActorId | None:
        """The one of several people a surname fits that the briefing is about: named in full in
        DOMINANCE times as many articles as any other, unless it is a king or a prince and they are not.
        Never for a given name ('Bill' of Bill Clinton is also a bill before parliament)."""
        if not any(self.surnames.get(c) == person.key[0] for c in candidates):
            return None
        counts = sorted(((self.named_in[c], c) for c in candidates), reverse=True)
        (top, lead), (second, _) = counts[0], counts[1]
        if top < DOMINANCE * max(second, 1) or top < 3 or self.surnames.get(lead) != person.key[0]:
            return None
        royal = _role_words(person.actor.role or person.clean.role) & ROYAL  # 'King Hussein' is not Saddam
        return lead if royal <= self.role_words[lead] else None

    def _full(self, person: _Person) -> _Decision:
        into = self.target[person.key]
        if into != self.full[person.key]:
            return self._to(into, self.why[person.key])
        if into == person.actor.id:
            return _Decision(into, person.clean.name, "")
        front = person.actor.name[: len(person.actor.name) - len(person.clean.name)].strip()
        return self._to(into, f"{front!r} in front set aside: the same name as {self.shown[into]!r}" if front
                        else f"the same name as {self.shown[into]!r}")

    def _own(self, person: _Person, reason: str) -> _Decision | None:
        if person.clean.name == person.actor.name:
            return None
        return _Decision(person.actor.id, person.clean.name, reason)

    def _to(self, into: ActorId, reason: str) -> _Decision | None:
        return None if into in self.unnamed else _Decision(into, self.shown[into], reason)

    def _fitting(self, person: _Person, keys) -> list[ActorId]:
        """The people (as shown) whose full name a one-word name fits: its last word (a surname)
        or its first (a given name, or a family name written first), the vetoed and the other sex aside."""
        word = person.key[0]
        sex = gender_of(_courtesies(person.actor))
        fits = []
        for key in keys:
            into = self.target[key]
            if (key[-1] == word or key[0] == word) and into not in fits \
                    and not self.registry.kept_apart(person.actor.id, into) \
                    and (sex is None or gender_of(self.courtesies[into]) in (None, sex)):
                fits.append(into)
        return sorted(fits)


def _places(articles: list[Article], words: set[str]) -> dict[str, set[ArticleSlug]]:
    """One-word names an article uses as a place ('in Nepal', 'from Porto'): there, not a person's."""
    out: dict[str, set[ArticleSlug]] = defaultdict(set)
    for article in articles:
        found = {w.lower() for w in PLACED.findall(article.body)}
        for demonym in DEMONYM.findall(article.body):  # 'Nepalese', 'Nepali': Nepal is a place here
            found |= {demonym[: -len(end)].lower() for end in ("ese", "ian", "an", "i", "n") if demonym.endswith(end)}
        for word in found & words:
            out[word].add(article.slug)
    return out


def _spelled_alike(one: Key, other: Key) -> bool:
    """Two spellings of one name: as many words, one the same at least, the others transliterations
    of each other ('Mahmud' / 'Mahmoud', 'Rafik' / 'Rafiq'); a surname so spelt is 6 letters at least
    ('Davis' and 'Davies' are two names)."""
    if len(one) != len(other) or one == other:
        return False
    pairs = list(zip(one, other))
    return any(a == b for a, b in pairs) and all(
        a == b or (min(len(a), len(b)) >= (6 if k == len(pairs) - 1 else 5) and _transliterated(a, b))
        for k, (a, b) in enumerate(pairs))


def _transliterated(one: str, other: str) -> bool:
    """The same consonants, and mostly the same letters ('Mohammad' and 'Mahmud' are two names)."""
    ratio = SequenceMatcher(None, one, other).ratio()
    return _skeleton(one) == _skeleton(other) and (ratio >= 0.8 or (ratio >= 0.7 and abs(len(one) - len(other)) <= 1))


def _skeleton(word: str) -> str:
    """A word as transliterations agree on it: its first letter, then its consonants, doubled ones
    once, q as k, ph as f ('Yasser', 'Yasir' -> 'ysr'; 'Musharraf', 'Musharaf' -> 'mshrf')."""
    rest = re.sub(r"[aeiouy'-]", "", word[1:].replace("ph", "f").replace("q", "k"))
    return word[0] + re.sub(r"(.)\1+", r"\1", rest)


def _canonical_id(versions: list[_Person]) -> ActorId:
    """The id a full name is shown under: the most used id of its clean spellings, else its slug."""
    clean = Counter(v.actor.id for v in versions if v.clean.name == v.actor.name)
    if clean:
        return clean.most_common(1)[0][0]
    return ActorId(slugify(versions[0].clean.name))


def _role_words(role: str | None) -> set[str]:
    """The words of a role that say what kind of role it is ('president', 'king'), not whose."""
    return {w for w in re.findall(r"[a-z]+", (role or "").lower()) if w not in ROLE_STOPWORDS and len(w) > 2}


def _courtesies(actor: Actor) -> set[str]:
    return {c for name in (actor.name, *actor.aliases) if (c := clean_person_name(name).courtesy)}


def _name_of(articles: list[Article], slug: ArticleSlug, actor_id: ActorId) -> str:
    article = next(a for a in articles if a.slug == slug)
    return next(x.name for x in article.actors if x.id == actor_id)


def _apply(article: Article, decisions: dict, cleaned: dict) -> Article:
    """The article with its actors under their resolved ids and names; references follow."""
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


def _renamed(actor: Actor, decision: _Decision | None, clean: CleanName | None) -> Actor:
    if actor.type == "person" and is_party_name(actor.name):  # 'Liberal Democrats' is no person
        actor = replace(actor, type="organization")
    role = actor.role or (clean.role if clean else None)
    if decision is None:
        return replace(actor, role=role)
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
    return {
        "claims": tuple(replace(c, speaker=to(c.speaker)) for c in article.claims),
        "denials": tuple(replace(d, speaker=to(d.speaker)) for d in article.denials),
        "events": tuple(replace(e, actors=tuple(dict.fromkeys(to(x) for x in e.actors))) for e in article.events),
        "weapons": tuple(replace(w, supplier=w.supplier and to(w.supplier), recipient=w.recipient and to(w.recipient))
                         for w in article.weapons),
    }
