"""Read content/*.md into Articles, validating every field and reporting `path:line: error:`."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .model import (ACTOR_TYPES, Actor, ActorId, Article, ArticleSlug, Claim, Denial, Event,
                    FactId, Origin, Source, Weapon, WeaponId)
from .problems import Problem
from .textutil import slugify

TOP_KEYS = ("title", "published", "source", "summary", "title_derived", "actors", "weapons",
            "claims", "denials", "events")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EDTF = re.compile(r"^(?:\d{4}|XXXX)(?:-(?:0[1-9]|1[0-2]|2[1-4]|XX)(?:-(?:0[1-9]|[12]\d|3[01]))?)?[~?%]?$")
MAX_BYTES = 2_000_000  # a content file bigger than this is a mistake, not an article


@dataclass(frozen=True)
class FrontMatter:
    """The parsed head of a content file: data, the line of every key, and the body."""

    data: dict
    lines: dict[tuple, int]
    body: str


def read_front_matter(path: Path, display: str) -> FrontMatter:
    """Split and parse a content file; raises ValueError(Problem) for what stops reading."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(Problem(display, 0, f"file is larger than {MAX_BYTES // 1_000_000} MB"))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(Problem(display, 0, f"not UTF-8 text ({error.reason} at byte {error.start})")) from None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise ValueError(Problem(display, 1, "a content file starts with a '---' line, then YAML front-matter"))
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if closing is None:
        raise ValueError(Problem(display, 1, "front-matter is never closed: did you forget the closing '---'?"))
    head = "\n".join(lines[1:closing])
    node, data = load_yaml(head, display)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise ValueError(Problem(display, 2, f"front-matter must be a mapping of keys (title:, actors: ...), not {kind}"))
    index: dict[tuple, int] = {}
    index_lines(node, (), index)
    return FrontMatter(data, index, "\n".join(lines[closing + 1:]).strip("\n") + "\n")


def load_yaml(head: str, display: str) -> tuple[Any, Any]:
    """Compose (for line numbers) and construct with the safe loader."""
    loader = yaml.SafeLoader(head)
    try:
        node = loader.get_single_node()
        _refuse_aliases(node, display)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = f"{error.problem}, {error.context}" if error.context and error.problem else error.problem or error.context
        where = f"column {mark.column + 1}: " if mark else ""
        raise ValueError(Problem(display, mark.line + 2 if mark else 1, f"{where}YAML: {detail}")) from None
    except ValueError as error:  # an impossible date such as 2024-02-30
        if error.args and isinstance(error.args[0], Problem):
            raise
        raise ValueError(Problem(display, _value_line(head, error), f"YAML: {error}")) from None
    finally:
        loader.dispose()
    return node, data


def _refuse_aliases(root: yaml.Node | None, display: str) -> None:
    """Aliases (*x) let a few lines expand into millions of items: front-matter has no need of them."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in seen:
                raise ValueError(Problem(display, node.start_mark.line + 2,
                                         "this YAML anchor (&name) is reused by an alias (*name); front-matter allows none: write the value out"))
            seen.add(id(node))
            stack.extend(v for pair in node.value for v in pair) if isinstance(node, yaml.MappingNode) \
                else stack.extend(node.value)


def _value_line(head: str, error: Exception) -> int:
    """The line of the first impossible ISO date in the head (PyYAML does not say)."""
    for number, line in enumerate(head.split("\n"), 2):
        for found in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", line):
            try:
                date(*map(int, found.groups()))
            except ValueError:
                return number
    return 1


def index_lines(node: yaml.Node | None, prefix: tuple, out: dict[tuple, int]) -> None:
    """Record the file line of every mapping key and list item, by its key path."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[prefix + (key.value,)] = key.start_mark.line + 2
            index_lines(value, prefix + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[prefix + (i,)] = item.start_mark.line + 2
            index_lines(item, prefix + (i,), out)


class Checker:
    """Collects the problems of one file while turning its front-matter into model objects."""

    def __init__(self, display: str, fm: FrontMatter):
        self.display, self.fm, self.problems = display, fm, []

    def line(self, *key: Any) -> int:
        while key and key not in self.fm.lines:
            key = key[:-1]
        return self.fm.lines.get(key, 2)

    def error(self, key: tuple, message: str) -> None:
        self.problems.append(Problem(self.display, self.line(*key), message))

    def text(self, value: Any, key: tuple, required: bool = False) -> str | None:
        if value is None or value == "":
            if required:
                self.error(key, f"`{key[-1]}` is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
            self.error(key, f"`{key[-1]}` must be text, not {_kind(value)}")
            return None
        return str(value)

    def strings(self, value: Any, key: tuple) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"`{key[-1]}` must be a list of names, not {_kind(value)}")
            return ()
        return tuple(t for i, v in enumerate(value) if (t := self.text(v, key + (i,))))

    def items(self, name: str) -> list[tuple[tuple, dict]]:
        value = self.fm.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error((name,), f"`{name}` must be a list (each item starting with '- '), not {_kind(value)}")
            return []
        good = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                good.append(((name, i), item))
            else:
                self.error((name, i), f"each of `{name}` must be a mapping (id:, name: ...), not {_kind(item)}")
        return good

    def slug(self, value: Any, key: tuple) -> str | None:
        text = self.text(value, key, required=True)
        if text is not None and not SLUG.match(text):
            self.error(key, f"id {text!r} must be a slug: lowercase letters, digits and single hyphens")
            return None
        return text

    def origin(self, key: tuple, item: dict) -> Origin:
        sentence = item.get("sentence")
        if sentence is not None and (isinstance(sentence, bool) or not isinstance(sentence, int) or sentence < 1):
            self.error(key + ("sentence",), "`sentence` must be a sentence number (1 is the first)")
            sentence = None
        return Origin(self.display, self.line(*key), sentence)


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), f"a {type(value).__name__}")


