"""Cue lexicons (from the attribution reference) and the cue finder."""
from __future__ import annotations

import re

CLAIM_CUES = frozenset(
    """say tell write add suggest note argue report announce describe claim cite explain respond reply
    acknowledge admit concede declare insist maintain recall state reveal disclose indicate confirm
    comment emphasize emphasise stress reiterate assert allege contend testify brief boast
    believe think expect conclude predict fear worry assess estimate judge suspect
    warn caution threaten vow pledge promise urge demand accuse blame criticize criticise condemn
    denounce plead hope signal verify observe find document rule understand learn
    exclaim remark recount quip reaffirm hail praise welcome feel""".split()
)
DENIAL_CUES = frozenset(
    "deny reject dismiss rebut dispute disavow contradict counter rebuff repudiate refute debunk".split()
)
# Inflected denial verbs, for sentences whose parse misses the verb.
DENIAL_FORM = re.compile(r"(?:reject|dismiss|dispute|den(?:y|ie))(?:s|es|ed)?")
# Verbs that only deny when their object is an assertion ("rejected the claims").
OBJECT_DENIALS = frozenset("reject dismiss dispute counter rebuff discourage quash scotch downplay".split())
ASSERTION_NOUNS = frozenset(
    """claim claims accusation allegation report charge assertion suggestion assessment finding
    notion idea story reports accusations allegations charges account version rumor rumour rumors rumours
    speculation""".split()
)
# Content that answers an accusation by denying guilt: 'insisted he is innocent', 'had nothing to do with'.
NOT_GUILTY = re.compile(r"\b(?:innocen(?:t|ce)|nothing to do with|(?:did|done) nothing wrong|no wrongdoing|not guilty|"
                        r"no (?:part|role|involvement) in)\b", re.I)
# A quotation that opens by denying: 'At no point did we ...', 'It was never our intention to ...'.
QUOTED_DENIAL = re.compile(r"^\W*(?:at no (?:point|time|stage)\b|it (?:was|is|has) never been (?:our|my) |it was never (?:our|my) "
                           r"(?:intention|aim|plan|policy)|(?:we|i) (?:have |had )?never (?:been|sold|supplied|sent|provided|"
                           r"given|used|received|paid|ordered|authori[sz]ed|intended|planned|threatened|said)\b)", re.I)
# What a party rejects when it rejects a decision about itself: 'rejected the ruling', 'dismissed the warrants'.
DECISION_NOUNS = frozenset("""decision ruling verdict judgment judgement sanction sanctions measure measures warrant
    warrants charge charges finding findings conclusion conclusions indictment resolution embargo restrictions""".split())
# Cues whose content may be an object or prepositional phrase rather than a clause.
OBJECT_CUES = frozenset(
    """deny confirm announce report pledge promise plead demand urge warn threaten vow reiterate
    condemn criticize criticise denounce accuse blame acknowledge admit verify observe describe find document
    call reaffirm hail praise welcome""".split()
)
XCOMP_CUES = frozenset("""deny vow pledge promise threaten urge plead hope expect refuse acknowledge admit call suggest
    report recommend propose""".split())
# Phrasal denials: the verb only denies with its particle ("pushed back on", "brushed aside").
PHRASAL_DENIALS = {"push": "back", "brush": "aside", "wave": "away", "shrug": "off", "hit": "back"}
# A claim whose content is a negated transfer answers an accusation: "has not sent any weapons".
DENIED_ACTIONS = frozenset("send ship supply provide deliver sell transfer give export arm smuggle".split())
RECEIVE_ACTIONS = frozenset("receive obtain acquire get".split())  # denied only with arms as the object
ARMS_NOUNS = frozenset("weapon arm drone missile ammunition shell munition rocket equipment".split())
EVIDENCE_NOUNS = frozenset("evidence sign signs indication proof information confirmation".split())
INHERIT_DEPS = frozenset(("conj", "xcomp", "advcl"))
RELATIVE_PRONOUNS = frozenset(("who", "which", "that"))
# What a speaker issues or sends: 'issued a statement saying ...', 'sent a message urging ...'.
STATEMENT_NOUNS = frozenset("statement letter message communique communiqué memo note declaration appeal".split())
DISMISSIVE = re.compile(
    r"\b(?:not true|untrue|baseless|unfounded|groundless|fabricat\w*|no truth|lies|a lie|"
    r"propaganda|nonsense|absurd\w*|false|fakes?|hoax|disinformation|slander|smear|null and void|"
    r"not (?:a |in )?(?:violation|breach)|did not (?:violate|breach)|no (?:violation|breach))\b", re.I)

