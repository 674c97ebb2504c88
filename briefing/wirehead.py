"""The head of a wire copy: its dateline (`BEIJING, Nov. 20, 2006 (Xinhua)`) and the wire's notes
to editors in the headline slot (`=(PICTURE)=`, `ATTENTION - ADDS quotes ///`), read as an editor reads them."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from .outlets import OUTLETS
from .textutil import MONTHS

_MONTHS = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_MONTH = rf"(?P<month>{_MONTHS})\.?"  # APRIL, Nov., Dec
_CAPS = r"[A-Z][A-Z.'’/-]*[A-Z.]"  # one upper-case word of a place: KUALA, XI'AN, U.S., DUBAI/PARIS
_REGION = rf"(?!{_MONTHS}\b)[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){{0,2}}"  # "Afghanistan", "South Korea", "GUANGDONG PROVINCE"
_PLACE = rf"(?P<place>{_CAPS}(?:\s{_CAPS})*(?:,\s*{_REGION})?)"
# "April 1, 1997", "Nov. 20, 2006", "Dec 3, 2006, 2006" (the year twice), "Nov. 6" (no year)
_DATE = rf"{_MONTH}\s*(?P<day>\d{{1,2}})\b(?:\s*,\s*(?P<year>(?:19|20)\d\d))?(?:\s*,\s*(?:19|20)\d\d)?"
_AGENCY = r"\(\s*(?P<agency>[A-Za-z][\w .&'-]{0,30}?)\s*\)"
_HEAD = rf"^{_PLACE}(?:[,.]?\s+{_DATE})?\s*,?\s*(?:{_AGENCY})?"
_DASH = r"\s*[-—–]{1,3}"
DATELINE_LINE = re.compile(rf"{_HEAD}(?:{_DASH})?\s*$")
LEAD_IN = re.compile(rf"{_HEAD}(?P<dash>{_DASH})?(?P<space>\s*)(?=\S)")
_MONTH_WORD = re.compile(rf"^{_MONTHS}\.?$")

# Notes to editors in the headline slot, which a reader skips: "(PICTURE)", "(updated 2)", "(ADDS details)"
_NOTE = re.compile(r"\((?:[^()]*\b(?:pictures?|graphics?|photos?|updated?|adds|recasts?|repetition|repeat|"
                   r"correct\w*|writethru|hold for|embargo\w*)\b[^()]*)\)", re.I)
_FLAG = re.compile(r"^(?:URGENT|FLASH|BULLETIN|NEWSALERT)(?:\b:?\s*|(?=[A-Z][a-z]))")  # a priority flag before the headline
_SLUG = re.compile(r"///|^\s*ATTENTION\b|^\s*=.*=\s*$")  # "ATTENTION - ADDS quotes ///", "=(PICTURE)="
_BY_NAME = re.compile(r"^(?P<head>.*?)\s*\bby\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})$")


@dataclass(frozen=True)
class Dateline:
    """A wire dateline: the place, the date when it has a year, the agency when it names one."""

    place: str
    published: date | None
    agency: str | None
    end: int  # where the text after it starts, when it opens a paragraph


def dateline_line(line: str) -> Dateline | None:
    """A line that is a dateline and nothing else: "KUALA LUMPUR, April 1, 1997 (AFP)"."""
    found = DATELINE_LINE.match(line)
    return _dateline(found) if found and (found["month"] or found["agency"]) else None


def lead_in(paragraph: str) -> Dateline | None:
    """A dateline opening the first paragraph: "JAKARTA, Nov. 6 (Xinhua) -- After ...", "SEOUL (AP) — ..."."""
    found = LEAD_IN.match(paragraph)
    if not found or not (found["dash"] and (found["month"] or found["agency"] or found["space"])
                         or found["month"] and found["agency"]):
        return None  # "FIFA, the world soccer body, ..." and "US-led troops ..." open with no dateline
    return _dateline(found)


def _dateline(found: re.Match) -> Dateline | None:
    if _MONTH_WORD.match(found["place"].split(",")[0]):
        return None  # "APRIL 1, 1997": a date line, read as such elsewhere
    published = None
    if found["year"]:
        try:
            published = date(int(found["year"]), MONTHS[found["month"].lower()], int(found["day"]))
        except ValueError:
            return None
    return Dateline(_place_name(found["place"]), published, found["agency"], found.end())


def _place_name(place: str) -> str:
    """KUALA LUMPUR -> Kuala Lumpur, XI'AN -> Xi'an; a region already in mixed case stays as written."""
    place = re.sub(r"(?<=[A-Za-z]{3})\.$", "", place)  # "SEOUL. April 1": the stop ends the place
    return re.sub(r"[A-Za-z][A-Za-z'’]*", lambda m: m[0].capitalize() if m[0].isupper() else m[0], place)


def take_dateline(found: Dateline, header: dict) -> None:
    """Place, date and agency of a wire dateline into `header`, where it has not stated them already."""
    header["dateline"] = found.place
    header["wire"] = True  # a wire copy, whose text may name its agency ("told AFP") where the dateline does not
    if found.published:
        header.setdefault("published", found.published)
    if found.agency and not header.get("outlet"):
        header["outlet"] = agency_outlet(found.agency)


def agency_outlet(agency: str) -> str:
    """The outlet an agency in parentheses names: (AFP) -> Agence France-Presse, (Xinhau) -> Xinhua."""
    key = agency.strip().lower()
    if key in OUTLETS:
        return OUTLETS[key]
    near = difflib.get_close_matches(key, list(OUTLETS), n=1, cutoff=0.8)  # a typo of a known agency
    return OUTLETS[near[0]] if near and len(key) > 3 else agency.strip()


AGENCIES = frozenset(("afp", "xinhua", "reuters", "ap", "tass"))  # the wires whose copy this can be
# How an agency names itself in its own copy: "told AFP", "obtained by AFP", "an AFP correspondent", "AFP tally"
_SELF_NAMED = re.compile(r"\b(?:told|(?:seen|obtained) by|an?)\s+(?P<before>[A-Z][A-Za-z]{1,9})\b(?!-)"
                         r"|\b(?P<after>[A-Z][A-Za-z]{1,9})\s+(?:correspondent|reporter|photographer|tally|count)s?\b")


def self_named_agency(paragraphs: tuple[str, ...] | list[str]) -> str | None:
    """The agency a wire copy with no agency in its dateline names as its own ("told AFP"), if it is a known outlet."""
    text = "\n".join(paragraphs)
    for found in _SELF_NAMED.finditer(text):
        name = (found["before"] or found["after"]).lower()
        # "told CNN": a broadcaster interviewed someone; "the Xinhua news agency": a wire introduced is another's
        if name in AGENCIES and not re.search(rf"\b{name} news agency", text, re.I):
            return OUTLETS[name]
    return None


def headline_slot(line: str) -> tuple[str | None, str | None]:
    """(title, author) from the headline slot above a dateline: notes to editors are not a title, a
    trailing "by NAME" is the author, and the last words of a headline broken over lines are not one."""
    if _SLUG.search(line):
        return None, None
    text = " ".join(_FLAG.sub("", _NOTE.sub("", line)).split()).strip(" -–—:")
    author = None
    if found := _BY_NAME.match(text):
        text, author = found["head"].strip(" -–—:,"), found["name"]
    if len(text.split()) < 2 or not text[:1].isupper() and not text[:1].isdigit():
        return None, author  # "in Iraq", "TV", "2006": the tail of a longer headline
    return text, author
