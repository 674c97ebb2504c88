"""Who owns a document or speaks as 'we': 'In its latest report, the panel ...' then 'The report said',
'export data compiled by SIPRI', and 'we' / 'our team' in an organisation's own text."""
from __future__ import annotations

from ..textutil import slugify
from .registry import Registry

FIRST_PERSON = frozenset(("we", "our", "us"))
PUBLISH_VERBS = frozenset("compile publish release issue produce prepare".split())


def outlet_actor(reg: Registry, outlet: str | None) -> str | None:
    """The actor of the outlet that published the text, for 'we' outside quotation marks."""
    if not outlet:
        return None
    known = reg.gaz.lookup(outlet)
    if known:
        entry = reg.gaz.actors[known]
        return reg.ensure(known, entry.name, entry.type).id
    return reg.ensure(slugify(outlet), outlet, "organization").id


def first_person(head) -> bool:
    """'we' / 'us', or a noun phrase owned by 'our' ('our field investigators', 'our analysis')."""
    return head.lower_ in FIRST_PERSON or any(c.dep_ == "poss" and c.lower_ == "our" for c in head.children)


def published_by(noun):
    """'export data compiled by SIPRI', 'documents published by the Washington Post': the agent's head."""
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in PUBLISH_VERBS:
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def owner_subject(noun):
    """'In its latest report, the Conflict Intelligence Team documented ...': the subject of the
    clause a document phrase opens, when the document is 'its' / 'their' or introduced by 'in'."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    opens_clause = noun.dep_ == "pobj" and noun.head.lower_ == "in"
    if not opens_clause and (poss is None or poss.lower_ not in ("its", "their")):
        return None
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ in ("NOUN", "PROPN") and verb.i > noun.i:
        return verb  # the parser made the subject the root: 'In its report, the Team, ..., documented'
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"), None)


VERIFY_VERBS = frozenset(("verify", "confirm"))


def newsroom_note(cue, speaker_name: str, outlet: str | None) -> bool:
    """'CNN could not independently verify the claim': the newsroom's verification note, no claim of a
    source. The subject is the outlet (or any news organisation) and the verify/confirm cue is negated."""
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in cue.children)
    if cue.lemma_.lower() not in VERIFY_VERBS or not negated:
        return False
    independently = any(c.lower_ == "independently" for c in cue.children)
    return independently or is_newsroom(speaker_name, outlet)


def is_newsroom(name: str, outlet: str | None) -> bool:
    """Whether a name is the outlet or a news organisation the header parser knows."""
    from ..outlets import OUTLETS, URL_OUTLETS  # the outlet names the header parser knows

    key = name.lower().removeprefix("the ")
    names = {n.lower().removeprefix("the ") for n in (*OUTLETS.values(), *URL_OUTLETS.values(), outlet or "")}
    return key in names or key in OUTLETS
