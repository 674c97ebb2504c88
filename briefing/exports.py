"""The briefing as data: briefing.json, claims.csv and timeline.json (TimelineJS format)."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from dataclasses import fields, is_dataclass
from functools import cache, partial

from . import warm
from .link import SEASONS, chronology, date_label
from .model import Article, Briefing, Event
from .views import Said, Views


# The JSON of each article and actor of briefing.json, kept by the print of its object (depends.Printer)
# while rerender.render_cached sets `printer`: a rebuild after one edit writes one article's JSON, not
# a thousand. `used` holds the pieces this process used since it was last emptied, when they are not
# written to their file as they are made (`keep`: see _kept_as_made); the build keeps them for the next.
PIECES: dict[str, str] = {}
used: dict[str, str] = {}
printer = None
keep: Keep | None = None  # set with `printer`: where the pieces used are kept for the next build


class Keep:
    """Where the pieces used are kept for the next build: a pickle of them under `key` at `path`, as
    incremental.pickle_keyed writes one (a one-off build writes it as briefing.json is made; a
    server, which holds its caches, is given the pieces used: see rerender._pieces_cached)."""

    def __init__(self, path: Path, key: str):
        self.path, self.key = path, key

    @contextlib.contextmanager
    def as_made(self) -> Iterator[_Written]:
        """A dict to set the pieces in, which writes each to the file as it is set (never holding them:
        230 MB at 10,000 articles) and is in place when the block ends without error."""
        from .incremental import replacing

        with replacing(self.path) as stream:
            pickle.dump(self.key, stream, protocol=pickle.HIGHEST_PROTOCOL)
            yield _Written(stream)
            stream.write(b".")  # STOP: the dict is whole


class _Written:
    """A dict of str keys and bytes values pickled as it is filled, item by item: PROTO 4, EMPTY_DICT,
    then each key, value and SETITEM (pickle.load reads the dict; pickle.dump would hold every item)."""

    __slots__ = ("stream",)

    def __init__(self, stream):
        self.stream = stream
        stream.write(b"\x80\x04}")

    def __setitem__(self, key: str, value: bytes) -> None:
        text = key.encode("utf-8", "surrogatepass")
        self.stream.write(_sized(b"\x8c", b"X", b"\x8d", len(text)) + text)  # SHORT_BINUNICODE, BINUNICODE(8)
        self.stream.write(_sized(b"C", b"B", b"\x8e", len(value)))  # SHORT_BINBYTES, BINBYTES(8)
        self.stream.write(value)
        self.stream.write(b"s")


def _sized(short: bytes, long: bytes, huge: bytes, size: int) -> bytes:
    """The opcode and length of a string of `size` bytes in a pickle."""
    if size < 256:
        return short + bytes((size,))
    return long + size.to_bytes(4, "little") if size < 1 << 32 else huge + size.to_bytes(8, "little")


class _Raw:
    """JSON text already written, put in place as it is by indented_json (not a str subclass: that
    would copy each piece, and the pieces are most of briefing.json)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _piece(value, level: int, data) -> _Raw:
    """indented_json(data(value), level), from PIECES when the value prints as one already written.
    The pieces used are kept as UTF-8 bytes (half a str that holds a curly quote, and pickled without
    leaving a UTF-8 copy in the str)."""
    if printer is None:
        return _Raw(indented_json(data(value), level))
    key = f"{printer(value)}:{level}"
    kept = PIECES.get(key)
    text = kept.decode("utf-8", "surrogatepass") if kept else indented_json(data(value), level)
    used[key] = kept or text.encode("utf-8", "surrogatepass")
    return _Raw(text)


class _Each:
    """A list of JSON pieces made one at a time as indented_parts reaches them: briefing.json's
    articles and actors are never all made before the first is written."""

    __slots__ = ("items", "make")

    def __init__(self, items, make):
        self.items, self.make = items, make

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return map(self.make, self.items)


def _without_body(article) -> dict:
    return {k: v for k, v in plain(article).items() if k != "body"}


def briefing_json(briefing: Briefing) -> str:
    """Everything, as JSON: articles with their facts, merged actors and weapons."""
    return "".join(briefing_json_parts(briefing))


def briefing_json_parts(briefing: Briefing) -> Iterator[str]:
    """briefing_json in parts, in order (an article's or actor's JSON is one), each made as it is
    reached: at 10,000 articles the whole is 230 MB, so it is written part by part, never joined."""
    data = {
        "title": briefing.title,
        "actors": _Each(list(briefing.actors.values()), lambda a: _piece(a, 2, plain)),
        "weapons": [plain(w) for w in briefing.weapons.values()],
        "articles": _Each(briefing.articles, lambda a: _piece(a, 2, _without_body)),
        "rebuttals": [{"claim": f"{c.article}#{c.fact}", "denials": [f"{d.article}#{d.fact}" for d in ds]}
                      for c, ds in briefing.rebuttals.items()],
    }
    with _kept_as_made():
        yield from indented_parts(data)
    yield "\n"


@contextlib.contextmanager
def _kept_as_made() -> Iterator[None]:
    """While they are to be kept (`keep` set) by a build that holds nothing for the next (not a server:
    it holds its caches in memory), the pieces used within the block are written to their file as they
    are made, not held in `used` (230 MB at 10,000 articles)."""
    global used
    if keep is None or warm.holding:
        yield
        return
    outer = used
    try:
        with keep.as_made() as used:
            yield
    finally:
        used = outer


def claims_csv(views: Views) -> str:
    """One row per claim or denial, for a spreadsheet."""
    return "".join(claims_csv_parts(views))


ROWS_PER_PART = 2000


