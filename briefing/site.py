"""Write the rendered site: into a fresh folder first, then into place, so a failure keeps the old one.

A first build (or one that makes a search index) swaps a whole new folder in, each file whose bytes
did not change hard-linked from the old site. A later build moves only the changed files into
site/ under a journal (a rebuild after an edit touches a few files, not thousands of folders).
Either way a file whose bytes did not change keeps its timestamp and is never written.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import warm
from .incremental import atomic_write
from .linkcheck import static_sources
from .problems import BuildError, Problem
from .searchorder import sort_search_index


def write_site(files: dict[str, str], static: Path, site: Path, search: bool) -> int:
    """Replace `site` with `files` plus static assets (and a search index); returns files written."""
    with staged(site, static, search) as stage:
        for path, text in sorted(files.items()):
            stage.put(path, text.encode("utf-8"))
        stage.paths.update(files)
    return sum(1 for p in site.rglob("*") if p.is_file())


@dataclass
class Stage:
    """Where a build writes its files: a fresh folder beside site/. Whole (`patch` false): every file
    of the new site goes there, an unchanged one hard-linked from the old site, and the folder is
    swapped in. A patch (site/ exists, no search index to make): only new and changed files go
    there, and they are moved into site/ at the end, with the files the new site no longer has
    removed, under a journal that finishes the move if the build is killed midway (lock.py)."""

    folder: Path
    site: Path
    patch: bool
    paths: set[str] = field(default_factory=set)  # every file the new site holds (a patch removes the others)
    moved: list[str] | None = None  # once a patch is in: the files it moved into site/ (the others are as they were)
    kept: set[str] = field(default_factory=set)  # files kept as the last build recorded them (not written again)
    builds: tuple = (None, None)  # (the build that left site/ as it is, this build's), for LOOKED

    def put(self, path: str, data: bytes) -> None:
        """The file at `path` (inside the site) holds `data`."""
        if not self.patch:
            put(self.folder / path, data, self.site / path)
        elif not _holds(self.site / path, data):
            target = self._target(path)
            with _named(target, self.site / path):
                target.write_bytes(data)

    def _target(self, path: str) -> Path:
        """Where the file at `path` is staged: a patch's files lie side by side under a name made from their
        path (no folder made for each, and removed again after the move: 1-4 ms a folder on some file systems)."""
        if self.patch:
            return self.folder / flat(path)
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def put_parts(self, path: str, parts: Iterable[bytes]) -> str:
        """put() of the bytes `parts` join to, written as they come (never whole in memory); their SHA-256."""
        target, old = self._target(path), self.site / path
        digest, size = hashlib.sha256(), 0
        with _named(target, old), open(target, "wb") as stream:
            for part in parts:
                digest.update(part)
                size += stream.write(part)
        if _digest_of(old, size) == digest.hexdigest():  # unchanged: the old file stays (inode and mtime)
            target.unlink()
            if not self.patch:
                try:
                    os.link(old, target)
                except OSError:  # a file system without hard links
                    shutil.copyfile(old, target)
        return digest.hexdigest()

    def keep(self, path: str) -> None:
        """The old site's file at `path` stays as it is."""
        self.kept.add(path)
        if not self.patch:
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(self.site / path, target)


@contextlib.contextmanager
def _named(staged: Path, path: Path) -> Iterator[None]:
    """An error writing the `staged` file names the site's file it is for (a patch's staged name says nothing)."""
    try:
        yield
    except OSError as error:
        if error.filename == str(staged):
            error.filename = str(path)
        raise


def flat(path: str) -> str:
    """The name a patch stages the file at `path` under (see Stage._target): the end of its own name kept."""
    return hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest() + "-" + path.rpartition("/")[2][-64:]


@contextlib.contextmanager
def staged(site: Path, static: Path, search: bool, builds: tuple = (None, None)) -> Iterator[Stage]:
    """A Stage for the block to write pages into (as they are rendered); when the block ends without
    error the static assets (and the search index) join them and the new site takes the old one's
    place. On any error (or interruption) the folder is removed and `site` stays as it was.
    `builds`: the build that left site/ as it is and this one's (ids of incremental.LastBuild), if known."""
    _refuse_dangerous(site)
    site.parent.mkdir(parents=True, exist_ok=True)
    stage = Stage(Path(tempfile.mkdtemp(prefix=f".{site.name}-", dir=site.parent)), site, patch=patches(site, search),
                  builds=builds)
    stage.folder.chmod(0o755)
    try:
        yield stage
        _add_static(stage, static)
        if stage.patch:
            _commit(stage)
            return
        if search:
            build_search_index(stage.folder)
        _keep_unchanged_mtimes(stage.folder, site)
        _swap(stage.folder, site)
    except BaseException:
        if journal(stage.folder).exists():  # stopped while moving a finished patch in: finish, or leave it to the lock
            with contextlib.suppress(BaseException):
                finish_commit(stage.folder, site)
        else:
            shutil.rmtree(stage.folder, ignore_errors=True)
        raise


