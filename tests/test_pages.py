"""The site map and the data exports: every page planned once, data a spreadsheet can read."""
import csv
import io
import json

import pytest

from briefing.exports import claims_csv, timeline_json
from briefing.pages import plan
from briefing.overview import clause, every_year, group_events, histogram
from briefing.paging import name_spans, paginate
from briefing.views import Views, flow_diagram, grouped_chronology, when, word_index, word_index_again

from .test_link import golden


def test_plan_lists_every_page_once_in_a_stable_order():
    briefing, _ = golden()
    paths = [p.path for p in plan(briefing)]
    assert len(paths) == len(set(paths))
    assert paths == [p.path for p in plan(briefing)]
    assert {f"actors/{a}/index.html" for a in briefing.actors} <= set(paths)
    assert {f"articles/{a.slug}/index.html" for a in briefing.articles} <= set(paths)
    assert {f"weapons/{w}/index.html" for w in briefing.weapons} <= set(paths)


def test_actor_pages_gather_what_they_said_denied_and_what_was_said_about_them():
    briefing, _ = golden()
    page = next(p for p in plan(briefing) if p.path == "actors/country-a/index.html")
    assert [s.fact.text for s in page.context["summary"].denied] == ["Country A denied sending any drones"]
    assert [s.fact.text for s in page.context["pager"].items] == ["Country A denied sending any drones"]
    assert [s.speaker.id for s in page.context["about"]] == ["us-officials", "jane-roe"]
    assert [t.weapon.id for t in page.context["transfers"]] == ["attack-drone"]


def test_claims_csv_has_one_row_per_statement():
    briefing, _ = golden()
    rows = list(csv.DictReader(io.StringIO(claims_csv(Views(briefing)))))
    assert [(r["kind"], r["article"], r["id"], r["speaker"]) for r in rows] == [
        ("claim", "drones-shipped", "c1", "us-officials"), ("claim", "drones-shipped", "c2", "jane-roe"),
        ("denial", "drones-shipped", "d1", "country-a"), ("claim", "talks-resume", "c1", "jane-roe"),
        ("denial", "talks-resume", "d1", "country-b")]
    assert rows[0]["anonymous"] == "yes" and rows[4]["rebuts"] == "drones-shipped#c1"


def test_timeline_json_follows_timelinejs_and_leaves_out_unknown_years():
    briefing, _ = golden()
    events = json.loads(timeline_json(briefing))["events"]
    assert [e["start_date"] for e in events] == [
        {"year": "2024", "month": "3", "display_date": "Spring 2024"},
        {"year": "2025", "month": "3", "day": "13", "display_date": "13 March 2025"}]


def test_who_said_what_knows_each_statements_speaker_kind_form_and_the_anonymous_share():
    views = Views(golden()[0])
    assert [(s.speaker.id, s.speaker_kind, s.form) for s in views.said] == [
        ("us-officials", "anonymous source", "paraphrase"), ("jane-roe", "person", "quote"),
        ("country-a", "state", "paraphrase"), ("jane-roe", "person", "paraphrase"), ("country-b", "state", "paraphrase")]
    assert views.anonymous_share() == (1, 5)


def test_the_information_cutoff_is_the_latest_publication_date():
    assert Views(golden()[0]).cutoff() == "2025-03-14"


@pytest.mark.parametrize("edtf, label, precision, machine", [
    ("2025-03-13", "13 March 2025", "day", "2025-03-13"),
    ("2024-03", "March 2024", "month", "2024-03"),
    ("2024-21", "Spring 2024", "season", "2024"),
    ("2015", "2015", "year", "2015"),
    ("XXXX-12", "December (year unknown)", "unknown year", None),
])
def test_dates_show_their_precision_and_only_valid_html_datetimes(edtf, label, precision, machine):
    date = when(edtf)
    assert (date.label, date.precision, date.datetime) == (label, precision, machine)