def parse_article(path: Path, display: str) -> tuple[Article | None, list[Problem]]:
    """Read one content file into an Article, with every problem found in it."""
    try:
        fm = read_front_matter(path, display)
    except ValueError as error:
        return None, [error.args[0]]
    check = Checker(display, fm)
    _check_top_keys(check)
    data = fm.data
    actors = _actors(check)
    ids = {a.id for a in actors}
    article = Article(
        slug=ArticleSlug(path.stem),
        path=display,
        title=check.text(data.get("title"), ("title",), required=True) or path.stem,
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
    check.error(("published",), f"`published` must be a date like 2024-09-07 or null, not {value!r}")
    return None


def _source(check: Checker, value: Any) -> Source:
    if value is None:
        return Source(seed=None)
    if not isinstance(value, dict):
        check.error(("source",), f"`source` must be a mapping (seed:, outlet:, url: ...), not {_kind(value)}")
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
        actors = tuple(a for i, v in enumerate(_as_list(item.get("actors")))
                       if (a := actor_ref(check, v, key + ("actors", i), ids)))
        events.append(Event(
            id=_fact_id(check, key, item, "e"), date=when or "XXXX",
            text=check.text(item.get("text"), key + ("text",), required=True) or "",
            when=check.text(item.get("when"), key + ("when",)), actors=actors,
            origin=check.origin(key, item),
        ))
    return tuple(events)


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
            check.error(("denials", i, "rebuts"), f"rebuts {denial.rebuts!r}: no claim with that id in this file "
                        "(for another article write '<slug>#<claim id>')")


def display_path(path: Path, root: Path) -> str:
    """The path as a person would type it from the project folder."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def read_articles(folder: Path, root: Path) -> tuple[list[Article], list[Problem]]:
    """Every content/*.md as an Article; a bad file is reported and the rest still read."""
    articles, problems = [], []
    for path in sorted(folder.glob("*.md")):
        article, found = parse_article(path, display_path(path, root))
        problems.extend(found)
        if article:
            articles.append(article)
    return articles, problems
