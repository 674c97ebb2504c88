"""Deal and interdiction frames: contracts for weapons, packages that include them, seized shipments."""
from __future__ import annotations

from .document import Sentence
from .registry import Registry
from .transfer_parts import actor_of, lemmas, subject_of

SEIZE = frozenset("seize intercept interdict confiscate capture impound".split())
BOUND = frozenset("bound destined headed head".split())
ORDERS = frozenset("contract deal order agreement".split())
SIGN = frozenset("sign award place conclude clinch finalize seal win".split())


def seized(sent: Sentence, tok, ent, reg: Registry, frame_cls):
    """'seized a shipment of Iranian weapons bound for the Houthis': the demonym supplies,
    the 'bound for' phrase receives, and the transfer was intercepted."""
    verb = tok.head
    if tok.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in SEIZE:
        return None
    supplier = _demonym(sent, [t for t in tok.subtree if t.i < ent.root.i or t in ent.root.subtree], reg)
    recipient = None
    for t in tok.subtree:
        if (t.lower_ in BOUND or t.lemma_.lower() in BOUND) and t.dep_ in ("acl", "amod", "relcl", "advcl"):
            prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("for", "to")), None)
            recipient = actor_of(sent, next((p for p in prep.children if p.dep_ == "pobj"), None), reg) if prep else None
            break
    if not (supplier or recipient):
        return None
    return frame_cls(supplier, recipient, "intercepted", lemmas([tok]), "seized-bound-for")


def contracted(sent: Sentence, tok, ent, reg: Registry, frame_cls):
    """'Poland signed a contract with Hyundai Rotem for K2 tanks': the signer receives; a state
    named after 'with' supplies (a company is left to the sentences that name its country)."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "for":
        return None
    head = tok.head.head
    deal = head if head.lemma_.lower() in ORDERS else next(
        (c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in ORDERS), None)
    if deal is None:
        return None
    verb = head if head.pos_ in ("VERB", "AUX") else deal.head
    if verb.lemma_.lower() not in SIGN:
        return None
    recipient = actor_of(sent, subject_of(verb, True), reg)
    partner = next((p for c in deal.children if c.dep_ == "prep" and c.lower_ == "with"
                    for p in c.children if p.dep_ == "pobj"), None)
    supplier = actor_of(sent, partner, reg)
    if supplier and reg.actors[supplier].type != "state":
        supplier = None
    if not (supplier or recipient):
        return None
    return frame_cls(supplier, recipient if recipient != supplier else None, "ordered", lemmas([tok, deal]), "contract-for")


def package_noun(verb):
    """'a package of aid that includes HIMARS ammunition': the package the 'includes' clause describes."""
    return verb.head if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") else None


def _demonym(sent: Sentence, toks, reg: Registry) -> str | None:
    """The state named as a modifier ('Iranian weapons', 'Iranian-made components')."""
    for t in toks:
        if t.dep_ in ("amod", "compound", "npadvmod", "nmod") and (a := reg.actor_at(sent.n, t)) \
                and reg.actors[a].type == "state":
            return a
    return None
