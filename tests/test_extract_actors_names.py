"""Party, post and slogan words in front of a person's name stay out of the name (issue 14)."""
from __future__ import annotations

import pytest


def people(result: dict) -> dict[str, dict]:
    return {a["name"]: a for a in result["actors"] if a["type"] == "person"}


@pytest.mark.nlp
def test_party_word_in_front_becomes_the_role(extract):
    result = extract("Tory Gareth Pellow said the tax plan would cost the country dearly.")
    named = people(result)
    assert "Gareth Pellow" in named and not any(n.startswith("Tory") for n in named)
    assert named["Gareth Pellow"]["role"] == "Conservative"


@pytest.mark.nlp
def test_party_and_post_in_front_become_the_role(extract):
    result = extract("Labour MP Dora Quillfeather told reporters the vote was close.")
    named = people(result)
    assert "Dora Quillfeather" in named, named
    assert "Labour" in (named["Dora Quillfeather"]["role"] or "")


@pytest.mark.nlp
def test_a_slogan_names_no_actor(extract):
    result = extract('Posters saying "Vote Pellow" went up in every street of the town on Monday.')
    assert not any(n.lower().startswith("vote") for n in people(result))
