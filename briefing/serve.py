"""`briefing serve`: build, serve site/ on 127.0.0.1 and rebuild + reload when sources change.

A small adapter over python-livereload, so the server can be swapped. It watches the
sources (never site/, which would loop); a failed rebuild keeps the last good site and
leaves the error in site/.build-error.txt, which the page script shows as an overlay.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .config import Settings
from .problems import BuildError

ERROR_FILE = ".build-error.txt"


def rebuild(settings: Settings) -> bool:
    """Build once; on failure write the problems where the browser will show them."""
    from .pipeline import build

    site = settings.path("site")
    try:
        build(settings, progress=lambda m: print(m, file=sys.stderr, flush=True))
    except BuildError as error:
        text = "\n".join(map(str, error.problems))
        print(text, file=sys.stderr, flush=True)
        site.mkdir(parents=True, exist_ok=True)
        (site / ERROR_FILE).write_text(text + "\n", encoding="utf-8")
        return False
    return True


def serve(settings: Settings) -> None:
    """Serve until interrupted."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # the default drops reloads within 3 s of the last
    rebuild(settings)
    server = Server()
    for path in watched(settings):
        server.watch(str(path), lambda: rebuild(settings))  # a delay would bring back the 3 s drop
    print(f"serving {settings.site}/ on http://{settings.host}:{settings.port}/ (Ctrl-C stops)", file=sys.stderr)
    server.serve(host=settings.host, port=settings.port, root=str(settings.path("site")), restart_delay=0)


def watched(settings: Settings) -> list[Path]:
    """The folders and files a change to which triggers a rebuild."""
    return [settings.path("seeds"), settings.path("content"), settings.path("templates"), settings.root / "pyproject.toml"]
