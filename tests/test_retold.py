"""The same statement or event in several articles is one entry with its sources (issue 14)."""
from __future__ import annotations

from pathlib import Path

from briefing.config import load_settings
from briefing.link import chronology
from briefing.model import Ref
from briefing.pipeline import build, read_and_link
from briefing.retold import _event_shape, _shape, same_text
from briefing.views import Views

ACTORS = "actors:\n- id: gareth-pellow\n  name: Gareth Pellow\n  type: person\n"


def write(project: Path, slug: str, published: str, claims=(), events=()) -> None:
    claim_yaml = "".join(f"- id: c{k}\n  speaker: gareth-pellow\n  text: {t}\n  sentence: 1\n" for k, t in enumerate(claims, 1))
    event_yaml = "".join(f"- id: e{k}\n  date: '{d}'\n  text: {t}\n  sentence: 1\n" for k, (d, t) in enumerate(events, 1))
    (project / "content" / f"{slug}.md").write_text(
        f"---\ntitle: {slug}\npublished: {published}\n{ACTORS}claims:{claim_yaml and chr(10) + claim_yaml or ' []'}\n"
        f"events:{event_yaml and chr(10) + event_yaml or ' []'}\n---\nGareth Pellow spoke.\n")


def test_one_claim_in_two_articles_is_one_entry_with_both_sources(project):
    write(project, "monday", "2024-05-06", claims=["the harbour tunnel will open to traffic before the winter storms"])
    write(project, "tuesday", "2024-05-07", claims=["The harbour tunnel will open to traffic before winter storms arrive"])
    briefing, problems = read_and_link(load_settings(project))
    assert problems == []
    assert briefing.reports(Ref("tuesday", "c1")) == (Ref("monday", "c1"), Ref("tuesday", "c1"))
    views = Views(briefing)
    assert [s.article.slug for s in views.said_by("gareth-pellow")] == ["monday"]
    assert [s.article.slug for s in views.reports(views.said_by("gareth-pellow")[0])] == ["monday", "tuesday"]
    build(load_settings(project), progress=lambda _: None)
    page = (project / "site" / "who-said-what" / "gareth-pellow" / "index.html").read_text()
    assert "reported by 2 articles" in page and page.count('class="said claim') == 1


def test_claims_that_differ_in_their_numbers_stay_two(project):
    write(project, "monday", "2024-05-06", claims=["four workers were hurt when the harbour crane fell"])
    write(project, "tuesday", "2024-05-07", claims=["two workers were hurt when the harbour crane fell"])
    briefing, _ = read_and_link(load_settings(project))
    assert briefing.retold == {}
    assert len(Views(briefing).said_by("gareth-pellow")) == 2


def test_one_event_in_two_articles_is_one_chronology_row(project):
    write(project, "monday", "2024-05-06", events=[("2024-05-02", "a crane fell onto the harbour tunnel entrance"),
                                                   ("2024-05-03", "the harbour tunnel was closed to lorries")])
    write(project, "tuesday", "2024-05-07", events=[("2024-05-02", "the crane fell onto the entrance of the harbour tunnel"),
                                                    ("2024-05", "the harbour tunnel was closed to lorries")])
    briefing, _ = read_and_link(load_settings(project))
    rows = [(a.slug, e.date) for a, e in chronology(briefing)]
    # the crane once, from the first article; the closure twice: a month is not the day it names
    assert rows == [("tuesday", "2024-05"), ("monday", "2024-05-02"), ("monday", "2024-05-03")]


def test_different_statements_of_one_speaker_are_not_joined():
    assert not same_text(_shape("the tunnel will open before winter"), _shape("the bridge tolls will rise in spring"))
    assert same_text(_shape("its drone programme is entirely peaceful"), _shape("its drone programme is peaceful"))


def test_a_dateline_is_not_an_event_two_articles_share():
    assert not same_text(_event_shape("LOS ANGELES, Nov. 3, 2006 (Wire)"), _event_shape("LOS ANGELES, Nov. 3, 2006 (Wire)"))


def test_a_statement_many_articles_retell_lists_its_first_five_reports_and_counts_the_rest(project):
    for day in range(1, 9):  # eight articles retell one claim: each page stays the same size whatever their number
        write(project, f"day-{day}", f"2024-05-{day:02d}", claims=["the harbour tunnel will open to traffic before winter"])
    build(load_settings(project), progress=lambda _: None)
    page = (project / "site" / "articles" / "day-8" / "index.html").read_text()
    reported = page.split('<span class="reported">', 1)[1].split("</span>", 1)[0]
    assert reported.startswith("reported by 8 articles:") and reported.endswith(" and 3 more")
    assert reported.count('class="source"') == 5
