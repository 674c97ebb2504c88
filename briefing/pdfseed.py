"""PDF seeds (.pdf): a report's text in reading order, as paragraphs, with its title and date.

pdfminer.six lays each page out (lines, their boxes and font sizes, in reading order across
columns); this module then drops running headers, footers and page numbers, joins the lines of
a paragraph (and words hyphenated at a line's end), and takes the title and date from the
document's metadata or its first page. Like seedformats' readers it returns (what the file
states, the article as lines), and ingest.read_seed treats the lines like a text seed's.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from .header import parse_date, split_names
from .ingest import SeedError

MIN_WORDS = 15
BAND = 0.1  # the top and bottom tenth of a page: where running heads and page numbers sit
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$", re.I)
_LEADER = re.compile(r"(?:\s?\.){5,}\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$")  # a table of contents' "Introduction . . . 1"
_UNMAPPED = re.compile(r"\(cid:\d+\)")  # a glyph the font maps to no character
_SENTENCE_END = re.compile(r"[.!?:;]['\"’”)]*$")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_JUNK_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled\b|slide \d)|\.(?:docx?|pdf|indd|odt|rtf|tex)$", re.I)


@dataclass(frozen=True)
class Line:
    """One laid-out line of text: its page, box (PDF points, y upwards), font size and text."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str
    in_band: bool


def read_pdf(path: Path, data: bytes) -> tuple[dict, str]:
    """A PDF report: title, date and authors, and its text as paragraphs, one a line."""
    lines, info, pictures = _layout(path, data)
    if sum(len(line.text.split()) for line in lines) < MIN_WORDS:
        if pictures:
            raise SeedError(f"{path}: error: scanned PDF with no text layer (its pages are pictures): run OCR on "
                            "it first (e.g. ocrmypdf) or paste its text into a .txt seed")
        raise SeedError(f"{path}: error: no text in this PDF")
    lines = without_running_lines(lines)
    heading, lines = _title_lines(lines)
    stated = {"title": _metadata_title(info.get("Title")) or heading,
              "published": _first_page_date(lines) or pdf_date(info.get("CreationDate")),
              "authors": _metadata_authors(info.get("Author")),
              "url": url_beside(path)}
    paragraphs = [" ".join(p.split()) for p in join_lines(lines)]
    return {k: v for k, v in stated.items() if v}, "\n".join(p for p in paragraphs if p)


def _layout(path: Path, data: bytes) -> tuple[list[Line], dict, bool]:
    """Every text line of the document in reading order, its Info dictionary, and whether it has pictures."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(BytesIO(data)))
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        lines, pictures = [], False
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            interpreter.process_page(page)
            found, has_picture = _page_lines(device.get_result(), number)
            lines += found
            pictures = pictures or has_picture
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise SeedError(f"{path}: error: this PDF is locked with a password; save an unlocked copy") from None
    except Exception as error:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError...) on broken files
        raise SeedError(f"{path}: error: cannot read this PDF ({type(error).__name__}: {error})") from None
    return lines, _info(document), pictures


def _page_lines(layout, number: int) -> tuple[list[Line], bool]:
    """A laid-out page's text lines, in pdfminer's reading order, and whether it holds a picture."""
    from pdfminer.layout import LTChar, LTImage, LTTextLine

    lines, pictures, height = [], False, layout.height or 1
    stack = list(layout)[::-1]
    while stack:
        item = stack.pop()
        if isinstance(item, LTImage):
            pictures = True
        elif isinstance(item, LTTextLine):
            text = _UNMAPPED.sub("", item.get_text().translate(_LIGATURES)).strip()
            sizes = [char.size for char in item if isinstance(char, LTChar)]
            if text:
                in_band = item.y0 > height * (1 - BAND) or item.y1 < height * BAND
                lines.append(Line(number, item.x0, item.y0, item.x1, item.y1, max(sizes, default=0), text, in_band))
        elif hasattr(item, "__iter__"):
            stack.extend(list(item)[::-1])
    return lines, pictures


def without_running_lines(lines: list[Line]) -> list[Line]:
    """The lines without page numbers, headers and footers that repeat on other pages, and contents entries."""
    def shape(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    pages_with = Counter(shape for shape, _ in {(shape(line), line.page) for line in lines if line.in_band})
    return [line for line in lines if not _LEADER.search(line.text)
            and not (line.in_band and (_PAGE_NUMBER.match(line.text) or pages_with[shape(line)] >= 2))]


def _title_lines(lines: list[Line]) -> tuple[str | None, list[Line]]:
    """The first page's headline (the largest type in its top half) and the lines without it."""
    body_size = Counter(round(line.size) for line in lines).most_common(1)[0][0]
    first = [line for line in lines[:12] if line.page == lines[0].page]
    biggest = max((line.size for line in first), default=0)
    if biggest < body_size * 1.2:
        return None, lines
    title = [line for line in first if line.size == biggest]
    rest = [line for line in lines if line not in title]
    return " ".join(line.text for line in title), rest


