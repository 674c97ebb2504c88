"""Rebuilds after one edit, as whole processes, with the code of this checkout or of another (`--code DIR`,
e.g. an older commit exported with `git archive`), on bench_compare's generated corpus; Hugo's cold
render of the same articles beside the cold render. Prints a Markdown table (median of `--runs`)."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_compare import (PYTHON, ROOT, Sample, add_claim, change_speaker, edit_body, edit_title,  # noqa: E402
                           fresh, hugo_binary, make_hugo_site, make_render_project, rename_actor, repeat, run)

EDITS = (("nothing changed", None), ("one article body edited", edit_body), ("one title edited", edit_title),
         ("one claim's speaker changed", change_speaker), ("one claim added", add_claim),
         ("one actor renamed in one file", rename_actor))


def bench(n: int, code: Path, runs: int, work: Path) -> list[tuple[str, str, Sample]]:
    """The cold render, Hugo's, and each rebuild of a generated corpus of `n` articles."""
    project = make_render_project(work / f"briefing-{n}", n)
    build = [PYTHON, str(code / "build.py"), "--root", str(project), "--no-search", "build"]
    label = f"{n:,}"
    rows = [(label, "full render, cold", repeat(runs, lambda i: fresh(project), build))]
    hugo = hugo_binary()
    if hugo:
        site = make_hugo_site(work / f"hugo-{n}", project)
        rows.append((label, "Hugo, full render, cold", repeat(
            runs, lambda i: shutil.rmtree(site / "public", ignore_errors=True), [*hugo, "--quiet"], site)))
    for name, edit in EDITS:
        run(build)  # the steady state: files written in the last second are hashed again once
        prepare = (lambda i: None) if edit is None else (lambda i, e=edit: e(project, i))
        rows.append((label, f"rebuild, {name}", repeat(runs, prepare, build)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="*", default=[400, 1000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--code", type=Path, default=ROOT, help="the Briefing checkout whose build.py runs")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="briefing-edits-"))
    try:
        rows = [row for n in args.sizes for row in bench(n, args.code.resolve(), args.runs, work)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| N | measurement | wall | CPU | peak MB |\n|---:|---|---:|---:|---:|")
    for label, name, s in rows:
        print(f"| {label} | {name} | {s.wall:.2f}s | {s.cpu:.2f}s | {s.rss:.0f} |")


if __name__ == "__main__":
    main()
