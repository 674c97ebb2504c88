"""The curated registry: content/actors.yaml and content/weapons.yaml, edited by hand.

Entries here win over what extraction found (canonical name, type, description) and
feed the next extraction as known names, so one actor keeps one id across articles.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .content import make_actor
from .textutil import display_path
from .yamlhead import SLUG, Checker, FrontMatter, index_lines, load_yaml
from .model import Actor, ActorId, Weapon, WeaponId
from .problems import Problem, refuse_outside_link

ACTORS_FILE = "actors.yaml"
WEAPONS_FILE = "weapons.yaml"


@dataclass(frozen=True)
class Registry:
    """Curated actors and weapons by id; `distinct` keeps actors the resolve stage must not merge apart."""

    actors: dict[ActorId, Actor] = field(default_factory=dict)
    weapons: dict[WeaponId, Weapon] = field(default_factory=dict)
    distinct: frozenset[frozenset[ActorId]] = frozenset()  # pairs of ids never merged

    def kept_apart(self, one: str, other: str) -> bool:
        """Whether a `distinct:` list keeps the two ids apart."""
        return frozenset((one, other)) in self.distinct

    def as_known(self) -> tuple[list[dict], list[dict]]:
        """The entries in the plain shape extraction takes."""
        actors = [{"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases),
                   "description": a.description} for a in self.actors.values()]
        weapons = [{"id": w.id, "name": w.name, "aliases": list(w.aliases)} for w in self.weapons.values()]
        return actors, weapons


def read_registry(folder: Path, root: Path) -> tuple[Registry, list[Problem]]:
    """Read the curated files, if present; every problem is returned, none raised."""
    problems: list[Problem] = []
    entries = _read_list(folder / ACTORS_FILE, root, problems, _actor)
    weapons = _read_list(folder / WEAPONS_FILE, root, problems, _weapon)
    actors = {a.id: a for a, _ in entries}
    distinct = frozenset(frozenset((a.id, ActorId(other))) for a, others in entries for other in others
                         if other != a.id)
    return Registry(actors, {w.id: w for w in weapons}, distinct), problems


def _actor(check: Checker, key: tuple, item: dict) -> tuple[Actor, tuple[str, ...]] | None:
    """A curated actor and the ids its `distinct:` list keeps apart from it."""
    actor = make_actor(check, key, item)
    distinct = tuple(d for d in check.strings(item.get("distinct"), key + ("distinct",)))
    for k, other in enumerate(distinct):
        if not SLUG.match(other):
            check.error(key + ("distinct", k), f"`distinct` names actor ids; {other!r} is not one (a slug like tony-blair)")
    return (actor, distinct) if actor else None


def _read_list(path: Path, root: Path, problems: list[Problem], make) -> list:
    if not (path.exists() or path.is_symlink()):
        return []
    display = display_path(path, root)
    try:
        refuse_outside_link(path, root, display)
        node, data = load_yaml(path.read_text(encoding="utf-8-sig"), display, first_line=1)
    except ValueError as error:
        problems.append(error.args[0])
        return []
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(display, 0, f"cannot read the file: {getattr(error, 'strerror', None) or error}"))
        return []
    lines: dict[tuple, int] = {}
    raw: dict[tuple, str] = {}
    index_lines(node, ("entries",), lines, raw)
    # Lines of a plain YAML file start at 1, not after a '---' line as in content files.
    check = Checker(display, FrontMatter({"entries": data}, {k: v - 1 for k, v in lines.items()}, "", raw))
    out = [made for key, item in check.items("entries") if (made := make(check, key, item))]
    problems.extend(check.problems)
    return out


def _weapon(check: Checker, key: tuple, item: dict) -> Weapon | None:
    weapon_id = check.slug(item.get("id"), key + ("id",))
    if not weapon_id:
        return None
    return Weapon(id=WeaponId(weapon_id), name=check.text(item.get("name"), key + ("name",), required=True) or weapon_id,
                  aliases=check.strings(item.get("aliases"), key + ("aliases",)))
