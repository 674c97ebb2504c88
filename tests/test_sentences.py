"""The sentence splitter: numbering must agree between extraction and the article page."""
from briefing.sentences import numbered_sentences, split_sentences


def test_keeps_titles_initials_and_countries_inside_sentences():
    text = "He met Maj. Gen. Mohammad Bagheri in Tehran. Michael R. Gordon wrote it. The U.S. Congress voted."
    assert split_sentences(text) == [
        "He met Maj. Gen. Mohammad Bagheri in Tehran.",
        "Michael R. Gordon wrote it.",
        "The U.S. Congress voted.",
    ]


def test_splits_after_closing_quotes_and_keeps_them():
    text = "“People are afraid,” he added. “It’s a pity we can’t.” But the missiles could not reach."
    assert split_sentences(text) == [
        "“People are afraid,” he added.",
        "“It’s a pity we can’t.”",
        "But the missiles could not reach.",
    ]


def test_numbers_run_across_paragraphs():
    body = "One. Two.\n\nThree.\n"
    assert numbered_sentences(body) == [(1, 0, "One."), (2, 0, "Two."), (3, 1, "Three.")]
