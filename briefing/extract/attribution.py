"""Claims and denials: cue verbs, 'according to', post-posed cues and quote continuations."""
from __future__ import annotations

from dataclasses import dataclass, field

from .cues import (ASSERTION_NOUNS, CUE_LEMMAS, DENIAL_FORM, DISMISSIVE, EXPRESS_CUES, NOT_GUILTY, OBJECT_CUES,
                   QUOTED_DENIAL, XCOMP_CUES, according_to, cue_kind, is_negated, negated_transfer, non_response, pronoun_antecedent, subject_of, told,
                   which_rejects)
from .document import LINK_LINE, Sentence, clean_text
from .continuation import Lead, all_quoted, colon_lead, label_lead
from .items import Item, quote_of, span_text
from .owners import is_newsroom, newsroom_note
from .provenance import cue_rule
from .joins import VERDICT_CUES, closing_clauses, join_verdict, verdict_before
from .readable import named_if_short, whole_clause
from .speakers import SpeakerResolver
from .restated import full_stop, merge_restated, split_claim, split_denial
from .tail import denied_noun, from_tail, misparsed_that_clause, statement_before

ACCUSING = frozenset(("accuse", "blame", "charge"))  # 'accuses Iran of ...' says nothing without its verb
NOMINAL_CUES = frozenset("assessment view estimate judgment judgement analysis opinion account words".split())
CONTENT_PREPS = frozenset(("for", "on", "about", "against", "of", "to", "as"))


def find_attributions(sentences: list[Sentence], resolver: SpeakerResolver) -> list[Item]:
    """Every claim and denial of the article, in sentence order."""
    items: list[Item] = []
    state = _Flow(cued={s.paragraph for s in sentences if _has_own_cue(s)})
    for sent in sentences:
        if LINK_LINE.match(sent.text):  # 'Go deeper: <headline>' links elsewhere
            continue
        resolver.para_start = sent.n if sent.paragraph != state.paragraph else resolver.para_start
        found = merge_restated(_drop_nested(_candidates(sent, resolver), sent.doc), items, sent, resolver.previous)
        resolver.note_owned_documents(sent)
        resolver.previous = sent
        opens = sent.paragraph != state.paragraph
        state.paragraph = sent.paragraph
        state.pending = [] if opens else state.pending
        if not found and _run_on(sent, items, state, resolver, opens):
            state.pending = []
            continue
        if not found and _still_open(sent):
            state.pending.append(sent)  # a quotation still open: its speaker may come sentences later
        _quote_began_earlier(found, sent, state.pending)
        state.pending = [] if found else state.pending
        state.last = sent.n if found else state.last
        state.lead = None
        for item in found:
            item.paragraph = sent.paragraph
            resolver.last_speaker, resolver.spoke_at = item.speaker, sent.n
            resolver.note_documents(sent, item.speaker)
        items += found
    # a claim whose words were all carved out says nothing; one of a few words names its speaker
    docs = {s.n: s.doc for s in sentences}
    return [named_if_short(item, resolver.reg.actors[item.speaker].name, docs[item.sentence])
            for item in items if item.text.strip()]


@dataclass
class _Flow:
    """Where the last attribution was, and a speaker whose quotation is still to come."""

    last: int = 0  # the last sentence that was attributed or continued a quotation
    paragraph: int = -1  # the paragraph of the sentence before
    lead: Lead | None = None
    turn: int = -1  # the paragraph of the last transcript turn
    cued: set[int] = field(default_factory=set)  # paragraphs with a cue verb outside quotation marks
    pending: list = field(default_factory=list)  # sentences of an open quotation whose speaker is still to come


def _quote_began_earlier(found: list[Item], sent: Sentence, pending: list) -> None:
    """'"It is time for a change. What we do is not working," X wrote.': a quotation of several sentences
    attributed at its end is one statement; the sentences before the cue belong to it."""
    if not pending or not sent.starts_in_quote() or pending[-1].n != sent.n - 1:
        return
    before = " ".join(clean_text(p.text[p.quotes[-1][0]:p.quotes[-1][1]]) for p in pending)
    for item in found:
        if item.quote and item.rule.startswith("quote-") and item.cue_i >= 0 and min(item.content, default=0) < item.cue_i:
            item.quote = f"{full_stop(before)} {item.quote}"
            item.text = f"{full_stop(before)} {item.text}"


