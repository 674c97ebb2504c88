"""Ingest: decoding, header parsing and boilerplate removal, the way people save articles."""
from datetime import date
from pathlib import Path

import pytest

from briefing.header import byline_names, outlet_and_date, parse_date
from briefing.ingest import SeedError, derive_title, read_seed

from .conftest import ROOT

NYT = "000_36c9fc457f9f54fb.txt"
WSJ = "002_bf2f03dd39a008e7.txt"


def seed(name: str):
    return read_seed(ROOT / "seeds" / name, ROOT)


def test_headline_outlet_date_dateline_url_and_contributors():
    raw = seed(NYT)
    assert raw.title == "Iran Has Sent Short-Range Missiles to Russia, Western Officials Say"
    assert not raw.title_derived
    assert raw.outlet == "The New York Times"
    assert raw.published == date(2024, 9, 7)
    assert raw.dateline == "Cernobbio, Italy"
    assert raw.url == "https://www.nytimes.com/2024/09/07/world/europe/iran-russia-missiles-ukraine.html"
    assert raw.contributors == ("Farnaz Fassihi", "Erika Solomon")
    assert raw.paragraphs[0].startswith("Iran has sent short-range ballistic missiles")
    assert not any("contributed reporting" in p or "Read more" in p for p in raw.paragraphs)


def test_byline_first_no_headline_no_date_and_boilerplate_dropped():
    raw = seed(WSJ)
    assert raw.authors == ("Michael R. Gordon", "Gordon Lubold", "Benoit Faucon")
    assert raw.title_derived
    assert raw.title == "Russia is planning to buy short-range ballistic missiles from Iran"
    assert raw.published is None and raw.outlet is None and raw.url is None
    text = "\n".join(raw.paragraphs)
    assert "No comments" not in text and "Post a Comment" not in text
    assert "Photo Illustration" not in text and "Eve Hartley" not in text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_reads_any_common_encoding(tmp_path: Path, encoding: str):
    path = tmp_path / "a.txt"
    path.write_bytes("Missiles Reach Moscow\nReuters - March 5, 2024\nIran’s missiles “arrived”, officials said.\n".encode(encoding))
    raw = read_seed(path, tmp_path)
    assert raw.title == "Missiles Reach Moscow"
    assert raw.outlet == "Reuters" and raw.published == date(2024, 3, 5)
    assert raw.paragraphs == ("Iran’s missiles “arrived”, officials said.",)


