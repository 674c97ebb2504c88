"""Unit tests of the run-on quotation and denial rules on small invented sentences."""
from __future__ import annotations

import pytest

from tests.test_extract import by_speaker

pytestmark = pytest.mark.nlp


def texts(items: list[dict]) -> str:
    return " | ".join(f"{x['text']} {x['quote'] or ''}" for x in items)


def test_colon_lead_gives_each_quote_paragraph_to_the_speaker(extract):
    fm = extract("Defence Secretary Ben Wallace said:",
                 "\u201cThe attacks on power stations will not succeed.",
                 "\u201cWe will stand with Ukraine \u2014 for as long as it takes.\u201d")
    claims = by_speaker(fm["claims"], "ben-wallace")
    assert len(claims) == 2
    assert "will not succeed" in claims[0]["text"]
    assert "for as long as it takes" in claims[1]["text"]  # the em dash keeps the whole quote


def test_transcript_label_is_a_turn_of_a_known_person(extract):
    fm = extract("Samuel Bendett, an analyst in Washington, says the factories matter.",
                 "BENDETT: Moscow no longer waits for cargo planes. It builds the drones itself.")
    assert any("cargo planes" in x["text"] and "builds the drones" in x["text"]
               for x in by_speaker(fm["claims"], "samuel-bendett"))


def test_reporter_label_is_not_a_speaker(extract):
    fm = extract("KOVAC: The sirens started at 2 a.m.", authors=["Anna Kovac"])
    assert not fm["claims"]


def test_quote_paragraph_with_its_own_cue_is_not_a_continuation(extract):
    fm = extract("Zelensky said that \u201cstrikes are not made with words\u201d.",
                 "\u201cSuch things are not announced. The missiles will speak for themselves,\u201d he said.")
    assert "Such things are not announced" not in texts(fm["claims"]).split(" | ")


def test_bare_reject_that_claim_is_a_denial(extract):
    fm = extract("Russia says the deliveries make Britain a party to the conflict. "
                 "The UK government rejects that claim.")
    assert by_speaker(fm["denials"], "united-kingdom")


def test_reported_denial_is_a_denial(extract):
    fm = extract("The ambassador, Igor Petrov, stated that Russia \u201ccategorically rejects\u201d the allegations.")
    assert fm["denials"] and "categorically rejects" in texts(fm["denials"])
    assert "stated" not in fm["denials"][0]["text"]  # no attribution inside the denial text


def test_never_allowed_territory_answers_an_accusation(extract):
    fm = extract("The Lebanese government said it never allowed its territory to be used to transfer weapons.")
    assert fm["denials"] and not fm["claims"]


def test_called_accusations_a_pretext_is_a_denial(extract):
    fm = extract("Iran's spokesman Nasser Kanaani called the accusations \u201ca pretext for aggression\u201d.")
    assert by_speaker(fm["denials"], "nasser-kanaani")


def test_fake_is_dismissive(extract):
    fm = extract("Kremlin spokesman Dmitry Peskov said the reports were \u201canother fake\u201d.")
    assert fm["denials"]


def test_no_intention_of_exporting_is_a_denial(extract):
    fm = extract("North Korea said it had no intention of exporting weapons to any country.")
    assert fm["denials"]


def test_not_seen_evidence_of_a_transfer_stays_a_claim(extract):
    fm = extract("John Kirby says the United States has not yet seen evidence of a transfer.")
    assert by_speaker(fm["claims"], "john-kirby") and not fm["denials"]


def test_declined_to_respond_is_not_a_denial(extract):
    fm = extract("Hezbollah's media office declined to respond to questions.")
    assert not fm["denials"]


def test_the_panel_refers_back_to_the_named_panel(extract):
    fm = extract("A United Nations panel of experts monitors the embargo.",
                 "The panel said the flights carried weapons.")
    claims = fm["claims"]
    assert claims and "panel" in claims[0]["speaker"]


def test_one_denial_per_speaker_per_sentence(extract):
    fm = extract("Russia's foreign ministry denied that troops were in Kursk, calling the reports \u201ca fake\u201d.")
    assert len(fm["denials"]) == 1
