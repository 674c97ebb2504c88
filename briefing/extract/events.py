"""Dated events: one per date expression, with the clause or noun phrase it dates."""
from __future__ import annotations

import re
from datetime import date

from ..header import parse_date
from .registry import Registry
from .dates import MONTH_NAMES, find_dates
from .document import Sentence, clean_text, wire_dateline

NOUN_DATE_DEPS = frozenset(("compound", "nummod", "amod", "npadvmod", "nmod"))
CLIMB_DEPS = frozenset(("advcl", "xcomp", "conj", "pcomp"))
# A year that measures a quantity ('reached $5.5 billion in 2023') dates a statistic, not an event.
MEASURE_VERBS = frozenset("account reach total amount exceed rise fall grow climb drop double triple make".split())
INTENT_VERBS = frozenset(("plan", "aim", "expect", "hope", "intend"))
_MONTHS = r"\b(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\b\.?"
STAMP_WORDS = re.compile(r"\b(?:published|updated|last updated|posted|date|on|at|[ap]\.?m\.?|ET|EDT|EST|GMT|BST|UTC|CET|"
                         r"KST|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|"
                         r"sunday)\b\.?|[,:+/().-]", re.I)
MODALS = frozenset(("would", "could", "might", "may", "should"))  # 'will' plans an event; these project
# 'prepared for November', 'committed for this year': a target, no event; 'by 2026' only under an aim.
TARGET = re.compile(r"\bfor\s+(?:the\s+(?:end|middle|start|beginning)\s+of\s+)?$", re.I)
AIM_VERBS = frozenset(("aim", "target", "hope", "intend", "seek", "want", "vow", "pledge", "promise", "goal"))
DEADLINE = re.compile(r"\bby\s+(?:the\s+(?:end|middle|start|beginning|close)\s+of\s+)?"
                      r"(?:(?:early|mid|late)[- ]?)?$", re.I)
SCHEDULING = frozenset(("schedule", "set", "slate", "reschedule", "postpone", "adjourn", "delay", "fix"))
RANGE_END = re.compile(r"\b(?:between|from)\s+[\w ,.-]{3,40}\s+(?:and|to|until|through)\s+$", re.I)
AGO = re.compile(r"\b\d+\s+(?:hours?|hrs?|minutes?|mins?|days?)\s+ago\b", re.I)


def find_events(sentences: list[Sentence], published, reg: Registry) -> list[dict]:
    """Events of the article in sentence order, each with its EDTF date and actors."""
    events: list[dict] = []
    seen: set[tuple] = set()
    anchor: str | None = None
    published = published or body_date(sentences)
    for sent in sentences:
        if is_stamp(sent.text):
            continue
        skip = wire_dateline(sent)
        for mention in find_dates(sent.doc, published, anchor):
            tokens = [t for t in _event_tokens(sent.doc, mention.start) if t.idx >= skip]
            if not tokens or mention.start < skip:
                continue
            anchor = mention.edtf
            if is_deadline(sent.doc, mention.start) or _projected(sent.doc, mention):
                continue
            text = clean_text("".join(t.text_with_ws for t in tokens))
            key = (mention.edtf, _anchor_lemma(sent.doc, mention.start))
            if {key, (mention.edtf, sent.n), (mention.edtf, text)} & seen:  # 'overnight, ... said Wednesday'
                continue
            seen |= {key, (mention.edtf, sent.n), (mention.edtf, text)}
            actors = list(dict.fromkeys(a for t in tokens if (a := reg.actor_at(sent.n, t))))
            events.append({"id": f"e{len(events) + 1}", "date": mention.edtf, "when": mention.when,
                           "text": text, "actors": actors, "sentence": sent.n, "rule": mention.rule})
    return events


