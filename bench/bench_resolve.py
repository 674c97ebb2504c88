"""How much the resolve stage and the retold grouping merge on a folder of content files.

    .venv/bin/python bench/bench_resolve.py CONTENT_DIR [--story REGEX] [--sample 50] [--seed 14]

Prints, for the whole folder and (with --story) for the articles whose body matches REGEX: person
actors before and after resolve, merges and ambiguities, person names with a party, post or slogan
in front, claims/denials/events reported by several articles, and the 30 most-named people with
how many ids each was spread over. Then --sample merges, drawn at random, to check by hand.
Content files that do not validate are skipped (and counted).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.content import read_articles  # noqa: E402
from briefing.link import link  # noqa: E402
from briefing.names import PARTIES, POSTS, SLOGAN_VERBS  # noqa: E402
from briefing.registry import read_registry  # noqa: E402
from briefing.resolve import resolve  # noqa: E402

FRONT = set(PARTIES) | POSTS | SLOGAN_VERBS


def measure(label: str, articles: list, registry) -> object:
    """Print the numbers for one set of articles; return the resolution."""
    started = time.perf_counter()
    resolution = resolve(articles, registry)
    briefing, _ = link(label, articles, registry, resolution)
    seconds = time.perf_counter() - started
    before = {x.id for a in articles for x in a.actors if x.type == "person"}
    after = {i for i, x in briefing.actors.items() if x.type == "person"}
    fronted = lambda names: sorted({n for n in names if len(n.split()) > 1 and n.split()[0].lower().rstrip(".") in FRONT})
    front_before = fronted(x.name for a in articles for x in a.actors if x.type == "person")
    front_after = fronted(x.name for x in briefing.actors.values() if x.type == "person")
    groups = set(briefing.retold.values())
    kinds = Counter(g[0].fact[0] for g in groups)
    facts = Counter(r.fact[0] for r in briefing.retold)
    print(f"== {label}: {len(articles)} articles, resolve + link {seconds:.1f} s")
    print(f"   person actors {len(before)} -> {len(after)}; {len(resolution.merges)} merges, "
          f"{len(resolution.ambiguities)} ambiguities")
    print(f"   person names with a party, post or slogan in front: {len(front_before)} -> {len(front_after)} {front_after[:5]}")
    for kind, word in (("c", "claims"), ("d", "denials"), ("e", "events")):
        print(f"   {word}: {facts[kind]} in {kinds[kind]} groups reported by several articles "
              f"({facts[kind] - kinds[kind]} rows fewer)")
    print(f"   denials linked to a claim: {sum(len(v) for v in briefing.rebuttals.values())}")
    _top(resolution, briefing)
    return resolution


def _top(resolution, briefing, n: int = 30) -> None:
    """The most-named people after resolve, each with the ids it gathers and the names left ambiguous."""
    named = Counter(i for a in resolution.articles for i in {x.id for x in a.actors if x.type == "person"})
    gathered = defaultdict(set)
    for merge in resolution.merges:
        gathered[merge.into].add(merge.actor)
    print(f"   {n} most-named people (articles; ids gathered; names that fit it left ambiguous):")
    for actor_id, count in named.most_common(n):
        left = sum(1 for a in resolution.ambiguities if actor_id in a.candidates)
        print(f"     {briefing.actors[actor_id].name}: {count}; {len(gathered[actor_id] | {actor_id})}; {left}")


def main() -> None:
    """Measure a content folder (and a story in it), then print merges to check by hand."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("content", type=Path)
    ap.add_argument("--story", help="a regular expression: also measure the articles whose body matches it")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    articles, problems = read_articles(args.content, args.content.parent)
    registry, _ = read_registry(args.content, args.content.parent)
    print(f"{len(articles)} articles read, {len({p.path for p in problems})} files skipped (invalid)")
    resolution = measure("all", articles, registry)
    if args.story:
        measure(f"story /{args.story}/", [a for a in articles if re.search(args.story, a.body)], registry)
    random.seed(args.seed)
    print(f"== {args.sample} merges drawn at random (seed {args.seed}), to check by hand")
    for k, m in enumerate(random.sample(resolution.merges, min(args.sample, len(resolution.merges))), 1):
        print(f"{k:3} {m.article[:40]:40} {m.name!r:30} -> {m.into:26} {m.reason}")


if __name__ == "__main__":
    main()
