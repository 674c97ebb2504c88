"""Actor mentions: link named entities to stable ids and merge them within an article."""
from __future__ import annotations

import re

from ..textutil import slugify
from .document import wire_dateline
from .gazetteer import normal_form
from .institutions import (acts, collect_appositive_orgs, collect_companies, collect_definites, collect_forces,
                           collect_institutions, company_id, government_of, is_company)
from .persons import HONORIFICS, introduced_as_person, link_person, remember_surnames, role, titled_alias
from .registry import ActorRecord, Mention, Registry

__all__ = ["ActorRecord", "Mention", "Registry", "collect_mentions", "is_active", "is_locative"]

COMPANY_NOUNS = frozenset("company firm maker manufacturer producer contractor conglomerate".split())
GENERIC_ARMS = frozenset("missile drone rocket tank shell jet helicopter howitzer system launcher gun".split())
LINK_WORDS = frozenset(("of", "for", "on", "and"))
THING_HEADS = frozenset("""act strait river sea charter treaty law convention agreement accords protocol doctrine
    bridge street airport system systems program programme initiative""".split())
LOCATIVE_PREPS = frozenset("in at near across into within throughout inside outside around".split())
PLACE_NOUNS = frozenset("city town village region province district port capital state territory island".split())
VESSELS = frozenset("ship vessel frigate cruiser destroyer corvette submarine carrier tanker boat plane".split())
ATTRIBUTIVE_OK = frozenset(("officials", "official", "government", "administration", "forces", "military"))
CLIMB_DEPS = frozenset(("compound", "poss", "amod", "appos", "conj", "nmod", "npadvmod", "case"))
ACRONYM = re.compile(r"[A-Z]{3,6}")
SPEAKING = frozenset("say report announce claim deny state warn tell add write".split())
BODY_NOUNS = frozenset("media agency news service broadcaster outlet".split())
MINISTRY = re.compile(r"^(?:(foreign|defen[cs]e|interior|finance|justice|economy) ministry|"
                      r"ministry of (foreign affairs|defen[cs]e|interior|finance|justice))$", re.I)


def is_active(span, actor_type: str) -> bool:
    """Whether a mention makes its actor part of the story, not only a place or a label.

    Places that only locate ("targets in Ukraine", "Ramstein, Germany") and names used as
    labels of a thing ("the U.N. ban") do not; organisations are not places ("in Congress").
    """
    root = span.root
    if root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" and root.head.lower_ not in ATTRIBUTIVE_OK:
        return False  # "the U.N. ban", "a Japanese broadcaster"
    return actor_type not in ("state", "group") or not is_locative(span)


def is_locative(span) -> bool:
    """Whether a mention only locates something ("targets in Ukraine", "Ramstein, Germany")."""
    tok = span.root
    while tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def collect_mentions(reg: Registry, sentences) -> None:
    """Link every entity mention of every sentence to an actor of the registry."""
    for k, sent in enumerate(sentences):
        following = [s.doc for s in sentences[k + 1 : k + 2]]
        in_weapon = {t.i for w in sent.weapons for t in w.span}
        skip, covered = wire_dateline(sent), set()
        for ent in sent.doc.ents:
            if ent.start_char < skip or ent.start in covered:
                continue  # 'ISTANBUL, March 12 (Reuters) -' names no actor; 'North Korean' of a longer name
            person = surname_of_weapon(ent)
            if person is None and (ent.label_ == "WEAPON" or any(t.i in in_weapon for t in ent)):
                continue
            ent = _hyphenated(longest_name(person or ent))
            covered |= set(range(ent.start, ent.end))
            if (government := government_of(reg, ent)) is not None:
                actor_id, ent = government  # 'the Biden administration' is the state, not the person
                covered |= set(range(ent.start, ent.end))
            else:
                actor_id = reg.acronyms.get(ent.text) or _link(reg, ent, following)
            if actor_id:
                _define_acronym(reg, ent, actor_id)
                reg.mention(sent.n, ent, actor_id, is_active(ent, reg.actors[actor_id].type))
                titled_alias(reg.actors[actor_id], ent)
        collect_institutions(reg, sent)
        collect_forces(reg, sent)
        collect_appositive_orgs(reg, sent)
        collect_companies(reg, sent)
        collect_definites(reg, sent)


