"""Person names: titles, surnames and the roles the text gives them."""
from __future__ import annotations

import re

from .gazetteer import normal_form
from .registry import ActorRecord, Registry

HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. president prime minister gen gen. maj maj. lt lt. col col.
    adm adm. sen sen. rep rep. gov gov. secretary chancellor ayatollah king prince queen
    general lieutenant colonel admiral senator representative governor sheikh spokesman spokeswoman
    spokesperson""".split()
)
TITLE_DEPS = frozenset(("compound", "amod", "poss", "case", "nmod"))


def strip_titles(tokens) -> list:
    """Drop honorifics and titles in front of a name ("Maj. Gen.", "Mr.", "President")."""
    toks = list(tokens)
    while toks and (toks[0].lower_ in HONORIFICS or toks[0].text == "."):
        toks.pop(0)
    while toks and toks[-1].text in ("'s", "’s", "’", "'"):
        toks.pop()
    return toks


def titled_alias(record: ActorRecord, ent) -> None:
    """'Mr. Biden' / 'President Biden' are forms of the name too."""
    prev = ent.doc[ent.start - 1] if ent.start else None
    if record.type == "person" and prev is not None and prev.lower_ in HONORIFICS and prev.text[:1].isupper():
        record.add_alias(f"{prev.text} {ent.text}")


def remember_surnames(reg: Registry, actor_id: str, names: list[str]) -> None:
    """Let a later bare surname ('Kim', 'Austin') find this person."""
    for name in names:
        words = normal_form(name).split()
        if words:
            reg.surnames.setdefault(words[-1], actor_id)
        if len(words) >= 3:  # family name first ('Yoon Suk Yeol', 'Kim Jong Un'): 'Yoon' may name him
            known = reg.family_first.get(words[0], actor_id)
            reg.family_first[words[0]] = actor_id if known == actor_id else None


def link_person(reg: Registry, ent) -> str | None:
    """Link a PERSON entity (titles stripped, given names the model left out added) to an actor."""
    toks = [*ent.doc[_name_start(ent):ent.start], *strip_titles(ent)]
    name = "".join(t.text_with_ws for t in toks).strip()  # 'Park Sun-won', not 'Park Sun - won'
    if not toks or not name[0].isupper():
        return None
    actor_id = reg.person_id(name)
    if actor_id is None:
        return None
    record = reg.ensure(actor_id, name, "person", role(ent))
    if len(toks) > len(record.name.split()) and actor_id not in reg.gaz.actors:
        record.name = name
    record.role = record.role or role(ent)
    remember_surnames(reg, actor_id, [name])
    return actor_id


def role(ent) -> str | None:
    """A person's role as the text gives it: an apposition ("X, director of Y", "the minister, X")
    or a title before the name ("Defense Minister X", "China's foreign ministry spokesperson X")."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            return _phrase(child)
    head = _appos_head(root)
    if head is not None:
        return _phrase(head)  # 'Ukraine's Minister of Defence, Oleksii Reznikov'
    titles = [t for t in ent.doc[_title_start(ent):_name_start(ent)] if not _courtesy(t)]
    titles += [t for t in ent if t.lower_ in HONORIFICS and not t.text.endswith(".")]
    of = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"]
    words = " ".join(t.text for t in titles) + (" " + " ".join(t.text for t in of[0].subtree) if titles and of else "")
    return re.sub(r"\s+'s\b", "'s", words).strip() or None


def _appos_head(root):
    """The common noun a name stands in apposition to, also when the parser hung the name on the
    object of its 'of' ('the president of Iran, Masoud Pezeshkian' -> 'president')."""
    if root.dep_ != "appos" or root.head.i > root.i:
        return None
    head = root.head
    if head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head
    return head if head.pos_ == "NOUN" else None


def _courtesy(token) -> bool:
    """Mr., Mrs., Ms., Dr. and the like: forms of address, not roles."""
    return token.lower_.rstrip(".") in {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mx"}


def _name_start(ent) -> int:
    """Given names the model left out of the entity ('Minister Rustem [Umerov]')."""
    i = ent.start
    while i > 0 and (tok := ent.doc[i - 1]).dep_ == "compound" and tok.pos_ == "PROPN" and tok.text[:1].isupper() \
            and not tok.ent_type_ and tok.lower_ not in HONORIFICS and ent.start <= tok.head.i < ent.end:
        i -= 1
    return i


def _title_start(ent) -> int:
    """Where the title words before a name begin: modifiers of the name, not determiners."""
    i = _name_start(ent)
    while i > 0 and (tok := ent.doc[i - 1]).dep_ in TITLE_DEPS and not tok.is_punct and (
            tok.dep_ == "case" or i <= tok.head.i < ent.end):
        i -= 1
    return i


def _phrase(head) -> str | None:
    """A noun phrase without its nested appositions and relative clauses, and no article."""
    nested = {t.i for c in head.subtree if c.dep_ in ("appos", "relcl") and c.i != head.i for t in c.subtree}
    words = "".join(t.text_with_ws for t in head.subtree if t.i not in nested)
    return re.sub(r"^(?:the|a|an)\s+", "", words.strip(" ,"), flags=re.I) or None
