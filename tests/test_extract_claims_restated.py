"""Restated denials, negated 'receive weapons' content and a claim conjoined to a denial."""
from __future__ import annotations


import pytest


@pytest.mark.nlp
def test_a_quote_spelling_out_a_bare_rejection_is_one_denial(extract):
    result = extract("Germany's embassy rejected the allegations. \"Germany has not sent any tanks to Ruritania,\" "
                     "the embassy said in a statement.")
    assert len(result["denials"]) == 1
    assert "not sent any tanks" in result["denials"][0]["text"]
    assert not any("tanks" in c["text"] for c in result["claims"])


@pytest.mark.nlp
def test_negated_receive_weapons_is_a_denial_and_the_conjoined_accusation_a_claim(extract):
    result = extract("Militia spokesman Omar Haddad said the group \"does not receive weapons from Iran\" "
                     "and accused Turkey of inventing a pretext for its strikes.")
    assert any("weapons from Iran" in d["text"] for d in result["denials"])
    assert not any("pretext" in d["text"] for d in result["denials"])
    assert any("pretext" in c["text"] for c in result["claims"])


@pytest.mark.nlp
def test_receiving_no_request_is_not_a_denial(extract):
    result = extract("The defence ministry said it had received no request from Peru about the helicopters.")
    assert not result["denials"]


@pytest.mark.nlp
def test_rejected_as_groundless_saying_is_a_denial_and_a_claim(extract):
    result = extract("Iran's foreign ministry rejected the accusations as \"groundless\", "
                     "saying its government supports a political solution in the region.")
    assert [d for d in result["denials"] if "groundless" in d["text"] and "political solution" not in d["text"]]
    assert [c for c in result["claims"] if "political solution" in c["text"]]


@pytest.mark.nlp
def test_dismissed_calling_them_fake_is_one_denial(extract):
    result = extract("Spokesman Ivan Petrenko dismissed the reports, calling them \"another fake\".")
    assert len(result["denials"]) == 1 and "fake" in result["denials"][0]["text"]
    assert not result["claims"]


@pytest.mark.nlp
def test_adding_that_keeps_the_speaker(extract):
    result = extract("Defence Minister Ana Silva said the army would buy 40 new tanks, "
                     "adding that the first would arrive in May.")
    assert {c["speaker"] for c in result["claims"]} == {"ana-silva"}


@pytest.mark.nlp
def test_he_says_after_a_new_person_is_introduced_is_that_person(extract):
    result = extract("John Kirby, the White House spokesman, said Iran was directly engaged. "
                     "\"Iran is now on the ground,\" he said.",
                     "That autumn, President Joe Biden visited a mobile air-defence unit. The crew drove a pickup. "
                     "\"You hear it before you see it,\" he says.")
    assert speakers(result, "claims", "hear it") == {"joe-biden"}


def speakers(result: dict, kind: str, word: str) -> set[str]:
    """Who made the claims (or denials) whose text contains `word`."""
    return {c["speaker"] for c in result[kind] if word in c["text"]}
