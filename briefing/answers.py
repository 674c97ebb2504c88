"""Whether a denial answers a claim: the accused is what the claim is about, and it says what is denied.

Precision over recall: a wrong "contested" badge misleads a reader, a missing one does not. So a
denial answers a claim only when (1) someone else made the claim, (2) the claim's opening words
(its subject) name the denier or the denier's side ('Iran' for 'Iran's foreign ministry'), and
(3) what the denial denies (the words after its denying verb, up to where or when it was denied)
and the claim share at least two more content words, read loosely ('sent' and
'providing' are both a transfer; 'missiles' and 'weapons' both a weapon). Used by extraction
(within an article) and by linking (across articles). Within one article extraction also links a
denial of guilt that names nothing in particular ('X denied any wrongdoing', 'rejected the
allegations') to the earlier claim about the denier, which is what it answers there.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import warm

SUBJECT_WORDS = 6  # how far into a claim its subject may reach ("U.S. and European officials say Iran ...")
MIN_SHARED = 2
CIRCUMSTANCE = re.compile(
    r"\b(?:in|on|at|during|through)\s+(?:a|an|the|its|his|her|their)?\s*(?:\w+\s+)?(?:statement|interview|press|"
    r"news|briefing|conference|speech|letter|communique|broadcast)\b|\b(?:on|last)\s+(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b|\baccording to\b", re.I)
DENIED_WORDS = 8  # the first content words after the denying verb say what is denied
MIN_SHARE = 0.3  # of the denial's own words (its side's names aside) that the claim must say too
STOPWORDS = frozenset("""the a an of to in on and or for with by at from that this these those is are was were be
    been being has have had it its as not but will would shall should can could may might said says say told
    deny denies denied denying reject rejects rejected dismiss dismissed dismisses refute refuted
    report reports reported claim claims claimed allegation allegations accusation accusations any
    he she they we you his her their our them him us who which what when where there than then also into
    about after before over under more most very just only any all some such any no none never
    government state country people year years month week day today last next time official officials
    monday tuesday wednesday thursday friday saturday sunday does did do""".split())
# Words that name no side: the denier 'Iran's Foreign Ministry' is on the side of 'Iran'.
GENERIC = frozenset("""ministry foreign government spokesman spokeswoman spokesperson office news agency military
    army party official officials national department council president minister prime defence defense
    forces force embassy mission state the of and for affairs interior media sources source""".split())
DENY = r"(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|rebuff(?:s|ed|ing)?|dispute[sd]?|disputing|repudiat(?:e|es|ed|ing))"
DENY_VERB = re.compile(rf"\b{DENY}\b", re.I)
DENIED_STATEMENT = re.compile(
    rf"\b{DENY}\s+(?:(?:as\s+\w+\s+)?(?:that|any|ever|having)\b|\w+ing\b|(?:the\s+|a\s+|these\s+|such\s+|recent\s+|earlier\s+)*"
    r"(?:\w+\s+)?(?:reports?|claims?|allegations?|accusations?|charges?|suggestions?|rumou?rs?|assertions?)\s+(?:that|of|it|he|she|they)\b)",
    re.I)
SAME = {  # loose readings, so that a denial's verb meets the claim's
    **dict.fromkeys("send sent sending ship shipped shipping supply supplied supplying provide provided providing "
                    "deliver delivered delivering sell sold selling transfer transferred transferring give gave "
                    "given giving".split(), "transfer"),
    **dict.fromkeys("missile missiles weapon weapons drone drones arms shell shells rocket rockets munitions "
                    "ammunition".split(), "weapon"),
    **dict.fromkeys("troops troop forces soldiers soldier".split(), "troop"),
    **dict.fromkeys("kill killed killing killings".split(), "kill"),
    **dict.fromkeys("attack attacked attacks attacking".split(), "attack"),
}


def keywords(text: str) -> set[str]:
    """A text's content words, read loosely (synonyms folded, cut to five letters)."""
    return set(_ordered_keywords(text))


def _ordered_keywords(text: str) -> list[str]:
    words = re.findall(r"[a-z][a-z'-]*", text.lower().replace("\u2019", "'"))
    out = [SAME.get(w, w[:5]) for w in (w.removesuffix("'s") for w in words) if w not in STOPWORDS and len(w) > 2]
    return list(dict.fromkeys(out))


def side_words(names: Iterable[str]) -> set[str]:
    """The words by which a denier's side is named: capitalised words of its names, cut to four letters."""
    out = set()
    for name in names:
        for word in re.findall(r"[A-Za-z][A-Za-z'-]*", name.replace("\u2019", "'")):
            word = word.removesuffix("'s")
            if (word[:1].isupper() or word.isupper()) and word.lower() not in GENERIC and len(word) > 1:
                out.add(word.lower()[:4])
    return out


def denies_a_statement(denial_text: str) -> bool:
    """Whether what is denied is a statement ('denied that ...', 'denied sending ...', 'dismissed
    reports that ...'), not a thing ('dismissed the talks', 'rejected a report by the panel');
    a text without a denying verb is the denied statement itself."""
    if not DENY_VERB.search(denial_text):
        return True
    return bool(DENIED_STATEMENT.search(denial_text))


