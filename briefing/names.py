"""Person names: the words in front of a name that are a party, a post or a slogan, and name keys.

Shared by extraction (so new content files hold clean names) and the resolve stage (so content
files written before are read clean too).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

# Party words, as the text writes them -> the party a role names.
PARTIES = {
    "tory": "Conservative", "tories": "Conservative", "conservative": "Conservative", "labour": "Labour",
    "labor": "Labor", "lib": "Liberal Democrat", "liberal": "Liberal", "democrat": "Democrat",
    "democratic": "Democratic", "republican": "Republican", "ukip": "UKIP", "snp": "SNP", "plaid": "Plaid Cymru",
    "green": "Green", "blairite": "Blairite", "brownite": "Brownite", "socialist": "Socialist",
    "communist": "Communist", "likud": "Likud", "kadima": "Kadima", "gop": "Republican", "dup": "DUP",
    "unionist": "Unionist", "nationalist": "Nationalist", "respect": "Respect", "veritas": "Veritas",
    "bnp": "BNP", "sdlp": "SDLP", "sinn": "Sinn Fein",
}
PARTY_HEADS = frozenset("party action front movement alliance union league congress bloc".split())
PARTY_TAILS = frozenset(("dem", "dems", "democrat", "democrats", "cymru", "fein"))  # 'Lib Dem', 'Liberal Democrat'
# Posts: the head word of a title in front of a name ('Home Secretary', 'State Councilor').
POSTS = frozenset("""
    mp mep msp am mla premier president minister secretary chancellor commissioner chairman chairwoman
    chairperson chair director ambassador envoy mayor professor prof speaker captain leader senator
    governor general gen colonel col major maj lieutenant lt sergeant sgt commander marshal admiral adm
    brigadier corporal private officer inspector superintendent constable detective prosecutor attorney
    judge justice magistrate councillor councilor coach manager skipper striker midfielder defender
    goalkeeper chief spokesman spokeswoman spokesperson deputy representative rep sen gov cardinal
    archbishop bishop reverend rev imam ayatollah rabbi father pastor cleric economist analyst
    counsellor counselor consul attache treasurer whip candidate challenger contender nominee
    allrounder all-rounder batsman bowler paceman spinner wicketkeeper keeper winger forward fullback
    playmaker centre-back center-back quarterback pitcher champion titleholder runner-up
    """.split())
# Words that only modify a post ('Foreign Minister', 'Shadow Home Secretary', 'former MP').
POST_MODIFIERS = frozenset("""
    foreign home defence defense finance interior trade health education justice state prime vice deputy
    shadow former ex acting interim chief junior senior assistant under first economic environment
    culture transport energy agriculture labour labor work pensions culture security intelligence
    environment development international european party opposition backbench frontbench veteran
    independent army navy police fire military national general secretary- secretary-general
    """.split())
# Forms of address: not part of the name, not a role either.
COURTESY = frozenset("mr mrs ms miss dr sir dame lord lady baroness baron madam mx mister".split())
FEMININE = frozenset("mrs ms miss dame lady baroness madam".split())
MASCULINE = frozenset("mr sir lord baron mister".split())
# A campaign slogan before a name ('Vote Blair', 'Get Brown') names no actor.
SLOGAN_VERBS = frozenset("vote get back sack stop elect re-elect ditch dump oust impeach".split())
# Head words of names that are not a person's, however the model tagged them.
NOT_A_PERSON = frozenset("""fc afc rovers united city athletic wanderers rangers albion hotspur county town
    brigade brigades crossing press roadmap agency party movement front army council committee
    company group bank university institute foundation ministry province district street square bridge
    airport port stadium river island islands mountains valley""".split())
PARTICLES = frozenset("al el de del da di van von der le la bin ibn abu".split())

PLACED = re.compile(r"\b(?:in|from|across|throughout|inside|outside|near|(?:north|south|east|west|centr)(?:ern|al)) "
                    r"([A-Z][\w-]+)(?:'s)?\b(?! [A-Z])", re.I)
DEMONYM = re.compile(r"\b[A-Z][a-z]+(?:ese|ian|an|i|n)\b")
ROLE_STOPWORDS = frozenset("the and for former then new acting deputy vice".split())


@dataclass(frozen=True)
class CleanName:
    """A person's name split from the words in front of it."""

    name: str                 # the name itself: 'Liam Fox'
    role: str | None = None   # party and post words in front, normalised: 'Conservative MP'
    courtesy: str | None = None  # 'Mr', 'Sir': how the text addressed the person
    slogan: bool = False      # 'Vote Blair': a slogan, not a person


