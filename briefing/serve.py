"""`briefing serve`: build, serve site/ on 127.0.0.1 and rebuild + reload when sources change.

A small adapter over python-livereload, so the server can be swapped. Two of its defaults
stand between a save and the page: it polls every 0.8 s, and it drops reloads within 3 s
of the last one. `Sources` replaces its watcher (a 50 ms scan of seeds/, content/,
templates/ and pyproject.toml, never site/; one rebuild once a batch of changes settles; a
change made while a rebuild runs is seen by the next scan), and the 3 s window is set to 0.
A page that was loading while a rebuild ran (its socket not yet open, so the reload missed it)
is reloaded as soon as its socket opens (`PageSocket`).
A failed rebuild keeps the last good site and leaves the problems in site/.build-error.txt,
which the page script shows as an overlay; a page that does not exist (or no site at all,
when the first build fails) is answered with the site's 404 page or the problems themselves.
"""
from __future__ import annotations

import errno
import hashlib
import html
import ipaddress
import json
import os
import signal
import socket
import sys
import threading
import time
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.netutil import bind_sockets

from .config import ConfigError, Settings
from .pipeline import read_ahead
from .problems import BuildError
from .warm import hold_caches
from .workers import fork_safe

ERROR_FILE = ".build-error.txt"
SCAN_EVERY_MS = 50
"""How often the sources are scanned for changes (livereload's own poll is 800 ms)."""
SETTLE_AT_MOST_S = 0.5
"""A rebuild waits for a scan that finds nothing new (so a half-written file or a burst of saves
is one rebuild of the final bytes), but never longer than this behind a file that keeps changing."""
QUIET_S = SCAN_EVERY_MS / 1000
"""Told of changes by the file system, a rebuild waits this long after the scan that found them for
another change to be told of (a second write, more saves), and then starts without scanning again:
as long as the quiet scan it replaces waited, so a burst of saves is still one rebuild."""
IDLE_SCAN_S = 1.0
"""Told of changes by the file system (`Events`), sources are scanned when told, and at least this
often: a change it was not told of (a file outside the folders it watches, such as pyproject.toml
or a folder a settings change named) is still seen within this long."""
RACY_NS = 2_000_000_000
"""A file modified this recently may change again within the same timestamp tick (ext4: a few
ms, FAT: 2 s) without its size or mtime moving, so its bytes are compared too (git's "racy" files)."""
FIXED_SETTINGS = ("site", "host", "port")
"""Settings a running server keeps: it serves one folder at one address."""
IGNORED_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".new")
"""Editor backups and swap files, and the `.md.new` extractions the build itself writes."""


def serve(settings: Settings, reload: Callable[[], Settings], search: bool = False) -> int:
    """Build, then serve until Ctrl-C (exit 0); every rebuild re-reads pyproject.toml. 1 if the port is taken.

    Without `search`, previews skip the Pagefind index: it costs more than rendering the whole seed
    site, and a save should show up within a second (`build` makes the index for publishing).
    """
    import livereload.server
    from livereload import Server

    try:
        for listener in bind_sockets(settings.port, address=settings.host):  # fail before a long first build
            listener.close()
    except OSError as error:
        return _cannot_listen(settings, error)
    if not is_loopback(settings.host):
        _say(f"warning: serving on {settings.host}: other machines can reach this preview")
    if not search:
        settings, reload = replace(settings, search=False), _without_search(reload)
    if threading.current_thread() is threading.main_thread():  # Ctrl-C stops it, even started by a parent that ignores it
        signal.signal(signal.SIGINT, signal.default_int_handler)
    hold_caches()  # a rebuild after a save reads the build caches from memory, not from disk
    builder = Builder(reload, settings)
    sources = Sources(builder)  # before the first build, so an edit made during it is not missed
    if builder.build([]):
        read_ahead(builder.settings)  # a first build with nothing to do read no cache: the first save would
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # its default drops every reload within 3 s of the previous one
    livereload.server.LiveReloadHandler = PageSocket  # the name its Server routes /livereload to
    server = Server(watcher=sources)
    server.SFH = SiteFileHandler
    _say(f"serving {settings.site}/ on http://{_url_host(settings.host)}:{settings.port}/ (Ctrl-C stops)")
    try:
        server.serve(host=settings.host, port=settings.port, root=str(settings.path("site")), restart_delay=0)
    except OSError as error:  # the port was taken during the first build
        return _cannot_listen(settings, error)
    _say("stopped")
    return 0


