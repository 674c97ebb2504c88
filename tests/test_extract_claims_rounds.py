"""Anchored months and days, he/she antecedents, office-holders as speakers, dismissive denials."""
from __future__ import annotations

from datetime import date

import pytest

from briefing.extract.anchored import shift


def speakers(result: dict, kind: str, word: str) -> set[str]:
    """Who made the claims (or denials) whose text contains `word`."""
    return {c["speaker"] for c in result[kind] if word in c["text"]}


def test_that_month_and_the_same_day_take_the_anchor():
    assert shift("2022-24", "that", {"month": "August"}) == "2022-08"
    assert shift("2024-11-19", "same", {"unit": "day"}) == "2024-11-19"
    assert shift("2024-11", "same", {"unit": "day"}) is None


@pytest.mark.nlp
def test_that_month_resolves_in_the_year_of_the_event_before(extract):
    result = extract("In the winter of 2019, the first convoy crossed the border. "
                     "Officials say the rebels had received the rockets that August.", published=date(2024, 3, 1))
    assert "2019-08" in [e["date"] for e in result["events"]]


@pytest.mark.nlp
def test_on_the_same_day_is_the_date_before(extract):
    result = extract("On March 3, the army fired rockets at the depot. On the same day, the president "
                     "signed a new decree.", published=date(2024, 3, 5))
    assert [e["date"] for e in result["events"]].count("2024-03-03") == 2


@pytest.mark.nlp
def test_she_is_not_the_antecedent_of_he(extract):
    result = extract('Maria Lindqvist said the convoy was late. "It was a disaster," she said. '
                     "The representative of Norway said the shipments had stopped. "
                     "He said the rockets came from Belarus.")
    assert speakers(result, "claims", "rockets came") == {"norway"}


@pytest.mark.nlp
def test_a_person_named_as_subject_after_the_last_speaker_is_he(extract):
    result = extract('Anton Berg said the talks had failed. "Nobody listened," he said. '
                     "Paul Okafor called for restraint. He said Kenya had never sold rifles to the rebels.")
    assert speakers(result, "denials", "rifles") | speakers(result, "claims", "rifles") == {"paul-okafor"}


@pytest.mark.nlp
def test_called_the_measures_unjustified_is_a_denial(extract):
    result = extract('Tehran called the new sanctions "unjustified" and said it would respond.')
    assert "iran" in speakers(result, "denials", "unjustified")


@pytest.mark.nlp
def test_passive_dismissal_names_its_agent(extract):
    result = extract('Reports that troops were fighting in the region were dismissed as "another fake" '
                     "by Russian officials.")
    assert any("officials" in s for s in speakers(result, "denials", "fake"))
