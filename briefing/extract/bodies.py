"""Speakers named by a common noun and nothing else: 'Police said', 'the coalition said in a
statement', 'The interior ministry said', 'the defence team says'. They speak in news copy as often
as named ones; each becomes an actor the first time it speaks (never guessed from other text)."""
from __future__ import annotations

import re

from ..textutil import slugify
from .registry import Registry

# Bodies of a state: with no owner in the text they belong to the state the article is about.
STATE_BODIES = frozenset("police army military ministry navy cabinet".split())
# The state itself speaks through these: 'The government said' is the state's word.
STATE_VOICES = frozenset(("government", "authorities", "authority"))
OTHER_BODIES = frozenset("""coalition alliance committee commission council team headquarters tribunal court
    parliament congress assembly senate embassy palace media daily newspaper paper agency office department
    party union federation group bank service""".split())
OWNER_DEPS = frozenset(("poss", "compound", "amod", "nmod"))
# Outlets named by their kind: 'state media said', 'state television reported', 'local media'.
MEDIA = frozenset(("media", "television", "tv", "radio", "broadcaster"))


def common_body(reg: Registry, sent, head) -> str | None:
    """The actor a bare common-noun body ('the coalition', 'Police', 'US headquarters') names."""
    lemma = head.lower_ if head.lower_ in MEDIA else head.lemma_.lower()  # 'media' is not 'medium' here
    if head.text == "West" and any(c.lower_ == "the" for c in head.children):  # 'The West claims ...'
        record = reg.ensure("west", "West", "group")
        record.add_alias("the West")
        return record.id
    if head.pos_ not in ("NOUN", "PROPN") or lemma not in STATE_BODIES | STATE_VOICES | OTHER_BODIES | MEDIA:
        return None
    if head.ent_type_ in ("PERSON", "GPE") or sent.in_quote(head) or _indefinite(head):
        return None  # 'a committee', 'one team': some body, not one the reader can tell apart
    named = next((a for c in head.children if c.dep_ == "appos" and (a := reg.actor_at(sent.n, c))), None)
    if named:
        return named  # 'the refugee agency UNHCR said': the agency has a name
    words = _name_words(head)
    owned = lemma in STATE_BODIES | STATE_VOICES or (lemma == "bank" and "central" in map(str.lower, words)) \
        or (lemma in MEDIA and [w.lower() for w in words[:-1]] == ["state"])  # 'state media' is the state's
    state = reg.main_state() if owned else None
    if lemma in STATE_VOICES:  # 'Government denies rift' is a headline's shorthand, not a speaker
        return state if lemma != "government" or any(c.lower_ == "the" for c in head.children) else None
    name = " ".join(words)
    if state is not None and (lemma in MEDIA or not any(w[:1].isupper() for w in words[:-1])):  # 'the interior ministry'
        state_name = reg.actors[state].name
        record = reg.ensure(slugify(f"{state_name} {name}"), f"{state_name}'s {name}", "organization")
    else:
        record = reg.ensure(slugify(name), name, "organization")
    record.add_alias(name)
    return record.id


def _indefinite(head) -> bool:
    """'a committee', 'some teams': no particular body ('a landlords' group' says whose it is)."""
    named = any(c.dep_ in ("compound", "poss") or (c.dep_ == "amod" and c.text[:1].isupper()) for c in head.lefts)
    return any(c.dep_ == "det" and c.lower_ not in ("the", "this") for c in head.children) and not named


def _name_words(head) -> list[str]:
    """The body's name: its modifiers and head, without articles ('US-led coalition',
    'provincial family planning and birth control committee', 'defence team')."""
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "punct", "case")
             and not (t.dep_ == "poss" and t.pos_ == "PRON")]
    text = re.sub(r"\s*-\s*", "-", " ".join(t.text for t in words))
    return text.split()