def _run_on(sent: Sentence, items: list[Item], state: _Flow, resolver: SpeakerResolver, opens: bool) -> bool:
    """A sentence with no cue of its own: a colon lead, a transcript turn, or a quotation running on."""
    labelled = label_lead(sent, resolver, opens)
    follows = state.last == sent.n - 1 and all_quoted(sent)
    if labelled:
        items.append(_quoted_item(labelled[0], sent, labelled[1], None, "transcript-label"))
        state.turn = sent.paragraph
    elif state.turn == sent.paragraph and items:  # the rest of a transcript turn
        items[-1].text = f"{full_stop(items[-1].text)} {clean_text(sent.text)}"
    elif (lead := colon_lead(sent, resolver)) is not None:
        state.lead, state.last = lead, sent.n
        return True
    elif follows and state.lead:
        items.append(_quoted_item(state.lead, sent, clean_text(sent.quoted_text() or ""), sent.quoted_text(), "colon-lead"))
        state.lead = None
    elif follows and items and opens and sent.paragraph not in state.cued:  # the same speaker's next claim
        prev = items[-1]
        quote = sent.quoted_text()
        items.append(_quoted_item(Lead(prev.speaker, prev.cue, sent.n), sent, clean_text(quote or ""), quote,
                                  "quote-paragraph-continued"))
    elif follows and items and not (opens and sent.paragraph in state.cued and _still_open(sent)):
        _extend(items[-1], sent)  # (a new paragraph whose quotation its own cue closes is that cue's claim)
    else:
        return False
    resolver.last_speaker = items[-1].speaker
    state.last = sent.n
    return True


def _still_open(sent: Sentence) -> bool:
    """Whether the sentence's last quotation runs on past its end."""
    return bool(sent.quotes) and sent.quotes[-1][1] >= len(sent.text.rstrip()) - 1


def _has_own_cue(sent: Sentence) -> bool:
    """Whether a cue verb with a subject stands outside the sentence's quotation marks."""
    return any(t.lemma_.lower() in CUE_LEMMAS and cue_kind(t) and not sent.in_quote(t) and subject_of(t) is not None
               for t in sent.doc)


def _quoted_item(lead: Lead, sent: Sentence, text: str, quote: str | None, rule: str) -> Item:
    """A claim made of a sentence of quotation (or a transcript turn) by a known speaker."""
    return Item("claim", lead.speaker, lead.cue, text, quote, sent.n, -1, set(), paragraph=sent.paragraph, rule=rule)


def _candidates(sent: Sentence, resolver: SpeakerResolver) -> list[Item]:
    toks = [(t, t.lemma_.lower()) for t in sent.doc]  # one pass: only cue words are looked at closely
    out = [item for t, lemma in toks if lemma in CUE_LEMMAS and (item := _from_cue(sent, t, resolver))]
    out += [denial for item in out if (denial := split_denial(sent, item))]
    out += [claim for item in out if (claim := split_claim(sent, item))]
    out += [item for t in according_to(sent.doc) if (item := _from_according(sent, t, resolver))]
    out += [item for t, lemma in toks if lemma in NOMINAL_CUES and (item := _from_nominal(sent, t, resolver))]
    out += [item for t, _ in toks if t.lower_[:1] in "rd" and (item := _from_bare_denial(sent, t, resolver)
                                                               or denied_noun(sent, t, resolver))]
    if (item := from_tail(sent, resolver)) and not any(o.cue_i == item.cue_i or item.cue_i in o.content for o in out):
        out.append(item)  # '..., police Captain X told AFP, while ..., according to an official': both speak
    return sorted(out, key=lambda x: x.cue_i)


