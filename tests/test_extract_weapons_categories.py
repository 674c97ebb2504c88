"""Weapon categories as analysts name them: arms in trade, weapons of mass destruction, ships,
aircraft at war, small arms and explosives (sentences written for these tests)."""
from __future__ import annotations

import pytest


def ids(result: dict) -> list[str]:
    return [w["id"] for w in result["weapons"]]


@pytest.mark.nlp
def test_arms_in_an_embargo_are_arms_not_the_embargo(extract):
    result = extract("The council voted to extend the arms embargo on the island for a year.")
    assert ids(result) == ["arms"]
    assert "arms embargo" not in result["weapons"][0]["aliases"]


@pytest.mark.nlp
def test_arms_of_the_body_are_no_weapon(extract):
    assert ids(extract("The nurse held the newborn in her arms for an hour.")) == []


@pytest.mark.nlp
def test_nuclear_and_atomic_weapons_are_one_category(extract):
    result = extract("The treaty aims to stop the spread of atomic weapons.",
                     "Critics say the country is building a nuclear bomb in secret.")
    assert ids(result) == ["nuclear-weapon"]


@pytest.mark.nlp
def test_chemical_weapons(extract):
    assert ids(extract("Inspectors said the army had used chemical weapons against the village.")) == ["chemical-weapon"]


@pytest.mark.nlp
def test_warships_and_carriers(extract):
    result = extract("Two frigates escorted the aircraft carrier out of the harbour on Monday.")
    assert ids(result) == ["warship", "aircraft-carrier"]


@pytest.mark.nlp
def test_aircraft_beside_troops_or_attacking_are_weapons(extract):
    assert ids(extract("Government troops and aircraft began shelling the rebel town on Friday.")) == ["military-aircraft"]
    assert ids(extract("Enemy aircraft pounded the port for three hours.")) == ["military-aircraft"]


@pytest.mark.nlp
def test_an_airliner_in_an_accident_is_no_weapon(extract):
    assert ids(extract("A passenger was hit by a plane taxiing at the airport.")) == []


@pytest.mark.nlp
def test_bombs_by_how_they_are_delivered(extract):
    result = extract("A car bombing killed twelve people in the market.",
                     "Hours later an attacker wearing an explosive belt blew himself up at a checkpoint.",
                     "A patrol was struck by a roadside booby trap near the border.")
    assert ids(result) == ["car-bomb", "suicide-bomb", "roadside-bomb"]


@pytest.mark.nlp
def test_small_arms(extract):
    result = extract("Police seized two shotguns, a Kalashnikov and a box of grenades at the farm.")
    assert ids(result) == ["shotgun", "rifle", "grenade"]


@pytest.mark.nlp
def test_bombers_named_by_their_kind_are_military_aircraft_and_a_bomber_alone_is_a_person(extract):
    assert ids(extract("The air force flew two long-range bombers over the strait on Sunday.")) == ["military-aircraft"]
    assert ids(extract("Officials said Moscow had sold nuclear-capable bombers to the junta.")) == ["military-aircraft"]
    assert ids(extract("Police said the bomber had lived in the town for a year.")) == []
