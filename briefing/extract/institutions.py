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
    """'Rostec, the state defence conglomerate, said' / 'the watchdog group Airwars': a capitalised word
    the model left untagged (or took for a product) that an apposition calls a company or organisation."""
    for tok in sent.doc:
        if not tok.text[:1].isupper() or len(tok.text) < 3 or tok.pos_ not in ("PROPN", "ADJ", "NOUN") \
                or tok.ent_type_ not in ("", "PRODUCT", "WORK_OF_ART") or reg.actor_at(sent.n, tok):
            continue
        named = tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.head.i < tok.i and _org_noun(tok.head)
        if named or any(c.dep_ == "appos" and _org_noun(c) for c in tok.children):
            record = reg.ensure(slugify(tok.text), tok.text, "organization")
            reg.mention(sent.n, sent.doc[tok.i : tok.i + 1], record.id, True)


def _org_noun(tok) -> bool:
    return tok.lemma_.lower() in ORG_APPOSITIONS and tok.pos_ == "NOUN"


LEGAL_SUFFIXES = frozenset("AG Inc Ltd Corp SDPR PLC plc GmbH LLC SE".split())
COMPANY_CUES = COMPANY_NOUNS | {"contractor", "producer", "group", "supplier", "exporter"}
AGENT_PREPS = frozenset(("by", "from"))


def company_id(text: str) -> str:
    """'Rheinmetall AG' and 'Rheinmetall' are one company: the id leaves the legal suffix out."""
    words = [w for w in text.split() if w.rstrip(".,") not in LEGAL_SUFFIXES]
    return slugify(" ".join(words or text.split()))


def is_company(ent) -> bool:
    """'Rheinmetall AG', 'arms firm Yugoimport', 'Baykar, the drone maker': a name the text calls a company."""
    doc, root = ent.doc, ent.root
    if ent[-1].text.rstrip(".") in LEGAL_SUFFIXES or (ent.end < len(doc) and doc[ent.end].text in LEGAL_SUFFIXES):
        return True
    related = [root.head] if root.dep_ in ("appos", "compound") else []
    related += [c for c in root.children if c.dep_ in ("appos", "compound") and c.i not in range(ent.start, ent.end)]
    if ent.start and doc[ent.start - 1].pos_ == "NOUN":
        related.append(doc[ent.start - 1])
    return any(t.lemma_.lower() in COMPANY_CUES and t.pos_ == "NOUN" for t in related)


def acts(ent) -> bool:
    """'Rheinmetall said', 'Yugoimport denied', 'shipped by Yugoimport', 'ordered from Rheinmetall'."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in AGENT_PREPS and root.head.head.pos_ in ("VERB", "NOUN")


def collect_companies(reg: Registry, sent) -> None:
    """Names the model left untagged that a company noun or a legal suffix marks:
    'state-owned Yugoimport SDPR', 'arms firm Yugoimport', 'Rheinmetall AG'."""
    doc = sent.doc
    for tok in doc:
        if reg.actor_at(sent.n, tok) or tok.ent_type_ or not _capitalised(tok):
            continue
        start, end = tok.i, tok.i + 1
        while end < len(doc) and _capitalised(doc[end]) and not doc[end].ent_type_ and not reg.actor_at(sent.n, doc[end]):
            end += 1
        if end < len(doc) and doc[end].text in LEGAL_SUFFIXES:
            end += 1
        span = doc[start:end]
        if start and doc[start - 1].lower_ in ("the", "a") and not span[-1].text in LEGAL_SUFFIXES:
            continue  # 'the Group', 'a Firm': a title, not a name
        cued = span[-1].text in LEGAL_SUFFIXES or (start and doc[start - 1].lemma_.lower() in COMPANY_CUES
                                                   and doc[start - 1].pos_ == "NOUN")
        if cued and not all(t.text in LEGAL_SUFFIXES for t in span):
            record = reg.ensure(company_id(span.text), span.text, "organization")
            record.kind = "company"
            reg.mention(sent.n, span, record.id, True)


def _capitalised(tok) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and len(tok.text) > 1


def collect_definites(reg: Registry, sent) -> None:
    """'the company' / 'the group' / 'the ministry': the latest actor of that kind mentioned before."""
    for head in sent.doc:
        if head.lower_ not in DEFINITE_NOUNS or head.pos_ != "NOUN" or reg.actor_at(sent.n, head) \
                or head.dep_ == "compound" or not any(c.lower_ == "the" for c in head.children) \
                or any(c.dep_ == "poss" or (c.dep_ in OWNER_DEPS and reg.actor_at(sent.n, c)) for c in head.children):
            continue
        actor = reg.recent_company(sent.n, head.i) if head.lower_ in COMPANY_NOUNS else None
        actor = actor or next((m.actor for m in reversed(reg.mentions)
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


ARMED_HEADS = frozenset(("army", "military"))
FORCE_PAIRS = {("armed", "forces"): True, ("defence", "forces"): True, ("defense", "forces"): True,
               ("air", "force"): False, ("general", "staff"): False}  # True: the armed forces as a whole


def collect_forces(reg: Registry, sent) -> None:
    """'the army' / 'the Defence Forces' / 'the Ukrainian General Staff': the armed forces (or the
    branch) of the state the sentence or the article is about, linked as that state's institution."""
    for head in sent.doc:
        start, armed = _force_start(head)
        if start is None or reg.actor_at(sent.n, head) or head.dep_ == "compound":
            continue
        owner = sent.doc[start - 1] if start and reg.actor_at(sent.n, sent.doc[start - 1]) else None
        if owner is None and (start == 0 or sent.doc[start - 1].lower_ != "the"):
            continue
        span, state_id = _of_state(reg, sent, sent.doc[start : head.i + 1])
        state_id = state_id or (reg.actor_at(sent.n, owner) if owner is not None else _force_state(reg, sent.n, start, armed))
        if state_id is None or reg.actors.get(state_id) is None or reg.actors[state_id].type != "state":
            continue
        record = _force_record(reg, reg.actors[state_id], sent.doc[start : head.i + 1].text, armed)
        reg.claim(sent.n, span, record.id)


