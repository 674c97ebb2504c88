"""Named companies as organisation actors, with a 'company' kind that 'the company' resolves to."""
from __future__ import annotations

import pytest

from .conftest import actor_ids


@pytest.mark.nlp
def test_one_word_company_that_speaks_is_an_actor(extract):
    result = extract("Rheinmetall said it had shipped 40,000 rounds to Ukraine.")
    assert "rheinmetall" in actor_ids(result)
    assert [a["type"] for a in result["actors"] if a["id"] == "rheinmetall"] == ["organization"]


@pytest.mark.nlp
def test_company_as_agent_supplies(extract):
    result = extract("The shells were shipped by Yugoimport to the Czech Republic.")
    assert "yugoimport" in actor_ids(result)
    assert ("yugoimport", "czech-republic") in {(w["supplier"], w["recipient"]) for w in result["weapons"]}


@pytest.mark.nlp
def test_legal_suffix_marks_an_untagged_company(extract):
    result = extract("The shells were produced by the state-owned Yugoimport SDPR.")
    assert "yugoimport" in actor_ids(result)


@pytest.mark.nlp
def test_legal_suffix_and_short_name_are_one_actor(extract):
    result = extract("Rheinmetall AG shares rose. Rheinmetall said deliveries were on schedule.")
    company = [a for a in result["actors"] if a["id"] == "rheinmetall"]
    assert len(company) == 1 and "Rheinmetall AG" in [company[0]["name"], *company[0]["aliases"]]


@pytest.mark.nlp
def test_surname_is_not_a_company(extract):
    result = extract("Oleksandr Kovalenko was an engineer. That autumn, Kovalenko joined a unit.")
    assert "kovalenko" not in actor_ids(result)


@pytest.mark.nlp
def test_the_company_resolves_to_the_latest_company(nlp):
    from briefing.extract.actors import Registry
    from briefing.extract.institutions import collect_companies

    class Sent:
        n = 0
        doc = nlp("Serbian arms firm Yugoimport SDPR complied with the law.")

    from briefing.extract.gazetteer import load_gazetteer
    reg = Registry(load_gazetteer(), set())
    collect_companies(reg, Sent)
    assert reg.actors["yugoimport"].kind == "company"
    assert reg.recent_company(1, 0) == "yugoimport"
