"""Wire copy and court / sanctions reports: post-posed unnamed speakers, 'according to the judges',
and a supply verb inside a reported relative clause."""
from __future__ import annotations

import pytest


def _actor(result: dict, actor_id: str) -> dict:
    return next(a for a in result["actors"] if a["id"] == actor_id)


@pytest.mark.nlp
def test_post_posed_said_by_an_unnamed_lawyer_for_a_party(extract):
    result = extract("The court rejected the request on Monday. “We will appeal,” said a lawyer for the defendants.")
    claim = next(c for c in result["claims"] if c["quote"] == "We will appeal")
    speaker = _actor(result, claim["speaker"])
    assert claim["anonymous"] and speaker["type"] == "anonymous-source"
    assert any("for the defendants" in a for a in speaker["aliases"])


@pytest.mark.nlp
def test_according_to_the_judges_is_an_anonymous_group(extract):
    result = extract("The tribunal ruled on Tuesday that the blockade had been lifted, according to the judges.")
    claim = next(c for c in result["claims"] if c["cue"] == "according to")
    assert claim["speaker"] == "judges" and claim["anonymous"]
    assert "blockade had been lifted" in claim["text"]


@pytest.mark.nlp
def test_supply_verb_in_a_reported_relative_clause(extract):
    result = extract("The ministry blacklisted two Iranian firms that it said shipped drones to Russia.")
    drone = next(w for w in result["weapons"] if w["id"] == "drone")
    assert drone["recipient"] == "russia"
    assert drone["supplier"] == "iran"


@pytest.mark.nlp
def test_supply_participle_misread_as_an_adjective_in_a_reported_clause(extract):
    result = extract("The Treasury Department imposed sanctions on Friday on three Iranian companies "
                     "that it said supplied drones to Russia.")
    drone = next(w for w in result["weapons"] if w["id"] == "drone")
    assert drone["recipient"] == "russia"
    assert drone["supplier"] == "iran"
