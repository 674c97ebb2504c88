"""Transfer frames on small invented sentences: pronoun objects, shared recipients, users, nmod names."""
from __future__ import annotations

import pytest


def transfers(result: dict, name: str) -> list[tuple]:
    """(supplier, recipient) of every extracted weapon with this name."""
    return [(w["supplier"], w["recipient"]) for w in result["weapons"] if w["name"] == name]


@pytest.mark.nlp
def test_pronoun_object_takes_the_system_named_before(extract):
    result = extract("The missiles, known as ATACMS, can reach 300km. Washington first supplied them to Kyiv last year.")
    assert transfers(result, "ATACMS") == [("united-states", "ukraine")]


@pytest.mark.nlp
def test_second_supply_verb_shares_the_recipient(extract):
    result = extract("North Korea has supplied Russia with KN-23 missiles and is providing Koksan self-propelled guns.")
    assert transfers(result, "Koksan") == [("north-korea", "russia")]


@pytest.mark.nlp
def test_who_uses_supplied_weapons_received_them(extract):
    result = extract("Poland needs permission to use Javelin missiles supplied by the United States.")
    assert transfers(result, "Javelin") == [("united-states", "poland")]


@pytest.mark.nlp
def test_system_name_as_nmod_of_a_batch(extract):
    result = extract("Qatar has received several batches of TB2 and Akinci drones from Turkey since 2021.")
    assert transfers(result, "Bayraktar TB2") == [("turkey", "qatar")]
    assert transfers(result, "Akinci") == [("turkey", "qatar")]


@pytest.mark.nlp
def test_conjoined_suppliers_and_weapons_pair_up(extract):
    result = extract("Iran and North Korea have supplied Moscow with Shahed drones and artillery shells.")
    assert transfers(result, "Shahed drones") == [("iran", "russia")]
    assert transfers(result, "artillery") == [("north-korea", "russia")]


@pytest.mark.nlp
def test_containers_and_counts_of_a_weapon(extract):
    result = extract("Belarus shipped 5,000 containers of munitions to Russia. "
                     "Poland, which had sent 300 of its T-72 tanks to Kyiv, is rearming.")
    assert transfers(result, "ammunition") == [("belarus", "russia")]
    assert transfers(result, "T-72") == [("poland", "ukraine")]


@pytest.mark.nlp
def test_one_entry_per_system_and_transfer(extract):
    result = extract("Germany sent artillery shells to Ukraine. The artillery arrived in May.")
    assert transfers(result, "artillery") == [("germany", "ukraine")]


@pytest.mark.nlp
def test_given_name_before_a_system_name_is_a_person(extract):
    result = extract("Baykar's chief technology officer Selcuk Bayraktar said exports had doubled.")
    assert not transfers(result, "Bayraktar TB2")


@pytest.mark.nlp
def test_hyphenated_supplier_of_used_weapons(extract):
    result = extract("Ukrainian officials have pressed for permission to use U.S.-supplied ATACMS missiles.")
    assert transfers(result, "ATACMS") == [("united-states", "ukraine")]
