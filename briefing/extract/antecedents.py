"""Antecedents of 'he' / 'she': gender already seen, role nouns ('the representative of France'),
and a person who became the topic after the last speaker spoke ('X called for ... He said ...')."""
from __future__ import annotations

ROLE_NOUNS = frozenset("""representative envoy ambassador delegate delegation spokesman spokeswoman spokesperson
    minister president premier chancellor secretary chief head leader""".split())
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))


def other_gender(pronouns: dict[str, str], actor: str | None, pronoun: str) -> bool:
    """Whether `actor` was already called by the other personal pronoun ('she' then 'he')."""
    seen = pronouns.get(actor or "")
    return seen is not None and {seen, pronoun} == {"he", "she"}


def is_role(head) -> bool:
    """'The representative of France', "China's envoy": a person named by office, not by name."""
    return head.lemma_.lower() in ROLE_NOUNS


# Offices a person is later called by: 'the prime minister said' after 'Prime Minister X'.
OFFICE_NOUNS = ROLE_NOUNS | frozenset("""governor mayor general commander prosecutor chairman chairwoman director
    senator lawmaker justice judge coach manager""".split())


def office_holder(reg, sent, head) -> str | None:
    """'The prime minister said', 'the Health Minister': the latest person mentioned before whose
    role holds the office and every word that qualifies it ('Thai Prime Minister X')."""
    if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() not in OFFICE_NOUNS:
        return None
    if not any(c.lower_ == "the" for c in head.children):
        return None  # 'a minister', 'his spokesman' name someone else
    words = {t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod")} | {head.lower_}
    for m in reversed(reg.mentions):
        record = reg.actors[m.actor]
        if (m.n, m.i) < (sent.n, head.i) and record.type == "person" and record.role \
                and words <= set(record.role.lower().replace("-", " ").split()):
            return m.actor
    return None


def epithet(reg, head) -> bool:
    """'the Ghanaian vowed', 'The 68-year-old said': a person named by nationality or age, never the state."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or head.tag_ in ("NNS", "NNPS"):
        return False
    if head.lower_ == "old" and any(c.lower_ == "year" for c in head.children):
        return True
    state = reg.gaz.lookup(head.text) if head.pos_ == "PROPN" and head.text[:1].isupper() else None
    entry = reg.gaz.actors.get(state) if state else None
    demonym = head.text.lower().endswith(("an", "ese", "ish", "i", "ch")) and head.text.lower() != (entry.name.lower() if entry else "")
    return entry is not None and entry.type == "state" and demonym


def one_person(record) -> bool:
    """A named person, or one unnamed speaker ('an ambulance spokesman'): whom 'he' / 'she' can name.
    Unnamed groups are named in the plural ('officials')."""
    return record.type == "person" or (record.type == "anonymous-source" and not record.name.endswith("s"))


def new_topic(prev, named, spoke_at: int, types: dict[str, str]) -> str | None:
    """A person who is the main subject of the sentence before, outside quotation marks, when that
    sentence was not itself attributed: the likelier antecedent than an older speaker."""
    if prev is None or spoke_at >= prev.n:
        return None
    for t in sorted((t for t in prev.doc if t.dep_ in SUBJECT_DEPS and not prev.in_quote(t)), key=depth):
        actor = named(prev, t)
        if actor and types.get(actor) == "person":
            return actor
    return None


def depth(token) -> int:
    """How many heads lie between a token and its sentence's root."""
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


# 'the group', 'the rights group', 'the mission': a body named by its kind, not its name.
GENERIC_BODIES = frozenset("group organisation organization mission agency watchdog charity body campaign".split())


def generic_body(reg, sent, head) -> str | None:
    """'The group reported ...' after 'the monitoring group Belarusian Hajun': the latest organisation
    or group mentioned before (never a state or a person)."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in GENERIC_BODIES | {"panel"}:
        return None
    if head.lemma_.lower() == "panel":  # 'a report by UN experts ... The panel says': the experts
        return next((a.id for a in reversed(list(reg.actors.values()))
                     if a.type == "anonymous-source" and a.name.lower().endswith("experts")), None)
    return next((m.actor for m in reversed(reg.mentions) if (m.n, m.i) < (sent.n, head.i)
                 and reg.actors[m.actor].type in ("organization", "group")), None)
