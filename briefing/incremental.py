"""What the last build read and wrote, so an unchanged rebuild stops after stat calls and a
changed one re-reads only the content files whose bytes changed and renders only the pages whose
inputs changed (depends.py says what a page's inputs are).

The record (`build.json` in a cache folder beside site/, never inside the published site)
holds the size, mtime and SHA-256 of every input (seeds, content, templates, pyproject.toml,
this package's code), the size and mtime of every file in site/, and a key of the settings
and library versions. An input whose stat matches and whose mtime was safely older than the
moment it was hashed is unchanged without being read (git's "racy" rule); any other is hashed.
This module imports nothing heavy: the unchanged path never loads Jinja2, YAML or spaCy.
"""
from __future__ import annotations

import bisect
import contextlib
import hashlib
import importlib.util
import json
import os
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO
from pathlib import Path

from . import warm

RECORD = "build.json"
ARTICLES = "articles.pickle"
BODIES = "bodies.pickle"
FORMAT = 1
RACY_NS = 1_000_000_000  # a file changed within this long of its hashing may share its mtime with the edit
LIBRARIES = ("jinja2", "markdown", "nh3", "yaml", "frontmatter", "pagefind_bin")
PACKAGE = Path(__file__).resolve().parent

Entry = list  # [size, mtime_ns, sha256 or None, clean]


def cache_folder(site: Path) -> Path:
    """Where the record and caches live: beside site/ (which every build replaces whole)."""
    return site.with_name(f".{site.name}.cache")


