"""Transfer frames: the supply, purchase or 'made-in' frame a weapon mention is the object of."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .document import Sentence
from .registry import Registry
from .transfer_deals import contracted, package_noun, seized
from .transfer_parts import (INCLUDE, MADE, NEGOTIATED, NOMINAL, RECEIVE, RELATIVES, SUPPLY, USE, WITH_SUPPLY, actor_of, container,
                             charged, first_actor, from_object, lemmas, noun_head, origin, state_of, status, subject_of, to_object)


TAKE = frozenset("take accept await receive get".split())  # 'took delivery of'
DATIVE = frozenset("give send hand sell offer lend promise".split())  # 'gave Kyiv missiles'
APPROVE = frozenset("approve authorize authorise clear greenlight notify".split())  # 'approved the sale of'


@dataclass
class Frame:
    """A transfer found in a sentence: its verb or noun, supplier, recipient and status."""

    supplier: str | None
    recipient: str | None
    status: str
    objects: frozenset[str]  # lemmas of what was transferred ("range", "weaponry")
    rule: str = "supply-verb"  # the frame's rule name, recorded as the weapon's provenance
    carries: bool = True  # whether a later supplier-only mention may take this frame's recipient


def transfer_frame(sent: Sentence, ent, reg: Registry) -> Frame | None:
    """The supply or purchase frame the weapon is the object of, if any."""
    return _frame_at(sent, container(noun_head(ent.root)), ent, reg, 0)


def _frame_at(sent: Sentence, tok, ent, reg: Registry, depth: int) -> Frame | None:
    """The frame around `tok`, the weapon or the noun that holds it."""
    if (deal := seized(sent, tok, ent, reg, Frame) or contracted(sent, tok, ent, reg, Frame)) is not None:
        return deal
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOMINAL:
        return _nominal(sent, tok, ent, reg)
    if (said := _reported_supply(tok)) is not None:
        return _reported_frame(sent, tok, said, ent, reg)
    if (verb := _with_verb(tok)) is not None:
        recipient = actor_of(sent, next((c for c in verb.children if c.dep_ == "dobj"), None), reg)
        supplier = _supplier(sent, verb, noun_head(ent.root), reg) or _partner(sent, verb, reg)
        return Frame(supplier, recipient if recipient != supplier else None, status(verb), lemmas([tok]), "supply-with")
    verb = _clause_on(tok) or (tok if tok.pos_ == "VERB" else tok.head if tok.dep_ in ("dobj", "nsubjpass", "dative")
                               or _absolute(tok) else None)
    if verb is not None and verb.lower_ == "including" and verb.dep_ == "prep":
        verb = verb.head  # 'ship weaponry to Russia, including missiles'
    verb = verb if verb is not None else _used_by(tok)
    if verb is None:
        return None
    if verb.lemma_.lower() in INCLUDE and depth < 2 and (package := package_noun(verb)) is not None:
        inner = _frame_at(sent, container(package), ent, reg, depth + 1)  # 'a package that includes X'
        return replace(inner, rule="package-includes") if inner else None
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] or [tok]
    heads = [verb, *objects, *(c for o in objects for c in o.conjuncts), ent.root, noun_head(ent.root)]
    departures = [*heads, *filter(None, map(from_object, heads))]  # 'from a port to Russia': 'to' hung on the port
    if lemma in SUPPLY:  # 'the ships moved North Korean shells to Russia': unnamed carriers, the maker's state supplies
        supplier = _supplier(sent, verb, noun_head(ent.root), reg) or _partner(sent, verb, reg) \
            or (None if charged(verb) is not None else _made_by(sent, ent, reg))  # a convict's goods: not their maker's
        recipient = first_actor(sent, reg, [to_object(h) for h in departures]) or first_actor(
            sent, reg, [c for c in verb.children if c.dep_ in ("dobj", "dative") and ent.root not in c.subtree]) \
            or _shared_recipient(sent, verb, reg) or _user(sent, tok, verb, reg) or _inner_to(sent, [*objects, *_worth(verb)], reg) \
            or _two_objects(sent, verb, ent, reg)
    elif lemma in RECEIVE:
        recipient = actor_of(sent, subject_of(verb, True), reg)
        supplier = first_actor(sent, reg, [from_object(h) for h in heads]) or origin(sent, ent, reg) \
            or origin(sent, ent, reg, MADE)  # 'received Iranian-made drones'
        recipient = _beneficiary(sent, departures, reg) or recipient \
            or _user(sent, tok, verb, reg)  # 'used fighter jets bought from Russia': who uses them bought them
    else:
        return _made_in(sent, verb, ent, reg)
    recipient = recipient if recipient != supplier else None  # 'Pyongyang sent North Korean missiles'
    return Frame(supplier, recipient, status(verb), lemmas(objects), "supply-verb" if lemma in SUPPLY else "receive-verb",
                 not _barred(verb))


def _barred(verb) -> bool:
    """'banned Tehran from exporting missiles': a transfer forbidden, not one that happened (whose
    supplier, named again, is not taken to supply the same recipient)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # 'banned Tehran from exporting or importing'
    return verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.lemma_.lower() in BAR


