"""Denials and claims that share a sentence, or restate the sentence before: split one off, or merge."""
from __future__ import annotations

from .cues import ASSERTION_NOUNS, DISMISSIVE, NOT_GUILTY, cue_kind, negated_transfer
from .document import Sentence
from .items import Item, quote_of, span_text


def merge_restated(found: list[Item], items: list[Item], sent: Sentence, before: Sentence | None) -> list[Item]:
    """'The mission rejected the findings. "We sent no weapons," the mission said.': a denial that
    spells out the same speaker's bare denial ('rejected the findings') of the sentence before is that denial."""
    prev = items[-1] if items else None
    if prev is None or prev.kind != "denial" or prev.sentence != sent.n - 1 or prev.paragraph != sent.paragraph:
        return found
    if before is None or before.n != prev.sentence or not _bare(before, prev.content):
        return found
    kept = []
    for item in found:
        if item.kind == "denial" and item.speaker == prev.speaker:
            prev.text = f"{full_stop(prev.text)} {item.text}"
            prev.quote = prev.quote or item.quote
        else:
            kept.append(item)
    return kept


def _bare(sent: Sentence, content: set[int]) -> bool:
    """Content that only names what is denied ('the findings', 'the Turkish account'), with no clause."""
    toks = [sent.doc[i] for i in content]
    roots = [t for t in toks if t.head.i not in content or t.head.i == t.i]
    return len(roots) == 1 and roots[0].lemma_.lower() in ASSERTION_NOUNS | {"findings", "finding"} \
        and not any(t.pos_ in ("VERB", "AUX") for t in toks)


def split_denial(sent: Sentence, item: Item) -> Item | None:
    """'said the flights carried aid and that it "categorically rejects" the accusations': the
    conjoined denial is the speaker's denial; the rest stays a claim."""
    doc = sent.doc
    if item.kind != "claim":
        return None
    roots = [doc[i] for i in item.content if doc[i].head.i not in item.content]
    conj = next((c for r in roots for c in r.children if c.dep_ == "conj" and (cue_kind(c) == "denial" or (
        negated_transfer(c) and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)))), None)
    if conj is None:  # 'said Beijing opposes the sanctions and that China had never provided weapons'
        return None
    part = {t.i for t in conj.subtree}
    item.content -= part
    item.text, item.quote = span_text(doc, item.content), quote_of(sent, item.content)
    return Item("denial", item.speaker, conj.text, span_text(doc, part), quote_of(sent, part), sent.n, conj.i, part,
                rule="conjoined-denial")


def split_claim(sent: Sentence, item: Item) -> Item | None:
    """'said the group "does not receive weapons" and accused Turkey of ...': a conjoined cue verb
    after the denied content is the speaker's separate claim."""
    doc = sent.doc
    if item.kind != "denial" or item.cue_i < 0 or cue_kind(doc[item.cue_i]) == "denial":
        return None
    roots = [doc[i] for i in item.content if doc[i].head.i not in item.content]
    conj = next((c for r in roots for c in r.children if c.dep_ == "conj" and cue_kind(c) == "claim"
                 and not any(k.dep_ in ("nsubj", "nsubjpass") for k in c.children)), None)
    if conj is None:
        return None
    part = {t.i for t in conj.subtree}
    item.content -= part | {t.i for t in conj.head.children if t.dep_ == "cc" and t.i < conj.i}
    item.text, item.quote = span_text(doc, item.content), quote_of(sent, item.content)
    text = span_text(doc, part)
    if _denying_words(text) and not _denying_words(item.text):  # 'conceded that A but insisted B had nothing to do with C'
        item.kind, item.rule = "claim", "cue-clause"
        return Item("denial", item.speaker, conj.text, text, quote_of(sent, part), sent.n, conj.i, part, rule="conjoined-denial")
    return Item("claim", item.speaker, conj.text, text, quote_of(sent, part), sent.n, conj.i, part, rule="conjoined-claim")


def _denying_words(text: str) -> bool:
    return bool(DISMISSIVE.search(text) or NOT_GUILTY.search(text))


def full_stop(text: str) -> str:
    """End a sentence before appending the next one ('..., inhumane,' -> '... inhumane.')."""
    text = text.rstrip().rstrip(",;")
    return text if text.endswith((".", "!", "?")) else text + "."
