"""The header and footer of a saved article: headline, outlet and date, byline, dateline, URL, credits."""
from __future__ import annotations

import re
from datetime import date

from .outlets import OUTLETS
from .textutil import MONTHS
from .wirehead import dateline_line, headline_slot, lead_in, take_dateline

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = (
    re.compile(rf"{_MONTH}\s*{_DAY},?\s*{_YEAR}", re.I),     # Sept7th2024, March 5, 2024
    re.compile(rf"{_DAY}\s*{_MONTH},?\s*{_YEAR}", re.I),     # 7 September 2024
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),  # 2024-09-07
    re.compile(r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),  # 03/01/2024, US order
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),  # 01.03.2024
)
_TIME_WORDS = {"at", "am", "pm", "a.m", "p.m", "local", "time", "et", "edt", "est", "ct", "cst", "cdt", "mt", "mst", "mdt",
               "pt", "pdt", "pst", "bst", "gmt", "utc", "cet", "cest", "eet", "eest", "wet", "msk", "idt", "ist",
               "irst", "gst", "pkt", "hkt", "sgt", "jst", "kst", "aest", "aedt", "sast", "wat", "eat", "trt",
               "updated", "published", "posted", "ago", "hour", "hours", "minute", "minutes", "min", "mins", "read"}
_STAMP_WORDS = re.compile(r"\b(?:(?:published|updated|last updated|posted|first published|modified)(?: date)?(?: on)?|"
                          r"(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?)\b\.?:?", re.I)
_LABEL_LINE = re.compile(r"^(?:press release|news story|news|analysis|opinion|exclusive|breaking(?: news)?|transcript|"
                         r"explainer|live|world|europe|middle east|asia|politics|defen[cs]e)$", re.I)
CREDIT_LINE = re.compile(r"^from (?:[A-Z][\w&.-]*\s?){1,4}['’]s (?P<names>[A-Z][\w .'-]+?(?:,? and [A-Z][\w .'-]+)*)$", re.I)
_BYLINE_NOTES = re.compile(r"\s*(?:\([^)]*\)|\[[^\]]*\]|\S+@\S+)")
_BYLINE_PLACE = re.compile(r"^(?P<byline>[Bb]y .+?) in (?P<place>[A-Z][\w.' -]{1,40})$")
_BYLINE_OUTLET = re.compile(r"^(?P<byline>.+?),\s*(?P<outlet>[A-Z][\w&.' -]{1,40})$")
_ROLE_WORDS = (r"reporter|correspondent|editor|writer|journalist|analyst|producer|columnist|contributor|"
               r"bureau chief|staff|presenter|commentator|investigations?")
_ROLE = re.compile(rf"^(?P<role>(?:[\w'’-]+\s+){{0,5}}(?:{_ROLE_WORDS})\b(?:\s+[\w'’-]+){{0,3}}?)"
                   rf"(?:,\s*(?P<outlet>[A-Z][\w&.' -]{{1,40}}))?$", re.I)  # "Business reporter, BBC News"
# "By Xinhua writer Tian Sulei", "By Sportswriters Wang Zijiang and Li Bo": the job title before the names
_ROLE_FIRST = re.compile(r"^[Bb]y\s+(?:(?P<outlet>[A-Z][\w&.-]*)\s+)?(?i:\w*(?:writer|reporter|correspondent)s?)\s+"
                         r"(?P<names>[A-Z].+)$")
_BYLINE_WITH_ROLE = re.compile(r"^(?P<byline>.+?),\s*(?P<role>[^,]+(?:,[^,]+)?)$")
_AUTHOR_PLACE = re.compile(r"\s+in\s+[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?(?=\s+and\s|,|$)")
_FROM_LINE = re.compile(r"^from:\s*(?P<source>.+)$", re.I)
_STAMP_LINE = re.compile(r"^(?:published|updated|last updated|posted|first published)\b.{0,60}$", re.I)
_READ_MORE = re.compile(r"^(?:read (?:more|the full (?:story|article))(?: on| at)?(?: original)?|"
                        r"source|original(?: article)?)\s*:?\s*(?P<url>https?://\S+)?$", re.I)