def _hyphenated(ent):
    """'Park Sun' + '-won': the model cut a hyphenated given name at its hyphen."""
    doc, end = ent.doc, ent.end
    while ent.label_ == "PERSON" and end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    return ent if end == ent.end else (doc.char_span(ent.start_char, doc[end - 1].idx + len(doc[end - 1].text),
                                                     label="PERSON") or ent)


def _define_acronym(reg: Registry, ent, actor_id: str) -> None:
    """'National Intelligence Service (NIS)': the acronym names the same actor from here on."""
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
        acronym = doc[ent.end + 1].text
        if ACRONYM.fullmatch(acronym) and reg.actors[actor_id].type != "person":
            reg.acronyms[acronym] = actor_id
            reg.actors[actor_id].add_alias(acronym)


def longest_name(ent):
    """A known name that is only the start of a longer one ('Kim' of 'Kim Yo Jong', 'Stockholm' of
    'Stockholm International Peace Research Institute'): the whole proper-noun run, as a new entity."""
    if ent.label_ == "ORG" and ent[-1].lower_ in LINK_WORDS:
        return _through_link(ent)
    head = ent.root.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
        head = head.head  # 'European Leadership Network': climb to the last word of the name
    if (not ent.ent_id_ and ent.label_ != "PERSON") or ent.root.dep_ != "compound" or head.i < ent.end:
        return ent
    run = ent.doc[ent.end : head.i + 1]
    if any(t.pos_ != "PROPN" or not t.text[:1].isupper() or t.lower_ in HONORIFICS
           or (t.ent_type_ and (t.ent_id_ or not t.ent_type_ == ent.label_ == "PERSON")) for t in run):
        return ent
    label = "PERSON" if ent.label_ == "PERSON" else "ORG"
    return ent.doc.char_span(ent.start_char, run.end_char, label=label) or ent


def surname_of_weapon(ent):
    """'Selcuk Bayraktar': a given name before a one-word system name makes a person."""
    if ent.label_ != "WEAPON" or len(ent) != 1 or ent.start == 0 or ent[0].tag_ != "NNP" \
            or ent[0].lower_.rstrip("s") in GENERIC_ARMS:
        return None
    first = ent.doc[ent.start - 1]
    if first.pos_ != "PROPN" or not first.text.istitle() or first.ent_type_ or first.head.i != ent.start:
        return None
    if ent.end < len(ent.doc) and ent.doc[ent.end].pos_ in ("PROPN", "NUM") and ent.doc[ent.end].text[:1].isupper():
        return None  # 'Bayraktar TB2'
    return ent.doc.char_span(first.idx, ent.end_char, label="PERSON")


def _through_link(ent):
    """'the Times of' + 'Israel', 'the University of' + 'North Korean Studies': the model cut the
    name at its preposition; the title-case words after it belong to it."""
    end = ent.end
    while end < len(ent.doc) and ent.doc[end].text[:1].isupper() and ent.doc[end].pos_ == "PROPN":
        end += 1
    if end == ent.end:
        return ent
    return ent.doc.char_span(ent.start_char, ent.doc[end - 1].idx + len(ent.doc[end - 1].text), label="ORG") or ent


def _not_an_actor(ent) -> bool:
    """Names of laws, waterways and systems ('Taiwan Relations Act', 'Taiwan Strait'), and names the
    model cut before a hyphenated system name ('National Advanced Surface'-to-Air Missile Systems)."""
    if ent.text.split()[-1].lower() in THING_HEADS:
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent.label_ == "ORG" and nxt is not None and nxt.text == "-" and not nxt.whitespace_ \
        and any(t.ent_type_ == "WEAPON" for t in ent.doc[ent.end : ent.end + 6])


