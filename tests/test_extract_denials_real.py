"""Denials in their common real forms (sentences written for these tests): innocence insisted on,
'an allegation denied by X', '..., which X rejects', a pronoun for the rumours, 'denied them, saying',
and a quotation that opens by denying."""
from __future__ import annotations

import pytest


def denials(result: dict) -> list[tuple[str, str]]:
    return [(d["speaker"], d["text"]) for d in result["denials"]]


@pytest.mark.nlp
def test_insisting_on_innocence_is_a_denial(extract):
    result = extract("Daniel Ruiz has insisted he is innocent of the robbery.")
    assert denials(result) == [("daniel-ruiz", "he is innocent of the robbery")]


@pytest.mark.nlp
def test_nothing_to_do_with_is_a_denial(extract):
    result = extract("Interior Minister Daniel Ruiz insisted the fire had nothing to do with the protests.")
    assert [s for s, _ in denials(result)] == ["daniel-ruiz"]
    assert result["claims"] == []


@pytest.mark.nlp
def test_a_charge_rejected_by_someone_denies_the_accusation_before_it(extract):
    result = extract("Senator Blake accuses Vexa Corp of polluting the river, a charge rejected by Vexa Corp as politically motivated.")
    assert len(result["denials"]) == 1
    assert "polluting the river" in result["denials"][0]["text"]


@pytest.mark.nlp
def test_which_the_ministry_rejects_denies_the_statement_before(extract):
    result = extract("Rebels say the Colombian army used cluster bombs, which the Colombian defence ministry rejects.")
    assert [d["text"] for d in result["denials"]] == ["the Colombian army used cluster bombs"]


@pytest.mark.nlp
def test_an_accusation_which_someone_denies_reads_as_the_accusation_with_its_accuser(extract):
    result = extract("Washington accuses Tehran of arming the rebels, which Iran denies.")
    assert denials(result) == [("iran", "Washington accuses Tehran of arming the rebels")]


@pytest.mark.nlp
def test_a_charge_a_body_rejects_at_the_end_of_a_claim_is_that_bodys_denial(extract):
    result = extract("The opposition says the vote was rigged, a charge the electoral commission rejects.")
    assert [(s, t) for s, t in denials(result)] == [("electoral-commission", "a charge the electoral commission rejects")]
    assert [c["text"] for c in result["claims"]] == ["the vote was rigged"]


@pytest.mark.nlp
def test_an_accusation_denied_in_the_same_sentence_stays_the_accusers_claim_and_the_denial_answers_it(extract):
    result = extract("The transport ministry accused the union of sabotage, which the union denies.",
                     "Opposition leader Mara Kell says the army shelled the market, a charge the defence ministry rejects.")
    claims = {c["id"]: c["text"] for c in result["claims"]}
    answered = {d["text"]: claims.get(d["rebuts"]) for d in result["denials"]}
    assert answered == {
        "The transport ministry accused the union of sabotage": "The transport ministry accused the union of sabotage",
        "a charge the defence ministry rejects": "the army shelled the market"}


@pytest.mark.nlp
def test_dismissing_them_denies_the_rumours(extract):
    result = extract("When similar rumours circulated last year, Daniel Ruiz firmly dismissed them.")
    assert len(result["denials"]) == 1
    assert "rumours" in result["denials"][0]["text"]


@pytest.mark.nlp
def test_denied_them_saying_keeps_the_reason(extract):
    result = extract("Reports said the army shelled the village.",
                     "The Colombian defence ministry denied them, saying no troops were in the area.")
    assert len(result["denials"]) == 1
    assert "no troops were in the area" in result["denials"][0]["text"]


@pytest.mark.nlp
def test_a_quotation_that_opens_by_denying(extract):
    result = extract('"It was never our intention to mislead anyone," Daniel Ruiz said.',
                     'Vexa Corp said in a statement: "At no point did we sell equipment to the militia."')
    assert [d["speaker"] for d in result["denials"]] == ["daniel-ruiz", "vexa"]


@pytest.mark.nlp
def test_a_hopeful_statement_with_a_giving_verb_is_no_denial(extract):
    result = extract("Petrov said Russia does not fear for its future and expects the council to confirm "
                     "its progress by giving it candidate status.")
    assert result["denials"] == [] and len(result["claims"]) == 1


@pytest.mark.nlp
def test_rejecting_a_proposal_is_no_denial(extract):
    assert extract("The European Union has rejected a Russian proposal for talks in Moscow.")["denials"] == []


@pytest.mark.nlp
def test_a_concession_then_a_denial_in_one_sentence(extract):
    result = extract("Daniel Ruiz conceded that the guard had fallen asleep but insisted the fire had nothing to do with the protests.")
    assert [c["text"] for c in result["claims"]] == ["the guard had fallen asleep"]
    assert len(result["denials"]) == 1 and "nothing to do with" in result["denials"][0]["text"]


@pytest.mark.nlp
def test_a_surname_alone_at_the_start_of_a_sentence_names_the_person(extract):
    result = extract("Prime Minister Chaowalit Yongchaiyudh spoke to reporters on Monday.",
                     "Chaowalit denied allegations of having been married to a fourth woman.")
    assert [d["speaker"] for d in result["denials"]] == ["chaowalit-yongchaiyudh"]
