"""`briefing serve`: build, serve site/ on 127.0.0.1 and rebuild + reload when sources change.

A small adapter over python-livereload, so the server can be swapped. It watches the
sources (never site/, which would loop); a failed rebuild keeps the last good site and
leaves the error in site/.build-error.txt, which the page script shows as an overlay.
"""
from __future__ import annotations

import sys
from pathlib import Path

from typing import Callable

from .config import ConfigError, Settings
from .problems import BuildError

ERROR_FILE = ".build-error.txt"


def rebuild(reload: Callable[[], Settings], site: Path) -> bool:
    """Build once with freshly read settings; on failure leave the problems in `site` for the browser."""
    from .pipeline import build

    try:
        build(reload(), progress=lambda m: print(m, file=sys.stderr, flush=True))
    except (BuildError, ConfigError, OSError) as error:
        text = "\n".join(map(str, getattr(error, "problems", [error])))
        print(text, file=sys.stderr, flush=True)
        site.mkdir(parents=True, exist_ok=True)
        (site / ERROR_FILE).write_text(text + "\n", encoding="utf-8")
        return False
    return True


def serve(settings: Settings, reload: Callable[[], Settings]) -> None:
    """Serve until interrupted; every rebuild re-reads the settings (pyproject.toml may have changed)."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # the default drops reloads within 3 s of the last
    site = settings.path("site")
    rebuild(reload, site)
    server = Server()
    for path in watched(settings):
        server.watch(str(path), lambda: rebuild(reload, site))  # a delay would bring back the 3 s drop
    print(f"serving {settings.site}/ on http://{settings.host}:{settings.port}/ (Ctrl-C stops)", file=sys.stderr)
    server.serve(host=settings.host, port=settings.port, root=str(site), restart_delay=0)


def watched(settings: Settings) -> list[Path]:
    """The folders and files a change to which triggers a rebuild."""
    return [settings.path("seeds"), settings.path("content"), settings.path("templates"), settings.root / "pyproject.toml"]
