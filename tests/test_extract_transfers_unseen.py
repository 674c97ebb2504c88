"""Supplier -> recipient on kinds of sentences the extractor first met in unseen articles:
accusations and convictions, shipments 'from A to B', '-made' weapons used by someone,
two objects of 'give', goods counted in money, and a supplier named again paragraphs later."""
from __future__ import annotations

import pytest

from .conftest import transfer


@pytest.mark.nlp
@pytest.mark.parametrize("sentence", [
    "The UAE was accused of supplying drones to the RSF in violation of the embargo.",
    "Emirati officials denied that the UAE had been accused of sending drones to the RSF.",
])
def test_accused_in_the_passive_supplies(extract, sentence):
    assert transfer(extract(sentence), "drones") == ("united-arab-emirates", "rapid-support-forces")


@pytest.mark.nlp
def test_a_convicts_destination_is_not_the_convict(extract):
    """'convicted a trader of exporting X to Russia': Russia receives, it does not supply."""
    result = extract("A court in Ohio convicted a Russian-born trader of exporting microelectronics to Russia.")
    assert transfer(result, "microelectronics") == (None, "russia")


@pytest.mark.nlp
def test_goods_counted_in_money_are_still_transferred(extract):
    result = extract("Prosecutors said the firm shipped thousands of pounds' worth of microelectronics to Iran.")
    assert transfer(result, "microelectronics")[1] == "iran"


@pytest.mark.nlp
def test_the_state_shipped_from_supplies_when_the_carrier_is_unnamed(extract):
    result = extract("Investigators said the smugglers moved Shahed drones from Iran to Russia by sea.")
    assert transfer(result, "Shahed drones") == ("iran", "russia")


@pytest.mark.nlp
def test_a_place_of_departure_that_is_no_actor_supplies_nothing(extract):
    result = extract("The smugglers moved Shahed drones from a warehouse to Russia.")
    assert transfer(result, "Shahed drones") == (None, "russia")


@pytest.mark.nlp
@pytest.mark.parametrize("sentence, want", [
    ("Iranian-made Shahed drones used by Russia struck Odesa overnight.", ("iran", "russia")),
    ("Turkish-made Bayraktar TB2 drones operated by Ukraine destroyed a convoy.", ("turkey", "ukraine")),
])
def test_made_in_weapons_used_by_someone(extract, sentence, want):
    result = extract(sentence)
    assert transfer(result, next(w["name"] for w in result["weapons"])) == want


@pytest.mark.nlp
def test_received_made_in_weapons_name_their_maker(extract):
    result = extract("Sudan's army has received Iranian-made drones since 2023, diplomats said.")
    assert transfer(result, "drones")[0] == "iran"


@pytest.mark.nlp
@pytest.mark.parametrize("sentence", [
    "Washington has given Kyiv ATACMS missiles.",
    "The United States has given the Kyiv government ATACMS missiles.",
])
def test_two_objects_of_give(extract, sentence):
    assert transfer(extract(sentence), "ATACMS") == ("united-states", "ukraine")


@pytest.mark.nlp
def test_a_demonym_before_the_weapon_is_no_recipient(extract):
    result = extract("Pyongyang sent North Korean KN-23 missiles, officials said.")
    assert transfer(result, "KN-23") == ("north-korea", None)


@pytest.mark.nlp
def test_second_of_two_shipped_systems_shares_the_transfer(extract):
    result = extract("Pyongyang has shipped KN-23 ballistic missiles and 170mm self-propelled guns to Russia.")
    assert transfer(result, "self-propelled guns") == ("north-korea", "russia")


@pytest.mark.nlp
def test_recipient_carries_to_a_supplier_named_again_paragraphs_later(extract):
    result = extract(
        "North Korea sent artillery shells to Russia last year, officials said.",
        "The shipments went by rail. Satellite images showed trains at the border.",
        "Analysts said the shells were of poor quality. Many failed to explode.",
        "Kyiv has asked for more air defence. Its allies are divided.",
        "South Korea's spy agency says Pyongyang has also shipped KN-23 ballistic missiles.",
    )
    assert transfer(result, "KN-23") == ("north-korea", "russia")


@pytest.mark.nlp
def test_a_barred_transfer_lends_no_recipient(extract):
    result = extract(
        "Iran sold Shahed drones to Russia in 2022.",
        "A UN resolution had banned Iran from exporting ballistic missiles.",
    )
    assert transfer(result, "ballistic missiles")[1] is None


@pytest.mark.nlp
@pytest.mark.parametrize("sentence, want", [
    ("Belarus sold artillery shells worth $30m to Russia last year.", ("belarus", "russia")),
    ("The company was fined for exporting drone components worth more than £2m to Iran.", (None, "iran")),
])
def test_a_value_between_the_goods_and_their_recipient(extract, sentence, want):
    result = extract(sentence)
    assert transfer(result, result["weapons"][0]["name"]) == want


@pytest.mark.nlp
@pytest.mark.parametrize("sentence", [
    "Iran was found to have supplied Shahed drones to Russia in breach of a UN resolution.",
    "Iran is believed to have sent Shahed drones to Russia.",
])
def test_supplier_raised_from_a_passive_report(extract, sentence):
    assert transfer(extract(sentence), "Shahed drones") == ("iran", "russia")


@pytest.mark.nlp
def test_who_received_weapons_supplied_by_another_is_the_recipient(extract):
    result = extract("Ukraine has received Storm Shadow missiles supplied by Britain.")
    assert transfer(result, "Storm Shadow") == ("united-kingdom", "ukraine")


@pytest.mark.nlp
@pytest.mark.parametrize("sentence", [
    "Russia is using North Korean KN-23 missiles against Ukraine.",
    "North Korean KN-23 missiles fired by Russia hit Kharkiv.",
])
def test_a_user_of_foreign_weapons_received_them(extract, sentence):
    assert transfer(extract(sentence), "KN-23") == ("north-korea", "russia")


@pytest.mark.nlp
def test_a_state_using_its_own_weapons_is_no_transfer(extract):
    result = extract("Russia is using Russian Iskander missiles against Ukraine.")
    assert transfer(result, next(w["name"] for w in result["weapons"]))[1] is None


@pytest.mark.nlp
def test_engines_for_a_weapon_are_its_transfer(extract):
    """'shipped engines for the Garpiya-3 drone to Kupol': the parts' transfer is the drone's."""
    result = extract("Officials said China had supplied engines for Shahed drones to Russia.")
    assert transfer(result, "Shahed drones") == ("china", "russia")
