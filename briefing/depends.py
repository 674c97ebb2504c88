"""What each page read while it rendered, so a rebuild renders again only the pages whose inputs changed.

A page's inputs are its own context and what its templates read from the `briefing` and `views`
every page shares: attributes (`briefing.title`, `views.said`) and calls (`views.answers(said)`),
noted by a recording proxy while the page renders. Each is summed up by a print (a digest of the
value, walked field by field). After an edit a page is taken from the last site only when its
context prints the same and every read it made, made again on the new views with the objects found
at the same place (same article slug, statement id, actor id), prints the same as before: the
template then runs through the same steps to the same text. Whatever cannot be printed or found
again makes the page render.
"""
from __future__ import annotations

import dataclasses
import hashlib
import itertools
import pickle
from collections.abc import Mapping, Sequence

from .model import Actor, Article, Briefing, Event, Leaf, Ref
from .views import Listing, Reported, Said
from . import warm
from .warm import AsLastTimeBy, Remembered

SHARED = ("briefing", "views")  # read through a recording proxy
FUNCTIONS = ("when", "speaker_folder")  # plain functions of the code (the cache key covers code)
def _kinds(base: type) -> set[type]:
    """The classes made from `base` by model.record (with slots; not the classes it made them from)."""
    return {kind for sub in base.__subclasses__() for kind in (sub, *_kinds(sub)) if "__slots__" in vars(kind)}


# Dataclasses of plain values only (model.Leaf's kinds), whose generated repr shows every field: printed
# by it (faster), each print kept in its object (_leaf).
LEAVES = frozenset(_kinds(Leaf))
CONTAINERS = frozenset({list, tuple, dict, set, frozenset})
NOTHING: frozenset = frozenset()
PLAIN = frozenset({str, bytes, int, float, bool, type(None)}) | LEAVES  # values that hold no article
# Article fields no code reads but to show them (templates and data files): which pages list an
# article, in what order, and under which paths never depends on them (views, pages, link, retold).
DISPLAY = frozenset({"title", "source", "title_derived", "summary"})


# Prints of articles and statements, and an article's part of the skeleton, kept while a server holds its
# caches: an article unchanged since the last save is the same object, and so are its statements (views.SAID).
PRINTED, BARE, SHOWN = Remembered(), Remembered(), Remembered()
KEPT = frozenset({Article, Said, Listing, Reported})
# The print of each page's context, kept while a server holds its caches and given again while the context
# is equal (compared, not printed: what is unchanged is the very objects of the last build, compared in C).
CONTEXTS = AsLastTimeBy()
# The print of each big field of the briefing (`retold`: 24,000 refs at 1,000 articles) with the object it
# was taken of, while a server holds its caches: link.py gives the last build's object while what it read is equal.
INDEXES: dict[tuple, tuple] = {}
# The print of each tuple a big dict of the briefing maps to, by id with the tuple, as the last build printed
# them, while a server holds its caches (Printer._by_parts).
TUPLES: dict[tuple, dict[int, tuple]] = {}
LATER = "later:"  # a context's print to come (see Printer._context)
_MARKS = itertools.count()


