"""Linking: actors merged by id (curated wins), rebuttals across articles, chronology order."""
from briefing.content import read_articles
from briefing.link import chronology, date_label, date_sort_key, link
from briefing.model import Ref
from briefing.registry import read_registry

from .conftest import FIXTURES, ROOT


def golden():
    folder = FIXTURES / "golden/content"
    articles, problems = read_articles(folder, FIXTURES)
    registry, more = read_registry(folder, FIXTURES)
    assert problems == [] and more == []
    return link("Golden", articles, registry)


def test_actors_merge_across_articles_and_the_registry_wins():
    briefing, problems = golden()
    assert problems == []
    assert sorted(briefing.actors) == ["country-a", "country-b", "jane-roe", "us-officials"]
    assert briefing.actors["country-a"].name == "Republic of A"
    assert "Atlantian" in briefing.actors["country-a"].aliases
    assert set(briefing.actors["country-b"].aliases) == {"B", "Bland"}
    assert briefing.actors["jane-roe"].role == "Foreign Minister of Country A"


def test_denials_link_to_the_claims_they_rebut_even_in_another_article():
    briefing, _ = golden()
    assert briefing.rebuttals == {
        Ref("drones-shipped", "c1"): (Ref("drones-shipped", "d1"), Ref("talks-resume", "d1")),
    }


def test_chronology_is_oldest_first_and_unknown_years_last():
    briefing, _ = golden()
    assert [e.date for _, e in chronology(briefing)] == ["2024-21", "2025-03-13", "XXXX-12"]


def test_date_labels_show_precision():
    assert date_label("2024-03") == ("March 2024", "month")
    assert date_label("2024-09-06") == ("6 September 2024", "day")
    assert date_label("2024-21") == ("Spring 2024", "season")
    assert date_label("XXXX-12") == ("December (year unknown)", "month")
    assert date_label("2024~") == ("about 2024", "year")
    assert date_label("XXXX-21") == ("Spring (year unknown)", "season")
    assert date_label("XXXX") == ("year unknown", "year")
    assert date_sort_key("2024-21") < date_sort_key("2024-04") < date_sort_key("XXXX-01")


def test_unknown_years_are_resolved_once_published_is_known():
    from dataclasses import replace as change

    briefing, _ = golden()
    talks = next(a for a in briefing.articles if a.slug == "talks-resume")
    assert talks.events[0].date == "XXXX-12"  # published is null: the year stays unknown
    dated, _ = link("Golden", [change(talks, published="2025-01-10")], read_registry(FIXTURES / "golden/content", FIXTURES)[0])
    assert dated.articles[0].events[0].date == "2024-12"
    dated, _ = link("Golden", [change(talks, published="2025-12-20")], read_registry(FIXTURES / "golden/content", FIXTURES)[0])
    assert dated.articles[0].events[0].date == "2025-12"


def test_merged_aliases_come_in_one_order_in_every_process():
    import subprocess
    import sys

    code = ("from briefing.link import link; from briefing.model import Actor, Article, Source; "
            "from briefing.registry import Registry; "
            "a = [Article(s, s, s, None, Source(s), '', actors=(Actor('police', n, 'organization', (x,)),)) "
            "for s, n, x in (('a', 'Police', 'police'), ('b', 'police', 'POLICE'))]; "
            "print(link('T', a, Registry())[0].actors['police'].aliases)")
    orders = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                             env={"PYTHONHASHSEED": str(seed)}).stdout for seed in range(8)}
    assert orders == {"('POLICE', 'Police')\n"}
