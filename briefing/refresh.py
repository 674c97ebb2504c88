"""Bring content/ up to date with seeds/: extract new or changed seeds, never overwrite curation.

content/.extracted.json records, per seed, the hash of the seed and of the content file
as extraction wrote it. A seed whose hash is unchanged is skipped (spaCy is not even
imported); a content file whose hash differs from the record was edited by a person and
is kept: the new extraction goes beside it as `<slug>.md.new` for them to merge.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Callable, Iterator

import frontmatter

from .config import Settings
from .yamlhead import read_front_matter
from .ingest import RawArticle, SeedError, read_seed
from .model import Outcome
from .problems import Problem
from .progress import Step, plural
from .registry import read_registry
from .textutil import display_path, slugify
from .vet import vetted

MANIFEST = ".extracted.json"
SEED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".pdf")


def seed_files(folder: Path) -> list[Path]:
    """The seeds, in a stable order; hidden files and editor leftovers are not seeds."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in SEED_SUFFIXES and not p.name.startswith("."))


def refresh(settings: Settings, force: bool = False, only: list[Path] | None = None,
            progress: Callable[[str], None] = print) -> Outcome:
    """Extract every seed that is new or changed (or all with `force`) into content/."""
    content = settings.path("content")
    manifest = _load_manifest(content)
    seeds = only if only is not None else seed_files(settings.path("seeds"))
    changed = [s for s in seeds if force or not _recorded_unchanged(s, settings.root, manifest)]
    if not changed:  # the common build: no content file needs reading here
        return Outcome()
    existing = _content_by_seed(content, settings.root)
    todo = [s for s in changed if force or _needs_extraction(s, settings.root, manifest, existing)]
    if not todo:
        return Outcome()
    registry, problems = read_registry(content, settings.root)
    raws = _read_seeds(todo, settings.root, settings.max_seed_bytes, problems)
    if not raws:  # nothing readable: no reason to load spaCy
        return Outcome(problems=tuple(problems))
    from .extract import load_nlp  # spaCy loads only when there is work

    known_actors, known_weapons = registry.as_known()
    progress(f"loading spaCy model {settings.spacy_model} to extract {plural(len(raws), 'seed')}")
    try:
        nlp = load_nlp(settings.spacy_model, known_actors, known_weapons)
    except OSError:  # spaCy's way of saying the model package is not installed
        return Outcome(problems=(Problem("pyproject.toml", 0, f"spaCy model {settings.spacy_model!r} is not "
                                         "installed: set [tool.briefing] spacy_model or pip install it"),))
    written, kept = [], []
    for seed, text in _extractions(todo, raws, nlp, (known_actors, known_weapons), settings, progress, problems):
        raw = raws[seed]
        target = existing.get(raw.seed) or _new_path(content, raw, existing)
        existing[raw.seed] = target
        (written if _write_unless_curated(target, text, raw, manifest, settings.root) else kept).append(
            display_path(target, settings.root))
    _save_manifest(content, manifest)
    return Outcome(tuple(written), tuple(kept), tuple(problems))


SEEDS_PER_PROCESS = 4  # below this a forked process costs more than it saves
SEEDS_PER_TASK = 4  # sent to a process at a time: small enough to spread evenly and report often


