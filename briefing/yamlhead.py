"""A content file's head: split off the YAML front-matter, parse it safely with line numbers, check types."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .model import Origin
from .problems import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_BYTES = 2_000_000  # a content file bigger than this is a mistake, not an article
MAX_DEPTH = 40  # front-matter nests three or four levels; deeper is a mistake or an attack
# Control characters (tab and newline aside), lone surrogates and non-characters break feeds and terminals.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FrontMatter:
    """The parsed head of a content file: data, the line of every key, and the body."""

    data: dict
    lines: dict[tuple, int]
    body: str
    raw: dict[tuple, str] = field(default_factory=dict)
    """The source text of every plain scalar, so `NO` or `2024-09-07` can be read back as written."""


def read_front_matter(path: Path, display: str) -> FrontMatter:
    """Split and parse a content file; raises ValueError(Problem) for what stops reading."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(Problem(display, 0, f"file is larger than {MAX_BYTES // 1_000_000} MB"))
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(Problem(display, 0, f"not UTF-8 text ({error.reason} at byte {error.start})")) from None
    except OSError as error:
        raise ValueError(Problem(display, 0, f"cannot read the file: {error.strerror or error}")) from None
    return parse_front_matter(text, display)


def parse_front_matter(text: str, display: str) -> FrontMatter:
    """Split and parse the text of a content file; raises ValueError(Problem) for what stops reading."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise ValueError(Problem(display, 1, "a content file starts with a '---' line, then YAML front-matter"))
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if closing is None:
        raise ValueError(Problem(display, 1, "front-matter is never closed: did you forget the closing '---'?"))
    head = "\n".join(lines[1:closing])
    node, data = load_yaml(head, display)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise ValueError(Problem(display, 2, f"front-matter must be a mapping of keys (title:, actors: ...), not {kind}"))
    index: dict[tuple, int] = {}
    raw: dict[tuple, str] = {}
    index_lines(node, (), index, raw)
    body = printable("\n".join(lines[closing + 1:]).strip("\n") + "\n")
    return FrontMatter(data, index, body, raw)


def load_yaml(head: str, display: str, first_line: int = 2) -> tuple[Any, Any]:
    """Compose (for line numbers) and construct with the safe loader; `head` starts at file line `first_line`.

    libyaml's parser (about ten times faster) reads it first; whenever it fails for any reason,
    PyYAML's pure-Python parser reads it again, so bad input gets exactly its messages."""
    if FastLoader is not None:
        try:
            return _load(FastLoader, head, display, first_line)
        except Exception:  # noqa: BLE001, S110 - every failure is reported by the pure-Python reading below
            pass
    return _load(yaml.SafeLoader, head, display, first_line)


def _load(loader_class: type, head: str, display: str, first_line: int) -> tuple[Any, Any]:
    loader = loader_class(head)
    try:
        node = loader.get_single_node()
        try:
            if loader_class is not FastLoader:
                raise _Careful
            data = _quick(loader, node, set())
        except Exception:  # noqa: BLE001 - anything unusual (or wrong): the careful path decides, and words it
            _refuse_unsafe(node, display, first_line)
            data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise ValueError(_yaml_problem(error, display, first_line)) from None
    except RecursionError:  # PyYAML composes nested collections recursively
        raise ValueError(Problem(display, 1, f"YAML nests deeper than {MAX_DEPTH} levels")) from None
    except ValueError as error:  # an impossible date such as 2024-02-30
        if error.args and isinstance(error.args[0], Problem):
            raise
        raise ValueError(Problem(display, _value_line(head, error, first_line), f"YAML: {error}")) from None
    finally:
        loader.dispose()
    return node, data


class _Careful(Exception):
    """Front-matter _quick leaves to _refuse_unsafe and PyYAML's constructor."""


_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_PLAIN_SCALARS = frozenset(_TAG + t for t in ("null", "bool", "int", "float", "timestamp"))


def _quick(loader: yaml.constructor.SafeConstructor, node: yaml.Node | None, seen: set[int], depth: int = 0) -> Any:
    """The data SafeLoader constructs from a tree of plain mappings, lists and scalars, in one walk
    (PyYAML's constructor costs a fifth of reading a file); raises _Careful at anything else: a tag,
    a reused anchor, nesting deeper than MAX_DEPTH, a merge key, a key that is not a scalar."""
    kind, tag = type(node), node.tag if node is not None else None
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag not in _PLAIN_SCALARS:
            raise _Careful
        return loader.yaml_constructors[tag](loader, node)
    if node is None or id(node) in seen or depth > MAX_DEPTH:
        raise _Careful
    seen.add(id(node))
    if kind is yaml.SequenceNode and tag == _SEQ:
        return [_quick(loader, item, seen, depth + 1) for item in node.value]
    if kind is not yaml.MappingNode or tag != _MAP:
        raise _Careful
    data = {}
    for key, value in node.value:
        if type(key) is not yaml.ScalarNode:  # (a merge key `<<` is a scalar of its own tag: careful)
            raise _Careful
        data[_quick(loader, key, seen, depth + 1)] = _quick(loader, value, seen, depth + 1)
    return data


_TAGS: dict[tuple, str] = {}  # (plain scalar, implicit flags) -> tag: ids, kinds and names recur in every file


class _MemoResolver(yaml.resolver.Resolver):
    """PyYAML's resolver, remembering the tag of each scalar text (libyaml's composer asks it of every
    scalar, and tries a list of regexes each time); path resolvers are not used here."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        tag = _TAGS.get((value, implicit))
        if tag is None:
            if len(_TAGS) > 200_000:
                _TAGS.clear()
            tag = _TAGS[value, implicit] = super().resolve(kind, value, implicit)
        return tag


class _CSafeLoader(yaml.CSafeLoader, _MemoResolver):
    """yaml.CSafeLoader with the remembering resolver."""


class _LibyamlEvents(yaml.composer.Composer, yaml.constructor.SafeConstructor, _MemoResolver):
    """libyaml's parser (C: tokens and events) under PyYAML's own composer, resolver and safe
    constructor: the same nodes, tags and data as `yaml.SafeLoader`. For a libyaml that does not
    bound nesting: `yaml.CSafeLoader`'s C composer recurses on the C stack (20,000 nested '[' would
    crash the process); here nodes are composed in Python, so deep nesting is a RecursionError."""

    def __init__(self, stream: str):
        self._parser = yaml._yaml.CParser(stream)
        self.check_event, self.peek_event, self.get_event = \
            self._parser.check_event, self._parser.peek_event, self._parser.get_event
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def dispose(self) -> None:
        self._parser.dispose()


def _nesting_bounded() -> bool:
    """Whether this libyaml refuses deep nesting itself (0.2.5 and later stop at 1,000 levels, flow
    and block): its C composer then never recurses deep enough to overflow the C stack."""
    for deep in ("[" * 1100 + "]" * 1100, "? " * 1100 + "x"):
        loader = yaml.CSafeLoader(deep)
        try:
            loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            if "maximum nesting depth" not in str(error):
                return False
        else:
            return False
        finally:
            loader.dispose()
    return True


def _fast_loader() -> type | None:
    """libyaml's parser and composer (`yaml.CSafeLoader`) where its nesting is bounded, else its
    parser under PyYAML's composer; None without libyaml."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    return _CSafeLoader if _nesting_bounded() else _LibyamlEvents


FastLoader: type | None = _fast_loader()


UNCLOSED = {"while scanning a quoted scalar": "this quoted value is never closed: did you forget the closing quote?",
            "while parsing a flow sequence": "this '[' is never closed: did you forget a ']'?",
            "while parsing a flow mapping": "this '{' is never closed: did you forget a '}'?"}


def _yaml_problem(error: yaml.MarkedYAMLError, display: str, first_line: int) -> Problem:
    """PyYAML's error at the file's line; an unclosed quote or bracket is reported where it opens."""
    if error.context in UNCLOSED and error.context_mark and error.problem_mark:
        found = f" ({error.problem} on line {error.problem_mark.line + first_line})"
        mark, detail = error.context_mark, UNCLOSED[error.context] + found
    else:
        mark = error.problem_mark or error.context_mark
        detail = f"{error.problem}, {error.context}" if error.context and error.problem else error.problem or error.context
    where = f"column {mark.column + 1}: " if mark else ""
    return Problem(display, mark.line + first_line if mark else 1, f"{where}YAML: {detail}")


def _refuse_unsafe(root: yaml.Node | None, display: str, first_line: int) -> None:
    """Refuse before constructing anything: aliases (*x, a few lines expanding into millions of
    items), tags such as !!python/object (never run), and absurd nesting."""
    seen: set[int] = set()
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + first_line
        if node.tag not in yaml.SafeLoader.yaml_constructors or node.tag.endswith(":binary"):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise ValueError(Problem(display, line, f"the YAML tag {tag} is not allowed (it was not run): "
                                     "front-matter holds text, numbers, dates, lists and mappings"))
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            continue
        if id(node) in seen:
            raise ValueError(Problem(display, line, "this YAML anchor (&name) is reused by an alias (*name); "
                                     "front-matter allows none: write the value out"))
        if depth > MAX_DEPTH:
            raise ValueError(Problem(display, line, f"YAML nests deeper than {MAX_DEPTH} levels"))
        seen.add(id(node))
        children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else node.value
        stack.extend((child, depth + 1) for child in children)


def _value_line(head: str, error: Exception, first_line: int) -> int:
    """The line of the first impossible ISO date in the head (PyYAML does not say)."""
    for number, line in enumerate(head.split("\n"), first_line):
        for found in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", line):
            try:
                date(*map(int, found.groups()))
            except ValueError:
                return number
    return 1


def index_lines(node: yaml.Node | None, prefix: tuple, out: dict[tuple, int], raw: dict[tuple, str]) -> None:
    """Record the file line of every mapping key and list item, and the text of every plain scalar, by key path."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[prefix + (key.value,)] = key.start_mark.line + 2
            index_lines(value, prefix + (key.value,), out, raw)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[prefix + (i,)] = item.start_mark.line + 2
            index_lines(item, prefix + (i,), out, raw)
    elif isinstance(node, yaml.ScalarNode) and not node.style:  # plain: None from PyYAML, "" from libyaml
        raw[prefix] = node.value


class Checker:
    """Collects the problems of one file while turning its front-matter into model objects."""

    def __init__(self, display: str, fm: FrontMatter):
        self.display, self.fm, self.problems = display, fm, []

    def line(self, *key: Any) -> int:
        """The file line of a key path, or of its nearest parent that has one."""
        while key and key not in self.fm.lines:
            key = key[:-1]
        return self.fm.lines.get(key, 2)

    def error(self, key: tuple, message: str) -> None:
        """Record a problem at the line of `key`."""
        self.problems.append(Problem(self.display, self.line(*key), message))

    def text(self, value: Any, key: tuple, required: bool = False) -> str | None:
        """A text value; what YAML read as a boolean, number or date (`NO` for Norway, `2024-09-07`)
        is taken as written. None, with a problem, for a list or mapping."""
        if value is None or value == "":
            if required:
                self.error(key, f"`{key[-1]}` is required")
            return None
        if isinstance(value, (bool, int, float, date)) and key in self.fm.raw:
            return printable(self.fm.raw[key])
        if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
            self.error(key, f"`{key[-1]}` must be text, not {kind_of(value)}")
            return None
        return sys.intern(printable(str(value)))  # ids, names, kinds recur in every article: held once

    def strings(self, value: Any, key: tuple) -> tuple[str, ...]:
        """A list of names (a single name is taken as a list of one)."""
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"`{key[-1]}` must be a list of names, not {kind_of(value)}")
            return ()
        return tuple(t for i, v in enumerate(value) if (t := self.text(v, key + (i,))))

    def items(self, name: str) -> list[tuple[tuple, dict]]:
        """The mappings of a top-level list, each with its key path; other entries are problems."""
        value = self.fm.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error((name,), f"`{name}` must be a list (each item starting with '- '), not {kind_of(value)}")
            return []
        good = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                good.append(((name, i), item))
            else:
                self.error((name, i), f"each of `{name}` must be a mapping (id:, name: ...), not {kind_of(item)}")
        return good

    def slug(self, value: Any, key: tuple) -> str | None:
        """A required id that is a slug."""
        text = self.text(value, key, required=True)
        if text is not None and not SLUG.match(text):
            self.error(key, f"id {text!r} must be a slug: lowercase letters, digits and single hyphens")
            return None
        return text

    def origin(self, key: tuple, item: dict) -> Origin:
        """Where an item stands: this file, its line, and its `sentence` number if valid."""
        sentence = item.get("sentence")
        if sentence is not None and (isinstance(sentence, bool) or not isinstance(sentence, int) or sentence < 1):
            self.error(key + ("sentence",), "`sentence` must be a sentence number (1 is the first)")
            sentence = None
        return Origin(self.display, self.line(*key), sentence)


def kind_of(value: Any) -> str:
    """How a YAML value reads to a person: "a mapping", "a list", "true/false", "a str"."""
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), f"a {type(value).__name__}")


def printable(text: str) -> str:
    """The text without control characters, lone surrogates and non-characters."""
    return UNPRINTABLE.sub("", text)
