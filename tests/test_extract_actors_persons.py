"""Names the model tags as organisations but that the text introduces as people."""
from __future__ import annotations

import pytest


def types(result: dict) -> dict[str, str]:
    return {a["id"]: a["type"] for a in result["actors"]}


@pytest.mark.nlp
def test_occupation_after_be_makes_a_person(extract):
    result = extract("In the winter of 2022, Oleksandr Kovalenko was an electrical engineer at a power station.")
    assert types(result).get("oleksandr-kovalenko") == "person"


@pytest.mark.nlp
def test_age_in_commas_makes_a_person_without_a_role(extract):
    result = extract("Kovalenko, 41, says the drones come at night.")
    assert types(result).get("kovalenko") == "person"
    assert [a["role"] for a in result["actors"] if a["id"] == "kovalenko"] == [None]


@pytest.mark.nlp
def test_later_he_makes_a_person(extract):
    result = extract("Marko Vovchuk joined the unit last year. He says they are tired.")
    assert types(result).get("marko-vovchuk") == "person"


@pytest.mark.nlp
def test_quote_by_he_goes_to_the_person(extract):
    result = extract('Oleksandr Kovalenko was an engineer. "We thought it was a joke," he told me.')
    assert [c["speaker"] for c in result["claims"]] == ["oleksandr-kovalenko"]


@pytest.mark.nlp
def test_multiword_company_stays_an_organisation(extract):
    result = extract("Korea Aerospace Industries said it would deliver the jets. He added nothing.")
    assert types(result).get("korea-aerospace-industries") == "organization"