def test_an_empty_seed_is_an_error_naming_the_file(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n")
    with pytest.raises(SeedError, match=r"empty\.txt: error: no article text"):
        read_seed(path, tmp_path)


@pytest.mark.parametrize("text, expected", [
    ("NY Times-Sept7th2024", date(2024, 9, 7)),
    ("March 5, 2024", date(2024, 3, 5)),
    ("7 September 2024", date(2024, 9, 7)),
    ("2024-09-07", date(2024, 9, 7)),
    ("Feb 30th 2024", None),
    ("in September", None),
])
def test_dates_in_header_lines(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("line, names", [
    ("By Farnaz Fassihi and Erika Solomon", ["Farnaz Fassihi", "Erika Solomon"]),
    ("Michael R. Gordon, Gordon Lubold and Benoit Faucon", ["Michael R. Gordon", "Gordon Lubold", "Benoit Faucon"]),
    ("Iran Has Sent Short-Range Missiles to Russia, Western Officials Say", None),
    ("Russia and Iran Sign a Deal", None),
])
def test_bylines(line, names):
    assert byline_names(line) == names


def test_derived_title_drops_the_attribution():
    lede = "Iran has sent drones to Russia, a step that alarms Kyiv, officials said."
    assert derive_title(lede) == "Iran has sent drones to Russia, a step that alarms Kyiv"


def test_wire_copy_header_and_footer(tmp_path: Path):
    path = tmp_path / "wire.txt"
    path.write_text("North Korea Ships Shells to Russia\nBy Jane Smith and Tom Brown\nUpdated 2 hours ago\n"
                    "March 5, 2024\nSEOUL, South Korea (AP) — North Korea has shipped shells to Russia, officials said.\n"
                    "Pyongyang denied it.\nShare this:\nLike this:\nReporting by Jane Doe; Editing by Tom Roe\n")
    raw = read_seed(path, tmp_path)
    assert (raw.title, raw.published, raw.outlet) == ("North Korea Ships Shells to Russia", date(2024, 3, 5), "The Associated Press")
    assert (raw.authors, raw.dateline, raw.contributors) == (("Jane Smith", "Tom Brown"), "Seoul, South Korea", ("Jane Doe",))
    assert raw.paragraphs == ("North Korea has shipped shells to Russia, officials said.", "Pyongyang denied it.")


def test_a_lone_outlet_line_is_the_outlet_not_the_headline(tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_text("Reuters\nMissiles reached the front in large numbers, a source said on Tuesday.\n")
    raw = read_seed(path, tmp_path)
    assert (raw.outlet, raw.title, raw.title_derived) == ("Reuters", "Missiles reached the front in large numbers", True)


@pytest.mark.parametrize("line, outlet, published", [
    ("Thu 24 Oct 2024 16.05 BST", None, date(2024, 10, 24)),
    ("Published On 19 Jan 2024", None, date(2024, 1, 19)),
    ("Published 3:14 PM EDT, March 5, 2024", None, date(2024, 3, 5)),
    ("Reuters | Tuesday, March 5, 2024", "Reuters", date(2024, 3, 5)),
    ("WSJ - Feb 26, 2024", "The Wall Street Journal", date(2024, 2, 26)),
    ("Published date: 12 September 2023 13:40 BST", None, date(2023, 9, 12)),
    ("01.03.2024", None, date(2024, 3, 1)),
    ("October 12, 2024 2:05 AM GMT+1 Updated 3 hours ago", None, date(2024, 10, 12)),
])
def test_outlet_and_date_lines(line, outlet, published):
    assert outlet_and_date(line) == (outlet, published)


def test_comment_form_and_share_buttons_are_dropped(tmp_path: Path):
    path = tmp_path / "blog.txt"
    path.write_text("By Ann Lee\nChina denied selling drones, its ministry said.\nShare this:\nTwitter\nFacebook\n"
                    "Like Loading...\nLeave a Reply\nYour email address will not be published. Required fields are marked *\n"
                    "Comment *\nName *\nEmail *\nPost Comment\n")
    assert read_seed(path, tmp_path).paragraphs == ("China denied selling drones, its ministry said.",)


def test_press_release_header(tmp_path: Path):
    path = tmp_path / "gov.txt"
    path.write_text("UK to Send More Missiles to Ukraine\nPress release\nFrom: Ministry of Defence and The Rt Hon Ben Wallace MP\n"
                    "Published 12 June 2023\n\nThe Ministry of Defence today announced more missiles.\n")
    raw = read_seed(path, tmp_path)
    assert (raw.title, raw.outlet, raw.published) == ("UK to Send More Missiles to Ukraine", "Ministry of Defence", date(2023, 6, 12))
    assert raw.paragraphs == ("The Ministry of Defence today announced more missiles.",)


def test_a_dated_headline_is_a_headline_and_a_repeated_date_line_is_header(tmp_path: Path):
    path = tmp_path / "isw.txt"
    path.write_text("Russian Offensive Campaign Assessment, October 17, 2024\nOctober 17, 2024\n"
                    "By Christina Harward, Angelica Evans, and Frederick W. Kagan\n\nKey Takeaways:\n"
                    "Russian forces advanced near Kupyansk.\n"
                    "https://www.understandingwar.org/backgrounder/russian-offensive-campaign-assessment-october-17-2024\n")
    raw = read_seed(path, tmp_path)
    assert raw.title == "Russian Offensive Campaign Assessment, October 17, 2024"
    assert (raw.published, raw.outlet) == (date(2024, 10, 17), "Institute for the Study of War")
    assert raw.authors == ("Christina Harward", "Angelica Evans", "Frederick W. Kagan")


def test_an_unknown_outlet_on_its_own_line_before_the_byline(tmp_path: Path):
    path = tmp_path / "n.txt"
    path.write_text("Chinese Firms Keep Russia's Drone Lines Running\nNikkei Asia\nBy Cissy Zhou and Kenji Kawase\n"
                    "May 22, 2024\n\nChinese firms shipped parts to Russia, customs data show.\n")
    raw = read_seed(path, tmp_path)
    assert (raw.outlet, raw.authors, raw.published) == ("Nikkei Asia", ("Cissy Zhou", "Kenji Kawase"), date(2024, 5, 22))


def test_a_kicker_line_between_outlet_and_date_is_skipped(tmp_path: Path):
    path = tmp_path / "k.txt"
    path.write_text("From Isfahan to Yelabuga: how Iran's drones became Russia's\nConflict Armament Research\n"
                    "Dispatch from the field\n8 November 2024\n\nIn the autumn of 2022, Russian forces launched drones.\n")
    raw = read_seed(path, tmp_path)
    assert (raw.outlet, raw.published) == ("Conflict Armament Research", date(2024, 11, 8))
    assert raw.paragraphs == ("In the autumn of 2022, Russian forces launched drones.",)


def test_live_blog_header_time_stamps_and_credit_lines(tmp_path: Path):
    path = tmp_path / "live.txt"
    path.write_text("May 15, 2024 - Russia's offensive in Kharkiv region\n"
                    "By Christian Edwards, Kathleen Magramo and Sana Noor Haq, CNN\nUpdated 6:42 p.m. ET, May 15, 2024\n\n"
                    "6:30 p.m. ET, May 15, 2024\nBlinken says US will not stand in the way\n"
                    "Blinken said Washington would not stand in the way.\nFrom CNN's Jennifer Hansler\n")
    assert outlet_and_date("May 15, 2024 - Russia's offensive in Kharkiv region") is None  # a dated headline
    raw = read_seed(path, tmp_path)
    assert (raw.title, raw.outlet, raw.published) == ("May 15, 2024 - Russia's offensive in Kharkiv region", "CNN", date(2024, 5, 15))
    assert raw.authors == ("Christian Edwards", "Kathleen Magramo", "Sana Noor Haq")
    assert raw.contributors == ("Jennifer Hansler",)
    assert raw.paragraphs == ("Blinken says US will not stand in the way", "Blinken said Washington would not stand in the way.")


def test_bare_author_line_under_a_known_outlet_and_numeric_dates(tmp_path: Path):
    path = tmp_path / "axios.txt"
    path.write_text("Scoop: U.S. paused shipment of bombs to Israel\nAxios\nhttps://www.axios.com/2024/05/06/x\n"
                    "Barak Ravid\n03/01/2024\n\nThe administration paused a shipment.\n")
    raw = read_seed(path, tmp_path)
    assert (raw.outlet, raw.authors, raw.published) == ("Axios", ("Barak Ravid",), date(2024, 3, 1))


def test_standfirst_byline_place_and_outlet_line(tmp_path: Path):
    path = tmp_path / "ft.txt"
    path.write_text("Serbian shells reach Ukraine through third countries\nHow intermediaries move ammunition across Europe\n"
                    "By Henry Foy and Marton Dunai in Brussels\nFinancial Times\nJune 3, 2025\n\nSerbian-made shells have reached Ukraine.\n")
    raw = read_seed(path, tmp_path)
    assert raw.summary == "How intermediaries move ammunition across Europe"
    assert (raw.authors, raw.dateline, raw.outlet, raw.published) == (
        ("Henry Foy", "Marton Dunai"), "Brussels", "Financial Times", date(2025, 6, 3))
    assert raw.paragraphs == ("Serbian-made shells have reached Ukraine.",)


@pytest.mark.parametrize("line, names, extra", [
    ("Amos Harel and Ben Samuels, Washington", ["Amos Harel", "Ben Samuels"], {"dateline": "Washington"}),
    ("Finbarr Bermingham in Brussels and Laura Zhou in Beijing", ["Finbarr Bermingham", "Laura Zhou"], {}),
    ("By Sana Noor Haq, CNN", ["Sana Noor Haq"], {"outlet": "CNN"}),
    ("By Tom Edgington, Business reporter, BBC News", ["Tom Edgington"], {"outlet": "BBC News"}),
    ("By Paul Kirby, Europe digital editor", ["Paul Kirby"], {}),
    ("By Barbara Plett Usher, BBC Africa correspondent", ["Barbara Plett Usher"], {"outlet": "BBC News"}),
    ("By Laura Gozzi & Paul Kirby", ["Laura Gozzi", "Paul Kirby"], {}),
    ("By Sean Seddon, BBC News", ["Sean Seddon"], {"outlet": "BBC News"}),
    ("Jane Doe, senior defence correspondent, Reuters", ["Jane Doe"], {"outlet": "Reuters"}),
])
def test_bylines_with_places_and_outlets(line, names, extra):
    from briefing.header import parse_byline
    assert parse_byline(line) == (names, extra)


def test_bylines_with_notes_tag_rows_and_multi_city_datelines(tmp_path: Path):
    path = tmp_path / "k.txt"
    path.write_text("JCS says North fired 90 more rounds\nKorea JoongAng Daily\nBY PARK HAE-RI [park.haeri@joongang.co.kr]\n"
                    "Published: 07 Jan. 2024, 18:32   Updated: 07 Jan. 2024, 19:05\n\n"
                    "DUBAI/PARIS, Jan 7 (Reuters) - North Korea fired some 90 artillery rounds.\nNato | Ukraine | Russia-Ukraine war\n")
    raw = read_seed(path, tmp_path)
    assert (raw.outlet, raw.authors, raw.published) == ("Korea JoongAng Daily", ("PARK HAE-RI",), date(2024, 1, 7))
    assert raw.dateline == "Dubai/Paris"
    assert raw.paragraphs == ("North Korea fired some 90 artillery rounds.",)
    from briefing.header import parse_byline
    assert parse_byline("Tom Ambrose (now) and Martin Belam (earlier)") == (["Tom Ambrose", "Martin Belam"], {})


def test_ap_style_quote_marks_become_typographic(tmp_path: Path):
    path = tmp_path / "ap.txt"
    path.write_text("Sanctions Hit Drone Makers\nSeptember 6, 2024\n\nWASHINGTON (AP) -- ``These firms fuel the war,'' "
                    "Yellen said. The ministry called it ``baseless.''\n")
    raw = read_seed(path, tmp_path)
    assert (raw.outlet, raw.dateline) == ("The Associated Press", "Washington")
    assert raw.paragraphs == ("“These firms fuel the war,” Yellen said. The ministry called it “baseless.”",)


@pytest.mark.parametrize("header", [
    "By Paul Kirby\nEurope digital editor, BBC News",
    "Paul Kirby\nEurope digital editor, BBC News",
])
def test_a_job_title_line_under_a_byline_is_not_article_text(tmp_path: Path, header: str):
    """BBC pages put the reporter's job title on its own line: neither a dateline nor the lede."""
    path = tmp_path / "bbc.txt"
    path.write_text(f"Shadow fleet tankers face new UK sanctions\n{header}\n\n"
                    "The UK has announced sanctions on 20 more tankers, the Foreign Office said.\n")
    raw = read_seed(path, tmp_path)
    assert (raw.authors, raw.outlet, raw.dateline) == (("Paul Kirby",), "BBC News", None)
    assert raw.paragraphs == ("The UK has announced sanctions on 20 more tankers, the Foreign Office said.",)


def test_a_two_word_headline_above_a_date_line_is_the_title(tmp_path: Path):
    path = tmp_path / "short.txt"
    path.write_text("Iran Denies\nReuters - March 5, 2024\nIran denied sending missiles, its foreign ministry said.\n")
    raw = read_seed(path, tmp_path)
    assert (raw.title, raw.title_derived, raw.outlet, raw.published) == ("Iran Denies", False, "Reuters", date(2024, 3, 5))
    assert raw.paragraphs == ("Iran denied sending missiles, its foreign ministry said.",)


def test_page_buttons_and_a_closing_topics_list_are_not_paragraphs(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Harbour talks collapse\n\n5 March 2024\n\nBy Jo Smith, BBC News\n\nShare\nSave\n\n"
                    "The harbour talks collapsed on Monday, the union said.\n\nListen to this article, 3 min\n\n"
                    "Both sides blamed each other.\n\nRelated Topics\nShipping\nTrade unions\n", encoding="utf-8")
    raw = read_seed(path, tmp_path)
    assert list(raw.paragraphs) == ["The harbour talks collapsed on Monday, the union said.", "Both sides blamed each other."]


def test_a_wikinews_sources_list_is_cut_but_a_paragraph_after_a_sources_line_is_kept(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Harbour talks collapse\n\nTuesday, March 5, 2024\n\nThe harbour talks collapsed on Monday.\n\n"
                    "Sources\n\n\"Talks end in Portmouth\" — Harbour Gazette, March 4, 2024\n", encoding="utf-8")
    assert list(read_seed(path, tmp_path).paragraphs) == ["The harbour talks collapsed on Monday."]
    path.write_text("Harbour talks collapse\n\nThe talks collapsed.\n\nSources\n\nTwo officials spoke on condition of anonymity.\n",
                    encoding="utf-8")
    assert read_seed(path, tmp_path).paragraphs[-1] == "Two officials spoke on condition of anonymity."
