"""Cue rules for parses that went wrong: a post-posed cue hung on the wrong head, and a that-clause
parsed as a relative clause ('told reporters at a briefing that ...')."""
from __future__ import annotations

from .cues import ASSERTION_NOUNS, DENIAL_FORM, cue_kind, subject_of
from .document import Sentence
from .items import Item, quote_of, span_text
from .speakers import SpeakerResolver


def from_tail(sent: Sentence, resolver: SpeakerResolver) -> Item | None:
    """'..., the country's ruling junta said on Monday.' / '..., a diplomatic source told AFP.': a
    post-posed cue the parser hung on the wrong head; word order gives speaker and content."""
    doc = sent.doc
    cue = next((t for t in reversed(doc) if cue_kind(t) == "claim" and not sent.in_quote(t)), None)
    if cue is None:
        return None
    stop = next((t.i for t in doc[cue.i + 1:] if t.text in (",", ";")), len(doc))  # ', the latest sign of ...'
    if stop - cue.i > 8 or any(t.pos_ in ("VERB", "AUX") for t in doc[cue.i + 1 : stop]):
        return None
    comma = next((t.i for t in reversed(doc[: cue.i]) if t.text == ","), None)
    subject = subject_of(cue)
    if comma is None or not 1 <= cue.i - comma - 1 <= 8 or (subject is not None and subject.i > comma):
        return None
    phrase = doc[comma + 1 : cue.i]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod",) for t in phrase) or phrase.root.pos_ not in ("NOUN", "PROPN"):
        return None
    speaker = resolver.resolve(sent, phrase.root, cue.lemma_.lower())
    content = {t.i for t in doc[:comma] if not t.is_punct or t.i > 0}
    if not speaker or not any(doc[i].pos_ in ("VERB", "AUX") for i in content):
        return None
    quote = quote_of(sent, content)
    rule = "quote-postposed-cue-misparsed" if quote else "postposed-cue-misparsed"
    return Item("claim", speaker, cue.text, span_text(doc, content), quote, sent.n, cue.i, content, rule=rule)


def misparsed_that_clause(cue) -> list:
    """'told reporters at a briefing that Russia had received ...': the that-clause parsed as a
    relative clause of the briefing (it has a subject of its own, so 'that' is no relative pronoun)."""
    out = []
    objects = [o for p in cue.children if p.dep_ == "prep" and p.i > cue.i for o in p.children if o.dep_ == "pobj"]
    objects += [o for o in cue.children if o.dep_ in ("dobj", "dative") and o.i > cue.i]  # 'told a broadcaster that'
    for obj in objects:
        for clause in (c for c in obj.children if c.dep_ == "relcl"):
            kids = list(clause.children)
            if any(k.lower_ == "that" and k.i < clause.i for k in kids) and any(
                    k.dep_ in ("nsubj", "nsubjpass") and k.lower_ not in ("that", "which", "who") for k in kids):
                out.append(clause)
    return out


def denied_noun(sent: Sentence, verb, resolver: SpeakerResolver) -> Item | None:
    """'..., an accusation the Emirati government rejects.': a closing clause whose verb the parser
    read as a noun (or hung on the wrong head); the words between the assertion and the verb name who
    denies it; '..., which X rejects' stands for the statement before it."""
    doc = sent.doc
    if not _closing_denial_verb(doc, verb):
        return None
    noun = next((t for t in reversed(doc[max(0, verb.i - 6) : verb.i])
                 if t.lemma_.lower() in ASSERTION_NOUNS or (t.lower_ == "which" and t.i > 2 and doc[t.i - 1].text == ",")), None)
    if noun is None or noun.i + 1 >= verb.i:
        return None
    speaker = next((a for t in doc[noun.i + 1 : verb.i] if (a := resolver.reg.actor_at(sent.n, t))), None)
    if speaker is None and doc[verb.i - 1].pos_ in ("NOUN", "PROPN"):
        speaker = resolver.resolve(sent, doc[verb.i - 1], verb.lemma_.lower())  # 'the electoral commission'
    if speaker is None:
        return None
    if noun.lower_ == "which":  # 'Rebels say the army used cluster bombs, which the ministry rejects.'
        content = statement_before(doc, noun.i - 1)
    else:  # 'an accusation X rejects' names what it answers (the sentence before may hold several sources)
        content = {t.i for t in doc[noun.i : verb.i + 1] if not t.is_punct}
        content |= {t.i for t in noun.lefts if t.dep_ == "det"}
    return Item("denial", speaker, verb.text, span_text(doc, content), None, sent.n, verb.i, content,
                rule="deny-verb-misparsed")


def _closing_denial_verb(doc, verb) -> bool:
    """A denial verb that ends its sentence: read as a noun, or as a verb the parse did not give the
    denier as its subject ('..., a charge the commission rejects' parsed as 'charge ... rejects')."""
    if not DENIAL_FORM.fullmatch(verb.lower_) or verb.i + 1 < len(doc) and not doc[verb.i + 1].is_punct:
        return False
    return verb.pos_ == "NOUN" or (verb.pos_ == "VERB" and verb.dep_ in ("conj", "appos")
                                   and any(c.dep_ == "nsubj" and c.lemma_.lower() in ASSERTION_NOUNS for c in verb.children))


def statement_before(doc, stop: int) -> set[int]:
    """The statement in the words before `stop` that a closing '..., which X rejects' answers: what
    was claimed when a cue made it ('Rebels say <the army used them>'; 'accuses <Iran of ...>')."""
    claimed = [t for t in doc[:stop] if t.dep_ == "ROOT" and cue_kind(t) == "claim"]
    deps = ("dobj", "prep") if claimed and claimed[0].lemma_.lower() in ("accuse", "charge") else ("ccomp",)
    comps = {t.i for c in claimed[0].children if c.dep_ in deps for t in c.subtree} if claimed else set()
    if comps and deps[0] == "dobj":  # 'Washington accuses Iran of ...' reads as what was denied, accuser included
        comps |= {claimed[0].i} | {t.i for c in claimed[0].children if c.dep_ == "nsubj" for t in c.subtree}
    return {i for i in comps if i < stop and not doc[i].is_punct} or {t.i for t in doc[:stop]}