def _from_bare_denial(sent: Sentence, verb, resolver: SpeakerResolver) -> Item | None:
    """'The UK government rejects that claim' when the parser misreads the verb as a noun."""
    if cue_kind(verb) or not DENIAL_FORM.fullmatch(verb.lower_) or verb.i + 2 >= len(sent.doc):
        return None
    det, noun = sent.doc[verb.i + 1], sent.doc[verb.i + 2]
    if det.pos_ not in ("DET", "PRON") or noun.lemma_.lower() not in ASSERTION_NOUNS:
        return None
    chunk = next((c for c in sent.doc.noun_chunks if c.end == verb.i), None)
    speaker = chunk is not None and resolver.resolve(sent, chunk.root)
    if not speaker:
        return None
    content = set(range(chunk.start, noun.i + 1))
    return Item("denial", speaker, verb.text, span_text(sent.doc, content), None, sent.n, verb.i, content,
                rule="deny-verb-misparsed")


def _from_cue(sent: Sentence, cue, resolver: SpeakerResolver) -> Item | None:
    kind = cue_kind(cue)
    if kind is None or non_response(cue) or (kind == "denial" and is_negated(cue)):
        return None
    subject = subject_of(cue)
    if subject is None or (sent.in_quote(cue) and subject.lower_ not in ("we", "i")):
        return None
    speaker = resolver.resolve(sent, subject, cue.lemma_.lower())
    content = content_of(cue, kind, subject) or _quoted_before(sent, cue, subject)
    if not speaker or len(content) < 2 or newsroom_note(cue, resolver.reg.actors[speaker].name, resolver.outlet):  # 'What we found' (a heading) claims nothing
        return None
    if told(cue) == subject and not is_newsroom(resolver.reg.actors[speaker].name, resolver.outlet):
        return None  # 'Ukraine was told that ...' reports nothing of Ukraine's own
    text, found_kind = span_text(sent.doc, content), kind
    if kind == "claim" and not sent.in_quote(cue) and (DISMISSIVE.search(text) or NOT_GUILTY.search(text)
                                                       or _denies_transfer(sent, content)):
        kind = "denial"
    quote = quote_of(sent, content)
    if kind == "claim" and quote and QUOTED_DENIAL.match(quote):
        kind = "denial"  # '"At no point did we sell arms," the company said'
    if kind == "denial" and cue_kind(cue) == "denial" and not which_rejects(cue):  # '..., which X denies': what it answers
        text = span_text(sent.doc, content | set(_lead(cue, subject)))
    elif is_negated(cue):
        text = span_text(sent.doc, content | {c.i for c in cue.children if c.dep_ in ("neg", "aux")} | {cue.i})
    elif cue.lemma_.lower() in VERDICT_CUES | ACCUSING and min(content) > cue.i and not sent.in_quote(cue):
        text = span_text(sent.doc, content | set(_lead(cue, subject)))  # 'Russia welcomed the changes': the verb is the claim
    text = _readable(sent, cue, subject, content, text, quote)
    if text is None:
        return None
    rule = cue_rule(cue, subject, content, quote is not None, found_kind, kind)
    return Item(kind, speaker, cue_phrase(cue), text, quote, sent.n, cue.i, content, rule=rule)


def _readable(sent: Sentence, cue, subject, content: set[int], text: str, quote: str | None) -> str | None:
    """A statement a reader can use: a fragment of a few words ('wrong', 'the bombings') carries the
    quotation it is part of, or the cue that gives it meaning ('condemned the bombings'); a bare 'No'
    with nothing around it is no statement."""
    if len(text.split()) >= 4:
        return text
    if quote and len(quote.split()) > len(text.split()):
        text = clean_text(quote)
    elif content and min(content) > cue.i and not sent.in_quote(cue):
        text = span_text(sent.doc, content | set(_lead(cue, subject)) | {c.i for c in cue.children if c.dep_ == "prt"})
    return text if len(text.split()) >= 3 else None


def _quoted_before(sent: Sentence, cue, subject) -> set[int]:
    """'"Q," Yoon said': the quotation before the subject and cue, when the parse hung it elsewhere."""
    inverted = subject.i > cue.i and any(sent.in_quote(t) or t.is_quote for t in sent.doc[max(0, cue.i - 2) : cue.i])  # "Q!" exclaimed X
    if not sent.starts_in_quote() or (subject.i > cue.i and not inverted) or sent.in_quote(subject):
        return set()
    return {t.i for t in sent.doc[: min(subject.i, cue.i)] if sent.in_quote(t)}


