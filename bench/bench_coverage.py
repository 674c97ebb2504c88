"""Field coverage over the real wire corpus: how many copies get each header field, how many items of
each kind, and what the build warned about. A Markdown table, so the next change shows what it moved.

    python bench/bench_coverage.py                         # build ../shared/corpora/wire afresh in a temp project
    python bench/bench_coverage.py --content DIR [--log F] # measure an extraction already made (and its build log)

The corpus text belongs to AFP and Xinhua: it is copied into a temporary project only.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import frontmatter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = next((p / "shared" / "corpora" / "wire" for p in ROOT.parents if (p / "shared" / "corpora" / "wire").is_dir()),
              ROOT.parent / "shared" / "corpora" / "wire")
AGENCY = re.compile(r"\((?P<agency>[A-Za-z]{2,})\)[\s,-]*$")
SLUG = re.compile(r"///|^=|=$|^ATTENTION\b|^\((?:hold|picture)|^[a-z]|\bby [A-Z]\w+ [A-Z]\w+$")
DATELINE = re.compile(r"^[A-Z][A-Z .,'’/-]*[A-Z.][,.]?\s+[A-Za-z]{3,9}\.? \d{1,2}\b.{0,30}$")
ITEMS = ("actors", "weapons", "claims", "denials", "events")


def build(corpus: Path) -> tuple[Path, str]:
    """The corpus in seeds/ of a new temporary project, built with `python build.py`; (content dir, output)."""
    project = Path(tempfile.mkdtemp(prefix="wire-coverage-"))
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(corpus, project / "seeds")
    (project / "pyproject.toml").write_text('[tool.briefing]\ntitle = "Wire"\nsearch = false\n')
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "-q"],
                         capture_output=True, text=True)
    return project / "content", run.stdout + run.stderr + f"\nexit {run.returncode}\n"


def coverage(content: Path, corpus: Path, log: str) -> list[tuple[str, str]]:
    """(measure, value) rows for the content files of the corpus's copies."""
    posts = [frontmatter.load(p) for p in sorted(content.glob("*.md"))]
    n = len(posts)
    heads = {f"seeds/{p.name}": p.read_text(errors="replace").splitlines()[:2] for p in corpus.glob("*.txt")}
    named = [p for p in posts if len(h := heads.get(p["source"]["seed"], [])) > 1 and AGENCY.search(h[1])]
    pct = lambda k, of: f"{k} / {of} ({100 * k / max(of, 1):.1f}%)"  # noqa: E731
    lines = log.splitlines()
    rows = [
        ("content files written", f"{n} of {len(heads)} copies"),
        ("published", pct(sum(1 for p in posts if p.get("published")), n)),
        ("outlet (any)", pct(sum(1 for p in posts if p["source"].get("outlet")), n)),
        ("outlet where the dateline names the agency", pct(sum(1 for p in named if p["source"].get("outlet")), len(named))),
        ("authors", pct(sum(1 for p in posts if p["source"].get("authors")), n)),
        ("dateline", pct(sum(1 for p in posts if p["source"].get("dateline")), n)),
        ("title derived from the lede", pct(sum(1 for p in posts if p.get("title_derived")), n)),
        ("title that is a wire slug", str(sum(1 for p in posts if SLUG.search(str(p["title"]))))),
        ("a dateline line in the body", str(sum(1 for p in posts if any(DATELINE.match(x.lstrip("# "))
                                                                    for x in p.content.split("\n\n")[:2])))),
        ("events dated from a dateline line", str(sum(1 for p in posts for e in p.get("events") or []
                                                      if DATELINE.match(str(e.get("text")))))),
    ]
    rows += [(f"{k} per copy (total)", f"{sum(len(p.get(k) or []) for p in posts) / max(n, 1):.2f} "
              f"({sum(len(p.get(k) or []) for p in posts)})") for k in ITEMS]
    rows += [
        ("build errors", str(sum(1 for x in lines if ": error:" in x))),
        ("warnings: items dropped before writing", str(sum(1 for x in lines if "warning: extraction dropped" in x))),
        ("warnings: other", str(sum(1 for x in lines if ": warning:" in x and "extraction dropped" not in x))),
        ("build exit code", next((x.split()[1] for x in lines if x.startswith("exit ")), "?")),
    ]
    return rows


def main() -> None:
    """Print the coverage table of a fresh build of the corpus, or of a given content/ and log."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--content", type=Path, help="an extracted content/ to measure instead of building")
    parser.add_argument("--log", type=Path, help="the build output that went with --content")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus} (../shared/corpora/wire beside the project)")
    content, log = (args.content, args.log.read_text() if args.log else "") if args.content else build(args.corpus)
    print("| measure | value |\n|---|---|")
    for measure, value in coverage(content, args.corpus, log):
        print(f"| {measure} | {value} |")


if __name__ == "__main__":
    main()
