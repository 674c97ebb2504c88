"""The briefing as data: briefing.json, claims.csv and timeline.json (TimelineJS format)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from .link import SEASONS, chronology, date_label
from .model import Briefing
from .views import Views


def briefing_json(briefing: Briefing) -> str:
    """Everything, as JSON: articles with their facts, merged actors and weapons."""
    data = {
        "title": briefing.title,
        "actors": [asdict(a) for a in briefing.actors.values()],
        "weapons": [asdict(w) for w in briefing.weapons.values()],
        "articles": [{k: v for k, v in asdict(a).items() if k != "body"} for a in briefing.articles],
        "rebuttals": [{"claim": f"{c.article}#{c.fact}", "denials": [f"{d.article}#{d.fact}" for d in ds]}
                      for c, ds in briefing.rebuttals.items()],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def claims_csv(views: Views) -> str:
    """One row per claim or denial, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "article", "id", "speaker", "speaker_name", "cue", "text", "quote",
                     "anonymous", "rebuts", "sentence", "published", "url"])
    for s in views.said:
        fact = s.fact
        writer.writerow([s.kind, s.article.slug, fact.id, s.speaker.id, s.speaker.name, fact.cue or "",
                         fact.text, fact.quote or "", "yes" if getattr(fact, "anonymous", False) else "",
                         getattr(fact, "rebuts", None) or "", fact.origin.sentence if fact.origin else "",
                         s.article.published or "", s.article.source.url or ""])
    return out.getvalue()


def timeline_json(briefing: Briefing) -> str:
    """The chronology in TimelineJS's JSON format (events with a known year only)."""
    events = []
    for article, event in chronology(briefing):
        start = _timeline_date(event.date)
        if start is None:
            continue
        events.append({
            "start_date": {**start, "display_date": date_label(event.date)[0]},
            "text": {"headline": event.when or date_label(event.date)[0], "text": event.text},
            "group": article.title,
            "unique_id": f"{article.slug}-{event.id}",
        })
    return json.dumps({"title": {"text": {"headline": briefing.title}}, "events": events},
                      indent=2, ensure_ascii=False) + "\n"


def _timeline_date(edtf: str) -> dict | None:
    parts = edtf.rstrip("~?%").split("-")
    if parts[0] == "XXXX":
        return None
    date = {"year": parts[0]}
    if len(parts) > 1 and parts[1] != "XX":
        date["month"] = str(int(SEASONS.get(parts[1], (parts[1],))[0]))
    if len(parts) > 2:
        date["day"] = str(int(parts[2]))
    return date
