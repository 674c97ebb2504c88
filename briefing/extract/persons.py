"""Person names: titles, surnames and the roles the text gives them."""
from __future__ import annotations

import re

from ..names import clean_person_name
from .gazetteer import normal_form
from .registry import ActorRecord, Registry

HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. president prime minister gen gen. maj maj. lt lt. col col.
    adm adm. sen sen. rep rep. gov gov. secretary chancellor ayatollah king prince queen
    general lieutenant colonel admiral senator representative governor sheikh spokesman spokeswoman
    spokesperson judge""".split()
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
    clean = clean_person_name(name)  # 'Tory Liam Fox' is Liam Fox, a Conservative; 'Vote Blair' is no one
    if not toks or not name[0].isupper() or clean.slogan or not clean.name:
        return None
    name = clean.name
    actor_id = reg.person_id(name)
    if actor_id is None:
        return None
    record = reg.ensure(actor_id, name, "person", role(ent) or clean.role)
    if len(name.split()) > len(record.name.split()) and actor_id not in reg.gaz.actors:
        record.name = name
    record.role = record.role or role(ent) or clean.role
    remember_surnames(reg, actor_id, [name])
    return actor_id


def role(ent) -> str | None:
    """A person's role as the text gives it: an apposition ("X, director of Y", "the minister, X")
    or a title before the name ("Defense Minister X", "China's foreign ministry spokesperson X")."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and not child.like_num:  # 'Kovalenko, 41,' is an age
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


PERSON_NOUNS = frozenset(
    """engineer soldier teacher farmer doctor nurse journalist reporter student worker pilot volunteer mechanic
    technician electrician driver lawyer economist scientist veteran medic commander officer analyst researcher
    expert professor spokesman spokeswoman spokesperson executive director minister president chairman
    chairwoman adviser advisor ambassador envoy secretary founder resident father mother son daughter
    husband wife widow priest activist artist writer photographer programmer designer manager colonel
    general sergeant lieutenant captain major private""".split()
)
GIVEN_NAMES = frozenset(
    """oleksandr oleksii olena olha andriy andrii dmytro serhiy serhii mykola yurii yuriy ivan taras bohdan
    vasyl volodymyr viktor iryna natalia nataliya tetiana kateryna yulia mariya maria anna sergei sergey
    dmitry dmitri alexei alexey mikhail nikolai vladimir yevgeny igor pavel andrei boris tatiana svetlana
    john james michael david robert william richard thomas mark paul peter george anne sarah emily
    mohammed muhammad ahmed ali hassan hussein omar yusuf fatima ayesha""".split()
)
PRONOUNS = frozenset(("he", "she"))


def introduced_as_person(ent, following=()) -> bool:
    """Whether a name the model tagged ORG/GPE is introduced as a person: 'X was an engineer',
    'X, 41, says', a common given name, a role in apposition, or a later 'he'/'she' for it."""
    if not 1 <= len(ent) <= 3 or not all(t.pos_ == "PROPN" and t.text.istitle() for t in ent):
        return False
    if _aged(ent):
        return True
    return len(ent) >= 2 and (_role_appos(ent) or _is_a_person(ent) or ent[0].lower_ in GIVEN_NAMES
                              or _pronoun_follows(ent, following))


def _aged(ent) -> bool:
    """'Kovalenko, 41, says': an age in commas after the name."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 2].text != ",":
        return False
    age = doc[ent.end + 1].text
    return age.isdigit() and 12 <= int(age) <= 110


def _role_appos(ent) -> bool:
    """'Its spokesman, Yurii Ihnat' / 'Ihnat, an engineer': a person noun in apposition."""
    root = ent.root
    related = [root.head] if root.dep_ == "appos" else []
    related += [c for c in root.children if c.dep_ == "appos"]
    return any(t.lemma_.lower() in PERSON_NOUNS and t.pos_ == "NOUN" for t in related)


def _is_a_person(ent) -> bool:
    """'Oleksandr Kovalenko was an electrical engineer': the subject of 'be' with a person noun."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and c.lemma_.lower() in PERSON_NOUNS for c in root.head.children)


def _pronoun_follows(ent, following) -> bool:
    """A subject name that the next subject 'he'/'she' (same or next sentence) refers back to."""
    if ent.root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    rest = [t for t in ent.doc[ent.end:]] + [t for doc in following for t in doc]
    for tok in rest:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok.lower_ in PRONOUNS
    return False
