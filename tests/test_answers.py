"""A denial answers the claim it answers, across articles too, or stands alone (issue 14)."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.answers import answer_score
from briefing.config import load_settings
from briefing.model import Ref
from briefing.pipeline import read_and_link

BELARUS = ["Belarus", "Minsk", "Belarusian"]


def test_the_accused_must_be_what_the_claim_is_about():
    denial = "Belarus denied sending artillery shells to Russia"
    assert answer_score(denial, BELARUS, "Belarus has sent artillery shells to Russia")
    assert not answer_score(denial, BELARUS, "Poland sent artillery shells to Ukraine, officials said")


def test_naming_the_deniers_side_is_not_enough():
    denial = "Belarus denied sending artillery shells to Russia"
    assert not answer_score(denial, BELARUS, "Belarus will host talks on grain exports next month")


def test_a_denial_of_a_thing_rather_than_a_statement_answers_nothing():
    claim = "Belarus will join the peace talks in Geneva on Friday"
    assert not answer_score("Belarus dismissed the planned peace talks in Geneva as pointless", BELARUS, claim)
    assert not answer_score("Belarus said the peace talks in Geneva were pointless", BELARUS, claim, cue="said")


def write(project: Path, slug: str, body: str) -> None:
    (project / "content" / f"{slug}.md").write_text(f"---\ntitle: {slug}\npublished: 2024-05-06\n{body}---\nText.\n")


ACTORS = ("actors:\n- id: belarus\n  name: Belarus\n  type: state\n  aliases: [Minsk]\n"
          "- id: officials\n  name: officials\n  type: anonymous-source\n")


def test_a_denial_in_one_article_answers_the_claim_of_another(project):
    write(project, "shells", ACTORS + "claims:\n"
          "- id: c1\n  speaker: officials\n  text: Belarus will host grain talks with Russia next month\n"
          "- id: c2\n  speaker: officials\n  text: Belarus has sent artillery shells to Russia by rail\n")
    write(project, "reply", ACTORS + "denials:\n"
          "- id: d1\n  speaker: belarus\n  cue: denied\n  text: Minsk denied sending any artillery shells to Russia\n"
          "- id: d2\n  speaker: belarus\n  cue: dismissed\n  text: Minsk dismissed the grain talks as a rumour\n")
    briefing, problems = read_and_link(load_settings(project))
    assert problems == []
    assert briefing.rebuttals == {Ref("shells", "c2"): (Ref("reply", "d1"),)}


@pytest.mark.nlp
def test_extraction_links_a_denial_only_to_the_claim_it_answers(extract):
    out = extract("Officials said Poland has sent artillery shells to Ukraine.",
                  "Belarus denied sending artillery shells to Russia.")
    assert [d["rebuts"] for d in out["denials"]] == [None]
    out = extract("Officials said Poland has sent artillery shells to Ukraine.",
                  "Officials said Belarus has sent artillery shells to Russia.",
                  "Belarus denied sending artillery shells to Russia.")
    assert [d["rebuts"] for d in out["denials"]] == ["c2"]


def test_where_and_when_it_was_denied_is_not_what_is_denied():
    denial = "Belarus denied sending the shells in a statement released on Friday by its mission to the United Nations"
    assert answer_score(denial, BELARUS, "Belarus has sent artillery shells to Russia despite warnings", cue="denied")


def test_a_plea_of_innocence_is_a_general_denial_and_a_specific_denial_is_not():
    from briefing.answers import denies_generally

    assert denies_generally("Xavier has denied any wrongdoing", ["Abel Xavier"])
    assert denies_generally("Brandt rejected the allegations", ["Ion Brandt"])
    assert not denies_generally("Belarus denied sending artillery shells to Russia", BELARUS)
    assert not denies_generally("Officials denied the reports", ["officials"])  # which reports: not said


@pytest.mark.nlp
def test_a_denial_of_any_wrongdoing_answers_the_earlier_claim_about_the_denier(extract):
    out = extract("Police said Mayor Ion Brandt had taken bribes from three builders.",
                  "The council said the new bridge would open in May.",
                  "Brandt has denied any wrongdoing.")
    assert [d["rebuts"] for d in out["denials"]] == ["c1"]
    out = extract("The council said the new bridge would open in May.",
                  "Brandt has denied any wrongdoing.")
    assert [d["rebuts"] for d in out["denials"]] == [None]  # no claim about him: nothing to answer
