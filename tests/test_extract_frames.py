"""Transfer frames, long names, acronyms and definite descriptions on small invented sentences."""
from __future__ import annotations

import pytest

from .conftest import actor_ids


def pairs(result: dict) -> set[tuple[str, str | None, str | None]]:
    """(weapon id, supplier, recipient) of every extracted weapon."""
    return {(w["id"], w["supplier"], w["recipient"]) for w in result["weapons"]}


@pytest.mark.nlp
def test_respectively_pairs_suppliers_with_weapons(extract):
    result = extract("Iran and Belarus have supplied Russia with drones and artillery shells respectively, officials said.")
    assert ("drone", "iran", "russia") in pairs(result)
    assert ("artillery", "belarus", "russia") in pairs(result)


@pytest.mark.nlp
def test_along_with_shares_the_supply_frame(extract):
    result = extract("Norway had supplied Poland with 40 ATACMS missiles, along with about 9,000 artillery shells.")
    assert ("artillery", "norway", "poland") in pairs(result)


@pytest.mark.nlp
def test_state_made_weapon_used_by_a_state(extract):
    result = extract("Vietnam already flies Israeli-made Heron drones along its coast, the ministry said.")
    assert ("heron", "israel", "vietnam") in pairs(result)


@pytest.mark.nlp
def test_longest_name_wins_over_a_known_surname(extract):
    result = extract("Kim Yo Jong said the reports were false.", "Kim Jong Un visited a factory.")
    assert {"kim-yo-jong", "kim-jong-un"} <= actor_ids(result)


@pytest.mark.nlp
def test_known_place_starting_an_organisation_name(extract):
    result = extract("The figures were compiled by the Stockholm International Peace Research Institute, which said exports rose.")
    assert "sweden" not in actor_ids(result)


@pytest.mark.nlp
def test_acronym_introduced_by_state_media_is_an_actor(extract):
    result = extract("Pyongyang's state media KCNA said on Sunday that the drills had ended.")
    assert "kcna" in actor_ids(result)
    assert any(c["speaker"] == "kcna" for c in result["claims"])


@pytest.mark.nlp
def test_the_company_is_the_latest_organisation(extract):
    result = extract("Zentex Aerospace Industries said its exports had doubled.",
                     "The company said it would build a plant near Lviv.")
    assert [c["speaker"] for c in result["claims"]] == ["zentex-aerospace-industries"] * 2


@pytest.mark.nlp
def test_the_group_receives_a_transfer(extract):
    result = extract("The Wagner Group fought near Bakhmut.",
                     "The White House said North Korea had delivered rockets to the group.")
    assert ("rocket", "north-korea", "wagner-group") in pairs(result)
