"""Read-only views over a Briefing that pages show: who said what, transfers, mentions."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from .link import SEASONS, chronology, date_label
from .model import Actor, ActorId, Article, Briefing, Claim, Denial, Event, Ref, Weapon, WeaponId
from .textutil import MONTH_NAMES
from . import warm
from .warm import AsLastTime, Remembered

# The four kinds of speaker a reader filters by; a "group" reads as an organisation.
SPEAKER_KINDS = {"state": "state", "person": "person", "organization": "organisation",
                 "group": "organisation", "anonymous-source": "anonymous source"}


class _Referred:
    """Room for a statement's Ref, made once (not a field: a Said prints, compares and hashes by its fields)."""

    __slots__ = ("_ref",)


@dataclass(frozen=True, slots=True, weakref_slot=True)  # (no dict of its own: 180,000 at 10,000 articles)
class Said(_Referred):
    """A claim or denial, with the article and speaker it belongs to."""

    kind: str  # "claim" | "denial"
    article: Article
    fact: Claim | Denial
    speaker: Actor

    @property
    def ref(self) -> Ref:
        """This statement as a cross-article reference (made once: a build asks 75,000 times at 1,000 articles)."""
        try:
            return self._ref
        except AttributeError:
            ref = Ref(self.article.slug, self.fact.id)
            object.__setattr__(self, "_ref", ref)
            return ref

    @property
    def href(self) -> str:
        """The site path of its sentence on the article page (anchored only when the sentence is known)."""
        anchored = self.fact.origin is not None and self.fact.origin.sentence is not None
        return f"articles/{self.article.slug}/index.html" + (f"#{self.fact.id}" if anchored else "")

    @property
    def anonymous(self) -> bool:
        """Whether it rests on an unnamed source (flagged on the claim, or an anonymous speaker)."""
        return bool(getattr(self.fact, "anonymous", False)) or self.speaker.type == "anonymous-source"

    @property
    def speaker_kind(self) -> str:
        """The speaker as a reader filters it: state, person, organisation or anonymous source."""
        return "anonymous source" if self.anonymous else SPEAKER_KINDS.get(self.speaker.type, "organisation")

    @property
    def form(self) -> str:
        """"quote" when the exact words are given, else "paraphrase"."""
        return "quote" if self.fact.quote else "paraphrase"


@dataclass(frozen=True)
class Reported:
    """The reports of one statement or event a page lists (the first few), and how many there are:
    a page never lists every report of a fact hundreds of articles retell (the site stays linear)."""

    total: int
    shown: tuple


@dataclass(frozen=True)
class Listing:
    """What a page shows beside a statement it lists: the statements that answer it, and its reports."""

    answers: list  # of Said (Views.answers)
    reported: Reported


@dataclass(frozen=True)
class Transfer:
    """One weapon moving (or meant to move) from a supplier to a recipient, per an article."""

    article: Article
    weapon: Weapon
    supplier: Actor | None
    recipient: Actor | None


@dataclass(frozen=True)
class When:
    """An EDTF date as a reader sees it: label, precision, and a machine-readable value when HTML has one."""

    label: str
    precision: str  # day | month | season | year | unknown year
    datetime: str | None  # for <time datetime>; None when HTML cannot say it (no year, a season)
    year: str  # "2024", or "" when the text does not give the year
    period: str  # the month or season heading it falls under, "" for a bare year