def test_chronology_is_grouped_by_year_then_month_with_unknown_years_last():
    groups = grouped_chronology(golden()[0])
    assert [(year, [(month, [e.id for _, e in events]) for month, events in months]) for year, months in groups] == [
        ("2024", [("Spring", ["e2"])]), ("2025", [("March", ["e1"])]), ("Year not given", [("December", ["e1"])])]


def test_transfer_diagram_puts_suppliers_left_systems_middle_recipients_right():
    diagram = flow_diagram(Views(golden()[0]).transfer_summary())
    boxes = {box.kind: box for box in diagram.boxes}
    assert boxes["supplier"].lines == ("Republic of A",) and boxes["recipient"].lines == ("Country B",)
    assert boxes["system"].lines == ("attack drones", "delivered; several hundred")
    assert boxes["supplier"].x < boxes["system"].x < boxes["recipient"].x
    assert boxes["recipient"].x + boxes["recipient"].width <= diagram.width
    assert diagram.summary == ("Republic of A to Country B: attack drones (delivered; several hundred).",)
    assert [status for _, status in diagram.paths] == ["flow-done", "flow-done"]
    assert flow_diagram([]) is None


def test_what_others_said_about_an_actor_matches_any_of_its_names_as_whole_words():
    from briefing.model import Actor, Article, Briefing, Claim, Source

    actors = {a.id: a for a in [
        Actor("iran", "Iran", "state", aliases=("Islamic Republic",)),
        Actor("us", "United States", "state", aliases=("U.S.", "US")),
        Actor("kim", "Kim Jong Un", "person"),
        Actor("dots", "...", "group"),  # a name with no letters: every statement is looked at
        Actor("speaker", "Speaker", "person"),
    ]}
    texts = ["Iranian drones arrived", "Iran sent drones", "the Islamic Republic denied it", "Islamic Republicans won",
             "U.S. officials said", "the USA said", "US says", "United States-made shells", "Kim Jong Un's envoy",
             "Kim Jong visited", "wait ... and see", "Speaker said Iran"]
    claims = tuple(Claim(f"c{i}", "speaker" if i == 11 else "kim", t) for i, t in enumerate(texts))
    article = Article("a", "content/a.md", "A", None, Source(None), "", tuple(actors.values()), claims=claims)
    views = Views(Briefing("T", (article,), actors, {}, {}))
    about = {actor_id: [s.fact.text for s in views.said_about(actors[actor_id])] for actor_id in actors}
    assert about == {
        "iran": ["Iran sent drones", "the Islamic Republic denied it", "Speaker said Iran"],
        "us": ["U.S. officials said", "US says", "United States-made shells"],
        "kim": [],  # nobody else said anything about Kim: his own words are his, not about him
        "dots": ["wait ... and see"],
        "speaker": [],
    }


def test_json_exports_are_written_exactly_as_json_dumps_with_an_indent_would():
    from briefing.exports import indented_json

    value = {"a": [1, -2, 10 ** 20, 1.5, float("inf"), True, False, None, "é\"\\\n\u2028", [], {}, ()],
             "nested": {"k": [{"x": {1: "number key", None: "null key"}}]}, "": ["", [[]]]}
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_long_lists_split_hugo_style_and_the_first_page_keeps_the_entry_url():
    pagers = paginate(list(range(95)), 40, "actors/iran/")
    assert [(p.path, len(p.items), p.first) for p in pagers] == [
        ("actors/iran/index.html", 40, 1), ("actors/iran/page/2/index.html", 40, 41),
        ("actors/iran/page/3/index.html", 15, 81)]
    assert pagers[0].previous is None and pagers[1].previous == "actors/iran/index.html" and pagers[2].next is None
    assert [p.path for p in paginate([], 40, "articles/")] == ["articles/index.html"]


