"""Read a seed the way people save articles: decode it, parse its header, clean its body."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .header import BOILERPLATE, CAPTION, CREDIT_LINE, URL_LINE, outlet_and_date, split_header, split_names
from .outlets import outlet_from_url
from .sentences import split_sentences
from .textutil import display_path


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



def read_seed(path: Path, root: Path) -> RawArticle:
    """Read one seed file into a RawArticle; raises SeedError naming the file."""
    data = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm", ".md"):
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
    outlet = header.get("outlet") or outlet_from_url(url)
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


def normalise_quotes(line: str) -> str:
    """AP-style ``quotes'' as typographic ones, so every later stage sees one kind of quote mark."""
    return re.sub(r"(?<!\w)''|''(?!\w)", "”", line.replace("``", "“")) if "``" in line else line


def decode(data: bytes, path: Path) -> str:
    """Decode seed bytes: BOMs first, then UTF-8, then Windows-1252 (what Word and old sites save)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if len(data) > 3 and data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16-le", errors="replace")
    if b"\x00" in data:
        raise SeedError(f"{path}: error: binary file, not an article (save it as text or HTML)")
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
    return kept, credited


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