def when(edtf: str) -> When:
    """Describe an EDTF date ("2024-03", "2024-21", "XXXX-12") for a page."""
    label, precision = date_label(edtf)
    year, month, day = (re.sub(r"[~?%]", "", edtf).split("-") + ["", ""])[:3]
    known_year = "" if year == "XXXX" else year
    if month in SEASONS:
        period = SEASONS[month][1].capitalize()
    else:
        period = MONTH_NAMES[int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else ""
    valid = {"day": f"{year}-{month}-{day}", "month": f"{year}-{month}", "year": year, "season": year}
    return When(label, "unknown year" if not known_year else precision,
                valid[precision] if known_year else None, known_year, period)


def grouped_chronology(briefing: Briefing, events: list[tuple[Article, Event]] | None = None,
                       ) -> list[tuple[str, list[tuple[str, list[tuple[Article, Event]]]]]]:
    """The chronology (`events`, when it is made already) as years of months (oldest first); dates
    without a year come last, under their own heading."""
    years: dict[str, dict[str, list[tuple[Article, Event]]]] = {}
    for article, event in chronology(briefing) if events is None else events:
        date = when(event.date)
        years.setdefault(date.year or "Year not given", {}).setdefault(date.period or "Month not given", []).append(
            (article, event))
    return [(year, list(months.items())) for year, months in years.items()]


class Views:
    """Indexes computed once per build and shared by every page."""

    def __init__(self, briefing: Briefing):
        self.briefing = briefing
        # each article's statements, transfers and actors' ids (a server's last ones while they are the same)
        self._own = own = [OWN.get(a, partial(self._made, a), partial(self._resolved, a)) for a in briefing.articles]
        self.said = [s for o in own for s in o.said]
        self._said_in = _by_article(briefing.articles, [o.said for o in own])
        self._by_ref = self._refs()
        self._by_slug = {a.slug: a for a in briefing.articles}
        self.transfers = [t for o in own for t in o.transfers]
        self._transfers_in = _by_article(briefing.articles, [o.transfers for o in own])
        self.chronology = chronology(briefing)
        # Indexes, so each page looks up its part instead of scanning everything (a build stays linear).
        answering = ((d, c) for c, denials in briefing.rebuttals.items() for d in dict.fromkeys(denials))
        self._rebutted = _grouped_by(answering, lambda pair: pair[0])  # denial -> the claims it answers
        self._transfers_of = _grouped_by(self.transfers, lambda t: t.weapon.id)
        self._transfers_involving = _grouped(self.transfers, lambda t: (t.weapon.supplier, t.weapon.recipient))
        self._articles_of: dict[ActorId, list[Article]] = {}
        for article, o in zip(briefing.articles, own):
            for actor_id in o.distinct_ids:
                self._articles_of.setdefault(actor_id, []).append(article)
        self._actor_ids = {a.slug: o.actor_ids for a, o in zip(briefing.articles, own)}
        self._events_of = _grouped(self.chronology, lambda pair: pair[1].actors)
        # What pages ask of every statement they list (a statement is listed on several pages): worked
        # out once, and the same object each time, so a page's recorded reads print it from memory.
        # (each kept with the object it was asked of: a key found again for another object is worked out again)
        self._answers: dict[tuple[str, str], tuple[Said, list[Said]]] = {}
        self._reported: dict[tuple[str, str, int], tuple[Said, Reported]] = {}
        self._listings: dict[tuple[str, str, int], tuple[Said, Listing]] = {}
        self._event_reported: dict[tuple[str, str, int], tuple[Event, Reported]] = {}
        self._generation = ABOUT.advance(self.said) if warm.holding else 0
        if warm.holding:
            LAST[:] = [self]

    def _made(self, article: Article) -> _Own:
        said = [self._statement(kind, article, f)
                for kind, facts in (("claim", article.claims), ("denial", article.denials)) for f in facts]
        transfers = [Transfer(article, w, self.maybe_actor(w.supplier), self.maybe_actor(w.recipient))
                     for w in article.weapons]
        return _Own(said, transfers, tuple(x.id for x in dict.fromkeys(article.actors)),
                    tuple(dict.fromkeys(x.id for x in article.actors)), Counter(s.kind for s in said),
                    sum(1 for s in said if s.anonymous))

    def _resolved(self, article: Article) -> tuple:
        """The merged actors what _made makes of an article holds (its speakers, suppliers and recipients)."""
        actors = self.briefing.actors
        return (tuple([actors[f.speaker] for f in article.claims]), tuple([actors[f.speaker] for f in article.denials]),
                tuple([(self.maybe_actor(w.supplier), self.maybe_actor(w.recipient)) for w in article.weapons]))

    def _refs(self) -> dict[Ref, Said]:
        """Each statement by its Ref: in a server, the last Views' with the statements of the articles
        whose statements are other lists (objects) put in place of theirs."""
        last = LAST[0] if warm.holding else None
        if last is None:
            return {s.ref: s for s in self.said}
        old, new = last._said_in, self._said_in
        changed = [slug for slug in old.keys() | new.keys() if old.get(slug) is not new.get(slug)]
        if len(changed) > 64:
            return {s.ref: s for s in self.said}
        refs = last._by_ref.copy()
        for slug in changed:
            for said in old.get(slug, ()):
                refs.pop(said.ref, None)
        for slug in changed:  # (a Ref names its article: no two articles' statements share one)
            for said in new.get(slug, ()):
                refs[said.ref] = said
        return refs

    @cached_property
    def _words(self) -> dict[str, list[int]]:
        """Positions in `said` of the statements that use each word (made when an actor's page first needs it)."""
        texts = [_said_text(s) for s in self.said]
        if not warm.holding:
            return word_index(texts)
        last = WORDS.last
        index = word_index(texts) if last is None else word_index_again(last[0], last[1], texts)
        WORDS.last = (texts, index)
        return index

    def _statement(self, kind: str, article: Article, fact: Claim | Denial) -> Said:
        speaker = self.actor(fact.speaker)
        return SAID.get(fact, lambda: Said(kind, article, fact, speaker), lambda: (kind, article, speaker))

    def actor(self, actor_id: ActorId) -> Actor:
        """The merged actor for an id (every id was checked when its file was read)."""
        return self.briefing.actors[actor_id]

    def maybe_actor(self, actor_id: ActorId | None) -> Actor | None:
        """The merged actor for an optional id (a weapon's supplier may be unknown)."""
        return self.briefing.actors.get(actor_id) if actor_id else None

    def answers(self, said: Said) -> list[Said]:
        """For a claim, the denials that rebut it; for a denial, the claims it rebuts (the same list
        each time: not to be changed)."""
        if said.ref not in self._answered:  # most statements: none
            return []
        return _once(self._answers, (said.article.slug, said.fact.id), said, lambda: self._answering(said))

    @cached_property
    def _answered(self) -> set[Ref]:
        """The statements a rebuttal names: the claims it answers and its denials (answers() of any other is [])."""
        return self.briefing.rebuttals.keys() | self._rebutted.keys()

    def _answering(self, said: Said) -> list[Said]:
        if said.kind == "claim":  # a denial several articles report answers once, as its first report
            leads = dict.fromkeys(self.briefing.reports(r)[0] for r in self.briefing.rebuttals.get(said.ref, ()))
            return [self._by_ref[r] for r in leads if r in self._by_ref]
        return [self._by_ref[c] for _, c in self._rebutted.get(said.ref, ()) if c in self._by_ref]

    def by_speaker(self) -> list[tuple[Actor, list[Said]]]:
        """Every speaker with what they said, the most quoted first."""
        return list(self._by_speaker)

    @cached_property
    def _by_speaker(self) -> list[tuple[Actor, list[Said]]]:
        speakers = ((self.actor(k), list(v)) for k, v in self._first_by.items())
        return sorted(speakers, key=lambda kv: (-len(kv[1]), kv[0].name))

    @cached_property
    def _first_by(self) -> dict[ActorId, list[Said]]:
        """Each speaker's statements in order; what several articles report, once (its first report)."""
        repeat = self.briefing.is_repeat
        return _grouped_by((s for s in self.said if not repeat(s.ref)), lambda s: s.speaker.id)

    def contested(self) -> list[tuple[Said, list[Said]]]:
        """Claims that at least one denial answers."""
        return [(s, answers) for s in self.said if s.kind == "claim" and (answers := self.answers(s))]

    def count(self, kind: str) -> int:
        """How many statements of a kind ("claim" or "denial") the briefing holds."""
        return sum(o.kinds[kind] for o in self._own)

    def anonymous_share(self) -> tuple[int, int]:
        """(statements resting on anonymous sources, all statements)."""
        return self._anonymous_share

    @cached_property
    def _anonymous_share(self) -> tuple[int, int]:
        return sum(o.anonymous for o in self._own), len(self.said)

    def cutoff(self) -> str | None:
        """The information cutoff: the latest publication date of any article."""
        return max((a.published for a in self.briefing.articles if a.published), default=None)

    def articles_of(self, actor_id: ActorId) -> list[Article]:
        """The articles that list this actor."""
        return list(self._articles_of.get(actor_id, ()))

    def article_count(self, actor_id: ActorId) -> int:
        """How many articles list this actor (a page that shows the count reads only it: an edit to one
        of the articles leaves it as it is)."""
        return len(self._articles_of.get(actor_id, ()))

    def said_about(self, actor: Actor) -> list[Said]:
        """What others said that names this actor (any of its names, as whole words)."""
        positions = ABOUT.positions(self, actor) if warm.holding else self._about(actor)
        return [self.said[i] for i in positions]

    def _about(self, actor: Actor, span: range | None = None) -> list[int]:
        """Positions in `said` (within `span` when given) of what others said that names this actor."""
        candidates = self._mentioning(actor) if span is None else span
        names = sorted({actor.name, *actor.aliases}, key=len, reverse=True)
        said = self.said
        return [i for i in candidates if said[i].speaker.id != actor.id and _names_whole(_said_text(said[i]), names)]

    def _mentioning(self, actor: Actor) -> list[int]:
        """Positions in `said` of every statement that can name the actor, in order (a superset: the
        pattern decides). A name matched as a whole word has each of its word runs as a whole word
        of the text, so a statement without the rarest run of a name cannot name it that way."""
        found: set[int] = set()
        for name in {actor.name, *actor.aliases}:
            runs = WORD.findall(name)
            if not runs:  # a name of punctuation only: every statement is a candidate
                return list(range(len(self.said)))
            found.update(min((self._words.get(run, ()) for run in runs), key=len))
        return sorted(found)

    def said_in(self, slug: str) -> list[Said]:
        """The claims and denials of one article, in order."""
        return list(self._said_in.get(slug, ()))

    def said_by(self, actor_id: ActorId) -> list[Said]:
        """What one speaker said, in order; what several articles report, once (its first report)."""
        return list(self._first_by.get(actor_id, ()))

    def actor_ids(self, article: Article) -> tuple[ActorId, ...]:
        """The ids of the actors an article lists, each once (as its distinct actors give them)."""
        return self._actor_ids[article.slug]

    def reports(self, said: Said) -> list[Said]:
        """Every article's report of the same statement, the first first ([said] when only one has it)."""
        return [self._by_ref[r] for r in self.briefing.reports(said.ref) if r in self._by_ref]

    def reported(self, said: Said, limit: int) -> Reported:
        """The first `limit` reports of a statement that a page lists, and how many there are."""
        def made() -> Reported:
            refs = self.briefing.reports(said.ref)
            shown = tuple(self._by_ref[r] for r in refs[:limit] if r in self._by_ref)
            return REPORTED.get(said, lambda: Reported(len(refs), shown), lambda: (len(refs), shown))
        return _once(self._reported, (said.article.slug, said.fact.id, limit), said, made)

    def listing(self, said: Said, limit: int) -> Listing:
        """answers() and reported() of a statement in one (a page asks both of every statement it
        lists: one recorded read, and the same object each time)."""
        def made() -> Listing:
            answers, reported = self.answers(said), self.reported(said, limit)
            return LISTED.get(said, lambda: Listing(answers, reported), lambda: (tuple(answers), reported))
        return _once(self._listings, (said.article.slug, said.fact.id, limit), said, made)

    def event_reported(self, article: Article, event: Event, limit: int) -> Reported:
        """The first `limit` reports of an event that a page lists, and how many there are (the same
        object each time)."""
        def made() -> Reported:
            total = len(self.briefing.reports(Ref(article.slug, event.id)))
            shown = tuple(self.event_reports(article, event, limit))
            return REPORTED.get(event, lambda: Reported(total, shown), lambda: (total, shown))
        return _once(self._event_reported, (article.slug, event.id, limit), event, made)

    def event_reports(self, article: Article, event: Event, limit: int | None = None) -> list[tuple[Article, Event]]:
        """Every article's report of the same event, the first first."""
        refs = self.briefing.reports(Ref(article.slug, event.id))
        if len(refs) == 1:
            return [(article, event)]
        by_slug = self._by_slug
        return [(by_slug[r.article], next(e for e in by_slug[r.article].events if e.id == r.fact)) for r in refs[:limit]]

    def transfers_in(self, slug: str) -> list[Transfer]:
        """The transfers one article reports, in order."""
        return list(self._transfers_in.get(slug, ()))

    def events_of(self, actor_id: ActorId) -> list[tuple[Article, Event]]:
        """The chronology's events that involve this actor, oldest first."""
        return list(self._events_of.get(actor_id, ()))

    def most_cited(self, limit: int = 10) -> list[tuple[Actor, int]]:
        """Actors by how many facts involve them (as speaker, supplier, recipient, event actor)."""
        counts = CITED.counts(self.briefing.articles) if warm.holding else _cited(self.briefing.articles)
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
        return list(self._transfers_of.get(weapon_id, ()))

    def transfers_involving(self, actor_id: ActorId) -> list[Transfer]:
        """Transfers in which this actor supplies or receives."""
        return list(self._transfers_involving.get(actor_id, ()))


WORD = re.compile(r"\w+")
WORDS = AsLastTime()  # the statements' texts and word index, while a server holds its caches (word_index_again)
SAID = Remembered()  # a statement of an article unchanged since a server's last build: the same object
# What pages list beside a statement or event, the same object as in a server's last build while it
# holds the same statements (so its print is remembered with it: depends.KEPT)
LISTED, REPORTED = Remembered(), Remembered()


class _About:
    """Views.said_about's positions for each actor, kept from one build to the next while a server holds
    its caches: after an edit only the run of statements that are other objects (one article's) is
    looked at again, those before it keep their place and those after it move by the change in length."""

    KEPT = 32  # builds whose runs are kept: an actor's positions older than that are found again whole
    LOOKED_AT = 500  # statements looked at again, at most: beyond, the word index finds them all again

    def __init__(self) -> None:
        self.last: list = []  # the statements of the last Views made
        self.generation = 0  # how many Views were made
        self.runs: dict[int, tuple[int, int, int]] = {}  # generation -> (start, old end, new end) of its changed run
        self.by_actor: dict[str, tuple[int, tuple, list[int]]] = {}  # actor id -> (generation, names, positions)

    def advance(self, said: list) -> int:
        """A new Views of these statements: its generation, the run of statements that changed recorded."""
        old, size = self.last, min(len(self.last), len(said))
        start = 0
        while start < size and old[start] is said[start]:
            start += 1
        end = 0
        while end < size - start and old[-1 - end] is said[-1 - end]:
            end += 1
        self.last, self.generation = said, self.generation + 1
        self.runs[self.generation] = (start, len(old) - end, len(said) - end)
        self.runs.pop(self.generation - self.KEPT, None)
        return self.generation

    def positions(self, views: Views, actor: Actor) -> list[int]:
        """views._about(actor), from the positions an earlier Views found when they can be carried over."""
        names, now = (actor.id, actor.name, actor.aliases), views._generation
        kept = self.by_actor.get(actor.id)
        if kept is None or kept[1] != names or not now - self.KEPT < kept[0] <= now or now != self.generation:
            found = views._about(actor)
        else:
            found = self._carried(views, actor, kept[0], kept[2])
        if now == self.generation:
            self.by_actor[actor.id] = (now, names, found)
        return found

    def _carried(self, views: Views, actor: Actor, made: int, positions: list[int]) -> list[int]:
        dirty: list[tuple[int, int]] = []  # the spans (in the latest statements) where statements may differ
        for start, old_end, new_end in (self.runs[g] for g in range(made + 1, views._generation + 1)):
            if start == old_end == new_end:
                continue
            shift = new_end - old_end
            positions = [p for p in positions if p < start] + [p + shift for p in positions if p >= old_end]
            dirty = _spans([*((_moved(low, start, old_end, new_end), _moved(high, start, old_end, new_end, True))
                              for low, high in dirty), (start, new_end)])
        if sum(high - low for low, high in dirty) > self.LOOKED_AT:  # (edits all over: the word index is quicker)
            return views._about(actor)
        kept = [p for p in positions if not any(low <= p < high for low, high in dirty)]
        return sorted(kept + [i for low, high in dirty for i in views._about(actor, range(low, high))])


def _moved(at: int, start: int, old_end: int, new_end: int, end: bool = False) -> int:
    """Where a span's start (or `end`) at `at` is once the statements from `start` to `old_end` are
    replaced by those to `new_end`: a bound inside the replaced ones goes to the replacement's edge."""
    if at < start or (end and at == start):
        return at
    if at >= old_end:
        return at + new_end - old_end
    return new_end if end else start


def _spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that are not empty, those that overlap or touch joined, in order."""
    joined: list[list[int]] = []
    for low, high in sorted(s for s in spans if s[0] < s[1]):
        if joined and low <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], high)
        else:
            joined.append([low, high])
    return [(low, high) for low, high in joined]


ABOUT = _About()  # (only while a server holds its caches)


def _cited(articles) -> Counter[ActorId]:
    """How many facts of these articles involve each actor (as speaker, supplier, recipient, event actor)."""
    counts: Counter[ActorId] = Counter()
    for article in articles:
        counts.update(f.speaker for f in (*article.claims, *article.denials))
        counts.update(x for e in article.events for x in e.actors)
        counts.update(x for w in article.weapons for x in (w.supplier, w.recipient) if x)
    return counts


class _Cited:
    """_cited() of a server's last build's articles, and of these from it: the counts of the articles
    that came added, of those that went taken away (an edit changes one article of a thousand)."""

    def __init__(self) -> None:
        self.last: tuple = ((), Counter())  # (the articles, their counts)

    def counts(self, articles: tuple) -> Counter[ActorId]:
        """_cited(articles), from the last build's counts while few articles differ."""
        old, counts = self.last
        before, now = {id(a) for a in old}, {id(a) for a in articles}
        came, went = [a for a in articles if id(a) not in before], [a for a in old if id(a) not in now]
        if len(came) + len(went) > 64:
            counts = _cited(articles)
        elif came or went:
            counts = counts.copy()
            counts.update(_cited(came))
            counts.subtract(_cited(went))
            counts = +counts  # (an actor no fact involves any more is not counted: as _cited leaves it out)
        self.last = (articles, counts)
        return counts


CITED = _Cited()  # (only while a server holds its caches)


@dataclass(frozen=True, slots=True)
class _Own:
    """What Views holds of one article: its statements, its transfers, the ids of its distinct actors,
    its actors' distinct ids, its statements counted by kind and those resting on anonymous sources."""

    said: list[Said]
    transfers: list[Transfer]
    actor_ids: tuple[ActorId, ...]
    distinct_ids: tuple[ActorId, ...]
    kinds: Counter[str]
    anonymous: int


OWN = Remembered()  # _Own of each article (Views._made) while the actors it resolves to are the same
LAST: list = [None]  # the last Views made while a server holds its caches (Views._refs)


def _by_article(articles, lists: list[list]) -> dict[str, list]:
    """Each article's non-empty list by its slug (the lists joined when two articles share a slug)."""
    found: dict[str, list] = {}
    for article, items in zip(articles, lists):
        if items:
            found[article.slug] = found[article.slug] + items if article.slug in found else items
    return found


def _once(store: dict, key: tuple, asked: object, make: Callable[[], object]):
    """make(), worked out once a build for `key` and given again while asked of the same object (a key
    found again for another object is worked out again)."""
    found = store.get(key)
    if found is None or found[0] is not asked:
        found = store[key] = (asked, make())
    return found[1]


def word_index(texts: list[str]) -> dict[str, list[int]]:
    """The positions of the texts that use each word, in order."""
    return _grouped(range(len(texts)), lambda i: WORD.findall(texts[i]))


def word_index_again(old: list[str], index: dict[str, list[int]], texts: list[str]) -> dict[str, list[int]]:
    """word_index(texts) from the index of `old` texts (the same lists but for a run of changed texts,
    as after an edit: one article's statements): the positions before the run kept, those after it
    moved by the change in length, the run's own indexed again. Equal to word_index(texts)."""
    start, size = 0, min(len(old), len(texts))
    while start < size and old[start] == texts[start]:
        start += 1
    end = 0  # texts in common at the end, after `start`
    while end < size - start and old[-1 - end] == texts[-1 - end]:
        end += 1
    old_end, new_end, shift = len(old) - end, len(texts) - end, len(texts) - len(old)
    run = _grouped(range(start, new_end), lambda i: WORD.findall(texts[i]))
    fresh: dict[str, list[int]] = {}
    for word in dict.fromkeys([*index, *run]):
        before = index.get(word, ())
        low, high = bisect_left(before, start), bisect_left(before, old_end)
        positions = [*before[:low], *run.get(word, ()), *(p + shift for p in before[high:])] if shift \
            else [*before[:low], *run.get(word, ()), *before[high:]]
        if positions:
            fresh[word] = positions
    return fresh


def _said_text(said: Said) -> str:
    """The words of a statement that can name an actor."""
    return f"{said.fact.text} {said.fact.quote or ''}"


def _grouped(items, keys) -> dict:
    """items by each of their keys (an item under a key once), in the items' order."""
    groups: dict = {}
    for item in items:
        for key in dict.fromkeys(keys(item)):
            groups.setdefault(key, []).append(item)
    return groups


def _grouped_by(items, key) -> dict:
    """items by their one key, in the items' order."""
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _names_whole(text: str, names: list[str]) -> bool:
    """Whether one of `names` is in `text` as whole words: what the regex
    `(?<!\\w)(?:name|...)(?!\\w)` finds, without compiling one per actor (a build has thousands)."""
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or not _wordy(text[at - 1])) and (end == len(text) or not _wordy(text[end])):
                return True
            at = text.find(name, at + 1)
    return False


