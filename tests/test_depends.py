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


def test_a_server_prints_a_big_index_from_the_last_builds_groups_and_sees_a_changed_one(monkeypatch: pytest.MonkeyPatch):
    """In a server a group of `retold` that is the very tuple of the last build prints as it did then
    (Printer._by_parts); a group made again with another member prints anew, as a fresh print does."""
    from briefing import depends, warm
    from briefing.model import Ref

    monkeypatch.setattr(depends, "INDEXES", {})
    monkeypatch.setattr(depends, "TUPLES", {})
    groups = [tuple(Ref(f"a{n}", f"c{k}") for k in range(3)) for n in range(150)]

    def briefing(groups: list[tuple]) -> Briefing:
        return Briefing("T", (_article(),), retold={ref: group for group in groups for ref in group})

    def printed(briefing: Briefing, holding: bool) -> str:
        monkeypatch.setattr(warm, "holding", holding)
        return Printer(bodies=False)(briefing)

    first = printed(briefing(groups), True)
    assert first == printed(briefing(groups), False)
    regrouped = [*groups[:-1], (*groups[-1][:2], Ref("a149", "c9"))]  # one group made again, another member
    again = printed(briefing(regrouped), True)
    assert again == printed(briefing(regrouped), False) and again != first
    assert printed(briefing(groups), True) == first  # (the tuples of two builds ago are printed again)
