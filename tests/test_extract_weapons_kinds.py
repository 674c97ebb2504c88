"""Guidance kits, calibre shells and dual-use parts (only where a transfer names them)."""
from __future__ import annotations

import pytest


def pairs(result: dict, weapon_id: str) -> list[tuple]:
    return [(w["supplier"], w["recipient"]) for w in result["weapons"] if w["id"] == weapon_id]


@pytest.mark.nlp
def test_guidance_kits_are_jdams(extract):
    result = extract("The United States delivered 3,000 JDAM kits and precision guidance kits to Israel.")
    assert pairs(result, "jdam") == [("united-states", "israel")]


@pytest.mark.nlp
def test_calibre_shells_are_artillery(extract):
    result = extract("Washington sent 155mm shells to Israel.")
    assert pairs(result, "artillery") == [("united-states", "israel")]


@pytest.mark.nlp
def test_dual_use_parts_inside_a_transfer(extract):
    result = extract("China supplied microchips and drone parts to Russia.")
    assert pairs(result, "drone-components") == [("china", "russia")]


@pytest.mark.nlp
def test_dual_use_parts_outside_a_transfer_are_no_weapon(extract):
    result = extract("The microchips in the car were made in China.")
    assert pairs(result, "drone-components") == []
