"""Dates relative to the previous event of the chronology: 'two weeks later', 'the following month',
'later that year', 'by the summer'. Each resolves against an anchor (the EDTF date of the event before)."""
from __future__ import annotations

import re
from datetime import date, timedelta

COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3}
_COUNT = r"(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)"
ANCHORED = [
    ("later", re.compile(rf"\b{_COUNT} (?P<unit>day|week|month|year)s? (?P<dir>later|afterwards?|(?:earlier|before)(?=\s*(?:[,.;)]|$)))\b", re.I)),
    ("following", re.compile(r"\bthe (?:following|next) (?P<unit>day|week|month|year)\b", re.I)),
    ("same", re.compile(r"\b(?:that|the same) (?P<unit>day|month|year)\b", re.I)),
    ("that", re.compile(r"\b(?:[Tt]hat|[Ll]ater that|[Ee]arlier that) (?P<month>January|February|March|April|May|June|July|"
                        r"August|September|October|November|December)\b")),
]
MONTH_NUMBERS = {m: k for k, m in enumerate(("January February March April May June July August September October "
                                             "November December").split(), 1)}
SEASON_ANCHOR = re.compile(r"\b(?:by|in|during|over|through|that|until)\s+(?:the\s+)?$", re.I)
_EDTF = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d\d))?(?:-(?P<d>\d\d))?$")


def parse_anchor(edtf: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month or None, day or None) of an EDTF date; seasons (2022-22) keep only the year."""
    found = _EDTF.match(edtf or "")
    if not found:
        return None
    year, month, day = int(found["y"]), found["m"] and int(found["m"]), found["d"] and int(found["d"])
    if month and month > 12:
        return year, None, None
    return year, month or None, day or None


def shift(anchor: str | None, kind: str, g: dict) -> str | None:
    """EDTF for an anchored expression, or None when there is no usable anchor."""
    parts = parse_anchor(anchor)
    if parts is None:
        return None
    year, month, day = parts
    if kind == "that":  # 'that August': the month in the year of the event before
        return f"{year}-{MONTH_NUMBERS[g['month']]:02d}"
    unit = g["unit"].lower()
    if kind == "same":
        return _same(unit, year, month, day)
    count = 1 if kind == "following" else COUNTS.get(g["count"].lower(), None) or int(g["count"])
    if kind == "later" and g["dir"].lower() in ("earlier", "before"):
        count = -count
    if unit == "year":
        return str(year + count)
    if month is None:
        return str(year) if unit != "month" or abs(count) < 12 else None
    if unit == "month":
        total = year * 12 + month - 1 + count
        return f"{total // 12}-{total % 12 + 1:02d}"
    days = count * (7 if unit == "week" else 1)
    moved = date(year, month, day or 15) + timedelta(days=days)
    return moved.isoformat() if day else f"{moved.year}-{moved.month:02d}"


def _same(unit: str, year: int, month: int | None, day: int | None) -> str | None:
    """'that year', 'the same month', 'on the same day': the anchor at that precision."""
    if unit == "day":
        return f"{year}-{month:02d}-{day:02d}" if month and day else None
    if unit == "month":
        return f"{year}-{month:02d}" if month else None
    return str(year)


def season_year(rel: str, before: str, anchor: str | None) -> int | None:
    """'by the summer', 'in the summer', 'that summer' with no year: the year of the event before."""
    parts = parse_anchor(anchor)
    rel = rel.lower()
    if parts is None or (rel == "the" and not SEASON_ANCHOR.search(before)) or rel not in ("the", "in the", "that"):
        return None
    return parts[0]
