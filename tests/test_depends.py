"""Prints and recorded reads: what decides whether a page renders again after an edit."""
from __future__ import annotations

from dataclasses import replace

import pytest
from markupsafe import Markup

from briefing.depends import Printer, Recorder, Unprintable, recorded_context
from briefing.model import Actor, Article, Briefing, Source


def _article(**changes) -> Article:
    return replace(Article("a", "content/a.md", "A title", "2024-01-02", Source("seeds/a.txt"), "Body text."), **changes)


def test_a_print_changes_with_any_field_a_page_can_show():
    printer = Printer(bodies=False)
    base = printer(_article())
    for change in ({"title": "Another title"}, {"published": None}, {"actors": (Actor("x", "X"),)},
                   {"source": Source("seeds/b.txt")}, {"summary": "a summary"}):
        assert Printer(bodies=False)(_article(**change)) != base, change


def test_a_body_counts_only_when_a_template_reads_bodies():
    assert Printer(bodies=False)(_article(body="Other.")) == Printer(bodies=False)(_article())
    assert Printer(bodies=True)(_article(body="Other.")) != Printer(bodies=True)(_article())


def test_values_a_template_renders_differently_print_differently():
    printer = Printer(bodies=False)
    assert printer(["a"]) != printer(("a",))
    assert printer(Markup("<b>")) != printer("<b>")
    assert printer({"a": 1, "b": 2}) != printer({"b": 2, "a": 1})  # a template shows a dict in its order
    with pytest.raises(Unprintable):
        printer(object())


def test_a_length_alone_is_read_as_a_length():
    briefing = Briefing("T", (_article(),), {"x": Actor("x", "X")})
    recorder = Recorder(Printer(bodies=False))
    context = recorded_context({"briefing": briefing, "views": None}, recorder)
    assert len(context["briefing"].articles) == 1 and context["briefing"].title == "T"
    assert set(recorder.reads) == {("briefing", "len:articles"), ("briefing", "title")}
    assert [a.slug for a in context["briefing"].articles] == ["a"]
    assert ("briefing", "articles") in recorder.reads
    assert list(context["briefing"].actors.values()) == [Actor("x", "X")] and ("briefing", "actors") in recorder.reads


def test_a_skeleton_changes_with_what_places_an_article_but_not_with_what_only_shows_it():
    def skeleton(**change) -> str:
        return Printer(bodies=False).skeleton(Briefing("T", (_article(**change), _article(slug="b"))))

    base = skeleton()
    for shown in ({"title": "Another title"}, {"source": Source("seeds/b.txt", outlet="Wire")},
                  {"summary": "a summary"}, {"body": "Other."}):
        assert skeleton(**shown) == base, shown
    for placing in ({"published": None}, {"actors": (Actor("x", "X"),)}, {"slug": "c"}):
        assert skeleton(**placing) != base, placing
    assert Printer(bodies=True).skeleton(Briefing("T", (_article(body="Other."),))) != \
        Printer(bodies=True).skeleton(Briefing("T", (_article(),)))


def test_a_page_holds_the_articles_its_context_and_reads_reach():
    from briefing.pages import Page
    from briefing.views import Views

    one, two = _article(), _article(slug="b")
    briefing = Briefing("T", (one, two))
    recorder = Recorder(Printer(bodies=False))
    context = recorded_context({"briefing": briefing, "views": Views(briefing), "pager": [("x", one)]}, recorder)
    assert len(context["briefing"].articles) == 2  # a count holds no article
    assert recorder.touched(Page("p.html", "p.html", context)) == {"a"}
    list(context["briefing"].articles)
    assert recorder.touched(Page("p.html", "p.html", context)) == {"a", "b"}
