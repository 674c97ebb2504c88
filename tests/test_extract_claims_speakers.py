"""Claims whose speaker the plain subject rule misses: a relative clause ('X, who said ...'),
unnamed groups ('critics say'), bodies named by a common noun, offices ('the minister said'),
misspelt second mentions and 'quoted X as saying' (sentences written here, not wire text)."""
from __future__ import annotations

import pytest


def said(result: dict) -> list[tuple[str, str]]:
    """(speaker, text) of every claim."""
    return [(c["speaker"], c["text"]) for c in result["claims"]]


@pytest.mark.nlp
def test_a_relative_clause_cue_speaks_for_its_antecedent(extract):
    result = extract("Prime Minister Tomas Varga, who recently said that he would resign in May, met the unions.",
                     "The charge was rejected by Lisbon, which says its programme is entirely civilian.")
    assert ("tomas-varga", "he would resign in May") in said(result)
    assert ("portugal", "its programme is entirely civilian") in said(result)


@pytest.mark.nlp
def test_unnamed_critics_and_eyewitnesses_speak(extract):
    result = extract("Eyewitnesses said that a drone fired one missile at a group of gunmen east of the camp.",
                     "The mayor's critics, who say he has given away too much, marched on Sunday.")
    speakers = {s for s, _ in said(result)}
    assert "eyewitnesses" in speakers
    assert any("critics" in s for s in speakers)