URL_LINE = re.compile(r"^https?://\S+$")
_DATELINE = re.compile(r"^(?:reporting from|reported from)\s+(?P<place>.+?)\.?$", re.I)
_BYLINE_NAME = r"(?:[A-Z][\w’'-]*\.?\s+){1,3}[A-Z][\w’'-]+"
_BYLINE = re.compile(rf"^(?:[Bb][Yy]\s+)?(?P<names>{_BYLINE_NAME}(?:\s*(?:,|,?\s+and|&)\s+{_BYLINE_NAME})*)$")
_CONTRIBUTORS = re.compile(r"^(?P<names>.+?)\s+contributed(?: reporting| research| to this (?:report|article))?"
                           r"(?: from [^.]+)?\.?$", re.I)
_CREDITS = re.compile(r"^\(?(?:additional )?(?:reporting|writing|editing) by (?P<names>[^;()]+)"
                      r"(?:;[^()]*)?\)?\.?$", re.I)
BOILERPLATE = re.compile(
    r"^(?:no comments:?|post a comment|\d+ comments?:?|share this( article| story)?:?|like this:?|(?:like )?loading\.*|"
    r"leave a (?:reply|comment)|post comment|(?:comment|name|email|website) \*?|your email address will not be published.*|"
    r"twitter|facebook|linkedin|whatsapp|reddit|email|print|x|tumblr|pinterest|telegram|"
    r"advertisement|supported by|skip to (?:main )?content|subscribe(?: now)?|sign up.*newsletter.*|"
    r"newer post|older post|home|labels?:.*|posted by .*|share on .*|leave a comment|"
    r"related( articles?| coverage)?:?|copyright .*|©.*|all rights reserved\.?|"
    r"share|save|copy link|listen|listen to (?:this )?article.*|image (?:source|caption), .*|media caption, .*|"
    r"getty images|read more:?|top stories|follow (?:us|[\w .]+) on (?:twitter|x|facebook|instagram).*)$",
    re.I,
)
CAPTION = re.compile(
    r"(?:\b(?:photo(?:graph)?(?: illustration)?|image|video|credit|illustration)\s*:\s*[\w .,'/-]+$"
    r"|\((?:photo|image) by [^)]*\)$|/(?:getty images|afp|reuters|ap|shutterstock|epa)\b[^.]*$)",
    re.I,
)



def split_header(lines: list[str]) -> tuple[dict, list[str]]:
    """Take header facts from the first lines and footer facts from the last ones."""
    header: dict = {}
    lines = list(lines)
    if len(lines) > 1 and dateline_line(lines[1]) and not _is_byline_or_date(lines[0]):
        _take_headline_slot(lines.pop(0), header)  # "=(PICTURE)=" above "BEIJING, Nov. 20, 2006 (Xinhua)"
    elif len(lines) > 1 and _short_headline(lines[0]) and _is_byline_or_date(lines[1]):
        header["title"] = lines.pop(0)  # "Iran Denies" above "Reuters - March 5, 2024"
    while lines and (_take_header_line(lines[0], header) or _take_name_and_role(lines, header)
                     or _take_deck(lines, header) or _take_outlet_line(lines, header)):
        lines.pop(0)
    while lines and _take_footer_line(lines[-1], header):
        lines.pop()
    if lines and (found := lead_in(lines[0])):  # "SEOUL (AP) — ...": the dateline opens the first paragraph
        if "dateline" not in header:
            take_dateline(found, header)
        lines[0] = lines[0][found.end:]
    return header, lines


def _take_headline_slot(line: str, header: dict) -> None:
    """The line above a wire dateline: a headline, a note to editors (no title), or a trailing byline."""
    title, author = headline_slot(line)
    if title:
        header["title"] = title
    if author and (names := byline_names(f"By {author}")):
        header["authors"] = names