# What 'called X ...' dismisses with, besides the DISMISSIVE words: 'called the measures "unjustified"'.
CALLED_FALSE = re.compile(DISMISSIVE.pattern[:-3] + r"|unjustified|speculation|gossip|rumou?rs?|fiction|fantasy|"
                          r"invention|fairy tales?)\b", re.I)


# 'expressed optimism that ...', 'voiced concern about ...': a stance put into words.
EXPRESS_CUES = frozenset(("express", "voice", "raise"))
STANCE_NOUNS = frozenset("""hope hopes optimism concern concerns confidence regret doubt doubts fear fears support
    skepticism scepticism satisfaction frustration disappointment anger outrage sympathy condolences
    gratitude willingness readiness opposition objection objections""".split())

# Every lemma `cue_kind` can return a kind for: a cheap first test before the parse is consulted.
CUE_LEMMAS = CLAIM_CUES | DENIAL_CUES | frozenset(PHRASAL_DENIALS) | {"call"} | EXPRESS_CUES


def cue_kind(token) -> str | None:
    """'claim', 'denial' or None for a verb token."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
        return None
    lemma = token.lemma_.lower()
    if lemma in DENIAL_CUES:
        if lemma in OBJECT_DENIALS and not _objects_assertion(token):
            return None
        return "denial"
    if lemma == "call" and _calls_it_false(token):
        return "denial"
    if lemma == "call" and any(c.dep_ in ("prep", "prt") and c.lower_ in ("on", "for", "upon") for c in token.children):
        return "claim"  # 'called on the Council to act', 'called for an embargo'
    if lemma in EXPRESS_CUES:  # a stance about something: 'raised concerns' alone says nothing
        about = any(c.dep_ == "ccomp" for c in token.children)
        return "claim" if any(c.dep_ == "dobj" and c.lemma_.lower() in STANCE_NOUNS and (about or any(
            d.dep_ in ("prep", "acl", "ccomp", "relcl") for d in c.children)) for c in token.children) else None
    if lemma == "rule" and any(c.lower_ == "out" for c in token.children):
        return None  # 'ruled out sending troops' is no ruling
    if lemma == "welcome" and any(c.dep_ == "dobj" and (c.pos_ == "PRON" or c.ent_type_ in ("PERSON", "NORP", "GPE", "ORG"))
                                  for c in token.children):
        return None  # 'welcomed Singh to the podium' greets a guest
    particle = PHRASAL_DENIALS.get(lemma)
    if particle and any(c.lower_ == particle and c.dep_ in ("prt", "advmod") for c in token.children):
        return "denial"
    return "claim" if lemma in CLAIM_CUES else None


def _calls_it_false(token) -> bool:
    """'called the reports baseless / a lie / "absolutely false"'."""
    judged = [c for c in token.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "dobj")]
    if len(judged) >= 2 and any(CALLED_FALSE.search(" ".join(t.text for t in c.subtree)) for c in judged[1:]):
        return True
    # the small model hangs the judgement on the object as a conjunct: "called reports ... “baseless”"
    objs = [c for c in token.children if c.dep_ == "dobj"]
    if len(judged) >= 2 and any(o.lemma_.lower() in ASSERTION_NOUNS for o in objs):
        return True  # 'called the accusations "a pretext for aggression"'
    return any(c.dep_ in ("conj", "oprd", "amod") and c.i > o.i and CALLED_FALSE.fullmatch(c.text)
               for o in objs for c in o.subtree)


def negated_transfer(content_root) -> bool:
    """'Tehran has not sent any weapons', 'never allowed its territory to be used to transfer weapons',
    'has no intention of exporting': negated content about supplying arms, answering an accusation."""
    if not _negated_content(content_root) or _no_evidence(content_root):
        return False
    if content_root.lemma_.lower() in DENIED_ACTIONS:
        return True
    if content_root.lemma_.lower() in RECEIVE_ACTIONS:  # 'does not receive weapons from Iran'
        return any(c.dep_ == "dobj" and c.lemma_.lower() in ARMS_NOUNS for c in content_root.children)
    subject = {t.i for c in content_root.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") for t in c.subtree}
    return any(t.pos_ == "VERB" and t.lemma_.lower() in DENIED_ACTIONS and t.i not in subject and _verb_chain(t, content_root)
               for t in content_root.subtree)  # not 'drones supplied to Kyiv would not change ...'


def which_rejects(token) -> bool:
    """'Rebels say the army used cluster bombs, which the ministry rejects': the relative pronoun after a
    comma stands for the whole statement before it."""
    return token.dep_ == "relcl" and any(c.lower_ == "which" and c.dep_ in ("dobj", "nsubjpass") and c.i > 0
                                         and c.doc[c.i - 1].text == "," for c in token.children)


def pronoun_antecedent(token):
    """'dismissed them' after 'rumours ...': the assertion a denial verb's pronoun object stands for,
    the nearest before it in the sentence."""
    pron = next((c for c in token.children if c.dep_ == "dobj" and c.lower_ in ("it", "them", "this", "these")), None)
    if pron is None:
        return None
    return next((t for t in reversed(token.doc[: token.i]) if t.lemma_.lower() in ASSERTION_NOUNS and t.pos_ == "NOUN"), None)


def _verb_chain(verb, root) -> bool:
    """Whether `verb` is a complement of `root` ('never allowed ... to transfer'), not a modifier of one
    of its nouns ('cannot continue without the weapons Iran provides')."""
    while verb.i != root.i:
        if verb.dep_ in ("relcl", "acl", "conj"):  # not 'does not fear ... and expects ... giving us status'
            return False
        verb = verb.head
    return True


def _no_evidence(root) -> bool:
    """'had seen no evidence that China supplied ...': a claim in the negative, not a denial."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in EVIDENCE_NOUNS for c in root.children)


