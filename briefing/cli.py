"""The command line: build (default), serve, extract, check, actors, new, add.

Exit status: 0 success; 1 problems in the input (seeds, content/, templates, pyproject.toml:
every one listed as `path:line: error: ...`) or a file that cannot be read or written;
2 wrong usage (an unknown flag, `new` into a folder that is not empty); 130 interrupted.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .add import add_arguments, run_add
from .config import ConfigError, Settings, load_settings
from .problems import BuildError, Problem
from .progress import NORMAL, QUIET, VERBOSE, Reporter, plural

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EPILOG = ("exit status: 0 success, 1 problems in the input (each listed as path:line: error: ...), "
          "2 wrong usage, 130 interrupted")


def parser() -> argparse.ArgumentParser:
    """The argument parser; flags override `[tool.briefing]` in pyproject.toml."""
    ap = argparse.ArgumentParser(prog="briefing", epilog=EPILOG,
                                 description="Turn a folder of news articles into a briefing microsite.")
    ap.add_argument("--version", action="version", version=f"briefing {__version__}")
    _common_flags(ap, subcommand=False)
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
    actors = sub.add_parser("actors", help="list which actors of different articles were merged into one, and why, "
                                           "and which names fit several people; write nothing")
    actors.add_argument("--json", action="store_true", help="print JSON instead of text")
    new = sub.add_parser("new", help="create a new briefing project in DIR (seeds/, content/, templates/, "
                                     "pyproject.toml, the GitHub Pages workflow)")
    new.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    new.add_argument("--title", help="the site's name (default: from DIR)")
    add_arguments(sub)  # `briefing add`, in add.py
    for command in sub.choices.values():  # the same flags also after the command: `briefing build -q`
        _common_flags(command, subcommand=True)
    return ap


def _common_flags(ap: argparse.ArgumentParser, subcommand: bool) -> None:
    """Flags every command takes; on a subcommand their default is SUPPRESS, so they don't undo the top level's."""
    def given(value: object) -> object:
        return argparse.SUPPRESS if subcommand else value

    ap.add_argument("--root", type=Path, default=given(Path.cwd()), help="project folder (default: the current one)")
    ap.add_argument("--site", default=given(None), help="output folder (default: site)")
    ap.add_argument("--base-url", default=given(None),
                    help="the published site's address (for feed.xml and sitemap.xml)")
    ap.add_argument("--spacy-model", default=given(None), help="spaCy pipeline used for extraction")
    ap.add_argument("--no-search", action="store_true", default=given(False), help="skip the Pagefind search index")
    ap.add_argument("-j", "--processes", type=_whole_number, default=given(None), metavar="N",
                    help="processes extraction and rendering may use (default: the `processes` setting, 0: one per core)")
    loudness = ap.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=QUIET,
                          default=given(NORMAL), help="print only problems and warnings")
    loudness.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=VERBOSE,
                          default=given(NORMAL), help="also print settings and every file written")


def _whole_number(text: str) -> int:
    """A count of 0 or more, for argparse."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, not {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    """Run one command; print every problem as `path:line: error: ...`; return the exit status."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as stop:  # --help and --version (0), or a usage error argparse has explained (2)
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    args.reporter = say = Reporter(args.verbosity)
    try:
        if args.command == "new":
            return _new(args)
        return COMMANDS[args.command or "build"](settings_from(args), args)
    except (BuildError, ConfigError) as error:
        problems = getattr(error, "problems", [error])
        for problem in problems:
            say.warn(str(problem))
        say.warn(f"briefing: {plural(len(problems), 'problem')}; site/ was left as it was")
        return EXIT_PROBLEMS
    except OSError as error:  # a folder that cannot be written, a port already taken
        say.warn(f"briefing: error: {error}")
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        say.close()


def settings_from(args: argparse.Namespace) -> Settings:
    """pyproject.toml's settings with this command line's flags on top."""
    return load_settings(args.root.resolve(), site=args.site, spacy_model=args.spacy_model, base_url=args.base_url,
                         port=getattr(args, "port", None), host=getattr(args, "host", None),
                         search=False if args.no_search else None, processes=args.processes)