def _take_header_line(line: str, header: dict) -> bool:
    if "dateline" not in header and (found := dateline_line(line)):  # "KUALA LUMPUR, April 1, 1997 (AFP)"
        take_dateline(found, header)
        return True
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
    if "authors" not in header and (byline := parse_byline(line)):
        names, extra = byline
        header["authors"] = names
        header.update({k: v for k, v in extra.items() if not header.get(k)})
        return True
    if header.get("authors") and "job_title" not in header and (role := role_line(line)) is not None:
        header["job_title"] = line  # "By Paul Kirby" / "Europe digital editor": the title under a byline
        header.update({k: v for k, v in role.items() if not header.get(k)})
        return True
    if "title" not in header and not header and _looks_like_headline(line):
        header["title"] = line
        return True
    if _READ_MORE.match(line) or URL_LINE.match(line):
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
    if name and header.get("outlet") and "authors" not in header and _looks_like_name(lines[0]):
        header["authors"] = [lines[0]]  # a bare author line under a known outlet: "Axios / Barak Ravid"
    elif name and not header.get("outlet") and len(lines[0].split()) <= 4:
        header["outlet"] = OUTLETS.get(lines[0].lower(), lines[0])
    return True


def _take_deck(lines: list[str], header: dict) -> bool:
    """The standfirst under a headline ("How a small Iranian design became ..."), when a byline or
    date follows within two lines: kept as the article's summary."""
    if header.keys() != {"title"} or len(lines[0].split()) < 6 or lines[0].endswith("."):
        return False
    if any(_is_byline_or_date(line) for line in lines[1:3]):
        header["summary"] = lines[0]
        return True
    return False


def _is_byline_or_date(line: str) -> bool:
    return bool(parse_byline(line) or outlet_and_date(line))


def parse_byline(line: str) -> tuple[list[str], dict] | None:
    """Authors of a byline, with what may trail it: "By A and B in Brussels", "By A and B, CNN"."""
    line = _BYLINE_NOTES.sub("", line).strip()  # "(now)", "[name@paper.com]", bare e-mail addresses
    if (found := _ROLE_FIRST.match(line)) and (names := byline_names(f"By {found['names']}")):
        outlet = found["outlet"] and OUTLETS.get(found["outlet"].lower())
        return names, ({"outlet": outlet} if outlet else {})
    if names := byline_names(line):
        return names, {}
    if (found := _BYLINE_PLACE.match(line)) and (names := byline_names(found["byline"])):
        return names, {"dateline": found["place"]}
    if (found := _BYLINE_WITH_ROLE.match(line)) and (role := role_line(found["role"])) is not None \
            and (names := byline_names(found["byline"]) or _bare_name(found["byline"])):
        return names, role  # "By Tom Edgington, Business reporter, BBC News": the job title is not a place
    if (found := _BYLINE_OUTLET.match(line)) and (names := byline_names(found["byline"])):
        tail = found["outlet"]  # "…, CNN" names the outlet; "…, Washington" the dateline
        if tail.lower() in OUTLETS or tail.isupper():
            return names, {"outlet": OUTLETS.get(tail.lower(), tail)}
        return names, {"dateline": tail}
    if " in " in line and (names := byline_names(_AUTHOR_PLACE.sub("", line))):
        return names, {}  # "Finbarr Bermingham in Brussels and Laura Zhou in Beijing"
    return None


def role_line(line: str) -> dict | None:
    """A journalist's job title, maybe with the outlet: "Business reporter, BBC News" -> {"outlet":
    "BBC News"}; "Europe digital editor" -> {}; None for anything else."""
    if len(line.split()) > 10 or line.endswith((".", "?", "!", ":")) or not (found := _ROLE.match(line.strip())):
        return None
    outlet = found["outlet"]
    if outlet and outlet.lower() not in OUTLETS and not outlet.isupper():
        return None
    words = found["role"].split()
    named = next((" ".join(words[:n]) for n in (3, 2, 1) if " ".join(words[:n]).lower() in OUTLETS), None)
    outlet = outlet or named  # "BBC Africa correspondent", "CNN senior producer"
    return {"outlet": OUTLETS.get(outlet.lower(), outlet)} if outlet else {}


def _bare_name(text: str) -> list[str] | None:
    """One author with no "By" ("Jane Doe"), trusted only where a job title follows."""
    return [text] if _BYLINE.match(text) and _looks_like_name(text) else None


