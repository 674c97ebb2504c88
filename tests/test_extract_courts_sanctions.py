"""Rules for court, sanctions and embargo reporting (BBC, AP, Wikinews styles), on invented sentences."""
from __future__ import annotations

import pytest

from tests.test_extract import by_speaker

pytestmark = pytest.mark.nlp


def joined(items: list[dict]) -> str:
    return " | ".join(f"{x['text']} {x['quote'] or ''}" for x in items)


# ---------------------------------------------------------------- denials of decisions

@pytest.mark.parametrize("sentence", [
    "Venezuela's foreign ministry rejected the verdict, calling it a political show.",
    "The Syrian government dismissed the new sanctions as \u201ceconomic aggression\u201d.",
    "Serbia rejected the ruling of the tribunal.",
    "The Kremlin dismissed the warrants.",
])
def test_rejecting_a_decision_about_oneself_is_a_denial(extract, sentence):
    fm = extract(sentence)
    assert fm["denials"] and fm["denials"][0]["rule"] == "deny-verb"


def test_rejecting_a_proposal_is_no_denial(extract):
    fm = extract("Parliament rejected the budget proposal on Tuesday.")
    assert not fm["denials"]


def test_null_and_void_is_a_denial(extract):
    fm = extract("A spokesman for the junta, Ko Ko Lwin, told reporters the court's orders were null and void.")
    assert fm["denials"] and "null and void" in fm["denials"][0]["text"]


# ---------------------------------------------------------------- courts and calls

def test_judges_ruled_that_is_a_claim_of_the_judges(extract):
    fm = extract("Three judges ruled on Friday that the export licences had been granted lawfully.")
    assert any("granted lawfully" in c["text"] for c in fm["claims"])
    assert any(a["type"] == "anonymous-source" and "judges" in a["name"] for a in fm["actors"])


def test_ruled_out_is_no_ruling(extract):
    fm = extract("The chancellor, Olaf Scholz, ruled out sending Taurus missiles.")
    assert not fm["claims"]


def test_called_on_and_called_for_are_claims(extract):
    fm = extract("Amnesty International called for an immediate halt to arms sales to the junta.",
                 "Germany's foreign minister, Annalena Baerbock, called on China to stop supplying parts.")
    assert "immediate halt" in joined(by_speaker(fm["claims"], "amnesty-international"))
    assert "stop supplying" in joined(by_speaker(fm["claims"], "annalena-baerbock"))


def test_that_clauses_joined_by_and_are_one_claim(extract):
    fm = extract("Prosecutors said the firm had wired the money through Cyprus, and that customs officers later "
                 "found the same engines in Iranian drones.")
    assert len(fm["claims"]) == 1
    assert "Cyprus" in fm["claims"][0]["text"] and "engines" in fm["claims"][0]["text"]


# ---------------------------------------------------------------- who speaks

def test_newsroom_understands_and_has_been_told(extract):
    fm = extract("The BBC understands that the Treasury is drafting new measures.",
                 "The BBC has been told that two banks will be listed.", outlet="BBC News")
    assert len(by_speaker(fm["claims"], "bbc")) == 2


def test_a_state_that_was_told_claims_nothing(extract):
    fm = extract("Ukraine was told that the deliveries would be delayed.")
    assert not fm["claims"]


def test_advocacy_groups_are_one_anonymous_actor(extract):
    fm = extract("Aid groups said the convoys had been blocked for a week.",
                 "Armed groups attacked the town.")
    groups = [a for a in fm["actors"] if a["type"] == "anonymous-source"]
    assert [a["id"] for a in groups] == ["aid-groups"]


def test_unnamed_operator_denies(extract):
    fm = extract("The vessel's owner denied that the cargo included weapons.")
    assert fm["denials"] and fm["denials"][0]["speaker"].endswith("owners")


def test_the_group_is_the_latest_organisation(extract):
    fm = extract("The watchdog group Airwars counted 40 strikes in May.",
                 "The group said most of the victims were children.")
    assert by_speaker(fm["claims"], "airwars")


