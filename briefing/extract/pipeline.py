"""Speed-ups of the spaCy pipeline that change none of its output (imported only by `load_nlp`).

Each was measured on the seeds and held-out articles: every token's tag, part of speech,
morphology, lemma, dependency and entity type stays identical (tests/test_extract_speed.py).

The attribute ruler (tag -> part of speech, morphology and a few lemma exceptions) ran every one of
its ~180 patterns through spaCy's Matcher at every token; most are one-token patterns on the tag
and/or the lower-case form, which a dictionary look-up finds at a fraction of the cost. The rest
stay with a Matcher. Matches are applied in the ruler's own order, so the result is the same.

The rule lemmatizer looks each new word's candidate lemmas up in lists of up to 57,000 words; as
sets they are found at once (a cold parse of 100 wire copies: 5.5 s -> 4.8 s CPU).
"""
from __future__ import annotations

from types import MethodType

from spacy.matcher import Matcher
from spacy.tokens._retokenize import set_token_attrs

SIMPLE_KEYS = frozenset(("TAG", "LOWER"))


def speed_up(nlp) -> None:
    """Apply every output-preserving speed-up to a loaded pipeline."""
    fast_attribute_ruler(nlp)
    memo_lemmatizer(nlp)


def memo_lemmatizer(nlp) -> None:
    """Lemmatise each (word, part of speech, morphology) once per process. spaCy caches only some
    lemmas and sets each through the string store, token by token."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or lemmatizer.overwrite:
        return
    _index_as_sets(lemmatizer)
    compute, strings, memo = lemmatizer.lemmatize, nlp.vocab.strings, {}

    def pipe(docs, batch_size: int = 128):
        for doc in docs:
            for token in doc:
                if token.lemma == 0:
                    key = (token.orth, token.pos, token.morph.key)
                    if key not in memo:
                        memo[key] = strings.add(compute(token)[0])
                    token.lemma = memo[key]
            yield doc

    lemmatizer.pipe = pipe


def _index_as_sets(lemmatizer) -> None:
    """The rule lemmatizer asks whether a word is in its index of known lemmas (`form in index`), a list
    of up to 57,000 words scanned from the start: 0.13 ms a new word. A set answers the same at once."""
    table = lemmatizer.lookups.get_table("lemma_index", None)
    for pos, words in list((table or {}).items()):
        table[pos] = frozenset(words)


def fast_attribute_ruler(nlp) -> None:
    """Make the pipeline's attribute ruler find its one-token tag/word patterns by look-up."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    table: dict[tuple[str | None, str | None], list[int]] = {}
    rest = Matcher(nlp.vocab, validate=False)
    for k, entry in enumerate(ruler.patterns):
        keys = [_simple(p) for p in entry["patterns"]] if entry.get("index", 0) in (0, -1) else [None]
        if all(keys):
            for key in keys:
                table.setdefault(key, []).append(k)
        else:
            rest.add(nlp.vocab.strings.add(str(k)), entry["patterns"])
    labels = {k: nlp.vocab.strings.add(str(k)) for ks in table.values() for k in ks}
    by_tag = {tag: ks for (tag, lower), ks in table.items() if lower is None}
    by_word = {lower: ks for (tag, lower), ks in table.items() if tag is None}
    by_both = {key: ks for key, ks in table.items() if None not in key}

    def match(self, doc):
        found = [(k, labels[k], t.i, t.i + 1) for t in doc
                 for k in (*by_tag.get(t.tag_, ()), *by_word.get(t.lower_, ()), *by_both.get((t.tag_, t.lower_), ()))]
        found += [(int(self.vocab.strings[m]), m, s, e) for m, s, e in rest(doc, allow_missing=True, as_spans=False)]
        found.sort()  # the ruler's order: later patterns win
        return found

    def set_annotations(self, doc, matches):
        for k, _, start, end in matches:  # the token the pattern names, without a Span per match
            set_token_attrs(doc[start + self.indices[k] if self.indices[k] >= 0 else end + self.indices[k]], self.attrs[k])

    ruler.match = MethodType(match, ruler)
    ruler.set_annotations = MethodType(set_annotations, ruler)


def _simple(pattern: list[dict]) -> tuple[str | None, str | None] | None:
    """(tag, lower) of a one-token pattern that only tests them for equality; None otherwise."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= SIMPLE_KEYS:
        return None
    spec = pattern[0]
    if not all(isinstance(v, str) for v in spec.values()):
        return None
    return spec.get("TAG"), spec.get("LOWER")