def _take_name_and_role(lines: list[str], header: dict) -> bool:
    """A bare name above a job-title line ("Tom Edgington" / "Business reporter, BBC News")."""
    if "authors" in header or len(lines) < 2 or not header.get("title") or not _bare_name(lines[0]) \
            or (role := role_line(lines[1])) is None:
        return False
    header["authors"] = [lines.pop(0)]
    header.update({k: v for k, v in role.items() if not header.get(k)})
    return True


def _take_footer_line(line: str, header: dict) -> bool:
    if BOILERPLATE.match(line):
        return True
    if (found := _READ_MORE.match(line)) or URL_LINE.match(line):
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
    published, start, end = found
    if _words(_without_dates(line[end:])) - _TIME_WORDS:
        return None  # "May 15, 2024 - Russia's offensive in Kharkiv": a dated headline
    name = re.sub(_STAMP_WORDS, "", line[:start]).strip(" -–—|,:·")
    if not name or re.search(r"\d", name) or (name.isupper() and name.lower() not in OUTLETS):
        return None, published  # no outlet, or a wire dateline city: "MOSCOW, November 19, 2024"
    if name.lower() not in OUTLETS and len(name.split()) > 2:
        return None  # "Russian Offensive Campaign Assessment, October 17, 2024" is a headline
    return OUTLETS.get(name.lower(), name), published


def _without_dates(text: str) -> str:
    """Text with its full dates removed ("Updated: 07 Jan. 2024, 19:05" -> "Updated: , 19:05")."""
    for form in _DATE_FORMS:
        text = form.sub("", text)
    return text


def _words(text: str) -> set[str]:
    return {w.lower().rstrip(".") for w in re.findall(r"[A-Za-z][A-Za-z.]*", text)}


def parse_date(text: str) -> date | None:
    """A full calendar date written anywhere in `text` (Sept7th2024, March 5, 2024, 2024-09-07)."""
    found = _first_date(text)
    return found[0] if found else None


def _first_date(text: str) -> tuple[date, int, int] | None:
    """The first full date in `text`, where it starts and ends; None if there is none or it is impossible."""
    for form in _DATE_FORMS:
        found = form.search(text)
        if not found:
            continue
        month, day = _month_and_day(found.groupdict())
        try:
            return date(int(found["year"]), month, day), found.start(), found.end()
        except ValueError:
            return None
    return None


def _month_and_day(parts: dict) -> tuple[int, int]:
    """Month and day from a date match; "03/01/2024" is month first unless the first number exceeds 12."""
    if parts.get("first"):
        first, second = int(parts["first"]), int(parts["second"])
        return (second, first) if first > 12 else (first, second)
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
    return month, int(parts["day"])


def byline_names(line: str) -> list[str] | None:
    """The authors of a byline ("By A and B", "A, B and C"), or None if it is not one."""
    if len(line) > 120 or line.endswith((".", ":", "?", "!")) and not line.lower().startswith("by "):
        return None
    found = _BYLINE.match(line.rstrip("."))
    if not found or not (line.lower().startswith("by ") or "," in line or " and " in line):
        return None
    names = split_names(found.group("names"))
    if any(n.lower() in OUTLETS for n in names):
        return None  # "By Sean Seddon, BBC News": an outlet, which parse_byline takes as such
    return names if all(_looks_like_name(n) for n in names) else None


def split_names(text: str) -> list[str]:
    """Split "A, B and C" into names."""
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _looks_like_name(name: str) -> bool:
    words = name.split()
    small = {"the", "of", "and", "in", "to", "a"}
    return 2 <= len(words) <= 4 and not any(w.lower() in small for w in words)


def _short_headline(line: str) -> bool:
    """A headline of one or two words, trusted only when a byline or date line follows it."""
    words = line.split()
    return 1 <= len(words) <= 2 and line[0].isupper() and not line.endswith((".", ":", ",")) \
        and not outlet_and_date(line) and line.lower().strip(". ") not in OUTLETS


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 25 and not line.endswith((".", ":")) and line[0].isupper()