class Unprintable(Exception):
    """A value whose print cannot be taken: the page that holds it always renders."""


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class Printer:
    """Prints of values, each object walked once per build (a print is kept with its object,
    so its id is never reused while the print is remembered). `bodies`: whether an article's
    body counts (only when a template reads bodies; otherwise a page shows a body only through
    the `body` its context carries)."""

    def __init__(self, bodies: bool):
        self.bodies = bodies
        self.skipped = frozenset(() if bodies else ("body",))
        # By id, each print as its 12 bytes (48 bytes a print where its str takes 80; a build of 10,000 articles
        # remembers over a million): each object is in `kept` while its print is remembered.
        self.memo: dict[int, bytes] = {}
        self.kept: list = []  # (not a (value, print) pair in the memo: 56 bytes less for each of a million)
        self.shared: dict[tuple, tuple] = {}  # attribute reads of briefing and views: the same all build long
        self.names: dict[type, tuple[str, ...]] = {}
        self.reached: dict[int, frozenset] = {}  # by id, as `memo` (its objects in `kept`)
        self.inherited: tuple[dict, dict, list] | None = None  # in a forked child: the parent's memo, reached, kept

    def local(self) -> None:
        """In a forked child, before it prints: what it prints from now on goes into a memo and a list of its
        own, the parent's only read (appending to the parent's list of a million objects, or growing its
        dict, copies it whole into the child: 10 MB or more at 10,000 articles)."""
        if self.inherited is None:
            self.inherited = self.memo, self.reached, self.kept  # (the parent's list dropped would touch every object in it)
            self.memo, self.reached, self.kept = {}, {}, []

    def __call__(self, value: object) -> str:
        kind = type(value)
        if value is None or kind in (int, float, bool):
            return repr(value)
        if kind is str or isinstance(value, str):
            return kind.__name__ + ":" + (repr(value) if len(value) < 48 else _digest(value))
        if kind is bytes:  # (a rendered body: markup.Html)
            return "bytes:" + hashlib.blake2b(value, digest_size=12).hexdigest()
        if kind in LEAVES:
            return _leaf(value)
        kept = self._known(self.memo, 0, value)  # an object (a statement's 500 reports, an article) printed once a build
        if kept is not None:
            return kept.hex()
        if kind in CONTAINERS:
            print_ = self._container(kind, value)
            if len(value) > 4:
                self._remember(value, print_)
            return print_
        if kind not in self.names and not dataclasses.is_dataclass(kind):
            raise Unprintable(kind.__name__)
        return self._instance(value)

    def _known(self, own: dict, part: int, value: object):
        """What `own` (the memo or `reached`) holds for this object, or, in a forked child, the parent's."""
        found = own.get(id(value))
        if found is None and self.inherited is not None:
            found = self.inherited[part].get(id(value))
        return found

    def _remember(self, value: object, print_: str) -> None:
        self.memo[id(value)] = bytes.fromhex(print_)
        self.kept.append(value)  # (so its id is never another object's while the print is remembered)

    def _names(self, kind: type) -> tuple[str, ...]:
        """A dataclass's field names, looked up once a build."""
        names = self.names.get(kind)
        if names is None:
            names = self.names[kind] = tuple(f.name for f in dataclasses.fields(kind))
        return names

    def _container(self, kind: type, value) -> str:
        if kind in (list, tuple):
            return _digest(kind.__name__ + "[" + ",".join(map(self, value)) + "]")
        if kind is dict:
            return _digest("{" + ",".join(f"{self(k)}:{self(v)}" for k, v in value.items()) + "}")
        return _digest("{" + ",".join(sorted(map(self, value))) + "}")

    def _instance(self, value: object) -> str:
        if type(value) in KEPT:  # an article or statement unchanged since a server's last build prints as it did
            skipped = self.skipped if type(value) is Article else ()
            print_ = PRINTED.get(value, lambda: self._fields(value, skipped), lambda: self.skipped)
        else:
            print_ = self._fields(value, ())
        self._remember(value, print_)
        return print_

    def _fields(self, value: object, skipped) -> str:
        names = self._names(type(value))
        return _digest(type(value).__qualname__ + "(" + ",".join(self._field(value, n) for n in names if n not in skipped) + ")")

    def _field(self, owner: object, name: str) -> str:
        """The print of a field; a big index of the briefing's is printed again only when it is another
        object that is not equal (in a server, link.py gives the last build's while what it read is equal)."""
        value = getattr(owner, name)
        if type(owner) is not Briefing or type(value) not in (dict, tuple) or len(value) <= 100:
            return self(value)
        kept = INDEXES.get((name, self.skipped))
        if kept is not None and kept[0] is value:  # (an equal one is printed again: comparing costs as much)
            return kept[1]
        print_ = self._by_parts(name, value) if warm.holding and type(value) is dict else self(value)
        if warm.holding:
            INDEXES[(name, self.skipped)] = (value, print_)
        return print_

    def _by_parts(self, name: str, index: dict) -> str:
        """self(index) in a server, each tuple it maps to printed as in the last build while it is the very
        same object (retold's groups of an unchanged speaker are: retold.GROUPED), not walked again (a tuple
        holds what it held: a group's refs, which are leaves)."""
        kept = self._known(self.memo, 0, index)
        if kept is not None:
            return kept.hex()
        last, now = TUPLES.get((name, self.skipped), {}), {}

        def part(value) -> str:
            if type(value) is not tuple:
                return self(value)
            known = now.get(id(value)) or last.get(id(value))
            if known is None or known[0] is not value:
                known = (value, self(value))
            now[id(value)] = known
            return known[1]

        print_ = _digest("{" + ",".join(f"{_leaf(k) if type(k) in LEAVES else self(k)}:{part(v)}"
                                        for k, v in index.items()) + "}")
        TUPLES[(name, self.skipped)] = now
        if len(index) > 4:
            self._remember(index, print_)
        return print_

    def shown(self, article: Article) -> str:
        """The print of an article with its body (what its page shows of it): as it printed in a server's
        last build while it is the same object."""
        return SHOWN.get(article, lambda: self([article, article.body]), lambda: self.skipped)

    def skeleton(self, briefing) -> str:
        """The print of a briefing but for what only shows its articles (DISPLAY; bodies too when
        they do not count): what is on which page, and in what order. Only `articles` holds
        articles (the other fields hold ids and refs); an article's parts are printed once a build."""
        names, bare = self._names(Article), []
        for article in briefing.articles:
            bare.append(BARE.get(article, lambda a=article: ",".join(
                self(getattr(a, n)) for n in names if n not in DISPLAY and n not in self.skipped), lambda: self.skipped))
        rest = (self._field(briefing, f.name) for f in dataclasses.fields(briefing) if f.name != "articles")
        return _digest(f"{type(briefing).__qualname__}({','.join(rest)},{_digest(';'.join(bare))})")

    def reach(self, value: object) -> frozenset:
        """The slugs of the articles a value holds (walked as its print is): a page that shows it can
        show nothing else of an article, so an edit to others' titles leaves the page as it is."""
        kind = type(value)
        if kind in PLAIN or isinstance(value, str):
            return NOTHING
        kept = self._known(self.reached, 1, value)
        if kept is not None:
            return kept
        if kind is Article:
            found = frozenset((value.slug,))
        elif kind in CONTAINERS:
            found = self._reach_all([*value.keys(), *value.values()] if kind is dict else value)
        elif dataclasses.is_dataclass(kind):
            found = self._reach_all([getattr(value, n) for n in self._names(kind)])
        else:
            raise Unprintable(kind.__name__)
        if kind not in CONTAINERS or len(value) > 4:
            self.reached[id(value)] = found
            self.kept.append(value)
        return found

    def _reach_all(self, values) -> frozenset:
        found = NOTHING
        for value in values:
            if type(value) in PLAIN:  # most of what a page holds: skipped without a call
                continue
            part = self.reach(value)
            if part and not part <= found:
                found = found | part if found else part  # (one object for all that reach the same articles)
        return found

    def context(self, page) -> str | None:
        """The print of a page: its path, template, and context but for the shared objects (None if unprintable)."""
        try:
            own = own_context(page)
            return CONTEXTS.get(page.path, lambda: self._context(page.path, [page.path, page.template, own, page.text]),
                                lambda: (page.template, own, page.text))
        except Unprintable:
            return None

    def _context(self, path: str, value: list) -> str:
        """The print of a page's context; in a server, for a page whose last context printed and differs from
        this one, a mark that no print equals, the print itself made once the server is idle (`print_later`):
        the page renders anyway, and only the next build compares what this one printed."""
        if not (warm.holding and path in CONTEXTS.by_key):
            return self(value)
        return f"{LATER}{next(_MARKS)}"


