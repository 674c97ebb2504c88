"""What the briefing holds already, for `briefing add`: its articles by URL and by a print of their text.

An article counts as held when a content file's `source.url` or a seed's recorded address is the
same URL (spelt with or without www., tracking parameters or a final slash), or when its words are
those of an article in content/ or of a seed not extracted yet.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from .config import Settings
from .ingest import SeedError, read_seed
from .textutil import display_path

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|at_medium|at_campaign)$", re.I)


@dataclass
class Known:
    """What the briefing holds already: where each article is, by URL and by a fingerprint of its text."""

    urls: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def note(self, where: str, urls: list[str | None], text: str | None = None) -> None:
        """Remember an article: its addresses and its text."""
        for url in filter(None, urls):
            self.urls.setdefault(url_key(url), where)
        if text:
            self.texts.setdefault(fingerprint(text), where)

    def holding(self, url: str | None = None, text: str | None = None) -> str | None:
        """Where the briefing has this URL or this text, if it has it."""
        return (self.urls.get(url_key(url)) if url else None) or (self.texts.get(fingerprint(text)) if text else None)


def url_key(url: str) -> str:
    """A URL as the same article's other spellings give it: no scheme, www., fragment, tracking query or end slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return f"{host}{port}{parts.path.rstrip('/') or '/'}" + (f"?{query}" if query else "")


def fingerprint(text: str) -> str:
    """The article's words, lowercase, without punctuation or Markdown: the same text gives the same print."""
    words = re.findall(r"[^\W_]+", html.unescape(text).lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def known_articles(settings: Settings) -> Known:
    """Every article of content/ (its source URL and text) and every seed (where it was saved from)."""
    from .refresh import seed_files

    known, extracted = Known(), set()
    for path in sorted(settings.path("content").glob("*.md")):
        source, body = source_and_body(path)
        url = source.get("url") if isinstance(source.get("url"), str) else None
        known.note(display_path(path, settings.root), [url], body)
        extracted.add(source.get("seed"))
    for seed in seed_files(settings.path("seeds")):
        _note_seed(known, seed, settings, read=display_path(seed, settings.root) not in extracted)
    return known


def source_and_body(path: Path) -> tuple[dict, str]:
    """A content file's `source:` mapping and its body; only that block of the front-matter is parsed
    (the whole of it is most of the time `add` would spend on a large briefing)."""
    from .yamlhead import load_yaml

    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return {}, ""
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if lines[0].rstrip() != "---" or closing is None:
        return {}, ""
    start = next((i for i in range(1, closing) if lines[i].startswith("source:")), closing)
    end = next((i for i in range(start + 1, closing) if lines[i][:1] not in (" ", "\t", "#", "")), closing)
    try:
        data = load_yaml("\n".join(lines[start:end]), path.name)[1] if start < closing else None
    except ValueError:
        data = None
    source = data.get("source") if isinstance(data, dict) else None
    return (source if isinstance(source, dict) else {}), "\n".join(lines[closing + 1:])


def _note_seed(known: Known, seed: Path, settings: Settings, read: bool) -> None:
    """A seed's recorded address (cheap); a seed not extracted yet is read for its URL and text too."""
    from .pdfseed import url_beside
    from .seedformats import saved_from_url

    where = display_path(seed, settings.root)
    try:
        head = seed.open("rb").read(4096)
    except OSError:
        return
    known.note(where, [saved_from_url(head), url_beside(seed) if seed.suffix.lower() == ".pdf" else None])
    if read:
        try:
            raw = read_seed(seed, settings.root, settings.max_seed_bytes)
        except (SeedError, OSError):
            return
        known.note(where, [raw.url], "\n".join(raw.paragraphs))
