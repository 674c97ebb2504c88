"""Article bodies to safe HTML, with every sentence anchored and every fact highlighted."""
from __future__ import annotations

import re
from html import escape

import markdown
import nh3

from .sentences import paragraphs, split_sentences

MAX_BODY_CHARS = 200_000  # Python-Markdown slows quadratically on pathological input
_BLOCK_START = re.compile(r"^(?:#{1,6}\s|>|[-*+]\s|\d+[.)]\s|\||```|~~~|    |<)")
ALLOWED_TAGS = {"p", "a", "em", "strong", "b", "i", "span", "mark", "blockquote", "ul", "ol", "li",
                "h2", "h3", "h4", "h5", "h6", "br", "hr", "code", "pre", "q", "cite", "sub", "sup",
                "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "abbr", "del", "ins"}
ALLOWED_ATTRIBUTES = {"span": {"id", "class", "title"}, "a": {"href", "title"}, "abbr": {"title"},
                      "th": {"scope"}, "td": set(), "p": {"id"}}


def body_html(body: str, facts: dict[int, list[tuple[str, str, str]]]) -> str:
    """Render a Markdown body; `facts` maps sentence number -> [(fact id, kind, label)]."""
    source = "\n\n".join(_anchor_paragraphs(body[:MAX_BODY_CHARS], facts))
    html = markdown.markdown(source, output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def _anchor_paragraphs(body: str, facts: dict[int, list[tuple[str, str, str]]]):
    """Wrap each sentence of each plain paragraph; count sentences the way extraction did."""
    number = 0
    for paragraph in paragraphs(body):
        sentences = split_sentences(paragraph)
        if _BLOCK_START.match(paragraph):
            number += len(sentences)
            yield paragraph
            continue
        wrapped = []
        for sentence in sentences:
            number += 1
            wrapped.append(_wrap(number, sentence, facts.get(number, [])))
        yield " ".join(wrapped)


def _wrap(number: int, sentence: str, facts: list[tuple[str, str, str]]) -> str:
    html = f'<span class="s" id="s{number}">{sentence}</span>'
    for fact_id, kind, label in reversed(facts):
        html = f'<span class="fact {kind}" id="{fact_id}" title="{escape(label)}">{html}</span>'
    return html
