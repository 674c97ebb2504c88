"""Weapon systems and transfer frames: who supplies what to whom, how many, how far along."""
from __future__ import annotations

from dataclasses import dataclass

from .registry import Registry
from .document import Sentence

SUPPLY = frozenset("send ship supply deliver provide sell transfer give export hand gift furnish smuggle".split())
WITH_SUPPLY = SUPPLY | {"arm", "equip"}  # 'supply / arm X with Y': X receives
RELATIVES = frozenset("which that who whom".split())
PERSONAL = frozenset("it they he she".split())
PACKAGES = frozenset("package aid tranche consignment shipment delivery".split())
RECEIVE = frozenset("buy acquire purchase receive obtain get import seek request want order".split())
NOMINAL = frozenset("supply delivery shipment transfer sale provision export shipping".split())
CONTAINERS = frozenset(
    """number range stock stocks dozen dozens hundred hundreds thousand thousands batch shipment supply
    supplies delivery deliveries arsenal million millions kind kinds type types array variety quantity quantities""".split())
COUNTS = frozenset("number dozen dozens hundred hundreds thousand thousands batch quantity".split())
INCLUDE = frozenset("include includes included comprise comprises contain contains feature features".split())
PLANNED = frozenset("plan intend seek want consider prepare aim agree promise pledge".split())
NEGOTIATED = frozenset("negotiation negotiate talk deal".split())
REQUESTED = frozenset("request ask urge plead call".split())
MADE = frozenset("make build supply manufacture produce".split())
USE = frozenset("fly operate field deploy use have own possess fire launch".split())
QUANTITY_DEPS = frozenset(("nummod", "quantmod"))


@dataclass
class Frame:
    """A transfer found in a sentence: its verb or noun, supplier, recipient and status."""

    supplier: str | None
    recipient: str | None
    status: str
    objects: frozenset[str]  # lemmas of what was transferred ("range", "weaponry")


def find_weapons(sentences: list[Sentence], reg: Registry) -> list[dict]:
    """One entry per weapon system and supplier/recipient pair, in order of first mention."""
    items: list[dict] = []
    frames: list[tuple[int, Frame]] = []
    for sent in sentences:
        for ent in sent.weapons:
            if ent.start and sent.doc[ent.start - 1].lower_ == "think":
                continue
            frame = transfer_frame(sent, ent, reg) or _inherited(sent, ent, frames)
            if frame and (frame.supplier or frame.recipient):
                frames.append((sent.n, frame))
            _merge(items, reg, ent, frame, sent.n)
    return items


def _merge(items: list[dict], reg: Registry, ent, frame: Frame | None, n: int) -> None:
    entry = reg.gaz.weapons[ent.ent_id_]
    supplier, recipient = (frame.supplier, frame.recipient) if frame else (None, None)
    same = [w for w in items if w["id"] == entry.id]
    target = next((w for w in same if _compatible(w, supplier, recipient)), None)
    if target is None and same and not (supplier and recipient):
        target = same[0]  # a partial frame that disagrees adds no new transfer
    elif target is not None and (supplier, recipient) != (target["supplier"], target["recipient"]):
        fill = {"supplier": target["supplier"] or supplier, "recipient": target["recipient"] or recipient}
        if (supplier or recipient) and not (target["supplier"] or target["recipient"]):
            fill["sentence"] = n
        target.update(fill)
    if target is None:
        target = {"id": entry.id, "name": entry.name, "aliases": list(entry.aliases), "supplier": supplier,
                  "recipient": recipient, "quantity": None, "status": None, "sentence": n}
        items.append(target)
    form = ent.text.replace("\u2019", "'")
    if form.lower() != entry.name.lower() and form.lower() not in (a.lower() for a in target["aliases"]):
        target["aliases"].append(form)
    if frame:
        target["quantity"] = target["quantity"] or quantity(ent)
    if frame and (target["status"] is None or frame.supplier or frame.recipient):
        target["status"] = target["status"] if target["status"] and not (supplier or recipient) else frame.status


def _compatible(item: dict, supplier: str | None, recipient: str | None) -> bool:
    """Same transfer, or one side unknown on either part."""
    return all(a is None or b is None or a == b
               for a, b in ((item["supplier"], supplier), (item["recipient"], recipient)))