def _negated_content(root) -> bool:
    """'not' / 'never' on the verb, or 'no' on its object ('has no intention of')."""
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in root.children):
        return True
    return any(c.dep_ == "dobj" and any(d.lower_ == "no" for d in c.children) for c in root.children)


def _objects_assertion(token) -> bool:
    """'rejected the claims', 'reports ... were dismissed' (the passive subject is the object), 'rejected
    the ruling', 'dismissed the sanctions as illegal' (a decision rejected, or anything dismissed as ...)."""
    if token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() in ASSERTION_NOUNS | DECISION_NOUNS:
        return True  # 'an accusation the Emirati government rejects', 'a charge rejected by Tehran'
    if which_rejects(token) or pronoun_antecedent(token) is not None:
        return True  # '..., which the ministry rejects', 'dismissed them' (the rumours)
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.dep_ == "prep" and c.lower_ == "as" for t in (token, *objects) for c in t.children):
        return True  # 'dismissed the sanctions as illegal' (the parser may hang 'as' on the object)
    return any(c.dep_ in ("dobj", "ccomp", "nsubjpass")
               and (c.lemma_.lower() in ASSERTION_NOUNS | DECISION_NOUNS or c.lower_ in DECISION_NOUNS or c.dep_ == "ccomp")
               for c in token.children)


def is_negated(token) -> bool:
    """Whether a cue verb is negated ("did not deny", "don't believe")."""
    return any(c.dep_ == "neg" for c in token.children)


NONCOMMITTAL = frozenset("confirm acknowledge say comment disclose reveal specify address elaborate report".split())


def non_response(token) -> bool:
    """'would neither confirm nor deny', 'declined to comment', 'did not confirm the delivery',
    'did not say how many': not a denial, not a claim."""
    words = {t.lower_ for t in token.head.children} | {t.lower_ for t in token.children}
    if {"neither", "nor"} & words:
        return True
    modal = any(c.dep_ == "aux" and c.lower_ in ("can", "could", "ca") for c in token.children)
    if (is_negated(token) or any(c.lower_ == "never" for c in token.children)) and not modal \
            and token.lemma_.lower() in NONCOMMITTAL and not any(c.dep_ == "ccomp" and any(
                m.lower_ == "that" for m in c.children) for c in token.children):
        return True
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in ("decline", "refuse")


