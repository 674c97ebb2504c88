"""One build at a time: a lock beside site/ that the kernel releases when its holder dies (even by
SIGKILL), and on taking it, the leftovers of a build that was killed are cleaned up (or, when it was
killed while moving a finished patch into site/, the move is finished)."""
from __future__ import annotations

import functools
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .problems import BuildError, Problem

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; builds are not serialised
    fcntl = None

WAIT_SECONDS = 600.0  # longer than any real build; then give up rather than hang forever
POLL_SECONDS = 0.2


def lock_path(site: Path) -> Path:
    """The lock file: hidden, beside the site folder (never inside it: the site is replaced whole)."""
    return site.parent / f".{site.name}.lock"


@contextmanager
def build_lock(site: Path, say: Callable[[str], None] = print, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the build lock for `site`: wait (saying so) while another build holds it, up to `wait` seconds."""
    path = lock_path(site)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        _acquire(handle, path, say, wait)
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        clean_leftovers(site)
        yield  # closing the file releases the lock


def one_build_at_a_time(build: Callable) -> Callable:
    """Decorate build(settings, ..., progress=...) so that it runs under the build lock."""
    @functools.wraps(build)
    def locked(settings, *args, **kwargs):
        with build_lock(settings.path("site"), kwargs.get("progress", print)):
            return build(settings, *args, **kwargs)
    return locked


def _acquire(handle, path: Path, say: Callable[[str], None], wait: float) -> None:
    if fcntl is None:
        return
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(path)
        if time.monotonic() >= deadline:
            raise BuildError([Problem(path.name, 0, f"another build is running ({holder}); waited {wait:.0f} s: "
                                      "try again when it has finished")])
        if not told:
            say(f"another build is running ({holder}); waiting for it to finish")
            told = True
        time.sleep(POLL_SECONDS)


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid unknown"


def clean_leftovers(site: Path) -> None:
    """Undo what a killed build left beside site/: put the old site back if the build died between the
    two renames of the swap, and remove half-written staging folders. Call only under the lock."""
    from .site import finish_commit, journal

    pattern = re.compile(rf"^\.{re.escape(site.name)}-(?:[a-z0-9_]{{8}}|old-\d+)$")
    leftovers = sorted((p for p in site.parent.iterdir() if pattern.match(p.name) and p.is_dir()
                        and not p.is_symlink()), key=lambda p: p.stat().st_mtime)
    retired = [p for p in leftovers if "-old-" in p.name]
    if retired and not site.exists():
        os.replace(retired[-1], site)  # the last good site, whole: staging may be half-written
        leftovers.remove(retired[-1])
    for folder in leftovers:
        if journal(folder).is_file():  # killed while moving a finished patch in: finish it
            finish_commit(folder, site)
        shutil.rmtree(folder, ignore_errors=True)
    for stray in site.parent.glob(f".{site.name}-*.commit.json"):  # its folder is gone: the move was done
        if not stray.with_name(stray.name[:-len(".commit.json")]).exists():
            stray.unlink(missing_ok=True)