@dataclass
class LastBuild:
    """The record of the last successful build, and the snapshot of this one's inputs."""

    settings: object
    key: str
    record: dict = field(default_factory=dict)
    inputs: dict[str, Entry] = field(default_factory=dict)
    rendered: dict = field(default_factory=dict)  # what render_cached saw: saved with the record
    digests: dict[str, str] = field(default_factory=dict)  # SHA-256 of each page written, saved in `outputs`
    links: tuple | None = None  # the link cache, once loaded (see link_cache)
    build: str = field(default_factory=lambda: os.urandom(8).hex())  # this build, once saved: the site's

    @classmethod
    def load(cls, settings) -> "LastBuild":
        """The record left by the last successful build (empty if none, or if settings or code changed)."""
        path = cache_folder(settings.path("site")) / RECORD
        try:
            record = warm.read_through(path, RECORD, lambda: json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            record = {}
        key = settings_key(settings)
        if not isinstance(record, dict) or record.get("key") != key or not _well_formed(record):
            record = {}
        return cls(settings, key, record)

    @property
    def cache(self) -> Path:
        """The cache folder of this build's site."""
        return cache_folder(self.settings.path("site"))

    def unchanged(self) -> bool:
        """Every input and every file of site/ is as the last build left it."""
        if not self.record:
            return False
        inputs = snapshot(input_stats(self.settings), self.record["inputs"], check=True)
        if inputs is None:
            return False
        if output_stats(self.settings.path("site")) != {k: v[:2] for k, v in self.record["outputs"].items()}:
            return False
        if inputs != self.record["inputs"]:  # some were hashed again (touched, or racy): trust them from now on
            self.record["inputs"] = inputs
            self._write_record()
        return True

    def snapshot_inputs(self) -> dict[str, Entry]:
        """Stat (and hash where needed) every input now, before anything reads them."""
        self.inputs = snapshot(input_stats(self.settings), self.record.get("inputs", {}))
        return self.inputs

    def cache_key(self) -> str:
        """What cached parses are valid for: the settings key and this package's code as snapshotted."""
        code = sorted((p, e[2]) for p, e in self.inputs.items() if p.startswith(str(PACKAGE) + os.sep))
        return hashlib.sha256(json.dumps([self.key, code]).encode("utf-8")).hexdigest()

    def digest(self, path: Path) -> str | None:
        """The SHA-256 this build's snapshot took of an input file."""
        entry = self.inputs.get(str(path))
        return entry[2] if entry else None

    def save(self, counts: dict[str, int], stage=None) -> None:
        """Record this successful build: its inputs as snapshotted, its outputs as written (`counts`
        of articles and pages; the files are counted here). After a patch (`stage`, a site.Stage)
        only the files it moved in are looked at: the others are as this build found them."""
        site = self.settings.path("site")
        outputs = {k: [*v, self.digests.get(k), True] for k, v in self._outputs(site, stage).items()}
        self.record = {"format": FORMAT, "key": self.key, "build": self.build, "inputs": self.inputs,
                       "outputs": outputs, "rendered": self.rendered, **counts, "files": len(outputs)}
        self._write_record()

    def _outputs(self, site: Path, stage) -> dict[str, list[int]]:
        """output_stats(site), taken from the last record for the files a patch kept as that record has
        them. The others are looked at: those it moved in, and those it wrote again with the bytes they
        already held, whose mtime may have changed since (a copied or touched site/): recorded as last
        seen, the next build would not find them as recorded and render them again, build after build."""
        old = self.record.get("outputs", {})
        if stage is None or stage.moved is None:
            return output_stats(site)
        moved, root, stats = set(stage.moved), os.path.join(site, ""), {}
        for path in stage.paths:
            if path in stage.kept and path not in moved and path in old:
                stats[path] = old[path][:2]
            else:
                st = os.stat(root + path)
                stats[path] = [st.st_size, st.st_mtime_ns]
        return stats

    def _write_record(self) -> None:
        atomic_write(self.cache / RECORD, json.dumps(self.record, separators=(",", ":")).encode("utf-8"))
        warm.remember(self.cache / RECORD, RECORD, self.record)


def _well_formed(record: dict) -> bool:
    """A record this version wrote whole (a hand-edited or truncated one is ignored, never trusted)."""
    inputs, outputs = record.get("inputs"), record.get("outputs")
    return (all(isinstance(record.get(k), int) for k in ("articles", "pages", "files"))
            and isinstance(inputs, dict) and isinstance(outputs, dict)
            and all(isinstance(e, list) and len(e) == 4 for e in (*inputs.values(), *outputs.values())))


def settings_key(settings) -> str:
    """Everything besides input files that shapes the output: settings, Python, library versions."""
    libraries = []
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec and spec.origin and os.path.exists(spec.origin) else None
        stat = os.stat(origin) if origin else None
        libraries.append([name, origin, stat and stat.st_size, stat and stat.st_mtime_ns])
    from dataclasses import replace

    unshaping = replace(settings, processes=0)  # how many processes build it never changes the output
    return json.dumps([FORMAT, repr(unshaping), sys.version, libraries])


def input_stats(settings) -> dict[str, os.stat_result]:
    """Every file a build reads: seeds, content, templates, pyproject.toml and this package's code."""
    stats: dict[str, os.stat_result] = {}
    for name in ("seeds", "content", "templates"):
        walk(settings.path(name), stats)
    walk(PACKAGE, stats)
    pyproject = settings.root / "pyproject.toml"
    if pyproject.is_file():
        stats[str(pyproject)] = pyproject.stat()
    return stats


def output_stats(site: Path) -> dict[str, list[int]]:
    """[size, mtime_ns] of every file in site/, by path inside it."""
    stats: dict[str, os.stat_result] = {}
    walk(site, stats)
    start = len(str(site)) + 1
    return {path[start:]: [st.st_size, st.st_mtime_ns] for path, st in stats.items()}


def walk(folder: Path, stats: dict[str, os.stat_result]) -> None:
    """Add the stat of every file under `folder` (bytecode caches aside) to `stats`."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                walk(Path(entry.path), stats)
        elif entry.is_file():
            stats[entry.path] = entry.stat()


def snapshot(stats: dict[str, os.stat_result], previous: dict[str, Entry],
             check: bool = False) -> dict[str, Entry] | None:
    """Entries for `stats`, reusing the previous entry of a file whose stat matches and was clean.

    With `check` it returns None at the first file whose bytes differ from `previous`."""
    started = time.time_ns()
    entries: dict[str, Entry] = {}
    if check and set(stats) != set(previous):
        return None
    for path, st in sorted(stats.items()):
        old = previous.get(path)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns and old[3]:
            entries[path] = old
            continue
        digest = file_digest(path)
        if digest is None:
            if check:
                return None
            continue  # vanished while we looked: the next build sees it gone
        entries[path] = [st.st_size, st.st_mtime_ns, digest, st.st_mtime_ns < started - RACY_NS]
        if check and (old is None or old[2] != digest):
            return None
    return entries


def file_digest(path: str | Path) -> str | None:
    """SHA-256 of a file's bytes (None if it is gone)."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except (FileNotFoundError, IsADirectoryError):
        return None


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through, put in its place when the block ends without error (a killed or
    failed build leaves the old one, and no half-written file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as stream:
            yield stream
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Write a whole file or nothing (a killed build leaves the old one)."""
    with replacing(path) as stream:
        stream.write(data)


def atomic_pickle(path: Path, data: object, keyed: bool = False) -> None:
    """Pickle `data` into a whole file or nothing, streamed (a big cache is never one bytes object in
    memory); `keyed`: data is (key, value), pickled one after the other (see `pickle_keyed`)."""
    import pickle

    with replacing(path) as stream:
        for part in data if keyed else (data,):
            pickle.dump(part, _Stoppable(stream) if warm.holding else stream, protocol=pickle.HIGHEST_PROTOCOL)


class _Stoppable:
    """A file that a server's idle thread writes a cache to, stopping between two frames of the pickle
    when a build starts (warm.go_on): articles.pickle takes a second to write at 1,000 articles."""

    __slots__ = ("stream",)

    def __init__(self, stream):
        self.stream = stream

    def write(self, data) -> int:
        warm.go_on()
        return self.stream.write(data)


def _unpickle(path: Path):
    """A cache file's data, read as a stream (its bytes are never all in memory at once)."""
    import pickle

    with open(path, "rb") as stream:
        return pickle.load(stream)


def pickle_keyed(path: Path, key: str, data: object) -> None:
    """atomic_pickle of `key`, then of `data`: the key can be checked without reading the data.
    A process that holds its caches writes them in the background once idle (a build that starts
    meanwhile stops the writing, which goes on after it: warm.settle): a killed server leaves an
    older cache, which the next build checks and, at worst, does not use."""
    if warm.holding:
        warm.write_in_background(path, key, data, lambda: atomic_pickle(path, (key, data), keyed=True))
    else:
        atomic_pickle(path, (key, data), keyed=True)


def read_caches(last: "LastBuild", more: list[tuple[str, str]]) -> None:
    """Read the last build's caches into memory (`HELD`) as its next build will (`last` has its inputs
    snapshotted; `more`: other cache files, by name with their key). A stale or missing one is left."""
    import pickle

    for name, key in [*((n, last.cache_key()) for n in (ARTICLES, BODIES, LINKS, RESOLVED)), *more]:
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError, TypeError):
            unpickle_keyed(last.cache / name, key)


def unpickle_keyed(path: Path, key: str):
    """The data `pickle_keyed` wrote under `key`, or None when the file holds another key: a stale
    cache is never read whole (10,000 articles' parses are hundreds of MB)."""
    import pickle

    def load():
        with open(path, "rb") as stream:
            return pickle.load(stream) if pickle.load(stream) == key else None

    return warm.read_through(path, key, load)


def read_articles_cached(folder: Path, root: Path, last: LastBuild):
    """content/*.md as Articles (as content.read_articles), parsing only files whose bytes are new.

    Parsed articles are kept by (display path, SHA-256) in a pickle beside the record; an article
    is cached only if its file still has the digest the snapshot took after it was parsed."""
    import pickle

    from .content import parse_articles

    store, key = last.cache / ARTICLES, last.cache_key()
    try:
        old = unpickle_keyed(store, key) or {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError, TypeError):
        old = {}
    files = _content_files(folder, root, last)
    new = [(Path(path), display) for path, display, digest in files if not _hit(old.get(display), digest)]
    parsed = dict(zip((display for _, display in new), parse_articles(new, last.settings.processes)))
    cached, articles, problems, misses = {}, [], [], len(new)
    for path, display, digest in files:
        if display not in parsed:
            article, found = old[display][1], old[display][2]
        else:
            article, found = parsed[display]
            if article is None or digest is None or file_digest(path) != digest:
                digest = None  # changed while being read: parse it again next time
        problems.extend(found)  # an article's warnings are said at every build, as a fresh parse says them
        if article is not None:
            articles.append(article)
            if digest is not None:
                cached[display] = (digest, article, found)
    if misses or set(cached) != set(old):
        pickle_keyed(store, key, cached)
    return articles, problems


def _content_files(folder: Path, root: Path, last: LastBuild) -> list[tuple[str, str, str | None]]:
    """(path, display path, digest in the snapshot) of each content/*.md, as folder.glob("*.md") sorted
    finds them (any entry whose name ends so), made of strings: no Path made for each of a thousand files."""
    from .textutil import display_path

    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".md"))
    except (FileNotFoundError, NotADirectoryError):
        return []
    shown = display_path(folder, root)
    base, shown = os.path.join(str(folder), ""), "" if shown == "." else shown + "/"
    return [(base + name, shown + name, last.digest(base + name)) for name in names]