def test_the_council_is_the_council_named_before(extract):
    fm = extract("The Council of the European Union adopted the measures on Monday.",
                 "In a statement, the Council said the embargo would stay in place.")
    assert by_speaker(fm["claims"], "council-of-the-european-union")


def test_qualified_officials_join_the_one_unqualified_group(extract):
    fm = extract("The strike killed nine people, officials said.",
                 "Moldovan officials said the drone had crossed the border twice.")
    officials = [a for a in fm["actors"] if a["type"] == "anonymous-source"]
    assert len(officials) == 1 and "Moldovan officials" in officials[0]["aliases"]


def test_judge_title_is_stripped(extract):
    fm = extract("U.S. District Judge Amy Berman Jackson said the evidence was overwhelming.")
    assert by_speaker(fm["claims"], "amy-berman-jackson")


# ---------------------------------------------------------------- article structure

def test_wikinews_sources_list_is_not_article_text(extract):
    fm = extract("The tribunal convicted the general on Monday, prosecutors said.",
                 "Sources",
                 "\u201cGeneral convicted of war crimes\u201d \u2014 Reuters, May 6, 2024")
    assert [e["date"] for e in fm["events"]] == ["2024-09-02"]
    assert not any(a["id"] == "reuters" for a in fm["actors"])


def test_byline_left_in_the_body_names_no_actor(extract):
    fm = extract("By Jane Doe, Security correspondent, BBC News",
                 "Jane Doe visited the factory, the company said.")
    assert not any(a["id"] == "jane-doe" for a in fm["actors"])


# ---------------------------------------------------------------- dates

def test_scheduled_dates_are_events_to_come(extract):
    fm = extract("The judge set sentencing for Jan. 14.", "A retrial is scheduled for June.",
                 published=None)
    assert [e["date"] for e in fm["events"]] == ["XXXX-01-14", "XXXX-06"]
    fm = extract("The judge set sentencing for Jan. 14.", "A retrial is scheduled for June.")
    assert [e["date"] for e in fm["events"]] == ["2025-01-14", "2025-06"]


def test_the_end_of_a_range_is_not_a_second_event(extract):
    fm = extract("The court said the strikes took place between October 2022 and March 2023.")
    assert [e["date"] for e in fm["events"]] == ["2022-10"]


def test_a_count_of_times_does_not_swallow_the_event(extract):
    fm = extract("Convoys carrying shells crossed the border 12 times last winter.")
    assert fm["events"] and "crossed" in fm["events"][0]["text"]


# ---------------------------------------------------------------- transfers in charges and sanctions

def transfers(fm: dict) -> set[tuple]:
    return {(w["id"], w["supplier"], w["recipient"]) for w in fm["weapons"] if w["supplier"] or w["recipient"]}


def test_accused_of_supplying_makes_the_accused_the_supplier(extract):
    fm = extract("Britain accused Belarus of supplying artillery shells to Russia.")
    assert ("artillery", "belarus", "russia") in transfers(fm)


@pytest.mark.parametrize("sentence", [
    "A federal jury convicted Ali Reza Mansouri of smuggling drones to the Taliban.",
    "A jury found Ali Reza Mansouri guilty of smuggling drones to the Taliban.",
])
def test_convicted_of_smuggling_makes_the_convicted_the_supplier(extract, sentence):
    fm = extract(sentence)
    assert ("drone", "ali-reza-mansouri", "taliban") in transfers(fm)


def test_unnamed_carriers_move_the_maker_states_weapons(extract):
    fm = extract("Treasury said the vessels moved North Korean ammunition to Russia.")
    assert ("ammunition", "north-korea", "russia") in transfers(fm)
    assert [w["rule"] for w in fm["weapons"] if w["supplier"]] == ["supply-verb"]


# ---------------------------------------------------------------- round 12 (h57-h60 first contact)

