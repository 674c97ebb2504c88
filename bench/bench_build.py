"""Benchmark: how long a build takes as content/ grows, and how long extraction takes per seed.

    .venv/bin/python bench/bench_build.py [--articles 10 100 400] [--extract]

Builds a throwaway project with N copies of the golden fixture's articles (search off)
and reports wall time per build; with --extract, times loading spaCy and extracting the
seeds. Not a test: numbers depend on the machine; compare runs on the same one.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.config import load_settings  # noqa: E402
from briefing.pipeline import build  # noqa: E402

GOLDEN = ROOT / "tests" / "fixtures" / "golden" / "content"


def make_project(folder: Path, articles: int) -> Path:
    """A project with `articles` content files cloned from the golden fixture."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    content = folder / "content"
    content.mkdir()
    sources = sorted(GOLDEN.glob("*.md"))
    for n in range(articles):
        source = sources[n % len(sources)]
        text = source.read_text().replace("drones-shipped#c1", f"drones-shipped-{n - n % 2}#c1")
        (content / f"{source.stem}-{n}.md").write_text(re.sub(r"^title: (.*)$", rf"title: \1 ({n})", text, count=1, flags=re.M))
    (folder / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Bench"\nsearch = false\n')
    return folder


def time_build(articles: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(make_project(Path(tmp), articles))
        started = time.perf_counter()
        build(settings, progress=lambda _: None)
        return time.perf_counter() - started


def time_extraction() -> None:
    from briefing.extract import extract_article, load_nlp
    from briefing.ingest import read_seed

    started = time.perf_counter()
    nlp = load_nlp()
    print(f"load spaCy model: {time.perf_counter() - started:.2f}s")
    for seed in sorted((ROOT / "seeds").iterdir()):
        started = time.perf_counter()
        extract_article(read_seed(seed, ROOT), nlp)
        print(f"extract {seed.name}: {time.perf_counter() - started:.2f}s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, nargs="+", default=[10, 100, 400])
    ap.add_argument("--extract", action="store_true")
    args = ap.parse_args()
    for n in args.articles:
        seconds = time_build(n)
        print(f"build {n:4d} articles: {seconds:6.2f}s ({1000 * seconds / n:.1f} ms/article)")
    if args.extract:
        time_extraction()


if __name__ == "__main__":
    main()