def join_lines(lines: list[Line]) -> list[str]:
    """Paragraphs from lines: a new one after a gap, an indent, a short closing line or a change of type."""
    document = " ".join(line.text for line in lines)
    paragraphs: list[str] = []
    previous = None
    for line in lines:
        if previous is None or _starts_paragraph(previous, line):
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = _join(paragraphs[-1], line.text, document)
        previous = line
    return paragraphs


def _starts_paragraph(previous: Line, line: Line) -> bool:
    """Whether `line` begins a paragraph rather than continuing the one `previous` is in."""
    ended = _SENTENCE_END.search(previous.text) is not None
    if line.page != previous.page or line.y1 > previous.y1:  # a new page or column continues an unfinished sentence
        return ended
    if abs(line.size - previous.size) > 0.5:
        return True
    gap, height = previous.y0 - line.y1, line.y1 - line.y0
    if gap > height * 0.7:
        return True
    indented = line.x0 > previous.x0 + line.size
    short = previous.x1 < line.x1 - 3 * line.size
    return ended and (indented or short)


def _join(text: str, line: str, document: str) -> str:
    """Append a line to its paragraph, mending a word hyphenated at the line's end ("deliv-" "ered")."""
    broken = re.search(r"(\w+)[-\u00ad]$", text)
    if broken and line[:1].islower():
        rest = re.match(r"[\w'’]+", line)
        if text.endswith("\u00ad") or not rest or f"{broken[1]}-{rest[0]}" not in document:
            return text[:-1] + line  # the hyphen only split the word; a compound written whole elsewhere keeps it
        return text + line
    return f"{text} {line}"


def _first_page_date(lines: list[Line]) -> date | None:
    """A date standing in a short line near the top of the first page ("10 September 2024")."""
    for line in lines[:8]:
        if line.page == lines[0].page and len(line.text.split()) <= 8:
            found = parse_date(line.text)
            if found:
                return found
    return None


def pdf_date(value: object) -> date | None:
    """A PDF date string ("D:20240910120000Z") as a date."""
    found = re.match(r"^(?:D:)?((?:19|20)\d\d)(\d\d)(\d\d)", str(value or ""))
    try:
        return date(*map(int, found.groups())) if found else None
    except ValueError:
        return None


def _metadata_title(value: object) -> str | None:
    """The Info title, unless it is a file name or a word processor's placeholder."""
    title = " ".join(str(value or "").split())
    return title if len(title.split()) >= 2 and not _JUNK_TITLE.search(title) else None


def _metadata_authors(value: object) -> list[str]:
    """The Info author as names; a login name ("jdoe", "Administrator") is not a byline."""
    names = split_names(str(value or "").replace(";", ","))
    return [name for name in names if 2 <= len(name.split()) <= 4 and name[:1].isupper()]


def _info(document) -> dict[str, str]:
    """The document's Info dictionary as text."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    info: dict[str, str] = {}
    for entries in document.info:
        for key, value in entries.items():
            value = resolve1(value)
            info[key] = decode_text(value) if isinstance(value, bytes) else str(value)
    return info


def url_beside(path: Path) -> str | None:
    """Where the PDF came from: `briefing add` writes it beside the file, as `<name>.url` (an Internet shortcut)."""
    try:
        text = path.with_suffix(".url").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(r"^(?:URL=)?(https?://\S+)\s*$", text, re.M)
    return found[1] if found else None


def shortcut(url: str) -> str:
    """The text of a `.url` file (Windows' Internet shortcut) that records where a seed came from."""
    return f"[InternetShortcut]\nURL={url}\n"
