"""Weapon mentions: gazetteer systems, unknown designators and the class nouns they name.

"KN-23 short-range ballistic missiles" is one weapon (KN-23) with the whole phrase as an alias;
"Starstreak missiles" or "AS90 self-propelled guns" name a system the gazetteer does not know.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..textutil import slugify
from .gazetteer import Entry, Gazetteer

GENERIC_HEADS = frozenset("gun howitzer system launcher jet vehicle aircraft plane quadcopter radar".split())
NOT_DESIGNATORS = frozenset(("GPE", "NORP", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"))
MAX_MODIFIERS = 4
MODIFIER_DEPS = frozenset(("amod", "compound", "nmod", "npadvmod", "punct"))
ALNUM = re.compile(r"[A-Za-z].*\d|\d.*[A-Za-z]")
MODEL_CODE = re.compile(r"[A-Z]{1,4}-\d{1,4}[A-Z]?")
# 'arms embargo', 'arms sales': the weapon is the arms; the trade noun only tells that they are weapons.
TRADE_NOUNS = frozenset("""embargo sale deal shipment supply supplies export import transfer trade trafficking
    smuggling dealer cache depot purchase package delivery deliveries contract race industry""".split())
# A bare 'aircraft' is a weapon at war: beside troops or tanks, or the one that attacks.
AIRCRAFT = frozenset(("aircraft", "plane", "jet", "warplane"))
FORCE_NOUNS = frozenset("troop soldier force army tank artillery warship gunship helicopter militia".split())
ATTACK_VERBS = frozenset("attack bomb strike raid pound shell fire target strafe bombard kill destroy".split())


@dataclass
class WeaponMention:
    """A weapon named in a sentence: the words and the system (gazetteer or found) they name."""

    span: object
    ent_id_: str

    @property
    def root(self):
        """The head noun of the phrase."""
        return self.span.root

    @property
    def start(self) -> int:
        """The first token's index."""
        return self.span.start

    @property
    def text(self) -> str:
        """The words as written."""
        return self.span.text


def named(entry: Entry) -> bool:
    """A named system (Patriot, KN-23), not a class of weapon (cruise missiles)."""
    return entry.name != entry.name.lower()


def weapon_mentions(doc, gaz: Gazetteer) -> list[WeaponMention]:
    """The weapons of a sentence, a class noun merged into the designator before it."""
    out: list[WeaponMention] = []
    ents = [e for e in doc.ents if e.label_ == "WEAPON"]
    heads = [t for t in doc if t.lemma_.lower() in GENERIC_HEADS and t.pos_ == "NOUN" and t.ent_type_ != "WEAPON"]
    for span in sorted(ents + [doc[t.i : t.i + 1] for t in heads], key=lambda s: s.start):
        is_ent = span.label_ == "WEAPON"
        if is_ent and named(gaz.weapons[span.ent_id_]) and _surname(doc, span):
            continue  # 'Selcuk Bayraktar' is a person
        if is_ent and named(gaz.weapons[span.ent_id_]):
            out.append(WeaponMention(span, span.ent_id_))
            continue
        found = designator(doc, span.start, gaz)
        prev = out[-1] if out else None
        if found and prev is not None and found[0] <= prev.span.start and prev.span.end <= span.start:
            prev.span = doc[prev.span.start : span.end]  # 'KN-23 short-range ballistic missiles'
        elif found and (entry := _found_system(doc, found, span, gaz)):
            out.append(WeaponMention(doc[found[0] : span.end], entry.id))
        elif is_ent:
            out.append(WeaponMention(_trimmed(span), span.ent_id_))
        elif "military-aircraft" in gaz.weapons and at_war(span.root):
            out.append(WeaponMention(span, "military-aircraft"))
    return out


def _trimmed(span):
    """'arms embargo' -> 'arms': a trade noun after the weapon is not part of its name."""
    if len(span) > 1 and span[-1].lemma_.lower() in TRADE_NOUNS:
        return span[:-1]
    return span


