"""A claim or denial with the tokens it covers, and the span helpers every cue rule shares."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Sentence, clean_text


@dataclass
class Item:
    """A claim or denial found in one sentence, with the tokens it covers."""

    kind: str
    speaker: str
    cue: str
    text: str
    quote: str | None
    sentence: int
    cue_i: int
    content: set[int] = field(default_factory=set)
    rebuts: str | None = None
    paragraph: int = -1
    rule: str = ""  # the rule that found it (kebab-case), recorded in the front-matter as provenance


def span_text(doc, indices: set[int]) -> str:
    """The words at `indices` in order, with one space wherever a word was skipped."""
    text, last = "", None
    for i in sorted(indices):
        if last is not None and i != last + 1 and not text.endswith(" "):
            text += " "
        text += doc[i].text_with_ws
        last = i
    text = re.sub(r"\s*,(\s*,)+", ",", text)
    return clean_text(text)


def quote_of(sent: Sentence, content: set[int]) -> str | None:
    """The exact quoted words inside the content, if any."""
    chars = {sent.doc[i].idx for i in content}
    parts = [sent.text[s:e].strip() for s, e in sent.quotes if any(s <= c < e for c in chars)]
    parts = [p.rstrip(",") for p in parts if p]
    return " ".join(parts) or None
