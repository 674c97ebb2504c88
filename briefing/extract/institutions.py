"""State institutions named by a common noun: "Ukraine's air force", "the Iranian foreign ministry".

The model tags these as no entity when they are written in lower case, yet they speak in news
copy as often as the state does. The owner (a possessive or a demonym linked to a state) keeps
its own mention; the institution covers the noun phrase after it.
"""
from __future__ import annotations

from ..textutil import slugify
from .registry import Registry

INSTITUTION_HEADS = frozenset(
    """ministry agency service army navy force military parliament embassy intelligence
    prosecutor prosecutors guard command panel committee commission brigade council mission media""".split()
)
COMPANY_NOUNS = frozenset("company firm conglomerate manufacturer maker corporation".split())
DEFINITE_NOUNS = COMPANY_NOUNS | {"group", "ministry", "agency"}
OWNER_DEPS = frozenset(("poss", "amod", "compound"))
MODIFIER_DEPS = frozenset(("amod", "compound"))


def collect_institutions(reg: Registry, sent) -> None:
    """Register every state institution of a sentence as an actor (active only once it speaks)."""
    for head in sent.doc:
        if head.lower_ not in INSTITUTION_HEADS or head.pos_ != "NOUN" or reg.actor_at(sent.n, head):
            continue
        if head.dep_ == "compound":
            continue  # "air force base": the institution names a thing
        owner = _state_owner(reg, sent.n, head)
        if owner is None:
            continue
        span = _institution_span(sent.doc, head, owner)
        state = reg.actors[reg.actor_at(sent.n, owner)]
        words = span.text
        record = reg.ensure(slugify(f"{state.name} {words}"), f"{state.name}'s {words}", "organization")
        reg.mention(sent.n, span, record.id, False)
        record.add_alias(sent.doc[owner.left_edge.i : head.i + 1].text)  # "South Korean intelligence"


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
    return doc[start : head.i + 1]


def collect_definites(reg: Registry, sent) -> None:
    """'the company' / 'the group' / 'the ministry': the latest actor of that kind mentioned before."""
    for head in sent.doc:
        if head.lower_ not in DEFINITE_NOUNS or head.pos_ != "NOUN" or reg.actor_at(sent.n, head) \
                or head.dep_ == "compound" or not any(c.lower_ == "the" for c in head.children) \
                or any(c.dep_ in OWNER_DEPS for c in head.children):
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
    if noun == "group":
        return record.type == "group" or last == "group"
    return last == noun or (noun == "agency" and last in ("service", "intelligence"))
