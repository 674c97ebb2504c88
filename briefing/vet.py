"""An extraction checked with the reader's own code before it is written: an item the reader would
refuse, or whose sentence the article page does not anchor, is dropped with a warning naming the seed."""
from __future__ import annotations

from typing import Callable

from .content import article_from
from .markup import anchored_sentences
from .problems import Problem
from .yamlhead import FrontMatter, parse_front_matter

ITEM_LISTS = ("actors", "weapons", "claims", "denials", "events")
ANCHORED_LISTS = ("claims", "denials", "events")  # the facts the page highlights at their sentence
MAX_ROUNDS = 4  # dropping an item can only leave fewer problems; a few rounds always settle


def vetted(extraction: dict, render: Callable[[dict], str], seed: str) -> tuple[str | None, list[Problem]]:
    """The content text of `extraction` as `render` writes it, without the items the reader would refuse
    or the page could not anchor; None when the file would be refused whatever is dropped."""
    dropped: list[str] = []
    for _ in range(MAX_ROUNDS):
        text = render(extraction)
        try:
            fm = parse_front_matter(text, seed)
        except ValueError as error:
            return None, [_not_written(seed, error.args[0].message)]
        bad, reasons, whole = _bad_items(fm, seed)
        if whole:
            return None, [_not_written(seed, whole)]
        if not bad:
            return text, ([Problem(seed, 0, f"extraction dropped {'; '.join(dropped)}: the reader would refuse "
                                   "them or the page could not anchor them", "warning")] if dropped else [])
        extraction = _without(extraction, bad)
        dropped += reasons
    return None, [_not_written(seed, "its items kept failing the content checks")]


def _bad_items(fm: FrontMatter, display: str) -> tuple[set[tuple[str, int]], list[str], str | None]:
    """The items (list, index) with a problem, why, and the problem of the whole file if there is one."""
    owner = {line: key[:2] for key, line in fm.lines.items() if len(key) >= 2 and key[0] in ITEM_LISTS}
    bad: dict[tuple[str, int], str] = {}
    for problem in article_from(fm, "vetting", display)[1]:
        if problem.line not in owner:
            return set(), [], problem.message
        bad.setdefault(owner[problem.line], problem.message)
    anchored = anchored_sentences(fm.body)
    for name in ANCHORED_LISTS:
        for i, item in enumerate(fm.data.get(name) or []):
            if isinstance(item, dict) and isinstance(item.get("sentence"), int) and item["sentence"] not in anchored:
                bad.setdefault((name, i), f"sentence {item['sentence']} is not anchored on the article page")
    reasons = [f"{name} {_label(fm, name, i)} ({why})" for (name, i), why in sorted(bad.items())]
    return set(bad), reasons, None


def _label(fm: FrontMatter, name: str, i: int) -> str:
    item = fm.data[name][i]
    return str(item.get("id") or item.get("name") or i + 1) if isinstance(item, dict) else str(i + 1)


def _without(extraction: dict, bad: set[tuple[str, int]]) -> dict:
    """The extraction without the bad items; a denial no longer rebuts a claim that was dropped."""
    kept = {name: [item for i, item in enumerate(extraction.get(name, [])) if (name, i) not in bad]
            for name in ITEM_LISTS}
    claims = {c.get("id") for c in kept["claims"]}
    kept["denials"] = [{**d, "rebuts": None} if d.get("rebuts") and d["rebuts"] not in claims else d
                       for d in kept["denials"]]
    return {**extraction, **kept}


def _not_written(seed: str, why: str) -> Problem:
    return Problem(seed, 0, f"extraction not written: the reader would refuse it ({why}); please report this seed",
                   "warning")
