"""Throwaway corpora for the benchmarks: N real-looking articles as a Briefing project and as a Hugo site.

The articles are the project's own extracted content files (and, for extraction, its seeds
and the held-out seeds) under varied headlines, dates and person names, so actor pages,
cross-links and the who-said-what index grow with N the way a real briefing's would.
No spaCy is needed to make a render corpus: content/ files are written directly.
With the project's two content files, every statement of a render corpus of N articles is retold
by N/2 of them (a real briefing's largest group of reports is a few articles): a stress case for
pages that list reports. The render targets are judged on real articles (bench_compare --wire).
"""
from __future__ import annotations

import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = ("ka", "lo", "mir", "va", "den", "sho", "ra", "tel", "bek", "no", "vi", "zar", "un", "ol", "pes", "tri")
ADJECTIVES = ("Exclusive", "Analysis", "Update", "Explainer", "Report", "Briefing", "Dispatch", "Inside")


def surname(rng: random.Random) -> str:
    """An invented surname (three syllables), capitalised."""
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def person_surnames(text: str) -> list[str]:
    """The surnames of the person actors of a content file (last word of each person's name)."""
    names = re.findall(r"^  name: (.+)\n  type: person$", text, flags=re.MULTILINE)
    return sorted({n.split()[-1] for n in names if n.split()[-1].isalpha() and len(n.split()[-1]) > 3})


def varied_article(text: str, n: int, pool: list[str]) -> str:
    """Article `n`: the same facts with other people in them, another headline and date."""
    rng = random.Random(n)
    for old in person_surnames(text):
        new = rng.choice(pool)
        text = re.sub(rf"\b{old}\b", new, text)
        text = re.sub(rf"\b{old.lower()}\b", new.lower(), text)
    text = re.sub(r"^title: (.*)$", lambda m: f"title: '{rng.choice(ADJECTIVES)} {n}: "
                  + m.group(1).strip("'\"").replace("'", "''") + "'", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^published: \d{4}-\d\d-\d\d$", f"published: {date(2022, 1, 1) + timedelta(days=n % 1000)}",
                  text, count=1, flags=re.MULTILINE)
    return re.sub(r"^  seed: .*$", f"  seed: seeds/bench-{n:05d}.txt", text, count=1, flags=re.MULTILINE)


def content_sources() -> list[Path]:
    """The real extracted articles the corpus is varied from."""
    return sorted((ROOT / "content").glob("*.md"))


def make_render_project(folder: Path, articles: int, search: bool = False) -> Path:
    """A Briefing project with `articles` content files (no seeds: nothing to extract)."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "seeds").mkdir(parents=True)
    content = folder / "content"
    content.mkdir()
    pool = [surname(random.Random(f"pool{i}")) for i in range(max(8, articles // 2))]
    sources = [(p.stem, p.read_text(encoding="utf-8")) for p in content_sources()]
    for n in range(articles):
        stem, text = sources[n % len(sources)]
        (content / f"{stem[:40]}-{n:05d}.md").write_text(varied_article(text, n, pool), encoding="utf-8")
    (folder / "pyproject.toml").write_text(f'[tool.briefing]\ntitle = "Bench"\nsearch = {str(search).lower()}\n')
    return folder


def seed_texts() -> list[Path]:
    """Every real seed: the project's and the held-out ones."""
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "bench" / "heldout" / "seeds").glob("*.txt"))


def make_seed_project(folder: Path, seeds: int) -> Path:
    """A Briefing project with `seeds` seed files and an empty content/ (everything to extract)."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "seeds").mkdir(parents=True)
    (folder / "content").mkdir()
    sources = seed_texts()
    for n in range(seeds):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        if n >= len(sources):  # a second round: another headline, so another slug
            first, _, rest = text.partition("\n")
            text = f"{first} ({n})\n{rest}"
        (folder / "seeds" / f"{n:05d}_{source.stem}.txt").write_text(text, encoding="utf-8")
    (folder / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Bench"\nsearch = false\n')
    return folder


HUGO_CONFIG = """baseURL = "http://example.org/"
title = "Bench"
disableKinds = ["RSS"]
[taxonomies]
  actor = "actors"
[markup.goldmark.renderer]
  unsafe = false
"""
HUGO_LAYOUTS = {
    "baseof.html": '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}'
                   '</title></head><body><nav><a href="{{ "" | relURL }}">{{ site.Title }}</a></nav><main>'
                   '{{ block "main" . }}{{ end }}</main><footer>{{ len site.RegularPages }} articles</footer>'
                   '</body></html>\n',
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>'
                   '<ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>'
                   '{{ end }}</ul>{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
                 '{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>{{ end }}\n',
}


def make_hugo_site(folder: Path, briefing_project: Path) -> Path:
    """The same articles as a Hugo site: title, date, actors as a taxonomy, the Markdown body."""
    import yaml

    (folder / "content" / "articles").mkdir(parents=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        (folder / "layouts" / "_default" / name).write_text(text)
    for path in sorted((briefing_project / "content").glob("*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(head)
        meta = {"title": data["title"], "date": str(data.get("published") or "2024-01-01"),
                "actors": sorted({a["name"] for a in data.get("actors") or []})}
        (folder / "content" / "articles" / path.name).write_text(
            "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    return folder
