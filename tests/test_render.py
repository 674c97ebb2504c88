"""Rendering: relative links from any depth, strict templates, safe article bodies."""
from pathlib import Path

import pytest

from briefing.markup import body_html
from briefing.pages import Page
from briefing.problems import BuildError
from briefing.render import relative_url, render_all


@pytest.mark.parametrize("page, target, expected", [
    ("index.html", "actors/iran/", "actors/iran/index.html"),
    ("actors/iran/index.html", "index.html", "../../index.html"),
    ("actors/iran/index.html", "articles/x/index.html#c1", "../../articles/x/index.html#c1"),
    ("articles/x/index.html", "articles/x/index.html#c1", "index.html#c1"),
    ("who-said-what/index.html", "static/site.css", "../static/site.css"),
])
def test_links_are_relative(page, target, expected):
    assert relative_url(page, target) == expected


def test_a_missing_variable_is_an_error_with_template_and_line(tmp_path: Path):
    (tmp_path / "t.html").write_text("<p>ok</p>\n<p>{{ missing }}</p>\n")
    with pytest.raises(BuildError) as caught:
        render_all([Page("x.html", "t.html")], tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path.name}/t.html:2: error: while rendering x.html: 'missing' is undefined"]


def test_values_are_escaped(tmp_path: Path):
    (tmp_path / "t.html").write_text("{{ name }}")
    assert render_all([Page("x.html", "t.html", {"name": "<script>"})], tmp_path) == {"x.html": "&lt;script&gt;"}


def test_body_sentences_are_anchored_and_facts_wrapped():
    html = body_html("One claim here. A denial.\n\nThird *one*.\n", {1: [("c1", "claim", "Claim by X")], 2: [("d1", "denial", "Denial")]})
    assert '<span class="fact claim" id="c1" title="Claim by X"><span class="s" id="s1">One claim here.</span></span>' in html
    assert '<span class="fact denial" id="d1" title="Denial"><span class="s" id="s2">A denial.</span></span>' in html
    assert '<span class="s" id="s3">Third <em>one</em>.</span>' in html


def test_body_html_is_sanitised():
    html = body_html('Hello <script>alert(1)</script> <a href="javascript:alert(1)">x</a> <img src=x onerror=alert(1)>.', {})
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html and "<img" not in html