def patches(site: Path, search: bool) -> bool:
    """Whether a build writes only its changed files into `site` (a Stage's patch): when there is a
    site to patch and no search index to make over the whole of it."""
    return site.is_dir() and not site.is_symlink() and not search


def _add_static(stage: Stage, static: Path) -> None:
    """Copy the templates' static assets to static/."""
    for source in static_sources(static):  # never a symlink out of the project
        path = (Path("static") / source.relative_to(static)).as_posix()
        stage.put(path, source.read_bytes())
        stage.paths.add(path)


def _digest_of(path: Path, size: int) -> str | None:
    """The SHA-256 of a file of `size` bytes (None when it is missing or of another size)."""
    try:
        if path.stat().st_size != size:
            return None
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def put(target: Path, data: bytes, old: Path) -> None:
    """Write `data` at `target`, or hard-link the old site's file when it holds exactly these bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if _holds(old, data):
            os.link(old, target)
            return
    except OSError:  # a file system without hard links
        pass
    target.write_bytes(data)


def journal(folder: Path) -> Path:
    """The journal of a patch's staging folder: present once the folder is complete and the move begun."""
    return folder.with_name(folder.name + ".commit.json")


# The files of site/ as a server found them once idle after its last patch: (the id of the build that
# patched it, the files). The next patch of that build's site removes what is no longer the site's without
# walking site/ while a save waits (5,400 folders at 1,000 articles). Only the server's own builds write
# site/ meanwhile (one build at a time, lock.py), and another process's build has another id: walked again.
LOOKED: dict[Path, tuple[str, frozenset[str]]] = {}


def _commit(stage: Stage) -> None:
    """Move a patch into site/: the journal first (what to move, what to remove), then the moves, then the
    removals. A server looks at what site/ holds once idle, for its next patch (LOOKED)."""
    looked = LOOKED.pop(stage.site, None)
    present = looked[1] if looked is not None and stage.builds[0] is not None and looked[0] == stage.builds[0] \
        else _files(stage.site)
    gone = sorted(p for p in present if p not in stage.paths)
    staged_names = set(os.listdir(stage.folder))
    moves = {path: name for path in sorted(stage.paths) if (name := flat(path)) in staged_names}
    atomic_write(journal(stage.folder), json.dumps({"gone": gone, "moved": moves}).encode("utf-8"))
    stage.moved = finish_commit(stage.folder, stage.site)
    if stage.builds[1] is not None:
        warm.when_idle(partial(_look, stage.site, stage.builds[1]))


def _look(site: Path, build: str) -> None:
    """LOOKED: the files of site/ now (in a server's idle thread: a build that starts stops the walk)."""
    LOOKED[site] = (build, frozenset(_walked(site, warm.go_on)))


def finish_commit(folder: Path, site: Path) -> list[str]:
    """Carry out (or, after a killed build, finish) the patch in `folder`: each of its files replaces
    site/'s, the files its journal names are removed (and folders left empty), then the folder goes.
    Returns the files moved in."""
    written = json.loads(journal(folder).read_text(encoding="utf-8"))
    if isinstance(written, list):  # (a journal of an older version: the patch's files at their paths)
        gone, moves = written, {path: path for path in _files(folder)}
    else:
        gone, moves = written["gone"], written["moved"]
    moved = sorted(moves)
    for path in moved:
        source, target = folder / moves[path], site / path
        if not source.exists():  # moved in already, by the build this one finishes
            continue
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)  # a folder where the new site has a file
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    for path in gone:
        (site / path).unlink(missing_ok=True)
        _remove_empty_folders((site / path).parent, site)
    shutil.rmtree(folder, ignore_errors=True)
    journal(folder).unlink(missing_ok=True)
    return moved


def _remove_empty_folders(folder: Path, site: Path) -> None:
    while folder != site and folder.is_relative_to(site):
        try:
            folder.rmdir()
        except OSError:  # not empty (or gone already)
            return
        folder = folder.parent


def _files(folder: Path) -> list[str]:
    """Every file under `folder`, by its path inside it."""
    return _walked(folder)


def _walked(folder: Path, between: Callable[[], None] = lambda: None) -> list[str]:
    """_files(folder), calling `between()` before each folder it lists."""
    start = len(str(folder)) + 1
    out = []
    for parent, _, names in os.walk(folder):
        between()
        out.extend(os.path.join(parent, n)[start:].replace(os.sep, "/") for n in names)
    return out


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