def _force_start(head) -> tuple[int | None, bool]:
    """Where a force noun phrase begins, and whether it names the armed forces as a whole."""
    if head.lower_ in ARMED_HEADS and head.pos_ in ("NOUN", "PROPN"):
        return head.i, True
    if head.i and (pair := (head.nbor(-1).lower_, head.lower_)) in FORCE_PAIRS:
        return head.i - 1, FORCE_PAIRS[pair]
    return None, False


def _of_state(reg: Registry, sent, span):
    """'General Staff of the Armed Forces of Ukraine': one institution, the state at its end."""
    doc, end = sent.doc, span.end
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return span, None
    stop = end + 1
    while stop < len(doc) and (doc[stop].pos_ in ("PROPN", "DET", "ADP") or doc[stop].text[:1].isupper()) \
            and doc[stop].text not in ",.;":
        stop += 1
    state = next((s for t in reversed(doc[end + 1 : stop]) if (s := reg.gaz.lookup(t.text))
                  and reg.gaz.actors[s].type == "state"), None)
    if state is None:
        return span, None
    reg.ensure(state, reg.gaz.actors[state].name, "state")
    return doc[span.start : stop], state


def _force_state(reg: Registry, n: int, start: int, armed: bool) -> str | None:
    """The state a bare 'the army' belongs to: the one whose forces the article already named, else
    the state named last, else the article's most-mentioned state."""
    forces = {r.id for r in reg.actors.values() if r.type == "organization" and getattr(r, "state", None)}
    owners = {reg.actors[f].state for f in forces if armed == _is_armed(reg.actors[f].name)}
    if len(owners) == 1:
        return owners.pop()
    return reg.recent(n, start, ("state",)) or reg.main_state()


def _is_armed(name: str) -> bool:
    return not re.search(r"air force|general staff", name, re.I)


def _force_record(reg: Registry, state, words: str, armed: bool):
    """Ukraine's armed forces: 'Ukrainian Armed Forces' (or the gazetteer's 'Israeli military');
    a branch keeps the institution convention ('Ukraine's air force')."""
    demonym = next((a for a in reg.gaz.actors[state.id].aliases if re.search(r"(an|i|ese|ish|ch)$", a)), state.name) \
        if state.id in reg.gaz.actors else state.name
    if armed:
        known = reg.gaz.lookup(f"{demonym} military") or reg.gaz.lookup(f"{demonym} armed forces")
        record = reg.ensure(known, "", "organization") if known else \
            reg.ensure(slugify(f"{state.name} armed forces"), f"{demonym} Armed Forces", "organization")
    else:
        record = reg.ensure(slugify(f"{state.name} {words}"), f"{state.name}'s {words}", "organization")
    record.state = state.id
    return record
