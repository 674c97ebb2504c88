"""Resolve: decide, seeing every article at once, which actors are the same person.

A bare surname, a title and a surname ("Mr Blair") or a short first name is the person whose
full name fits it: the one the article itself names in full, else the only one named anywhere in
the briefing; when several fit, it stays apart and is listed as ambiguous. Party, post and slogan
words in front of a name move to the role. The curated registry decides first (an alias there
names its actor) and can veto (`distinct:`). Content files are never rewritten: the merge is made
on the articles as read, so a hand edit is never lost.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .model import Actor, ActorId, Ambiguity, Article, ArticleSlug, Merge
from .names import (PARTICLES, CleanName, clean_person_name, courtesies, gender_of, looks_like_name,
                    name_key, role_words, spelled_alike, spelling_key, used_as_places)
from .reassign import reassign
from .registry import Registry
from .textutil import slugify
from .warm import Remembered

Key = tuple[str, ...]
# A name that fits several people goes to one named in full in 5 times as many articles as any
# other, or 3 times as many when that is 10 articles or more (Charles Clarke beside Kenneth Clarke).
DOMINANCE, DOMINANCE_MANY, MANY = 5, 3, 10
ROYAL = frozenset("king queen prince princess emperor empress sultan emir crown pope monarch royal".split())
NOT_PEOPLE = frozenset("""newspaper daily paper weekly magazine agency broadcaster channel station radio television
    team side club champions city town village province region country capital port""".split())


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


def resolve(articles: list[Article], registry: Registry, decided=None) -> Resolution:
    """Give every actor of every article the id of the actor it is; list merges and ambiguities.
    `decided`: what decide() gives for these articles and registry, when already known (a cache)."""
    decisions, cleaned, ambiguities = decided or decide(articles, registry)
    named = {(a.slug, x.id): x.name for a in articles for x in a.actors}
    merges = tuple(Merge(slug, actor_id, named[(slug, actor_id)], d.into, d.reason)
                   for (slug, actor_id), d in decisions.items() if d.into != actor_id)
    resolved = [REASSIGNED.get(a, lambda a=a: reassign(a, decisions, cleaned), lambda a=a: _concerning(a, decisions, cleaned))
                for a in articles]
    return Resolution(resolved, merges, tuple(ambiguities))


REASSIGNED = Remembered()  # an article as reassign() gave it, while a server holds its caches


def _concerning(article: Article, decisions: dict, cleaned: dict) -> tuple:
    """What reassign() reads of the decisions for an article."""
    return tuple((decisions.get((article.slug, x.id)), cleaned.get((article.slug, x.id))) for x in article.actors)


def decide(articles: list[Article], registry: Registry, places: dict | None = None) -> tuple[dict, dict, list[Ambiguity]]:
    """Which actors are the same: a decision by (article, actor id), the cleaned person names by the
    same key, and the ambiguities. Reads the articles' slugs and actors, the registry, and of the
    bodies only the words each uses as places (`places` by slug, else found here: names.used_as_places)."""
    places = places if places is not None else {a.slug: used_as_places(a.body) for a in articles}
    curated = _curated_names(registry)
    people = [_Person(a.slug, x, c, name_key(c.name)) for a in articles for x in a.actors
              if x.type == "person" and (c := clean_person_name(x.name)).name]
    decisions: dict[tuple[ArticleSlug, ActorId], _Decision] = {}
    for article in articles:
        for actor in article.actors:
            if actor.id not in registry.actors and (into := _curated_match(actor, curated, registry)):
                decisions[(article.slug, actor.id)] = _Decision(into, registry.actors[into].name,
                                                                f"an alias of {into!r} in content/actors.yaml")
    names = _NameIndex(articles, people, registry, decisions, places)
    ambiguities = []
    for person in people:
        if (person.article, person.actor.id) in decisions:
            continue
        decision, candidates = names.decide(person)
        if decision:
            decisions[(person.article, person.actor.id)] = decision
        elif candidates:
            ambiguities.append(Ambiguity(person.article, person.actor.id, person.actor.name, candidates))
    return decisions, {(p.article, p.actor.id): p.clean for p in people}, ambiguities


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

    def __init__(self, articles: list[Article], people: list[_Person], registry: Registry, decided: dict,
                 places: dict[ArticleSlug, set[str]]):
        self.registry = registry
        self.others = {name_key(n): x.id for a in articles for x in a.actors if x.type != "person"
                       for n in (x.name, *x.aliases)}  # 'Nepal' the state is no one's surname
        words = {p.key[0] for p in people if len(p.key) == 1}
        self.placed: dict[str, set[ArticleSlug]] = defaultdict(set)  # 'in Nepal': a place in that article
        for article in articles:
            for word in places[article.slug] & words:
                self.placed[word].add(article.slug)
        self._index_full(people, registry, decided)
        self._choose_targets()
        self._gather_evidence(people)

    def _index_full(self, people: list[_Person], registry: Registry, decided: dict) -> None:
        """Every full name, curated ones first, to its id; by its first and last words too."""
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
        self.uses = Counter({key: len(versions) for key, versions in by_key.items()})
        self.by_word: dict[str, set[Key]] = defaultdict(set)
        self.initialled: dict[Key, set[Key]] = defaultdict(set)
        self.by_spelling: dict[Key, list[Key]] = defaultdict(list)
        for key in self.full:
            self.by_word[key[0]].add(key)
            self.by_word[key[-1]].add(key)
            self.by_spelling[spelling_key(key)].append(key)
            if (bare := tuple(w for w in key if len(w) > 1)) != key:
                self.initialled[bare].add(key)

    def _choose_targets(self) -> None:
        """The id each full name is shown under: a longer one's when it is that name but for initials,
        a more used one's when it is another spelling of it, else its own."""
        self.target: dict[Key, ActorId] = {}
        self.why: dict[Key, str] = {}
        for key in sorted(self.full, key=lambda k: (-len(k), -self.uses[k], k)):  # targets first: longer, more used
            self.target[key] = self._longer(key) or self._spelling(key) or self.full[key]
            if self.target[key] != self.full[key]:
                self.why[key] = (f"the same name but for initials as {self.shown[self.target[key]]!r}"
                                 if self._longer(key) else f"another spelling of {self.shown[self.target[key]]!r}")

    def _gather_evidence(self, people: list[_Person]) -> None:
        """What the briefing says of each person: in which articles named in full, the forms of
        address (for 'Mr' and 'Mrs') and the kinds of role given."""
        self.in_article: dict[ArticleSlug, set[Key]] = defaultdict(set)
        for p in people:
            if p.key in self.full:
                self.in_article[p.article].add(p.key)
        self.courtesies: dict[ActorId, set[str]] = defaultdict(set)
        self.role_words: dict[ActorId, set[str]] = defaultdict(set)
        named: dict[ActorId, set[ArticleSlug]] = defaultdict(set)
        for p in people:
            into = self.target.get(p.key, p.actor.id)
            self.courtesies[into] |= courtesies((p.actor.name, *p.actor.aliases))
            self.role_words[into] |= role_words(p.actor.role or p.clean.role)
            if p.key in self.target:
                named[into].add(p.article)
        self.named_in = Counter({k: len(v) for k, v in named.items()})
        for p in people:  # 'Mr Pellow' beside 'Gareth Pellow' in one article says he is a man
            local = {self.target[k] for k in self.in_article.get(p.article, ()) if len(p.key) == 1 and p.key[0] in (k[0], k[-1])}
            if len(local) == 1:
                self.courtesies[local.pop()] |= courtesies((p.actor.name, *p.actor.aliases))

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
        ends = (key[0], key[-1])  # a name sharing a first or last word with it (`by_word`), spelled alike
        fits = {self.target[k] for k in self.by_spelling[spelling_key(key)]
                if (k[0] in ends or k[-1] in ends) and k in self.target and k != key and spelled_alike(key, k)}
        fits -= self.unnamed
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
        if role_words(person.actor.role or person.clean.role) & NOT_PEOPLE:
            return False
        return len(candidates) != 1 or self.surnames.get(candidates[0]) == person.key[0] or \
            self.named_in[candidates[0]] >= 2

    def _dominant(self, person: _Person, candidates: list[ActorId]) -> ActorId | None:
        """The one of several people a surname fits that the briefing is about: named in full in
        far more articles than any other (DOMINANCE), unless it is a king or a prince and they are not.
        Never for a given name ('Bill' of Bill Clinton is also a bill before parliament)."""
        if not any(self.surnames.get(c) == person.key[0] for c in candidates):
            return None
        counts = sorted(((self.named_in[c], c) for c in candidates), reverse=True)
        (top, lead), (second, _) = counts[0], counts[1]
        enough = top >= DOMINANCE * max(second, 1) or (top >= MANY and top >= DOMINANCE_MANY * second)
        if not enough or top < 3 or self.surnames.get(lead) != person.key[0]:
            return None
        royal = role_words(person.actor.role or person.clean.role) & ROYAL  # 'King Hussein' is not Saddam
        return lead if royal <= self.role_words[lead] else None

    def _full(self, person: _Person) -> _Decision | None:
        into = self.target[person.key]
        if self.registry.kept_apart(person.actor.id, into):
            return self._own(person, "party, post or slogan words in front set aside")
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
        sex = gender_of(courtesies((person.actor.name, *person.actor.aliases)))
        fits = []
        for key in keys:
            into = self.target[key]
            if (key[-1] == word or key[0] == word) and into not in fits \
                    and not self.registry.kept_apart(person.actor.id, into) \
                    and (sex is None or gender_of(self.courtesies[into]) in (None, sex)):
                fits.append(into)
        return sorted(fits)


def _canonical_id(versions: list[_Person]) -> ActorId:
    """The id a full name is shown under: the most used id of its clean spellings, else its slug."""
    clean = Counter(v.actor.id for v in versions if v.clean.name == v.actor.name)
    if clean:
        return clean.most_common(1)[0][0]
    return ActorId(slugify(versions[0].clean.name))
