"""Date expressions resolved to EDTF against the publication date and the verb's tense."""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from ..textutil import MONTHS
from .anchored import ANCHORED, season_year, shift

MONTH_NAMES = ("January February March April May June July August September October November "
               "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}
_MONTH = r"(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_PART = r"(?:(?:early|mid|late)[- ]?)?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?!\d)"  # "in October 56 children": 56 cannot be a day, so it is none
PATTERNS = [
    ("dmonth", re.compile(rf"\b{_DAY}\s+(?P<month>{_MONTH})(?:\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("month", re.compile(rf"\b{_PART}(?P<month>{_MONTH})(?:\s+{_DAY}(?:st|nd|rd|th)?)?"
                         rf"(?:,?\s+(?P<year>(?:19|20)\d\d)|\s+(?P<rel_year>last|this|next) year)?\b")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|next|this)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|"
                           r"Friday|Saturday|Sunday)\b")),
    ("season", re.compile(r"\b(?P<rel>this|last|next|early|late|in the|the|that)\s+(?P<season>spring|summer|fall|"
                          r"autumn|winter)(?:\s+of\s+(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>today|yesterday|tomorrow|overnight|the end of the year|(?:earlier |later )?this (?:week|month|year)|"
                            r"last (?:week|month|year)|next (?:week|month|year))\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|by|until|through|the|of|early|late|before|after|during|from|to|"
                        r"mid)[ -](?P<year>(?:19|20)\d\d)\b(?!,\d)", re.I)),
]
RULES = {"dmonth": "date-day-month", "month": "date-month", "relative": "date-relative-word"}
SCHEDULED = frozenset(("expect", "schedule", "due", "set", "plan", "slate", "poise", "reschedule", "postpone", "adjourn"))
ASSERTIONS = frozenset("report reports claim claims fact news evidence statement warning".split())
MAY_CONTEXT = re.compile(r"\b(?:in|since|by|until|early|mid|late|of|last|next|this|on)[- ]$", re.I)


@dataclass
class DateMention:
    """A date expression in a sentence: character span, words, and its EDTF value."""

    start: int
    end: int
    when: str
    edtf: str
    rule: str = "date"  # which pattern resolved it: 'date-weekday', 'date-season', 'date-later', ...


def find_dates(doc, published: date | None, anchor: str | None = None) -> list[DateMention]:
    """Every resolvable date expression of a parsed sentence, left to right, no overlaps.

    `anchor` is the date of the event before, for 'two weeks later' and 'by the summer'."""
    text = doc.text
    found: list[DateMention] = []
    for kind, pattern in ANCHORED:
        for m in pattern.finditer(text):
            edtf = shift(anchor, kind, m.groupdict()) if kind != "that" or not _complementizer(doc, m.start()) else None
            if edtf:
                found.append(DateMention(m.start(), m.end(), m.group(0), edtf, f"date-anchored-{kind}"))
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span("year") if kind == "year" else m.span()
            if any(start < d.end and d.start < end for d in found) or not _plausible(kind, m, text):
                continue
            edtf = resolve(kind, m.groupdict(), published, _tense(doc, start))
            if kind == "season" and not edtf and _tense(doc, start) == "past" and not _conditional(doc, start):
                year = season_year(m.group("rel"), text[: m.start()], anchor)
                edtf = f"{year}-{SEASONS[m.group('season').lower()]}" if year else None
            if edtf:
                found.append(DateMention(start, end, text[start:end], edtf, RULES.get(kind, f"date-{kind}")))
    return sorted(found, key=lambda d: d.start)


def _complementizer(doc, char: int) -> bool:
    """'said that August deliveries ...': 'that' opens a clause, it does not point at a month."""
    tok = next((t for t in doc if t.idx == char), None)
    return tok is not None and tok.i > 0 and (doc[tok.i - 1].pos_ in ("VERB", "AUX") or doc[tok.i - 1].lower_ in ASSERTIONS)


def _plausible(kind: str, m, text: str) -> bool:
    if kind == "month" and m.group("month").rstrip(".") in ("May", "Mar"):
        return bool(MAY_CONTEXT.search(text[: m.start()])) or bool(m.group("day"))
    if kind == "month" and m.group("month").endswith(".") is False and len(m.group("month")) <= 4:
        return m.group("month") in ("June", "July") or bool(m.group("day"))
    return True


