"""Actor mentions: link named entities to stable ids and merge them within an article."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..textutil import slugify
from .gazetteer import Gazetteer, normal_form

HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. president prime minister gen gen. maj maj. lt lt. col col.
    adm adm. sen sen. rep rep. gov gov. secretary chancellor ayatollah king prince queen
    general lieutenant colonel admiral senator representative governor sheikh""".split()
)
LOCATIVE_PREPS = frozenset("in at near across into within throughout inside outside around".split())
VESSELS = frozenset("ship vessel frigate cruiser destroyer corvette submarine carrier tanker boat plane".split())
ATTRIBUTIVE_OK = frozenset(("officials", "official", "government", "administration", "forces", "military"))
CLIMB_DEPS = frozenset(("compound", "poss", "amod", "appos", "conj", "nmod", "npadvmod", "case"))
TITLE_DEPS = frozenset(("compound", "amod", "poss", "case", "nmod"))
MINISTRY = re.compile(r"^(?:(foreign|defen[cs]e|interior|finance|justice|economy) ministry|"
                      r"ministry of (foreign affairs|defen[cs]e|interior|finance|justice))$", re.I)


@dataclass
class ActorRecord:
    """An actor of this article, with every form it was referred to by."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    active: bool = False  # acts, speaks or is referred to other than as a place

    def add_alias(self, form: str) -> None:
        """Remember a surface form (once, in first-seen order)."""
        form = re.sub(r"^(?:the|The)\s+", "", form.replace("\u2019", "'")).strip()
        form = re.sub(r"'s$", "", form)
        if form and form not in self.aliases:
            self.aliases.append(form)

    def as_dict(self) -> dict:
        """The front-matter shape."""
        aliases = [a for a in self.aliases if a != self.name]
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": aliases, "role": self.role}


@dataclass
class Mention:
    """An actor mentioned at a token position: (sentence number, token index)."""

    n: int
    i: int
    actor: str


class Registry:
    """The actors of one article: lookup, merging, surname linking, recency."""

    def __init__(self, gaz: Gazetteer, excluded_names: set[str]):
        self.gaz = gaz
        self.excluded = {normal_form(x) for x in excluded_names}
        self.excluded |= {x.split()[-1] for x in self.excluded if x}
        self.actors: dict[str, ActorRecord] = {}
        self.surnames: dict[str, str] = {}
        self.mentions: list[Mention] = []
        self.tokens: dict[tuple[int, int], str] = {}

    def ensure(self, actor_id: str, name: str, type_: str, role: str | None = None) -> ActorRecord:
        """Get or create an actor; known entries supply the canonical name and type."""
        if actor_id not in self.actors:
            entry = self.gaz.actors.get(actor_id)
            if entry:
                name, type_ = entry.name, entry.type  # a gazetteer role goes stale: roles come from the text
            self.actors[actor_id] = ActorRecord(actor_id, name, type_, role=role)
        return self.actors[actor_id]

    def mention(self, n: int, span, actor_id: str, active: bool) -> None:
        """Record that `span` of sentence n names the actor."""
        record = self.actors[actor_id]
        record.add_alias(span.text)
        record.active = record.active or active
        self.mentions.append(Mention(n, span.start, actor_id))
        for t in span:
            self.tokens[(n, t.i)] = actor_id

    def actor_at(self, n: int, token) -> str | None:
        """The actor a token belongs to, if any."""
        return self.tokens.get((n, token.i))

    def recent(self, n: int, i: int, types: tuple[str, ...]) -> str | None:
        """The most recent actor of the given types mentioned before (n, i)."""
        for m in reversed(self.mentions):
            if (m.n, m.i) < (n, i) and self.actors[m.actor].type in types:
                return m.actor
        return None

    def person_id(self, name: str) -> str | None:
        """Link a person's name (full or surname) to an actor id; None if excluded."""
        key = normal_form(name)
        if not key or key in self.excluded:
            return None
        known = self.gaz.lookup(key)
        if known and self.gaz.actors[known].type == "person":
            return known
        surname = key.split()[-1]
        if len(key.split()) == 1:
            return self.surnames.get(surname) or self.gaz.by_surname.get(surname) or slugify(key)
        return slugify(key)


def strip_titles(tokens) -> list:
    """Drop honorifics and titles in front of a name ("Maj. Gen.", "Mr.", "President")."""
    toks = list(tokens)
    while toks and (toks[0].lower_ in HONORIFICS or toks[0].text == "."):
        toks.pop(0)
    while toks and toks[-1].text in ("'s", "’s", "’", "'"):
        toks.pop()
    return toks


