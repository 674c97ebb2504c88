"""Transfer frames, named systems, roles and quote spans on small invented sentences."""
from __future__ import annotations

import pytest

from briefing.extract.document import quote_spans

from .conftest import weapon_named as weapon


def role(result: dict, actor_id: str) -> str | None:
    """The role of an extracted actor."""
    return next(a["role"] for a in result["actors"] if a["id"] == actor_id)


def test_quote_left_open_runs_to_paragraph_end():
    assert quote_spans("He said: “We will win. We must.") == [(10, 31)]


@pytest.mark.nlp
def test_designator_and_class_noun_are_one_system(extract):
    result = extract("Norway, which has supplied Poland with Zyrkon-9 short-range ballistic missiles, said so.")
    names = [w["name"] for w in result["weapons"]]
    assert "short-range ballistic missiles" not in names
    found = weapon(result, "Zyrkon-9")
    assert "Zyrkon-9 short-range ballistic missiles" in found["aliases"]


@pytest.mark.nlp
def test_pronoun_subject_of_complement_is_the_speaker(extract):
    result = extract("Germany said it would send two IRIS-T systems to Ukraine.")
    iris = weapon(result, "IRIS-T")
    assert (iris["supplier"], iris["recipient"], iris["status"]) == ("germany", "ukraine", "planned")


@pytest.mark.nlp
def test_request_names_no_supplier(extract):
    result = extract("Zelensky urged partners to provide more Patriot systems to Ukraine.")
    patriot = weapon(result, "Patriot")
    assert patriot["supplier"] is None and patriot["status"] == "requested"


@pytest.mark.nlp
@pytest.mark.parametrize("text, name, pair", [
    ("North Korea, which has supplied Moscow with KN-23 missiles, denied it on Monday.", "KN-23",
     ("north-korea", "russia")),  # a relative clause as supplier; 'supply X with Y'
    ("France praised the Storm Shadow missiles, which Britain has provided to Ukraine since May.", "Storm Shadow",
     ("united-kingdom", "ukraine")),  # a relative clause on the weapon
])
def test_relative_clauses(extract, text, name, pair):
    found = weapon(extract(text), name)
    assert (found["supplier"], found["recipient"]) == pair


@pytest.mark.nlp
def test_role_comes_from_the_text_not_the_gazetteer(extract):
    result = extract("Joe Biden said the aid would help.",
                     "Defense Minister Rustem Umerov said Ukraine needed more Patriot batteries.")
    assert role(result, "joe-biden") is None
    assert role(result, "rustem-umerov") == "Defense Minister"


@pytest.mark.nlp
def test_a_courtesy_title_is_not_a_role_and_an_apposition_is(extract):
    result = extract("Western officials do not want to corner the new prime minister of Armenia, Anna Petrosyan.",
                     "Ms. Petrosyan said she hoped to win sanctions relief.")
    assert role(result, "anna-petrosyan") == "new prime minister of Armenia"