BAR = frozenset("ban bar prohibit forbid prevent stop block restrict".split())


def _made_by(sent: Sentence, ent, reg: Registry) -> str | None:
    """The state a shipment comes from by its demonym, which may stand on the first of conjoined
    objects ('moved North Korean ammunition and ballistic missiles to Russia')."""
    found = origin(sent, ent, reg)
    root = ent.root
    while found is None and root.dep_ == "conj" and root.head.pos_ in ("NOUN", "PROPN"):
        root = root.head
        found = next((a for c in root.children if c.dep_ in ("amod", "compound", "nmod") and c.i < root.i
                      for t in c.subtree if (a := reg.actor_at(sent.n, t)) and reg.actors[a].type == "state"), None)
    return found


def _beneficiary(sent: Sentence, heads, reg: Registry) -> str | None:
    """'Denmark ordered rounds from Rheinmetall for Ukraine': the state or group bought for receives."""
    objects = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "for"
               for p in c.children if p.dep_ == "pobj"]
    actor = first_actor(sent, reg, objects)
    return actor if actor and reg.actors[actor].type in ("state", "group") else None


def _supplier(sent: Sentence, verb, tok, reg: Registry) -> str | None:
    """The supplying subject; with 'respectively', the conjunct in the weapon's position
    ('Iran and North Korea supplied drones and shells respectively')."""
    subject = subject_of(verb, False)
    if subject is not None and subject.conjuncts:
        first = tok.head if tok.dep_ == "conj" else tok
        while first.dep_ == "conj":
            first = first.head
        items, subjects = [first, *first.conjuncts], [subject, *subject.conjuncts]
        respective = any(c.lower_ == "respectively" for c in verb.children) or len(items) == len(subjects)
        if respective and tok in items and items.index(tok) < len(subjects):
            return reg.actor_at(sent.n, subjects[items.index(tok)]) or actor_of(sent, subject, reg, verb)
    return actor_of(sent, subject, reg, verb) or _supplied_from(sent, verb, reg)


def _supplied_from(sent: Sentence, verb, reg: Registry) -> str | None:
    """'the network smuggled engines from Iran to Yemen': with no supplier for subject, the state
    or group the goods were sent from (a place of departure that is not one stays unknown)."""
    sources = [from_object(h) for h in (verb, *(c for c in verb.children if c.dep_ == "dobj"))]
    actor = next((a for t in sources if t is not None and (a := actor_of(sent, t, reg, next(
        (c for c in t.children if c.dep_ == "prep" and c.lower_ in ("to", "into")), None)))), None)
    return actor if actor and reg.actors[actor].type in ("state", "group") else None


