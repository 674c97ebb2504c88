"""Provenance: every extracted claim, denial, weapon and event names the rule that found it."""
from __future__ import annotations

import re

import pytest

from briefing.content import parse_article

pytestmark = pytest.mark.nlp

KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
KINDS = ("claims", "denials", "weapons", "events")


def rules(items: list[dict]) -> list[str]:
    return [x["rule"] for x in items]


ARTICLE = (
    "Iran has sent short-range ballistic missiles to Russia, according to U.S. officials.",
    "\u201cThese weapons will be used within weeks,\u201d Secretary of State Antony Blinken said on Tuesday.",
    "Iran denied the accusations. The Kremlin, for its part, declined to comment.",
    "Britain has supplied Storm Shadow missiles to Ukraine, the Ministry of Defence said last week.",
)


def test_every_item_records_its_rule_last_in_kebab_case(extract):
    fm = extract(*ARTICLE)
    for kind in KINDS:
        assert fm[kind], kind
        for item in fm[kind]:
            assert list(item)[-1] == "rule", (kind, item)  # the contract's keys keep their order
            assert KEBAB.match(item["rule"]), item["rule"]


def test_rules_name_the_kind_of_sentence(extract):
    fm = extract(*ARTICLE)
    assert "according-to" in rules(fm["claims"])
    assert "quote-postposed-cue" in rules(fm["claims"])
    assert "postposed-cue" in rules(fm["claims"])
    assert rules(fm["denials"]) == ["deny-verb"]  # declining to comment is no denial, so no rule either
    assert {w["id"]: w["rule"] for w in fm["weapons"]}.get("storm-shadow") == "supply-verb"
    assert {"date-weekday", "date-relative-word"} <= set(rules(fm["events"]))


def test_indirect_and_inverted_speech_rules(extract):
    fm = extract("The foreign minister, Ana Silva, said that the embargo had failed.",
                 "The sanctions will stay until the war ends, said Silva.")
    assert rules(fm["claims"]) == ["cue-clause", "inverted-cue"]


def test_a_claim_that_denies_is_marked_as_such(extract):
    fm = extract("Moscow said the reports of Iranian missile deliveries were baseless.")
    assert rules(fm["denials"]) == ["claim-of-denial"]


def test_colon_lead_and_continued_quote_paragraphs(extract):
    fm = extract("Defence Secretary Ben Wallace said:", "\u201cThe attacks will not succeed.\u201d")
    assert rules(fm["claims"]) == ["colon-lead"]


def test_transfer_found_through_a_pronoun_says_so(extract):
    fm = extract("The ATACMS missiles have a range of 300 km.", "Washington supplied them to Kyiv in secret.")
    atacms = [w for w in fm["weapons"] if w["supplier"] == "united-states"]
    assert atacms and atacms[0]["rule"] == "pronoun-object"


def test_anchored_and_season_dates_name_their_rule(extract):
    fm = extract("The talks opened in March 2023.", "Two weeks later, the delegations met again in Geneva.",
                 "The factory was finished last summer.")
    assert rules(fm["events"]) == ["date-month", "date-anchored-later", "date-season"]


def test_content_loader_reads_items_with_a_rule(tmp_path, extract):
    from briefing.refresh import format_content
    from tests.conftest import article

    raw = article(*ARTICLE)
    path = tmp_path / "a.md"
    path.write_text(format_content(raw, extract(*ARTICLE)), encoding="utf-8")
    loaded, problems = parse_article(path, "content/a.md")
    assert not problems and loaded.claims and loaded.denials and loaded.events
