"""Bare armed-force nouns ('the army', 'the General Staff') linked to their state; forces as transfer sides."""
from __future__ import annotations

import pytest


def actor(result: dict, actor_id: str) -> dict | None:
    return next((a for a in result["actors"] if a["id"] == actor_id), None)


@pytest.mark.nlp
def test_bare_army_is_the_named_states_armed_forces(extract):
    result = extract("Ukraine repelled attacks near Kharkiv. The army said its units held the line.")
    forces = actor(result, "ukraine-armed-forces")
    assert forces is not None and forces["name"] == "Ukrainian Armed Forces" and "army" in forces["aliases"]


@pytest.mark.nlp
def test_general_staff_of_the_armed_forces_stays_one_actor(extract):
    result = extract("Ukraine held the line. The General Staff of the Armed Forces of Ukraine said 40 clashes took place.")
    assert actor(result, "ukraine-general-staff") is not None
    assert actor(result, "armed-forces-of-ukraine") is None


@pytest.mark.nlp
def test_bare_military_reuses_a_known_force(extract):
    result = extract("Israel expects more bombs. The military said it struck depots.")
    assert "military" in actor(result, "israel-defense-forces")["aliases"]


@pytest.mark.nlp
def test_named_force_receives_as_its_state(extract):
    result = extract("Israel expects more bombs. The IDF received 14,000 MK-84 bombs from the United States.")
    assert [(w["supplier"], w["recipient"]) for w in result["weapons"] if w["name"] == "MK-84"] == [("united-states", "israel")]


@pytest.mark.nlp
def test_force_alone_in_the_text_stays_the_recipient(extract):
    result = extract("The IDF received 14,000 MK-84 bombs from the United States.")
    assert [(w["supplier"], w["recipient"]) for w in result["weapons"] if w["name"] == "MK-84"] == \
        [("united-states", "israel-defense-forces")]
