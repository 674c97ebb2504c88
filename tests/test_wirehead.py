"""Wire copy heads as an editor reads them: the dateline dates the copy and names the agency; notes
to editors in the headline slot are no title. (Sentences invented for these tests.)"""
from datetime import date
from pathlib import Path

import pytest

from briefing.ingest import read_seed

LEDE = "Officials in the port city said on Tuesday that the new ferry line would open next month."


def read(tmp_path: Path, text: str):
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    return read_seed(path, tmp_path)


@pytest.mark.parametrize("dateline, published, outlet, place", [
    ("KUALA LUMPUR, April 1, 1997 (AFP)", date(1997, 4, 1), "Agence France-Presse", "Kuala Lumpur"),
    ("OTTAWA, Nov. 7, 2005 (Xinhua)", date(2005, 11, 7), "Xinhua", "Ottawa"),
    ("BEIJING, Nov. 8, 2005, (xinhua)", date(2005, 11, 8), "Xinhua", "Beijing"),
    ("ROME, Nov. 9, 2005 (Xinhau)", date(2005, 11, 9), "Xinhua", "Rome"),  # a typo of a known agency
    ("KANDAHAR, Afghanistan, Dec 12, 2006, 2006", date(2006, 12, 12), None, "Kandahar, Afghanistan"),
    ("SEOUL. APRIL 2, 1997 (AFP) -", date(1997, 4, 2), "Agence France-Presse", "Seoul"),
    ("XI'AN, Nov. 2, 2006 (Xinhua)", date(2006, 11, 2), "Xinhua", "Xi'an"),
])
def test_a_dateline_line_gives_date_place_and_agency_and_is_no_paragraph(tmp_path, dateline, published, outlet, place):
    raw = read(tmp_path, f"Port city opens new ferry line\n{dateline}\n\n{LEDE}\n")
    assert (raw.published, raw.outlet, raw.dateline) == (published, outlet, place)
    assert raw.title == "Port city opens new ferry line" and not raw.title_derived
    assert raw.paragraphs == (LEDE,)


@pytest.mark.parametrize("slot", ["=(PICTURE)=", "= (PICTURES) =", "=(GRAPHIC+PICTURE)=",
                                  "ATTENTION - ADDS quotes, details ///", "background ///", "///",
                                  "in the north", "TV", "2006"])
def test_notes_to_editors_and_headline_tails_are_no_title(tmp_path, slot):
    raw = read(tmp_path, f"{slot}\nHANOI, Nov. 8, 2006 (Xinhua)\n\n{LEDE}\n")
    assert raw.title_derived and raw.title.startswith("Officials in the port city said")
    assert raw.published == date(2006, 11, 8) and raw.outlet == "Xinhua"


@pytest.mark.parametrize("slot, title, authors", [
    ("Port city opens new ferry line by Jane Marlow", "Port city opens new ferry line", ("Jane Marlow",)),
    ("Port city opens ferry line (picture) by Jane Marlow", "Port city opens ferry line", ("Jane Marlow",)),
    ("URGENT: Port city opens new ferry line", "Port city opens new ferry line", ()),
    ("Port city opens new ferry line (updated 2)", "Port city opens new ferry line", ()),
    ("Ferry line attacked by US official", "Ferry line attacked by US official", ()),
])
def test_a_headline_keeps_its_words_without_the_wire_notes_and_its_byline(tmp_path, slot, title, authors):
    raw = read(tmp_path, f"{slot}\nLIMA, April 23, 1997 (AFP)\n\n{LEDE}\n")
    assert (raw.title, raw.authors, raw.title_derived) == (title, authors, False)


def test_a_byline_line_above_the_dateline_is_the_author(tmp_path):
    raw = read(tmp_path, f"by Jane Marlow\nUNITED NATIONS, Dec 11, 2006, 2006\n\n{LEDE}\n")
    assert raw.authors == ("Jane Marlow",) and raw.title_derived and raw.dateline == "United Nations"


def test_a_role_before_the_names_in_a_byline(tmp_path):
    raw = read(tmp_path, f"Port city opens new ferry line\nHANOI, Nov. 8, 2006 (Xinhua)\n\n"
                         f"By Xinhua writer Le Van Binh\n\n{LEDE}\n")
    assert raw.authors == ("Le Van Binh",) and raw.paragraphs == (LEDE,)


@pytest.mark.parametrize("opening", ["HANOI, Nov. 8 (Xinhua) --", "HANOI, Nov. 8(Xinhua)--", "HANOI, Nov. 8 (Xinhua)---",
                                     "HANOI, Nov. 8 (Xinhua)", "HANOI, Nov. 8 -"])
def test_a_dateline_opening_the_first_paragraph_is_taken_off_it(tmp_path, opening):
    raw = read(tmp_path, f"Port city opens new ferry line\nHANOI, Nov. 8, 2006 (Xinhua)\n\n{opening}{LEDE}\n")
    assert raw.paragraphs == (LEDE,) and raw.dateline == "Hanoi"


@pytest.mark.parametrize("lede", ["FIFA, the football body, will hold a seminar next week.",
                                  "US-led troops moved into the valley on Monday.",
                                  "NATO allies met in Brussels on Monday."])
def test_a_lede_that_opens_with_capitals_keeps_them(tmp_path, lede):
    raw = read(tmp_path, f"Allies meet\nBRUSSELS, Dec 4, 2006, 2006\n\n{lede}\n")
    assert raw.paragraphs == (lede,)


@pytest.mark.parametrize("body, outlet", [
    ("The harbour master told AFP the ferry would run twice a day.", "Agence France-Presse"),
    ("Three boats were at the quay, an AFP correspondent said.", "Agence France-Presse"),
    ("The harbour master told CNN the ferry would run twice a day.", None),  # the broadcaster interviewed him
    ("The harbour master told Xinhua the line would open, the Xinhua news agency said.", None),
    ("The ferry will run twice a day.", None),
])
def test_a_copy_with_no_agency_in_its_dateline_is_the_wire_that_names_itself_in_it(tmp_path, body, outlet):
    raw = read(tmp_path, f"Port city opens new ferry line\nHANOI, Dec 8, 2006, 2006\n\n{body}\n")
    assert raw.outlet == outlet


def test_an_article_with_no_wire_dateline_takes_no_outlet_from_its_text(tmp_path):
    raw = read(tmp_path, "Port city opens new ferry line\nBy Jane Marlow\n\nThe harbour master told AFP it would run.\n")
    assert raw.outlet is None
