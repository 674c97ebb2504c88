"""First-contact rules (live blogs, Axios labels, agency reports): one small invented sentence per rule."""
from __future__ import annotations

from datetime import date

import pytest



def _names(out: dict) -> dict[str, list[str]]:
    return {a["id"]: [a["name"], *a["aliases"]] for a in out["actors"]}


@pytest.mark.nlp
def test_newsroom_verification_note_is_no_claim(extract):
    out = extract("Russia's Defense Ministry said its troops took two villages.",
                  "CNN could not independently verify the claim.")
    assert [c["speaker"] for c in out["claims"]] != [] and all("verify" not in c["text"] for c in out["claims"])


@pytest.mark.nlp
def test_source_could_not_confirm_stays_a_claim(extract):
    out = extract("U.S. officials could not confirm that the missiles had arrived in Russia.")
    assert any("missiles" in c["text"] for c in out["claims"])


@pytest.mark.nlp
def test_link_line_claims_nothing(extract):
    out = extract("Go deeper: Biden warns Netanyahu that aid depends on protecting civilians.")
    assert out["claims"] == []


@pytest.mark.nlp
def test_affiliated_agency_speaks_not_its_patron(extract):
    out = extract("The IRGC-affiliated Tasnim news agency reported that the claims were part of a campaign.")
    assert [c["speaker"] for c in out["claims"]] == ["tasnim"]


@pytest.mark.nlp
def test_rejected_account_is_a_denial(extract):
    out = extract("The Syrian Democratic Forces rejected the Turkish account.")
    assert [d["speaker"] for d in out["denials"]] == ["syrian-democratic-forces"]


@pytest.mark.nlp
def test_singular_anonymous_source_keeps_its_own_alias(extract):
    out = extract("A senior administration official said the pause was about Rafah.")
    speaker = out["claims"][0]["speaker"]
    assert "senior administration official" in _names(out)[speaker]


@pytest.mark.nlp
def test_source_close_to_government(extract):
    out = extract("A source close to the Turkish government said the issue was raised in Ankara.")
    names = " ".join(_names(out)[out["claims"][0]["speaker"]])
    assert "close to the Turkish government" in names


@pytest.mark.nlp
def test_timestamp_lines_are_no_events(extract):
    out = extract("4:15 p.m. ET, May 15, 2024", "Russia launched 10 drones at Ukraine on Tuesday.",
                  published=date(2024, 5, 15))
    assert [e["date"] for e in out["events"]] == ["2024-05-14"]


@pytest.mark.nlp
def test_bare_date_line_dates_the_story_when_the_header_did_not(extract):
    out = extract("May 6, 2024", "Israel provided those assurances in March.", published=None)
    assert [e["date"] for e in out["events"]] == ["2024-03"]


@pytest.mark.nlp
def test_numeric_date_line_reads_month_first(extract):
    out = extract("03/01/2024", "Scholz spoke to reporters on Monday.", published=None)
    assert [e["date"] for e in out["events"]] == ["2024-02-26"]


@pytest.mark.nlp
def test_overnight_is_the_publication_day_and_one_event(extract):
    out = extract("Russia launched 87 drones at Ukraine overnight, Ukraine's air force said Wednesday.",
                  published=date(2024, 10, 9))
    assert [e["date"] for e in out["events"]] == ["2024-10-09"]


@pytest.mark.nlp
def test_expected_to_on_weekday_is_future(extract):
    out = extract("Lloyd Austin is expected to testify before a Senate committee on Wednesday.",
                  published=date(2024, 5, 6))
    assert [e["date"] for e in out["events"]] == ["2024-05-08"]
