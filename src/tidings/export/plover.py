"""PLOVER JSON: one record per event, one record per line, in PLOVER's field vocabulary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..store import EventQuery, Store
from ..store.queries import Reader
from . import exporter


def _actor(participant: dict[str, Any]) -> dict[str, Any]:
    return {"name": participant["name"] or participant["text"], "id": participant["id"],
            "country": participant["country"], "sector": participant["sector"] or [],
            "text": participant["text"], "start": participant["start"], "end": participant["end"]}


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER-style record of one event from :meth:`Reader.records`."""
    actors = [_actor(p) for p in row["actor_list"] or []]
    recipients = [_actor(p) for p in row["recipient_list"] or []]
    location = None
    if row["place_name"]:
        location = {"name": row["place_name"], "text": row["place_text"], "country": row["place_country"],
                    "admin1": row["place_admin1"], "lat": row["lat"], "lon": row["lon"],
                    "geonameid": row["geonameid"], "precision": row["place_precision"],
                    "role": row["location_role"]}
    magnitude = {key: row[key] for key in ("count", "count_qualifier", "dead", "injured", "arrested")
                 if row[key] is not None}
    return {
        "id": row["id"],
        "date": row["date"],
        "date_end": row["time_end"],
        "date_resolution": row["time_precision"] or ("day" if row["published"] else None),
        "event": row["type"],
        "mode": row["mode"],
        "context": row["context"] or [],
        "actor": actors[0] if actors else None,
        "recipient": recipients[0] if recipients else None,
        "actors": actors,
        "recipients": recipients,
        "location": location,
        "magnitude": magnitude,
        "negated": row["negated"],
        "modality": row["modality"],
        "sources": row["source_list"] or [],
        "cameo": row["cameo"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "text": row["sentence_text"],
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "article": {"id": row["article_id"], "url": row["url"], "outlet": row["outlet"],
                    "title": row["title"], "published": row["published"]},
        "story_event_id": row["story_event_id"],
    }


@exporter("plover")
def export_plover(store: Store, query: EventQuery, out: Path) -> int:
    """Write the selected events as PLOVER JSON Lines."""
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in Reader(store.con).records(query):
            written += 1
            handle.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
    return written
