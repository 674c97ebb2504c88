"""Write the rendered site: into a fresh folder first, then swap it in, so a failure keeps the old one.

A file whose bytes did not change is hard-linked from the old site instead of written again:
it keeps its timestamp, costs no write, and the old site's bytes are never touched.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .linkcheck import static_sources
from .problems import BuildError, Problem
from .searchorder import sort_search_index


def write_site(files: dict[str, str], static: Path, site: Path, search: bool) -> int:
    """Replace `site` with `files` plus static assets (and a search index); returns files written."""
    with staged(site, static, search) as staging:
        for path, text in sorted(files.items()):
            put(staging / path, text.encode("utf-8"), site / path)
    return sum(1 for p in site.rglob("*") if p.is_file())


@contextlib.contextmanager
def staged(site: Path, static: Path, search: bool) -> Iterator[Path]:
    """A fresh folder beside `site` for the block to write pages into (as they are rendered); when the
    block ends without error the static assets and the search index join them and the folder is
    swapped in for `site`. On any error (or interruption) it is removed and `site` stays as it was."""
    _refuse_dangerous(site)
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-", dir=site.parent))
    staging.chmod(0o755)
    try:
        yield staging
        _add_static(staging, static, site)
        if search:
            build_search_index(staging)
        _keep_unchanged_mtimes(staging, site)
        _swap(staging, site)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _add_static(staging: Path, static: Path, site: Path) -> None:
    """Copy the templates' static assets to static/."""
    for source in static_sources(static):  # never a symlink out of the project
        path = Path("static") / source.relative_to(static)
        put(staging / path, source.read_bytes(), site / path)


def put(target: Path, data: bytes, old: Path) -> None:
    """Write `data` at `target`, or hard-link the old site's file when it holds exactly these bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if old.stat().st_size == len(data) and old.read_bytes() == data:
            os.link(old, target)
            return
    except OSError:  # no old file, or a file system without hard links
        pass
    target.write_bytes(data)


def _refuse_dangerous(site: Path) -> None:
    """Never replace a folder that holds the project (a mistyped `site` setting)."""
    if (site / "pyproject.toml").exists() or (site / ".git").exists() or site == Path(site.anchor):
        raise BuildError([Problem(str(site), 0, "refusing to replace this folder: it looks like a project, "
                                  "not a built site (check the `site` setting)")])


def search_available(settings) -> bool:
    """Whether this build makes a search index: asked for, and Pagefind's binary is installed."""
    return settings.search and importlib.util.find_spec("pagefind_bin") is not None


def build_search_index(folder: Path) -> None:
    """Index the pages with Pagefind (its binary ships in the pagefind_bin package), in a fixed order."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-subdir", "pagefind"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise BuildError([Problem("pagefind", 0, (result.stderr or result.stdout).strip()[-500:])])
    sort_search_index(folder / "pagefind")


def _keep_unchanged_mtimes(new: Path, old: Path) -> None:
    """Files whose bytes did not change keep their old timestamps (caches and watchers stay quiet)."""
    if not old.is_dir():
        return
    for path in new.rglob("*"):
        previous = old / path.relative_to(new)
        if path.is_file() and previous.is_file() and not path.samefile(previous) \
                and previous.stat().st_size == path.stat().st_size and previous.read_bytes() == path.read_bytes():
            stat = previous.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _swap(staging: Path, site: Path) -> None:
    """Put the new folder in place of the old with renames; the old is removed last."""
    if not site.exists():
        os.replace(staging, site)
        return
    retired = site.with_name(f".{site.name}-old-{os.getpid()}")
    os.replace(site, retired)
    os.replace(staging, site)
    shutil.rmtree(retired, ignore_errors=True)
