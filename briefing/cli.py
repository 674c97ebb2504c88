"""The command line: build (default), serve, extract, check. Exit 0 on success, 1 on problems."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .config import ConfigError, Settings, load_settings
from .problems import BuildError, Problem


def parser() -> argparse.ArgumentParser:
    """The argument parser; flags override `[tool.briefing]` in pyproject.toml."""
    ap = argparse.ArgumentParser(prog="briefing", description="Turn a folder of news articles into a briefing microsite.")
    ap.add_argument("--version", action="version", version=f"briefing {__version__}")
    ap.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current one)")
    ap.add_argument("--site", help="output folder (default: site)")
    ap.add_argument("--spacy-model", help="spaCy pipeline used for extraction")
    ap.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    sub = ap.add_subparsers(dest="command")
    sub.add_parser("build", help="extract new or changed seeds, then render site/ (the default)")
    serve = sub.add_parser("serve", help="build, then serve with live reload")
    serve.add_argument("--port", type=int, help="port to listen on (default: the `port` setting, 8000)")
    serve.add_argument("--host", help="address to listen on (default: the `host` setting, 127.0.0.1: this machine only)")
    serve.add_argument("--search", action="store_true", help="build the search index on every rebuild too (slower)")
    extract = sub.add_parser("extract", help="extract seeds into content/ (new or changed ones, or those named)")
    extract.add_argument("--force", action="store_true", help="extract even unchanged seeds (curated files are still kept)")
    extract.add_argument("seeds", nargs="*", type=Path, metavar="SEED")
    sub.add_parser("check", help="validate content, references, templates and links; write nothing")
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run one command; print every problem as `path:line: error: ...`."""
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command or "build"](settings_from(args), args)
    except (BuildError, ConfigError) as error:
        problems = getattr(error, "problems", [error])
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"briefing: {len(problems)} problem(s); site/ was left as it was", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def settings_from(args: argparse.Namespace) -> Settings:
    """pyproject.toml's settings with this command line's flags on top."""
    return load_settings(args.root.resolve(), site=args.site, spacy_model=args.spacy_model,
                         port=getattr(args, "port", None), host=getattr(args, "host", None),
                         search=False if args.no_search else None)


def _build(settings: Settings, args: argparse.Namespace) -> int:
    from .pipeline import build

    started = time.perf_counter()
    report = build(settings, progress=_say)
    _say_extracted(report.extracted)
    _say(f"built {settings.site}/: {report.articles} article(s), {report.files} file(s) "
         f"in {time.perf_counter() - started:.1f}s")
    for pending in sorted(settings.path("content").glob("*.md.new")):
        _say(f"{settings.content}/{pending.name}: warning: a newer extraction waits to be merged into "
             f"{pending.name[:-4]} (delete it when done)")
    return 0


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(settings, reload=lambda: settings_from(args), search=args.search)


def _extract(settings: Settings, args: argparse.Namespace) -> int:
    from .refresh import refresh

    missing = [str(p) for p in args.seeds if not p.is_file()]
    if missing:
        raise BuildError([_no_seed(p) for p in missing])
    outcome = refresh(settings, force=args.force, only=[p.resolve() for p in args.seeds] or None, progress=_say)
    _say_extracted(outcome)
    if outcome.problems:
        raise BuildError(list(outcome.problems))
    return 0


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from .pipeline import check

    problems = check(settings)
    if problems:
        raise BuildError(problems)
    _say("check: no problems")
    return 0


def _no_seed(path: str) -> Problem:
    return Problem(path, 0, "no such seed file")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _say_extracted(outcome) -> None:
    for path in outcome.written:
        _say(f"wrote {path}")
    for path in outcome.kept:
        _say(f"kept {path}: it was edited by hand; the new extraction is in {path}.new to merge")
    if not outcome.written and not outcome.kept:
        _say("extract: every seed is up to date")


COMMANDS = {"build": _build, "serve": _serve, "extract": _extract, "check": _check}
