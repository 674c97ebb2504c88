"""Claims, denials, speakers, actors and dates: one small invented sentence (or two) per rule."""
from __future__ import annotations

from datetime import date

import pytest

from briefing.extract.anchored import shift


def claims_of(result: dict, speaker: str) -> list[str]:
    """The texts of the claims a speaker makes."""
    return [c["text"] for c in result["claims"] if c["speaker"] == speaker]


def names(result: dict) -> set[str]:
    """Every actor name of the result."""
    return {a["name"] for a in result["actors"]}


def dates(result: dict) -> list[str]:
    """The EDTF dates of the events, in order."""
    return [e["date"] for e in result["events"]]


# ---------------------------------------------------------------- no spaCy needed

def test_shift_resolves_against_the_event_before():
    assert shift("2021-03-04", "later", {"count": "two", "unit": "week", "dir": "later"}) == "2021-03-18"
    assert shift("2021-03", "following", {"unit": "month"}) == "2021-04"
    assert shift("2021-11", "same", {"unit": "year"}) == "2021"
    assert shift(None, "same", {"unit": "year"}) is None


# ---------------------------------------------------------------- speakers and documents

@pytest.mark.nlp
def test_document_owner_speaks_for_the_report(extract):
    result = extract("In its latest report, the Arms Monitoring Group documented convoys near the border. "
                     "The report said the convoys carried rockets to the militia.")
    assert any("convoys carried rockets" in t for t in claims_of(result, "arms-monitoring-group"))


@pytest.mark.nlp
def test_data_compiled_by_names_its_source(extract):
    result = extract("Chile bought six patrol boats from Spain, according to data compiled by the Global Trade Observatory.")
    assert claims_of(result, "global-trade-observatory")


@pytest.mark.nlp
def test_we_in_an_outlets_own_text_is_the_outlet(extract):
    result = extract("We assess that the army will run short of shells by the spring.",
                     outlet="Institute for the Study of War")
    assert claims_of(result, "institute-for-the-study-of-war")


@pytest.mark.nlp
def test_role_at_sentence_start_with_a_name_in_apposition(extract):
    result = extract("Norland Dynamics said it had doubled output. "
                     "Its spokesman, Tomas Verlaine, told reporters that orders kept growing.")
    assert "Tomas Verlaine" in names(result)
    assert any("orders kept growing" in t for t in claims_of(result, "tomas-verlaine"))


@pytest.mark.nlp
def test_weapon_term_surname_is_a_person(extract):
    result = extract('"Our drones are defensive," Selcuk Bayraktar told the broadcaster NTV.')
    assert "Selcuk Bayraktar" in names(result)
    assert claims_of(result, "selcuk-bayraktar")


@pytest.mark.nlp
def test_told_reporters_at_a_briefing_that(extract):
    result = extract("Spokeswoman Maria Alvarez told reporters at a briefing that the convoy had reached the port.")
    assert any("convoy had reached the port" in t for t in claims_of(result, "maria-alvarez"))


@pytest.mark.nlp
def test_asked_whether_she_said_keeps_the_speaker(extract):
    result = extract("Spokeswoman Maria Alvarez said the ships had sailed.",
                     "Asked whether more ships would follow, she said the navy was ready.",
                     '"The minister, Paul Okafor, made clear that we will not wait," she said.')
    texts = claims_of(result, "maria-alvarez")
    assert any("navy was ready" in t for t in texts)
    assert any("will not wait" in t for t in texts)


@pytest.mark.nlp
def test_people_familiar_with_is_one_anonymous_source(extract):
    result = extract("The army has moved two brigades north, according to three people familiar with the plans.")
    assert any(a["name"] == "people familiar with the plans" for a in result["actors"])


@pytest.mark.nlp
def test_country_ruling_junta_speaks(extract):
    result = extract("Russia has delivered four helicopters to Mali, the country's ruling junta said on Monday, "
                     "the latest sign of closer ties.", published=date(2024, 6, 18))
    assert any("helicopters" in t for t in claims_of(result, "mali-junta"))


@pytest.mark.nlp
def test_post_posed_source_told_agency(extract):
    result = extract("The contract covers 36 guns built by the manufacturer Arvel Works, a diplomatic source told AFP.")
    assert any(c["speaker"].startswith("diplomatic-source") and "36 guns" in c["text"] for c in result["claims"])


@pytest.mark.nlp
def test_lower_case_state_ministry_is_an_actor(extract):
    result = extract("Azerbaijan's foreign ministry condemned the agreement as dangerous.")
    assert "Azerbaijan's Foreign Ministry" in names(result) or "Azerbaijan's foreign ministry" in names(result)


@pytest.mark.nlp
def test_name_cut_at_its_preposition_is_completed(extract):
    result = extract("Ivan Petrov, a professor at the University of North Korean Studies, said the talks failed.")
    assert "University of North Korean Studies" in names(result)


@pytest.mark.nlp
def test_wire_dateline_agency_is_no_actor(extract):
    result = extract("OSLO, March 12 (Reuters) - Norway will buy 54 tanks from Germany, the ministry said on Tuesday.",
                     published=date(2024, 3, 12))
    assert "Reuters" not in names(result)