def _denies_transfer(sent: Sentence, content: set[int]) -> bool:
    """The content's main verb is a negated supply verb, or itself denies ('said Russia rejects the claims')."""
    roots = [sent.doc[i] for i in content if sent.doc[i].head.i not in content or sent.doc[i].head.i == i]
    return any(negated_transfer(r) or cue_kind(r) == "denial" for r in roots)


def _from_according(sent: Sentence, token, resolver: SpeakerResolver) -> Item | None:
    objs = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
    if not objs:
        return None
    head = token.head
    speaker = resolver.resolve(sent, objs[0])
    content = {t.i for t in head.subtree} - {t.i for t in token.subtree}
    content = whole_clause(sent.doc, token, _after_other_cue(head, token, content) or content)
    if not speaker or not content:
        return None
    text = span_text(sent.doc, content)
    return Item("claim", speaker, "according to", text, quote_of(sent, content), sent.n, token.i, content,
                rule="according-to")


def _after_other_cue(cue, according, content: set[int]) -> set[int]:
    """'A soldier was killed, US headquarters said, bringing the toll to 2,885, according to an AFP
    tally': 'according to' after another speaker's cue covers only what that cue did not say."""
    subject = subject_of(cue) if cue_kind(cue) == "claim" and according.i > cue.i else None
    if subject is None:
        return set()
    said = content_of(cue, "claim", subject) | {t.i for t in subject.subtree} | {cue.i}
    rest = {i for i in content - said if not cue.doc[i].is_punct}
    return rest if len(rest) >= 3 else set()


def _from_nominal(sent: Sentence, noun, resolver: SpeakerResolver) -> Item | None:
    """Nominal cues: "In the Pentagon's assessment, X ..." and "X's assessment is that ..."."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ == "PRON" or sent.in_quote(noun):
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by"):
        content = {t.i for t in noun.head.head.subtree} - {t.i for t in noun.head.subtree}
    elif noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        content = {t.i for c in noun.head.children if c.dep_ in ("ccomp", "attr") for t in c.subtree}
    else:
        return None
    speaker = resolver.resolve(sent, owner)
    if not speaker or not content:
        return None
    cue = " ".join(t.text for t in noun.head.subtree) if noun.dep_ == "pobj" else f"{owner.text}'s {noun.text}"
    text = span_text(sent.doc, content)
    return Item("claim", speaker, cue, text, quote_of(sent, content), sent.n, noun.i, content, rule="nominal-assessment")


def content_of(cue, kind: str, subject) -> set[int]:
    """Token indices of what was claimed or denied."""
    lemma = cue.lemma_.lower()
    if lemma in EXPRESS_CUES:  # 'expressed optimism that ...': the stance and what it is about
        return {t.i for c in cue.children if c.dep_ in ("dobj", "ccomp") and c.i > cue.i for t in c.subtree}
    comps = [c for c in cue.children if c.dep_ == "ccomp" or (c.dep_ == "conj" and _that_clause(c))]
    if lemma in XCOMP_CUES or kind == "denial":
        xcomps = [c for c in cue.children if c.dep_ == "xcomp"]
        comps += xcomps  # 'urged the EU to go further': whom it urged is part of it
        comps += [c for c in cue.children if c.dep_ == "dobj" and xcomps and cue.i < c.i < xcomps[0].i and kind == "claim"]
    if not comps:  # the small model often hangs the reported clause as advcl ("said ... now involved")
        comps = [c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i and c.tag_ != "VBG"]
    if not comps:
        comps = misparsed_that_clause(cue)
    if not comps and cue.dep_ == "pcomp" and cue.head.lower_ == "as":  # '..., an aide was quoted as saying'
        comps = [c for c in cue.head.head.children if c.dep_ == "ccomp"]
    if comps:
        return {t.i for c in comps + closing_clauses(cue, comps, subject) for t in c.subtree}
    if cue.dep_ == "parataxis":
        return {t.i for t in cue.head.subtree} - {t.i for t in cue.subtree}
    if lemma == "say" and not is_negated(cue):  # 'says the shift to domestic production matters' (misparsed)
        objs = [c for c in cue.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and len(list(c.subtree)) >= 4]
        if objs:
            return {t.i for c in objs for t in c.subtree}
    if kind == "denial" and (cue.dep_ in ("relcl", "acl") and (which_rejects(cue) or not any(c.dep_ == "dobj" for c in cue.children))
                             or pronoun_antecedent(cue) is not None):
        return accusation(cue)  # 'an accusation (that) X rejects', '..., which X rejects', 'a charge denied by X'
    if lemma in OBJECT_CUES or kind == "denial":
        objs = [c for c in cue.children
                if (c.dep_ in ("dobj", "attr", "oprd", "acomp", "advcl") and not (kind == "denial" and _saying(c)))
                or (c.dep_ in ("prep", "mark") and c.lower_ in CONTENT_PREPS and not _when_or_where(c))]
        if kind == "denial" and all(c.pos_ == "PRON" for c in objs):  # 'denied them, saying ...': the reason says what
            objs += [c for c in cue.children if _saying(c)]
        return {t.i for c in objs for t in c.subtree}
    return set()


def accusation(cue) -> set[int]:
    """What a denial in a relative clause or with a pronoun object answers: the statement before
    '..., which X rejects' or '..., an allegation denied by X' (what was claimed, when a cue made it),
    the assertion a pronoun stands for ('rumours ... dismissed them'), else the noun it modifies."""
    doc = cue.doc
    noun = pronoun_antecedent(cue) if cue.dep_ not in ("relcl", "acl") else cue.head
    if noun is None:
        return set()
    if which_rejects(cue):
        stop = next(c.i for c in cue.children if c.lower_ == "which") - 1
    else:
        first = min(t.i for t in noun.subtree)
        stop = first - 1 if first > 0 and doc[first - 1].text == "," and noun.i > cue.i - 4 and cue.dep_ != "dobj" else None
    if stop is None or stop < 3:
        if cue.dep_ not in ("relcl", "acl"):  # 'When rumours ... circulated, X dismissed them'
            return {t.i for t in noun.subtree} | {c.i for c in cue.children if c.dep_ == "dobj"}
        return {t.i for t in noun.subtree} - {t.i for t in cue.subtree}
    named = {t.i for t in noun.subtree} if cue.dep_ in ("relcl", "acl") and not which_rejects(cue) else set()
    return statement_before(doc, stop) | named  # '..., a finding X dismissed as "baseless"' keeps its words


def _when_or_where(prep) -> bool:
    """'announced on Friday', 'reported on its website': when or where it was said, not what."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in ("website", "radio", "television")
                              for o in objs)


