"""A generated briefing of any size: invented content files with the shape of real wire copy.

A few states and organisations recur in most articles, a handful of officials speak often, and most
people are named once; claims are sometimes denied (in the same or an earlier article), events are
dated to a day, a month or no year, and the same event is often reported by several articles. No
real text: every word comes from the lists below.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml

SYLLABLES = ("ka", "lo", "mir", "va", "den", "sho", "ra", "tel", "bek", "no", "vi", "zar", "un", "ol", "pes", "tri")
VERBS = ("sent", "promised", "refused", "tested", "moved", "signed", "blocked", "announced", "seized", "opened")
THINGS = ("drones", "shells", "a ceasefire", "talks", "a border crossing", "an aid convoy", "new sanctions",
          "a trade deal", "air defences", "a prisoner exchange")
EVENTS = ("talks opened in the capital", "a convoy crossed the border", "the parliament voted",
          "an air strike hit the port", "the ceasefire began", "the summit ended", "a treaty was signed")


def word(rng: random.Random, syllables: int = 3) -> str:
    """An invented capitalised word."""
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def make_project(folder: Path, articles: int, seed: int = 1) -> Path:
    """A Briefing project in `folder` with `articles` generated content files (no seeds, search off)."""
    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "templates", folder / "templates")
    (folder / "seeds").mkdir(parents=True)
    (folder / "content").mkdir()
    (folder / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Generated"\nsearch = false\n')
    rng = random.Random(seed)
    cast = Cast(rng)
    for n in range(articles):
        meta, body = article(rng, cast, n, articles)
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
        (folder / "content" / f"generated-{n:05d}.md").write_text(text, encoding="utf-8")
    return folder


class Cast:
    """The actors articles draw on: a few recurring ones, and new people as the corpus grows."""

    def __init__(self, rng: random.Random):
        self.rng, self.taken = rng, set()
        self.states = [actor(self.name("Republic of {}", 2), "state") for _ in range(12)]
        self.organisations = [actor(self.name("{} Council"), "organization") for _ in range(20)]
        self.officials = [actor(self.name("{} " + word(rng), 2), "person", role="minister") for _ in range(15)]
        self.sources = [actor("officials", "anonymous-source"), actor("diplomats", "anonymous-source")]

    def name(self, pattern: str, syllables: int = 3) -> str:
        """A name not used before."""
        while (found := pattern.format(word(self.rng, syllables))) in self.taken:
            pass
        self.taken.add(found)
        return found

    def pick(self, rng: random.Random) -> list[dict]:
        """The actors of one article: two states, an organisation, two officials, two new people, a source."""
        people = [actor(self.name("{} " + word(rng), 2), "person") for _ in range(2)]
        chosen = rng.sample(self.states, 2) + [rng.choice(self.organisations)] + rng.sample(self.officials, 2)
        return chosen + people + [rng.choice(self.sources)]


def actor(name: str, kind: str, role: str | None = None) -> dict:
    """An actor entry as content files write it."""
    entry = {"id": name.lower().replace(" ", "-"), "name": name, "type": kind}
    return {**entry, "role": role} if role else entry


def article(rng: random.Random, cast: Cast, n: int, total: int) -> tuple[dict, str]:
    """Article `n`'s front-matter and body: about three articles a day, the newest last."""
    published = date(2024, 1, 1) + timedelta(days=n // 3)
    actors = cast.pick(rng)
    sentences = [f"{a['name']} {rng.choice(VERBS)} {rng.choice(THINGS)}, sentence {i + 1} says." for i, a in
                 enumerate(actors)]
    claims = [{"id": f"c{i + 1}", "speaker": a["id"], "cue": "said", "text": sentences[i][:-1],
               "quote": rng.choice([None, None, rng.choice(THINGS)]), "anonymous": a["type"] == "anonymous-source",
               "sentence": i + 1} for i, a in enumerate(actors[:6])]
    denials = [{"id": "d1", "speaker": actors[1]["id"], "cue": "denied", "text": f"{actors[1]['name']} denied it",
                "rebuts": "c1" if n % 2 or n < 3 else f"generated-{n - 3:05d}#c2", "sentence": 7}] if n % 3 == 0 else []
    events = [event(rng, i, published, [actors[i]["id"]]) for i in range(3)]
    if n % 40 == 11:  # now and then, what is due after the newest article: an election years ahead
        events.append({"id": "e4", "date": str(published.year + 3), "text": "the next elections are due",
                       "actors": [actors[0]["id"]], "sentence": 4})
    meta = {"title": f"{word(rng)} report {n}: {actors[0]['name']} {rng.choice(VERBS)} {rng.choice(THINGS)}",
            "published": None if n % 20 == 7 else published.isoformat(),
            "source": {"seed": f"seeds/generated-{n:05d}.txt", "outlet": "Generated Wire"},
            "actors": actors, "weapons": [], "claims": claims, "denials": denials, "events": events}
    return meta, "\n\n".join(sentences) + "\n"


def event(rng: random.Random, i: int, published: date, actors: list[str]) -> dict:
    """A dated event: the same few events recur on the same day across the articles of a week."""
    day = published - timedelta(days=published.weekday())
    date_text = rng.choice([day.isoformat(), day.isoformat()[:7], f"XXXX-{day.month:02d}", str(day.year - 20)])
    return {"id": f"e{i + 1}", "date": date_text, "text": rng.choice(EVENTS), "actors": actors, "sentence": i + 1}


# Small pages, so that a generated briefing of a few hundred articles has every kind of page a large one has
# (an actor's statements on several pages, a month of events on several pages, A-to-Z lists on several pages)
SMALL_PAGES = {"STATEMENTS_PER_PAGE": 4, "SPEAKERS_PER_PAGE": 20, "EVENTS_PER_PAGE": 15, "ARTICLES_PER_PAGE": 20,
               "ACTORS_PER_PAGE": 40}


def page_kind(path: str) -> str:
    """"actors/*/page/N/index.html" for "actors/iran/page/2/index.html": what kind of page a path is."""
    fixed = {"index.html", "page", "by-type", "contested", "actors", "articles", "who-said-what", "chronology",
             "weapons", "undated", "month-not-given"}
    return "/".join(part if part in fixed else "N" if part.isdigit() else "*" for part in path.split("/"))


def every_kind_of_page(folder: Path, articles: int = 240) -> list[str]:
    """A generated briefing with small pages rendered into `folder`/site with its CSS and JS (ready to serve);
    returns the site paths of one page of each kind."""
    import shutil
    from unittest import mock

    from briefing import pages
    from briefing.config import load_settings
    from briefing.pipeline import read_and_link
    from briefing.render import render_all

    settings = load_settings(make_project(folder / "project", articles))
    briefing, problems = read_and_link(settings)
    assert problems == []
    with mock.patch.multiple(pages, **SMALL_PAGES):
        files = render_all(pages.plan(briefing), settings.path("templates"))
    chosen = {}
    for path in sorted(files):
        if path.endswith(".html"):
            chosen.setdefault(page_kind(path), path)
    for path, text in files.items():
        (folder / "site" / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / "site" / path).write_text(text, encoding="utf-8")
    shutil.copytree(settings.path("templates") / "static", folder / "site" / "static")
    return sorted(chosen.values())
