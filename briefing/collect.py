"""Fetch articles into seeds/ for `briefing add` (add.py): each URL once, skipping what the briefing holds.

Each page is kept as an HTML seed named after its headline, with the address it came from noted
atop it the way browsers do (`<!-- saved from url=... -->`), so the article's `source.url` is the
page's canonical link, else that address; a PDF is kept as it came, its address in `<name>.url`
beside it. An article already in the briefing (known.py: same URL, or the same text) is skipped.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .fetch import Fetched, FetchError, fetch, page_text
from .ingest import RawArticle, SeedError, read_seed
from .known import Known, known_articles
from .progress import Reporter, Step
from .textutil import display_path, slugify

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET_META = re.compile(r"<meta\s[^>]*(?:charset\s*=|http-equiv\s*=\s*[\"']?content-type)[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


@dataclass
class AddReport:
    """What `add` did: seeds written, URLs skipped and URLs that failed, each with why."""

    added: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def add_urls(settings: Settings, urls: list[str], say: Reporter, known: Known | None = None) -> AddReport:
    """Fetch each URL into seeds/ unless the briefing has it; one bad URL never stops the others."""
    known = known or known_articles(settings)
    report = AddReport()
    for number, url in enumerate(urls, 1):
        say(Step(number, len(urls), url, action="fetching"))
        where = known.holding(url)
        if where:
            report.skipped.append((url, where))
            continue
        try:
            seed, where = _add_one(url, settings, known)
        except FetchError as error:
            report.failed.append((url, str(error)))
            continue
        (report.added.append(seed) if seed else report.skipped.append((url, where)))
    return report


def _add_one(url: str, settings: Settings, known: Known) -> tuple[Path | None, str]:
    """(the new seed, "") or (None, where the briefing already has the article)."""
    fetched = fetch(url, settings.max_seed_bytes)
    suffix, data = seed_bytes(fetched)
    seeds = settings.path("seeds")
    seeds.mkdir(parents=True, exist_ok=True)
    temporary = seeds / f".adding-{os.getpid()}{suffix}"  # hidden: a build running meanwhile does not read it
    try:
        raw = _read_fetched(temporary, data, fetched, settings)
        text = "\n".join(raw.paragraphs)
        where = known.holding(raw.url, text) or known.holding(fetched.final_url)
        if where:
            return None, where
        seed = _free_name(seeds, slugify(raw.title, 60), suffix)
        if suffix == ".pdf":
            os.replace(temporary.with_suffix(".url"), seed.with_suffix(".url"))
        os.replace(temporary, seed)
    finally:
        for leftover in (temporary, temporary.with_suffix(".url")):
            leftover.unlink(missing_ok=True)
    known.note(display_path(seed, settings.root), [url, fetched.final_url, raw.url], text)
    return seed, ""


def _read_fetched(temporary: Path, data: bytes, fetched: Fetched, settings: Settings) -> RawArticle:
    """Read the fetched page as the seed it will be; a page with no article in it is refused."""
    from .pdfseed import shortcut

    temporary.write_bytes(data)
    if temporary.suffix == ".pdf":
        temporary.with_suffix(".url").write_text(shortcut(fetched.final_url), encoding="utf-8")
    try:
        return read_seed(temporary, settings.root, settings.max_seed_bytes)
    except SeedError as error:
        reason = str(error).split("error: ", 1)[-1]
        raise FetchError("not an article (no article text in the page)" if "no article text" in reason
                         else reason) from None


def seed_bytes(fetched: Fetched) -> tuple[str, bytes]:
    """(".html" or ".pdf", the seed file's bytes); FetchError for anything else."""
    if fetched.content_type == "application/pdf" or fetched.body.startswith(b"%PDF-"):
        return ".pdf", fetched.body
    if fetched.content_type not in HTML_TYPES:
        raise FetchError(f"not HTML ({fetched.content_type})")
    return ".html", saved_page(page_text(fetched), fetched.final_url).encode("utf-8")


def saved_page(text: str, url: str) -> str:
    """The page as UTF-8 with its address noted atop it, the way a browser's "Save page as" does."""
    from .seedformats import saved_from_comment

    text = _CHARSET_META.sub("", text.lstrip("\ufeff"))
    meta = '<meta charset="utf-8">'
    text = _HEAD.sub(lambda head: head[0] + meta, text, count=1) if _HEAD.search(text) else meta + text
    return f"{saved_from_comment(url)}\n{text}"


def _free_name(seeds: Path, stem: str, suffix: str) -> Path:
    """seeds/<stem><suffix>, or <stem>-2... when a seed (of any kind) already has that name."""
    name, number = stem, 2
    while any(seeds.glob(f"{name}.*")):  # a slug holds no glob characters
        name, number = f"{stem}-{number}", number + 1
    return seeds / f"{name}{suffix}"
