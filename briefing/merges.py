"""`briefing actors`: the resolve stage's merges and ambiguities, for a curator to review."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict

from .model import Briefing, Merge


def merges_text(briefing: Briefing) -> str:
    """Every merge, grouped by the actor it went into, then every ambiguity; one line each."""
    lines = []
    by_target: dict[str, list[Merge]] = defaultdict(list)
    for merge in briefing.merges:
        by_target[merge.into].append(merge)
    lines.append(f"merged: {_count(len(briefing.merges), 'actor')} of the articles into "
                 f"{_count(len(by_target), 'actor')}")
    for into in sorted(by_target, key=lambda i: (-len(by_target[i]), i)):
        actor = briefing.actors.get(into)
        lines.append(f"  {into} ({actor.name if actor else into}):")
        same: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for m in by_target[into]:
            same[(m.name, m.actor, m.reason)].append(m.article)
        for (name, actor_id, reason), slugs in sorted(same.items()):
            lines.append(f"    {name!r} ({actor_id}) in {_articles(sorted(slugs))}: {reason}")
    lines.append(f"ambiguous: {_count(len(briefing.ambiguities), 'actor')} left apart (several people fit; "
                 "an alias or `distinct:` in content/actors.yaml decides)")
    for a in sorted(briefing.ambiguities, key=lambda a: (a.name, a.article)):
        lines.append(f"  {a.name!r} ({a.actor}) in {a.article}: fits {', '.join(a.candidates)}")
    return "\n".join(lines)


def merges_json(briefing: Briefing) -> str:
    """The same as JSON: {"merges": [...], "ambiguities": [...]}, each item with its article."""
    return json.dumps({"merges": [asdict(m) for m in briefing.merges],
                       "ambiguities": [asdict(a) for a in briefing.ambiguities]}, indent=2, ensure_ascii=False)


def _articles(slugs: list[str]) -> str:
    """One article by its slug; several by their number and the first two."""
    if len(slugs) == 1:
        return slugs[0]
    more = f", ... ({len(slugs)} articles)" if len(slugs) > 2 else ""
    return ", ".join(slugs[:2]) + more


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
