"""Article bodies to safe HTML, with every sentence anchored and every fact highlighted."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import escape, unescape

import markdown
import nh3

from . import warm
from .sentences import paragraphs, split_sentences

MAX_BODY_CHARS = 200_000  # Python-Markdown slows quadratically on pathological input
MAX_PARAGRAPH_CHARS = 10_000  # no news paragraph is longer; a longer one is shown as plain text
MAX_MARKS = 64  # up to this many '[' or '<' in a paragraph, Python-Markdown's quadratic scans are harmless
MARKDOWN_ESCAPE = re.compile(r"\\([^\w\s])")
MAX_LINK_NESTING = 3  # [![image](src)](link) nests two deep; deeper brackets are text
_BLOCK_START = re.compile(r"^(?:#{1,6}\s|>|[-*+]\s|\d+[.)]\s|\||```|~~~|    |<)")
# What the sentence and fact spans of _wrap look like, and what Markdown reads in a paragraph besides them.
_OUR_SPANS = re.compile(r'<span class="[^"<>]*" id="[^"<>]*"(?: title="[^"<>]*")?>|</span>')
_MARKDOWN_MARKS = re.compile("[\\\\`*_\\[\\]&<>\n\t\r\x02\x03]")
ALLOWED_TAGS = {"p", "a", "em", "strong", "b", "i", "span", "mark", "blockquote", "ul", "ol", "li",
                "h2", "h3", "h4", "h5", "h6", "br", "hr", "code", "pre", "q", "cite", "sub", "sup",
                "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "abbr", "del", "ins"}
ALLOWED_ATTRIBUTES = {"span": {"id", "class", "title"}, "a": {"href", "title"}, "abbr": {"title"},
                      "th": {"scope"}, "td": set(), "p": {"id"}}


# Rendered bodies by a digest of (body, facts): kept for the process (`serve` rebuilds) and, through
# incremental.bodies_cached, between builds. `used` records this build's digests, so a saved cache
# holds only what the latest build rendered.
# Kept as UTF-8 bytes (see Html).
RENDERED: dict[str, bytes] = {}
used: set[str] = set()
KEYS: dict[tuple, str] = {}  # (body, marks) -> its digest, while a server holds its caches (bodies_cached prunes it)


@dataclass(frozen=True, slots=True)
class Html:
    """A rendered body as its page's context holds it: UTF-8 bytes, the text made when the page renders
    (`{{ body|safe }}` asks for __html__). A str holding one curly quote takes two bytes a character,
    and a build holds every article's body from planning to the end of rendering (150 MB at 10,000)."""

    data: bytes

    def __html__(self) -> str:
        return self.data.decode("utf-8", "surrogatepass")

    __str__ = __html__


def body_html(body: str, facts: dict[int, list[tuple[str, str, str]]]) -> str:
    """Render a Markdown body; `facts` maps sentence number -> [(fact id, kind, label)]."""
    return str(rendered_body(body, facts))


def rendered_body(body: str, facts: dict[int, list[tuple[str, str, str]]]) -> Html:
    """body_html() as an article page's context holds it (rendered once, kept in RENDERED)."""
    marks = tuple((n, tuple(labels)) for n, labels in sorted(facts.items()))
    # (an unchanged article's body is the same string in a server's next build, its hash kept with it)
    key = warm.kept(KEYS, (body, marks), lambda: _body_key(body, facts))
    used.add(key)
    if key not in RENDERED:
        RENDERED[key] = _body_html(body, facts).encode("utf-8", "surrogatepass")
    return Html(RENDERED[key])


def _body_key(body: str, facts: dict) -> str:
    return hashlib.sha256(repr((body, sorted(facts.items()))).encode("utf-8", "surrogatepass")).hexdigest()


def anchored_sentences(body: str) -> set[int]:
    """The numbers of the sentences the article page anchors, rendered by the page's own code:
    a fact on any other sentence would link to nothing."""
    return {int(n) for n in re.findall(r'<span class="s" id="s(\d+)">', _body_html(body, {}))}


def marked_sentences(body: str) -> tuple[set[int], int]:
    """The numbers of the sentences the article page marks (those of plain paragraphs), and how
    many sentences the body has, counted as extraction counts them; without rendering the page."""
    marked, total = set(), 0
    for _, plain, sentences in _numbered(body[:MAX_BODY_CHARS]):
        total += len(sentences)
        if plain:
            marked.update(number for number, _ in sentences)
    return marked, total


