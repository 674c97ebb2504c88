"""State institutions named by a common noun: "Ukraine's air force", "the Iranian foreign ministry".

The model tags these as no entity when they are written in lower case, yet they speak in news
copy as often as the state does. The owner (a possessive or a demonym linked to a state) keeps
its own mention; the institution covers the noun phrase after it.
"""
from __future__ import annotations

import re

from ..textutil import slugify
from .gazetteer import normal_form
from .registry import Registry

INSTITUTION_HEADS = frozenset(
    """ministry agency service army navy force military parliament embassy intelligence
    prosecutor prosecutors guard command panel committee commission brigade council mission media junta""".split()
)
REGIME_NOUNS = frozenset(("junta",))  # 'the country's ruling junta': always '<State>'s junta'
COMPANY_NOUNS = frozenset("company firm conglomerate manufacturer maker corporation".split())
DEFINITE_NOUNS = COMPANY_NOUNS | {"group", "ministry", "agency", "junta", "administration"}
GOVERNMENT_NOUNS = frozenset(("administration", "government", "cabinet"))
GOVERNS = re.compile(r"\b(?:president|prime minister|chancellor|leader) of (?:the )?(.+)$", re.I)
OWNER_DEPS = frozenset(("poss", "amod", "compound"))
MODIFIER_DEPS = frozenset(("amod", "compound"))


def government_of(reg: Registry, ent):
    """'the Biden administration' / 'the Sunak government': (the state the leader governs, the span
    through the noun), not the person; None when the name is no known head of government."""
    root, head = ent.root, ent.root.head
    if ent.label_ != "PERSON" or root.dep_ != "compound" or head.lower_ not in GOVERNMENT_NOUNS or head.i != ent.end:
        return None
    person = reg.gaz.lookup(ent.text) or reg.gaz.by_surname.get(normal_form(ent.text).split()[-1])
    entry = reg.gaz.actors.get(person) if person else None
    match = GOVERNS.search(entry.role or "") if entry else None
    state = reg.gaz.lookup(match.group(1)) if match else None
    if state is None or reg.gaz.actors[state].type != "state":
        return None
    reg.ensure(state, reg.gaz.actors[state].name, "state")
    return state, ent.doc[ent.start : head.i + 1]


def collect_institutions(reg: Registry, sent) -> None:
    """Register every state institution of a sentence as an actor (active only once it speaks)."""
    for head in sent.doc:
        if head.lower_ not in INSTITUTION_HEADS or not _common(head) or reg.actor_at(sent.n, head):
            continue
        if head.dep_ == "compound":
            continue  # "air force base": the institution names a thing
        owner = _state_owner(reg, sent.n, head)
        state_id = reg.actor_at(sent.n, owner) if owner is not None else _the_country(reg, sent.n, head)
        if state_id is None:
            continue
        span = _institution_span(sent.doc, head, owner) if owner is not None else sent.doc[head.i : head.i + 1]
        state = reg.actors[state_id]
        words = "junta" if head.lower_ in REGIME_NOUNS else span.text
        record = reg.ensure(slugify(f"{state.name} {words}"), f"{state.name}'s {words}", "organization")
        reg.mention(sent.n, span, record.id, False)
        record.add_alias(sent.doc[(owner if owner is not None else head).left_edge.i : span.end].text)


def _the_country(reg: Registry, n: int, head) -> str | None:
    """'the country's ruling junta': the state last named before it."""
    if head.lower_ not in REGIME_NOUNS:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ == "country"), None)
    if owner is None or not any(c.lower_ == "the" for c in owner.children):
        return None
    return reg.recent(n, head.i, ("state",))


def _common(token) -> bool:
    """A common noun, also when the model tags 'ministry' / 'Foreign Ministry' as a proper noun."""
    return token.pos_ in ("NOUN", "PROPN")


def _state_owner(reg: Registry, n: int, head):
    """The possessive or demonym token of a state (or body: 'a UN panel') that owns the institution."""
    for child in head.children:
        if child.dep_ in OWNER_DEPS and child.i < head.i:
            actor = reg.actor_at(n, child)
            if actor and reg.actors[actor].type in ("state", "organization"):
                return child
    return None


def _institution_span(doc, head, owner):
    """The words after the owner up to the head: 'military intelligence agency'."""
    start = head.i
    while start - 1 > owner.i and doc[start - 1].dep_ in MODIFIER_DEPS and doc[start - 1].head.i >= start:
        start -= 1
    end = head.i + 1
    if head.text[:1].isupper() and end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
        end += 2  # 'the Russian Ministry of Defense'
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
    return doc[start:end]


ORG_APPOSITIONS = COMPANY_NOUNS | {"group", "organization", "organisation", "institute", "agency", "monitor"}


def collect_appositive_orgs(reg: Registry, sent) -> None:
    """'Rostec, the state defence conglomerate, said': a capitalised word the model left untagged
    that an apposition calls a company or organisation."""
    for tok in sent.doc:
        if tok.ent_type_ or reg.actor_at(sent.n, tok) or not tok.text[:1].isupper() or len(tok.text) < 3 \
                or tok.pos_ not in ("PROPN", "ADJ", "NOUN"):
            continue
        if any(c.dep_ == "appos" and c.lemma_.lower() in ORG_APPOSITIONS and c.pos_ == "NOUN" for c in tok.children):
            record = reg.ensure(slugify(tok.text), tok.text, "organization")
            reg.mention(sent.n, sent.doc[tok.i : tok.i + 1], record.id, True)


def collect_definites(reg: Registry, sent) -> None:
    """'the company' / 'the group' / 'the ministry': the latest actor of that kind mentioned before."""
    for head in sent.doc:
        if head.lower_ not in DEFINITE_NOUNS or head.pos_ != "NOUN" or reg.actor_at(sent.n, head) \
                or head.dep_ == "compound" or not any(c.lower_ == "the" for c in head.children) \
                or any(c.dep_ == "poss" or (c.dep_ in OWNER_DEPS and reg.actor_at(sent.n, c)) for c in head.children):
            continue
        actor = next((m.actor for m in reversed(reg.mentions)
                      if (m.n, m.i) < (sent.n, head.i) and _kind_of(reg.actors[m.actor], head.lower_)), None)
        if actor:
            reg.mention(sent.n, sent.doc[head.i : head.i + 1], actor, False)


def _kind_of(record, noun: str) -> bool:
    """Whether an actor can be called 'the <noun>': a company is an organisation that is no institution."""
    last = record.name.lower().split()[-1]
    if noun in COMPANY_NOUNS:
        return record.type == "organization" and last not in INSTITUTION_HEADS and last not in DEFINITE_NOUNS
    if noun == "administration":
        return record.type == "state" and any(a.lower().endswith(" administration") for a in record.aliases)
    if noun == "group":
        return record.type == "group" or last == "group"
    return last == noun or (noun == "agency" and last in ("service", "intelligence"))