def _two_objects(sent: Sentence, verb, ent, reg: Registry) -> str | None:
    """'has given Kyiv ATACMS missiles' / 'gave the Kyiv regime ATACMS missiles': a verb of giving with
    two objects the model read as one noun phrase; the place or group named before the weapon
    receives (a demonym, 'North Korean missiles', is where they come from, not who gets them)."""
    if verb.lemma_.lower() not in DATIVE:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and ent.root in c.subtree), None)
    if obj is None:
        return None
    before = [t for t in obj.subtree if t.i < ent.start and t.ent_type_ in ("GPE", "ORG")]
    actor = next((a for t in before if (a := reg.actor_at(sent.n, t))), None)
    return actor if actor and reg.actors[actor].type in ("state", "group") else None


def _worth(verb) -> list:
    """'exported parts worth more than £1m to Russia': the value phrase the model hangs 'to' on."""
    return [c for c in verb.children if c.dep_ in ("oprd", "advmod") and c.lower_ == "worth"]


def _inner_to(sent: Sentence, objects, reg: Registry) -> str | None:
    """'shipped 40,000 rounds from a new contract to Ukraine', 'sold shells worth $30m to Russia':
    the model hangs 'to' inside the object or its value."""
    return first_actor(sent, reg, [to_object(t) for o in objects for t in o.subtree
                                   if t.pos_ in ("NOUN", "PROPN", "NUM") or t.lower_ == "worth"])


def _shared_recipient(sent: Sentence, verb, reg: Registry) -> str | None:
    """'supplied Russia with missiles and is providing guns': the second verb shares the first's recipient."""
    if verb.dep_ != "conj" or verb.head.lemma_.lower() not in WITH_SUPPLY:
        return None
    head = verb.head
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in head.children):
        return actor_of(sent, next((c for c in head.children if c.dep_ == "dobj"), None), reg)
    return actor_of(sent, to_object(head), reg)


def _user(sent: Sentence, noun, verb, reg: Registry) -> str | None:
    """'permission to use ATACMS missiles supplied by the United States', 'has received missiles supplied
    by Britain': who uses or receives them received them."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.head.lemma_.lower() in USE:
        return actor_of(sent, subject_of(verb.head, True), reg)  # 'Hezbollah had rockets, most of them supplied by Iran'
    if verb.dep_ != "acl" or noun.dep_ != "dobj" or noun.head.lemma_.lower() not in USE | RECEIVE:
        return None
    return actor_of(sent, subject_of(noun.head, True), reg)


def _used_by(noun):
    """'Russian-made jets flown by Myanmar's air force': the participle of use on the weapon."""
    return next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in USE
                 and any(a.dep_ == "agent" for a in c.children)), None)


def _made_in(sent: Sentence, verb, ent, reg: Registry) -> Frame | None:
    """'India flies Israeli-made Heron drones': the maker supplies, the state that uses them receives."""
    supplier = origin(sent, ent, reg, MADE) or origin(sent, ent, reg)  # 'is using North Korean missiles'
    if supplier is None or verb.lemma_.lower() not in USE:
        return None
    recipient = actor_of(sent, subject_of(verb, True), reg)
    return Frame(supplier, recipient if recipient != supplier else None, "delivered", lemmas([ent.root]), "made-in")


REPORTING = frozenset("say claim allege believe report".split())


def _reported_supply(tok):
    """'companies that it said supplied drones to Russia': the model reads the supply verb as an
    adjective of the weapon and the weapon as the object of the reporting verb; the participle."""
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in REPORTING:
        return None
    return next((c for c in tok.children if c.dep_ == "amod" and c.tag_ in ("VBN", "VBD") and c.i < tok.i
                 and c.lemma_.lower() in SUPPLY and c.i == tok.head.i + 1), None)


