"""Transfer and actor rules from first contact with h33-h36, on small invented sentences."""
from __future__ import annotations

import pytest

from .conftest import actor_ids, transfer


@pytest.mark.nlp
def test_leader_administration_is_the_state_not_the_person(extract):
    result = extract("The Biden administration sent Patriot missiles to Ukraine on Tuesday.")
    assert transfer(result, "Patriot") == ("united-states", "ukraine")
    assert "joe-biden" not in actor_ids(result)


@pytest.mark.nlp
def test_approved_the_sale_makes_the_approver_the_supplier(extract):
    result = extract("The Trump administration approved the sale of F-35 jets to the UAE.")
    assert transfer(result, "F-35") == ("united-states", "united-arab-emirates")


@pytest.mark.nlp
def test_taking_delivery_makes_the_taker_the_recipient(extract):
    result = extract("Chad has taken delivery of a first batch of Bayraktar Akinci drones from Turkey, officials said.")
    assert transfer(result, "Akinci") == ("turkey", "chad")


@pytest.mark.nlp
def test_batteries_of_a_system_received_from_a_state(extract):
    result = extract("Slovakia had received the first batteries of IRIS-T SLM from Germany in 2023.")
    assert transfer(result, "IRIS-T") == ("germany", "slovakia")


@pytest.mark.nlp
def test_partner_in_talks_about_providing_supplies(extract):
    result = extract("Ukraine is in talks with Berlin about providing Ukraine with more Patriot launchers.")
    assert transfer(result, "Patriot") == ("germany", "ukraine")


@pytest.mark.nlp
def test_demonym_on_the_received_equipment_supplies(extract):
    result = extract("Serbia was receiving Russian air defense equipment in exchange, officials said.")
    assert transfer(result, "air defenses") == ("russia", "serbia")


@pytest.mark.nlp
def test_system_name_read_as_adjective_still_takes_the_frame(extract):
    result = extract("France had supplied radars to Yerevan in 2023 and would also sell it Mistral short-range missiles.")
    assert transfer(result, "Mistral") == ("france", "armenia")


@pytest.mark.nlp
def test_most_of_them_supplied_by_a_state_reaches_each_conjunct(extract):
    result = extract("Officials estimate that Hezbollah had 150,000 rockets and missiles before the war, "
                     "most of them supplied by Iran.")
    assert transfer(result, "rockets") == ("iran", "hezbollah")


@pytest.mark.nlp
def test_measure_between_designator_and_noun_is_skipped(extract):
    result = extract("The United States has sent Israel 14,000 MK-84 2,000-pound bombs since October.")
    assert transfer(result, "MK-84") == ("united-states", "israel")