def at_war(tok) -> bool:
    """'troops and aircraft began attacking', 'aircraft pounded the town': an aircraft used as a weapon."""
    if tok.lemma_.lower() not in AIRCRAFT:
        return False
    if any(c.lemma_.lower() in FORCE_NOUNS for c in tok.conjuncts):
        return True
    head = tok.head if tok.dep_ != "conj" else tok.head.head
    subject = tok.dep_ in ("nsubj", "agent", "pobj") or (tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "pobj"))
    if head.dep_ == "agent" or (head.lower_ == "by" and head.dep_ == "prep"):
        head = head.head
    verbs = [head, *(c for c in head.children if c.dep_ == "xcomp")]
    return subject and any(v.lemma_.lower() in ATTACK_VERBS for v in verbs)


def _surname(doc, span) -> bool:
    """A one-word system name right after a given name ('Selcuk Bayraktar', 'Omar Bradley')."""
    if len(span) != 1 or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.ent_type_ == "PERSON" or (prev.pos_ == "PROPN" and prev.text.istitle() and not prev.ent_type_
                                          and prev.dep_ == "compound" and not prev.is_sent_start)


def designator(doc, end: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """The (start, stop) of the designator before a class noun, past lowercase modifiers ('extended-range')."""
    i, skipped = end - 1, 0
    while i >= 0 and skipped < MAX_MODIFIERS and _modifier(doc[i], end):
        i, skipped = i - 1, skipped + 1
    stop, start = i + 1, None
    while i >= 0 and _designator_token(doc[i], gaz):
        start, i = i, i - 1
    while start is not None and start < stop and (doc[start].text in "-/" or (
            doc[start].pos_ == "NUM" and not ALNUM.search(doc[start].text))):
        start += 1  # '1,000 Starstreak missiles': the count is not the name
    if start is None or start >= stop or (start > 0 and doc[start - 1].text in "-/"):
        return None  # 'Surface-to-Air Missile Systems': part of a longer name
    return start, stop


def _modifier(tok, end: int) -> bool:
    """A lowercase word between a designator and its class noun ('extended-range', 'loitering')."""
    if tok.like_num and tok.i + 2 < end and tok.nbor(1).text == "-" and tok.nbor(2).is_lower:
        return True  # 'MK-84 2,000-pound bombs': a measure, not the name
    return (tok.text == "-" or tok.is_lower) and tok.dep_ in MODIFIER_DEPS and tok.i < tok.head.i <= end


def _designator_token(tok, gaz: Gazetteer) -> bool:
    """Part of a system's name: capitalised, alphanumeric (KN-23), a joining hyphen or a model number."""
    if (tok.ent_type_ in NOT_DESIGNATORS and not MODEL_CODE.fullmatch(tok.text)) or gaz.lookup(tok.text):
        return False  # 'MK-84' in '14,000 MK-84 bombs' is a model code the model reads as a quantity
    if tok.ent_type_ == "WEAPON":
        return any(e.start <= tok.i < e.end and named(gaz.weapons[e.ent_id_]) for e in tok.doc.ents)
    if tok.text in ("-", "/") or ALNUM.search(tok.text):
        return True
    if tok.pos_ == "NUM":
        return tok.i > 0 and tok.nbor(-1).pos_ == "PROPN"  # 'Challenger 2'
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.is_sent_start


def _found_system(doc, found: tuple[int, int], span, gaz: Gazetteer) -> Entry | None:
    """A system the gazetteer does not know, named by its designator ('Starstreak')."""
    name = doc[found[0] : found[1]].text.strip(" -/")
    if not name or name.lower() == name:
        return None
    entry = gaz.weapons.get(slugify(name))
    if entry is None:
        entry = Entry(slugify(name), name, "weapon", [])
        gaz.weapons[entry.id] = entry
    return entry
