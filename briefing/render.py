"""Render pages with Jinja2 (autoescape, StrictUndefined); every link is made relative by `url()`."""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import posixpath
import threading
from pathlib import Path

import jinja2

from .pages import Page
from .problems import BuildError, Problem, leads_outside
from .textutil import slugify

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
        auto_reload=True,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(),  # compiled templates, keyed by their source; a private temp folder
    )
    env.globals["url"] = url
    env.filters["slug"] = slugify
    env.filters["upfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["plural"] = lambda n, word, many=None: f"{n} {word if n == 1 else many or word + 's'}"
    return env


@jinja2.pass_context
def url(context: jinja2.runtime.Context, target: str) -> str:
    """A link from the page being rendered to `target` (a site path), relative so it works anywhere."""
    return relative_url(context["page_path"], target)


def relative_url(page_path: str, target: str) -> str:
    """`target` ("actors/iran/index.html#c1") as seen from the folder of `page_path`."""
    path, hash_, fragment = target.partition("#")
    if path.endswith("/") or path == "":
        path += "index.html"
    return _relative_path(path, posixpath.dirname(page_path)) + (hash_ + fragment if fragment else "")


@functools.lru_cache(maxsize=65536)
def _relative_path(path: str, start: str) -> str:
    """posixpath.relpath(path, start or "."), by splitting strings when both are plain site paths
    (no ".", ".." or empty segments, not absolute); posixpath decides anything else."""
    parts, base = path.split("/"), start.split("/") if start else []
    if any(p in ("", ".", "..") for p in (*parts, *base)):
        return posixpath.relpath(path, start or ".")
    common = 0
    while common < min(len(parts), len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


PAGES_PER_WORKER = 300  # below this a forked worker costs more than it saves


def render_all(pages: list[Page], templates: Path, workers: int | None = None) -> dict[str, str]:
    """Render every page (over several cores when there are many); raise BuildError listing every template that failed."""
    if not templates.is_dir():
        raise BuildError([Problem(str(templates), 0, "templates folder not found (check the `templates` setting)")])
    workers = workers or _useful_workers(len(pages))
    out, problems = _render_forked(pages, templates, workers) if workers > 1 else _render(pages, templates)
    if problems:
        raise BuildError(sorted(set(problems), key=lambda p: (p.path, p.line, p.message)))
    return out


def _useful_workers(pages: int) -> int:
    """One process per core, when each gets enough pages and forking is safe (no other threads)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                      pages // PAGES_PER_WORKER))


def _render_forked(pages: list[Page], templates: Path, workers: int) -> tuple[dict[str, str], list[Problem]]:
    """Render slices of `pages` in forked children (which inherit the pages: nothing is pickled in)
    and this process; a child that fails for any reason has its slice rendered here instead."""
    slices = [pages[i::workers] for i in range(workers)]  # interleaved: big and small pages spread evenly
    children = []
    for part in slices[1:]:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: render, send the result, leave without running the parent's cleanup
            os.close(read)
            code = 1
            try:
                with os.fdopen(write, "wb") as stream:
                    pickle.dump(_render(part, templates), stream, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        children.append((pid, read, part))
    out, problems = _render(slices[0], templates)
    for pid, read, part in children:
        with os.fdopen(read, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
        try:
            more, found = pickle.loads(data) if os.waitstatus_to_exitcode(status) == 0 else _render(part, templates)
        except (pickle.UnpicklingError, EOFError):
            more, found = _render(part, templates)
        out.update(more)
        problems.extend(found)
    return {p.path: out[p.path] for p in pages if p.path in out}, problems


def _render(pages: list[Page], templates: Path) -> tuple[dict[str, str], list[Problem]]:
    """Render pages in this process: their text, and the problems met."""
    env = environment(templates)
    out, problems = {}, []
    for page in pages:
        if page.template is None:
            out[page.path] = page.source()
            continue
        try:
            out[page.path] = env.get_template(page.template).render(page_path=page.path, **page.context)
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
