"""`briefing add`: fetch articles (URLs, a list of them, RSS/Atom feeds) into seeds/, then extract them.

This module is the command (its flags and what it prints); collect.py fetches and keeps the seeds,
feeds.py reads feeds, known.py knows what the briefing holds. They load only when `add` runs.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .config import Settings
from .progress import Reporter, plural
from .textutil import display_path


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """The `add` subcommand and its flags."""
    add = sub.add_parser("add", help="fetch articles (URLs, a list, RSS/Atom feeds) into seeds/ and extract them")
    add.add_argument("urls", nargs="*", metavar="URL", help="a web page or PDF, over http(s)")
    add.add_argument("--from", dest="url_file", type=Path, metavar="FILE",
                     help="read URLs from FILE, one a line (# comments and blank lines are skipped; - is stdin)")
    add.add_argument("--feed", action="append", default=[], metavar="URL",
                     help="add the articles an RSS or Atom feed links to (may be repeated)")
    add.add_argument("--feeds", action="store_true", help="refresh every feed of the `feeds` setting")
    add.add_argument("--since", type=date.fromisoformat, metavar="DATE",
                     help="with --feed/--feeds: only entries published on or after DATE (2024-09-01)")
    add.add_argument("--no-extract", action="store_true", help="only fetch into seeds/; the next build extracts")


def run_add(settings: Settings, args: argparse.Namespace) -> int:
    """Fetch, skip what the briefing has, extract what is new; exit 1 when any URL or feed failed."""
    say: Reporter = args.reporter
    feeds = [*args.feed, *(settings.feeds if args.feeds else ())]
    urls = [*args.urls, *(_url_lines(args.url_file) if args.url_file else [])]
    if not urls and not feeds:
        say.warn("briefing add: error: give URLs, --from FILE, --feed URL or --feeds"
                 + (" (the `feeds` setting is empty)" if args.feeds else ""))
        return 2
    from .collect import add_urls

    failed = []
    for feed in feeds:
        found, problem = _feed(feed, settings, args.since, say)
        urls += found
        failed += problem
    report = add_urls(settings, list(dict.fromkeys(urls)), say)
    report.failed[:0] = failed
    _tell(report, settings, say)
    if report.added and not args.no_extract:
        _extract(settings, report.added, say)
    return 1 if report.failed else 0


def _url_lines(path: Path) -> list[str]:
    """The URLs of a --from file (or stdin), one a line."""
    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8-sig")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _feed(url: str, settings: Settings, since: date | None, say: Reporter) -> tuple[list[str], list]:
    """(the feed's article links, [(feed, why)] if it could not be read)."""
    from .feeds import feed_links
    from .fetch import FetchError

    say.info(f"reading feed {url}")
    try:
        links = feed_links(url, settings.max_seed_bytes, since)
    except FetchError as error:
        return [], [(url, f"feed: {error}")]
    say.info(f"feed {url}: {plural(len(links), 'article link')}" + (f" since {since}" if since else ""))
    return links, []


def _tell(report, settings: Settings, say: Reporter) -> None:
    """One line per seed added, URL skipped and URL failed, then the count."""
    for seed in report.added:
        say.info(f"added {display_path(seed, settings.root)}")
    for url, where in report.skipped:
        say.info(f"skipped {url}: already in the briefing ({where})")
    for url, why in report.failed:
        say.warn(f"{url}: error: {why}")
    say.info(f"add: {plural(len(report.added), 'article')} added, {len(report.skipped)} already in the briefing, "
             f"{len(report.failed)} failed")


def _extract(settings: Settings, seeds: list[Path], say: Reporter) -> None:
    """Extract the new seeds, like `briefing extract SEED...`, one build at a time."""
    from .lock import one_build_at_a_time
    from .refresh import refresh

    outcome = one_build_at_a_time(refresh)(settings, only=seeds, progress=say)
    for problem in outcome.problems:
        say.warn(str(problem))
    if outcome.written:
        say.info(f"extracted {plural(len(outcome.written), 'seed')} into {settings.content}/; "
                 "run `briefing` to rebuild the site")
