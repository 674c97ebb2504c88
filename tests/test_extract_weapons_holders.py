"""Recipients from context: the holder a share was supplied to, and who a purchase is for."""
from __future__ import annotations

import pytest


def pairs(result: dict) -> set[tuple]:
    return {(w["supplier"], w["recipient"]) for w in result["weapons"]}


@pytest.mark.nlp
def test_share_supplied_goes_to_the_previous_sentences_holder(extract):
    result = extract("Hezbollah has fired thousands of rockets at northern Israel. "
                     "An official said most of them were supplied by Iran.")
    assert ("iran", "hezbollah") in pairs(result)


@pytest.mark.nlp
def test_purchase_for_a_state_makes_it_the_recipient_and_keeps_the_company(extract):
    result = extract("Denmark has also ordered 155mm rounds from Rheinmetall for Ukraine, officials said.")
    assert ("rheinmetall", "ukraine") in pairs(result)
    assert "Germany" not in {a for x in result["actors"] for a in x["aliases"]}
