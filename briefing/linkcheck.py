"""Check that every relative link and asset of the rendered site points at a file (and anchor) it has."""
from __future__ import annotations

import functools
import posixpath
import re
import sys
from array import array
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import Problem, leads_outside

EXTERNAL = ("http:", "https:", "mailto:", "data:", "javascript:")


class LinkCollector(HTMLParser):
    """The ids and the links of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Collect ids (link targets) and href/src values (links) with their line."""
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.links.append((value, self.getpos()[0]))


def static_sources(folder: Path) -> list[Path]:
    """The static assets to publish: files under `folder`, but no symlink out of the project (the folder
    holding templates/), which `outside_links` names in a warning."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and leads_outside(p, folder.parent.parent) is None)


def page_links(text: str) -> tuple[list[tuple[str, int]], set[str]]:
    """The links (with their lines) and the ids of one HTML page; equal link texts share one string
    (the same links recur on thousands of pages, and a build holds them all for the check)."""
    found = _plain_page_links(text)
    if found is None:  # markup the quick reading does not vouch for: html.parser reads it
        collector = LinkCollector()
        collector.feed(text)
        found = collector.links, collector.ids
    return [(sys.intern(link), line) for link, line in found[0]], found[1]


def found_links(text: str) -> tuple[tuple[str, ...], array, frozenset]:
    """page_links as a build keeps a page's: (link texts, their lines in an array, ids), made in one pass
    over the page's wanted tags (half a million a site)."""
    found = _plain_found(text)
    if found is None:
        links, ids = page_links(text)
        return tuple(link for link, _ in links), array("I", (line for _, line in links)), frozenset(ids)
    return found


# Well-formed markup as our templates write it: start tags with quoted or plain attribute values, end
# tags, one doctype. Where every '<' of a page begins one of these, html.parser reads exactly these
# tags and attributes (its tolerant patterns accept a superset), so a regex finds what it finds.
_SPACE = "[ \\t\\n\\r\\f]"
_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = f"\"[^\"]*\"|'[^']*'|[^ \\t\\n\\r\\f\"'=<>`]+"
_ATTR = re.compile(f"{_SPACE}+({_NAME})(?:{_SPACE}*={_SPACE}*({_VALUE}))?")
_ATTRS = f"(?:{_SPACE}+{_NAME}(?:{_SPACE}*={_SPACE}*(?:{_VALUE}))?)*"
_START = re.compile(f"<[a-zA-Z][-a-zA-Z0-9]*({_ATTRS}){_SPACE}*/?>")
_TOKEN = re.compile(f"<[a-zA-Z][-a-zA-Z0-9]*{_ATTRS}{_SPACE}*/?>|</[a-zA-Z][-.a-zA-Z0-9:_]*{_SPACE}*>")
_DOCTYPE = "<!doctype html>"
# A start tag that may have an id, href or src (a superset: its attributes, group 1, are then read exactly).
# (Its letters spelt in both cases rather than re.I, which folds every character the pattern meets: 15% faster.)
_WANTED = re.compile(
    f"<[a-zA-Z](?=[^<]*?{_SPACE}(?:[iI][dD]|[hH][rR][eE][fF]|[sS][rR][cC]){_SPACE}*=)[-a-zA-Z0-9]*({_ATTRS}){_SPACE}*/?>")
# Elements whose content html.parser reads as text in some Python version: vouched for only when
# their content holds no '<'.
# (The look-ahead for their first letters passes over every other tag at once: twice as fast.)
_RAW_TEXT = re.compile(
    f"<(?=[sStTxXiInNpP])(script|style|title|textarea|xmp|iframe|noembed|noframes|noscript|plaintext)(?={_SPACE}|/|>)",
    re.I)


def _plain_page_links(text: str) -> tuple[list[tuple[str, int]], set[str]] | None:
    """What LinkCollector finds in a page of plain, well-formed markup; None for any other page."""
    found = _plain_found(text)
    return None if found is None else (list(zip(found[0], found[1])), set(found[2]))


def _plain_found(text: str) -> tuple[tuple[str, ...], array, frozenset] | None:
    """_plain_page_links as found_links gives it; None for a page of other markup."""
    doctypes = 1 if text[:len(_DOCTYPE)].lower() == _DOCTYPE else 0
    if len(_TOKEN.findall(text)) + doctypes != text.count("<"):
        return None  # a comment, a '<' in an attribute or in text, a malformed tag
    for raw in _RAW_TEXT.finditer(text):
        tag = _START.match(text, raw.start())
        after = text.find("<", tag.end())
        if after < 0 or text[after:after + len(raw.group(1)) + 2].lower() != f"</{raw.group(1).lower()}":
            return None
    links, lines, ids, line, at = [], array("I"), set(), 1, 0
    count, append, mark = text.count, links.append, lines.append  # half a million tags a site: no lookups per tag
    for wanted in _WANTED.finditer(text):
        start = wanted.start()
        line += count("\n", at, start)
        at = start
        tag_ids, tag_links = _wanted_attributes(wanted.group(1))
        if tag_ids:
            ids.update(tag_ids)
        for link in tag_links:
            append(link)
            mark(line)
    return tuple(links), lines, frozenset(ids)