# ---------------------------------------------------------------- claims and denials

@pytest.mark.nlp
def test_did_not_confirm_is_no_claim(extract):
    result = extract("The Kremlin did not confirm the delivery.")
    assert not result["claims"] and not result["denials"]


@pytest.mark.nlp
def test_rejected_and_said_negated_is_one_denial(extract):
    result = extract('Spokeswoman Anna Berg rejected the accusations as "fantasies" and said Sweden was not a party to the conflict.')
    assert len(result["denials"]) == 1 and not result["claims"]


@pytest.mark.nlp
def test_negated_clause_with_supply_in_its_subject_is_a_claim(extract):
    result = extract('Dmitry Peskov said that drones supplied to Kyiv would "not change the course" of the war.')
    assert result["claims"] and not result["denials"]


@pytest.mark.nlp
def test_no_evidence_is_a_claim_not_a_denial(extract):
    result = extract("Western officials said they had seen no evidence that China had supplied weapons.")
    assert result["claims"] and not result["denials"]


# ---------------------------------------------------------------- dates

@pytest.mark.nlp
def test_day_month_year_keeps_the_day(extract):
    result = extract("On 11 July 2022, the minister said the army was preparing drones.")
    assert "2022-07-11" in dates(result)


@pytest.mark.nlp
def test_relative_dates_follow_the_event_before(extract):
    result = extract("In March 2021, the two armies signed a supply deal. Two weeks later, the first train left Minsk. "
                     "By the summer, 40 trains had crossed the border.", published=date(2024, 9, 7))
    assert dates(result)[:3] == ["2021-03", "2021-03", "2021-22"]


@pytest.mark.nlp
def test_projection_and_statistic_years_are_no_events(extract):
    result = extract("Exports accounted for 90% of the company's revenue in 2023. "
                     "Output could exceed 6,000 drones in 2025.", published=date(2024, 9, 7))
    assert "2023" not in dates(result) and "2025" not in dates(result)


@pytest.mark.nlp
def test_report_released_in_month_dates_the_report(extract):
    result = extract("In a report released in March, the panel said it could not confirm the transfers.",
                     published=date(2024, 9, 7))
    assert any(e["date"] == "2024-03" and "report" in e["text"] for e in result["events"])


# ---------------------------------------------------------------- later rules

@pytest.mark.nlp
def test_acronym_in_parentheses_names_the_same_actor(extract):
    result = extract("South Korea's National Intelligence Service (NIS) said troops had moved. "
                     "The NIS said more would follow.")
    assert "NIS" not in names(result)
    assert len(claims_of(result, "national-intelligence-service")) == 2


@pytest.mark.nlp
def test_hyphenated_given_name_is_kept_whole(extract):
    result = extract("Park Sun-won, a lawmaker, said the troops were being trained.")
    assert "Park Sun-won" in names(result)


@pytest.mark.nlp
def test_family_name_first_links_the_bare_family_name(extract):
    result = extract("President Yoon Suk Yeol said Seoul could send weapons.",
                     '"We may supply defensive weapons first," Yoon said at a press conference.')
    assert "Yoon" not in names(result)
    assert len(claims_of(result, "yoon-suk-yeol")) == 2


@pytest.mark.nlp
def test_conjoined_denial_is_split_from_the_claim(extract):
    result = extract('The Emirati mission said the flights carried aid and that it "categorically rejects" the accusations.')
    assert any("aid" in c["text"] for c in result["claims"])
    assert any("rejects" in d["text"] for d in result["denials"])


@pytest.mark.nlp
def test_while_another_speaker_said_is_a_second_claim(extract):
    result = extract('Dmitry Peskov said the reports were "another hoax," while Vladimir Putin said the two '
                     "countries would decide for themselves.")
    assert any("decide" in t for t in claims_of(result, "vladimir-putin"))


@pytest.mark.nlp
def test_spy_agency_is_the_intelligence_service(extract):
    result = extract("South Korea's National Intelligence Service said troops had moved. "
                     "The spy agency said Pyongyang had supplied shells. It estimated that more would follow.")
    assert len(claims_of(result, "national-intelligence-service")) == 3


@pytest.mark.nlp
def test_apposition_makes_an_untagged_word_an_organisation(extract):
    result = extract("Rostec, the state defence conglomerate, said its factories had tripled output.")
    assert claims_of(result, "rostec")


@pytest.mark.nlp
def test_he_after_told_someone_is_still_the_speaker(extract):
    result = extract("Its chief executive Sergei Chemezov told Vladimir Putin that plants were working in shifts. "
                     "He said the group would hire a further 50,000 workers.")
    assert any("50,000" in t for t in claims_of(result, "sergei-chemezov"))
    assert not claims_of(result, "vladimir-putin")


@pytest.mark.nlp
def test_heading_with_a_cue_claims_nothing(extract):
    result = extract("What we found", outlet="Conflict Armament Research")
    assert not result["claims"]