def _wordy(char: str) -> bool:
    """Whether `re` counts a character as \\w (str patterns: Unicode alphanumerics and the underscore)."""
    return char.isalnum() or char == "_"


@dataclass(frozen=True)
class Box:
    """A labelled rectangle of the transfer diagram."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    kind: str  # supplier | system | recipient


@dataclass(frozen=True)
class FlowDiagram:
    """The supplier -> system -> recipient diagram, laid out for a static SVG."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    paths: tuple[tuple[str, str], ...]  # (SVG path data, status class)
    summary: tuple[str, ...]  # one sentence per flow, for <desc>


ROW, GAP, CHAR = 52, 12, 7.8  # row height, gap, average character width at the diagram's font size


def flow_diagram(rows: list[tuple[Actor, Actor, Weapon, list[Transfer]]]) -> FlowDiagram | None:
    """Lay out suppliers (left), systems (middle) and recipients (right); None when nothing flows."""
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: (r[0].name.casefold(), r[1].name.casefold(), r[2].name.casefold()))
    details = [_flow_detail(reports) for *_, reports in rows]
    side = max(len(a.name) for r in rows for a in r[:2]) * CHAR + 24
    middle = max(len(t) for r, d in zip(rows, details) for t in (r[2].name, d)) * CHAR + 24
    x_system, x_recipient = side + 60, side + middle + 120
    height = len(rows) * ROW
    systems = [Box(x_system, i * ROW + GAP / 2, middle, ROW - GAP, (r[2].name, d), "system")
               for i, (r, d) in enumerate(zip(rows, details))]
    suppliers = _column_boxes([r[0] for r in rows], 0, side, "supplier", spread=False, height=height)
    recipients = _column_boxes([r[1] for r in rows], x_recipient, side, "recipient", spread=True, height=height)
    paths = []
    for (supplier, recipient, _, reports), system in zip(rows, systems):
        status = _flow_status(reports)
        y = system.y + system.height / 2
        left, right = suppliers[supplier.id], recipients[recipient.id]
        paths.append((_curve(left.x + left.width, left.y + left.height / 2, system.x, y), status))
        paths.append((_curve(system.x + system.width, y, right.x, right.y + right.height / 2), status))
    summary = tuple(f"{s.name} to {r.name}: {w.name} ({d})." for (s, r, w, _), d in zip(rows, details))
    return FlowDiagram(x_recipient + side, height, (*suppliers.values(), *systems, *recipients.values()),
                       tuple(paths), summary)


