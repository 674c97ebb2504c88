"""Statements a reader can use: a fragment of a few words carries the quotation or the cue that
gives it meaning; when and where something was said is not what was said (sentences written here)."""
from __future__ import annotations

import pytest


@pytest.mark.nlp
def test_an_object_of_a_few_words_carries_its_cue(extract):
    result = extract("The Syrian prime minister condemned the bombings.")
    assert [c["text"] for c in result["claims"]] == ["The Syrian prime minister condemned the bombings"]


@pytest.mark.nlp
def test_a_fragment_of_a_longer_quotation_carries_the_quotation(extract):
    result = extract('"The players were tired and I think we were lucky to win," coach Martin Kroll said.')
    texts = [c["text"] for c in result["claims"]]
    assert texts and all(len(t.split()) >= 4 for t in texts)


@pytest.mark.nlp
def test_a_date_alone_is_not_what_was_announced(extract):
    assert extract("The Chinese foreign ministry announced on Friday.")["claims"] == []


@pytest.mark.nlp
def test_no_short_fragments(extract):
    result = extract("The Syrian prime minister condemned the bombings.",
                     'President Marta Kovac said the plan was "wrong".',
                     '"No," Marta Kovac said.')
    assert all(len(x["text"].split()) >= 3 for x in result["claims"] + result["denials"])


@pytest.mark.nlp
def test_a_quotation_of_several_sentences_attributed_at_its_end_is_one_claim(extract):
    result = extract('In his memo, the minister is blunt. "In my view it is time for a major change. '
                     'Clearly, what our forces do is not working well enough," Donald Rumsfeld wrote.')
    assert [c["text"] for c in result["claims"]] == [
        "In my view it is time for a major change. Clearly, what our forces do is not working well enough"]


@pytest.mark.nlp
def test_a_participle_of_a_few_words_names_its_speaker(extract):
    result = extract("Syrian Prime Minister Mahmoud Ali met the envoy on Monday, condemning the bombings.",
                     "Cuban leader Raul Castro spoke on Monday, calling for negotiations.")
    texts = [c["text"] for c in result["claims"]]
    assert "Mahmoud Ali condemning the bombings" in texts
    assert "Raul Castro calling for negotiations" in texts


@pytest.mark.nlp
def test_a_short_whole_quotation_stays_as_it_was_said(extract):
    assert [c["text"] for c in extract('"We are ready," said coach Ali Bakayoko.')["claims"]] == ["We are ready"]


@pytest.mark.nlp
def test_according_to_hung_on_a_few_words_sources_the_sentence(extract):
    result = extract("The fighting spread north, killing 388, according to the Red Cross.")
    assert [c["text"] for c in result["claims"]] == ["The fighting spread north, killing 388"]


@pytest.mark.nlp
def test_a_short_denial_names_who_denied(extract):
    result = extract("The European Union dismissed the offer as inadequate.")
    assert all(len(d["text"].split()) >= 4 for d in result["denials"])


@pytest.mark.nlp
def test_a_short_quotation_with_no_verb_names_its_speaker(extract):
    result = extract('"All the way," coach Jerry Singer said.')
    assert [c["text"] for c in result["claims"]] == ['Jerry Singer said "All the way"']


@pytest.mark.parametrize("span, shown", [
    ('the escalation "became intolerable', 'the escalation "became intolerable"'),
    ('calling the reports “baseless', 'calling the reports “baseless”'),
    ('of this moment for years," since the war ended', '"of this moment for years," since the war ended'),
    ('he said "yes" and left', 'he said "yes" and left'),
])
def test_a_statement_never_shows_a_quotation_that_does_not_end(span: str, shown: str):
    from briefing.extract.document import clean_text

    assert clean_text(span) == shown


@pytest.mark.nlp
def test_a_quoted_word_at_the_end_of_a_claim_keeps_its_closing_mark(extract):
    result = extract('Foreign Minister Ana Ruiz said the escalation had "become intolerable".')
    assert result["claims"][0]["text"] == 'the escalation had "become intolerable"'