def answer_score(denial_text: str, denier_names: Iterable[str], claim_text: str, cue: str | None = None) -> int:
    """How well a denial answers a claim (shared content words); 0 when it does not answer it.
    A denial whose cue and text hold no denying verb ('insisted', 'said') answers nothing."""
    denial = Denied.of(denial_text, denier_names, cue)
    return denial.score(opening(claim_text), keywords(claim_text)) if denial else 0


GENERAL = re.compile(r"\b(?:any\s+)?(?:wrong-?doing|innocen\w*|guilt\w*|(?:the\s+)?(?:charges?|allegations?|accusations?))\b", re.I)


def denies_generally(denial_text: str, denier_names: Iterable[str], cue: str | None = None) -> bool:
    """'X denied any wrongdoing', 'rejected the allegations', 'said he was innocent': a denial of guilt
    that names nothing it denies in particular (at most three content words of its own)."""
    verb = DENY_VERB.search(denial_text)
    if not (verb or DENY_VERB.search(cue or "") or re.search(r"\binnocen", denial_text, re.I)):
        return False
    denied = denial_text[verb.end():] if verb else denial_text
    own = [w for w in _ordered_keywords(denied) if w[:4] not in side_words(denier_names)]
    return bool(GENERAL.search(denied)) and len(own) <= 3


def about(denier_names: Iterable[str], claim_text: str) -> bool:
    """Whether a claim's opening words name the denier's side: the claim is about the denier."""
    return bool(side_words(denier_names) & opening(claim_text))


def opening(claim_text: str) -> set[str]:
    """The words a claim's subject may be among, cut as side words are."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", claim_text.replace("\u2019", "'"))[:SUBJECT_WORDS]
    return {w.removesuffix("'s").lower()[:4] for w in words}


@dataclass(frozen=True)
class Denied:
    """What a denial denies, ready to be held against claims."""

    side: frozenset[str]   # the denier's side, as side words
    words: frozenset[str]  # the denial's own content words, its side's names aside

    @classmethod
    def of(cls, text: str, names: Iterable[str], cue: str | None = None) -> Denied | None:
        """None when the denial denies no statement, or has no denying verb at all."""
        if not denies_a_statement(text) or not DENY_VERB.search(f"{cue or ''} {text}"):
            return None
        side = frozenset(side_words(names))
        verb = DENY_VERB.search(text)
        denied = text[verb.end():] if verb else text  # what follows 'denied': the denied statement,
        denied = CIRCUMSTANCE.split(denied, maxsplit=1)[0]  # not where or when it was denied
        words = [w for w in _ordered_keywords(denied) if w[:4] not in side]
        return cls(side, frozenset(words[:DENIED_WORDS]))  # '... in a statement released on Friday' is not it

    def score(self, claim_opening: set[str], claim_words: set[str]) -> int:
        """Shared content words when the claim is about the denier and says enough of it; else 0."""
        if not self.side & claim_opening:
            return 0
        shared = self.words & claim_words
        return len(shared) if len(shared) >= MIN_SHARED and len(shared) >= MIN_SHARE * len(self.words) else 0


def best_answer(denial_text: str, denier_names: Iterable[str], claims: Iterable[tuple[object, str]],
                cue: str | None = None):
    """The key of the claim a denial answers best, of (key, claim text) pairs; None when none does.
    Ties go to the first (the caller orders the claims)."""
    denial = Denied.of(denial_text, denier_names, cue)
    if denial is None:
        return None
    best, best_score = None, 0
    for key, text in claims:
        score = denial.score(opening(text), keywords(text))
        if score > best_score:
            best, best_score = key, score
    return best


class ClaimIndex:
    """Every claim of a briefing by the words its subject may be named by, to find the claims a
    denial of another article answers without holding it against all of them."""

    def __init__(self, claims: Iterable[tuple[object, str, str]]):
        self.claims: list[tuple[object, str, set[str], set[str]]] = []
        self.by_word: dict[str, list[int]] = {}
        for key, speaker, text in claims:
            first, words = _words_of(text)
            for word in first:
                self.by_word.setdefault(word, []).append(len(self.claims))
            self.claims.append((key, speaker, first, words))

    def best(self, denial: Denied, denier: str, home=None):
        """The key of the claim (by another speaker) the denial answers best, one of `home` (its own
        article's claims) on a tie; None when none does."""
        best, best_score = None, (0, False)
        for k in sorted({k for word in denial.side for k in self.by_word.get(word, ())}):
            key, speaker, first, words = self.claims[k]
            score = (denial.score(first, words) if speaker != denier else 0, home is not None and home(key))
            if score[0] and score > best_score:
                best, best_score = key, score
        return best


_WORDS: dict[str, tuple[set[str], set[str]]] = {}  # a claim's opening and keywords, while a server holds its caches


def _words_of(text: str) -> tuple[set[str], set[str]]:
    """opening(text) and keywords(text) (a server's rebuild after one edit indexes the same claims again)."""
    return warm.kept(_WORDS, text, lambda: (opening(text), keywords(text)))
