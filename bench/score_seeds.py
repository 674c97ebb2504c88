"""Extract every seed, write content files to a folder, and score them against the shared gold.

    python bench/score_seeds.py [OUT_DIR] [-v]
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the project; a git worktree (wt/<name>) sits one level deeper
SCORER = next((p / "shared" / "eval" / "score.py" for p in ROOT.parents if (p / "shared" / "eval" / "score.py").is_file()),
              ROOT.parent / "shared" / "eval" / "score.py")
sys.path.insert(0, str(ROOT))

from briefing.extract import extract_articles, load_nlp  # noqa: E402
from briefing.ingest import read_seed  # noqa: E402


def front_matter(raw, extraction: dict) -> str:
    """The content file text for one extracted article."""
    head = {
        "title": raw.title,
        "published": raw.published.isoformat() if raw.published else None,
        "source": {"seed": raw.seed, "outlet": raw.outlet, "url": raw.url, "authors": list(raw.authors)},
        **extraction,
    }
    body = "\n\n".join(raw.paragraphs)
    return "---\n" + yaml.safe_dump(head, sort_keys=False, allow_unicode=True) + "---\n" + body + "\n"


def write_extractions(seeds: list[Path], out: Path, nlp=None) -> None:
    """Extract the seeds (in one nlp.pipe stream) into out/<seed name>.md."""
    raws = [read_seed(seed, ROOT) for seed in seeds]
    for seed, raw, extraction in zip(seeds, raws, extract_articles(raws, nlp or load_nlp())):
        (out / f"{seed.stem}.md").write_text(front_matter(raw, extraction), encoding="utf-8")


def write_all(out: Path) -> None:
    """Extract each seed into out/<seed name>.md."""
    write_extractions(sorted((ROOT / "seeds").glob("*.txt")), out)


def main(argv: list[str]) -> int:
    """Write the content files (to argv[0] or a temporary folder) and print the score."""
    flags = [a for a in argv if a.startswith("-")]
    paths = [a for a in argv if not a.startswith("-")]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(paths[0]) if paths else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        write_all(out)
        cmd = [sys.executable, str(SCORER), "--content", str(out), "--gold", str(SCORER.parent / "gold"), *flags]
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
