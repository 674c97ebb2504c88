"""Extract the real wire copies that have gold (../shared/eval/gold-wire) afresh and score them.

    python bench/score_real.py [OUT_DIR] [-v] [--json] [--only=GLOB] [--dateline]

The raw copies are read from ../shared/corpora/wire/ at run time (their text belongs to the
agencies and never enters the project). This is the score that matters: the invented held-out
set (score_heldout.py) is a regression check.

--dateline is a harness aid, not the pipeline: it drops wire slugs and the dateline line
('TIRANA, April 2, 1997 (AFP)') from the body and takes the publication date from it, as a
header reader that understands wire copy would. Without it the score is what the pipeline gives.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_seeds import ROOT, SCORER, front_matter  # noqa: E402

from briefing.extract import extract_articles, load_nlp  # noqa: E402
from briefing.ingest import read_seed  # noqa: E402

SHARED = SCORER.parents[1]
GOLD = SHARED / "eval" / "gold-wire"
WIRE = SHARED / "corpora" / "wire"
SLUG = re.compile(r"^(?:=\(.*\)=|.*///\s*)$")
DATELINE = re.compile(r"^[A-Z][A-Za-z .,'()-]*?,\s*([A-Z][a-z]{2,8})\.? (\d{1,2}),? (\d{4})\b.{0,20}$")


def gold_files(only: str = "*") -> list[Path]:
    """The gold files whose name matches one of the comma-separated globs."""
    return sorted({p for g in only.split(",") for p in GOLD.glob(f"{g}.yaml")})


def wire_header(raw):
    """The article without leading wire slugs and dateline, its date taken from the dateline."""
    paragraphs, published = list(raw.paragraphs), raw.published
    while paragraphs and (SLUG.match(paragraphs[0]) or DATELINE.match(paragraphs[0])):
        if (m := DATELINE.match(paragraphs.pop(0))) and published is None:
            published = _date(*m.groups())
    return replace(raw, paragraphs=tuple(paragraphs), published=published)


def _date(month: str, day: str, year: str):
    for fmt in ("%b %d %Y", "%B %d %Y"):
        try:
            return datetime.strptime(f"{month[:3] if fmt == '%b %d %Y' else month} {day} {year}", fmt).date()
        except ValueError:
            continue
    return None


def write_real(golds: list[Path], out: Path, dateline: bool) -> None:
    """Extract the wire copy of each gold file into out/<name>.md (one nlp.pipe stream)."""
    raws = [read_seed(WIRE / f"{g.stem}.txt", ROOT) for g in golds]
    raws = [wire_header(r) for r in raws] if dateline else raws
    for gold, raw, extraction in zip(golds, raws, extract_articles(raws, load_nlp())):
        (out / f"{gold.stem}.md").write_text(front_matter(raw, extraction), encoding="utf-8")


def main(argv: list[str]) -> int:
    """Write the content files (to argv[0] or a temporary folder) and print the score."""
    if not GOLD.is_dir() or not WIRE.is_dir():
        print(f"no real gold or wire corpus at {SHARED}: nothing to score", file=sys.stderr)
        return 2
    only = next((a.split("=", 1)[1] for a in argv if a.startswith("--only=")), "*")
    flags = [a for a in argv if a.startswith("-") and not a.startswith("--only=") and a != "--dateline"]
    paths = [a for a in argv if not a.startswith("-")]
    golds = gold_files(only)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(paths[0]) if paths else Path(tmp) / "content"
        out.mkdir(parents=True, exist_ok=True)
        write_real(golds, out, "--dateline" in argv)
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for path in golds:
            shutil.copy(path, gold)
        cmd = [sys.executable, str(SCORER), "--content", str(out), "--gold", str(gold), *flags]
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
