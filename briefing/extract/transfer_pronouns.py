"""Pronoun objects of transfer verbs: 'Washington first supplied them to Kyiv' after a sentence that
names the system. The pronoun takes the latest weapon it agrees with, a named system first."""
from __future__ import annotations

from .document import Sentence
from .registry import Registry
from .transfer_parts import RECEIVE, SUPPLY, container

OBJECT_PRONOUNS = {"them": "plural", "it": "singular", "they": "plural"}
PLURAL_TAGS = frozenset(("NNS", "NNPS"))
HOLDING = frozenset("fire launch use have hold possess deploy stockpile amass acquire".split())
SHARES = frozenset("most many some all half several none".split())  # 'most of them were supplied by Iran'


def pronoun_objects(sent: Sentence) -> list:
    """Pronouns that are what a supply or purchase verb transfers ('supplied them', 'they were shipped')."""
    out = [share for tok in sent.doc if tok.lower_ in SHARES and (share := _share(sent, tok)) is not None]
    for tok in sent.doc:
        if tok.lower_ not in OBJECT_PRONOUNS:
            continue
        verb = tok.head
        if verb.lemma_.lower() not in SUPPLY | RECEIVE:
            continue
        if (tok.dep_ == "dobj" and tok.lower_ != "they") or (tok.dep_ == "nsubjpass" and tok.lower_ != "them"):
            if not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
                out.append(sent.doc[tok.i : tok.i + 1])
    return out


def _share(sent: Sentence, tok):
    """'most of them (were) supplied by Iran': the share, as the span 'most of them', that the verb transfers."""
    if tok.lower_ not in SHARES or tok.dep_ not in ("nsubjpass", "nsubj") or tok.head.lemma_.lower() not in SUPPLY:
        return None
    if tok.dep_ == "nsubj" and tok.head.tag_ != "VBN":
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pronoun = next((p for p in of.children if p.dep_ == "pobj" and p.lower_ in ("them", "these", "those")), None) if of else None
    return sent.doc[tok.i : pronoun.i + 1] if pronoun is not None else None


def _pronoun(span):
    """The pronoun of a span ('them' of 'most of them')."""
    return next(t for t in reversed(span) if t.lower_ in OBJECT_PRONOUNS or t.lower_ in ("these", "those"))


def antecedent(pronoun, seen: list[tuple[int, object]], n: int, named) -> object | None:
    """The weapon mention (this sentence before the pronoun, or the one before) the pronoun stands for."""
    near = [(m, ent) for m, ent in seen if m == n - 1 or (m == n and ent.start < pronoun.start)]
    fits = [ent for _, ent in near if _agrees(_pronoun(pronoun), ent.root)]
    return next((e for e in reversed(fits) if named(e)), fits[-1] if fits else None)


def _agrees(pronoun, noun) -> bool:
    """'them' does not stand for 'the system', nor 'it' for 'drones'; a name ('ATACMS') fits either."""
    if noun.pos_ == "PROPN":
        return True
    plural = noun.tag_ in PLURAL_TAGS
    return plural == (OBJECT_PRONOUNS.get(pronoun.lower_, "plural") == "plural")


def holder(ent, n: int, reg: Registry) -> str | None:
    """'Hezbollah has fired thousands of rockets': the actor that fires, uses or holds the weapon,
    which a share of it supplied in the next sentence ('most of them were supplied by Iran') went to."""
    tok = container(ent.root)
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        tok = tok.head.head  # 'hundreds of rockets'
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in HOLDING:
        return None
    subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    return reg.actor_at(n, subject) if subject is not None else None