def is_active(span, actor_type: str) -> bool:
    """Whether a mention makes its actor part of the story, not only a place or a label.

    Places that only locate ("targets in Ukraine", "Ramstein, Germany") and names used as
    labels of a thing ("the U.N. ban") do not; organisations are not places ("in Congress").
    """
    root = span.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.lower_ not in ATTRIBUTIVE_OK:
        return False
    return actor_type not in ("state", "group") or not is_locative(span)


def is_locative(span) -> bool:
    """Whether a mention only locates something ("targets in Ukraine", "Ramstein, Germany")."""
    tok = span.root
    while tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def collect_mentions(reg: Registry, sentences) -> None:
    """Link every entity mention of every sentence to an actor of the registry."""
    for sent in sentences:
        in_weapon = {t.i for w in sent.weapons for t in w.span}
        for ent in sent.doc.ents:
            if ent.label_ == "WEAPON" or any(t.i in in_weapon for t in ent):
                continue
            actor_id = _link(reg, ent)
            if actor_id:
                reg.mention(sent.n, ent, actor_id, is_active(ent, reg.actors[actor_id].type))
                _titled_alias(reg.actors[actor_id], ent)
        from .institutions import collect_institutions  # noqa: PLC0415 (institutions imports this module)

        collect_institutions(reg, sent)


def _titled_alias(record: ActorRecord, ent) -> None:
    """'Mr. Biden' / 'President Biden' are forms of the name too."""
    prev = ent.doc[ent.start - 1] if ent.start else None
    if record.type == "person" and prev is not None and prev.lower_ in HONORIFICS and prev.text[:1].isupper():
        record.add_alias(f"{prev.text} {ent.text}")


def _link(reg: Registry, ent) -> str | None:
    if ent.ent_id_ == "place" or (ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in VESSELS):
        return None  # a place, or "a patrol ship, the Sergei Kotov": a vessel named after a person
    if ent.ent_id_ and ent.ent_id_ in reg.gaz.actors:
        entry = reg.gaz.actors[ent.ent_id_]
        reg.ensure(entry.id, entry.name, entry.type)
        if entry.type == "person":
            _remember_surnames(reg, entry.id, [entry.name, *entry.aliases])
            reg.actors[entry.id].role = reg.actors[entry.id].role or _role(ent)
        return entry.id
    if ent.label_ == "PERSON":
        return _link_person(reg, ent)
    if len(ent) == 1 and normal_form(ent.text) in reg.surnames:  # the model tags some surnames GPE
        return reg.surnames[normal_form(ent.text)]
    if ent.label_ == "ORG":
        return _link_org(reg, ent)
    known = reg.gaz.lookup(ent.text)
    if known and ent.label_ in ("GPE", "NORP"):
        entry = reg.gaz.actors[known]
        return reg.ensure(known, entry.name, entry.type).id
    return None


def _remember_surnames(reg: Registry, actor_id: str, names: list[str]) -> None:
    for name in names:
        words = normal_form(name).split()
        if words:
            reg.surnames.setdefault(words[-1], actor_id)


def _link_person(reg: Registry, ent) -> str | None:
    toks = [*ent.doc[_name_start(ent):ent.start], *strip_titles(ent)]
    name = " ".join(t.text for t in toks)
    if not toks or not name[0].isupper():
        return None
    actor_id = reg.person_id(name)
    if actor_id is None:
        return None
    record = reg.ensure(actor_id, name, "person", _role(ent))
    if len(toks) > len(record.name.split()) and actor_id not in reg.gaz.actors:
        record.name = name
    record.role = record.role or _role(ent)
    _remember_surnames(reg, actor_id, [name])
    return actor_id


def _role(ent) -> str | None:
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


def _link_org(reg: Registry, ent) -> str | None:
    text = re.sub(r"^the\s+", "", ent.text, flags=re.I).replace("\u2019", "'")
    text = re.sub(r"'s$", "", text)
    known = reg.gaz.lookup(text)
    if known:
        entry = reg.gaz.actors[known]
        return reg.ensure(known, entry.name, entry.type).id
    if MINISTRY.match(text):
        return _link_ministry(reg, ent, text)
    if not _plausible_org(ent, text):
        return None
    return reg.ensure(slugify(text), text, "organization").id


def _plausible_org(ent, text: str) -> bool:
    """Unknown acronyms are often products or units ("GPS"); keep only multiword names."""
    words = text.split()
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
