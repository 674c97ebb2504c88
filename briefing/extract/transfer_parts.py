"""Transfer vocabulary and dependency helpers: subjects, 'to' / 'from' objects, actors, status."""
from __future__ import annotations

import re

from .document import Sentence
from .registry import Registry

SUPPLY = frozenset("""send ship supply deliver provide sell transfer give export hand gift furnish smuggle move traffic
    funnel channel ferry transport""".split())
WITH_SUPPLY = SUPPLY | {"arm", "equip"}  # 'supply / arm X with Y': X receives
RELATIVES = frozenset("which that who whom".split())
PERSONAL = frozenset("it they he she".split())
PACKAGES = frozenset("package aid tranche consignment shipment delivery".split())
RECEIVE = frozenset("buy acquire purchase receive obtain get import seek request want order".split())
NOMINAL = frozenset("supply delivery shipment transfer sale provision export shipping".split())
CONTAINERS = frozenset(
    """number range stock stocks dozen dozens hundred hundreds thousand thousands batch shipment supply
    supplies delivery deliveries package tranche arsenal million millions kind kinds type types array variety quantity quantities
    container containers crate crates box boxes consignment consignments shipments load loads ton tons tonne tonnes lot lots
    set sets unit units round rounds battery batteries fleet worth billion billions order orders""".split())
PARTS = frozenset("component components part parts engine engines motor motors kit kits warhead warheads".split())
COUNTS = frozenset("number dozen dozens hundred hundreds thousand thousands batch batches quantity".split())
INCLUDE = frozenset("include includes included comprise comprises contain contains feature features".split())
PLANNED = frozenset("plan intend seek want consider prepare aim agree promise pledge".split())
NEGOTIATED = frozenset("negotiation negotiate talk deal".split())
REQUESTED = frozenset("request ask urge plead call".split())
MADE = frozenset("make build supply manufacture produce".split())
MADE_FORMS = frozenset("made built supplied manufactured produced provided".split())
USE = frozenset("fly operate field deploy use have own possess fire launch".split())
QUANTITY_DEPS = frozenset(("nummod", "quantmod"))
MILITARY = re.compile(r"\b(?:army|military|armed forces|defen[cs]e forces|air force|navy|general staff|"
                      r"defen[cs]e ministry|ministry of defen[cs]e)\b", re.I)


def first_actor(sent: Sentence, reg: Registry, toks) -> str | None:
    """The actor id of the first of `toks` that names one."""
    return next((a for t in toks if (a := actor_of(sent, t, reg))), None)


def charged(verb):
    """'accused Iran of supplying drones', 'convicted a trader of smuggling chips', 'found two men
    guilty of helping smuggle': whoever is accused or convicted of the transfer made it."""
    if verb.dep_ != "pcomp" or verb.head.lower_ not in ("of", "for"):
        return None
    judged = verb.head.head
    if judged.pos_ in ("NOUN", "PROPN") and judged.dep_ == "dobj":
        return judged  # 'convicted Ali Reza of smuggling', the parser hanging 'of' on the name
    if judged.pos_ == "ADJ":  # 'found them guilty of': who is guilty, the small clause's subject or the object
        subject = next((c for c in judged.children if c.dep_ == "nsubj"), None)
        if subject is not None or judged.head.i == judged.i:
            return subject
        judged = judged.head
    if judged.pos_ != "VERB":
        return None
    return next((c for c in judged.children if c.dep_ == "dobj"), None) or next(
        (c for c in judged.children if c.dep_ == "nsubjpass" and c.pos_ == "PROPN"), None)  # 'the UAE was accused of'


def origin(sent: Sentence, ent, reg: Registry, made: frozenset[str] = frozenset()) -> str | None:
    """'acquire Iranian missiles' / 'Turkish-made drones': the state named as where they come from
    (a bare demonym, or only a '-made' / '-supplied' one when `made` names those participles)."""
    head = noun_head(ent.root)
    for t in [*ent.root.children, *(head.children if head.i != ent.root.i else ())]:
        if made and (a := _hyphen_maker(sent, t, reg)):
            return a
        if made and t.dep_ == "amod" and t.lemma_.lower() in made:
            t = next((c for c in t.children if c.dep_ in ("npadvmod", "compound", "amod")), t)
        elif made:
            continue
        if t.dep_ in ("amod", "compound", "npadvmod") and (a := reg.actor_at(sent.n, t)) and reg.actors[a].type == "state":
            return a
    return None


def _hyphen_maker(sent: Sentence, tok, reg: Registry) -> str | None:
    """'U.S.-supplied' kept as one token: the state before the hyphen."""
    maker, _, made = tok.text.rpartition("-")
    if tok.dep_ != "amod" or not maker or made.lower() not in MADE_FORMS:
        return None
    actor = reg.actor_at(sent.n, tok) or reg.gaz.lookup(maker)
    entry = reg.gaz.actors.get(actor) if actor else None
    if actor is None or (entry and entry.type != "state") or (actor in reg.actors and reg.actors[actor].type != "state"):
        return None
    if actor not in reg.actors:
        reg.ensure(actor, entry.name, entry.type).add_alias(maker)
    return actor


def noun_head(tok):
    """'IRIS-T systems': the system name modifies the noun that the verb takes."""
    while tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN") and (
            tok.dep_ in ("compound", "nmod") or (tok.dep_ == "amod" and tok.ent_type_ == "WEAPON")):
        tok = tok.head  # 'Mistral short-range missiles': the model reads a system name as an adjective
    return tok


