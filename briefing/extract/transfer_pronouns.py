"""Pronoun objects of transfer verbs: 'Washington first supplied them to Kyiv' after a sentence that
names the system. The pronoun takes the latest weapon it agrees with, a named system first."""
from __future__ import annotations

from .document import Sentence
from .transfer_parts import RECEIVE, SUPPLY

OBJECT_PRONOUNS = {"them": "plural", "it": "singular", "they": "plural"}
PLURAL_TAGS = frozenset(("NNS", "NNPS"))


def pronoun_objects(sent: Sentence) -> list:
    """Pronouns that are what a supply or purchase verb transfers ('supplied them', 'they were shipped')."""
    out = []
    for tok in sent.doc:
        verb = tok.head
        if tok.lower_ not in OBJECT_PRONOUNS or verb.lemma_.lower() not in SUPPLY | RECEIVE:
            continue
        if (tok.dep_ == "dobj" and tok.lower_ != "they") or (tok.dep_ == "nsubjpass" and tok.lower_ != "them"):
            if not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
                out.append(sent.doc[tok.i : tok.i + 1])
    return out


def antecedent(pronoun, seen: list[tuple[int, object]], n: int, named) -> object | None:
    """The weapon mention (this sentence before the pronoun, or the one before) the pronoun stands for."""
    near = [(m, ent) for m, ent in seen if m == n - 1 or (m == n and ent.start < pronoun.start)]
    fits = [ent for _, ent in near if _agrees(pronoun.root, ent.root)]
    return next((e for e in reversed(fits) if named(e)), fits[-1] if fits else None)


def _agrees(pronoun, noun) -> bool:
    """'them' does not stand for 'the system', nor 'it' for 'drones'; a name ('ATACMS') fits either."""
    if noun.pos_ == "PROPN":
        return True
    plural = noun.tag_ in PLURAL_TAGS
    return plural == (OBJECT_PRONOUNS[pronoun.lower_] == "plural")
