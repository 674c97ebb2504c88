"""The data model: frozen dataclasses that refer to each other by id, never by object."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, NewType

if TYPE_CHECKING:
    from .problems import Problem

ActorId = NewType("ActorId", str)
WeaponId = NewType("WeaponId", str)
ArticleSlug = NewType("ArticleSlug", str)
FactId = NewType("FactId", str)  # "c1", "d2", "e3": unique within an article

ACTOR_TYPES = ("state", "person", "organization", "group", "anonymous-source")


class Pickled:
    """Pickled as the tuple of its field values. Pickle's own way reads and sets an instance's
    __dict__, which (Python 3.11 on) gives the instance a dict of its own for good, 64 bytes more
    on each object written or read: 10,000 articles' parse cache holds about a million objects."""

    __slots__ = ()

    def __getstate__(self) -> tuple:
        return _getter(type(self))(self)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(_names(type(self)), state):
            object.__setattr__(self, name, value)


class Leaf(Pickled):
    """A value of plain fields (and other leaves) only, whose print (depends.Printer: a digest of its
    repr) is a function of its fields alone: kept in the object once taken, where a memo by id took
    about 80 bytes more (a key, an entry, a list slot) for each of 700,000 at 10,000 articles. Not a
    field: never compared, shown or pickled."""

    __slots__ = ("_print",)


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@cache
def _getter(cls: type):
    names = _names(cls)
    return attrgetter(*names) if len(names) > 1 else lambda value: (getattr(value, names[0]),)


def record(cls=None, *, weak: bool = False):
    """A frozen dataclass with slots (no __dict__: about 40 bytes less on each of the million small
    objects a briefing of 10,000 articles holds), pickled as Pickled does; `weak`: it can be weakly
    referenced (warm.Remembered keeps what was made of statements and events by weak reference)."""
    def make(cls: type) -> type:
        made = dataclass(frozen=True, slots=True, weakref_slot=weak)(cls)
        for name in ("__getstate__", "__setstate__"):  # Pickled's, not the list of fields dataclass adds with slots
            if name not in cls.__dict__ and name in made.__dict__:
                delattr(made, name)
        return made
    return make if cls is None else make(cls)


@record
class Origin(Leaf):
    """Where an item came from: the content file, its line there, and the body sentence."""

    path: str
    line: int
    sentence: int | None = None


@record
class Source(Leaf):
    """Where the article itself came from."""

    seed: str | None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None


@record
class Actor(Leaf):
    """Someone who acts or speaks: a state, a person, an organisation, an unnamed source."""

    id: ActorId
    name: str
    type: str = "organization"
    aliases: tuple[str, ...] = ()
    role: str | None = None
    description: str | None = None


@record
class Weapon(Leaf):
    """A weapon system, and, when the text says so, who supplies it to whom."""

    id: WeaponId
    name: str
    aliases: tuple[str, ...] = ()
    supplier: ActorId | None = None
    recipient: ActorId | None = None
    quantity: str | None = None
    status: str | None = None
    origin: Origin | None = None


@record(weak=True)
class Statement(Leaf):
    """Something a speaker said; `quote` holds the exact words when it was quoted."""

    id: FactId
    speaker: ActorId
    text: str
    cue: str | None = None
    quote: str | None = None
    origin: Origin | None = None


@record
class Claim(Statement):
    """A statement asserting something; `anonymous` when the speaker is not named."""

    anonymous: bool = False


@record
class Denial(Statement):
    """A statement denying something; `rebuts` names the claim it answers, when known."""

    rebuts: str | None = None  # "c1" in this article, or "<slug>#c1" in another


@record(weak=True)
class Event(Leaf):
    """A dated happening; `date` is EDTF (2024-03-06, 2024-03, 2024-21, XXXX-12)."""

    id: FactId
    date: str
    text: str
    when: str | None = None
    actors: tuple[ActorId, ...] = ()
    origin: Origin | None = None


@dataclass(frozen=True)
class Article(Pickled):
    """One content file: its metadata, what was extracted from it, and its Markdown body."""

    slug: ArticleSlug
    path: str
    title: str
    published: str | None
    source: Source
    body: str
    actors: tuple[Actor, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    claims: tuple[Claim, ...] = ()
    denials: tuple[Denial, ...] = ()
    events: tuple[Event, ...] = ()
    title_derived: bool = False
    summary: str | None = None

    def __getstate__(self) -> tuple:
        """The body as UTF-8 bytes: pickle writes a str through its UTF-8 form, which Python then keeps
        inside the str for good (a second copy of every body the parse cache writes: 94 MB at 10,000)."""
        state = _getter(Article)(self)
        return (*state[:5], state[5].encode("utf-8", "surrogatepass"), *state[6:])

    def __setstate__(self, state: tuple) -> None:
        body = state[5]
        Pickled.__setstate__(self, (*state[:5], body.decode("utf-8", "surrogatepass") if type(body) is bytes else body,
                                    *state[6:]))


@record
class Ref(Leaf):
    """A pointer to one fact of one article, used by the cross-article indexes."""

    article: ArticleSlug
    fact: FactId


@record
class Merge(Pickled):
    """The resolve stage's decision that one article's actor is another actor, and why."""

    article: ArticleSlug
    actor: ActorId   # the id in the content file
    name: str        # the name it has there
    into: ActorId    # the id it is shown under
    reason: str


@record
class Ambiguity(Pickled):
    """An article's actor whose name fits several people: kept apart, listed for a curator."""

    article: ArticleSlug
    actor: ActorId
    name: str
    candidates: tuple[ActorId, ...]


@dataclass(frozen=True)
class Briefing(Pickled):
    """Everything the site shows, linked: articles, merged actors and weapons, indexes."""

    title: str
    articles: tuple[Article, ...]
    actors: dict[ActorId, Actor] = field(default_factory=dict)
    weapons: dict[WeaponId, Weapon] = field(default_factory=dict)
    rebuttals: dict[Ref, tuple[Ref, ...]] = field(default_factory=dict)  # claim -> denials
    merges: tuple[Merge, ...] = ()           # what the resolve stage merged, for `briefing actors`
    ambiguities: tuple[Ambiguity, ...] = ()  # names it left apart because several people fit
    # A claim, denial or event reported by several articles: each of its refs -> every ref of
    # the group, the lead (the one shown) first. Facts reported once are not in it.
    retold: dict[Ref, tuple[Ref, ...]] = field(default_factory=dict)

    def reports(self, ref: Ref) -> tuple[Ref, ...]:
        """Every report of the same fact, the lead first ((ref,) when only one article has it)."""
        return self.retold.get(ref, (ref,))

    def is_repeat(self, ref: Ref) -> bool:
        """Whether the fact is another article's report of a fact shown under its lead."""
        group = self.retold.get(ref)
        return group is not None and group[0] != ref


@dataclass(frozen=True)
class Outcome(Pickled):
    """What refreshing content/ did: files written, files kept, problems met."""

    written: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