@lru_cache(maxsize=65536)  # a person is named in many articles, by the same words
def clean_person_name(text: str) -> CleanName:
    """Split party, post and courtesy words (and slogans) off the front of a person's name."""
    words = text.replace("\u2019", "'").split()
    if len(words) >= 2 and _bare(words[0]) in SLOGAN_VERBS and words[0][:1].isupper():
        return CleanName(" ".join(words[1:]), slogan=True)
    cut = _prefix_length(words)
    prefix, name = words[:cut], words[cut:]
    courtesy = next((w.rstrip(".") for w in prefix if _bare(w) in COURTESY), None)
    return CleanName(" ".join(name), _role(prefix), courtesy)


def _bare(word: str) -> str:
    return word.lower().rstrip(".,'")


_PREFIX_WORDS = POSTS | POST_MODIFIERS | COURTESY | frozenset(PARTIES) | PARTY_TAILS | {"party"}


def _prefix_length(words: list[str]) -> int:
    """How many leading words are party, post and courtesy words: the run must end on a head
    (a post, a party or a courtesy title), and at least one word of the name is left."""
    cut = 0
    if len(words) >= 4 and words[0][:1].isupper() and _bare(words[1]) in POSTS and _bare(words[0]) not in COURTESY:
        words = ["party", *words[1:]]  # 'Hartlepool MP Iain Wright': a seat or a party we do not know, then a post
    for k, word in enumerate(words[:-1]):
        bare = _bare(word)
        if bare not in _PREFIX_WORDS:
            break
        party = bare in PARTIES or bare in PARTY_TAILS or bare == "party"
        if bare in POSTS or bare in COURTESY or (party and len(words) - k - 1 >= 2):
            cut = k + 1  # a party word leaves two words at least: 'Nationalist Action' is a name
    return cut


def _role(prefix: list[str]) -> str | None:
    """Party words as their party ('Tory' -> 'Conservative', 'Lib Dem' -> 'Liberal Democrat'), posts as written."""
    out: list[str] = []
    for k, word in enumerate(prefix):
        bare = _bare(word)
        before = _bare(prefix[k - 1]) if k else ""
        if bare in COURTESY or (bare in PARTY_TAILS and before in ("lib", "liberal", "sinn", "plaid")):
            continue
        if bare in ("lib", "liberal") and k + 1 < len(prefix) and _bare(prefix[k + 1]) in PARTY_TAILS:
            out.append("Liberal Democrat")
        else:
            out.append(PARTIES.get(bare, word))
    return " ".join(out) or None


def is_party_name(name: str) -> bool:
    """Whether a 'person' is a party: every word a party word ('Liberal Democrats'), or a party word
    and a party's head word ('Nationalist Action')."""
    words = [_bare(w) for w in name.split()]
    if len(words) >= 2 and words[0] in PARTIES and words[-1] in PARTY_HEADS:
        return True  # 'Nationalist Action', 'Socialist Party'
    return bool(words) and all(w in PARTIES or w in PARTY_TAILS or w in ("party", "democrats") for w in words)


