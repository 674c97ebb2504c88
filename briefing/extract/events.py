"""Dated events: one per date expression, with the clause or noun phrase it dates."""
from __future__ import annotations

from .registry import Registry
from .dates import find_dates
from .document import Sentence, clean_text

NOUN_DATE_DEPS = frozenset(("compound", "nummod", "amod", "npadvmod", "nmod"))
CLIMB_DEPS = frozenset(("advcl", "xcomp", "conj", "pcomp"))


def find_events(sentences: list[Sentence], published, reg: Registry) -> list[dict]:
    """Events of the article in sentence order, each with its EDTF date and actors."""
    events: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for sent in sentences:
        for mention in find_dates(sent.doc, published):
            tokens = _event_tokens(sent.doc, mention.start)
            if not tokens:
                continue
            key = (mention.edtf, _anchor_lemma(sent.doc, mention.start))
            if key in seen:
                continue
            seen.add(key)
            text = clean_text("".join(t.text_with_ws for t in tokens))
            actors = list(dict.fromkeys(a for t in tokens if (a := reg.actor_at(sent.n, t))))
            events.append({"id": f"e{len(events) + 1}", "date": mention.edtf, "when": mention.when,
                           "text": text, "actors": actors, "sentence": sent.n})
    return events


def _token_at(doc, char: int):
    return next((t for t in doc if t.idx <= char < t.idx + max(len(t.text), 1)), None)


def _event_tokens(doc, char: int) -> list:
    """The noun phrase a date modifies ('a September trip by X'), else its verb's clause."""
    tok = _token_at(doc, char)
    if tok is None:
        return []
    if tok.dep_ in NOUN_DATE_DEPS and tok.head.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        return [t for t in head.subtree] if len(list(head.subtree)) > 3 else list(doc)
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ in CLIMB_DEPS and not _has_subject(verb) and verb.head.i != verb.i:
        verb = verb.head
    return list(verb.subtree)


def _has_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _anchor_lemma(doc, char: int) -> str:
    """What a date modifies: the same year on the same noun ('the 2015 deal') is one event."""
    tok = _token_at(doc, char)
    if tok is not None and tok.dep_ in NOUN_DATE_DEPS and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head.lemma_.lower()
    return f"#{id(doc)}:{char}"
