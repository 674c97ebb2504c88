"""The article as numbered, parsed sentences with their paragraph and quoted spans."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..sentences import numbered_sentences

# 'ISTANBUL, March 12 (Reuters) -': the wire dateline dates the story and names no actor.
WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'/-]+(?:,\s*[A-Z][\w .]*)?,\s+\w+\.? \d{1,2}\s*\([^)]{2,30}\)\s*[-—–]+\s*")
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


def _sentence_quotes(paragraph: str, offset: int, length: int) -> list[tuple[int, int]]:
    out = []
    for start, end in quote_spans(paragraph):
        s, e = max(start, offset), min(end, offset + length)
        if s < e:
            out.append((s - offset, e - offset))
    return out


def parse_article(paragraphs: tuple[str, ...] | list[str], nlp) -> list[Sentence]:
    """Number the body's sentences exactly as the site does, and parse each with spaCy."""
    numbered = numbered_sentences("\n\n".join(paragraphs))
    texts = [text for _, _, text in numbered]
    docs = list(nlp.pipe(texts))
    cursor: dict[int, int] = {}
    sentences = []
    for (n, p_index, text), doc in zip(numbered, docs):
        paragraph = " ".join(paragraphs[p_index].split())
        offset = paragraph.find(text, cursor.get(p_index, 0))
        quotes = _sentence_quotes(paragraph, offset, len(text)) if offset >= 0 else []
        cursor[p_index] = max(offset, 0) + len(text)
        sentences.append(Sentence(n, p_index, text, doc, quotes))
    return sentences


def clean_text(text: str) -> str:
    """Tidy an extracted span: collapse spaces, trim punctuation and stray quote marks."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:that|and|but|,)\s+", "", text, flags=re.I)
    text = text.strip(" ,;:—–-" + OPEN_QUOTES + CLOSE_QUOTES)
    return text.rstrip(".,; ").strip()


def wire_dateline(sent: Sentence) -> int:
    """Where the text after a wire dateline ('ISTANBUL, March 12 (Reuters) - ') starts; 0 if none."""
    found = WIRE_DATELINE.match(sent.text) if sent.n == 1 else None
    return found.end() if found else 0