def _leaf(value) -> str:
    """The print of a leaf (a model.Leaf: its generated repr shows every field), kept in it once taken."""
    try:
        return value._print.hex()
    except AttributeError:
        print_ = _digest(repr(value))
        object.__setattr__(value, "_print", bytes.fromhex(print_))
        return print_


def print_later(pages: dict, printer: Printer) -> None:
    """Print the contexts a server left marked (Printer._context), in place of their marks: in `pages`
    (path -> (print, read keys), as a build recorded them) and in what the next contexts are compared
    with (which holds each context as it was marked: equal to the one the page was rendered from)."""
    for path, (print_, reads) in list(pages.items()):
        if not print_.startswith(LATER):
            continue
        warm.go_on()  # (a build that starts meanwhile finds the rest still marked)
        last = CONTEXTS.by_key.get(path)
        try:
            printed = printer([path, *last[0]]) if last is not None and last[1] == print_ else None
        except Unprintable:
            printed = None
        if printed is None:  # (the page renders again at the next build)
            del pages[path]
        else:
            pages[path] = (printed, reads)
        CONTEXTS.replace(path, print_, printed)


def own_context(page) -> dict:
    """A page's context but for the shared objects (recorded as they are read) and plain functions."""
    return {k: v for k, v in page.context.items() if k not in SHARED and k not in FUNCTIONS}