def _hit(kept: tuple | None, digest: str | None) -> bool:
    """Whether an article kept by the last build is the file as it is now."""
    return digest is not None and kept is not None and kept[0] == digest


LINKS = "links.pickle"


def link_cache(last: LastBuild) -> tuple[dict, dict]:
    """The links and ids of every page the last builds wrote, by the SHA-256 of its text, and where
    each link of a page pointed, by path and digest (both empty when the cache is stale or lost)."""
    import pickle

    if last.links is None:
        try:
            last.links = unpickle_keyed(last.cache / LINKS, last.cache_key()) or ({}, {})
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError):
            last.links = ({}, {})
    return last.links


def check_links_cached(digests: dict[str, str], extra: set[str], last: LastBuild):
    """linkcheck.check_links over the pages render_cached wrote (their digests by path), from the
    links and ids noted as they were written; where each link of a page points is kept too (it
    depends only on the page's path and text), so a link costs a set lookup: only one that may be
    broken is looked at by linkcheck itself."""
    import pickle

    from .linkcheck import broken_link, targets as link_targets
    from .problems import Problem

    pages, old_targets = link_cache(last)
    targets, places, seen = {}, {}, {}
    shared: dict[tuple, tuple] = {}  # one (target, fragment) per place: millions of links, thousands of places
    for path, digest in digests.items():
        if path.endswith(".html"):
            seen[digest] = pages[digest]
            place = places[path] = f"{path}\0{digest}"
            targets[place] = old_targets.get(place) or tuple(
                shared.setdefault(pair, pair) for pair in link_targets(path, seen[digest][0]))
    pickle_keyed(last.cache / LINKS, last.cache_key(), (seen, targets))
    known, parsed = set(digests) | set(extra), _ParsedPages(pages, digests, places)
    problems, checked = [], _as_checked(digests, known, last, pages, lambda path: targets[places[path]])
    for path in sorted(places):
        if path in checked:
            continue
        page = parsed[path]
        for link, line, (target, fragment) in zip(page.links, page.lines, targets[places[path]]):
            if target is not None and target in known and not (fragment and target in parsed and fragment not in parsed[target].ids):
                continue  # a link that certainly works: linkcheck would find nothing wrong with it
            if message := broken_link(path, link, known, parsed):
                problems.append(Problem(f"site/{path}", line, message))
    return problems


