"""Read a seed the way people save articles: decode it, parse its header, clean its body."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .header import BOILERPLATE, CAPTION, CREDIT_LINE, URL_LINE, outlet_and_date, split_header, split_names
from .outlets import outlet_from_url
from .problems import Problem, refuse_outside_link
from .sentences import split_sentences
from .textutil import display_path
from .wirehead import self_named_agency
from .yamlhead import UNPRINTABLE, printable

MAX_SEED_BYTES = 5_000_000  # the default of [tool.briefing] max_seed_bytes


@dataclass(frozen=True)
class RawArticle:
    """A seed, decoded and split into header metadata and body paragraphs."""

    seed: str
    sha256: str
    title: str
    title_derived: bool
    published: date | None
    outlet: str | None
    url: str | None
    authors: tuple[str, ...]
    dateline: str | None
    contributors: tuple[str, ...]
    paragraphs: tuple[str, ...]
    summary: str | None = None  # the standfirst under the headline, when the seed has one


class SeedError(Exception):
    """A seed that cannot be read; the message names the file."""



def read_seed(path: Path, root: Path, max_bytes: int = MAX_SEED_BYTES) -> RawArticle:
    """Read one seed file into a RawArticle; raises SeedError naming the file."""
    refuse_unreadable(path, root, max_bytes)
    data = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm", ".md", ".pdf"):
        from .seedformats import read_markup  # what the page or front-matter states, and its text as lines

        stated, text = read_markup(path, data)
    else:
        stated, text = {}, decode(data, path)
    lines = [normalise_quotes(" ".join(line.split())) for line in text.splitlines()]
    header, body = split_header([line for line in lines if line])
    header |= stated
    title = header.get("title")
    kept, credited = _clean_body(body)
    paragraphs = tuple(kept)
    if not paragraphs:
        raise SeedError(f"{path}: error: no article text after the header")
    url = header.get("url")
    outlet = header.get("outlet") or outlet_from_url(url) or (header.get("wire") and self_named_agency(paragraphs))
    return RawArticle(
        seed=display_path(path, root),
        sha256=hashlib.sha256(data).hexdigest(),
        title=title or derive_title(paragraphs[0]),
        title_derived=title is None,
        published=header.get("published") or _date_from_url(url),
        outlet=outlet,
        url=url,
        authors=tuple(header.get("authors", ())),
        dateline=header.get("dateline"),
        contributors=tuple(dict.fromkeys([*header.get("contributors", ()), *credited])),
        paragraphs=paragraphs,
        summary=header.get("summary"),
    )


def refuse_unreadable(path: Path, root: Path, max_bytes: int) -> None:
    """Raise SeedError for a seed that must not be read: a link out of the project, too big, or empty."""
    try:
        refuse_outside_link(path, root, str(path))
    except ValueError as error:
        raise SeedError(f"{path}: error: {error.args[0].message}") from None
    size = path.stat().st_size
    if size > max_bytes:
        raise SeedError(f"{path}: error: the file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit "
                        "for a seed (raise [tool.briefing] max_seed_bytes to read it)")
    if size == 0:
        raise SeedError(f"{path}: error: the file is empty")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.3g} MB" if size >= 1_000_000 else f"{size / 1000:.3g} KB"


def seed_problems(seeds: list[Path], root: Path, max_bytes: int = MAX_SEED_BYTES) -> list[Problem]:
    """Every seed that cannot be read, as a warning naming it (for `check`, which extracts nothing)."""
    problems = []
    for seed in seeds:
        try:
            read_seed(seed, root, max_bytes)
        except (SeedError, OSError) as error:
            message = str(error).split("error: ")[-1] if isinstance(error, SeedError) else error.strerror or error
            problems.append(Problem(display_path(seed, root), 0, str(message), "warning"))
    return problems


def normalise_quotes(line: str) -> str:
    """AP-style ``quotes'' as typographic ones, so every later stage sees one kind of quote mark."""
    return re.sub(r"(?<!\w)''|''(?!\w)", "”", line.replace("``", "“")) if "``" in line else line


def decode(data: bytes, path: Path) -> str:
    """Decode seed bytes into text without control characters; refuse what is not text."""
    text = _decode_bytes(data)
    unreadable = len(UNPRINTABLE.findall(text)) + text.count("\ufffd")
    if unreadable > max(8, len(text) // 100):
        raise SeedError(f"{path}: error: binary file, not an article (save it as text or HTML)")
    return printable(text)


def _decode_bytes(data: bytes) -> str:
    """BOMs first, then UTF-8, then Windows-1252 (what Word and old sites save)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if len(data) > 3 and data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")



def _clean_body(lines: list[str]) -> tuple[list[str], list[str]]:
    """Article paragraphs without boilerplate, photo captions, live-blog time stamps and
    credit lines ("From CNN's Jennifer Hansler"); returns them and the credited names."""
    kept, credited = [], []
    for line in lines:
        if found := CREDIT_LINE.match(line):
            credited.extend(split_names(found["names"]))
        elif not (BOILERPLATE.match(line) or CAPTION.search(line) or URL_LINE.match(line) or _time_stamp(line)
                  or _tag_line(line)):
            kept.append(line)
    return _without_trailer(kept), credited


# A page's closing list: 'Related Topics' and its tags, a Wikinews 'Sources' list, 'More on this story'.
TRAILER = re.compile(r"^(?:related topics|more on this story|sources?|external links|see also|related (?:news|stories)):?$", re.I)


def _without_trailer(lines: list[str]) -> list[str]:
    """The body without a closing list: a trailer heading followed only by lines that are no
    sentences (tags, links, source titles), never by a paragraph of the article."""
    for at, line in enumerate(lines):
        if at and TRAILER.match(line.strip()) and not any(rest.rstrip().endswith((".", '."', ".”"))
                                                            for rest in lines[at + 1:]):
            return lines[:at]
    return lines


def _tag_line(line: str) -> bool:
    """A row of topic tags: "Nato summit 2024 | Ukraine | Russia-Ukraine war | Joe Biden"."""
    tags = line.split(" | ")
    return len(tags) >= 3 and all(len(tag.split()) <= 4 and not tag.endswith(".") for tag in tags)


def _time_stamp(line: str) -> bool:
    """A live-blog entry's time line: "6:30 p.m. ET, May 15, 2024"."""
    return len(line) < 45 and re.match(r"^\d{1,2}[:.]\d\d\b", line) is not None and outlet_and_date(line) is not None


def derive_title(lede: str) -> str:
    """A headline made from the lede: its main clause, without the attribution."""
    sentence = split_sentences(lede)[0] if lede else ""
    sentence = re.sub(r",\s+(?:according to [^,]+|[^,]{1,60}\b(?:said|say|says|reported|reports|told [^,]+)"
                      r"(?:\s+[^,\s]+){0,4})\.?[”\"]?$", "", sentence).rstrip(".")
    words = sentence.split()
    if len(words) > 14:
        head = " ".join(words[:6])
        rest = " ".join(words[6:])
        cut = re.split(r",\s|\s[—–]\s", rest, maxsplit=1)[0]
        sentence = f"{head} {cut}"
        if len(sentence.split()) > 20:
            sentence = " ".join(sentence.split()[:16]) + "…"
    return sentence[:1].upper() + sentence[1:]


def _date_from_url(url: str | None) -> date | None:
    found = re.search(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/", url or "")
    if not found:
        return None
    try:
        return date(*map(int, found.groups()))
    except ValueError:
        return None


