"""Read content/*.md into Articles, validating every field and reporting `path:line: error:`."""
from __future__ import annotations

import difflib
import hashlib
import re
from calendar import monthrange
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from .model import (ACTOR_TYPES, Actor, ActorId, Article, ArticleSlug, Claim, Denial, Event,
                    FactId, Source, Weapon, WeaponId)
from .problems import Problem, refuse_outside_link
from .textutil import display_path, slugify
from .yamlhead import SLUG, Checker, FrontMatter, kind_of, read_front_matter

TOP_KEYS = ("title", "published", "source", "summary", "title_derived", "actors", "weapons",
            "claims", "denials", "events")
EDTF = re.compile(r"^(?:\d{4}|XXXX)(?:-(?:0[1-9]|1[0-2]|2[1-4]|XX)(?:-(?:0[1-9]|[12]\d|3[01]))?)?[~?%]?$")


def parse_article(path: Path, display: str) -> tuple[Article | None, list[Problem]]:
    """Read one content file into an Article, with every problem found in it."""
    try:
        fm = read_front_matter(path, display)
    except ValueError as error:
        return None, [error.args[0]]
    article, problems = article_from(fm, path.stem, display)
    return unanchored_where_unmarked(article) if article is not None else (None, problems)


PARSES_PER_PROCESS = 150  # files: below this a forked process costs more than it saves