def _reported_frame(sent: Sentence, tok, said, ent, reg: Registry) -> Frame:
    """The supplier is what the relative clause describes ('three Iranian companies': Iran, by its
    nationality, or the named company); the recipient is the object of the weapon's 'to'."""
    report, supplier = tok.head, None
    if report.dep_ == "relcl":
        noun = report.head
        supplier = reg.actor_at(sent.n, noun) or next(
            (a for c in noun.children if c.dep_ in ("amod", "compound", "poss") and c.i < noun.i
             for t in c.subtree if (a := reg.actor_at(sent.n, t))), None)
        supplier = state_of(reg, supplier) if supplier else None
    recipient = first_actor(sent, reg, [to_object(tok), to_object(said), to_object(report)])
    return Frame(supplier, recipient if recipient != supplier else None, "delivered", lemmas([tok]), "reported-supply")


def _absolute(tok) -> bool:
    """'most of them supplied by Iran': a participle with no auxiliary whose subject is what it transfers."""
    verb = tok.head
    return tok.dep_ == "nsubj" and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _with_verb(tok):
    """'supplied Moscow with shells': the supply verb whose 'with' phrase holds the weapon."""
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ == "with" and prep.head.lemma_.lower() in WITH_SUPPLY:
        return prep.head if prep.head.pos_ in ("VERB", "AUX") else None
    return None


def _clause_on(noun):
    """'missiles, which Britain has provided to Ukraine' / 'drones supplied by the UAE'."""
    for c in noun.children:
        if c.lemma_.lower() not in SUPPLY | RECEIVE:
            continue
        if c.dep_ == "relcl" and any(o.dep_ in ("dobj", "nsubjpass") and o.lower_ in RELATIVES for o in c.children):
            return c
        if c.dep_ == "relcl" and c.i > noun.i and not any(o.dep_ in ("dobj", "nsubjpass", "ccomp") for o in c.children) \
                and any(o.dep_ == "nsubj" and o.lower_ not in RELATIVES for o in c.children):
            return c  # 'the drones the UAE supplied': the relative pronoun left out
        if c.dep_ == "acl" and c.tag_ == "VBN":
            return c
    return None


def _nominal(sent: Sentence, noun, ent, reg: Registry) -> Frame:
    """'the supply of Iranian missiles to Moscow'; 'took delivery of drones from Turkey' (who takes
    delivery receives); 'approved the sale of jets to the UAE' (who approves the sale supplies)."""
    path = [noun, *(a for a in ent.root.ancestors if noun in a.ancestors), ent.root]
    recipient = first_actor(sent, reg, [to_object(h) for h in path])
    supplier = first_actor(sent, reg, [from_object(h) for h in path])
    for t in list(noun.children) + list(ent.root.children):
        if supplier is None and t.dep_ in ("poss", "amod", "compound") and reg.actor_at(sent.n, t):
            supplier = reg.actor_at(sent.n, t)
    verb, state, rule = noun.head if noun.dep_ == "dobj" else None, "reported", "nominal-transfer"
    if verb is not None and verb.lemma_.lower() in TAKE and recipient is None:
        recipient, state, rule = actor_of(sent, subject_of(verb, True), reg), status(verb), "took-delivery"
    elif verb is not None and verb.lemma_.lower() in APPROVE and supplier is None:
        supplier, state, rule = actor_of(sent, subject_of(verb, False), reg), "approved", "approved-sale"
    barred = verb is not None and verb.lemma_.lower() in BAR  # 'vowed to block Iran's sale of missiles'
    return Frame(supplier, recipient if recipient != supplier else None, state,
                 frozenset({noun.lemma_.lower(), ent.root.lemma_.lower()}), rule, not barred)


def _partner(sent: Sentence, verb, reg: Registry) -> str | None:
    """'in talks with Berlin about providing Ukraine with launchers': the partner in the talks supplies."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("about", "on", "over") or prep.head.lemma_.lower() not in NEGOTIATED:
        return None
    return first_actor(sent, reg, [p for c in prep.head.children if c.dep_ == "prep" and c.lower_ == "with"
                                   for p in c.children if p.dep_ == "pobj"])