def _body_html(body: str, facts: dict[int, list[tuple[str, str, str]]]) -> str:
    source = "\n\n".join(_anchor_paragraphs(body[:MAX_BODY_CHARS], facts))
    try:
        html = _plain_paragraphs(source) or markdown.markdown(source, output_format="html")
    except RecursionError:  # hundreds of nested lists: show the text as plain paragraphs instead
        html = "\n".join(f"<p>{paragraph}</p>" for paragraph in source.split("\n\n"))
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def _plain_paragraphs(source: str) -> str | None:
    """What Python-Markdown makes of `source` when each paragraph is one line of our spans around
    text it leaves as it is (no backslash, backtick, emphasis, bracket, entity, tag, tab or line
    break): each paragraph in <p>, 40 times faster. None for any other source."""
    blocks = source.split("\n\n")
    if not all(b.startswith("<span ") and not _MARKDOWN_MARKS.search(_OUR_SPANS.sub("", b)) for b in blocks):
        return None
    if any(mark in source for mark in "\\`["):  # read before tags are set aside: never inside ours either
        return None
    return "\n".join(f"<p>{b}</p>" for b in blocks)


def _anchor_paragraphs(body: str, facts: dict[int, list[tuple[str, str, str]]]):
    """Wrap each sentence of each plain paragraph; count sentences the way extraction did."""
    for paragraph, plain, sentences in _numbered(body):
        yield " ".join(_wrap(number, sentence, facts.get(number, [])) for number, sentence in sentences) if plain else paragraph


def _numbered(body: str):
    """Each paragraph (defused), whether it is plain (not a heading, list, quotation, table, code or
    HTML: the page marks its sentences), and its sentences, numbered on from the last paragraph's."""
    number = 0
    for paragraph in map(defuse, paragraphs(body)):
        sentences = split_sentences(paragraph)
        yield paragraph, not _BLOCK_START.match(paragraph), list(enumerate(sentences, number + 1))
        number += len(sentences)


def defuse(paragraph: str) -> str:
    """A paragraph Python-Markdown renders in linear time. Its inline patterns cost (marks x length)
    per paragraph (16 KB of '[' took a minute, issue #798): a huge paragraph, or one with many '<' or
    many '[' and '(' that cannot open a link (unclosed, or nested deeper than links go), is shown
    as plain text; a few such brackets are escaped."""
    if (len(paragraph) > MAX_PARAGRAPH_CHARS or paragraph.count("<") > MAX_MARKS
            or sum(map(paragraph.count, "*_`&\\!")) > 4 * MAX_MARKS):
        return _plain(paragraph)
    if paragraph.count("[") <= MAX_MARKS:
        return paragraph
    escape_at = set(_unmatched(paragraph, "[", "]", MAX_LINK_NESTING)) | set(_unmatched(paragraph, "(", ")", None))
    if len(escape_at) > MAX_MARKS:
        return _plain(paragraph)
    return "".join("\\" + char if i in escape_at else char for i, char in enumerate(paragraph))


def _plain(paragraph: str) -> str:
    """The paragraph as a raw HTML block, which Markdown passes through without looking inside
    (backslash escapes and entities read the way Markdown would have read them)."""
    text = unescape(MARKDOWN_ESCAPE.sub(r"\1", paragraph))
    return f"<p>{escape(text, quote=False)}</p>"


def _unmatched(text: str, opening: str, closing: str, max_depth: int | None) -> list[int]:
    """Positions of `opening` characters with no partner, or nested deeper than `max_depth`, and their partners."""
    stack: list[int] = []
    found: list[int] = []
    escaped = False
    for i, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == opening:
            stack.append(i)
        elif char == closing and stack:
            start = stack.pop()
            if max_depth is not None and len(stack) >= max_depth:
                found += [start, i]
    return found + stack


def _wrap(number: int, sentence: str, facts: list[tuple[str, str, str]]) -> str:
    html = f'<span class="s" id="s{number}">{sentence}</span>'
    for fact_id, kind, label in reversed(facts):
        html = f'<span class="fact {kind}" id="{fact_id}" title="{escape(label)}">{html}</span>'
    return html
