"""RSS and Atom feeds for `briefing add --feed`: the article links a feed lists, newest first.

feedparser reads every flavour of feed (RSS 0.9x to 2.0, Atom, broken ones too); the feed
itself is fetched by fetch.py, so a feed gets the same timeouts and limits as a page.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

from .fetch import FetchError, fetch


def feed_links(url: str, max_bytes: int, since: date | None = None) -> list[str]:
    """The article links of the feed at `url`, those published on or after `since` (undated ones too)."""
    fetched = fetch(url, max_bytes)
    return links_in(fetched.body, fetched.final_url, since, fetched.content_type)


def links_in(body: bytes, base: str, since: date | None = None, content_type: str = "") -> list[str]:
    """The entries' links of a feed document, made absolute, each once; FetchError if it is not a feed."""
    import feedparser  # imported here: only `add --feed` needs it

    parsed = feedparser.parse(body, response_headers={"content-type": content_type, "content-location": base})
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(f"not an RSS or Atom feed ({content_type or 'no content type'})")
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or next((e.get("href") for e in entry.get("links", []) if e.get("href")), None)
        if link and not _before(entry, since):
            links.append(urljoin(base, link.strip()))
    return list(dict.fromkeys(links))


def _before(entry, since: date | None) -> bool:
    """Whether the entry was published before `since`; an undated entry cannot be said to be."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return since is not None and stamp is not None and date(*stamp[:3]) < since
