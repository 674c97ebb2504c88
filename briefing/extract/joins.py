"""How the parts of one sentence's report join: the clauses before a closing cue, and a verdict
with the appeal joined to it ('welcomed the move and urged the EU to go further')."""
from __future__ import annotations

from .cues import cue_kind, subject_of
from .items import Item, span_text

# Cues whose object is a thing judged, not words said: the verb is half of what was claimed.
VERDICT_CUES = frozenset("hail praise welcome reaffirm express voice raise".split())


def closing_clauses(cue, comps: list, subject) -> list:
    """'Six died when the bomber got in, the police chief told AFP': a cue after all it reports owns
    none of the clauses before it; the parser's 'when ...' on the cue belongs to what was said."""
    start = min(c.left_edge.i for c in comps)
    if max(c.i for c in comps) > cue.i or subject is None or subject.i < start:
        return []
    return [c for c in cue.children if c.dep_ in ("advcl", "prep", "npadvmod") and start < c.i < subject.i
            and c not in comps and not cue_kind(c)]


def verdict_before(item: Item, kept: list[Item], doc) -> Item | None:
    """The same speaker's verdict ('welcomed the move') whose verb this claim's cue is joined to."""
    cue = doc[item.cue_i] if item.cue_i >= 0 else None
    if cue is None or item.kind != "claim" or cue.dep_ != "conj":
        return None
    return next((k for k in kept if k.kind == "claim" and k.speaker == item.speaker and k.cue_i == cue.head.i
                 and doc[k.cue_i].lemma_.lower() in VERDICT_CUES), None)


def join_verdict(verdict: Item, item: Item, doc) -> None:
    """One claim from the verdict's subject to the end of the joined appeal."""
    subject = subject_of(doc[verdict.cue_i])
    start = subject.left_edge.i if subject is not None and subject.i < verdict.cue_i else verdict.cue_i
    verdict.content |= item.content | {item.cue_i}
    verdict.text = span_text(doc, set(range(start, max(verdict.content) + 1)))