def test_an_a_to_z_list_says_which_names_each_page_holds_like_a_thumb_index():
    names = ["Aaron Tal", "Abel Mor", "Ali Kerr", "Ali Nour", "Alma Vey", "Bran Oster", "Carla Dun"]
    assert name_spans(names, 2) == ["A–Ab", "Al–Ali", "Alm–B", "C"]
    assert name_spans(["Zed"], 300) == ["Z"]


def test_the_chronology_histogram_keeps_empty_years_so_its_axis_is_true_to_time():
    counts = every_year([("1962", 2), ("1997", 5), ("2006", 40)])
    assert [y for y, _ in counts] == [str(y) for y in range(1962, 2007)] and dict(counts)["1995"] == 0
    chart = histogram(counts)
    assert [b.label for b in chart.bars if b.labelled] == [str(y) for y in range(1965, 2006, 5)]  # round years
    assert every_year([("Spring", 1)]) == [("Spring", 1)]


def test_a_quote_of_a_few_words_is_shown_inside_its_clause():
    assert clause('the plan was "a total failure', "a total failure") == ("the plan was ", "a total failure", "")
    assert clause('rockets are "pouring" into the valley', "pouring") == ("rockets are ", "pouring", " into the valley")
    assert clause("We will win", "We will win") is None  # the quote is the whole clause: shown alone
    assert clause("troops moved north", "never") is None  # not in the clause: shown alone
    assert clause("x", None) is None


def test_the_same_event_told_by_several_articles_is_shown_once_with_all_of_them():
    from briefing.model import Article, Event, Source

    a, b = (Article(s, f"content/{s}.md", s.upper(), "2024-05-01", Source(None), "") for s in ("a", "b"))
    same = Event("e1", "2024-04-02", "Talks  opened in the capital")
    other = Event("e2", "2024-04-02", "A convoy crossed")
    groups = group_events([(a, same), (b, Event("e3", "2024-04-02", "talks opened in the capital")), (b, other)])
    assert [(g.text, [art.slug for art, _ in g.sources], g.anchor) for g in groups] == [
        ("Talks  opened in the capital", ["a", "b"], "a-e1"), ("A convoy crossed", ["b"], "b-e2")]


def test_a_system_hundreds_of_articles_report_lists_them_a_hundred_to_a_page():
    import dataclasses

    briefing, _ = golden()
    lead = briefing.articles[0]
    many = [dataclasses.replace(lead, slug=f"{lead.slug}-{n}") for n in range(150)]
    pages = {p.path: p for p in plan(dataclasses.replace(briefing, articles=(*briefing.articles, *many)))}
    first, second = pages["weapons/attack-drone/index.html"], pages["weapons/attack-drone/page/2/index.html"]
    assert (len(first.context["pager"].items), len(second.context["pager"].items)) == (100, 51)
    assert pages["weapons/index.html"].context["reports"]["attack-drone"] == 151


