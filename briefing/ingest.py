"""Read a seed the way people save articles: decode it, parse its header, clean its body."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .sentences import split_sentences
from .textutil import MONTHS


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


class SeedError(Exception):
    """A seed that cannot be read; the message names the file."""


OUTLETS = {
    "ny times": "The New York Times", "nytimes": "The New York Times", "nyt": "The New York Times",
    "new york times": "The New York Times", "the new york times": "The New York Times",
    "wsj": "The Wall Street Journal", "wall street journal": "The Wall Street Journal",
    "the wall street journal": "The Wall Street Journal",
    "wapo": "The Washington Post", "washington post": "The Washington Post",
    "the washington post": "The Washington Post", "ft": "Financial Times",
    "financial times": "Financial Times", "reuters": "Reuters", "ap": "The Associated Press",
    "associated press": "The Associated Press", "the associated press": "The Associated Press",
    "bbc": "BBC News", "bbc news": "BBC News", "the guardian": "The Guardian",
    "guardian": "The Guardian", "cnn": "CNN", "al jazeera": "Al Jazeera", "politico": "Politico",
    "bloomberg": "Bloomberg", "the economist": "The Economist", "afp": "Agence France-Presse",
}
URL_OUTLETS = {
    "nytimes.com": "The New York Times", "wsj.com": "The Wall Street Journal",
    "washingtonpost.com": "The Washington Post", "ft.com": "Financial Times",
    "reuters.com": "Reuters", "apnews.com": "The Associated Press", "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News", "theguardian.com": "The Guardian", "cnn.com": "CNN",
    "aljazeera.com": "Al Jazeera", "politico.com": "Politico", "bloomberg.com": "Bloomberg",
    "economist.com": "The Economist", "gov.uk": "GOV.UK", "defensenews.com": "Defense News",
    "theguardian.co.uk": "The Guardian", "france24.com": "France 24", "dw.com": "DW", "axios.com": "Axios",
    "npr.org": "NPR", "kyivindependent.com": "The Kyiv Independent", "understandingwar.org": "Institute for the Study of War",
    "timesofisrael.com": "The Times of Israel", "haaretz.com": "Haaretz", "jpost.com": "The Jerusalem Post",
    "pravda.com.ua": "Ukrainska Pravda", "kyivpost.com": "Kyiv Post", "themoscowtimes.com": "The Moscow Times",
    "tass.com": "TASS", "rferl.org": "Radio Free Europe/Radio Liberty", "foreignpolicy.com": "Foreign Policy",
    "csis.org": "CSIS", "defenseone.com": "Defense One", "breakingdefense.com": "Breaking Defense",
    "nknews.org": "NK News", "yonhapnews.co.kr": "Yonhap", "en.yna.co.kr": "Yonhap", "scmp.com": "South China Morning Post",
    "thetimes.co.uk": "The Times", "telegraph.co.uk": "The Telegraph", "independent.co.uk": "The Independent",
    "cbsnews.com": "CBS News", "nbcnews.com": "NBC News", "abcnews.go.com": "ABC News", "foxnews.com": "Fox News",
    "lemonde.fr": "Le Monde", "conflictarm.com": "Conflict Armament Research", "afp.com": "Agence France-Presse",
    "nikkei.com": "Nikkei Asia", "asia.nikkei.com": "Nikkei Asia", "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times", "japantimes.co.jp": "The Japan Times", "latimes.com": "Los Angeles Times", "theatlantic.com": "The Atlantic", "newsweek.com": "Newsweek",
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = (
    re.compile(rf"{_MONTH}\s*{_DAY},?\s*{_YEAR}", re.I),     # Sept7th2024, March 5, 2024
    re.compile(rf"{_DAY}\s*{_MONTH},?\s*{_YEAR}", re.I),     # 7 September 2024
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),  # 2024-09-07
)
_STAMP_WORDS = re.compile(r"\b(?:(?:published|updated|last updated|posted|first published|modified)(?: on)?|"
                          r"(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?)\b\.?:?", re.I)
_LABEL_LINE = re.compile(r"^(?:press release|news story|news|analysis|opinion|exclusive|breaking(?: news)?|transcript|"
                         r"explainer|live|world|europe|middle east|asia|politics|defen[cs]e)$", re.I)
_FROM_LINE = re.compile(r"^from:\s*(?P<source>.+)$", re.I)
_STAMP_LINE = re.compile(r"^(?:published|updated|last updated|posted|first published)\b.{0,60}$", re.I)
_READ_MORE = re.compile(r"^(?:read (?:more|the full (?:story|article))(?: on| at)?(?: original)?|"
                        r"source|original(?: article)?)\s*:?\s*(?P<url>https?://\S+)?$", re.I)
_URL_LINE = re.compile(r"^https?://\S+$")
_DATELINE = re.compile(r"^(?:reporting from|reported from)\s+(?P<place>.+?)\.?$", re.I)
_AP_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .'-]+)?)\s*(?:\((?P<agency>[\w .]+)\))?\s*[—–-]{1,2}\s+")
_BYLINE_NAME = r"(?:[A-Z][\w’'-]*\.?\s+){1,3}[A-Z][\w’'-]+"
_BYLINE = re.compile(rf"^(?:[Bb][Yy]\s+)?(?P<names>{_BYLINE_NAME}(?:\s*(?:,|,?\s+and)\s+{_BYLINE_NAME})*)$")
_CONTRIBUTORS = re.compile(r"^(?P<names>.+?)\s+contributed(?: reporting| research| to this (?:report|article))?"
                           r"(?: from [^.]+)?\.?$", re.I)
_CREDITS = re.compile(r"^\(?(?:additional )?(?:reporting|writing|editing) by (?P<names>[^;()]+)"
                      r"(?:;[^()]*)?\)?\.?$", re.I)
_BOILERPLATE = re.compile(
    r"^(?:no comments:?|post a comment|\d+ comments?:?|share this( article| story)?:?|like this:?|(?:like )?loading\.*|"
    r"leave a (?:reply|comment)|post comment|(?:comment|name|email|website) \*?|your email address will not be published.*|"
    r"twitter|facebook|linkedin|whatsapp|reddit|email|print|x|tumblr|pinterest|telegram|"
    r"advertisement|supported by|skip to (?:main )?content|subscribe(?: now)?|sign up.*newsletter.*|"
    r"newer post|older post|home|labels?:.*|posted by .*|share on .*|leave a comment|"
    r"related( articles?| coverage)?:?|copyright .*|©.*|all rights reserved\.?)$",
    re.I,
)
_CAPTION = re.compile(
    r"(?:\b(?:photo(?:graph)?(?: illustration)?|image|video|credit|illustration)\s*:\s*[\w .,'/-]+$"
    r"|\((?:photo|image) by [^)]*\)$|/(?:getty images|afp|reuters|ap|shutterstock|epa)\b[^.]*$)",
    re.I,
)


def read_seed(path: Path, root: Path) -> RawArticle:
    """Read one seed file into a RawArticle; raises SeedError naming the file."""
    if path.suffix.lower() in (".html", ".htm"):
        raise SeedError(f"{path}: error: HTML seeds are not read yet; save the article as plain text (.txt)")
    data = path.read_bytes()
    text = decode(data, path)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    header, body = _split_header([line for line in lines if line])
    title = header.get("title")
    paragraphs = tuple(_clean_body(body))
    if not paragraphs:
        raise SeedError(f"{path}: error: no article text after the header")
    url = header.get("url")
    outlet = header.get("outlet") or _outlet_from_url(url)
    return RawArticle(
        seed=path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix(),
        sha256=hashlib.sha256(data).hexdigest(),
        title=title or derive_title(paragraphs[0]),
        title_derived=title is None,
        published=header.get("published") or _date_from_url(url),
        outlet=outlet,
        url=url,
        authors=tuple(header.get("authors", ())),
        dateline=header.get("dateline"),
        contributors=tuple(header.get("contributors", ())),
        paragraphs=paragraphs,
    )


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


def _split_header(lines: list[str]) -> tuple[dict, list[str]]:
    """Take header facts from the first lines and footer facts from the last ones."""
    header: dict = {}
    lines = list(lines)
    while lines and (_take_header_line(lines[0], header) or _take_outlet_line(lines, header)):
        lines.pop(0)
    while lines and _take_footer_line(lines[-1], header):
        lines.pop()
    if lines and "dateline" not in header:
        found = _AP_DATELINE.match(lines[0])
        if found:
            header["dateline"] = found.group("place").strip().title()
            agency = (found.group("agency") or "").lower()
            header["outlet"] = header.get("outlet") or OUTLETS.get(agency)
            lines[0] = lines[0][found.end():]
    return header, lines


def _take_header_line(line: str, header: dict) -> bool:
    if (parsed := outlet_and_date(line)) and parsed[1] == header.setdefault("published", parsed[1]):
        header["outlet"] = parsed[0] or header.get("outlet")
        return True
    if "outlet" not in header and line.lower().strip(". ") in OUTLETS:
        header["outlet"] = OUTLETS[line.lower().strip(". ")]
        return True
    if _STAMP_LINE.match(line) or _LABEL_LINE.match(line):  # "Updated 2 hours ago", "Press release"
        return True
    if "outlet" not in header and (found := _FROM_LINE.match(line)):  # gov.uk: "From: Ministry of Defence and ..."
        header["outlet"] = re.split(r"\s+and\s+|,", found.group("source"))[0].strip()
        return True
    if "dateline" not in header and (found := _DATELINE.match(line)):
        header["dateline"] = found.group("place").rstrip(".")
        return True
    if "authors" not in header and (names := byline_names(line)):
        header["authors"] = names
        return True
    if "title" not in header and not header and _looks_like_headline(line):
        header["title"] = line
        return True
    if _READ_MORE.match(line) or _URL_LINE.match(line):
        header.setdefault("url", _url_in(line))
        return True
    return False


def _take_outlet_line(lines: list[str], header: dict) -> bool:
    """Short lines between the headline and the byline or date: the first that reads as a name is
    the outlet ("Nikkei Asia", "Le Monde with AFP"), the others are kickers ("Dispatch from the field")."""
    short = [i for i, line in enumerate(lines[:3]) if len(line.split()) <= 6 and not line.endswith((".", "?", "!"))]
    ahead = next((i for i in range(1, 3) if i < len(lines) and _is_byline_or_date(lines[i])), None)
    if not header.get("title") or ahead is None or any(i not in short for i in range(ahead)):
        return False
    name = all(w[:1].isupper() or w in ("with", "of", "the", "and", "&") for w in lines[0].split())
    if name and not header.get("outlet") and len(lines[0].split()) <= 4:
        header["outlet"] = OUTLETS.get(lines[0].lower(), lines[0])
    return True


def _is_byline_or_date(line: str) -> bool:
    return bool(byline_names(line) or outlet_and_date(line))


def _take_footer_line(line: str, header: dict) -> bool:
    if _BOILERPLATE.match(line):
        return True
    if (found := _READ_MORE.match(line)) or _URL_LINE.match(line):
        url = _url_in(line) if not found else found.group("url")
        if url:
            header["url"] = url
        return True
    if "contributors" not in header and (found := _CONTRIBUTORS.match(line) or _CREDITS.match(line)):
        header["contributors"] = split_names(found.group("names"))
        return True
    return False


def _url_in(line: str) -> str | None:
    found = re.search(r"https?://\S+", line)
    return found.group(0).rstrip(").,") if found else None


def outlet_and_date(line: str) -> tuple[str | None, date] | None:
    """("NY Times-Sept7th2024") -> ("The New York Times", 2024-09-07); the outlet may be absent."""
    if len(line) > 80 or not (found := _first_date(line)):
        return None
    published, start = found
    name = re.sub(_STAMP_WORDS, "", line[:start]).strip(" -–—|,:·")
    if not name or re.search(r"\d", name):
        return None, published
    if name.lower() not in OUTLETS and len(name.split()) > 2:
        return None  # "Russian Offensive Campaign Assessment, October 17, 2024" is a headline
    return OUTLETS.get(name.lower(), name), published


def parse_date(text: str) -> date | None:
    """A full calendar date written anywhere in `text` (Sept7th2024, March 5, 2024, 2024-09-07)."""
    found = _first_date(text)
    return found[0] if found else None


def _first_date(text: str) -> tuple[date, int] | None:
    """The first full date in `text` and where it starts; None if there is none or it is impossible."""
    for form in _DATE_FORMS:
        found = form.search(text)
        if not found:
            continue
        parts = found.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
        try:
            return date(int(parts["year"]), month, int(parts["day"])), found.start()
        except ValueError:
            return None
    return None


def byline_names(line: str) -> list[str] | None:
    """The authors of a byline ("By A and B", "A, B and C"), or None if it is not one."""
    if len(line) > 120 or line.endswith((".", ":", "?", "!")) and not line.lower().startswith("by "):
        return None
    found = _BYLINE.match(line.rstrip("."))
    if not found or not (line.lower().startswith("by ") or "," in line or " and " in line):
        return None
    names = split_names(found.group("names"))
    return names if all(_looks_like_name(n) for n in names) else None


def split_names(text: str) -> list[str]:
    """Split "A, B and C" into names."""
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _looks_like_name(name: str) -> bool:
    words = name.split()
    small = {"the", "of", "and", "in", "to", "a"}
    return 2 <= len(words) <= 4 and not any(w.lower() in small for w in words)


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 25 and not line.endswith((".", ":")) and line[0].isupper()


def _clean_body(lines: list[str]) -> list[str]:
    """Drop boilerplate and photo captions; keep article paragraphs."""
    kept = []
    for line in lines:
        if _BOILERPLATE.match(line) or _CAPTION.search(line) or _URL_LINE.match(line):
            continue
        kept.append(line)
    return kept


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


def _outlet_from_url(url: str | None) -> str | None:
    found = re.match(r"https?://(?:www\.)?([^/]+)", url or "")
    return URL_OUTLETS.get(found.group(1).lower()) if found else None