class Builder:
    """Rebuilds with freshly read settings and remembers them (the watched folders follow pyproject.toml)."""

    def __init__(self, reload: Callable[[], Settings], settings: Settings):
        self.reload = reload
        self.settings = settings
        self.fixed = {name: getattr(settings, name) for name in FIXED_SETTINGS}

    def build(self, changed: list[Path]) -> bool:
        """One build; on failure leave the problems in site/ for the browser. True when it succeeded."""
        from .pipeline import build

        started = time.perf_counter()
        if changed:
            more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
            _say(f"changed: {self._display(changed[0])}{more}; rebuilding")
        try:
            self.settings = self._reread()
            build(self.settings, progress=_say)
        except (BuildError, ConfigError, OSError) as error:
            return self._failed("\n".join(map(str, getattr(error, "problems", [error]))))
        except Exception as error:  # a bug, not bad input: the traceback belongs in the terminal
            traceback.print_exc()
            return self._failed(f"internal error: {type(error).__name__}: {error} (the terminal has the details)")
        _say(f"rebuilt {self.settings.site}/ in {time.perf_counter() - started:.2f}s")
        return True

    def watched(self) -> list[Path]:
        """The folders and files a change to which triggers a rebuild (never site/)."""
        settings = self.settings
        return [settings.path("seeds"), settings.path("content"), settings.path("templates"),
                settings.root / "pyproject.toml"]

    def _reread(self) -> Settings:
        fresh = self.reload()
        if any(getattr(fresh, name) != value for name, value in self.fixed.items()):
            _say(f"pyproject.toml: a change to {', '.join(FIXED_SETTINGS)} takes effect when serve restarts")
        return replace(fresh, **self.fixed)

    def _failed(self, text: str) -> bool:
        site = self.settings.path("site")
        _say(text)
        _say("rebuild failed: " + ("still serving the last good site; " if (site / "index.html").is_file() else "")
             + "the page shows the problems until they are fixed")
        site.mkdir(parents=True, exist_ok=True)
        (site / ERROR_FILE).write_text(text + "\n", encoding="utf-8")
        return False

    def _display(self, path: Path) -> str:
        return path.relative_to(self.settings.root).as_posix() if path.is_relative_to(self.settings.root) else str(path)


class Sources(Watcher):
    """livereload's watcher, made quick and exact: looks when the file system tells of a change and
    every 50 ms, rebuilds once a batch of changes settles.

    livereload calls `start` once and then `examine` on every tick; `examine` returns the path
    to reload browsers with (a single changed stylesheet is swapped in place, anything else
    reloads the page), or None when nothing changed.
    """

    def __init__(self, builder: Builder):
        super().__init__()
        self.builder = builder
        for path in builder.watched():
            self.watch(str(path))  # livereload watches the whole working directory when given nothing
        self.seen: dict[str, tuple[tuple[int, int, int], bytes | None]] = {}  # by path as text (hashing a Path costs more than the stat)
        self.scanned = 0.0  # when changed() last looked
        self.changed()
        self.pending: set[Path] = set()
        self.pending_since = 0.0
        self.events: Events | None = None  # without them, every tick scans
        self.later: Callable[[], object] = lambda: None  # look again QUIET_S after a scan that found changes

    def start(self, callback: Callable[[], None]) -> bool:
        PeriodicCallback(callback, SCAN_EVERY_MS).start()
        loop = IOLoop.current()
        self.later = lambda: loop.call_later(QUIET_S, callback)
        # (told in its thread, it looks at once, in the server's: add_callback is the one thread-safe call)
        self.events = Events([path for path in self.builder.watched() if path.is_dir()],
                             told=lambda: loop.add_callback(callback))
        return True  # so livereload does not start its own 800 ms poll as well

    def examine(self) -> tuple[str | None, float | None]:
        if self._changes:  # livereload's own "reload everyone once the server is up"
            return self._changes.pop()
        if self._due():
            fresh = self.changed()
            if fresh:
                self.pending.update(fresh)
                self.pending_since = self.pending_since or time.monotonic()
                if time.monotonic() - self.pending_since < SETTLE_AT_MOST_S:
                    self.later()
                    return None, None  # a file still being written, or more saves coming: wait for a quiet moment
        elif self.pending and time.monotonic() - self.scanned < QUIET_S:
            return None, None  # (told of changes: quiet once nothing more was told for QUIET_S)
        if not self.pending:
            return None, None
        changed, self.pending, self.pending_since = sorted(self.pending), set(), 0.0
        built = self.builder.build(changed)
        PageSocket.build += 1
        only = changed[0] if len(changed) == 1 else None
        self.filepath = str(only) if built and only is not None and only.suffix == ".css" else "*"
        return self.filepath, None

    def _due(self) -> bool:
        """Whether this tick scans: always without change events (a batch has settled when a scan
        finds nothing new); with them, when one came, and IDLE_SCAN_S after the last scan (an idle
        server scanning 2,440 articles every 50 ms kept 40% of a core busy)."""
        if self.events is None or time.monotonic() - self.scanned >= IDLE_SCAN_S:
            return True
        return self.events.came()

    def changed(self) -> list[Path]:
        """Files added, modified or removed since the last call, sorted."""
        started = time.time_ns()
        self.scanned = time.monotonic()
        current: dict[str, tuple[tuple[int, int, int], bytes | None]] = {}
        changed = []
        for path, stat in source_files(self.builder.watched()):
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            old_stamp, old_digest = self.seen.get(path, (None, None))
            racy = started - stat.st_mtime_ns < RACY_NS
            digest = _digest(path) if racy or (old_digest is not None and old_stamp == stamp) else None
            if old_stamp != stamp or (old_digest is not None and digest is not None and digest != old_digest):
                changed.append(path)
            current[path] = (stamp, digest if racy else None)
        changed += [path for path in self.seen if path not in current]
        self.seen = current
        return sorted(map(Path, changed))