def _as_checked(digests: dict[str, str], known: set[str], last: LastBuild, pages: dict, targets) -> set[str]:
    """The pages the last build wrote as they are now, when their links are sure to work as they did
    then (a build whose links did not all work failed): none of their links points at a file that
    went or at an id that a page which changed lost (`targets(path)`: where a page's links point)."""
    outputs = last.record.get("outputs", {})
    gone, same, lost = set(outputs) - known, set(), set()
    for path, digest in digests.items():
        entry = outputs.get(path)
        if entry is not None and entry[2] == digest:
            same.add(path)
        elif entry is not None and path.endswith(".html"):
            before = pages.get(entry[2])
            if before is None:
                return set()
            lost.update((path, id_) for id_ in set(before[2]).difference(pages[digest][2]))
    if not gone and not lost:
        return same
    # (a link's fragment is checked against the ids of the page at its very path: broken_link)
    return {path for path in same if not path.endswith(".html") or
            (lost.isdisjoint(targets(path)) and not (gone and any(t in gone for t, _ in targets(path))))}


@dataclass(frozen=True)
class _Parsed:
    """What the link check needs of a page: its links, their lines and its ids."""

    links: tuple
    lines: object  # array("I"): a build holds every page's
    ids: _Ids


class _ParsedPages(Mapping):
    """What the link check needs of each page of the site, by path (as linkcheck.broken_link reads it),
    made when asked for: most pages are never looked at after an edit."""

    def __init__(self, pages: dict, digests: dict[str, str], places: dict[str, str]):
        self.pages, self.digests, self.places = pages, digests, places  # (`places`: the pages, by path)
        self.made: dict[str, _Parsed] = {}

    def __getitem__(self, path: str) -> _Parsed:
        made = self.made.get(path)
        if made is None:
            if path not in self.places:
                raise KeyError(path)
            links, lines, ids = self.pages[self.digests[path]]
            made = self.made[path] = _Parsed(links, lines, _Ids(ids))
        return made

    def __contains__(self, path: object) -> bool:
        return path in self.places

    def __iter__(self):
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)


