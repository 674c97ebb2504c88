"""Actor mentions: link named entities to stable ids and merge them within an article."""
from __future__ import annotations

import re

from ..textutil import slugify
from .gazetteer import normal_form
from .institutions import collect_definites, collect_institutions
from .persons import HONORIFICS, link_person, remember_surnames, role, titled_alias
from .registry import ActorRecord, Mention, Registry

__all__ = ["ActorRecord", "Mention", "Registry", "collect_mentions", "is_active", "is_locative"]

LOCATIVE_PREPS = frozenset("in at near across into within throughout inside outside around".split())
VESSELS = frozenset("ship vessel frigate cruiser destroyer corvette submarine carrier tanker boat plane".split())
ATTRIBUTIVE_OK = frozenset(("officials", "official", "government", "administration", "forces", "military"))
CLIMB_DEPS = frozenset(("compound", "poss", "amod", "appos", "conj", "nmod", "npadvmod", "case"))
ACRONYM = re.compile(r"[A-Z]{3,6}")
SPEAKING = frozenset("say report announce claim deny state warn tell add write".split())
BODY_NOUNS = frozenset("media agency news service broadcaster outlet".split())
MINISTRY = re.compile(r"^(?:(foreign|defen[cs]e|interior|finance|justice|economy) ministry|"
                      r"ministry of (foreign affairs|defen[cs]e|interior|finance|justice))$", re.I)


def is_active(span, actor_type: str) -> bool:
    """Whether a mention makes its actor part of the story, not only a place or a label.

    Places that only locate ("targets in Ukraine", "Ramstein, Germany") and names used as
    labels of a thing ("the U.N. ban") do not; organisations are not places ("in Congress").
    """
    root = span.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.lower_ not in ATTRIBUTIVE_OK:
        return False
    return actor_type not in ("state", "group") or not is_locative(span)


def is_locative(span) -> bool:
    """Whether a mention only locates something ("targets in Ukraine", "Ramstein, Germany")."""
    tok = span.root
    while tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def collect_mentions(reg: Registry, sentences) -> None:
    """Link every entity mention of every sentence to an actor of the registry."""
    for sent in sentences:
        in_weapon = {t.i for w in sent.weapons for t in w.span}
        for ent in sent.doc.ents:
            if ent.label_ == "WEAPON" or any(t.i in in_weapon for t in ent):
                continue
            ent = longest_name(ent)
            actor_id = _link(reg, ent)
            if actor_id:
                reg.mention(sent.n, ent, actor_id, is_active(ent, reg.actors[actor_id].type))
                titled_alias(reg.actors[actor_id], ent)
        collect_institutions(reg, sent)
        collect_definites(reg, sent)


def longest_name(ent):
    """A known name that is only the start of a longer one ('Kim' of 'Kim Yo Jong', 'Stockholm' of
    'Stockholm International Peace Research Institute'): the whole proper-noun run, as a new entity."""
    head = ent.root.head
    if not ent.ent_id_ or ent.root.dep_ != "compound" or head.i < ent.end:
        return ent
    run = ent.doc[ent.end : head.i + 1]
    if any(t.pos_ != "PROPN" or not t.text[:1].isupper() or t.lower_ in HONORIFICS
           or (t.ent_type_ and (t.ent_id_ or not t.ent_type_ == ent.label_ == "PERSON")) for t in run):
        return ent
    label = "PERSON" if ent.label_ == "PERSON" else "ORG"
    return ent.doc.char_span(ent.start_char, run.end_char, label=label) or ent


def _link(reg: Registry, ent) -> str | None:
    if ent.ent_id_ == "place" or (ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in VESSELS):
        return None  # a place, or "a patrol ship, the Sergei Kotov": a vessel named after a person
    if ent.ent_id_ and ent.ent_id_ in reg.gaz.actors:
        entry = reg.gaz.actors[ent.ent_id_]
        reg.ensure(entry.id, entry.name, entry.type)
        if entry.type == "person":
            remember_surnames(reg, entry.id, [entry.name, *entry.aliases])
            reg.actors[entry.id].role = reg.actors[entry.id].role or role(ent)
        return entry.id
    if ent.label_ == "PERSON":
        return link_person(reg, ent)
    if len(ent) == 1 and normal_form(ent.text) in reg.surnames:  # the model tags some surnames GPE
        return reg.surnames[normal_form(ent.text)]
    if ent.label_ == "ORG":
        return _link_org(reg, ent)
    known = reg.gaz.lookup(ent.text)
    if known and ent.label_ in ("GPE", "NORP"):
        entry = reg.gaz.actors[known]
        return reg.ensure(known, entry.name, entry.type).id
    return None


def _link_org(reg: Registry, ent) -> str | None:
    text = re.sub(r"^the\s+", "", ent.text, flags=re.I).replace("\u2019", "'")
    text = re.sub(r"'s$", "", text)
    known = reg.gaz.lookup(text)
    if known:
        entry = reg.gaz.actors[known]
        return reg.ensure(known, entry.name, entry.type).id
    if MINISTRY.match(text):
        return _link_ministry(reg, ent, text)
    if not _plausible_org(ent, text):
        return None
    return reg.ensure(slugify(text), text, "organization").id


def _plausible_org(ent, text: str) -> bool:
    """Unknown acronyms are often products or units ("GPS"): keep multiword names, and acronyms
    that speak ("KCNA said") or that a body noun introduces ("state media KCNA")."""
    words = text.split()
    if len(words) == 1 and ACRONYM.fullmatch(text):
        root = ent.root
        return (root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEAKING) or any(
            c.dep_ == "compound" and c.lower_ in BODY_NOUNS for c in root.children)
    return len(words) >= 2 and len(words) <= 8 and all(w[:1].isupper() or w.islower() for w in words)


def _link_ministry(reg: Registry, ent, text: str) -> str | None:
    """'Russia's Foreign Ministry' / 'the Russian Foreign Ministry' -> russia-foreign-ministry."""
    owner = None
    for t in ent.root.children:
        if t.dep_ in ("poss", "amod", "compound") and t.i < ent.start:
            owner = reg.gaz.lookup(t.text)
    if owner is None and ent.start > 0:
        owner = reg.gaz.lookup(ent.doc[ent.start - 1].text)
    if owner is None or reg.gaz.actors[owner].type != "state":
        return reg.ensure(slugify(text), text, "organization").id
    state = reg.gaz.actors[owner].name
    ministry = " ".join(w.capitalize() if w.islower() and w != "of" else w for w in text.split())
    record = reg.ensure(slugify(f"{state} {ministry}"), f"{state}'s {ministry}", "organization")
    return record.id
