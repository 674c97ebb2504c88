"""Statements a reader can use on their own: a text of a few words names who said it."""
from __future__ import annotations

from .items import Item

SHORT = 4  # words: below this a text is a fragment unless it is a whole quoted sentence


def whole_quote(item: Item, doc) -> bool:
    """'"We are ready," X said': a short quotation that is a sentence of its own (a verb of its own:
    not '"All the way," X said')."""
    quote = (item.quote or "").strip(" .,!?\"'")
    if not quote or item.text.strip(" .,!?\"'") != quote or not quote[:1].isupper() or len(quote.split()) < 2:
        return False
    words = set(quote.replace("'", " '").split())
    return any(t.pos_ in ("VERB", "AUX") and t.text in words for t in doc)


def named_if_short(item: Item, name: str, doc) -> Item:
    """'condemning the bombings' -> 'Mahmoud Ali condemning the bombings'; 'the bombings' ->
    'Mahmoud Ali condemned the bombings': a fragment says nothing without whom and which verb."""
    words = item.text.split()
    if len(words) >= SHORT or whole_quote(item, doc) or not words:
        return item
    if item.quote and item.text == item.quote.strip(" .,"):  # 'Jerry Singer said "All the way"'
        words = [f'"{item.text}"']
    if words[0].lower() not in item.cue.lower().split() and not item.cue.startswith("according"):
        words = [*item.cue.split(), *words]
    item.text = " ".join([name, *words])
    return item


def whole_clause(doc, according, content: set[int]) -> set[int]:
    """What 'according to X' sources when the parse hung it on a few words ('killing 388'): the
    sentence without the phrase."""
    if len([i for i in content if not doc[i].is_punct]) >= SHORT:
        return content
    phrase = {t.i for t in according.subtree} | {t.i for t in doc[according.i + 1].subtree}
    return {t.i for t in doc if t.i not in phrase and not (t.is_punct and t.i == len(doc) - 1)}