def quantity(ent) -> str | None:
    """'several hundred', '4,000', 'a large number of', 'thousands of'."""
    root = ent.root
    nums = [c for c in root.children if c.dep_ in QUANTITY_DEPS]
    if nums:
        return " ".join(t.text for t in nums[0].subtree)
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root
    if head.i != root.i and head.lemma_.lower() in COUNTS:
        return "".join(t.text_with_ws for t in head.subtree if t.i <= head.i).strip() or None
    return None


def _container(tok):
    """Climb from a weapon to the noun that quantifies or lists it ('number of drones')."""
    while True:
        if tok.dep_ == "conj":
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lower_ == "along":
            return tok.head.head.head  # 'supplied Russia with missiles, along with shells'
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("of", "including") and tok.head.head.pos_ in ("NOUN", "VERB", "NUM"):
            prep = tok.head
            if prep.lower_ == "of" and prep.head.lemma_.lower() not in CONTAINERS | NOMINAL:
                return tok
            tok = prep.head
            if prep.lower_ == "including" or tok.pos_ == "VERB":
                return tok
        else:
            return tok


def transfer_frame(sent: Sentence, ent, reg: Registry) -> Frame | None:
    """The supply or purchase frame the weapon is the object of, if any."""
    tok = _container(_noun_head(ent.root))
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOMINAL:
        return _nominal(sent, tok, ent, reg)
    if (verb := _with_verb(tok)) is not None:
        recipient = _actor_of(sent, next((c for c in verb.children if c.dep_ == "dobj"), None), reg)
        return Frame(_supplier(sent, verb, _noun_head(ent.root), reg), recipient, status(verb), _lemmas([tok]))
    verb = _clause_on(tok) or (tok if tok.pos_ == "VERB" else tok.head if tok.dep_ in ("dobj", "nsubjpass", "dative")
                               else None)
    if verb is not None and verb.lower_ == "including" and verb.dep_ == "prep":
        verb = verb.head  # 'ship weaponry to Russia, including missiles'
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] or [tok]
    heads = [verb, *objects, *(c for o in objects for c in o.conjuncts), ent.root]
    if lemma in SUPPLY:
        supplier = _supplier(sent, verb, _noun_head(ent.root), reg)
        recipient = _first(sent, reg, [_to_object(h) for h in heads]) or _first(
            sent, reg, [c for c in verb.children if c.dep_ in ("dobj", "dative") and ent.root not in c.subtree])
    elif lemma in RECEIVE:
        recipient = _actor_of(sent, _subject(verb, True), reg)
        supplier = _first(sent, reg, [_from_object(h) for h in heads]) or _origin(sent, ent, reg)
    else:
        return _made_in(sent, verb, ent, reg)
    return Frame(supplier, recipient, status(verb), _lemmas(objects))


def _supplier(sent: Sentence, verb, tok, reg: Registry) -> str | None:
    """The supplying subject; with 'respectively', the conjunct in the weapon's position
    ('Iran and North Korea supplied drones and shells respectively')."""
    subject = _subject(verb, False)
    if subject is not None and subject.conjuncts and any(c.lower_ == "respectively" for c in verb.children):
        first = tok.head if tok.dep_ == "conj" else tok
        while first.dep_ == "conj":
            first = first.head
        items, subjects = [first, *first.conjuncts], [subject, *subject.conjuncts]
        if tok in items and items.index(tok) < len(subjects):
            return reg.actor_at(sent.n, subjects[items.index(tok)]) or _actor_of(sent, subject, reg)
    return _actor_of(sent, subject, reg)


def _made_in(sent: Sentence, verb, ent, reg: Registry) -> Frame | None:
    """'India flies Israeli-made Heron drones': the maker supplies, the state that uses them receives."""
    supplier = _origin(sent, ent, reg, MADE)
    if supplier is None or verb.lemma_.lower() not in USE:
        return None
    recipient = _actor_of(sent, _subject(verb, True), reg)
    return Frame(supplier, recipient if recipient != supplier else None, "delivered", _lemmas([ent.root]))


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
        if c.dep_ == "acl" and c.tag_ == "VBN":
            return c
    return None