def parse_articles(files: list[tuple[Path, str]], processes: int = 0) -> list[tuple[Article | None, list[Problem]]]:
    """parse_article of each (path, display path), in order; over forked processes (`processes`, 0: one
    per core) when there are enough files to pay: a cold build reads every file before anything else."""
    from .workers import chunked, forked_map, useful_processes

    count = useful_processes(processes, len(files), PARSES_PER_PROCESS)
    if count <= 1:
        return [parse_article(path, display) for path, display in files]
    parts = chunked(list(enumerate(files)), -(-len(files) // count))
    numbered = []
    for found, places in forked_map(_parse_part, parts, count, per_child=1):
        numbered.extend(found)
        PLACES.update(places)
    return [parsed for _, parsed in sorted(numbered, key=lambda pair: pair[0])]


# The words each body uses as places (names.used_as_places), by body_key, worked out where the body was
# parsed over several processes (resolve needs them of every body): incremental.resolve_cached takes them.
PLACES: dict[bytes, frozenset] = {}


def body_key(body: str) -> bytes:
    """A short digest of an article body."""
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _parse_part(part: list[tuple[int, tuple[Path, str]]]) -> tuple[list[tuple[int, tuple]], dict[bytes, frozenset]]:
    from .names import used_as_places

    found = [(number, parse_article(path, display)) for number, (path, display) in part]
    bodies = (parsed[0].body for _, parsed in found if parsed[0] is not None)
    return found, {body_key(body): frozenset(used_as_places(body)) for body in bodies}


def unanchored_where_unmarked(article: Article) -> tuple[Article, list[Problem]]:
    """The article with each fact whose `sentence` its page cannot mark (one in a heading, a list, a
    quotation or a table, or past the body's end) left unanchored, and a warning for each: links to it
    then go to the article, where a link to the sentence would find nothing."""
    from .markup import marked_sentences

    marked, total = marked_sentences(article.body)
    problems: list[Problem] = []

    def mended(item, label: str):
        sentence = item.origin.sentence if item.origin else None
        if sentence is None or sentence in marked:
            return item
        why = f"the body has {total}" if sentence > total else "it is in a heading, a list, a quotation or a table"
        problems.append(Problem(article.path, item.origin.line, f"{label}: sentence {sentence} cannot be marked on the "
                                f"article page ({why}): its links go to the article instead", "warning"))
        return replace(item, origin=replace(item.origin, sentence=None))

    facts = {name: tuple(mended(x, f"{name[:-1]} {x.id}") for x in getattr(article, name))
             for name in ("weapons", "claims", "denials", "events")}
    return (replace(article, **facts) if problems else article), problems


def article_from(fm: FrontMatter, slug: str, display: str) -> tuple[Article | None, list[Problem]]:
    """The Article a parsed content file holds, with every problem found in it."""
    check = Checker(display, fm)
    _check_top_keys(check)
    data = fm.data
    actors = _actors(check)
    ids = {a.id for a in actors}
    article = Article(
        slug=ArticleSlug(slug),
        path=display,
        title=check.text(data.get("title"), ("title",), required=True) or slug,
        published=_published(check, data.get("published")),
        source=_source(check, data.get("source")),
        body=fm.body,
        actors=actors,
        weapons=_weapons(check, ids),
        claims=tuple(_claim(check, key, item, ids) for key, item in check.items("claims")),
        denials=tuple(_denial(check, key, item, ids) for key, item in check.items("denials")),
        events=_events(check, ids),
        title_derived=data.get("title_derived") is True,
        summary=check.text(data.get("summary"), ("summary",)),
    )
    _check_fact_ids(check, article)
    return (article if not check.problems else None), check.problems


def _check_top_keys(check: Checker) -> None:
    for key in check.fm.data:
        if key not in TOP_KEYS:
            hint = difflib.get_close_matches(str(key), TOP_KEYS, n=1)
            suffix = f": did you mean `{hint[0]}`?" if hint else f" (known keys: {', '.join(TOP_KEYS)})"
            check.error((key,), f"unknown key `{key}`{suffix}")


def _published(check: Checker, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\d$", value):  # quoted: "2024-09-07"
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError as error:
            check.error(("published",), f"`published` {value!r} is not a real date ({error})")
            return None
    check.error(("published",), f"`published` must be a date like 2024-09-07 or null, not {value!r}")
    return None


def _source(check: Checker, value: Any) -> Source:
    if value is None:
        return Source(seed=None)
    if not isinstance(value, dict):
        check.error(("source",), f"`source` must be a mapping (seed:, outlet:, url: ...), not {kind_of(value)}")
        return Source(seed=None)
    url = check.text(value.get("url"), ("source", "url"))
    if url and not re.match(r"^https?://[^\s\"'<>]+$", url):
        check.error(("source", "url"), f"`url` must be an http(s) address, not {url!r}")
        url = None
    return Source(
        seed=check.text(value.get("seed"), ("source", "seed")),
        outlet=check.text(value.get("outlet"), ("source", "outlet")),
        url=url,
        authors=check.strings(value.get("authors"), ("source", "authors")),
        dateline=check.text(value.get("dateline"), ("source", "dateline")),
    )


def _actors(check: Checker) -> tuple[Actor, ...]:
    actors: dict[str, Actor] = {}
    for key, item in check.items("actors"):
        actor = make_actor(check, key, item)
        if actor and actor.id in actors:
            check.error(key + ("id",), f"actor id {actor.id!r} appears twice in this file: merge the two entries")
        elif actor:
            actors[actor.id] = actor
    return tuple(actors.values())


def make_actor(check: Checker, key: tuple, item: dict) -> Actor | None:
    """One actor entry (of a content file or the curated registry), checked."""
    actor_id = check.slug(item.get("id"), key + ("id",))
    kind = check.text(item.get("type"), key + ("type",)) or "organization"
    if kind not in ACTOR_TYPES:
        check.error(key + ("type",), f"actor type {kind!r} is not one of {', '.join(ACTOR_TYPES)}")
    if not actor_id:
        return None
    return Actor(
        id=ActorId(actor_id),
        name=check.text(item.get("name"), key + ("name",), required=True) or actor_id,
        type=kind,
        aliases=check.strings(item.get("aliases"), key + ("aliases",)),
        role=check.text(item.get("role"), key + ("role",)),
        description=check.text(item.get("description"), key + ("description",)),
    )


def actor_ref(check: Checker, value: Any, key: tuple, ids: set[str], required: bool = False) -> ActorId | None:
    """An actor id that must name an actor of this file."""
    text = check.text(value, key, required)
    if text is None:
        return None
    if text not in ids:
        hint = difflib.get_close_matches(text, sorted(ids), n=1)
        check.error(key, f"{key[-1]} {text!r} is not an actor id of this file"
                    + (f": did you mean {hint[0]!r}?" if hint else " (add it under `actors:`)"))
        return None
    return ActorId(text)


def _weapons(check: Checker, ids: set[str]) -> tuple[Weapon, ...]:
    weapons = []
    for key, item in check.items("weapons"):
        name = check.text(item.get("name"), key + ("name",), required=True)
        weapon_id = item.get("id") or (name and slugify(name))
        weapon_id = check.slug(weapon_id, key + ("id",))
        if not (name and weapon_id):
            continue
        weapons.append(Weapon(
            id=WeaponId(weapon_id), name=name,
            aliases=check.strings(item.get("aliases"), key + ("aliases",)),
            supplier=actor_ref(check, item.get("supplier"), key + ("supplier",), ids),
            recipient=actor_ref(check, item.get("recipient"), key + ("recipient",), ids),
            quantity=check.text(item.get("quantity"), key + ("quantity",)),
            status=check.text(item.get("status"), key + ("status",)),
            origin=check.origin(key, item),
        ))
    return tuple(weapons)


def _fact_id(check: Checker, key: tuple, item: dict, prefix: str) -> FactId:
    value = item.get("id")
    if value is None:
        return FactId(f"{prefix}{key[1] + 1}")
    text = check.text(value, key + ("id",)) or ""
    if not re.match(r"^[a-z][a-z0-9-]*$", text):
        check.error(key + ("id",), f"id {text!r} must start with a letter and hold only a-z, 0-9 and '-'")
    return FactId(text)


def _statement(check: Checker, key: tuple, item: dict, ids: set[str], prefix: str) -> dict:
    """The fields claims and denials share, checked."""
    return {
        "id": _fact_id(check, key, item, prefix),
        "speaker": actor_ref(check, item.get("speaker"), key + ("speaker",), ids, required=True) or ActorId(""),
        "text": check.text(item.get("text"), key + ("text",), required=True) or "",
        "cue": check.text(item.get("cue"), key + ("cue",)),
        "quote": check.text(item.get("quote"), key + ("quote",)),
        "origin": check.origin(key, item),
    }


def _claim(check: Checker, key: tuple, item: dict, ids: set[str]) -> Claim:
    return Claim(**_statement(check, key, item, ids, "c"), anonymous=item.get("anonymous") is True)


def _denial(check: Checker, key: tuple, item: dict, ids: set[str]) -> Denial:
    return Denial(**_statement(check, key, item, ids, "d"), rebuts=check.text(item.get("rebuts"), key + ("rebuts",)))


def _events(check: Checker, ids: set[str]) -> tuple[Event, ...]:
    events = []
    for key, item in check.items("events"):
        raw = item.get("date")
        when = raw.isoformat() if isinstance(raw, date) else check.text(raw, key + ("date",), required=True)
        if when and not EDTF.match(when):
            check.error(key + ("date",), f"date {when!r} is not EDTF (2024-03-06, 2024-03, 2024, XXXX-12, 2024-21 for spring)")
        elif when and not real_day(when):
            check.error(key + ("date",), f"date {when!r} names a day its month does not have")
        actors = tuple(a for i, v in enumerate(_as_list(item.get("actors")))
                       if (a := actor_ref(check, v, key + ("actors", i), ids)))
        events.append(Event(
            id=_fact_id(check, key, item, "e"), date=when or "XXXX",
            text=check.text(item.get("text"), key + ("text",), required=True) or "",
            when=check.text(item.get("when"), key + ("when",)), actors=actors,
            origin=check.origin(key, item),
        ))
    return tuple(events)


def real_day(when: str) -> bool:
    """Whether an EDTF date's day exists in its month (XXXX-02-29 does: some year has it)."""
    found = re.match(r"^(\d{4}|XXXX)-(0[1-9]|1[0-2])-(\d\d)", when)
    if not found:
        return True
    year = 2000 if found[1] == "XXXX" else int(found[1])
    return int(found[3]) <= monthrange(year, int(found[2]))[1]


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _check_fact_ids(check: Checker, article: Article) -> None:
    seen: set[str] = set()
    groups = (("claims", article.claims), ("denials", article.denials), ("events", article.events))
    for name, facts in groups:
        for i, fact in enumerate(facts):
            if fact.id in seen:
                check.error((name, i, "id"), f"id {fact.id!r} is used twice in this file; ids anchor links, keep them unique")
            seen.add(fact.id)
    claim_ids = {c.id for c in article.claims}
    for i, denial in enumerate(article.denials):
        if denial.rebuts and "#" not in denial.rebuts and denial.rebuts not in claim_ids:
            hint = difflib.get_close_matches(denial.rebuts, sorted(claim_ids), n=1, cutoff=0.5)
            check.error(("denials", i, "rebuts"), f"rebuts {denial.rebuts!r}: no claim with that id in this file"
                        + (f": did you mean {hint[0]!r}?" if hint else "")
                        + " (for another article write '<slug>#<claim id>')")


def read_articles(folder: Path, root: Path) -> tuple[list[Article], list[Problem]]:
    """Every content/*.md as an Article; a bad file is reported and the rest still read."""
    articles, problems = [], []
    for path in sorted(folder.glob("*.md")):
        display = display_path(path, root)
        try:
            _check_file(path, root, display)
        except ValueError as error:
            problems.append(error.args[0])
            continue
        article, found = parse_article(path, display)
        problems.extend(found)
        if article:
            articles.append(article)
    return articles, problems


def _check_file(path: Path, root: Path, display: str) -> None:
    """A content file is a regular file inside the project, named by its slug (the page's URL)."""
    refuse_outside_link(path, root, display)
    if not path.is_file():
        raise ValueError(Problem(display, 0, "not a regular file: skipped", "warning"))
    if not SLUG.match(path.stem):
        raise ValueError(Problem(display, 0, f"the file name becomes the page's URL: rename it to "
                                 f"{slugify(path.stem)}.md (lowercase letters, digits and single hyphens)"))