def body_date(sentences: list[Sentence]) -> date | None:
    """The publication date from a bare date line among the first paragraphs, when the header
    parser missed it ('May 6, 2024', '03/01/2024', 'Published: 7 May 2024')."""
    return next((found for sent in sentences[:6] if is_stamp(sent.text) and (found := parse_date(sent.text))), None)


def is_deadline(doc, start: int) -> bool:
    """Whether the date at `start` is a target ('for November') or the deadline of an aim ('aims to
    double output by the end of 2026', 'the goal is ... by 2025'); 'expected to arrive by 2027' stays."""
    text = doc.text[:start]
    tok = _token_at(doc, start)
    if TARGET.search(text):  # 'set sentencing for Dec. 5', 'is scheduled for September' are dated events
        return tok is None or _governor(tok).lemma_.lower() not in SCHEDULING
    if RANGE_END.search(text):
        return True  # 'between October 2022 and March 2023': the range is dated by its start
    if not DEADLINE.search(text) or tok is None:
        return False
    return any(a.lemma_.lower() in AIM_VERBS for a in tok.ancestors)


def _projected(doc, mention) -> bool:
    """A year that dates a projection, plan or statistic, or a month of a plan ('expected in June')."""
    if len(mention.edtf) == 4:
        return _not_an_event(doc, mention.start)
    if len(mention.edtf) != 7 or int(mention.edtf[5:]) > 12:  # seasons ('expected to arrive this summer') stay
        return False
    return _governor(_token_at(doc, mention.start) or doc[0]).lemma_.lower() in INTENT_VERBS


def is_stamp(text: str) -> bool:
    """A timestamp or date line ('4:15 p.m. ET, May 15, 2024', 'Updated 03/01/2024', 'Updated 3 hours
    ago'): no event."""
    rest = STAMP_WORDS.sub(" ", AGO.sub(" ", text))
    rest = re.sub(rf"{_MONTHS}|\d+", " ", rest, flags=re.I)
    return len(re.findall(r"[A-Za-z]{2,}", rest)) == 0 and bool(re.search(r"\d", text))


def _token_at(doc, char: int):
    return next((t for t in doc if t.idx <= char < t.idx + max(len(t.text), 1)), None)


def _event_tokens(doc, char: int) -> list:
    """The noun phrase a date modifies ('a September trip by X'), else its verb's clause."""
    tok = _token_at(doc, char)
    if tok is None:
        return []
    if tok.dep_ in NOUN_DATE_DEPS and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.dep_ != "npadvmod":
        head = tok.head  # not '20 times last autumn', which measures the verb's happening
        return [t for t in head.subtree] if len(list(head.subtree)) > 3 else list(doc)
    if tok.dep_ in NOUN_DATE_DEPS and tok.head.dep_ == "npadvmod":
        tok = tok.head
    verb = _governor(tok)
    while verb.dep_ in CLIMB_DEPS and not _has_subject(verb) and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":  # 'a report released in March'
        return list(verb.head.subtree)
    return list(verb.subtree)


def _governor(tok):
    """The verb a date token depends on (the token itself when nothing governs it)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _not_an_event(doc, char: int) -> bool:
    """A bare year in a projection ('could exceed ... in 2024', 'by the end of 2024') or a statistic
    ('accounted for 90% of its revenue in 2023') is no dated event."""
    tok = _token_at(doc, char)
    if tok is None:
        return False
    verb = _governor(tok)
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    intent = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_VERBS
    if auxes & MODALS or verb.lemma_.lower() in INTENT_VERBS or intent:
        return True
    return verb.lemma_.lower() in MEASURE_VERBS and any(c.like_num or c.tag_ == "$" for c in verb.subtree)


def _has_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _anchor_lemma(doc, char: int) -> str:
    """What a date modifies: the same year on the same noun ('the 2015 deal') is one event."""
    tok = _token_at(doc, char)
    if tok is not None and tok.dep_ in NOUN_DATE_DEPS and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head.lemma_.lower()
    return f"#{id(doc)}:{char}"