def lemmas(objects) -> frozenset[str]:
    """The transferred things' head lemmas, through 'a range of weaponry'."""
    out = set()
    for o in objects:
        out.add(o.lemma_.lower())
        out |= {p.lemma_.lower() for c in o.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                for p in c.children if p.dep_ == "pobj"}
    return frozenset(out)


def subject_of(verb, receiving: bool):
    """Who acts: the subject, a passive agent, a controlling verb's subject; for purchases,
    the owner of the plan ('Russian negotiations to acquire')."""
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lower_ in RELATIVES and verb.dep_ == "relcl":
            return verb.head  # 'North Korea, which has supplied Moscow with shells'
        if c.dep_ == "nsubj" and c.lower_ in RELATIVES and verb.dep_ == "ccomp" and verb.head.dep_ == "relcl":
            return verb.head.head  # 'firms that it said shipped drones': the firms ship
        if c.dep_ == "nsubj" and c.lower_ in PERSONAL and verb.dep_ == "ccomp" and verb.head.i != verb.i:
            outer = subject_of(verb.head, receiving)
            if outer is not None and c.lower_ == "they" and outer.tag_ in ("NN", "NNP") and not outer.conjuncts:
                return c  # 'the department said they had shipped': 'they' is not the singular speaker
            return outer or c  # 'Germany said it would send'
        if c.dep_ == "nsubj" and not _absolute_agent(verb):
            return c
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    if verb.dep_ == "xcomp" and (obj := next((c for c in verb.head.children if c.dep_ == "dobj"), None)):
        return obj  # 'urged partners to provide': the partners would supply, not the speaker
    if (convict := charged(verb)) is not None:
        return convict
    if verb.dep_ == "xcomp" and (raised := next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)):
        return raised  # 'Iran was found to have supplied', 'Minsk is believed to have sent'
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return subject_of(verb.head, receiving)
    if verb.dep_ == "acl" and receiving:
        owner = next((c for c in verb.head.children if c.dep_ in ("amod", "poss", "compound")), None)
        return owner or _clause_subject(verb.head)
    return None


def _absolute_agent(verb) -> bool:
    """'most of them supplied by Iran': a bare participle's subject is what it transfers; its agent acts."""
    return verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children) \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _clause_subject(noun):
    """'Ukraine needs permission to use': the subject of the verb that takes the noun."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    return subject_of(verb, True)


def to_object(head):
    """The recipient noun of a verb: its indirect object, or the object of its "to"."""
    for c in head.children:
        if c.dep_ == "dative" and c.lower_ != "to":
            return c
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def from_object(head):
    """The object of a verb's or noun's "from" phrase (the supplier of a purchase)."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def actor_of(sent: Sentence, tok, reg: Registry, outside=None) -> str | None:
    """The first actor in the phrase, an armed force or defence ministry standing for its state;
    none from inside `outside` ('convicted Balakaev of exporting chips to Russia': not Russia)."""
    if tok is None:
        return None
    outside = outside if outside is not None and tok in outside.ancestors else None
    for t in [tok, *tok.subtree]:
        if outside is not None and outside.left_edge.i <= t.i <= outside.right_edge.i:
            continue
        if t.head.lower_ == "born" and t.head.i != t.i:
            continue  # 'a Russian-born businessman': a birthplace does not stand for the person
        actor = reg.actor_at(sent.n, t)
        if actor and reg.actors[actor].type != "anonymous-source":
            return state_of(reg, actor)
    return None


def state_of(reg: Registry, actor: str) -> str:
    """'the IDF received bombs': Israel receives, when the article names Israel; else the institution.
    A force only described ('the army itself has received') stays itself: the text names no more."""
    record = reg.actors[actor]
    if record.type != "organization" or not MILITARY.search(record.name) or actor not in reg.gaz.actors:
        return actor
    state = next((s for s in reg.actors if actor.startswith(s + "-") and reg.actors[s].type == "state"), None)
    return state if state in reg.actors and reg.actors[state].active else actor


def status(verb) -> str:
    """planned / negotiated / requested / delivered / reported, from the verb and what governs it."""
    governors = {a.lemma_.lower() for a in verb.ancestors} | {verb.head.lemma_.lower()}
    if governors & REQUESTED:
        return "requested"
    if governors & NEGOTIATED:
        return "negotiated"
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if governors & PLANNED or auxes & {"will", "would", "could", "may", "might"}:
        return "planned"
    if verb.tag_ in ("VBD", "VBN") or "begin" in governors:
        return "delivered"
    return "reported"


def container(tok):
    """Climb from a weapon to the noun that quantifies or lists it ('number of drones')."""
    while True:
        if tok.dep_ == "conj" or (tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.i < tok.i):
            tok = tok.head  # 'shipped missiles and 170mm guns': the model may hang the second as an appositive
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("for", "of") and tok.head.head.lemma_.lower() in PARTS:
            tok = tok.head.head  # 'components for ballistic missiles'
        elif tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lower_ == "along":
            return tok.head.head.head  # 'supplied Russia with missiles, along with shells'
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("of", "including") and tok.head.head.pos_ in ("NOUN", "VERB", "NUM"):
            prep = tok.head
            if prep.lower_ == "of" and prep.head.lemma_.lower() not in CONTAINERS | NOMINAL and prep.head.pos_ != "NUM":
                return tok
            tok = prep.head
            if prep.lower_ == "including" or tok.pos_ == "VERB":
                return tok
        else:
            return tok
