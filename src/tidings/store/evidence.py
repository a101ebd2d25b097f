"""One event with its evidence: participants, highlighted spans, the widened sentence, the chain
of who says so, and the other reports of the same happening.  Part of
:class:`tidings.store.queries.Reader`."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from .schema import EVENT_COLUMNS


def plain(value: Any) -> Any:
    """A DuckDB value as JSON-ready data: ISO dates, no NaN."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


class EventEvidence:
    """Reads over one DuckDB connection (or cursor) of a store: rows as JSON-ready dicts, and
    those behind one event's page."""

    def __init__(self, con: Any) -> None:
        self.con = con

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, map(plain, row))) for row in cursor.fetchall()]

    def has_table(self, name: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall()[0][0])

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its participants, evidence spans, chain of sources and mentions."""
        rows = self._rows(
            f"SELECT {EVENT_COLUMNS}, e.place_start, e.place_end, e.place_text, e.rule, e.context, "
            "a.title, a.original_outlet, a.original_published, a.wire, a.story_id "
            "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?", [event_id])
        if not rows:
            return None
        event = rows[0]
        participants = self._rows(
            'SELECT role, position, actor_id, name, country, sector, start, "end", text '
            "FROM event_actors WHERE event_id = ? ORDER BY role, position", [event_id])
        sources = self._rows(
            "SELECT position, actor_id, actor_name, actor_country, outlet, stance, cue_start, "
            "cue_end, cue_text, negated, level FROM sources WHERE event_id = ? ORDER BY position",
            [event_id])
        event["actors"] = [p for p in participants if p["role"] == "actor"]
        event["recipients"] = [p for p in participants if p["role"] == "recipient"]
        event["sources"] = sources
        event["spans"] = self._spans(event, participants, sources)
        event["evidence"] = self._evidence(event)
        event["chain"] = _chain(event, sources)
        event["mentions"] = self._mentions(event)
        event["story_event"] = self._story_event(event)
        return event

    def _story_event(self, event: dict[str, Any]) -> dict[str, Any] | None:
        """The merged record of the happening across its story, when clustering made one."""
        if not event["story_event_id"] or not self.has_table("story_events"):
            return None
        found = self._rows("SELECT * FROM story_events WHERE id = ?", [event["story_event_id"]])
        return found[0] if found else None

    def _spans(self, event: dict[str, Any], participants: list[dict[str, Any]],
               sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Every highlighted stretch of the article: participants, trigger, place, time, cues."""
        spans = [{"role": p["role"], "start": p["start"], "end": p["end"], "text": p["text"],
                  "label": p["name"]} for p in participants]
        spans.append({"role": "trigger", "start": event["trigger_start"], "end": event["trigger_end"],
                      "text": event["trigger_text"], "label": event["type"]})
        if event["place_start"] is not None:
            spans.append({"role": "place", "start": event["place_start"], "end": event["place_end"],
                          "text": event["place_text"], "label": event["place_name"]})
        time = self._time_span(event)
        if time:
            spans.append(time)
        spans += [{"role": "source", "start": s["cue_start"], "end": s["cue_end"], "text": s["cue_text"],
                   "label": f"{s['actor_name'] or s['outlet'] or 'source'}: {s['stance']}"}
                  for s in sources if s["cue_start"] is not None]
        return sorted((s for s in spans if s["start"] is not None and s["end"] is not None),
                      key=lambda s: (s["start"], -s["end"]))

    def _time_span(self, event: dict[str, Any]) -> dict[str, Any] | None:
        """The time expression of the article the event's time came from, nearest its trigger."""
        if not event["time_text"]:
            return None
        rows = self._rows(
            'SELECT start, "end", text FROM times WHERE article_id = ? AND text = ? '
            "ORDER BY abs(start - ?) LIMIT 1",
            [event["article_id"], event["time_text"], event["trigger_start"]])
        return {"role": "time", **rows[0], "label": event["time_text"]} if rows else None

    def _evidence(self, event: dict[str, Any], reach: int = 600) -> dict[str, Any]:
        """The sentence widened to the spans near it (at most ``reach`` characters either side)."""
        low, high = event["sentence_start"] - reach, event["sentence_end"] + reach
        near = [s for s in event["spans"] if s["start"] >= low and s["end"] <= high]
        start = min([event["sentence_start"], *(s["start"] for s in near)])
        end = max([event["sentence_end"], *(s["end"] for s in near)])
        text = self.con.execute("SELECT substr(text, ? + 1, ?) FROM articles WHERE id = ?",
                                [start, end - start, event["article_id"]]).fetchall()[0][0]
        return {"start": start, "end": end, "text": text or ""}

    def _mentions(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        """The same happening as reported by other articles of its story."""
        if not event["story_event_id"]:
            return []
        return self._rows(
            "SELECT e.id, e.article_id, a.outlet, a.published, a.url, e.sentence_text, "
            "e.trigger_text FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.story_event_id = ? AND e.id <> ? ORDER BY a.published NULLS LAST, a.id",
            [event["story_event_id"], event["id"]])


def _chain(event: dict[str, Any], sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who says so, from the reader inwards: outlet, the outlet or wire it took the story from,
    then each attributed source in the order the text gives them."""
    chain = [{"kind": "outlet", "name": event["outlet"] or "unknown outlet",
              "published": event["published"], "stance": "reports"}]
    original = event["original_outlet"] or event["wire"]
    if original:
        chain.append({"kind": "original", "name": original,
                      "published": event["original_published"], "stance": "reports"})
    for source in sources:
        chain.append({"kind": "source", "name": source["actor_name"] or source["outlet"] or "unnamed source",
                      "country": source["actor_country"], "stance": source["stance"],
                      "cue": source["cue_text"], "negated": source["negated"], "level": source["level"]})
    return chain