class Events:
    """Whether anything changed under some folders since last asked, as the file system tells it
    (watchfiles: inotify, FSEvents, ReadDirectoryChangesW), in a thread of its own. Only a hint to
    scan: the scan finds what changed. Where the file system tells nothing (watchfiles missing, no
    such folder, too many watches), or once the thread has stopped, `came` is always true."""

    def __init__(self, folders: list[Path], told: Callable[[], object] = lambda: None):
        self._told = threading.Event()
        self._tell = told  # called in the watching thread after each batch of changes
        self._watching = bool(folders)
        if folders:  # (its thread waits in watchfiles' Rust loop, taking the GIL only to set an Event and wake the
            # server's loop, neither of which a forked renderer touches: builds still fork)
            fork_safe(threading.Thread(target=self._watch, args=(folders,), name="briefing events", daemon=True)).start()

    def came(self) -> bool:
        if not self._watching or self._told.is_set():
            self._told.clear()  # (before the scan: a change during it is told again)
            return True
        return False

    def _watch(self, folders: list[Path]) -> None:
        try:
            from watchfiles import watch

            for _ in watch(*folders, watch_filter=None, debounce=50, step=5, raise_interrupt=False):
                self._told.set()
                self._tell()
        except Exception:  # noqa: BLE001 - no events: scan at every tick, as without them
            pass
        self._watching = False


def source_files(roots: list[Path]) -> Iterator[tuple[str, os.stat_result]]:
    """Every file under `roots` (files or folders), by its path as text, with its stat, skipping hidden
    files and editor litter."""
    for root in roots:
        if root.is_file():
            try:
                yield str(root), root.stat()
            except OSError:  # removed while being scanned: the next scan sees it gone
                pass
            continue
        for folder, folders, files in os.walk(root):
            folders[:] = [name for name in folders if not name.startswith((".", "#"))]
            for name in files:
                if not name.startswith((".", "#")) and not name.endswith(IGNORED_SUFFIXES):
                    path = os.path.join(folder, name)
                    try:
                        yield path, os.stat(path)
                    except OSError:  # removed while being scanned: the next scan sees it gone
                        continue


def _digest(path: str) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            return hashlib.blake2b(stream.read(), digest_size=16).digest()
    except OSError:
        return None


class PageSocket(LiveReloadHandler):
    """livereload's socket, which also reloads a page served before the latest rebuild finished.

    A browser reloading while another rebuild runs fetches the page before that rebuild and opens
    its socket after it, so the reload sent when it finished found nobody: without this the page
    would stay stale (a burst of saves, or a save read half-written, then complete).
    """

    build = 0
    """Rebuilds finished so far."""
    served: dict[str, int] = {}
    """URL path -> `build` when it was last served."""

    def on_message(self, message: str) -> None:
        super().on_message(message)
        hello = json.loads(message)
        if hello.get("command") == "info" and PageSocket.served.get(_page(hello.get("url", "")), PageSocket.build) \
                != PageSocket.build:
            self.send_message({"command": "reload", "path": "*", "liveCSS": True, "liveImg": True})


class SiteFileHandler(StaticFileHandler):
    """livereload's file handler, noting which build each page is served from; a missing page gets
    the site's 404 page (or, with no site yet, the build's problems), so the live-reload script is
    there to bring the page back once it exists."""

    def prepare(self) -> None:
        PageSocket.served[_page(self.request.path)] = PageSocket.build

    def write_error(self, status_code: int, **kwargs) -> None:
        if status_code != 404:
            return super().write_error(status_code, **kwargs)
        site = Path(self.root)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        if (site / "404.html").is_file():
            return self.finish((site / "404.html").read_bytes())
        problems = site / ERROR_FILE
        text = problems.read_text(encoding="utf-8") if problems.is_file() else "This page does not exist."
        self.finish(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
                    f'<body><h1>No site to show</h1><pre id="build-error" role="alert">{html.escape(text)}</pre>'
                    f"</body></html>")


def _page(url: str) -> str:
    path = urlsplit(url).path
    return path + "index.html" if path.endswith("/") else path


def _without_search(reload: Callable[[], Settings]) -> Callable[[], Settings]:
    return lambda: replace(reload(), search=False)


def is_loopback(host: str) -> bool:
    """Whether `host` can only be reached from this machine."""
    try:
        return all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback
                   for info in socket.getaddrinfo(host, None))
    except (OSError, ValueError):
        return False


def _cannot_listen(settings: Settings, error: OSError) -> int:
    if error.errno == errno.EADDRINUSE:
        _say(f"briefing: port {settings.port} on {settings.host} is already in use (another `serve`?); "
             f"pick another with --port, e.g. --port {settings.port + 1}")
    else:
        _say(f"briefing: cannot listen on {settings.host}:{settings.port}: {error.strerror or error}")
    return 1


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
