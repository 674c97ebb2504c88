"""Seeds saved as web pages (.html, .htm) or as Markdown with front-matter (.md).

Each reader returns what the file's markup states (title, published, authors, outlet, url,
summary) and the article as plain text, one paragraph a line. ingest.read_seed then treats that
text exactly like a plain-text seed (byline, dateline, credit lines, boilerplate), and what the
markup states wins over what the first lines suggest: a saved page extracts like its text twin.
"""
from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .header import parse_date, split_names
from .ingest import SeedError, decode
from .outlets import OUTLETS, outlet_from_url
from .problems import Problem
from .yamlhead import load_yaml

FRONT_MATTER_KEYS = ("title", "published", "date", "author", "authors", "url", "outlet", "summary", "dateline")
MIN_WORDS = 15
_DATELINE = re.compile(r"^report(?:ing|ed) from [A-Z]", re.I)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "tr", "dt", "dd")


def read_markup(path: Path, data: bytes) -> tuple[dict, str]:
    """(what the markup states, the article as plain lines) for an HTML, Markdown or PDF seed."""
    if path.suffix.lower() == ".md":
        return read_markdown(path, data)
    if path.suffix.lower() == ".pdf":
        from .pdfseed import read_pdf  # pdfminer loads only for PDF seeds

        return read_pdf(path, data)
    return read_html(path, data)


# --- saved web pages ---------------------------------------------------------------------------

def read_html(path: Path, data: bytes) -> tuple[dict, str]:
    """A saved article page: metadata and main text pulled out with trafilatura."""
    if not data.strip():
        raise SeedError(f"{path}: error: empty file, not a web page")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SeedError(f"{path}: error: binary file, not a web page (save the article as 'Web page, HTML only')")
    import trafilatura  # imported here: only HTML seeds need it, and it takes a moment to load

    try:
        page = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"})
    except Exception as error:  # lxml and trafilatura raise many kinds on broken markup
        raise SeedError(f"{path}: error: cannot parse this HTML ({type(error).__name__}: {error})") from None
    meta = _as_dict(page)
    text = meta.get("text") or ""
    if len(text.split()) < MIN_WORDS:  # "Home", a cookie notice: what is left of a page with no article
        raise SeedError(f"{path}: error: no article text found in this web page (is it the article itself? "
                        "a page of links, a login wall or an empty template has none)")
    stated = _stated_by_page(meta)
    if "url" not in stated and (saved_from := saved_from_url(data)):  # no canonical link: where it was saved from
        stated["url"] = saved_from
    return stated, "\n".join([*_datelines(data, text), _page_text(text, stated)])


def saved_from_url(data: bytes) -> str | None:
    """The address a browser's "Save page as" (and `briefing add`) notes atop a page:
    `<!-- saved from url=(0042)https://... -->`."""
    found = _SAVED_FROM.search(data[:4096])
    return found[1].decode("utf-8", "replace") if found else None


def saved_from_comment(url: str) -> str:
    """The comment `saved_from_url` reads, in the browsers' own form (the number is the URL's length)."""
    return f"<!-- saved from url=({len(url):04d}){url} -->"


def _datelines(data: bytes, text: str) -> list[str]:
    """ "Reporting from Cernobbio, Italy": pages put it in the byline block, which trafilatura leaves out."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return []
    found = (" ".join(e.text_content().split()) for e in root.iter("p", "span", "div") if len(e) == 0)
    return [line for line in found if _DATELINE.match(line) and len(line) < 80 and line not in text][:1]


def _as_dict(page: Any) -> dict:
    if page is None:
        return {}
    return page.as_dict() if hasattr(page, "as_dict") else dict(page)


def _stated_by_page(meta: dict) -> dict:
    """The page's title, date, outlet, canonical URL, authors and standfirst, as header facts."""
    url = meta.get("url") if str(meta.get("url") or "").startswith(("http://", "https://")) else None
    outlet = _outlet(meta.get("sitename"), url)
    stated = {
        "title": _clean(meta.get("title")),
        "published": _iso_date(meta.get("date")),
        "url": url,
        "outlet": outlet,
        "authors": _page_authors(meta.get("author"), outlet),
        "summary": _clean(meta.get("description")),
    }
    return {key: value for key, value in stated.items() if value}


def _page_text(text: str, stated: dict) -> str:
    """The article's lines without the headline repeated above it; the standfirst becomes the summary."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and lines[0] == stated.get("title"):
        lines.pop(0)
    if stated.get("summary") in lines[:2]:
        lines.remove(stated["summary"])
    else:
        stated.pop("summary", None)  # a meta description that is not on the page is a teaser, not a standfirst
    return "\n".join(lines)


def _outlet(sitename: Any, url: str | None) -> str | None:
    """og:site_name as people know the outlet ("nytimes" -> "The New York Times"); else the URL's domain."""
    name = _clean(sitename)
    if not name:
        return outlet_from_url(url)
    known = OUTLETS.get(name.lower().strip(". "))
    if known:
        return known
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", name):  # a bare domain: trafilatura's fallback
        return outlet_from_url(f"https://{name}/") or name
    return name


