"""Weapon systems and their transfers: who supplies what to whom, how many, how far along."""
from __future__ import annotations

from dataclasses import replace

from .document import Sentence
from .registry import Registry
from .systems import named
from .transfer_frames import Frame, transfer_frame
from .transfer_pronouns import antecedent, holder, pronoun_objects
from .transfer_parts import COUNTS, INCLUDE, PACKAGES, QUANTITY_DEPS, container

INHERIT_WINDOW = 4  # sentences between the transfer and the list of what it holds
CARRY_WINDOW = 8  # sentences a supplier's last recipient is carried over to its next unaddressed transfer


def find_weapons(sentences: list[Sentence], reg: Registry) -> list[dict]:
    """One entry per weapon system and supplier/recipient pair, in order of first mention."""
    items: list[dict] = []
    frames: list[tuple[int, Frame]] = []
    seen: list[tuple[int, object]] = []
    for sent in sentences:
        for ent in sent.weapons:
            if ent.start and sent.doc[ent.start - 1].lower_ == "think":
                continue
            frame = _carried_recipient(transfer_frame(sent, ent, reg) or _inherited(sent, ent, frames), frames, sent.n)
            if reg.gaz.weapons[ent.ent_id_].frame_only and not (frame and (frame.supplier or frame.recipient)):
                continue  # 'the components of the car': dual-use goods are weapons only when transferred
            if frame and (frame.supplier or frame.recipient):
                frames.append((sent.n, frame))
            _merge(items, reg, ent, frame, sent.n)
            seen.append((sent.n, ent))
        _pronouns(sent, reg, items, seen)
    return fold(items)


def _pronouns(sent: Sentence, reg: Registry, items: list[dict], seen: list) -> None:
    """'Washington first supplied them to Kyiv': the transfer of the weapon the pronoun stands for."""
    for pronoun in pronoun_objects(sent):
        frame = transfer_frame(sent, pronoun, reg)
        named_system = lambda e: named(reg.gaz.weapons[e.ent_id_])  # noqa: E731
        if frame and (frame.supplier or frame.recipient) and (ent := antecedent(pronoun, seen, sent.n, named_system)):
            frame = _with_holder(replace(frame, rule="pronoun-object"), ent, seen, reg)
            for m, other in seen:  # 'rockets and missiles, most of them supplied by Iran': each conjunct
                if other is ent or (other.root.doc is ent.root.doc and other.root in ent.root.conjuncts):
                    _merge(items, reg, other, frame, sent.n)


def _with_holder(frame: Frame, ent, seen: list, reg: Registry) -> Frame:
    """A share supplied by someone ('most of them were supplied by Iran') went to whoever fired or held
    the weapons in the sentence that names them ('Hezbollah has fired hundreds of rockets')."""
    if frame.recipient or not frame.supplier:
        return frame
    n = next(m for m, other in seen if other is ent)
    owner = holder(ent, n, reg)
    return replace(frame, recipient=owner, rule="share-of-holder") if owner and owner != frame.supplier else frame


def fold(items: list[dict]) -> list[dict]:
    """One entry per system and transfer: a mention with no transfer, or with only one side of
    a transfer another entry completes, joins that entry (so 'artillery' is not listed twice)."""
    out = [w for w in items if not any(_part_of(w, o) for o in items if o is not w)]
    for w in items:
        if w in out:
            continue
        host = next(o for o in out if _part_of(w, o) or o["id"] == w["id"])
        host["aliases"] += [a for a in [w["name"], *w["aliases"]] if a != host["name"] and a not in host["aliases"]]
        host["quantity"] = host["quantity"] or w["quantity"]
    return out


def _part_of(item: dict, other: dict) -> bool:
    """`item` names the same system with strictly less of the same transfer than `other`."""
    if item["id"] != other["id"]:
        return False
    sides = [(item[k], other[k]) for k in ("supplier", "recipient")]
    known = sum(a is not None for a, _ in sides) < sum(b is not None for _, b in sides)
    return known and all(a is None or a == b for a, b in sides)