def test_a_relative_clause_denial_is_its_speakers_own(extract):
    fm = extract("Investigators said in May that the rockets came from Iran, a finding Tehran dismissed as \u201cfiction\u201d.")
    assert by_speaker(fm["claims"], "investigators") and by_speaker(fm["denials"], "iran")
    assert "fiction" not in joined(fm["claims"])


def test_a_conjoined_never_supplied_clause_is_a_denial(extract):
    fm = extract("Spokesman Mao Ning said Beijing opposed the measures and that China had never sold weapons to Myanmar.")
    assert "never sold" in joined(fm["denials"]) and "opposed the measures" in joined(fm["claims"])


def test_not_a_violation_is_a_denial(extract):
    fm = extract("Kenya's army said the flights were not a violation of the embargo.")
    assert [d["rule"] for d in fm["denials"]] == ["claim-of-denial"] and not fm["claims"]


def test_rejecting_an_embargo_as_unfair_is_a_denial(extract):
    fm = extract("Eritrea's government has long rejected the embargo as an attack on its independence.")
    assert fm["denials"] and fm["denials"][0]["rule"] == "deny-verb"


def test_a_report_by_experts_speaks_for_the_experts_and_so_does_the_panel(extract):
    fm = extract("Eritrea has shipped rifles to the militia, according to a report by UN experts seen by Reuters.",
                 "The report says the crates were unloaded at night.",
                 "The panel says the shipments continued in March.")
    speakers = [c["speaker"] for c in fm["claims"]]
    assert speakers == ["un-experts"] * 3


def test_a_supplier_named_again_supplies_the_same_recipient(extract):
    fm = extract("Belarus sent artillery shells to Russia in May.",
                 "Minsk has also shipped Polonez rocket launchers, the report said.")
    carried = [w for w in fm["weapons"] if w["rule"] == "recipient-carried-over"]
    assert carried and {(w["supplier"], w["recipient"]) for w in carried} == {("belarus", "russia")}


def test_a_supplier_named_with_a_new_recipient_keeps_it(extract):
    fm = extract("Iran sent drones to Russia.", "Iran has also supplied missiles to the Houthis.")
    assert ("missile", "iran", "houthis") in transfers(fm)


def test_the_demonym_of_the_first_conjunct_supplies_them_all(extract):
    fm = extract("Officials said the vessels moved Iranian drones and ballistic missiles to Russia.")
    assert {("drone", "iran", "russia"), ("ballistic-missile", "iran", "russia")} <= transfers(fm)


# ---------------------------------------------------------------- round 13 (h61-h64 first contact)

def test_an_accusation_that_a_party_rejects_at_the_end_is_its_denial(extract):
    fm = extract("The militia has been armed by Rwanda, according to UN experts, an accusation the Rwandan government rejects.")
    assert [d["speaker"] for d in fm["denials"]] == ["rwanda"]


def test_the_city_of_a_name_is_a_place(extract):
    fm = extract("The militia shelled the town of Kalehe Heights on Monday, killing five people, medics said.")
    assert not any("Kalehe" in a["name"] for a in fm["actors"])
    assert by_speaker(fm["claims"], "medics")


def test_a_known_programme_is_an_actor(extract):
    fm = extract("The World Food Programme warned that two million people faced famine.")
    assert by_speaker(fm["claims"], "world-food-programme")


def test_not_reporting_something_is_no_claim(extract):
    fm = extract("Ukraine has not reported their use on the battlefield.")
    assert not fm["claims"] and not fm["denials"]


def test_weapons_a_state_provides_inside_a_negated_claim_are_no_denial(extract):
    fm = extract("\u201cThe militia cannot keep fighting without the rockets Iran provides,\u201d Foreign Minister Ana Ruiz said.")
    assert not fm["denials"] and by_speaker(fm["claims"], "ana-ruiz")


def test_pleaded_guilty_keeps_the_plea(extract):
    fm = extract("Mr Omar Said, 44, pleaded guilty to exporting rifle scopes to Russia.")
    assert "guilty" in joined(fm["claims"])