def claims_csv_parts(views: Views) -> Iterator[str]:
    """claims_csv in parts of ROWS_PER_PART rows, made as they are taken: at 10,000 articles the whole
    is 58 MB (and a StringIO holds four bytes a character). While a server holds its caches, the lines
    of an article whose statements are those of its last build are the ones written then."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "article", "id", "speaker", "speaker_name", "cue", "text", "quote",
                     "anonymous", "rebuts", "sentence", "published", "url"])
    if warm.holding:  # (an article's statements are contiguous in views.said: _said_in holds them in its order)
        yield out.getvalue()
        yield "".join([ROWS.get(said[0].article, partial(_lines, said), partial(tuple, said))
                       for said in views._said_in.values()])
        return
    for n, s in enumerate(views.said, 1):
        writer.writerow(_claims_row(s))
        if n % ROWS_PER_PART == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


ROWS = warm.Remembered()  # claims.csv's lines of each article's statements (views.SAID: the same objects while unchanged)


def _lines(said: list[Said]) -> str:
    return "".join([_csv_line(_claims_row(s)) for s in said])


def _claims_row(s: Said) -> list:
    fact = s.fact
    return [s.kind, s.article.slug, fact.id, s.speaker.id, s.speaker.name, fact.cue or "",
            fact.text, fact.quote or "", "yes" if getattr(fact, "anonymous", False) else "",
            getattr(fact, "rebuts", None) or "", fact.origin.sentence if fact.origin else "",
            s.article.published or "", s.article.source.url or ""]


def _csv_line(row: list) -> str:
    _LINE.seek(0)
    _LINE.truncate()
    _LINE_WRITER.writerow(row)
    return _LINE.getvalue()


_LINE = io.StringIO()  # (one buffer for every line: a server's first rebuild writes 20,000 at 1,000 articles)
_LINE_WRITER = csv.writer(_LINE, lineterminator="\n")


def timeline_json(briefing: Briefing, events: list[tuple[Article, Event]] | None = None) -> str:
    """The chronology (`events`, when it is made already) in TimelineJS's JSON format (events with a
    known year only). A server reuses each unchanged article's events as it wrote them last time."""
    made: dict[str, dict[str, str | None]] = {}  # each article's events, made once (by slug: unique)

    def event_json(article: Article, event: Event) -> str | None:
        found = made.get(article.slug)
        if found is None:
            found = made[article.slug] = TIMELINE.get(article, partial(_timeline_events, article))
        return found[event.id]

    texts = (event_json(a, e) for a, e in (chronology(briefing) if events is None else events))
    return indented_json({"title": {"text": {"headline": briefing.title}},
                          "events": [_Raw(text) for text in texts if text is not None]}) + "\n"


def _timeline_events(article: Article) -> dict[str, str | None]:
    """Each event of an article as timeline.json lists it (None: its year is not known), by id."""
    made = {}
    for event in article.events:
        start = _timeline_date(event.date)
        made[event.id] = None if start is None else indented_json({
            "start_date": {**start, "display_date": date_label(event.date)[0]},
            "text": {"headline": event.when or date_label(event.date)[0], "text": event.text},
            "group": article.title,
            "unique_id": f"{article.slug}-{event.id}",
        }, 2)
    return made


TIMELINE = warm.Remembered()  # timeline.json's events of each article (the same object while unchanged)


def _timeline_date(edtf: str) -> dict | None:
    parts = edtf.rstrip("~?%").split("-")
    if parts[0] == "XXXX":
        return None
    date = {"year": parts[0]}
    if len(parts) > 1 and parts[1] != "XX":
        date["month"] = str(int(SEASONS.get(parts[1], (parts[1],))[0]))
    if len(parts) > 2:
        date["day"] = str(int(parts[2]))
    return date


def plain(value):
    """`dataclasses.asdict` for the model's frozen dataclasses (str, int, bool, None, tuples), without
    its deep copies: dataclasses become dicts, tuples lists; anything else is kept as it is."""
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_STRING = json.encoder.encode_basestring  # C; what json.dumps(ensure_ascii=False) writes a string with


_CONSTANTS = {None: "null", True: "true", False: "false"}


def indented_parts(value, level: int = 0) -> Iterator[str]:
    """indented_json(value, level) as parts that join to it, made as they are taken: the top dict
    and the lists in it (an _Each too) are not joined into one string."""
    inner = "\n" + "  " * (level + 1)
    if level < 2 and isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield ("," if n else "") + inner + f"{_STRING(key)}: "
            yield from indented_parts(item, level + 1)
        yield "\n" + "  " * level + "}"
    elif level < 2 and isinstance(value, (list, tuple, _Each)) and len(value):
        yield "["
        for n, item in enumerate(value):
            yield ("," if n else "") + inner
            yield indented_json(item, level + 1)
        yield "\n" + "  " * level + "]"
    else:
        yield indented_json([] if type(value) is _Each else value, level)


def indented_json(value, level: int = 0) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, several times faster: with an
    indent, json.dumps runs its pure-Python encoder, this writes each plain value with the C one."""
    if type(value) is _Raw:
        return value.text
    if isinstance(value, str):
        return _STRING(value)
    if value is None or isinstance(value, bool):
        return _CONSTANTS[value]
    if type(value) is int:
        return int.__repr__(value)
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        inner = "\n" + "  " * (level + 1)
        return "{" + inner + ("," + inner).join(
            f"{_STRING(k)}: {indented_json(v, level + 1)}" for k, v in value.items()) + "\n" + "  " * level + "}"
    if isinstance(value, (list, tuple)) and value:
        inner = "\n" + "  " * (level + 1)
        return "[" + inner + ("," + inner).join(indented_json(v, level + 1) for v in value) + "\n" + "  " * level + "]"
    # numbers, true/false/null, {}, [], keys that are not text; JSON strings hold no raw newline
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)