def _merge(items: list[dict], reg: Registry, ent, frame: Frame | None, n: int) -> None:
    entry = reg.gaz.weapons[ent.ent_id_]
    supplier, recipient = (frame.supplier, frame.recipient) if frame else (None, None)
    same = [w for w in items if w["id"] == entry.id]
    target = next((w for w in same if _compatible(w, supplier, recipient)), None)
    if target is None and same and not (supplier and recipient):
        target = same[0]  # a partial frame that disagrees adds no new transfer
    elif target is not None and (supplier, recipient) != (target["supplier"], target["recipient"]):
        fill = {"supplier": target["supplier"] or supplier, "recipient": target["recipient"] or recipient}
        if (supplier or recipient) and not (target["supplier"] or target["recipient"]):
            fill["sentence"], fill["rule"] = n, frame.rule
        target.update(fill)
    if target is None:
        target = {"id": entry.id, "name": entry.name, "aliases": list(entry.aliases), "supplier": supplier,
                  "recipient": recipient, "quantity": None, "status": None, "sentence": n,
                  "rule": frame.rule if frame else "mention"}
        items.append(target)
    form = ent.text.replace("\u2019", "'")
    if form.lower() != entry.name.lower() and form.lower() not in (a.lower() for a in target["aliases"]):
        target["aliases"].append(form)
    if frame:
        target["quantity"] = target["quantity"] or quantity(ent)
    if frame and (target["status"] is None or frame.supplier or frame.recipient):
        target["status"] = target["status"] if target["status"] and not (supplier or recipient) else frame.status


def _compatible(item: dict, supplier: str | None, recipient: str | None) -> bool:
    """Same transfer, or one side unknown on either part."""
    return all(a is None or b is None or a == b
               for a, b in ((item["supplier"], supplier), (item["recipient"], recipient)))


def quantity(ent) -> str | None:
    """'several hundred', '4,000', 'a large number of', 'thousands of'."""
    root = ent.root
    nums = [c for c in root.children if c.dep_ in QUANTITY_DEPS]
    if nums:
        return " ".join(t.text for t in nums[0].subtree)
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root
    if head.i != root.i and head.lemma_.lower() in COUNTS:
        return "".join(t.text_with_ws for t in head.subtree if t.i <= head.i).strip() or None
    return None


def _carried_recipient(frame: Frame | None, frames: list[tuple[int, Frame]], n: int) -> Frame | None:
    """'Pyongyang has also shipped KN-23 missiles' after 'North Korea sent shells to Russia': a supplier
    named without a recipient supplies the one it was last said to supply, a few sentences before."""
    if frame is None or not frame.supplier or frame.recipient or not frame.carries:
        return frame
    earlier = next((f for m, f in reversed(frames) if n - m <= CARRY_WINDOW and f.supplier == frame.supplier
                    and f.recipient), None)
    return replace(frame, recipient=earlier.recipient, rule="recipient-carried-over") if earlier else frame


def _inherited(sent: Sentence, ent, frames: list[tuple[int, Frame]]) -> Frame | None:
    """'The weaponry includes artillery' after 'X shipped weaponry to Y'."""
    tok = container(ent.root)
    verb = tok.head if tok.dep_ in ("dobj", "attr", "pobj") else tok
    if verb.lower_ not in INCLUDE and not any(c.lower_ in INCLUDE for c in verb.children):
        return None
    subjects = [c for c in list(verb.children) + list(verb.head.children) if c.dep_ in ("nsubj", "nsubjpass")]
    for n, frame in reversed(frames):
        near = sent.n - n <= INHERIT_WINDOW
        if near and any(s.lemma_.lower() in frame.objects | PACKAGES for s in subjects):
            return replace(frame, rule="inherited-includes")
        if sent.n - n <= 1 and any(s.lower_ in ("it", "they") for s in subjects):
            return replace(frame, rule="inherited-includes")  # 'It also includes 12 Bradley Fighting Vehicles'
    return None