def _conditional(doc, char: int) -> bool:
    """Whether the date sits in an 'if' clause ('if we had received this in the spring')."""
    tok = next((t for t in doc if t.idx <= char < t.idx + len(t.text) + 1), None)
    while tok is not None and tok.head.i != tok.i:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return True
        tok = tok.head
    return False


def _tense(doc, char: int) -> str:
    """'past', 'future' or 'present' for the verb that governs the token at `char`."""
    tok = next((t for t in doc if t.idx <= char < t.idx + len(t.text) + 1), None)
    while tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    if tok is None:
        return "present"
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.lemma_.lower() in SCHEDULED and doc.text[:char].rstrip().lower().endswith(" for"):
        return "future"  # 'set sentencing for Dec. 5', 'is scheduled for September': the date is to come
    if tok.tag_ == "VB" and "to" in auxes and tok.head.lemma_.lower() in SCHEDULED:
        return "future"  # 'is expected to testify on Wednesday', 'is due to meet on Friday'
    if auxes & {"will", "shall", "'ll", "would", "could", "might", "may"} and not auxes & {"have", "had"}:
        return "future"
    if tok.tag_ == "VBD" or auxes & {"has", "have", "had", "did", "was", "were"}:
        return "past"
    return "past" if tok.tag_ == "VBN" else "present"


def resolve(kind: str, g: dict, published: date | None, tense: str) -> str | None:
    """EDTF for one matched expression; None when it cannot be resolved without guessing."""
    if kind in ("month", "dmonth"):
        year = g.get("year") or _relative_year(g.get("rel_year"), published)
        return _month(MONTHS[g["month"].rstrip(".").lower()], g.get("day"), year, published, tense)
    if kind == "weekday":
        return _weekday(WEEKDAYS.index(g["weekday"].lower()), g.get("rel"), published, tense)
    if kind == "season":
        return _season(SEASONS[g["season"].lower()], g.get("rel") or "", g.get("year"), published)
    if kind == "relative":
        return _relative(g["rel"].lower(), published)
    return g["year"]


def _relative_year(rel: str | None, published: date | None) -> int | None:
    """'August last year' -> the year before publication."""
    if not rel or published is None:
        return None
    return published.year + {"last": -1, "this": 0, "next": 1}[rel.lower()]


def _month(month: int, day, year, published: date | None, tense: str) -> str | None:
    if day and int(day) > monthrange(int(year or 2000), month)[1]:  # "Feb. 30": the month, not a day
        day = None
    if year is None and published is None:
        return f"XXXX-{month:02d}" + (f"-{int(day):02d}" if day else "")
    if year is None:
        y = published.year
        if tense == "future" and month < published.month:
            y += 1
        elif tense != "future" and month > published.month:
            y -= 1
        year = y
    return f"{int(year)}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def _weekday(weekday: int, rel: str | None, published: date | None, tense: str) -> str | None:
    if published is None:
        return None
    if rel == "next" or (tense == "future" and rel != "last"):
        delta = (weekday - published.weekday()) % 7 or 7
        return (published + timedelta(days=delta)).isoformat()
    delta = (published.weekday() - weekday) % 7
    if rel == "last" and delta == 0:
        delta = 7
    return (published - timedelta(days=delta)).isoformat()


def _season(code: int, rel: str, year, published: date | None) -> str | None:
    rel = rel.lower()
    if year:
        return f"{year}-{code}"
    if published is None:
        return f"XXXX-{code}" if rel in ("this", "last", "next", "early", "late") else None
    shift = {"last": -1, "next": 1}.get(rel, 0)
    return f"{published.year + shift}-{code}" if rel in ("this", "last", "next", "early", "late") else None


def _relative(rel: str, published: date | None) -> str | None:
    if published is None:
        return None
    p = published
    if rel in ("today", "yesterday", "tomorrow", "overnight"):  # 'overnight' ends on the publication day
        return (p + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(rel, 0))).isoformat()
    unit = rel.split()[-1]
    if rel == "the end of the year":
        return str(p.year)
    shift = -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
    if unit == "year":
        return str(p.year + shift)
    if unit == "week":
        return (p + timedelta(weeks=shift)).strftime("%Y-%m")
    month = p.month + shift
    year = p.year + (month - 1) // 12
    return f"{year}-{(month - 1) % 12 + 1:02d}"
