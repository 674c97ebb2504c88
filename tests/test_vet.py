"""A stage's output is valid input to the next: what extraction writes, the reader accepts and the page anchors."""
import sys
import types
from datetime import date
from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.content import read_articles
from briefing.pipeline import build
from briefing.refresh import format_content, refresh
from briefing.vet import vetted

from .conftest import article

OFFICIALS = {"id": "officials", "name": "officials", "type": "anonymous-source", "aliases": []}


def claim(n: int, text: str, sentence: int | None) -> dict:
    return {"id": f"c{n}", "speaker": "officials", "cue": "said", "text": text, "quote": None, "sentence": sentence}


def event(n: int, when: str, sentence: int) -> dict:
    return {"id": f"e{n}", "date": when, "text": "The ferry line opened", "actors": [], "sentence": sentence}


def extraction(**lists) -> dict:
    return {"actors": [OFFICIALS], "weapons": [], "claims": [], "denials": [], "events": [], **lists}


RAW = article("Ferry Line Opens", "The ferry line opened on Tuesday, officials said. It runs twice a day.")


def vet(found: dict):
    return vetted(found, lambda e: format_content(RAW, e), "seeds/ferry.txt")


def test_a_clean_extraction_is_written_as_it_is():
    found = extraction(claims=[claim(1, "The ferry line opened", 2)], events=[event(1, "2024-09-03", 2)])
    text, problems = vet(found)
    assert text == format_content(RAW, found) and problems == []


@pytest.mark.parametrize("bad", [
    {"denials": [{"id": "d1", "speaker": "officials", "cue": "denied", "text": "", "quote": None, "rebuts": None,
                  "sentence": 2}]},
    {"events": [event(1, "XXXX-10-56", 2)]},  # no month has 56 days
    {"events": [event(1, "2023-02-29", 2)]},  # 2023 was no leap year
    {"events": [event(1, "XXXX-13", 2)]},
    {"claims": [claim(1, "Ferry Line Opens", 1)]},  # the subheading: the page anchors no sentence there
    {"claims": [claim(1, "The ferry line opened", 9)]},  # no such sentence
])
def test_an_item_the_reader_would_refuse_or_the_page_cannot_anchor_is_dropped_with_a_warning(bad):
    good = claim(2, "The ferry line opened", 2)
    text, problems = vet(extraction(claims=[good, *bad.get("claims", [])],
                                    **{k: v for k, v in bad.items() if k != "claims"}))
    assert text == format_content(RAW, extraction(claims=[good]))
    assert [(p.path, p.severity) for p in problems] == [("seeds/ferry.txt", "warning")]
    assert "dropped" in problems[0].message


def test_a_denial_no_longer_rebuts_a_claim_that_was_dropped():
    denial = {"id": "d1", "speaker": "officials", "cue": "denied", "text": "The ferry line opened", "quote": None,
              "rebuts": "c1", "sentence": 2}
    text, _ = vet(extraction(claims=[claim(1, "", 2)], denials=[denial]))
    assert "rebuts: null" in text and "c1" not in text


def test_an_article_the_reader_would_refuse_whatever_is_dropped_is_not_written():
    text, problems = vetted(extraction(), lambda e: format_content(RAW, e).replace("title: ", "title: [", 1),
                            "seeds/ferry.txt")
    assert text is None and "not written" in problems[0].message and problems[0].path == "seeds/ferry.txt"


def test_one_bad_extraction_never_costs_the_site(project: Path, monkeypatch: pytest.MonkeyPatch):
    """Every extracted file is one the reader accepts, so the build goes on and names the seed."""
    module = types.ModuleType("briefing.extract")
    module.extract_article = lambda raw, *a, **k: extraction(
        claims=[claim(1, "", 1)], events=[event(1, "XXXX-05-50", 1)])
    module.load_nlp = lambda *a, **k: object()
    module.parse_articles = lambda bodies, nlp: iter([None] * len(bodies))
    monkeypatch.setitem(sys.modules, "briefing.extract", module)
    (project / "seeds" / "ferry.txt").write_text("Ferry Line Opens\nReuters - March 5, 2024\n"
                                                 "The ferry line opened on Tuesday, officials said.\n")
    settings = load_settings(project)
    outcome = refresh(settings, force=True, progress=lambda _: None)
    assert any(p.path == "seeds/ferry.txt" and p.severity == "warning" for p in outcome.problems)
    articles, problems = read_articles(settings.path("content"), project)
    assert problems == [] and all(not a.claims and not a.events for a in articles)
    build(settings)
    assert (project / "site" / "index.html").is_file()


@pytest.mark.nlp
@pytest.mark.parametrize("sentence, when", [
    ("Earlier in October 56 children fell ill after lunch at a nursery school.", "XXXX-10"),
    ("The rotation started at 00:00 Nov. 25 when the first trucks crossed the border.", "XXXX-11-25"),
    ("The talks were held on Feb. 30, officials said.", "XXXX-02"),
])
def test_a_number_that_cannot_be_a_day_is_not_one(extract, sentence, when):
    events = extract(sentence, published=None)["events"]
    assert [e["date"] for e in events] == [when]


@pytest.mark.nlp
def test_the_datelines_of_a_round_up_date_no_event_and_name_no_actor(extract):
    result = extract("The following are news items from the region.",
                     "HANOI, Nov. 8 (Xinhua) -- The ferry line opened on Monday, officials said.",
                     "LIMA, Nov. 8 (Xinhua) -- The port reopened on Sunday.", published=date(2006, 11, 8))
    assert sorted(e["date"] for e in result["events"]) == ["2006-11-05", "2006-11-06"]
    assert not {"hanoi", "lima", "xinhua"} & {a["id"] for a in result["actors"]}