def _link(reg: Registry, ent, following=()) -> str | None:
    """The actor an entity names; `following` holds the next sentence, for a 'he'/'she' cue."""
    if len(ent) > 1 and _not_an_actor(ent) and ent.ent_id_ not in reg.gaz.actors:
        return None  # a known name ('World Food Programme') is an actor whatever its last word
    if ent.ent_id_ == "place" or (ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in VESSELS):
        return None  # a place, or "a patrol ship, the Sergei Kotov": a vessel named after a person
    if not ent.ent_id_ and _named_place(ent):
        return None
    if ent.ent_id_ and ent.ent_id_ in reg.gaz.actors:
        entry = reg.gaz.actors[ent.ent_id_]
        reg.ensure(entry.id, entry.name, entry.type)
        if entry.type == "person":
            remember_surnames(reg, entry.id, [entry.name, *entry.aliases])
            reg.actors[entry.id].role = reg.actors[entry.id].role or role(ent)
        return entry.id
    if ent.label_ == "PERSON" and _company_named(ent):
        return reg.ensure(slugify(ent.text), ent.text, "organization").id
    if ent.label_ == "PERSON" or (ent.label_ in ("ORG", "GPE") and introduced_as_person(ent, following)):
        return link_person(reg, ent)
    if len(ent) == 1 and normal_form(ent.text) in reg.surnames:  # the model tags some surnames GPE
        return reg.surnames[normal_form(ent.text)]
    if ent.label_ == "ORG":
        return _link_org(reg, ent)
    known = reg.gaz.lookup(ent.text)
    if known and ent.label_ in ("GPE", "NORP"):
        entry = reg.gaz.actors[known]
        return reg.ensure(known, entry.name, entry.type).id
    return None


def _named_place(ent) -> bool:
    """'the besieged city of El Fasher', 'the port of Hodeidah': the name of a place, whatever the model thinks."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS


def _company_named(ent) -> bool:
    """'drone maker Baykar', 'the company, Baykar': a 'person' the text calls a company."""
    root = ent.root
    related = [root.head] if root.dep_ == "appos" else []
    related += [c for c in root.children if c.dep_ in ("appos", "compound")]
    return any(t.lemma_.lower() in COMPANY_NOUNS for t in related)


def _link_org(reg: Registry, ent) -> str | None:
    text = re.sub(r"^the\s+", "", ent.text, flags=re.I).replace("\u2019", "'")
    text = re.sub(r"'s$", "", text)
    known = reg.gaz.lookup(text)
    if known:
        entry = reg.gaz.actors[known]
        return reg.ensure(known, entry.name, entry.type).id
    if MINISTRY.match(text):
        return _link_ministry(reg, ent, text)
    company = is_company(ent)
    if not company and not _plausible_org(ent, text) and not _acting_name(reg, ent, text):
        return None
    if not company:
        return reg.ensure(slugify(text), text, "organization").id
    record = reg.ensure(company_id(text), text, "organization")
    record.kind = "company"
    return record.id


def _acting_name(reg: Registry, ent, text: str) -> bool:
    """'Rheinmetall said', 'shipped by Yugoimport': a one-word title-case name that acts or speaks;
    not 'the Council' / 'the Caesar' (a shortened title or a system), nor a person's surname."""
    if len(text.split()) != 1 or not text[:1].isupper() or not text[1:].islower() or len(text) < 4 or not acts(ent):
        return False
    if ent.start and ent.doc[ent.start - 1].pos_ == "DET":
        return False
    key = normal_form(text)
    return key not in reg.surnames and key not in reg.gaz.by_surname and not any(
        len(a.name.split()) > 1 and a.name.split()[-1] == text for a in reg.actors.values())


def _plausible_org(ent, text: str) -> bool:
    """Unknown acronyms are often products or units ("GPS"): keep multiword names, and acronyms
    that speak ("KCNA said") or that a body noun introduces ("state media KCNA")."""
    words = text.split()
    if len(words) == 1 and ACRONYM.fullmatch(text):
        root = ent.root
        return (root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEAKING) or any(
            c.dep_ == "compound" and c.lower_ in BODY_NOUNS for c in root.children)
    return len(words) >= 2 and len(words) <= 8 and all(w[:1].isupper() or w.islower() for w in words)


def _link_ministry(reg: Registry, ent, text: str) -> str | None:
    """'Russia's Foreign Ministry' / 'the Russian Foreign Ministry' -> russia-foreign-ministry."""
    owner = None
    for t in ent.root.children:
        if t.dep_ in ("poss", "amod", "compound") and t.i < ent.start:
            owner = reg.gaz.lookup(t.text)
    if owner is None and ent.start > 0:
        owner = reg.gaz.lookup(ent.doc[ent.start - 1].text)
    if owner is None or reg.gaz.actors[owner].type != "state":
        return reg.ensure(slugify(text), text, "organization").id
    state = reg.gaz.actors[owner].name
    ministry = " ".join(w.capitalize() if w.islower() and w != "of" else w for w in text.split())
    record = reg.ensure(slugify(f"{state} {ministry}"), f"{state}'s {ministry}", "organization")
    return record.id
