"""Quotations that run on from an attribution: colon leads, quote paragraphs, transcript labels."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import cue_kind, subject_of
from .document import Sentence, clean_text
from .gazetteer import normal_form
from .speakers import SpeakerResolver

# "IHNAT: ...", "SAMUEL BENDETT: (Through interpreter) ...": a transcript's speaker label.
LABEL = re.compile(r"^(?P<label>[A-Z][A-Z.'\- ]{1,40}[A-Z]):\s+(?:\([^)]*\)\s*)?")
STAGE = re.compile(r"^\((?:speaking|through|laughter|soundbite|crosstalk)[^)]*\)\.?$", re.I)


@dataclass
class Lead:
    """A speaker whose words follow: 'Kuleba said:' or a transcript label."""

    speaker: str
    cue: str
    sentence: int


def colon_lead(sent: Sentence, resolver: SpeakerResolver) -> Lead | None:
    """'Defence Secretary Ben Wallace said:' / 'In a post on X, he wrote:' (quotation follows)."""
    if not sent.text.rstrip().endswith(":") or LABEL.match(sent.text):
        return None
    for cue in sent.doc:
        if cue_kind(cue) != "claim" or sent.in_quote(cue):
            continue
        subject = subject_of(cue)
        speaker = subject is not None and resolver.resolve(sent, subject, cue.lemma_.lower())
        if speaker:
            return Lead(speaker, cue.text, sent.n)
    return None


def label_lead(sent: Sentence, resolver: SpeakerResolver, opens: bool) -> tuple[Lead, str] | None:
    """A transcript label naming a known person ('BENDETT: Moscow no longer ...'), with the words."""
    match = LABEL.match(sent.text) if opens else None
    if not match:
        return None
    key = normal_form(match["label"])
    reg = resolver.reg
    if not key or key in reg.excluded:
        return None
    actor = reg.surnames.get(key.split()[-1])
    if actor is None or reg.actors[actor].type != "person":
        return None
    words = clean_text(sent.text[match.end():])
    if not words or STAGE.match(words):
        return None
    return Lead(actor, "said", sent.n), words


def all_quoted(sent: Sentence) -> bool:
    """Whether every word of the sentence lies inside quotation marks."""
    words = [t for t in sent.doc if not t.is_punct]
    return bool(words) and sent.starts_in_quote() and all(sent.in_quote(t) for t in words)
