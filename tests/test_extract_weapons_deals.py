"""Deal frames on small invented sentences: packages, interdictions, contracts, pronoun speakers."""
from __future__ import annotations

import pytest

from .conftest import weapon_named


def transfer(result: dict, name: str) -> tuple:
    """(supplier, recipient, status) of the extracted weapon with this name."""
    w = weapon_named(result, name)
    return w["supplier"], w["recipient"], w["status"]


@pytest.mark.nlp
def test_package_that_includes_weapons_inherits_the_send_frame(extract):
    result = extract("Canada will send Ukraine a $90 million package of aid that includes Javelin missiles, officials said.")
    assert transfer(result, "Javelin")[:2] == ("canada", "ukraine")


@pytest.mark.nlp
def test_seized_shipment_bound_for_a_recipient_is_intercepted(extract):
    result = extract("French sailors seized a shipment of Iranian weapons bound for Russia, "
                     "including components for cruise missiles, the navy said.")
    assert transfer(result, "cruise missiles") == ("iran", "russia", "intercepted")


@pytest.mark.nlp
def test_contract_for_weapons_makes_the_signer_the_recipient(extract):
    result = extract("Romania signed a contract with Germany on Monday for 54 Leopard 2 tanks.")
    supplier, recipient, status = transfer(result, "Leopard")
    assert (recipient, status) == ("romania", "ordered")
    assert supplier in ("germany", None)
