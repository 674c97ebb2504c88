"""Who is speaking: named actors, pronouns, anonymous sources and documents."""
from __future__ import annotations

import re

from ..textutil import slugify
from .owners import first_person, outlet_actor, owner_subject, published_by
from .antecedents import OFFICE_NOUNS, depth as _depth, epithet, generic_body, is_role, new_topic, office_holder, one_person, other_gender
from .persons import HONORIFICS
from .bodies import common_body
from .anonymous import ANON_HEADS, QUANTIFIERS, advocacy_groups, compatible, head_class, np_text
from .registry import Registry, one_edit

DOC_NOUNS = frozenset("""statement report communique communiqué letter document documents memo release post data
    figures records""".split())
PERSON_PRONOUNS = frozenset(("he", "she", "him", "her"))
GROUP_PRONOUNS = frozenset(("it", "they"))
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
# Entity types a capitalised word can have and still be a surname the model mislabelled.
PLACE_OR_NUMBER = frozenset(("GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "PERSON"))


class SpeakerResolver:
    """Resolve the subject of a cue to an actor id of the registry (or None: never guess)."""

    def __init__(self, reg: Registry, outlet: str | None = None):
        self.reg = reg
        self.outlet = outlet  # 'we' outside quotation marks is the outlet (an organisation's own text)
        self.pronouns: dict[str, str] = {}  # the pronoun each person was last resolved from
        self.spoke_at = -1  # the sentence of the last claim or denial
        self.anon: list[tuple[str, str, frozenset[str]]] = []  # (id, head class, qualifiers)
        self.last_speaker: str | None = None
        self.doc_speakers: list[tuple[int, str, str]] = []  # (sentence, noun lemma, speaker)
        self.previous = None  # the sentence before the one being read, for "it" / "they"
        self.para_start = -1  # the first sentence of the paragraph being read
        self.role: tuple[str, int] | None = None  # a speaker named by office ('the representative of France')
        self.unknown_at = -1  # the sentence where a person named only by office spoke, whom no actor matched

    def resolve(self, sent, head, cue_lemma: str = "") -> str | None:
        """The actor that the noun phrase headed by `head` names."""
        head = _participle_subject(_partitive(head))
        lower = head.lower_
        if lower in PERSON_PRONOUNS:
            return self._pronoun(sent, head, cue_lemma)
        if lower in ("we", "i") and sent.in_quote(head):
            return self.last_speaker
        if first_person(head) and not sent.in_quote(head):
            return outlet_actor(self.reg, self.outlet)
        if lower in GROUP_PRONOUNS:
            return self._closing_group(sent, head, cue_lemma) or self._group_pronoun(sent, head)
        if head.pos_ == "PRON":
            return None
        if epithet(self.reg, head):
            return self._person_before(sent, head, head.lower_ == "old")
        person = self._appositive_person(sent, head) or self._named_after_title(sent, head)
        if person:
            return person
        named = self._named(sent, head)
        if named and cue_lemma and is_role(head) and self.reg.actors[named].type != "person":
            self.role = (named, sent.n)
        if named:
            return named
        if (holder := office_holder(self.reg, sent, head)) is not None:
            return holder
        if head.lemma_.lower() in DOC_NOUNS or lower in DOC_NOUNS:
            return self._document(sent, head)
        if lower in ANON_HEADS or head.lemma_.lower() in ANON_HEADS or advocacy_groups(head):
            return self._anonymous(sent, head)
        found = self._institution(sent, head) or common_body(self.reg, sent, head)
        if found is None and cue_lemma and head.lemma_.lower() in OFFICE_NOUNS:
            self.unknown_at = sent.n  # 'The mayor said ...': a 'he' right after is the mayor, not the last speaker
        return found

    def _institution(self, sent, head) -> str | None:
        """'The panel said': the latest actor whose name ends in that noun ('UN's panel')."""
        if head.pos_ not in ("NOUN", "PROPN") or not any(c.lower_ in ("the", "its", "this") for c in head.children):
            return None
        for m in reversed(self.reg.mentions):
            record = self.reg.actors[m.actor]
            core = record.name.lower().split(" of ")[0].split()[-1]  # 'panel of experts' is a panel
            if (m.n, m.i) < (sent.n, head.i) and head.lower_ in (core, record.name.lower().split()[-1]):
                record.add_alias(head.text)
                return m.actor
        return generic_body(self.reg, sent, head)

    def _pronoun(self, sent, head, cue_lemma: str) -> str | None:
        """'he' / 'she': the last speaker when this pronoun already named them, else the latest person."""
        last, pron = self.last_speaker, head.lower_
        if self.spoke_at < self.unknown_at == sent.n - 1:
            return None  # 'he' in the next sentence is that unmatched speaker: never guess past them
        if self.role and last == self.role[0] and self.spoke_at == self.role[1] >= sent.n - 2:
            return last  # 'The representative of France said ... He said ...'
        topic = new_topic(self.previous, self._named, self.spoke_at, {k: a.type for k, a in self.reg.actors.items()})
        if topic and not other_gender(self.pronouns, topic, pron) and sent.n - self.previous.n == 1:
            return self._remember(topic, pron, cue_lemma)
        if (newcomer := self._newcomer(sent, head, pron)) is not None:
            return self._remember(newcomer, pron, cue_lemma)
        is_person = bool(last) and one_person(self.reg.actors[last]) and not other_gender(self.pronouns, last, pron)
        just_spoke = self.spoke_at == sent.n - 1 and self.pronouns.get(last, pron) == pron
        if is_person and (cue_lemma == "add" or self.pronouns.get(last) == pron or just_spoke):
            self.pronouns[last] = pron
            return last
        found = next((m.actor for m in reversed(self.reg.mentions) if (m.n, m.i) < (sent.n, head.i)
                      and self.reg.actors[m.actor].type == "person" and not other_gender(self.pronouns, m.actor, pron)), None)
        return self._remember(found, pron, cue_lemma)

    def _newcomer(self, sent, head, pron: str) -> str | None:
        """'That autumn, Kovalenko joined a unit. ... "Q," he says.': the one person named in this
        paragraph, after the last speaker spoke and in an earlier sentence, is 'he' rather than that speaker."""
        if self.para_start <= self.spoke_at or self.para_start >= sent.n:
            return None
        people = {m.actor for m in self.reg.mentions if self.para_start <= m.n < sent.n
                  and self.reg.actors[m.actor].type == "person"}
        if len(people) != 1 or self.last_speaker in people:
            return None
        actor = people.pop()
        return None if other_gender(self.pronouns, actor, pron) else actor

    def _remember(self, actor: str | None, pronoun: str, cue_lemma: str) -> str | None:
        """Note the pronoun a person was resolved from (only for speakers of a cue)."""
        if actor and cue_lemma:
            self.pronouns[actor] = pronoun
        return actor

    def _appositive_person(self, sent, head) -> str | None:
        """'The US defense secretary, Lloyd Austin, said': the person named in apposition speaks."""
        if self.reg.actor_at(sent.n, head) and self.reg.actors[self.reg.actor_at(sent.n, head)].type == "person":
            return None
        for child in head.children:
            if child.dep_ == "appos":
                actor = self.reg.actor_at(sent.n, child)
                if actor and self.reg.actors[actor].type == "person":
                    return actor
        return None

    def _person_before(self, sent, head, any_person: bool) -> str | None:
        """The person an epithet stands for: the one who just spoke ('the Ghanaian' says nothing more),
        else, for an age, the latest person named."""
        last = self.last_speaker
        if last and self.reg.actors[last].type == "person" and self.spoke_at >= sent.n - 3:
            return last
        return None if not any_person else next((m.actor for m in reversed(self.reg.mentions) if (m.n, m.i) < (sent.n, head.i)
                     and self.reg.actors[m.actor].type == "person"), None)

    def _named_after_title(self, sent, head) -> str | None:
        """'Deputy head of the Population Committee Li Yunli said': a title with its body in front of
        the name (the name runs on from the body's name, not from a title such as 'President')."""
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None or head.lemma_.lower() not in OFFICE_NOUNS:
            return None
        name = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
        actor = self.reg.actor_at(sent.n, name) if name is not None else None
        if actor is None or self.reg.actors[actor].type != "person":
            return None
        body = [t for t in name.lefts if t.dep_ == "compound" and t.ent_type_ != "PERSON"]
        return actor if body and body[-1].lower_ not in HONORIFICS else None

    def _closing_group(self, sent, head, cue_lemma: str) -> str | None:
        """'..., it said.' closing a report: the body that spoke last, not a subject inside the words
        it reported ('The agency was given documents Iran got from ..., it said')."""
        last = self.last_speaker
        if not cue_lemma or last is None or self.spoke_at < sent.n - 2 or head.i == 0 or sent.doc[head.i - 1].text != ",":
            return None
        record = self.reg.actors[last]
        plural = record.type == "group" or (record.type == "anonymous-source" and record.name.endswith("s"))
        if record.type == "person" or plural != (head.lower_ == "they"):
            return None
        return last

    def _group_pronoun(self, sent, head) -> str | None:
        """'it' / 'they': the subject of the nearest earlier clause that agrees in number.

        Centering in its simplest form: the antecedent is a subject, in this sentence before the
        pronoun or in the previous one; 'it' wants a singular non-person, 'they' a plural.
        """
        plural = head.lower_ == "they"
        candidates = [(sent, t) for t in reversed(list(sent.doc[: head.i])) if t.dep_ in SUBJECT_DEPS]
        if self.previous is not None:
            prev = self.previous
            subjects = [t for t in prev.doc if t.dep_ in SUBJECT_DEPS]  # the main clause's subject first
            candidates += [(prev, t) for t in sorted(subjects, key=lambda t: (_depth(t), -t.i))]
        for where, subject in candidates:
            if subject.pos_ == "PRON" or prev_in_quote(where, subject):
                continue
            actor = self._antecedent(where, subject, plural)
            if actor:
                return actor
        return None

    def _antecedent(self, where, subject, plural: bool) -> str | None:
        actor = self.resolve(where, subject)
        if actor is None:
            return None
        kind = self.reg.actors[actor].type
        is_plural = subject.tag_ in ("NNS", "NNPS") or kind == "group"
        if kind == "person" or is_plural != plural:
            return None
        return actor

    def _named(self, sent, head) -> str | None:
        own = self.reg.actor_at(sent.n, head) or self._surname(sent, head)
        if own:
            return own
        if head.lower_ in ANON_HEADS:
            return None  # "U.S. officials": the state qualifies an anonymous source
        patron = {t.i for c in head.children if _patron(c) for t in c.subtree}
        for t in head.subtree:
            if t.dep_ in ("relcl", "acl", "appos") or (t.dep_ == "prep" and t.lower_ not in ("of",)):
                break
            found = None if t.i in patron else self.reg.actor_at(sent.n, t)
            if found:
                return found
        return None

    def _surname(self, sent, head) -> str | None:
        """'Chaowalit denied ...' after 'Prime Minister Chaowalit Yongchaiyudh': a capitalised word the
        parser left untagged names the one person mentioned before whose name holds it."""
        if head.ent_type_ in PLACE_OR_NUMBER or not head.text[:1].isupper() or head.text.isupper() or len(head.text) < 3:
            return None
        before = {m.actor for m in self.reg.mentions if (m.n, m.i) < (sent.n, head.i) and self.reg.actors[m.actor].type == "person"}
        people = {a for a in before if head.text in self.reg.actors[a].name.split()}
        if not people and len(head.text) >= 6:  # 'Mullahkil said' after 'Mullahkhil': a misspelt second mention
            people = {a for a in before if any(one_edit(head.text, w) for w in self.reg.actors[a].name.split())}
        return people.pop() if len(people) == 1 else None

    def _document(self, sent, head) -> str | None:
        agent = published_by(head) or next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        if agent is not None:  # 'data compiled by SIPRI', 'the panel's report'
            return self.resolve(sent, agent)
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                author = next((o for o in child.children if o.dep_ == "pobj"), None)
                if author is not None and (author.lower_ in ANON_HEADS or advocacy_groups(author)):
                    return self._anonymous(sent, author)  # 'a report by UN experts': the experts, not the UN
                for t in child.subtree:
                    if self.reg.actor_at(sent.n, t):
                        return self.reg.actor_at(sent.n, t)
        noun = head.lemma_.lower()
        for n, lemma, speaker in reversed(self.doc_speakers):
            if lemma == noun and n < sent.n and any(c.lower_ == "the" for c in head.children):
                return speaker
        if self.spoke_at >= sent.n - 2 and noun in ("statement", "communique", "communiqué", "release"):
            return self.last_speaker  # 'UNHCR said ... "Q," a statement said': the one who just spoke issued it
        return None

    def note_owned_documents(self, sent) -> None:
        """'In its latest report, the panel documented ...': the panel owns the next 'the report'."""
        for t in sent.doc:
            lemma = t.lemma_.lower()
            subject = owner_subject(t) if lemma in DOC_NOUNS else None
            speaker = self.resolve(sent, subject) if subject is not None else None
            if speaker:
                self.doc_speakers.append((sent.n, lemma, speaker))

    def note_documents(self, sent, speaker: str) -> None:
        """Remember documents mentioned in a sentence whose speaker is known."""
        for t in sent.doc:  # 'The report ..., said ..., officials said': a report that speaks is not theirs
            if t.lemma_.lower() in DOC_NOUNS and t.dep_ not in SUBJECT_DEPS:
                self.doc_speakers.append((sent.n, t.lemma_.lower(), speaker))

    def _anonymous(self, sent, head) -> str:
        klass = head_class(head)
        quals = frozenset(self._qualifiers(sent, head))
        same_class = [(a, q) for a, k, q in self.anon if k == klass]
        for actor_id, q in reversed(same_class):
            # 'officials said' then 'Ukrainian officials say': the one unqualified group is the same people
            if not quals or compatible(q, quals) or (not q and len(same_class) == 1):
                self.reg.actors[actor_id].add_alias(np_text(head, full=True))
                return actor_id
        name = np_text(head)
        actor_id = slugify(name)
        record = self.reg.ensure(actor_id, name, "anonymous-source")
        full = np_text(head, full=True)
        record.add_alias(full)
        record.add_alias(re.sub(r"^(?:an?|the|one)\s+", "", full, flags=re.I))  # 'senior administration official'
        self.anon.append((actor_id, klass, quals))
        return actor_id

    def _qualifiers(self, sent, head) -> list[str]:
        out = []
        for t in head.subtree:
            if t.i >= head.i:
                break
            actor = self.reg.actor_at(sent.n, t)
            if actor:
                out.append(actor)
            elif t.lower_ in ("western", "west"):
                out.append("west")
            elif t.pos_ in ("ADJ", "NOUN") and t.lower_ not in QUANTIFIERS | {"senior", "former", "top", "other"}:
                out.append(t.lower_)
        return out


def prev_in_quote(sent, token) -> bool:
    """Whether a token is quoted speech (its subjects are not antecedents)."""
    return sent.in_quote(token)


def _partitive(head):
    """'one of the officials' -> 'officials'."""
    if head.lower_ in QUANTIFIERS or head.pos_ == "NUM":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return head


def _participle_subject(head):
    """'the UN panel monitoring sanctions described ...': the parser made the participle the subject."""
    if head.pos_ == "VERB" and head.tag_ == "VBG" and head.dep_ in SUBJECT_DEPS:
        noun = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        return noun if noun is not None else head
    return head


def _patron(modifier) -> bool:
    """'the IRGC-affiliated Tasnim news agency', 'Iran-backed militia': the patron does not speak."""
    return modifier.dep_ == "amod" and modifier.tag_ == "VBN" and any(c.dep_ == "npadvmod" for c in modifier.children)
