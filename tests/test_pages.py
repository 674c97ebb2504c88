"""The site map and the data exports: every page planned once, data a spreadsheet can read."""
import csv
import io
import json

from briefing.exports import claims_csv, timeline_json
from briefing.pages import plan
from briefing.views import Views

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
    assert [s.fact.text for s in page.context["denials"]] == ["Country A denied sending any drones"]
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
