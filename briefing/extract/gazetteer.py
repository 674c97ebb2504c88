"""The built-in gazetteer (gazetteer.yaml) merged with curated registry entries."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from ..textutil import slugify

LABELS = {"state": "GPE", "person": "PERSON", "organization": "ORG", "group": "ORG"}


@dataclass
class Entry:
    """One known actor or weapon: canonical id, name, type and the forms it goes by."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    terms: list[str] = field(default_factory=list)
    frame_only: bool = False  # dual-use goods ('components'): a weapon only where a transfer names them


@dataclass
class Gazetteer:
    """Known actors and weapons, indexed for lookup by surface form."""

    actors: dict[str, Entry]
    weapons: dict[str, Entry]
    by_form: dict[str, str] = field(default_factory=dict)
    by_surname: dict[str, str] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)

    def lookup(self, form: str) -> str | None:
        """The actor id a surface form names, if known."""
        return self.by_form.get(normal_form(form))


def normal_form(text: str) -> str:
    """Lookup key: case-folded, curly apostrophes straightened, no leading 'the', no possessive."""
    text = text.replace("\u2019", "'").strip()
    text = re.sub(r"'s?$", "", text)
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return " ".join(text.casefold().split())


def _entry(raw: dict, kind: str) -> Entry:
    return Entry(
        id=str(raw.get("id") or slugify(raw["name"])),
        name=str(raw["name"]),
        type=str(raw.get("type") or kind),
        aliases=[str(a) for a in raw.get("aliases") or []],
        role=raw.get("role"),
        terms=[str(t) for t in raw.get("terms") or []],
        frame_only=bool(raw.get("frame_only")),
    )


def _plural_demonyms(entry: Entry) -> list[str]:
    """'Iranian' -> 'Iranians': people of a state are referred to in the plural too."""
    return [a + "s" for a in entry.aliases if entry.type == "state" and re.search(r"(an|ian)$", a)]


def load_gazetteer(known_actors=(), known_weapons=()) -> Gazetteer:
    """Read gazetteer.yaml and overlay curated actors and weapons (curated wins by id)."""
    text = resources.files(__package__).joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    actors: dict[str, Entry] = {}
    for kind, key in (("state", "states"), ("organization", "organizations"), ("person", "persons")):
        for raw in data.get(key) or []:
            entry = _entry(raw, kind)
            entry.aliases += [p for p in _plural_demonyms(entry) if p not in entry.aliases]
            actors[entry.id] = entry
    for raw in known_actors or ():
        entry = _entry(raw, "organization")
        actors[entry.id] = entry
    weapons = {e.id: e for e in (_entry(raw, "weapon") for raw in data.get("weapons") or [])}
    for raw in known_weapons or ():
        entry = _entry(raw, "weapon")
        entry.terms = entry.terms or [entry.name, *entry.aliases]
        weapons[entry.id] = entry
    gaz = Gazetteer(actors, weapons, places=[str(p) for p in data.get("places") or []])
    _index(gaz)
    return gaz


def _index(gaz: Gazetteer) -> None:
    surnames: dict[str, set[str]] = {}
    for entry in gaz.actors.values():
        for form in [entry.name, *entry.aliases]:
            gaz.by_form.setdefault(normal_form(form), entry.id)
        if entry.type == "person":
            for form in [entry.name, *entry.aliases]:
                surnames.setdefault(normal_form(form).split()[-1], set()).add(entry.id)
    gaz.by_surname = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}


def ruler_patterns(gaz: Gazetteer) -> list[dict]:
    """EntityRuler patterns: every known actor form and weapon term, with its id."""
    patterns: list[dict] = []
    for entry in gaz.actors.values():
        label = LABELS.get(entry.type, "ORG")
        for form in dict.fromkeys([entry.name, *entry.aliases]):
            patterns.append({"label": label, "pattern": form, "id": entry.id})
    patterns += [{"label": "LOC", "pattern": place, "id": "place"} for place in gaz.places]
    for entry in gaz.weapons.values():
        for term in dict.fromkeys(entry.terms or [entry.name]):
            patterns.append({"label": "WEAPON", "pattern": weapon_tokens(term), "id": entry.id})
            if "-" in term:  # the tokenizer keeps some hyphenated names whole ("F-16")
                patterns.append({"label": "WEAPON", "pattern": _whole_words(term), "id": entry.id})
    if "artillery" in gaz.weapons:
        patterns.append({"label": "WEAPON", "pattern": CALIBRE_ROUNDS, "id": "artillery"})
    return patterns


CALIBRE_ROUNDS = [  # '155mm shells', '152-mm rounds', '122 mm artillery ammunition'
    {"TEXT": {"REGEX": r"^\d{2,3}$"}}, {"ORTH": "-", "OP": "?"}, {"LOWER": "mm"},
    {"LOWER": {"IN": ["artillery", "howitzer"]}, "OP": "?"},
    {"LOWER": {"IN": ["shell", "shells", "round", "rounds", "ammunition", "munitions"]}},
]


def _whole_words(term: str) -> list[dict]:
    """A pattern keeping hyphenated words whole, the last word in the singular or plural."""
    words = term.lower().split()
    pattern: list[dict] = [{"LOWER": w} for w in words[:-1]]
    last = words[-1]
    pattern.append({"LOWER": {"IN": [last, last + "s"]}} if last.isalpha() else {"LOWER": last})
    return pattern


def weapon_tokens(term: str) -> list[dict]:
    """A token pattern for a weapon term: any case, optional hyphens, plural last word."""
    words = [w for w in re.split(r"[\s-]+", term) if w]
    pattern: list[dict] = []
    for i, word in enumerate(words):
        if i:
            pattern.append({"ORTH": "-", "OP": "?"})
        low = word.lower()
        forms = [low, low + "s", low + "es"] if i == len(words) - 1 and low.isalpha() else [low]
        pattern.append({"LOWER": {"IN": forms}})
    return pattern
