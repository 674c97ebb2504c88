"""The link check's quick reading of a page finds exactly the links, lines and ids html.parser finds."""
from __future__ import annotations

import pytest

from briefing.linkcheck import LinkCollector, _plain_page_links, page_links

from .conftest import FIXTURES


def parsed(text: str) -> tuple[list[tuple[str, int]], set[str]]:
    collector = LinkCollector()
    collector.feed(text)
    return collector.links, collector.ids


@pytest.mark.parametrize("page", sorted((FIXTURES / "golden" / "expected").rglob("*.html")), ids=lambda p: p.name)
def test_every_golden_page_is_read_quickly_and_as_html_parser_reads_it(page):
    text = page.read_text(encoding="utf-8")
    assert _plain_page_links(text) == parsed(text)
    assert page_links(text) == parsed(text)


UNUSUAL = {
    "comment": '<p id="a">x</p>\n<!-- <a href="hidden.html">no</a> -->\n<a href="seen.html">y</a>',
    "script content": '<script>var s = "<a href=\'in-script.html\'>";</script>\n<a href="after.html" id="b">z</a>',
    "tag in a title": '<title>A <a href="t.html">b</a></title><a href="u.html">c</a>',
    "less-than in a value": '<a title="1 < 2" href="v.html">d</a>',
    "greater-than in a value": '<a title="2 > 1" href="w.html" id="g">e</a>',
    "less-than in text": '<p>1 < 2 and <a href="x.html">f</a></p>',
    "upper case": '<A HREF="Y.html" ID="Up">g</A>\n<img SRC="i.png">',
    "entities": '<a href="a.html?x=1&amp;y=2&#35;z" id="&quot;q&quot;">h</a>',
    "unquoted and bare": '<a href=plain.html id=k hidden>i</a><a href>j</a><a href="">k</a><a id>l</a>',
    "self-closing": '<img src="s.png" />\n<br/><a\nhref="m.html"\n>m</a>',
    "unclosed tag": '<a href="n.html">n</a>\n<a href="o.html"',
    "bogus end tag": '</ a href="p.html">\n<a href="q.html">q</a>',
    "declaration": '<!DOCTYPE html>\n<!ELEMENT x>\n<a href="r.html">r</a>',
    "processing instruction": '<?xml version="1.0"?>\n<a href="s.html">s</a>',
    "attribute without space": '<a href="t.html"id="tt">t</a>',
    "tab in a value": '<a href="\tu.html" id="u\nv">u</a>',
    "text that looks like an attribute": '<p>see href="fake.html" id="fake"</p><a href="real.html">r</a>',
}


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_unusual_markup_gives_what_html_parser_gives(name):
    text = f"<!doctype html>\n<html>\n{UNUSUAL[name]}\n</html>\n"
    assert page_links(text) == parsed(text)
    assert page_links(text)[0], "each sample has a link the check must see"


def test_plain_markup_is_read_without_html_parser():
    text = ('<!doctype html>\n<html lang="en">\n<body>\n<a href="a/index.html#x" class="c">A</a>\n'
            '<h2 id="x">X</h2>\n</body>\n</html>\n')
    assert _plain_page_links(text) == ([("a/index.html#x", 4)], {"x"})


def test_a_link_resolves_to_what_posixpath_makes_of_it():
    """Where a link points (its slicing shortcut aside) is posixpath's join and normpath of the page's
    folder and the link's unquoted path, for plain and odd folders and links alike."""
    import itertools
    import posixpath
    from urllib.parse import unquote, urlsplit

    from briefing.linkcheck import resolve

    segments = ["a", "b", "..", ".", "", "index.html", ".x", "%20", "c#f", "d?q=1"]
    for page_parts, link_parts in itertools.product(
            (p for k in range(3) for p in itertools.product(segments, repeat=k)),
            (p for k in range(4) for p in itertools.product(segments, repeat=k))):
        page, link = "/".join(page_parts), "/".join(link_parts)
        parts = urlsplit(link)
        path = unquote(parts.path)
        expected = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        assert resolve(page, link) == (expected, parts.fragment), (page, link)


def test_the_targets_of_a_page_are_where_its_links_resolve():
    """targets() (each link text taken apart once) gives for every link what resolve() gives, or
    nothing for a link judged otherwise (external, absolute, search, leaving the site)."""
    import itertools

    from briefing.linkcheck import EXTERNAL, resolve, targets

    segments = ["a", "b", "..", ".", "", "index.html", ".x", "%2e%2e", "c#f", "d?q=1"]
    links = ["/".join(p) for k in range(4) for p in itertools.product(segments, repeat=k)]
    links += ["#top", "https://example.org/a", "/absolute", "//host/x", "pagefind/x.js", "../../../../../x"]
    for folder in ("", "a", "a/b", "a/b/c", "a/./b", "a//b", ".a/b", "a/..", "%20/b"):
        page = f"{folder}/index.html" if folder else "index.html"
        for link, found in zip(links, targets(page, links)):
            target, fragment = resolve(page, link)
            judged = link.startswith((*EXTERNAL, "/")) or "pagefind/" in link or target.startswith("..")
            assert found == ((None, "") if judged else (target, fragment)), (page, link)