def _that_clause(verb) -> bool:
    """'said A, and that B': a conjoined clause opened by 'that' is more of what was said."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in verb.children)


def _saying(token) -> bool:
    """'rejected the accusations as "groundless", saying Tehran ...': the saying-clause is a claim of its own."""
    return token.dep_ == "advcl" and token.tag_ == "VBG" and cue_kind(token) == "claim" \
        and any(c.dep_ == "ccomp" for c in token.children)


def cue_phrase(cue) -> str:
    """The cue as written, with its particle or negation ("don't believe", "pushed back")."""
    words = [c for c in cue.children if c.dep_ in ("neg", "prt")] + [cue]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _lead(cue, subject) -> list[int]:
    """Subject, auxiliaries and cue of a denial: 'Iran denied'."""
    toks = [cue.i] + [c.i for c in cue.children if c.dep_ in ("aux", "neg")]
    if subject.i < cue.i and subject.head.i == cue.i:
        toks += [t.i for t in subject.subtree]
    return toks


def _answers(denial: Item, claim: Item, doc) -> bool:
    """'X accuses Y of ..., which Y denies': a denial at the end of the sentence, by another speaker,
    holds the accusation it answers; that accusation stays the accuser's claim."""
    return denial.kind == "denial" and claim.kind == "claim" and denial.speaker != claim.speaker \
        and denial.cue_i > claim.cue_i and doc[claim.cue_i].lemma_.lower() in ACCUSING \
        and doc[claim.cue_i].dep_ == "ROOT" and (which_rejects(doc[denial.cue_i]) or denial.rule == "deny-verb-misparsed")


