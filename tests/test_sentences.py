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


def test_sentence_ends_are_where_a_look_behind_for_the_mark_finds_them():
    """The boundary pattern consumes its terminal mark (so it is searched for by that mark): over every
    short mix of marks, closing quotes and brackets, spaces and sentence starts it ends where the
    look-behind form (a mark just before, not in the match) ends."""
    import itertools
    import re

    from briefing.sentences import _BOUNDARY

    behind = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["“‘(\[]?[A-Z0-9])""")
    alphabet = ['.', '!', '?', '"', '”', ')', ' ', 'A', 'a', '1', '(', '“']
    for size in range(1, 6):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            assert [m.end() for m in _BOUNDARY.finditer(text)] == [m.end() for m in behind.finditer(text)], text
