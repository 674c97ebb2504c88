"""Anonymous sources: the nouns that name them ('officials', 'a lawyer for ...', 'human rights groups'),
what they are called, and when two mentions are the same unnamed people."""
from __future__ import annotations

import re

ANON_HEADS = frozenset(
    """official officials source sources diplomat diplomats analyst analysts expert experts aide aides
    spokesman spokeswoman spokesperson person people insider insiders investigator investigators
    officer officers commander commanders governments opposition lawyer lawyers attorney attorneys
    judge judges prosecutor prosecutors operator operators owner owners captain crew defendant defendants
    witness witnesses resident residents activist activists campaigner campaigners monitor monitors
    worker workers medic medics doctor doctors nurse nurses rescuer rescuers volunteer volunteers agencies
    critic critics eyewitness eyewitnesses observer observers opponent opponents supporter supporters
    protester protesters survivor survivors relative relatives colleague colleagues neighbour neighbours
    neighbor neighbors""".split()
)
# 'human rights groups', 'aid groups': unnamed groups that speak (not 'armed groups', which fight).
ADVOCACY = frozenset("rights aid humanitarian advocacy campaign monitoring watchdog relief civil".split())
QUANTIFIERS = frozenset("a an the one two three four several some many other few of most".split())
WEST_LIKE = frozenset(("west", "united-states", "europe", "european-union", "nato", "united-kingdom"))


def advocacy_groups(head) -> bool:
    """'Human rights groups say', 'aid groups warned': unnamed groups, one anonymous actor."""
    return head.lower_ == "groups" and any(t.lower_ in ADVOCACY for t in head.lefts)


def head_class(head) -> str:
    """The kind of unnamed speaker: 'official' for 'officials', 'people' for 'a person'."""
    lemma = head.lemma_.lower()
    return "people" if lemma in ("person", "people") else lemma.rstrip("s")


def compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of qualifiers ('U.S.', 'western') can describe the same unnamed people."""
    if a & b:
        return True
    west_a, west_b = bool(a & WEST_LIKE), bool(b & WEST_LIKE)
    return ("west" in a or "west" in b) and west_a and west_b


def np_text(head, full: bool = False) -> str:
    """'one of the U.S. officials' -> 'U.S. officials'; full=True keeps the determiners."""
    words = []
    for t in head.subtree:
        if t.i > head.i:
            break
        if t.dep_ == "punct" and t.text not in (".", "-"):
            continue
        words.append(t)
    if not full:
        while words and (words[0].lower_ in QUANTIFIERS or words[0].lower_ in ("senior", "former")):
            words.pop(0)
    text = re.sub(r" (['’]s)\b", r"\1", " ".join(t.text for t in words))
    familiar = next((c for c in head.children if c.dep_ == "amod" and c.lower_ in ("familiar", "close") and c.i > head.i), None)
    if familiar is not None:  # 'people familiar with the transfers', 'a source close to the government'
        text += " " + " ".join(t.text for t in familiar.subtree)
    behalf = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "for" and c.i > head.i), None)
    if full and behalf is not None:  # 'a lawyer for the defendants': the alias keeps whom they speak for
        text += " " + " ".join(t.text for t in behalf.subtree)
    text = re.sub(r"\s+-\s+", "-", text)
    if not full and head.tag_ == "NN" and head.lower_ in ANON_HEADS and head.lower_ + "s" in ANON_HEADS:
        text += "s"  # one anonymous group: "a senior official" names "officials"
    return text
