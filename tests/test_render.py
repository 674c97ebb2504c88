"""Rendering: relative links from any depth, strict templates, safe article bodies."""
import re
from pathlib import Path

import jinja2
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


def golden_site() -> dict[str, str]:
    from briefing.pages import plan

    from .test_link import golden
    return render_all(plan(golden()[0]), Path(__file__).resolve().parents[1] / "templates")


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_front_page_states_the_information_cutoff_and_the_anonymous_share():
    page = main_of(golden_site()["index.html"])
    assert 'Information cutoff: <time datetime="2025-03-14">14 March 2025</time>' in page
    assert "1 article does not say when it was published" in page
    assert "1 of 5 statements (20%) rest on anonymous sources" in page
    assert page.index("Contested claims") < page.index("Most-cited actors") < page.index("Latest articles")
    assert '<a href="who-said-what/contested/index.html">All 1 contested claim</a>' in page


def test_who_said_what_filters_are_an_accessible_form_that_scripts_reveal():
    page = main_of(golden_site()["who-said-what/index.html"])
    assert '<form class="filters" id="said-filters" hidden>' in page
    assert [legend for legend in re.findall(r"<legend>(.*?)</legend>", page)] == ["Speaker"]
    assert re.findall(r'name="speaker-type" value="([^"]+)"', page) == ["state", "person", "organisation", "anonymous source"]
    assert '<p class="filter-count" id="said-count" aria-live="polite">Showing all 4 speakers.</p>' in page
    rows = re.findall(r'<tr id="([^"]+)" data-speaker-type="([^"]+)">\s*<th scope="row"><a href="([^"]+)"', page)
    assert ("us-officials", "anonymous source", "us-officials/index.html") in rows
    assert ("jane-roe", "person", "jane-roe/index.html") in rows
    assert len(rows) == 4


def test_a_contested_claim_is_marked_and_shows_its_denials_beside_it():
    page = main_of(golden_site()["who-said-what/us-officials/index.html"])
    claim = page[page.index('id="drones-shipped-c1"'):]
    claim = claim[:claim.index("</ul>")]
    assert 'badge-contested' in claim
    assert claim.count('badge badge-denial">denied by</span>') == 2
    assert "Country A denied sending any drones" in claim and "Country B rejected the report" in claim


def test_weapons_page_draws_the_transfers_as_a_static_accessible_svg():
    page = main_of(golden_site()["weapons/index.html"])
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img" aria-labelledby="flows-title flows-desc"' in svg
    assert '<title id="flows-title">' in svg
    assert '<desc id="flows-desc">Republic of A to Country B: attack drones (delivered; several hundred).</desc>' in svg
    assert re.findall(r"<text[^>]*>([^<]+)</text>", svg) == ["Republic of A", "attack drones", "delivered; several hundred", "Country B"]
    assert "<script" not in page and "style=" not in svg


def test_chronology_groups_by_year_and_month_and_shows_precision():
    site = golden_site()
    page = main_of(site["chronology/index.html"])
    assert re.findall(r'<tr id="([^"]+)">\s*<th scope="row"><a href="([^"]+)">', page) == [
        ("y-2025", "2025/index.html"), ("y-2024", "2024/index.html"), ("y-year-not-given", "undated/index.html")]
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and "<title id=\"histogram-title\">" in page
    years = {path: main_of(site[f"chronology/{path}/index.html"]) for path in ("2024", "2025", "undated")}
    assert [re.findall(r"<h3[^>]*>(.*?)</h3>", years[p]) for p in years] == [
        ["Spring 2024"], ["March 2025"], ["December (year not given)"]]
    assert [re.findall(r'<span class="precision" title="[^"]+">([^<]+)</span>', years[p]) for p in years] == [
        ["season"], ["day"], ["unknown year"]]
    assert not any('datetime="XXXX' in page for page in years.values())


def test_statements_on_article_and_actor_pages_carry_search_filters():
    site = golden_site()
    article = site["articles/drones-shipped/index.html"]
    assert re.findall(r'data-pagefind-filter="(kind:\w+)"', article) == ["kind:claim", "kind:claim", "kind:denial"]
    assert 'data-pagefind-filter="speaker:U.S. officials"' in article
    actor = site["actors/jane-roe/index.html"]
    assert set(re.findall(r'data-pagefind-filter="speaker:([^"]+)"', actor)) == {"Jane Roe"}
    assert "What Jane Roe said, newest first" in actor and "<q>We follow the law.</q>" in actor


def test_a_template_edited_between_two_renders_is_used_even_with_the_same_mtime(tmp_path: Path):
    import os

    template = tmp_path / "t.html"
    template.write_text("<p>one</p>")
    stat = template.stat()
    assert render_all([Page("x.html", "t.html")], tmp_path) == {"x.html": "<p>one</p>"}
    template.write_text("<p>two</p>")
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an edit within the same mtime tick
    assert render_all([Page("x.html", "t.html")], tmp_path) == {"x.html": "<p>two</p>"}


