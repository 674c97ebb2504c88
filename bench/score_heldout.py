"""Extract the held-out seeds (bench/heldout/seeds) and score them against bench/heldout/gold.

    python bench/score_heldout.py [OUT_DIR] [-v] [--json] [--only=GLOB] [--transfers]

--only=h0[5-8]* extracts and scores only the held-out articles whose name matches the glob
(several globs: --only=h09*,h1*). --transfers lists, for every gold weapon with a supplier or
recipient, what was extracted for it (the scorer only counts them).

Reuses bench/score_seeds.py for the content-file shape, so both benches write the same thing.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import score_seeds  # noqa: E402
from score_seeds import ROOT, SCORER, front_matter, write_extractions  # noqa: E402

import yaml  # noqa: E402


HELDOUT = ROOT / "bench" / "heldout"


def write_heldout(out: Path, nlp=None, only: str = "*") -> None:
    """Extract each held-out seed (whose name matches `only`) into out/<seed name>.md."""
    write_extractions(sorted({p for g in only.split(",") for p in (HELDOUT / "seeds").glob(f"{g}.txt")}), out, nlp)


def print_transfers(out: Path, gold: Path) -> None:
    """Gold supplier -> recipient beside what each matching extracted weapon says; '!!' marks a miss."""
    for gold_file in sorted(gold.glob("*.yaml")):
        expected = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        content = out / f"{Path(expected['seed']).stem}.md"
        weapons = yaml.safe_load(content.read_text(encoding="utf-8").split("\n---", 1)[0][3:]).get("weapons") or []
        for want in (expected.get("weapons") or {}).get("required") or []:
            if "supplier" not in want and "recipient" not in want:
                continue
            hits = [w for w in weapons if all(re.search(p, " ".join([w["name"], *(w.get("aliases") or [])]), re.I)
                                              for p in want["match"])]
            got = [(w.get("supplier"), w.get("recipient"), w.get("status")) for w in hits]
            print(f"{gold_file.stem[:3]} {want['name'][:28]:28} gold {want.get('supplier')} -> {want.get('recipient')}"
                  f"   got {got or '!! nothing'}")


def main(argv: list[str]) -> int:
    """Write the content files (to argv[0] or a temporary folder) and print the score."""
    only = next((a.split("=", 1)[1] for a in argv if a.startswith("--only=")), "*")
    flags = [a for a in argv if a.startswith("-") and not a.startswith("--only=") and a != "--transfers"]
    paths = [a for a in argv if not a.startswith("-")]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(paths[0]) if paths else Path(tmp) / "content"
        out.mkdir(parents=True, exist_ok=True)
        write_heldout(out, only=only)
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for path in {p for g in only.split(",") for p in (HELDOUT / "gold").glob(f"{g}.yaml")}:
            shutil.copy(path, gold)
        if "--transfers" in argv:
            print_transfers(out, gold)
        cmd = [sys.executable, str(SCORER), "--content", str(out), "--gold", str(gold), *flags]
        return subprocess.run(cmd, check=False).returncode


assert score_seeds.front_matter is front_matter  # one content-file shape for both benches

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
