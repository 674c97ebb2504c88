"""Render pages with Jinja2 (autoescape, StrictUndefined); every link is made relative by `url()`."""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import posixpath
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe

try:
    from markupsafe import _escape_inner  # the C escaping markupsafe.escape wraps (markupsafe 2.1 and later)
except ImportError:  # pragma: no cover - an older markupsafe: its own escape, as a plain str
    def _escape_inner(text: str) -> str:
        return str(markupsafe.escape(text))

from .depends import RecordedCall
from .overview import clause
from .pages import Page
from .problems import BuildError, Problem, leads_outside
from .textutil import slugify, thousands

_ENVIRONMENTS: dict[str, tuple[str, jinja2.Environment]] = {}


def environment(templates: Path) -> jinja2.Environment:
    """The Jinja2 environment of a templates folder, kept while its files hold the same bytes (so
    `serve` compiles templates once, and an edit is seen even within the file system's mtime tick)."""
    folder = str(Path(templates).resolve())
    digest = hashlib.sha256()
    try:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "static" not in path.relative_to(folder).parts:
                digest.update(f"{path.relative_to(folder)}\0".encode("utf-8", "surrogateescape") + path.read_bytes())
    except OSError:  # unreadable: a fresh environment reports it the way Jinja2 does
        return _new_environment(folder)
    kept = _ENVIRONMENTS.get(folder)
    if kept is None or kept[0] != digest.hexdigest():
        kept = _ENVIRONMENTS[folder] = (digest.hexdigest(), _new_environment(folder))
    return kept[1]


class ProjectLoader(jinja2.FileSystemLoader):
    """Templates from their folder, never through a symlink out of the project (the folder holding
    templates/): such a template is not found, and `outside_links` names the link in a warning."""

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        folder = Path(self.searchpath[0])
        if leads_outside(Path(filename), folder.parent, folder):
            raise jinja2.TemplateNotFound(template, f"{template} is a symlink out of the project: not followed")
        return source, filename, uptodate


