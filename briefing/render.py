"""Render pages with Jinja2 (autoescape, StrictUndefined); every link is made relative by `url()`."""
from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2

from .pages import Page
from .problems import BuildError, Problem
from .textutil import slugify


def environment(templates: Path) -> jinja2.Environment:
    """The Jinja2 environment: strict about missing variables, escaping everything."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
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
    start = posixpath.dirname(page_path) or "."
    relative = posixpath.relpath(path, start)
    return relative + (hash_ + fragment if fragment else "")


def render_all(pages: list[Page], templates: Path) -> dict[str, str]:
    """Render every page; raise BuildError listing every template that failed."""
    if not templates.is_dir():
        raise BuildError([Problem(str(templates), 0, "templates folder not found (check the `templates` setting)")])
    env = environment(templates)
    out, problems = {}, []
    for page in pages:
        if page.template is None:
            out[page.path] = page.text or ""
            continue
        try:
            out[page.path] = env.get_template(page.template).render(page_path=page.path, **page.context)
        except jinja2.TemplateSyntaxError as error:
            problems.append(Problem(f"{templates.name}/{error.name or page.template}", error.lineno, error.message or ""))
        except (jinja2.UndefinedError, jinja2.TemplateNotFound, TypeError, KeyError) as error:
            problems.append(Problem(f"{templates.name}/{page.template}", _template_line(error, page.template),
                                    f"while rendering {page.path}: {error}"))
    if problems:
        raise BuildError(sorted(set(problems), key=lambda p: (p.path, p.line, p.message)))
    return out


def _template_line(error: Exception, template: str) -> int:
    """The template line Jinja2 was at when it raised (from the traceback it rewrites)."""
    tb = error.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(template):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
