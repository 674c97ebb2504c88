"""Provenance: the short, stable name of the rule that found a claim or denial from a cue verb.

Every extracted claim, denial, weapon and event records its rule (`rule:` last in the item), so a
curator can see why an item is there and a regression can be traced to the rule that made it.
"""
from __future__ import annotations

from .cues import DENIAL_CUES


def cue_rule(cue, subject, content: set[int], quoted: bool, found_kind: str, kind: str) -> str:
    """'deny-verb', 'dismissive-content', 'quote-postposed-cue', 'cue-clause', ... for a cue-verb item.

    `found_kind` is what the cue verb says ('claim' / 'denial'); `kind` what the item became (a claim
    whose content is 'baseless' or a negated transfer is a denial)."""
    if found_kind == "denial":
        lemma = cue.lemma_.lower()
        return "deny-verb" if lemma in DENIAL_CUES else "called-false" if lemma == "call" else "deny-phrasal"
    if kind == "denial":
        return "claim-of-denial"  # 'said the reports were baseless', 'said it had not sent weapons'
    before = bool(content) and max(content) < cue.i
    inverted = subject.i > cue.i
    if quoted:
        return "quote-inverted-cue" if inverted and before else "quote-postposed-cue" if before else "quote-preposed-cue"
    return "inverted-cue" if inverted and before else "postposed-cue" if before else "cue-clause"