def flow_facts(reports: list[Transfer]) -> tuple[list[str], list[str]]:
    """A flow's distinct statuses and quantities, each first as first said (what Jinja2's `select|unique`
    gives: unique whatever the case), for the list of transfers."""
    return _distinct(t.weapon.status for t in reports), _distinct(t.weapon.quantity for t in reports)


def _distinct(values) -> list[str]:
    seen, found = set(), []
    for value in values:
        if value:
            key = value.lower() if isinstance(value, str) else value
            if key not in seen:
                seen.add(key)
                found.append(value)
    return found


def _flow_detail(reports: list[Transfer]) -> str:
    statuses = sorted({t.weapon.status for t in reports if t.weapon.status})
    quantities = sorted({t.weapon.quantity for t in reports if t.weapon.quantity})
    return "; ".join([", ".join(statuses) or "status not said", *quantities])


def _flow_status(reports: list[Transfer]) -> str:
    """Drawn solid when any report says delivered or used, dashed when only planned or reported."""
    return "flow-done" if any(t.weapon.status in ("delivered", "used") for t in reports) else "flow-planned"


def _column_boxes(actors: list[Actor], x: float, width: float, kind: str, spread: bool, height: float) -> dict:
    """One box per actor: beside its rows (suppliers, which are sorted together) or spread evenly."""
    order = list(dict.fromkeys(a.id for a in actors))
    named = {a.id: a for a in actors}
    boxes = {}
    for n, actor_id in enumerate(order):
        rows = [i for i, a in enumerate(actors) if a.id == actor_id]
        if spread:
            slot = height / len(order)
            top, bottom = n * slot, (n + 1) * slot
        else:
            top, bottom = rows[0] * ROW, (rows[-1] + 1) * ROW
        centre = (top + bottom) / 2
        boxes[actor_id] = Box(x, centre - (ROW - GAP) / 2, width, ROW - GAP, (named[actor_id].name,), kind)
    return boxes


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    bend = (x2 - x1) / 2
    return f"M{x1:.0f} {y1:.0f} C{x1 + bend:.0f} {y1:.0f} {x2 - bend:.0f} {y2:.0f} {x2 - 6:.0f} {y2:.0f}"