@functools.lru_cache(maxsize=32768)
def _wanted_attributes(attributes: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids and the href and src values (interned), in order, of a start tag's attributes; a site's
    500,000 such tags are a few tens of thousands of distinct attribute texts."""
    ids, links = [], []
    for name, value in _ATTR.findall(attributes):
        name = name.lower()
        if name in ("id", "href", "src"):
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            if value and "&" in value:
                value = unescape(value)
            if value:
                (ids if name == "id" else links).append(sys.intern(value))
    return tuple(ids), tuple(links)


def static_files(folder: Path) -> set[str]:
    """Site paths of the static assets copied beside the pages."""
    return {f"static/{p.relative_to(folder).as_posix()}" for p in static_sources(folder)}


def check_links(files: dict[str, str], extra: set[str] = frozenset()) -> list[Problem]:
    """A problem for every link that leaves the site by an absolute path or points at nothing."""
    parsed = {}
    for path, text in files.items():
        if path.endswith(".html"):
            collector = LinkCollector()
            collector.feed(text)
            parsed[path] = collector
    known = set(files) | set(extra)
    problems = []
    for path, collector in sorted(parsed.items()):
        for link, line in collector.links:
            message = broken_link(path, link, known, parsed)
            if message:
                problems.append(Problem(f"site/{path}", line, message))
    return problems


def broken_link(page: str, link: str, known: set[str], parsed: dict[str, LinkCollector]) -> str | None:
    if link.startswith(EXTERNAL) or link.startswith("pagefind/") or "/pagefind/" in link:
        return None
    if link.startswith("/") or link.startswith("//"):
        return f"link {link!r} starts with '/': it breaks when the site lives under a sub-path"
    target, fragment = resolve(page, link)
    if target.startswith(".."):
        return f"link {link!r} leaves the site"
    if target not in known:
        return f"link {link!r} points at {target}, which the site does not have"
    if fragment and target in parsed and fragment not in parsed[target].ids:
        return f"link {link!r}: {target} has no element with id {fragment!r}"
    return None


def targets(page: str, links) -> list[tuple[str | None, str]]:
    """(site path, fragment) each link of `page` points at, as broken_link works it out; (None, "")
    for a link it judges some other way (external, absolute, search, leaving the site). A site's
    400,000 links are 30,000 texts, each taken apart once (_shape); then a link is a concatenation."""
    bases, out = _bases(_folder(page)), []
    for link in links:
        shape = _shape(link)
        if shape is _ELSEWHERE:
            out.append(shape)
        elif shape is None or bases is None or shape[0] >= len(bases):  # odd links and folders: resolve()
            target, fragment = resolve(page, link)
            out.append(_ELSEWHERE if target.startswith("..") else (sys.intern(target), sys.intern(fragment)))
        else:
            ups, rest, fragment = shape
            out.append((sys.intern(bases[ups] + rest if rest else page), fragment))
    return out


_ELSEWHERE = (None, "")


@functools.lru_cache(maxsize=1 << 17)
def _shape(link: str) -> tuple[int, str, str] | tuple[None, str] | None:
    """_ELSEWHERE for a link the check judges without a target; (how many "../" lead its path, the
    plain segments after them, its fragment: both interned) for a link as url() writes them; None
    for any other (an empty, "." or ".." segment after the "../", one starting with ".")."""
    if link.startswith(EXTERNAL) or link.startswith("/") or "pagefind/" in link:
        return _ELSEWHERE
    path, fragment = _split(link)
    ups = 0
    while path.startswith("../", 3 * ups):
        ups += 1
    rest = path[3 * ups:]
    if path and ("//" in f"/{rest}/" or "/." in f"/{rest}/"):
        return None
    return ups, sys.intern(rest), sys.intern(fragment)


@functools.lru_cache(maxsize=256)
def _bases(folder: str) -> tuple[str, ...] | None:
    """What goes before a link's plain segments after 0, 1, 2 ... "../" from a plain folder (None
    for any other): "a/b/", "a/", "" for "a/b" (more "../" than that leave the site)."""
    if folder and ("//" in f"/{folder}/" or "/." in f"/{folder}/"):
        return None
    parts = folder.split("/") if folder else []
    return tuple("/".join(parts[:len(parts) - ups]) + "/" if ups < len(parts) else "" for ups in range(len(parts) + 1))


def resolve(page: str, link: str) -> tuple[str, str]:
    """(site path, fragment) a relative link of `page` points at ("../x" when it leaves the site)."""
    path, fragment = _split(link)
    return (_joined(_folder(page), path) if path else page), fragment


_folder = functools.lru_cache(maxsize=256)(posixpath.dirname)  # asked for each link of a page in turn


@functools.lru_cache(maxsize=65536)
def _split(link: str) -> tuple[str, str]:
    """A link's path (unquoted) and fragment: a site's 400,000 links are a few thousand texts."""
    parts = urlsplit(link)
    return unquote(parts.path), parts.fragment


def _joined(folder: str, path: str) -> str:
    """posixpath.normpath(posixpath.join(folder, path)), by slicing strings when the folder is plain
    segments and the path is leading "../" then plain segments (as url() writes them); posixpath
    decides anything else."""
    ups = 0
    while path.startswith("../", 3 * ups):
        ups += 1
    rest, whole = path[3 * ups:], f"/{folder}/{path[3 * ups:]}/" if folder else f"/{path[3 * ups:]}/"
    if "//" in whole or "/." in whole:  # an empty, "." or ".." segment (or one starting with "."): posixpath
        return posixpath.normpath(posixpath.join(folder, path))
    if ups == 0:
        return f"{folder}/{rest}" if folder else rest
    base = folder.rsplit("/", ups) if folder else []
    if len(base) < ups:
        return posixpath.normpath(posixpath.join(folder, path))
    return f"{base[0]}/{rest}" if len(base) > ups else rest