def _build(settings: Settings, args: argparse.Namespace) -> int:
    from .pipeline import build

    say: Reporter = args.reporter
    _describe(settings, say)
    started = time.perf_counter()
    report = build(settings, progress=say, one_off=True)
    _say_extracted(report.extracted, say)
    pages, articles = plural(report.pages, 'page'), plural(report.articles, 'article')
    if report.up_to_date:
        say.info(f"{settings.site}/ is up to date: nothing changed since the last build ({pages} from {articles})")
    else:
        say.info(f"built {pages} from {articles} in {time.perf_counter() - started:.1f} s")
    say.detail(f"wrote {settings.site}/: {plural(report.files, 'file')}")
    for pending in sorted(settings.path("content").glob("*.md.new")):
        say.warn(f"{settings.content}/{pending.name}: warning: a newer extraction waits to be merged into "
                 f"{pending.name[:-4]} (delete it when done)")
    return EXIT_OK


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(settings, reload=lambda: settings_from(args), search=args.search)


def _extract(settings: Settings, args: argparse.Namespace) -> int:
    from .lock import one_build_at_a_time
    from .pipeline import stop_on
    from .problems import os_errors_as_problems
    from .refresh import refresh

    refresh = os_errors_as_problems(one_build_at_a_time(refresh))  # never beside a running build
    say: Reporter = args.reporter
    missing = [str(p) for p in args.seeds if not p.is_file()]
    if missing:
        raise BuildError([_no_seed(p) for p in missing])
    _describe(settings, say)
    outcome = refresh(settings, force=args.force, only=[p.resolve() for p in args.seeds] or None, progress=say)
    _say_extracted(outcome, say)
    if not outcome.written and not outcome.kept and not outcome.problems:
        say.info("extract: every seed is up to date")
    stop_on(list(outcome.problems), say)  # a seed it cannot read is a warning, as in a build: the others are extracted
    return EXIT_OK


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from .pipeline import check

    problems = check(settings)
    if problems:
        raise BuildError(problems)
    args.reporter.info("check: no problems")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, create_project, install_spec

    say: Reporter = args.reporter
    try:
        created = create_project(args.dir, args.title)
    except ScaffoldError as error:
        say.warn(f"briefing new: error: {error}")
        return EXIT_USAGE
    say.info(f"created {args.dir}/ with {', '.join(created)}")
    if install_spec() is None:
        say.warn(f"{args.dir}/requirements.txt: warning: say where the Pages workflow installs Briefing from "
                 "(this Briefing was not installed from a Git URL)")
    say.info(f"next:\n  cd {args.dir}\n  briefing          # extract seeds/example.md and build site/\n"
             "  briefing serve    # preview on http://127.0.0.1:8000/ while you add seeds")
    return EXIT_OK


def _describe(settings: Settings, say: Reporter) -> None:
    """--verbose: where this run reads and writes."""
    pyproject = settings.root / "pyproject.toml"
    say.detail(f"settings: {pyproject if pyproject.exists() else 'defaults (no pyproject.toml)'}")
    say.detail(f"seeds: {settings.seeds}/, content: {settings.content}/, templates: {settings.templates}/, "
               f"site: {settings.site}/, base URL: {settings.base_url or '(none)'}, search: {settings.search}")


def _no_seed(path: str) -> Problem:
    return Problem(path, 0, "no such seed file")


def _say_extracted(outcome, say: Reporter) -> None:
    for path in outcome.written:
        say.detail(f"wrote {path}")
    if outcome.written:
        say.info(f"extracted {plural(len(outcome.written), 'seed')} into content/")
    for path in outcome.kept:
        say.warn(f"kept {path}: it was edited by hand; the new extraction is in {path}.new to merge")


def _actors(settings: Settings, args: argparse.Namespace) -> int:
    """`briefing actors`: the resolve stage's merges and ambiguities (content/ as it is; nothing written)."""
    from .merges import merges_json, merges_text
    from .pipeline import read_and_link

    briefing, problems = read_and_link(settings)
    if any(p.severity == "error" for p in problems):
        raise BuildError(problems)
    print(merges_json(briefing) if args.json else merges_text(briefing))
    return EXIT_OK


COMMANDS = {"build": _build, "serve": _serve, "extract": _extract, "check": _check, "actors": _actors}

# `briefing add URL...`: fetching articles into seeds/ (add.py; collect.py, fetch.py, feeds.py, known.py)
COMMANDS["add"] = run_add