def test_a_fragment_of_a_quote_is_shown_inside_the_clause_that_gives_it_meaning():
    from types import SimpleNamespace as NS

    from briefing.render import _new_environment

    macros = _new_environment(str(Path(__file__).resolve().parents[1] / "templates")).get_template("macros.html")
    fact = NS(id="c1", quote="wrong", text='the war in Iraq was "wrong"', cue="said", origin=None)
    said = NS(kind="claim", fact=fact, article=NS(slug="a", title="A"), speaker=NS(type="person", id="p", name="P"),
              speaker_kind="person", form="quote", anonymous=False, href="articles/a/")
    html = str(macros.make_module({"page_path": "index.html"}).said_item(said, views=None))
    assert "the war in Iraq was <q>wrong</q>" in html


PLAIN_OR_NOT = ["A plain sentence. Another one, with “quotes”, an apostrophe's s and (brackets)!", "Some *emphasis* here.",
                "Some _under_ scores.", "An &amp; entity and a lone & sign.", "A <b>tag</b> here.", "Arrows > here.",
                "A back\\slash.", "A `code` span.", "A [link](http://x) here.", "Two spaces  \nthen a break.", "A\ttab.",
                "# A heading", "- a list\n- of two", "1. numbered", "> a quote", "    indented code", "Rules\n***",
                "Mail <a@b.c> and <http://x.y>."]
TITLES = ["Claim by A_B *C* & D", "Claim by `A` and `B`", "Claim by [A]", "Claim by A\\B"]


@pytest.mark.parametrize("first", range(len(PLAIN_OR_NOT)))
def test_plain_paragraphs_skip_markdown_with_the_same_html(first: int):
    """A body of plain paragraphs is not run through Python-Markdown: the HTML is what it would give,
    facts (with titles that hold Markdown's marks) included; any other body still goes through it."""
    import markdown

    from briefing import markup

    for second in PLAIN_OR_NOT:
        body = f"{PLAIN_OR_NOT[first]}\n\n{second} Last one.\n"
        for facts in ({}, *({1: [("c1", "claim", title)], 2: [("e1", "event", "Event: 2024-05")]} for title in TITLES)):
            source = "\n\n".join(markup._anchor_paragraphs(body, facts))
            quick = markup._plain_paragraphs(source)
            if quick is not None:
                assert quick == markdown.markdown(source, output_format="html")
    assert markup._plain_paragraphs("\n\n".join(markup._anchor_paragraphs(PLAIN_OR_NOT[0], {}))) is not None


def test_output_escaping_gives_the_text_markupsafe_gives(tmp_path: Path):
    """Pages escape `{{ }}` with a faster stand-in for markupsafe.escape: every kind of value reads the same."""
    from markupsafe import Markup, escape

    class Shown:
        def __html__(self):
            return "<b>shown</b>"

        def __str__(self):
            return "<plain>"

    values = ["", "plain", "<a href=\"x\">&amp; 'q'</a>", "é\u2028\x00", Markup("<i>kept</i>"), 0, -12, 10 ** 20,
              1.5, True, None, Shown(), ["<"], ("a", 1)]
    (tmp_path / "t.html").write_text("{% for v in values %}[{{ v }}]{% endfor %}", encoding="utf-8")
    out = render_all([Page("t.html", "t.html", {"values": values})], tmp_path)
    assert out["t.html"] == "".join(f"[{escape(v)}]" for v in values)


def test_macros_called_straight_give_what_jinja2_gives(tmp_path: Path):
    """Macros are called without Jinja2's general argument handling when their arguments are plain:
    every way of calling one (positional, by name, defaults, too many, unknown names, caller, varargs,
    kwargs) gives the text, or the error, that Jinja2's own Macro call gives."""
    from briefing import render

    (tmp_path / "m.html").write_text(
        "{% macro m(a, b='<b>', c=none) %}[{{ a }}|{{ b }}|{{ c }}]{% endmacro %}"
        "{% macro v() %}{{ varargs|join(',') }}{{ kwargs|dictsort|join(',') }}{% endmacro %}"
        "{% macro w(x) %}<{{ caller() }}:{{ x }}>{% endmacro %}", encoding="utf-8")
    calls = ["m(1)", "m(1, 2)", "m(1, 2, 3)", "m(a='<')", "m(1, c=3)", "m(c=3, a=1)", "m()", "m(1, 2, 3, 4)",
             "m(1, d=4)", "m(1, a=2)", "v(1, 2, k=3)", "v()"]
    def rendered(call: str):
        source = '{% from "m.html" import m, v, w with context %}' + (call if call.startswith("{%") else '{{ ' + call + ' }}')
        try:
            return render.environment(tmp_path).from_string(source).render(page_path="x.html")
        except (TypeError, jinja2.UndefinedError) as error:
            return f"{type(error).__name__}: {error}"

    calls += ["w(5, caller=none)", "{% for i in [1, 2] %}{% set j = i * 2 %}{{ m(j, b=i) }}{% endfor %}"]
    straight = list(map(rendered, calls))
    kept = render._call_macro
    render._call_macro = lambda macro, args, kwargs: macro(*args, **kwargs)  # Jinja2's own call
    try:
        assert list(map(rendered, calls)) == straight
    finally:
        render._call_macro = kept
    assert straight[0] == "[1|&lt;b&gt;|None]" and straight[3] == "[&lt;|&lt;b&gt;|None]"
    assert [s.split(":")[0] for s in straight[6:10]] == ["UndefinedError", "TypeError", "TypeError", "TypeError"]
    assert straight[-1] == "[2|1|None][4|2|None]"  # called in a loop that sets a variable