def _extractions(todo: list[Path], raws: dict[Path, RawArticle], nlp, known: tuple, settings: Settings,
                 progress: Callable[[str], None], problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """(seed, content file text) of every readable seed, in `todo`'s order, over the `processes`
    the setting allows; a seed whose extraction failed is a problem instead."""
    from .workers import chunked, forked_map, useful_processes

    readable = [seed for seed in todo if seed in raws]
    processes = useful_processes(settings.processes, len(readable), SEEDS_PER_PROCESS)
    if processes == 1:  # one lazy nlp.pipe stream; each seed reported as it starts
        results = _in_this_process([raws[seed] for seed in readable], nlp, known, readable, settings.root, progress)
    else:  # each process parses and extracts a few seeds at a time; reported as they finish
        work = functools.partial(_extract_some, [raws[seed] for seed in readable], nlp, known)
        results = _in_order(forked_map(work, chunked(range(len(readable)), SEEDS_PER_TASK), processes),
                            readable, settings.root, progress)
    for seed, (text, dropped, error) in zip(readable, results, strict=True):  # strict: runs `results` to its end
        problems.extend(dropped)  # what the reader would refuse is never written: the other articles still build
        if error is not None:  # a bug on one odd article must not stop the others
            problems.append(Problem(display_path(seed, settings.root), 0,
                                    f"extraction failed ({error}); please report this seed"))
        elif text is not None:
            yield seed, text


def _extract_one(raw: RawArticle, nlp, known: tuple, sentences: list) -> tuple[str | None, list, str | None]:
    """(content file text or None, the items dropped as invalid, None), or (None, [], what went wrong)."""
    from .extract import extract_article

    try:
        extraction = extract_article(raw, nlp, *known, sentences)
        text, dropped = vetted(extraction, lambda e: format_content(raw, e), raw.seed)
        return text, list(dropped), None
    except Exception as error:
        return None, [], f"{type(error).__name__}: {error}"


def _in_this_process(raws: list[RawArticle], nlp, known: tuple, seeds: list[Path], root: Path,
                     progress: Callable[[str], None]) -> Iterator[tuple]:
    """Each result in turn, its seed reported as it starts ("[n/N] extracting <seed>")."""
    from .extract import parse_articles

    parsed = parse_articles([raw.paragraphs for raw in raws], nlp)
    for number, (raw, seed) in enumerate(zip(raws, seeds), 1):
        progress(Step(number, len(seeds), display_path(seed, root)))
        yield _extract_one(raw, nlp, known, next(parsed))


def _extract_some(raws: list[RawArticle], nlp, known: tuple, indices: range) -> list[tuple[int, tuple]]:
    """In a worker: extract raws[i] for each index, parsing their sentences in one stream."""
    from .extract import parse_articles

    parsed = parse_articles([raws[i].paragraphs for i in indices], nlp)
    return [(i, _extract_one(raws[i], nlp, known, next(parsed))) for i in indices]


def _in_order(finished: Iterator[list], seeds: list[Path], root: Path,
              progress: Callable[[str], None]) -> Iterator[tuple]:
    """Results as the workers finish them, reported then ("[n/N] extracted <seed>"), given back in
    the seeds' order (a new content file's name depends on the files written before it)."""
    waiting: dict[int, tuple] = {}
    count = given = 0
    for batch in finished:
        for index, result in batch:
            count += 1
            progress(Step(count, len(seeds), display_path(seeds[index], root), "extracted", over=True))
            waiting[index] = result
        while given in waiting:
            yield waiting.pop(given)
            given += 1


def _read_seeds(seeds: list[Path], root: Path, max_bytes: int, problems: list[Problem]) -> dict[Path, RawArticle]:
    """The seeds that can be read, by path; each one that cannot is a warning (the others still build)."""
    raws = {}
    for seed in seeds:
        try:
            raws[seed] = read_seed(seed, root, max_bytes)
        except (SeedError, OSError) as error:
            problems.append(Problem(display_path(seed, root), 0, str(error).split("error: ")[-1], "warning"))
    return raws


def _recorded_unchanged(seed: Path, root: Path, manifest: dict) -> bool:
    """The manifest holds this seed's current hash and the content file it was written to still exists."""
    record = manifest.get(display_path(seed, root), {})
    return (record.get("seed_sha256") == _sha256(seed.read_bytes())
            and (root / str(record.get("content", ""))).is_file())


def _needs_extraction(seed: Path, root: Path, manifest: dict, existing: dict[str, Path]) -> bool:
    key = display_path(seed, root)
    if key not in existing:
        return True
    record = manifest.get(key)
    return record is not None and record.get("seed_sha256") != _sha256(seed.read_bytes())


def _content_by_seed(content: Path, root: Path) -> dict[str, Path]:
    """Which content file holds which seed, read from each file's `source.seed`."""
    found: dict[str, Path] = {}
    for path in sorted(content.glob("*.md")):
        try:
            source = read_front_matter(path, display_path(path, root)).data.get("source")
        except (ValueError, OSError):
            continue
        if isinstance(source, dict) and isinstance(source.get("seed"), str):
            found[source["seed"]] = path
    return found


def _new_path(content: Path, raw: RawArticle, existing: dict[str, Path]) -> Path:
    base = slugify(raw.title, 60)
    taken = {p.stem for p in existing.values()} | {p.stem for p in content.glob("*.md")}
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return content / f"{slug}.md"


def _write_unless_curated(target: Path, text: str, raw: RawArticle, manifest: dict, root: Path) -> bool:
    """Write the extraction; if a person edited the file since, write it beside instead."""
    record = manifest.get(raw.seed, {})
    if target.exists() and _sha256(target.read_bytes()) != record.get("content_sha256"):
        _atomic_write(target.with_name(target.name + ".new"), text)
        manifest[raw.seed] = {**record, "content": display_path(target, root), "seed_sha256": raw.sha256}
        return False
    _atomic_write(target, text)
    manifest[raw.seed] = {"content": display_path(target, root), "seed_sha256": raw.sha256,
                          "content_sha256": _sha256(text.encode("utf-8"))}
    return True


def format_content(raw: RawArticle, extraction: dict) -> str:
    """A content file: the contract's front-matter, then the article as Markdown."""
    meta = {
        "title": raw.title,
        **({"title_derived": True} if raw.title_derived else {}),
        **({"summary": raw.summary} if raw.summary else {}),
        "published": raw.published,
        "source": {"seed": raw.seed, "outlet": raw.outlet, "url": raw.url, "authors": list(raw.authors),
                   "dateline": raw.dateline, "contributors": list(raw.contributors)},
        **{key: extraction.get(key, []) for key in ("actors", "weapons", "claims", "denials", "events")},
    }
    post = frontmatter.Post("\n\n".join(_markdown_paragraph(p) for p in raw.paragraphs), **meta)
    return frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=100) + "\n"


def _markdown_paragraph(paragraph: str) -> str:
    """A paragraph as Markdown; a short line without final punctuation is a subheading."""
    text = escape_markdown(paragraph)
    words = paragraph.split()
    if len(words) <= 12 and paragraph[-1:].isalnum() and paragraph[:1].isupper():
        return f"## {text}"
    return text


def escape_markdown(paragraph: str) -> str:
    """Plain text that Markdown renders as itself: no stray emphasis, lists or headings."""
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", paragraph).replace("<", "&lt;")
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
    return re.sub(r"^([#>+-])", r"\\\1", text)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _load_manifest(content: Path) -> dict:
    path = content / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_manifest(content: Path, manifest: dict) -> None:
    _atomic_write(content / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
