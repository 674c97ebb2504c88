"""The built-in gazetteer (gazetteer.yaml) merged with curated registry entries."""
from __future__ import annotations

import functools
import itertools
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


@functools.lru_cache(maxsize=1)
def _builtin() -> dict:
    """gazetteer.yaml, parsed once per process (it was half of the extraction time, parsed per article)."""
    text = resources.files(__package__).joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


_LAST: tuple[str, Gazetteer] | None = None  # the last gazetteer made, by what it was made from


def load_gazetteer(known_actors=(), known_weapons=()) -> Gazetteer:
    """Read gazetteer.yaml and overlay curated actors and weapons (curated wins by id). The same
    curated lists give the same (shared, never changed) gazetteer: making it took 11 ms an article."""
    global _LAST
    key = repr((known_actors, known_weapons))
    if _LAST is None or _LAST[0] != key:
        _LAST = key, _made(known_actors, known_weapons)
    return _LAST[1]


def _made(known_actors, known_weapons) -> Gazetteer:
    data = _builtin()
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
        forms = dict.fromkeys(f for term in entry.terms or [entry.name] for f in weapon_forms(term))
        patterns += [{"label": "WEAPON", "pattern": form, "id": entry.id} for form in forms]
    if "artillery" in gaz.weapons:
        patterns.append({"label": "WEAPON", "pattern": CALIBRE_ROUNDS, "id": "artillery"})
    return patterns


CALIBRE_ROUNDS = [  # '155mm shells', '152-mm rounds', '122 mm artillery ammunition'
    {"TEXT": {"REGEX": r"^\d{2,3}$"}}, {"ORTH": "-", "OP": "?"}, {"LOWER": "mm"},
    {"LOWER": {"IN": ["artillery", "howitzer"]}, "OP": "?"},
    {"LOWER": {"IN": ["shell", "shells", "round", "rounds", "ammunition", "munitions"]}},
]


def weapon_forms(term: str) -> list[str]:
    """The spellings a weapon term is matched in, as exact phrases (fast; a token pattern per term
    made the ruler the slowest step): words joined by spaces or hyphens, the last one singular or
    plural, as written, lower case, capitalised, title case or upper case. 'short-range ballistic
    missile' also finds 'Short-range ballistic missiles' and 'short range ballistic missiles'."""
    words = [p for w in term.split() for p in w.split("-") if p]
    last = words[-1]
    plurals = [last, last + ("es" if re.search(r"(?:s|x|z|ch|sh|o)$", last, re.I) else "s")] if last.isalpha() else [last]
    out: list[str] = [term]
    for joins in itertools.product((" ", "-"), repeat=min(len(words) - 1, 4)):
        stem = words[0] + "".join((joins[k] if k < len(joins) else " ") + w for k, w in enumerate(words[1:-1]))
        sep = joins[len(words) - 2] if 0 < len(words) - 1 <= len(joins) else " "
        for plural in plurals:
            form = stem + sep + plural if len(words) > 1 else plural
            out += [form, form.lower(), form[:1].upper() + form[1:], form.title(), form.upper()]
    return out