def _page_authors(author: Any, outlet: str | None) -> list[str]:
    """trafilatura's "A; B" author string as names; the outlet's own name is not a byline."""
    names = split_names(str(author).replace(";", ",")) if author else []
    outlets = {outlet.lower()} if outlet else set()
    outlets |= set(OUTLETS) | {value.lower() for value in OUTLETS.values()}
    return [_initials(name) for name in names if name.lower() not in outlets]


def _initials(name: str) -> str:
    """trafilatura drops the dots of middle initials ("Michael R Gordon"); bylines have them."""
    return re.sub(r"(?<=\s)([A-Z])(?=\s)", r"\1.", name)


# --- Markdown with front-matter ----------------------------------------------------------------

def read_markdown(path: Path, data: bytes) -> tuple[dict, str]:
    """A Markdown article: front-matter (title, published, author, url, outlet) and body paragraphs."""
    text = decode(data, path)
    head, body, first_body_line = _split_front_matter(text, path)
    stated = _front_matter_facts(head, path) if head is not None else {}
    blocks = markdown_blocks(body)
    if blocks and blocks[0][0] == "h1":  # "# Headline" opening the body is the title
        stated.setdefault("title", blocks[0][1])
        if blocks[0][1] == stated["title"]:
            blocks.pop(0)
    if not blocks:
        raise SeedError(f"{path}:{first_body_line}: error: no article text after the front-matter")
    return stated, "\n".join(text for _, text in blocks)


def _split_front_matter(text: str, path: Path) -> tuple[str | None, str, int]:
    """(YAML head or None, Markdown body, the body's first line number)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, text, 1
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if closing is None:
        raise SeedError(f"{path}:1: error: front-matter is never closed: did you forget the closing '---'?")
    return "\n".join(lines[1:closing]), "\n".join(lines[closing + 1:]), closing + 2


def _front_matter_facts(head: str, path: Path) -> dict:
    """The front-matter's keys as header facts; a mistake names the file and line."""
    try:
        node, data = load_yaml(head, str(path))
    except ValueError as error:
        raise SeedError(str(error.args[0])) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SeedError(f"{path}:2: error: front-matter must be keys (title:, published:, author: ...)")
    lines = {key.value: key.start_mark.line + 2 for key, _ in node.value}
    facts: dict = {}
    for key, value in data.items():
        where = Problem(str(path), lines.get(key, 2), "")
        if key not in FRONT_MATTER_KEYS:
            hint = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1, cutoff=0.75)
            if hint:  # a typo would silently lose the date or the title; other keys (tags: ...) are the user's own
                raise SeedError(_at(where, f"unknown key `{key}`: did you mean `{hint[0]}`?"))
            continue
        if value is not None and value != "":
            facts.update(_fact(key, value, where))
    return facts


def _fact(key: str, value: Any, where: Problem) -> dict:
    """One front-matter entry as {header key: value}; wrong types are errors at its line."""
    if key in ("published", "date"):
        found = value if isinstance(value, date) else parse_date(str(value))
        if found is None or isinstance(value, bool):
            raise SeedError(_at(where, f"`{key}` must be a date like 2024-09-07, not {value!r}"))
        return {"published": found.date() if isinstance(found, datetime) else found}
    if key in ("author", "authors"):
        names = value if isinstance(value, list) else split_names(str(value).replace(";", ","))
        if not all(isinstance(name, str) for name in names):
            raise SeedError(_at(where, f"`{key}` must be a name or a list of names"))
        return {"authors": [name.strip() for name in names if name.strip()]}
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise SeedError(_at(where, f"`{key}` must be text, not {type(value).__name__}"))
    if key == "url" and not str(value).startswith(("http://", "https://")):
        raise SeedError(_at(where, f"`url` must start with http:// or https://, not {value!r}"))
    text = " ".join(str(value).split())
    return {key: OUTLETS.get(text.lower(), text) if key == "outlet" else text}


def markdown_blocks(body: str) -> list[tuple[str, str]]:
    """The body's block elements as (tag, plain text): paragraphs, headings, list items, quotes."""
    import lxml.html
    import markdown

    html = markdown.markdown(body, extensions=["tables"])
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks = []
    for element in root.iter(*_BLOCKS):
        if element.getparent() is not None and any(a.tag in ("li", "pre", "tr") for a in element.iterancestors()):
            continue  # a paragraph inside a list item is that item's text
        text = " ".join(element.text_content().split())
        if text:
            blocks.append((element.tag, text))
    return blocks


# --- shared -------------------------------------------------------------------------------------

def _at(where: Problem, message: str) -> str:
    return str(Problem(where.path, where.line, message))


def _clean(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _iso_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