def _lemmas(objects) -> frozenset[str]:
    """The transferred things' head lemmas, through 'a range of weaponry'."""
    out = set()
    for o in objects:
        out.add(o.lemma_.lower())
        out |= {p.lemma_.lower() for c in o.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                for p in c.children if p.dep_ == "pobj"}
    return frozenset(out)


def _first(sent: Sentence, reg: Registry, toks) -> str | None:
    return next((a for t in toks if (a := _actor_of(sent, t, reg))), None)


def _origin(sent: Sentence, ent, reg: Registry, made: frozenset[str] = frozenset()) -> str | None:
    """'acquire Iranian missiles' / 'Turkish-made drones': the state named as where they come from
    (a bare demonym, or only a '-made' / '-supplied' one when `made` names those participles)."""
    for t in ent.root.children:
        if made and t.dep_ == "amod" and t.lemma_.lower() in made:
            t = next((c for c in t.children if c.dep_ in ("npadvmod", "compound", "amod")), t)
        elif made:
            continue
        if t.dep_ in ("amod", "compound", "npadvmod") and (a := reg.actor_at(sent.n, t)) and reg.actors[a].type == "state":
            return a
    return None


def _noun_head(tok):
    """'IRIS-T systems': the system name modifies the noun that the verb takes."""
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _nominal(sent: Sentence, noun, ent, reg: Registry) -> Frame:
    """'the supply of Iranian missiles to Moscow'."""
    recipient = _actor_of(sent, _to_object(noun), reg)
    supplier = _actor_of(sent, _from_object(noun), reg)
    for t in list(noun.children) + list(ent.root.children):
        if supplier is None and t.dep_ in ("poss", "amod", "compound") and reg.actor_at(sent.n, t):
            supplier = reg.actor_at(sent.n, t)
    return Frame(supplier, recipient, "reported", frozenset({noun.lemma_.lower(), ent.root.lemma_.lower()}))


def _inherited(sent: Sentence, ent, frames: list[tuple[int, Frame]]) -> Frame | None:
    """'The weaponry includes artillery' after 'X shipped weaponry to Y'."""
    tok = _container(ent.root)
    verb = tok.head if tok.dep_ in ("dobj", "attr", "pobj") else tok
    if verb.lower_ not in INCLUDE and not any(c.lower_ in INCLUDE for c in verb.children):
        return None
    subjects = [c for c in list(verb.children) + list(verb.head.children) if c.dep_ in ("nsubj", "nsubjpass")]
    for n, frame in reversed(frames):
        if sent.n - n <= 2 and any(s.lemma_.lower() in frame.objects | PACKAGES for s in subjects):
            return frame
    return None


def _subject(verb, receiving: bool):
    """Who acts: the subject, a passive agent, a controlling verb's subject; for purchases,
    the owner of the plan ('Russian negotiations to acquire')."""
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lower_ in RELATIVES and verb.dep_ == "relcl":
            return verb.head  # 'North Korea, which has supplied Moscow with shells'
        if c.dep_ == "nsubj" and c.lower_ in PERSONAL and verb.dep_ == "ccomp" and verb.head.i != verb.i:
            return _subject(verb.head, receiving) or c  # 'Germany said it would send'
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    if verb.dep_ == "xcomp" and (obj := next((c for c in verb.head.children if c.dep_ == "dobj"), None)):
        return obj  # 'urged partners to provide': the partners would supply, not the speaker
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head, receiving)
    if verb.dep_ == "acl" and receiving:
        return next((c for c in verb.head.children if c.dep_ in ("amod", "poss", "compound")), None)
    return None


def _to_object(head):
    for c in head.children:
        if c.dep_ == "dative" and c.lower_ != "to":
            return c
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _from_object(head):
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _actor_of(sent: Sentence, tok, reg: Registry) -> str | None:
    if tok is None:
        return None
    for t in [tok, *tok.subtree]:
        actor = reg.actor_at(sent.n, t)
        if actor and reg.actors[actor].type != "anonymous-source":
            return actor
    return None


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
