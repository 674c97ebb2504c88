"""The same statement or event reported by several articles, recognised as one.

Two claims (or two denials) of the same speaker, once resolved, in different articles are one
statement when their words overlap strongly; two events of the same date, at the same precision,
are one event when their words do. Overlap is measured on content words cut to six letters
(so "shipped" meets "shipping"): a Jaccard index of 0.5, or 80% of the shorter text's words in
the longer one when it has four or more; numbers must agree ("four killed" is not "two killed").
bench/README.md gives the numbers behind these thresholds.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from .model import Article, Ref
from .warm import AsLastTimeBy, Remembered

JACCARD = 0.5
CONTAINED = 0.8
STOPWORDS = frozenset("""the a an of to in on and or for with by at from that this these those is are was were be
    been being has have had it its as not but will would shall should can could may might said says say told
    he she they we you his her their our them him us who which what when where there than then also into
    about after before over under more most very just only any all some such""".split())
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,},")  # 'LOS ANGELES, Nov. 3, 2006 (Xinhua)': where a copy was filed
DATE_WORDS = frozenset(w[:6] for w in """january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow week month year last next""".split())
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion dozen dozens hundreds thousands millions""".split())


def retold(articles: Iterable[Article]) -> dict[Ref, tuple[Ref, ...]]:
    """Each claim, denial and event reported by more than one article -> every report, the first first."""
    statements: dict[tuple, list[tuple]] = defaultdict(list)
    for article in articles:
        for key, report in REPORTS.get(article, functools.partial(_reports, article)):
            statements[key].append(report)
    out: dict[Ref, tuple[Ref, ...]] = {}
    for key, reports in statements.items():
        # (a server's rebuild after one edit groups again only the reports of the speakers and dates it touched:
        # an unchanged article's reports are the very tuples of the last build, so comparing them costs little)
        for ordered in GROUPED.get(key, functools.partial(_grouped, key[0], reports), lambda reports=reports: reports):
            out.update((ref, ordered) for ref in ordered)
    return out


REPORTS = Remembered()  # an article's reports by speaker or date, while a server holds its caches
GROUPED = AsLastTimeBy()  # the groups of each speaker's statements of a kind, or of a date's events


def _reports(article: Article) -> tuple[tuple[tuple, tuple], ...]:
    """(key, report) for each claim, denial and event of an article: the key is the kind and the speaker
    (the date for an event), the report (where the article comes first, fact id, slug, text)."""
    order = (article.published or "9999", article.slug)
    said = [((kind, item.speaker), (order, item.id, article.slug, item.text))
            for kind, items in (("claim", article.claims), ("denial", article.denials)) for item in items]
    return (*said, *((("event", e.date), (order, e.id, article.slug, e.text)) for e in article.events))


def _grouped(kind: str, reports: list[tuple]) -> list[tuple[Ref, ...]]:
    """The groups of 2+ reports of one kind by one speaker (or of events of one date), each the first first."""
    ordered = [(Ref(slug, fact), text) for _, fact, slug, text in sorted(reports)]  # (order, fact) is unique
    return [tuple(group) for group in _groups(ordered, _event_shape if kind == "event" else _shape)]


def _groups(reports: list[tuple[Ref, str]], shape) -> list[list[Ref]]:
    """Reports that say what the first report of their group says, in other articles; groups of 2+.
    Each report is compared with a group's first, never chained through a third ('A~B, B~C')."""
    groups: list[tuple[tuple, list[Ref], set]] = []  # (first report's shape, reports, their articles)
    for ref, text in reports:
        mine = shape(text)
        home = next((group for group in groups if ref.article not in group[2] and same_text(group[0], mine)), None)
        if home is None:
            groups.append((mine, [ref], {ref.article}))
        else:
            home[1].append(ref)
            home[2].add(ref.article)
    return [g for _, g, _ in groups if len(g) > 1]


@functools.lru_cache(maxsize=1 << 16)  # wire copies retell each other's words; `serve` rebuilds often
def _shape(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A text's content words (cut to six letters) and its numbers."""
    tokens = re.findall(r"[a-z0-9]+(?:[.,][0-9]+)*", text.lower())
    numbers = frozenset(t.replace(",", "") for t in tokens if t[0].isdigit() or t in NUMBER_WORDS)
    words = frozenset(t[:6] for t in tokens if t not in STOPWORDS and len(t) > 2 and not t[0].isdigit())
    return words, numbers


def _event_shape(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """An event's shape without its date words (the dates are equal already), and nothing when
    fewer than three words are left ('BEIJING, April 7, 1997 (AFP)' is where, not what)."""
    if DATELINE.match(text):
        return frozenset(), frozenset()
    words, numbers = _shape(text)
    words = frozenset(w for w in words if w not in DATE_WORDS)
    return (words, numbers) if len(words) >= 3 else (frozenset(), numbers)


def same_text(one: tuple[frozenset[str], frozenset[str]], other: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether two texts say the same: words overlap strongly and no number of the shorter is missing."""
    (a, an), (b, bn) = one, other
    if not a or not b:
        return False
    small, large = (an, bn) if len(a) <= len(b) else (bn, an)
    if not small <= large:
        return False
    shared = len(a & b)
    return shared / len(a | b) >= JACCARD or (min(len(a), len(b)) >= 4 and shared / min(len(a), len(b)) >= CONTAINED)
