"""Cleaning a person's name: what is in front of it is a party, a post, a courtesy title or a slogan."""
from __future__ import annotations

import pytest

from briefing.names import clean_person_name, is_party_name, looks_like_name, name_key


@pytest.mark.parametrize("text, name, role", [
    ("Tory Gareth Pellow", "Gareth Pellow", "Conservative"),
    ("Labour MP Dora Quillfeather", "Dora Quillfeather", "Labour MP"),
    ("Lib Dem Sir Alwyn Brask", "Alwyn Brask", "Liberal Democrat"),
    ("MEP Tobias Verne", "Tobias Verne", "MEP"),
    ("Home Secretary Ada Kettering", "Ada Kettering", "Home Secretary"),
    ("State Councilor Lan Weimo", "Lan Weimo", "State Councilor"),
    ("Mr Pellow", "Pellow", None),
    ("Gareth Pellow", "Gareth Pellow", None),
    ("John Major", "John Major", None),  # a post word at the end is the surname
    ("Hartlepool MP Iain Wrexley", "Iain Wrexley", "Hartlepool MP"),  # a seat before a post
    ("Sinn Fein Gerry Addison", "Gerry Addison", "Sinn Fein"),
])
def test_words_in_front_leave_the_name(text, name, role):
    clean = clean_person_name(text)
    assert (clean.name, clean.role, clean.slogan) == (name, role, False)


def test_a_slogan_is_not_a_name():
    assert clean_person_name("Vote Pellow").slogan
    assert clean_person_name("Get Brask").slogan


def test_a_party_is_no_person():
    assert is_party_name("Liberal Democrats") and is_party_name("Nationalist Action")
    assert not is_party_name("Liam Fox") and not is_party_name("Green Day")


def test_courtesy_title_is_kept_apart():
    assert clean_person_name("Sir Alwyn Brask").courtesy == "Sir"


def test_name_key_folds_accents_dots_and_the_arabic_article():
    assert name_key("Nuri al-Maliki") == ("nuri", "maliki")
    assert name_key("José K. Ortíz") == ("jose", "k", "ortiz")


def test_a_fixture_or_a_score_is_not_a_full_name():
    assert looks_like_name("Ahmad bin Tariq") and looks_like_name("Jean de Valois")
    assert not looks_like_name("Harwick v Dunmore") and not looks_like_name("Harwick 1-0")
