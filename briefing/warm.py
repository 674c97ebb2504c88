"""What a long-lived process (`serve`) keeps in memory from one build to the next, so that a save
rebuilds without reading every cache from disk or working out again what did not change.

Nothing here is used unless `hold_caches()` was called: a one-off build keeps nothing.
"""
from __future__ import annotations

import atexit
import sys
import threading
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path

HELD: dict[Path, tuple[tuple | None, str, object]] = {}
"""Cache files this process wrote or read, with their data, by path: (the file's identity when it
was written or read, None while it is being written; its key; its data). Read again while the file
is as it was, the data comes from here instead of unpickling hundreds of MB at every save."""
holding = False
IDLE_S = 1.0
"""How long a server waits after a build before writing the caches it holds: a save that comes
sooner rebuilds without waiting for them, and its own caches supersede them."""
_background: list[threading.Thread] = []  # reading ahead (see `settle`)
_unwritten: dict[Path, Callable[[], None]] = {}  # cache files held but not yet written, by path
_writer: threading.Timer | None = None  # writes them once the server is idle (see `write_held`)
_idle: list[Callable[[], object]] = []  # what to work out ahead for the next build, once the server is idle
_before_writing: list[Callable[[], object]] = []  # what to finish in the held caches before they are written
_interrupted = threading.Event()  # a build is starting: the idle thread stops after what it is doing


def hold_caches() -> None:
    """From now on this process keeps the cache files it writes and reads in memory (`HELD`): a
    server rebuilding after each save reads them once, and writes them once it is idle (`write_held`).
    The build must treat what it loads from a cache as read-only."""
    global holding
    holding = True


def held(path: Path) -> tuple[str, object] | None:
    """(key, data) of a cache file held in memory, while the file is as this process left it."""
    kept = HELD.get(path)
    if kept is None or (kept[0] is not None and kept[0] != identity(path)):
        return None
    return kept[1], kept[2]


def read_through(path: Path, key: str, load: Callable[[], object]) -> object:
    """A cache file's data under `key`: from memory while the file is as this process left it (None
    when it holds another key), else `load()` (None: not under this key), then held."""
    kept = held(path)
    if kept is not None:
        return kept[1] if kept[0] == key else None
    data = load()
    if data is not None:
        remember(path, key, data)
    return data


def remember(path: Path, key: str, data: object) -> None:
    """Hold a cache file's data (when this process holds its caches), as the file now is."""
    if holding:
        HELD[path] = (identity(path), key, data)


def write_in_background(path: Path, key: str, data: object, write: Callable[[], None]) -> None:
    """Hold a cache file's data at once, and `write()` it once the server is idle (`write_held`): a
    server killed before that leaves an older cache, which the next build checks and, at worst, does
    not use (a server stopped with Ctrl-C writes it on its way out)."""
    HELD[path] = (None, key, data)

    def written() -> None:
        try:
            write()
        except (OSError, RecursionError, TypeError) as error:  # the cache is lost, not the build
            HELD.pop(path, None)
            print(f"warning: {path}: the build cache could not be written: {error}", file=sys.stderr)
            return
        if HELD.get(path, (None, None, None))[2] is data:
            HELD[path] = (identity(path), key, data)

    _unwritten[path] = written


def write_held() -> None:
    """Write the cache files the build held, in a thread, IDLE_S seconds from now unless a build
    starts first (`settle`); never during a build: it forks renderers, and a process forked while
    another thread writes could inherit a lock that thread holds."""
    global _writer
    if _unwritten or _idle or _before_writing:
        _writer = threading.Timer(IDLE_S, _when_idle)
        _writer.start()


def when_idle(work: Callable[[], object], before_writing: bool = False) -> None:
    """Run `work()` once the server is idle after this build (before it writes the caches): what the
    next build would otherwise work out itself, such as an index of this build's statements that it
    reuses while they are the same. Dropped when a build starts first. `before_writing`: work on what
    the caches hold, done also when the server stops and writes them at once."""
    if holding:
        (_before_writing if before_writing else _idle).append(work)


def _when_idle() -> None:
    _run(_idle)
    _run(_before_writing)
    _write_unwritten()


class Interrupted(Exception):
    """Raised in the idle thread when a build starts (`settle`): what it was at is left for later."""


def go_on() -> None:
    """In the idle thread, between two steps of its work: stop here if a build is starting (raise
    Interrupted), so that the build waits for one step, not for a whole cache file to be written."""
    if _interrupted.is_set() and threading.current_thread() is _writer:
        raise Interrupted


def _run(works: list[Callable[[], object]]) -> None:
    while works and not _interrupted.is_set():
        work = works.pop(0)
        try:
            work()
        except Interrupted:  # (done again from the start if it is still wanted: `settle` keeps what it keeps)
            works.insert(0, work)
        except Exception:  # noqa: BLE001 - only ever work ahead: the next build does it again if need be
            pass


