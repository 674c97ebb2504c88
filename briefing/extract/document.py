"""The article as numbered, parsed sentences with their paragraph and quoted spans."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..sentences import numbered_sentences
from ..wirehead import lead_in

# 'Go deeper: ...', 'Read more: ...': a link to another story, whose headline claims nothing here.
LINK_LINE = re.compile(r"^(?:go deeper|read more|related|see also|more from \w+|read also|also read|watch)\s*:", re.I)
OPEN_QUOTES = "“\"«"
CLOSE_QUOTES = "”\"»"


@dataclass
class Sentence:
    """One body sentence: its number (from 1), paragraph, text, spaCy doc and quotes."""

    n: int
    paragraph: int
    text: str
    doc: object
    quotes: list[tuple[int, int]] = field(default_factory=list)  # char spans inside quote marks
    weapons: list = field(default_factory=list)  # systems.WeaponMention, filled by extract_article

    def in_quote(self, token) -> bool:
        """Whether a token lies inside quotation marks."""
        return any(start <= token.idx < end for start, end in self.quotes)

    def quoted_text(self) -> str | None:
        """The words inside this sentence's quotation marks, joined."""
        parts = [self.text[s:e].strip() for s, e in self.quotes]
        return " ".join(p for p in parts if p) or None

    def starts_in_quote(self) -> bool:
        """Whether the sentence opens inside a quotation."""
        return bool(self.quotes) and self.quotes[0][0] <= 1


def quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans inside quote marks; none when the marks are misnested. A quotation left
    open at the paragraph's end continues in the next paragraph (news style), so it runs to the end."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, ch in enumerate(paragraph):
        if ch == '"':
            ch = "“" if start is None else "”"
        if ch in "“«" and start is None:
            start = i + 1
        elif ch in "”»" and start is not None:
            spans.append((start, i))
            start = None
        elif ch in "“«" or ch in "”»":
            return []
    if start is not None:  # a quotation continued in the next paragraph runs to this one's end
        spans.append((start, len(paragraph)))
    return spans


def _sentence_quotes(spans: list[tuple[int, int]], offset: int, length: int) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        s, e = max(start, offset), min(end, offset + length)
        if s < e:
            out.append((s - offset, e - offset))
    return out


PIPE_BATCH = 128  # sentences per nlp.pipe batch: the fastest of 32-1024 measured (bench/bench_extract.py)


def parse_articles(bodies, nlp, batch_size: int = PIPE_BATCH) -> Iterator[list[Sentence]]:
    """Each body's numbered, parsed sentences (see `parse_article`), parsing the sentences of all
    bodies in one `nlp.pipe` stream: batches span articles, and parsing stays lazy, so an article
    is ready as soon as its own sentences are."""
    bodies = [tuple(paragraphs) for paragraphs in bodies]
    numbered = [numbered_sentences("\n\n".join(paragraphs)) for paragraphs in bodies]
    docs = nlp.pipe((text for sentences in numbered for _, _, text in sentences), batch_size=batch_size)
    for paragraphs, sentences in zip(bodies, numbered):
        yield _sentences(paragraphs, sentences, [next(docs) for _ in sentences])


def parse_article(paragraphs: tuple[str, ...] | list[str], nlp) -> list[Sentence]:
    """Number the body's sentences exactly as the site does, and parse each with spaCy."""
    return next(parse_articles([paragraphs], nlp))


def _sentences(paragraphs: tuple[str, ...], numbered: list[tuple[int, int, str]], docs: list) -> list[Sentence]:
    """Sentences with their quoted spans, located in their paragraph."""
    cursor: dict[int, int] = {}
    spans: dict[int, list[tuple[int, int]]] = {}
    sentences = []
    for (n, p_index, text), doc in zip(numbered, docs):
        paragraph = " ".join(paragraphs[p_index].split())
        offset = paragraph.find(text, cursor.get(p_index, 0))
        if p_index not in spans:
            spans[p_index] = quote_spans(paragraph)
        quotes = _sentence_quotes(spans[p_index], offset, len(text)) if offset >= 0 else []
        cursor[p_index] = max(offset, 0) + len(text)
        sentences.append(Sentence(n, p_index, text, doc, quotes))
    return sentences


def clean_text(text: str) -> str:
    """Tidy an extracted span: collapse spaces, trim punctuation and stray quote marks."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:that|and|but|,)\s+", "", text, flags=re.I)
    text = text.strip(" ,;:—–-" + OPEN_QUOTES + CLOSE_QUOTES)
    return balanced_quotes(text.rstrip(".,; ").strip())


def balanced_quotes(text: str) -> str:
    """Every quotation mark of a span paired: 'the escalation "became intolerable' (its closing mark
    trimmed, or outside the span) gets it back, and a span that starts inside a quotation gets its
    opening mark, so a page never shows a quotation that does not end."""
    opened: list[str] = []
    missing_open = ""
    for at, ch in enumerate(text):
        straight_opens = ch == '"' and (at == 0 or text[at - 1].isspace() or text[at - 1] in "([—–-")
        if ch == "“" or straight_opens:
            opened.append(ch)
        elif ch in '”"':
            if opened:
                opened.pop()
            elif not missing_open:
                missing_open = "“" if ch == "”" else '"'
    closers = "".join("”" if mark == "“" else '"' for mark in reversed(opened))
    return f"{missing_open}{text}{closers}"


def wire_dateline(sent: Sentence) -> int:
    """Where the text after a wire dateline ('ISTANBUL, March 12 (Reuters) - ') starts; 0 if none.
    The dateline dates the story and names no actor; in a round-up each story opens with its own
    ('KHARTOUM, Nov. 8 (Xinhua) -- '), so after the first sentence only one naming its agency counts."""
    found = lead_in(sent.text)
    return found.end if found and (sent.n == 1 or found.agency) else 0


# 'Sources', 'References', 'External links': a list of cited stories ends a Wikinews-style article.
REFERENCE_HEADING = re.compile(r"^(?:sources?|references|external links|related news|see also)\s*:?$", re.I)
# 'By Tom Edgington, Business reporter, BBC News': a byline the header did not take.
BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s+and\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})?"
                    r"(?:,\s*[^,]{2,60}){0,3}$")


def article_sentences(sentences: list[Sentence]) -> tuple[list[Sentence], set[str]]:
    """The sentences that are the article's own text, and the names of a byline left in the body.

    A reference list after a 'Sources' heading cites other stories (its titles claim nothing here,
    its dates date nothing); a byline names the reporters, who are not actors."""
    heading = next((s.paragraph for s in sentences if s.n > 1 and REFERENCE_HEADING.match(s.text.strip())), None)
    kept = [s for s in sentences if heading is None or s.paragraph < heading]
    bylines = [s for s in kept[:3] if BYLINE.match(s.text.strip()) and len(s.text.split()) <= 16]
    names = {e.text for s in bylines for e in s.doc.ents if e.label_ == "PERSON"}
    names |= {m.group(0) for s in bylines if (m := re.match(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}", s.text[3:]))}
    return [s for s in kept if s not in bylines], names