def _accuser(doc, item: Item) -> set[int]:
    """'Washington accuses': who accuses, and the verb, which an accusation's text keeps."""
    cue = doc[item.cue_i] if item.cue_i >= 0 else None
    if cue is None or cue.lemma_.lower() not in ACCUSING or (subject := subject_of(cue)) is None:
        return set()
    return set(_lead(cue, subject)) if min(item.content, default=0) > cue.i else set()


def _drop_nested(items: list[Item], doc) -> list[Item]:
    """A cue inside another cue's content ("said he hopes") is part of that claim; a claim joined to
    the same speaker's denial ("rejected the accusations ... and said ...") is part of the denial."""
    kept = []
    for item in items:
        _carve_out(item, items, doc)
    for item in items:
        denial = next((k for k in kept if k.kind == "denial" and k.speaker == item.speaker and item.kind == "claim"
                       and item.cue_i >= 0 and doc[item.cue_i].head.i == k.cue_i
                       and doc[item.cue_i].dep_ in ("conj", "advcl") and _denying(item, doc)), None)
        if denial:
            denial.text, denial.content = f"{denial.text}, {item.text}", denial.content | item.content
            continue
        if any(o is not item and item.cue_i in o.content and not _answers(o, item, doc) for o in items):
            continue
        if (verdict := verdict_before(item, kept, doc)) is not None:  # 'welcomed the move and urged the EU to ...'
            join_verdict(verdict, item, doc)
            continue
        if any(k.speaker == item.speaker and k.content == item.content for k in kept):
            continue
        twin = next((k for k in kept if k.kind == item.kind == "denial" and k.speaker == item.speaker), None)
        if twin:  # 'denied that ..., calling the reports "fake"': one denial
            twin.text, twin.content = f"{twin.text}, {item.text}", twin.content | item.content
            continue
        kept.append(item)
    return kept


def _carve_out(item: Item, items: list[Item], doc) -> None:
    """'Peskov said the reports were a hoax, while Putin said ...': another speaker's own cue inside a
    claim is a claim of its own; cut it out of the outer one."""
    cue = doc[item.cue_i] if item.cue_i >= 0 else None
    own = cue is not None and ((cue.dep_ in ("advcl", "conj", "relcl") and any(c.dep_ == "nsubj" for c in cue.children))
                               or (cue.dep_ == "acl" and any(c.dep_ == "agent" for c in cue.children)))  # 'a charge denied by X'
    if not own and item.rule != "deny-verb-misparsed":
        return  # relcl: '..., a finding Abu Dhabi dismissed as "baseless"' is Abu Dhabi's own denial
    if _that_clause(cue):  # 'said A, and that investigators found B': B is still what was said
        return
    for outer in items:
        if outer is not item and item.cue_i in outer.content and outer.speaker != item.speaker:
            outer.content -= {t.i for t in cue.subtree} | (item.content if item.rule == "deny-verb-misparsed" else set())
            outer.content -= {i for i in outer.content if doc[i].text in (",", ";", ":", "-", "--", "—")
                              and i + 1 not in outer.content}  # no dangling ', ' left where the cut was
            outer.text = span_text(doc, outer.content | _accuser(doc, outer))
            outer.quote = outer.quote if outer.quote and outer.quote in outer.text else None
            if outer.rule == "claim-of-denial" and not DISMISSIVE.search(outer.text):
                outer.kind = "claim"  # the dismissive words were the other speaker's
                outer.rule = "cue-clause" if outer.cue_i < min(outer.content, default=0) else "postposed-cue"


def _denying(item: Item, doc) -> bool:
    """Content that itself denies: negated ('was not a party') or dismissive ('baseless')."""
    roots = [doc[i] for i in item.content if doc[i].head.i not in item.content or doc[i].head.i == i]
    return bool(DISMISSIVE.search(item.text)) or any(is_negated(r) for r in roots)


def _extend(item: Item, sent: Sentence) -> None:
    quote = sent.quoted_text() or ""
    item.quote = f"{full_stop(item.quote)} {quote}".strip() if item.quote else quote
    item.text = f"{full_stop(item.text)} {clean_text(quote)}".strip()
