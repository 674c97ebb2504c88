"""Small helpers shared by several stages: slugs, month names, paths as people type them."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}


def slugify(text: str, max_length: int = 80) -> str:
    """A lowercase ASCII slug ("U.S. officials" -> "us-officials"), cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"(?<=\w)\.(?=\w)|['’]", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "untitled"

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def display_path(path: Path, root: Path) -> str:
    """The path as a person would type it from the project folder (posix, relative when inside it)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def thousands(n: int | str) -> str:
    """A count as a reader reads it: 2,440 rather than 2440 (text passes through)."""
    return f"{n:,}" if isinstance(n, int) else str(n)
