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