def locate(args: tuple) -> tuple | None:
    """Where each argument of a recorded call is found again in another build's views (None: nowhere)."""
    places = []
    for n, arg in enumerate(args):
        if arg is None or type(arg) in (str, int, bool):
            places.append(("value", arg))
        elif type(arg) is Said:
            places.append(("said", arg.article.slug, arg.fact.id))
        elif type(arg) is Article:
            places.append(("article", arg.slug))
        elif type(arg) is Actor:
            places.append(("actor", arg.id))
        elif type(arg) is Event and n > 0 and type(args[n - 1]) is Article:
            places.append(("event", args[n - 1].slug, arg.id))
        else:
            return None
    return tuple(places)


_MISSING = object()


def found(place: tuple, views) -> object:
    """The object at `place` in these views (_MISSING when it is gone)."""
    kind = place[0]
    if kind == "value":
        return place[1]
    if kind == "said":
        return views._by_ref.get(Ref(place[1], place[2]), _MISSING)
    if kind == "actor":
        return views.briefing.actors.get(place[1], _MISSING)
    article = views._by_slug.get(place[1], _MISSING)
    if kind == "article" or article is _MISSING:
        return article
    return next((e for e in article.events if e.id == place[2]), _MISSING)


class Recorder:
    """The reads of the page being rendered: read key -> (prints of its arguments, print of its result)."""

    def __init__(self, printer: Printer):
        self.printer = printer
        self.reads: dict[tuple, tuple] = {}
        self.unknown = False  # a read that cannot be made again: the page must always render
        self.reached: set[str] = set()  # slugs of the articles its reads gave or were given

    def attribute(self, owner: str, name: str, value: object) -> None:
        key = (owner, name)
        if key in self.reads:
            return
        if key in self.printer.shared:
            self.reads[key] = self.printer.shared[key]
            self._reach(value)
        else:
            self._note(key, (), value)
            if key in self.reads:
                self.printer.shared[key] = self.reads[key]

    def call(self, owner: str, name: str, method, args: tuple, kwargs: dict):
        result = method(*args, **kwargs)
        places = locate(args)
        if places is None or kwargs:
            self.unknown = True
        else:
            key = (owner, name, places)
            if key not in self.reads:
                self._note(key, args, result)
        return result

    def _note(self, key: tuple, args: tuple, value: object) -> None:
        try:
            self.reads[key] = (tuple(map(self.printer, args)), self.printer(value))
            self._reach(args, value)
        except Unprintable:
            self.unknown = True

    def _reach(self, *values: object) -> None:
        for value in values:
            self.reached |= self.printer.reach(value)

    def touched(self, page) -> frozenset | None:
        """The slugs of every article the page's own context and its reads hold (None: not known)."""
        try:
            return None if self.unknown else frozenset(self.reached | self.printer.reach(own_context(page)))
        except Unprintable:
            return None


class Recording:
    """A stand-in for `briefing` or `views` in a page's context that notes every attribute read and call."""

    __slots__ = ("_target", "_owner", "_recorder", "_calls")

    def __init__(self, target: object, owner: str, recorder: Recorder):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_owner", owner)
        object.__setattr__(self, "_recorder", recorder)
        object.__setattr__(self, "_calls", {})  # name -> RecordedCall: a page calls views.listing once per statement

    def __getattr__(self, name: str):
        call = self._calls.get(name)
        if call is not None:
            return call
        value = getattr(self._target, name)
        if callable(value) and getattr(value, "__self__", None) is self._target:
            call = self._calls[name] = RecordedCall(self._recorder, self._owner, name, value)
            return call
        if type(value) in (list, tuple):
            return SequenceRead(value, self._owner, name, self._recorder)
        if type(value) is dict:
            return MappingRead(value, self._owner, name, self._recorder)
        self._recorder.attribute(self._owner, name, value)
        return value

    def __bool__(self) -> bool:
        return True


