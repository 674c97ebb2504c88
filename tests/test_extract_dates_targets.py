"""Deadlines, targets, planned months, stamp lines and repeated events are not dated events."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.conftest import article


def events(nlp, *paragraphs: str, published: date | None = date(2024, 9, 7)) -> list[dict]:
    """The events extracted from invented paragraphs."""
    from briefing.extract import extract_article

    return extract_article(replace(article(*paragraphs, published=published), outlet=None), nlp)["events"]


@pytest.mark.nlp
def test_a_target_month_is_no_event(nlp):
    found = events(nlp, "Officials said a new package of shells was being prepared for November.")
    assert not [e for e in found if e["date"].endswith("-11")]


@pytest.mark.nlp
def test_the_deadline_of_an_aim_is_no_event(nlp):
    found = events(nlp, "The ministry aims to double drone output by the end of 2026.")
    assert not [e for e in found if e["date"] == "2026"]


@pytest.mark.nlp
def test_an_expected_arrival_by_a_year_stays(nlp):
    found = events(nlp, "The ministry said it expected the first radars to arrive by 2027.")
    assert [e for e in found if e["date"] == "2027"]


@pytest.mark.nlp
def test_a_month_of_a_plan_is_no_event(nlp):
    found = events(nlp, "The first of the shells are expected in Ukraine in June.")
    assert not [e for e in found if "-06" in e["date"]]


@pytest.mark.nlp
def test_updated_hours_ago_line_gives_the_publication_date(nlp):
    found = events(nlp, "October 12, 2024 2:05 AM GMT+1 Updated 3 hours ago",
                   "The navy said it had seized a cargo of rockets in June.", published=None)
    assert "2024-06" in [e["date"] for e in found]