def looks_like_name(name: str) -> bool:
    """Whether a person's name can be someone's full name: capitalised words (and particles such as
    'al-', 'de', 'van'), no digits ('Bolton 1-0') and no lowercase words ('Charlton v Fulham')."""
    words = name.split()
    if words and words[-1].lower() in NOT_A_PERSON or (words and words[0].lower() in NOT_A_PERSON):
        return False  # 'Blackburn Rovers', 'Rafah Crossing', 'FC Santos': a team, a place, a body
    return not any(ch.isdigit() for ch in name) and all(
        w[:1].isupper() or w.lower() in PARTICLES or re.match(r"^(?:al|el|bin|ibn|abu)-", w) for w in words)


@lru_cache(maxsize=65536)  # a name recurs in many articles
def name_key(name: str) -> tuple[str, ...]:
    """The words of a name as compared across articles: case-folded, accents and dots gone,
    the Arabic article folded in ('al-Maliki' = 'Maliki'), initials kept as letters."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"'s$", "", ascii_text.replace(".", " ")).casefold()
    words = [re.sub(r"^(?:al|el)-", "", w) for w in re.split(r"[\s]+", ascii_text) if w]
    return tuple(w for w in words if w)


def gender_of(courtesies: set[str]) -> str | None:
    """'f' or 'm' from the forms of address an actor was given, when they agree."""
    bare = {c.lower().rstrip(".") for c in courtesies}
    feminine, masculine = bool(bare & FEMININE), bool(bare & MASCULINE)
    return "f" if feminine and not masculine else "m" if masculine and not feminine else None


def used_as_places(text: str) -> set[str]:
    """One-word names a text uses as places ('in Nepal', 'western Nepal', 'Nepalese'), lowercased."""
    found = {w.lower() for w in PLACED.findall(text)}
    for demonym in DEMONYM.findall(text):
        found |= {demonym[: -len(end)].lower() for end in ("ese", "ian", "an", "i", "n") if demonym.endswith(end)}
    return found


def spelled_alike(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Two spellings of one name: as many words, one the same at least, the others transliterations
    of each other ('Mahmud' / 'Mahmoud', 'Rafik' / 'Rafiq'); a surname so spelt is 6 letters at least
    ('Davis' and 'Davies' are two names)."""
    if len(one) != len(other) or one == other:
        return False
    pairs = list(zip(one, other))
    return any(a == b for a, b in pairs) and all(
        a == b or (min(len(a), len(b)) >= (6 if k == len(pairs) - 1 else 5) and _transliterated(a, b))
        for k, (a, b) in enumerate(pairs))


def _transliterated(one: str, other: str) -> bool:
    """The same consonants, and mostly the same letters ('Mohammad' and 'Mahmud' are two names)."""
    if _skeleton(one) != _skeleton(other):  # cheap and cached: most pairs stop here, before difflib
        return False
    ratio = SequenceMatcher(None, one, other).ratio()
    return ratio >= 0.8 or (ratio >= 0.7 and abs(len(one) - len(other)) <= 1)


def spelling_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """What two spellings of one name share: the skeleton of every word (`spelled_alike` names
    have equal words or equal skeletons word by word), so candidates can be looked up, not scanned."""
    return tuple(_skeleton(w) if w else w for w in key)


@lru_cache(maxsize=65536)
def _skeleton(word: str) -> str:
    """A word as transliterations agree on it: its first letter, then its consonants, doubled ones
    once, q as k, ph as f ('Yasser', 'Yasir' -> 'ysr'; 'Musharraf', 'Musharaf' -> 'mshrf')."""
    rest = re.sub(r"[aeiouy'-]", "", word[1:].replace("ph", "f").replace("q", "k"))
    return word[0] + re.sub(r"(.)\1+", r"\1", rest)


def role_words(role: str | None) -> set[str]:
    """The words of a role that say what kind of role it is ('president', 'king'), not whose."""
    return {w for w in re.findall(r"[a-z]+", (role or "").lower()) if w not in ROLE_STOPWORDS and len(w) > 2}


def courtesies(names) -> set[str]:
    """The forms of address ('Mr', 'Lady') some of these names carry."""
    return {c for name in names if (c := clean_person_name(name).courtesy)}