def test_whole_word_names_are_found_where_the_regex_finds_them():
    """said_about's test without a regex per actor agrees with `(?<!\\w)(?:names)(?!\\w)` on tricky texts."""
    import re

    from briefing.views import _names_whole

    names_sets = [["US", "U.S."], ["Iran"], ["...", "A"], ["Côte d'Ivoire"], ["_x"], ["São Paulo", "SP"], ["N"],
                  ["Al-Shabaab", "Shabaab"]]
    texts = ["US", "USA", "the US.", "U.S.-made", "xU.S.", "Iranian Iran", "Iran_", "_Iran", "Iran2", "2Iran", "...",
             "a...b", "A.", "ÀA", "AÀ", "Côte d'Ivoire's", "Côte d'Ivoires", "x_x _x", "é_x", "São Paulo!", "SPé",
             "N\u00a0N", "NN N", "N²", "Al-Shabaab", "al-Shabaab", "Shabaab's", "٣N", "N٣", "", "US US", "USUS US"]
    for names in names_sets:
        names = sorted(names, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
        for text in texts:
            assert _names_whole(text, names) == bool(pattern.search(text)), (names, text)


def test_the_anchor_maps_are_the_json_a_reader_parses():
    """anchors._json writes what json.dumps(indent=0) does, for any text in an anchor or a place."""
    import json

    from briefing.anchors import _json

    odd = {"b-c1": "x/#b", "a\u00e9-c2": 'quo"te\\back/#\n\t\u2028', "": "", "z\x00": "\ud83d\ude00"}
    for found in ({}, {"a-c1": "jane-roe/#a-c1"}, odd):
        assert _json(found) == json.dumps(dict(sorted(found.items())), indent=0, ensure_ascii=False) + "\n"


def test_the_word_index_after_an_edit_equals_one_made_from_scratch():
    """A server indexes again only the statements an edit changed (a run of them, one article's): the
    positions before the run stay, those after it move by how many statements came or went."""
    import random

    chance = random.Random(16)
    words = "Iran Russia missiles said the deny European drone 12 sent Tehran".split()

    def text() -> str:
        return " ".join(chance.choice(words) for _ in range(chance.randint(0, 6)))

    for _ in range(2000):
        old = [text() for _ in range(chance.randint(0, 30))]
        new = list(old)
        for _ in range(chance.randint(0, 3)):  # statements added, removed or reworded, in one place or several
            start = chance.randint(0, len(new))
            new[start:chance.randint(start, min(len(new), start + 4))] = [text() for _ in range(chance.randint(0, 4))]
        assert word_index_again(old, word_index(old), new) == word_index(new), (old, new)


def test_pieces_saved_as_they_are_made_load_as_the_dict_they_were_set_in(tmp_path):
    from briefing.exports import Keep
    from briefing.incremental import unpickle_keyed

    pieces = {"a1b2:2": b"{}", "é" * 300: "«ça»".encode() * 100, "long:2": b"x" * 70_000, "a1b2:2 ": b""}
    keep = Keep(tmp_path / "pieces.pickle", "key")
    with keep.as_made() as saved:
        for name, piece in pieces.items():
            saved[name] = piece
    loaded = unpickle_keyed(tmp_path / "pieces.pickle", "key")
    assert loaded == pieces and list(loaded) == list(pieces)
    with pytest.raises(OSError), keep.as_made() as saved:  # a briefing.json not written whole: no file
        saved["x"] = b"y"
        raise OSError("No space left on device")
    assert unpickle_keyed(tmp_path / "pieces.pickle", "key") == pieces and len(list(tmp_path.iterdir())) == 1


def _held_session_articles(chance, actors: dict, texts: list[str], count: int):
    """`count` random articles whose claims, by random speakers, draw on `texts` (so that some are retold)."""
    from briefing.model import Article, Claim, Source, Weapon

    def article(slug: str):
        claims = tuple(Claim(f"c{i}", chance.choice(list(actors)), chance.choice(texts))
                       for i in range(chance.randint(0, 4)))
        weapons = tuple(Weapon(f"w{i}", f"W{i}", supplier=chance.choice([None, *actors]),
                               recipient=chance.choice([None, *actors])) for i in range(chance.randint(0, 2)))
        listed = tuple(chance.sample(list(actors.values()), chance.randint(1, len(actors))))
        return Article(slug, f"content/{slug}.md", slug.upper(), f"2024-01-{chance.randint(10, 28)}", Source(None), "",
                       listed, weapons=weapons, claims=claims)

    return article, [article(f"a{n}") for n in range(count)]


def _edited(chance, article, articles: list) -> None:
    """One edit of a server session: an article rewritten, added or removed (the others the same objects)."""
    import dataclasses

    n, what = chance.randrange(len(articles)), chance.random()
    told = [c for a in articles if a is not articles[n] for c in a.claims]
    if what < 0.3 and told:  # a claim another article made, retold later (it joins that claim's group of reports)
        claim = dataclasses.replace(chance.choice(told), id=f"c{len(articles[n].claims) + 10}")
        articles[n] = dataclasses.replace(articles[n], published="2024-02-01", claims=(*articles[n].claims, claim))
    elif what < 0.6:
        articles[n] = article(articles[n].slug)
    elif what < 0.8 or len(articles) < 3:
        articles.insert(n, article(f"b{chance.randrange(10**6)}"))
    else:
        del articles[n]


def test_what_others_said_about_an_actor_carried_across_a_servers_edits_equals_it_found_anew(monkeypatch):
    """A server looks again only at the statements an edit changed (views.ABOUT); over many edits, with
    actors asked about some builds and not others and an alias added, it finds what a fresh build finds."""
    import random

    from briefing import views as views_module, warm
    from briefing.model import Actor, Briefing

    chance = random.Random(7)
    monkeypatch.setattr(warm, "holding", True)
    monkeypatch.setattr(views_module, "ABOUT", views_module._About())
    monkeypatch.setattr(views_module, "SAID", warm.Remembered())
    actors = {a.id: a for a in [Actor("iran", "Iran", "state", aliases=("Islamic Republic",)),
                                Actor("us", "United States", "state", aliases=("U.S.",)),
                                Actor("kim", "Kim Jong Un", "person"), Actor("roe", "Jane Roe", "person")]}
    texts = ["Iran sent drones", "the U.S. said no", "Kim Jong Un met Jane Roe", "Roe said Iran lies",
             "the Islamic Republic denied it", "United States-made shells", "nothing about anyone"]
    article, articles = _held_session_articles(chance, actors, texts, 12)
    for step in range(150):
        _edited(chance, article, articles)
        if step == 70:  # an alias added: what names the actor differs
            actors["roe"] = Actor("roe", "Jane Roe", "person", aliases=("Roe",))
        briefing = Briefing("T", tuple(articles), actors)
        views = Views(briefing)
        asked = chance.sample(list(actors.values()), chance.randint(0, len(actors)))
        held = {a.id: [s.ref for s in views.said_about(a)] for a in asked}
        with monkeypatch.context() as fresh:
            fresh.setattr(warm, "holding", False)
            anew = Views(briefing)
            assert held == {a.id: [s.ref for s in anew.said_about(a)] for a in asked}, step


def test_the_anchor_map_a_server_carries_across_edits_equals_the_one_made_anew(monkeypatch):
    """A server keeps each speaker page's anchors while it lists the same statements in the same groups
    of reports (anchors.SPEAKER_PAGES); after edits that move statements between speakers and groups,
    who-said-what/anchors.json is what a fresh build writes."""
    import random

    from briefing import anchors, views as views_module, warm
    from briefing.model import Actor, Briefing
    from briefing.retold import retold

    chance = random.Random(11)
    monkeypatch.setattr(warm, "holding", True)
    monkeypatch.setattr(anchors, "SPEAKER_PAGES", {})
    monkeypatch.setattr(views_module, "SAID", warm.Remembered())
    monkeypatch.setattr(pages_module(), "STATEMENTS_PER_PAGE", 3)  # several pages a speaker
    actors = {a.id: a for a in [Actor("iran", "Iran", "state"), Actor("us", "United States", "state"),
                                Actor("roe", "Jane Roe", "person")]}
    texts = ["drones were sent to the front", "no drones were ever sent", "the talks resume on Monday",
             "the talks are over for good", "the shells came from abroad"]
    article, articles = _held_session_articles(chance, actors, texts, 10)

    def anchor_map(briefing) -> str:
        return next(p for p in plan(briefing) if p.path == "who-said-what/anchors.json").source()

    for step in range(40):
        _edited(chance, article, articles)
        weapons = {w.id: w for a in articles for w in a.weapons}
        briefing = Briefing("T", tuple(articles), actors, weapons, retold=retold(articles))
        held = anchor_map(briefing)
        with monkeypatch.context() as fresh:
            fresh.setattr(warm, "holding", False)
            assert held == anchor_map(briefing), step
    assert json.loads(held) and anchors.SPEAKER_PAGES


def pages_module():  # (imported when asked: the module, not its names)
    from briefing import pages

    return pages


def test_the_views_and_claims_csv_a_server_carries_across_edits_equal_those_made_anew(monkeypatch):
    """A server keeps each unchanged article's statements, transfers and actors' ids (views.OWN), each
    statement by its Ref (Views._refs), claims.csv's lines by article (exports.ROWS) and the counts of the
    most cited actors (views.CITED); over edits that rewrite, add and remove articles and rename a speaker,
    every index, claims.csv and the most cited are a fresh build's."""
    import random

    from briefing import exports, views as views_module, warm
    from briefing.model import Actor, Briefing

    chance = random.Random(5)
    monkeypatch.setattr(warm, "holding", True)
    for name in ("OWN", "SAID"):
        monkeypatch.setattr(views_module, name, warm.Remembered())
    monkeypatch.setattr(views_module, "LAST", [None])
    monkeypatch.setattr(views_module, "CITED", views_module._Cited())
    monkeypatch.setattr(exports, "ROWS", warm.Remembered())
    actors = {a.id: a for a in [Actor("iran", "Iran", "state"), Actor("us", "United States", "state"),
                                Actor("roe", "Jane Roe", "person")]}
    article, articles = _held_session_articles(chance, actors, ["drones were sent", "no drones", "talks resume"], 12)
    indexes = ["said", "_by_ref", "_by_slug", "transfers", "_said_in", "_transfers_in", "_transfers_of",
               "_transfers_involving", "_articles_of", "_actor_ids", "_events_of"]
    for step in range(60):
        _edited(chance, article, articles)
        if step == 30:  # a speaker's name as merged changes: every statement of theirs is another one
            actors["roe"] = Actor("roe", "Jane R. Roe", "person")
        briefing = Briefing("T", tuple(articles), dict(actors))
        held = Views(briefing)
        held_csv, cited = claims_csv(held), held.most_cited(50)
        counted = held.count("claim"), held.count("denial"), held.anonymous_share()
        with monkeypatch.context() as fresh:
            fresh.setattr(warm, "holding", False)
            anew = Views(briefing)
            assert {i: getattr(held, i) for i in indexes} == {i: getattr(anew, i) for i in indexes}, step
            assert held_csv == claims_csv(anew), step
            assert cited == anew.most_cited(50), step
            assert counted == (sum(1 for s in anew.said if s.kind == "claim"), sum(1 for s in anew.said if s.kind == "denial"),
                               (sum(1 for s in anew.said if s.anonymous), len(anew.said))), step
    assert "Jane R. Roe" in held_csv


def test_a_flows_statuses_and_quantities_are_what_jinjas_select_unique_gives():
    """views.flow_facts stands in for `reports|map(attribute=...)|select|unique` in the transfers lists:
    the same values, in the same order, for statuses that differ only in case or are missing."""
    import random

    import jinja2

    from briefing.model import Weapon
    from briefing.views import Transfer, flow_facts

    chance = random.Random(3)
    said = [None, "", "delivered", "Delivered", "planned", "PLANNED", "used", "12", "a dozen", "A Dozen"]
    unique = jinja2.Environment().from_string(
        "{{ r|map(attribute='weapon.status')|select|unique|list }}|{{ r|map(attribute='weapon.quantity')|select|unique|list }}")
    for _ in range(300):
        reports = [Transfer(None, Weapon("w", "W", quantity=chance.choice(said), status=chance.choice(said)), None, None)
                   for _ in range(chance.randint(0, 12))]
        statuses, quantities = flow_facts(reports)
        assert f"{statuses}|{quantities}" == unique.render(r=reports)