class _Ids:
    """A page's ids, as the link cache keeps them (a sorted tuple: 8 bytes an id, where a frozenset
    takes about 60; a build holds every page's while it renders), looked up by bisection."""

    __slots__ = ("ids",)

    def __init__(self, ids: tuple[str, ...]):
        self.ids = ids

    def __contains__(self, id_: str) -> bool:
        at = bisect.bisect_left(self.ids, id_)
        return at < len(self.ids) and self.ids[at] == id_


@contextlib.contextmanager
def bodies_cached(last: LastBuild):
    """Within this block, article bodies rendered by an earlier build (same code, same libraries)
    are taken from `bodies.pickle` instead of rendered again; it is saved with this build's bodies
    (and the earlier ones too when the block says that only some pages were planned: `partial`)."""
    import pickle

    from . import markup

    store, key = last.cache / BODIES, last.cache_key()
    try:
        old = unpickle_keyed(store, key) or {}
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError):
        old = {}
    markup.RENDERED.update((k, _utf8(v)) for k, v in old.items())
    markup.used.clear()
    planned = _Planned()
    yield planned
    kept = {k: markup.RENDERED[k] for k in (*markup.used, *(old if planned.partial else ())) if k in markup.RENDERED}
    markup.RENDERED.clear()  # a long `serve` session keeps only the current bodies
    markup.RENDERED.update(kept)
    markup.KEYS = {k: digest for k, digest in markup.KEYS.items() if digest in kept}
    if kept.keys() != old.keys():
        pickle_keyed(store, key, kept)


def _utf8(value: str | bytes) -> bytes:
    """A body's HTML as markup.RENDERED keeps it."""
    return value.encode("utf-8", "surrogatepass") if type(value) is str else value


@dataclass
class _Planned:
    partial: bool = False  # only some pages were planned: the other articles' bodies are still shown


RESOLVED = "resolved.pickle"
DECIDING = warm.Remembered()  # what resolve_cached's key reads of an article, while a server holds its caches


def resolve_cached(articles: list, registry, last: LastBuild):
    """resolve.resolve, with its decisions taken from the last build when every article's slug and
    actors, the words each body uses as places, and the registry are what they were (a title, claim
    or body edit does not resolve a thousand articles' people again)."""
    import pickle

    from .content import PLACES, body_key
    from .names import used_as_places
    from .resolve import decide, resolve

    try:
        saved = unpickle_keyed(last.cache / RESOLVED, last.cache_key()) or {}
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, AttributeError, ImportError):
        saved = {}
    known, places, bodies = saved.get("places", {}), {}, {}
    for article in articles:  # (the places of a body parsed in a forked process were worked out there)
        body = bodies[article.slug] = body_key(article.body)
        places[article.slug] = known[body] if body in known else PLACES[body] if body in PLACES else \
            frozenset(used_as_places(article.body))
    PLACES.clear()
    digest = hashlib.blake2b(pickle.dumps(registry, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16)
    for article in articles:  # (what each article gives is its own while it is the same object: its body too)
        digest.update(DECIDING.get(article, lambda a=article: pickle.dumps(
            (a.slug, a.actors, sorted(places[a.slug])), protocol=pickle.HIGHEST_PROTOCOL)))
    decided = saved.get("decided") if saved.get("key") == digest.hexdigest() else None
    if decided is None:
        decided = decide(articles, registry, places)
        pickle_keyed(last.cache / RESOLVED, last.cache_key(), {
            "key": digest.hexdigest(), "decided": decided, "places": {bodies[a.slug]: places[a.slug] for a in articles}})
    return resolve(articles, registry, decided)