def _write_unwritten() -> None:
    while _unwritten and not _interrupted.is_set():  # (what waits is written after the next build)
        path = next(iter(_unwritten))
        write = _unwritten.pop(path)
        try:
            write()
        except Interrupted:  # (unless the next build holds newer data for the file)
            _unwritten.setdefault(path, write)
            return


def write_now() -> None:
    """Write every held cache file that waits, here and now (a server on its way out)."""
    settle(keep=True)
    _run(_before_writing)
    _write_unwritten()


atexit.register(write_now)  # a server stopped with Ctrl-C leaves its caches written


def identity(path: Path) -> tuple | None:
    """What tells a cache file from one written after it (by this process or another build)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def in_background(work: Callable[[], None]) -> None:
    """Run `work()` in a thread that the next `settle` waits for (never during a build: see `write_held`)."""
    thread = threading.Thread(target=work, name="briefing cache", daemon=True)  # only reads: a server may stop meanwhile
    _background.append(thread)
    thread.start()


def settle(keep: bool = False) -> None:
    """Before a build: no cache file is being written (one that waits stays held, and is written
    after this build unless it writes the file anew), and those read ahead are in memory. What waited
    for an idle moment is dropped (`keep`: but for what goes into the caches, for `write_now`)."""
    global _writer
    if _writer is not None:
        _writer.cancel()
        _interrupted.set()
        _writer.join()  # at once, or at the next step of the work or file it was at (`go_on`)
        _interrupted.clear()
        _writer = None
    _idle.clear()
    if not keep:
        _before_writing.clear()
    while _background:
        _background.pop().join()


class Remembered:
    """What a function made of an object, kept from one build to the next while this process holds
    its caches (a server), by the object's identity: an article unchanged since the last save is the
    same object (the parse cache hands it out again), so its resolved form and its print can be too.
    An entry goes when its object does (a weak reference): an edited article's old self, and all that
    was made of it."""

    def __init__(self) -> None:
        self.kept: dict[int, tuple] = {}  # id -> (weak reference to the object, what it read, what was made)

    def get(self, value: object, make: Callable[[], object], reads: Callable[[], object] = lambda: None) -> object:
        """make(), or what it made of this very `value` when what else it `reads` is equal."""
        if not holding:
            return make()
        extra, kept = reads(), self.kept.get(id(value))
        if kept is None or kept[0]() is not value or kept[1] != extra:
            kept = (weakref.ref(value, partial(_forget, self.kept, id(value))), extra, make())
            self.kept[id(value)] = kept
        return kept[2]


def _forget(kept: dict, key: int, reference: weakref.ref) -> None:
    if key in kept and kept[key][0] is reference:  # not a newer entry of the same object
        del kept[key]


class AsLastTime:
    """What a function of the whole briefing made in a server's last build, given again while what
    it reads is equal (the facts of an article unchanged since the last save are the very objects of
    the last build, so comparing them costs little). Only while this process holds its caches."""

    def __init__(self) -> None:
        self.last: tuple | None = None  # (what it read, what it made)

    def get(self, make: Callable[[], object], reads: Callable[[], object]) -> object:
        """make(), or what it made last time when `reads()` equals what it read then."""
        if not holding:
            return make()
        read = reads()
        if self.last is None or self.last[0] != read:
            self.last = (read, make())
        return self.last[1]


class AsLastTimeBy:
    """AsLastTime for each of many keys (a page's path): what was made for a key in a server's last
    build, given again while what it reads for that key is equal."""

    def __init__(self) -> None:
        self.by_key: dict = {}

    def get(self, key, make: Callable[[], object], reads: Callable[[], object]) -> object:
        """make(), or what it made for `key` last time when `reads()` equals what it read then."""
        if not holding:
            return make()
        read, last = reads(), self.by_key.get(key)
        if last is None or last[0] != read:
            last = self.by_key[key] = (read, make())
        return last[1]

    def replace(self, key, made: object, new: object) -> None:
        """Give `new` for `key` in place of `made` (None: forget it), if that is what it gives."""
        last = self.by_key.get(key)
        if last is not None and last[1] == made:
            if new is None:
                del self.by_key[key]
            else:
                self.by_key[key] = (last[0], new)


def kept(store: dict, key, make: Callable[[], object]) -> object:
    """make(), kept in `store` under `key` while this process holds its caches (a server's next build
    asks again for most of the same keys: the same claim texts, the same article bodies)."""
    if not holding:
        return make()
    found = store.get(key)
    if found is None:
        found = store[key] = make()
    return found