def according_to(doc) -> list:
    """The 'according' tokens of 'according to X' phrases."""
    return [t for t in doc if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"]


def subject_of(cue):
    """The speaker's head token: the subject, the passive agent, or a conjoined verb's subject."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i] or \
        [c for c in cue.children if c.dep_ == "nsubj"]
    if subjects:  # 'The prosecutor who ..., Robert Marsh, said': an apposition parsed as a second subject
        return relative_antecedent(cue, subjects[-1])
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    if any(c.dep_ == "nsubjpass" for c in cue.children):
        return told(cue) or _misplaced_agent(cue)
    if (inverted := _inverted_subject(cue)) is not None:
        return inverted
    if cue.dep_ == "pcomp" and cue.head.lower_ in ("as", "by") and cue.head.head.pos_ in ("VERB", "AUX"):
        return _speaking_through(cue.head)
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.lemma_.lower() in STATEMENT_NOUNS:
        return _issuer(cue.head)
    if cue.dep_ == "acl" and cue.tag_ == "VBD" and cue.head.dep_ == "ROOT" and cue.head.pos_ in ("NOUN", "PROPN"):
        return cue.head  # "Germany's foreign minister, Annalena Baerbock, called on ...": the finite verb misread as a modifier
    if cue.dep_ in INHERIT_DEPS and cue.head.i != cue.i:
        if cue.dep_ == "advcl" and cue.tag_ != "VBG":
            return None
        return subject_of(cue.head)
    return _orphan_subject(cue)


def _orphan_subject(cue):
    """'In a letter to the Commission, the mayor of Bergen, Ola Svein, wrote that ...': the parser hung
    the speaker on the phrase before; the name just before a main cue with a clause after it speaks."""
    if cue.dep_ != "ROOT" or not any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
        return None
    i = cue.i - 2 if cue.i >= 2 and cue.doc[cue.i - 1].text == "," else cue.i - 1
    tok = cue.doc[i] if i >= 0 else None
    return tok if tok is not None and tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in ("appos", "conj") else None


def _inverted_subject(cue):
    """'..., added Wang.': a name after a closing cue, which the parser took for its object."""
    doc = cue.doc
    if cue.i == 0 or doc[cue.i - 1].text not in (",", '"', "'", "”") or cue.lemma_.lower() not in ("say", "add"):
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
    if obj is None or any(t.pos_ in ("VERB", "AUX") for t in doc[obj.i : obj.right_edge.i + 1]):
        return None
    return obj if all(t.is_punct for t in doc[obj.right_edge.i + 1 :]) else None


def _speaking_through(prep):
    """'The minister reacted by saying that ...': the one who reacted; 'the paper quoted an aide as
    saying ...' / 'an aide was quoted as saying ...': the one quoted, not the paper."""
    verb = prep.head
    if prep.lower_ == "by":
        return subject_of(verb)
    if verb.lemma_.lower() != "quote":
        return None
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _issuer(statement):
    """'Ota issued a statement saying ...', 'the army said in a statement calling ...': who issued it."""
    verb = statement.head.head if statement.dep_ == "pobj" and statement.head.lower_ == "in" else statement.head
    if statement.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    return subject_of(verb)


def relative_antecedent(cue, subject):
    """'Chen, who said that ...', 'Tehran, which says ...': the relative pronoun stands for the noun
    the clause hangs on, and that noun speaks."""
    if cue.dep_ == "relcl" and subject.lower_ in RELATIVE_PRONOUNS and cue.head.pos_ in ("NOUN", "PROPN"):
        return cue.head
    return subject


def _misplaced_agent(cue):
    """'reports were dismissed as "another fake" by Russian officials': the parser hung the agent
    on the complement; a passive denial's 'by' phrase after the verb still names who denied."""
    if cue.lemma_.lower() not in DENIAL_CUES:
        return None
    by = next((t for t in cue.subtree if t.i > cue.i and t.lower_ == "by" and t.dep_ in ("prep", "agent")), None)
    objs = [c for c in by.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")] if by is not None else []
    return objs[0] if objs else None


def told(cue):
    """'The BBC has been told that ...': the one told reports it (kept only for a newsroom)."""
    if cue.lemma_.lower() not in ("tell", "inform") or not any(c.dep_ == "ccomp" for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