class RecordedCall:
    """A method of a shared object, each call of which its page's Recorder notes (render._Context
    calls it without inspecting it, as it does a macro)."""

    __slots__ = ("recorder", "owner", "name", "method")

    def __init__(self, recorder: Recorder, owner: str, name: str, method):
        self.recorder, self.owner, self.name, self.method = recorder, owner, name, method

    def __call__(self, *args, **kwargs):
        return self.recorder.call(self.owner, self.name, self.method, args, kwargs)


class CollectionRead:
    """A list or dict of the shared objects: its length alone is a read of its length (the footer
    counts articles on every page); anything else reads it whole."""

    __slots__ = ("_value", "_owner", "_name", "_recorder")

    def __init__(self, value, owner: str, name: str, recorder: Recorder):
        self._value, self._owner, self._name, self._recorder = value, owner, name, recorder

    def _whole(self):
        self._recorder.attribute(self._owner, self._name, self._value)
        return self._value

    def __len__(self) -> int:
        self._recorder.attribute(self._owner, LENGTH + self._name, len(self._value))
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._whole())

    def __iter__(self):
        return iter(self._whole())

    def __reversed__(self):
        return reversed(self._whole())

    def __getitem__(self, key):
        return self._whole()[key]

    def __contains__(self, item) -> bool:
        return item in self._whole()

    def __eq__(self, other) -> bool:
        return self._whole() == other

    __hash__ = None

    def __getattr__(self, name: str):  # .values(), .items(), .get(), .index() ...
        return getattr(self._whole(), name)

    def __str__(self) -> str:
        return str(self._whole())

    def __repr__(self) -> str:
        return repr(self._whole())


class SequenceRead(CollectionRead):
    """A list or tuple read through CollectionRead (Jinja2's tests see a sequence)."""

    __slots__ = ()


class MappingRead(CollectionRead):
    """A dict read through CollectionRead (Jinja2's tests see a mapping)."""

    __slots__ = ()


Sequence.register(SequenceRead)
Mapping.register(MappingRead)
LENGTH = "len:"


def recorded_context(context: dict, recorder: Recorder) -> dict:
    """A page's context with its shared objects behind recording proxies."""
    return {k: Recording(v, k, recorder) if k in SHARED else v for k, v in context.items()}


def packed(reads: dict[tuple, tuple]) -> dict[bytes, bytes]:
    """A Recorder's reads as a build keeps them: each key pickled, its prints sealed in 16 bytes (see
    `sealed`). Two bytes objects a read instead of about ten tuples and strings: 10,000 articles make
    hundreds of thousands of distinct reads, which the build holds to save them in pages.pickle."""
    return {pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL): sealed(*prints) for key, prints in reads.items()}


def sealed(args: tuple, result: str) -> bytes:
    """The prints of a read's arguments and of its result, as two 8-byte digests side by side."""
    return _seal(repr(args)) + _seal(result)


def _seal(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def read_again(key: bytes, old: bytes, views, printer: Printer) -> bool:
    """Whether a read (as `packed` keeps it) gives, on these views, what it gave when it was recorded."""
    try:
        owner, name, *rest = pickle.loads(key)
        target = views if owner == "views" else views.briefing
        if not rest and name.startswith(LENGTH):
            return _seal(printer(len(getattr(target, name[len(LENGTH):])))) == old[8:]
        if not rest:
            return _seal(printer(getattr(target, name))) == old[8:]
        args = tuple(found(place, views) for place in rest[0])
        if any(a is _MISSING for a in args) or _seal(repr(tuple(map(printer, args)))) != old[:8]:
            return False
        return _seal(printer(getattr(target, name)(*args))) == old[8:]
    except Exception:  # noqa: BLE001 - anything a read raises now means: render the page
        return False