def _new_environment(templates: str) -> jinja2.Environment:
    """The Jinja2 environment: strict about missing variables, escaping everything."""
    env = jinja2.Environment(
        loader=ProjectLoader(templates),
        auto_reload=False,  # environment() gives a new one when a template's bytes change: no stat per page
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(),  # compiled templates, keyed by their source; a private temp folder
    )
    env.context_class = _Context
    env.template_class = _Template
    env.globals["url"] = url
    env.globals["clause"] = clause
    env.filters["slug"] = slugify
    env.filters["upfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["plural"] = lambda n, word, many=None: f"{thousands(n)} {word if n == 1 else many or word + 's'}"
    env.filters["thousands"] = thousands
    return env


def _escape(value: object) -> str:
    """markupsafe.escape, but a str comes back as a plain str and Markup (a macro's text) as it is:
    Jinja2 escapes each `{{ }}` of a page with it (two million a site) and only ever joins what it
    gives into the page's text."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is markupsafe.Markup or kind is int:
        return value if kind is markupsafe.Markup else str(value)
    return markupsafe.escape(value)


class _Template(jinja2.Template):
    """A compiled template whose output escaping is `_escape` (the same text, fewer objects)."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        if namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = _escape
        return super()._from_namespace(environment, namespace, globals)


class _Context(jinja2.runtime.Context):
    """Jinja2's context, calling a macro, `url`, `clause` or a recorded read without inspecting it for
    `pass_context` each time (a site makes hundreds of thousands of such calls); anything else as Jinja2 does."""

    def call(__self, __obj, *args, **kwargs):  # (the names Jinja2 uses: a template's keywords never clash)
        macro = type(__obj) is jinja2.runtime.Macro
        if not (macro or __obj is url or __obj is clause or type(__obj) is RecordedCall) \
                or (__obj is url and (kwargs.get("_loop_vars") or kwargs.get("_block_vars"))):
            return super().call(__obj, *args, **kwargs)  # (loop and block variables reach only what takes the context: url)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            if __obj is url:  # url(context, target), the page's path looked up as Context.__getitem__ does
                return relative_url(__self.vars["page_path"] if "page_path" in __self.vars else __self.parent["page_path"],
                                    *args, **kwargs)
            return _call_macro(__obj, args, kwargs) if macro else __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


def _call_macro(macro: jinja2.runtime.Macro, args: tuple, kwargs: dict):
    """What macro(*args, **kwargs) gives, for a macro of plain named arguments (no `caller`, varargs
    or kwargs) called with some of them: its function straight, the others `missing` (the macro
    fills in their defaults), skipping Macro.__call__'s general argument handling (a site makes
    240,000 such calls). Any other call, or a Jinja2 without these attributes, goes through it."""
    names, func = getattr(macro, "arguments", None), getattr(macro, "_func", None)
    autoescape = getattr(macro, "_default_autoescape", None)
    if func is None or autoescape is None or type(names) is not tuple or not len(args) <= len(names) < len(_UNGIVEN) \
            or macro.caller or macro.catch_kwargs or macro.catch_varargs or macro.explicit_caller \
            or getattr(getattr(macro, "_environment", None), "is_async", True):
        return macro(*args, **kwargs)
    if kwargs:
        rest = names[len(args):]
        if not kwargs.keys() <= set(rest):
            return macro(*args, **kwargs)  # (it raises the error)
        text = func(*args, *[kwargs.get(name, _MISSING) for name in rest])
    else:
        text = func(*args, *_UNGIVEN[len(names) - len(args)])
    return markupsafe.Markup(text) if autoescape else text


_MISSING = jinja2.runtime.missing
_UNGIVEN = tuple((_MISSING,) * n for n in range(32))


@jinja2.pass_context
def url(context: jinja2.runtime.Context, target: str) -> str:
    """A link from the page being rendered to `target` (a site path), relative so it works anywhere."""
    return relative_url(context["page_path"], target)


def relative_url(page_path: str, target: str) -> str:
    """`target` ("actors/iran/index.html#c1") as seen from the folder of `page_path`."""
    path, hash_, fragment = target.partition("#")
    if path.endswith("/") or path == "":
        path += "index.html"
    return _relative_path(path, _folder(page_path)) + (hash_ + fragment if fragment else "")


_folder = functools.lru_cache(maxsize=256)(posixpath.dirname)  # a page asks it for each of its links


@functools.lru_cache(maxsize=65536)
def _relative_path(path: str, start: str) -> str:
    """posixpath.relpath(path, start or "."), by comparing strings when both are plain site paths
    (no ".", ".." or empty segments, not absolute): the deepest folder of `start` (itself included)
    that `path` is in, or is, decides; posixpath decides anything else."""
    ladder, wrapped = _ladder(start), f"/{path}/"
    if ladder is None or "//" in wrapped or "/./" in wrapped or "/../" in wrapped:
        return posixpath.relpath(path, start or ".")
    for folder, ups in ladder:
        if path.startswith(folder):
            return ups + path[len(folder):]
        if path == folder[:-1]:
            return ups[:-1] or "."
    return posixpath.relpath(path, start or ".")  # (not reached: every path starts with "")


@functools.lru_cache(maxsize=256)
def _ladder(start: str) -> tuple[tuple[str, str], ...] | None:
    """For each folder that holds `start` (a page's folder, "" for the top), deepest first: the folder
    with a trailing "/" ("" for the top), and the "../" that climb to it; None for an odd folder."""
    base = start.split("/") if start else []
    if any(p in ("", ".", "..") for p in base):
        return None
    return tuple(("/".join(base[:n]) + "/" if n else "", "../" * (len(base) - n)) for n in range(len(base), -1, -1))


PAGES_PER_WORKER = 120  # below this a forked process costs more than it saves (a server's rebuild that renders
# 551 pages at 1,000 articles: 5.35 s CPU in one process; forked, 1.48 s in it and 3.47 s in two children)
PAGES_PER_TASK = 60  # sent to a process at a time: small enough to spread big and small pages evenly
# Rendered by one forked process before it exits, its memory with it (2,500 articles: peak 821 MB
# at 1,200, 649 at 300, 627 at 120; each fork copies again what its pages read of this process)
PAGES_PER_CHILD = 300


def render_all(pages: list[Page], templates: Path, workers: int | None = None) -> dict[str, str]:
    """Render every page (over several cores when there are many); raise BuildError listing every template that failed."""
    _need_folder(templates)
    out, problems = {}, []
    for texts, found in _forked(lambda part: _render(part, templates), pages, workers or 0, forced=bool(workers)):
        out.update(texts)
        problems.extend(found)
    _raise_sorted(problems)
    return {p.path: out[p.path] for p in pages if p.path in out}


@dataclass(frozen=True)
class Written:
    """A page written to the staging folder: the SHA-256 of its text, and its links and ids when
    it is HTML whose digest `links` did not know (None otherwise)."""

    path: str
    digest: str
    found: tuple | None = None  # (link texts, their lines, ids), when new
    reads: dict | None = None  # what it read of the shared briefing and views (None: not known)
    pieces: dict | None = None  # the JSON pieces a data file was made of (exports.PIECES)
    touched: frozenset | None = None  # slugs of the articles it holds (None: not known; see depends.Printer.reach)
    context: str | None = None  # the print of its own context, when it was asked for here (depends.Printer.context)


def render_into(pages: list[Page], templates: Path, stage, links: dict,
                processes: int = 0, printer=None, printing: frozenset = frozenset()) -> Iterator[Written]:
    """Render each page straight into a site.Stage (which keeps the old site's file when its bytes did
    not change), over forked processes when there are many, holding no page's text after it is written;
    yields each page's Written as its chunk ends, and at the end raises BuildError as render_all.
    `links` maps a page digest to the (links, ids) already known for it; with a depends.Printer each
    page's reads of the shared briefing and views are recorded, and the print of its own context
    taken for the pages in `printing`."""
    _need_folder(templates)
    problems, shared = [], {}
    for done, found in _forked(lambda part: _write(part, templates, stage, links, printer, printing), pages, processes,
                               templates=templates, held_in=stage.folder):
        yield from (_shared(w, shared) for w in done)
        problems.extend(found)
    _raise_sorted(problems)


def _shared(written: Written, shared: dict) -> Written:
    """`written` with its read keys and touched slugs the same objects as every other page's equal
    ones (slugs interned): a build keeps every page's, and each recurs on many pages (10,000 articles
    make about a million reads). A read's sealed prints are kept once anyway, by its key."""
    if not written.reads and written.touched is None:
        return written
    reads = written.reads and {shared.setdefault(k, k): v for k, v in written.reads.items()}
    touched = written.touched
    if touched:
        kept = shared.get(touched)
        if kept is None:
            kept = frozenset(map(sys.intern, touched))
            shared[kept] = kept
        touched = kept
    return dataclasses.replace(written, reads=reads, touched=touched)


def _write(pages: list[Page], templates: Path, stage, links: dict, printer=None, printing: frozenset = frozenset()):
    """In this process (or a worker): render, write and digest each page, parsing new HTML for its links."""
    from . import exports, workers
    from .depends import Recorder, packed
    from .linkcheck import found_links

    done, problems = [], []
    env = environment(templates)  # once: finding it hashes every template
    if printer is not None and workers.CHILD:
        printer.local()  # (its memo is the building process's, read only)
    for page in pages:
        if page.make is not None:  # a data file: written part by part (briefing.json is 230 MB at 10,000 articles)
            digest = stage.put_parts(page.path, (part.encode("utf-8") for part in page.parts()))
            pieces, exports.used = exports.used or None, {}  # (none when written as made: exports.keep)
            done.append(Written(page.path, digest, None, {}, pieces))
            continue
        recorder = Recorder(printer) if printer is not None and page.template else None
        context = printer.context(page) if printer is not None and page.path in printing else None
        texts, found = _render([page], templates, env, recorder)
        problems.extend(found)
        reads = {} if not page.template else None if recorder is None or recorder.unknown else packed(recorder.reads)
        touched = frozenset() if not page.template else recorder and recorder.touched(page)
        for path, text in texts.items():
            data = text.encode("utf-8")
            stage.put(path, data)
            digest = hashlib.sha256(data).hexdigest()
            new = path.endswith(".html") and digest not in links
            done.append(Written(path, digest, found_links(text) if new else None, reads, None, touched, context))
    return done, problems


def _forked(work, pages: list[Page], processes: int, forced: bool = False, templates: Path | None = None,
            held_in: Path | None = None):
    """work(part) over parts of `pages`, in short-lived forked processes when there are enough pages
    to pay (or, `forced`, in exactly `processes` processes where forking is safe; their results held
    in a file in the folder `held_in` until the last has ended: see workers.short_lived)."""
    from .workers import chunked, forked_map, useful_processes

    count = useful_processes(processes, len(pages) * PAGES_PER_WORKER if forced else len(pages), PAGES_PER_WORKER)
    if count <= 1:  # in chunks even in one process: each chunk's results are taken in (links interned) as it ends
        return map(work, chunked(pages, PAGES_PER_TASK))
    if templates is not None:
        _compile_all(templates)  # once, here: every child inherits them compiled
    # Each child renders PAGES_PER_CHILD pages and exits, taking with it the memory its rendering left
    # behind. The data files are made here once the last child has ended (and before the results held
    # meanwhile are taken in): they read the whole briefing, which in a child copied most of this
    # process's memory (its reference counts written: 350 MB at 10,000 articles), and what they make
    # goes as it is written (briefing.json's pieces to their file).
    size = max(1, min(PAGES_PER_TASK, -(-len(pages) // count)))
    made, templated = chunked([p for p in pages if p.make is not None], size), [p for p in pages if p.make is None]
    return forked_map(work, chunked(templated, size) + made, count, per_child=max(1, PAGES_PER_CHILD // size),
                      held_in=held_in, here=len(made))


def _compile_all(templates: Path) -> None:
    """Load (compile) every template of the folder into its environment."""
    env = environment(templates)
    for name in env.list_templates(filter_func=lambda name: not name.startswith("static/")):
        with contextlib.suppress(jinja2.TemplateError, OSError):  # a broken one fails where a page renders it
            env.get_template(name)


def _need_folder(templates: Path) -> None:
    if not templates.is_dir():
        raise BuildError([Problem(str(templates), 0, "templates folder not found (check the `templates` setting)")])


def _raise_sorted(problems: list[Problem]) -> None:
    if problems:
        raise BuildError(sorted(set(problems), key=lambda p: (p.path, p.line, p.message)))


def _render(pages: list[Page], templates: Path, env: jinja2.Environment | None = None,
            recorder=None) -> tuple[dict[str, str], list[Problem]]:
    """Render pages in this process (with `env`, or the templates folder's; the shared objects
    behind a depends.Recorder's proxies when given): their text, and the problems met."""
    from .depends import recorded_context

    env = env or environment(templates)
    out, problems = {}, []
    for page in pages:
        if page.template is None:
            out[page.path] = page.source()
            continue
        try:
            context = page.context if recorder is None else recorded_context(page.context, recorder)
            out[page.path] = env.get_template(page.template).render(page_path=page.path, **context)
        except jinja2.TemplateSyntaxError as error:
            problems.append(Problem(f"{templates.name}/{error.name or page.template}", error.lineno, error.message or ""))
        except (jinja2.UndefinedError, jinja2.TemplateNotFound, TypeError, KeyError) as error:
            problems.append(Problem(f"{templates.name}/{page.template}", _template_line(error, page.template),
                                    f"while rendering {page.path}: {error}"))
    return out, problems


def _template_line(error: Exception, template: str) -> int:
    """The template line Jinja2 was at when it raised (from the traceback it rewrites)."""
    tb = error.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(template):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
