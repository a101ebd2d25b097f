"""How ``tidings`` shows results: tables that fit the terminal (words are never cut in two),
and the JSON Lines of stored events, merged events and stories, with lists kept as lists."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table

from .model import Document

OK_MODALITIES = ("asserted", "reported_speech")


def source_label(name: str | None, outlet: str | None, level: str | None) -> str:
    """One name for a source everywhere: its actor, else its outlet, else what it is."""
    return name or outlet or ("the article" if level == "article" else "unnamed source")


def when(begin: Any, end: Any) -> str:
    """An event's dates: a day, a range, or an upper bound; empty when unknown."""
    if begin is None:
        return f"≤ {end}" if end is not None else ""
    return str(begin) if end is None or begin == end else f"{begin} – {end}"


DATES = 12
"""Width of a dates column: "≤ 2018-02-04" whole."""


def _table(title: str | None, columns: Iterable[tuple[str, int]], dates: str | None = None) -> Table:
    """A table whose cells wrap between words (a word too long for its column ends in …), with
    an optional first column of dates that is never cut."""
    table = Table(title=title, expand=True)
    if dates:
        table.add_column(dates, no_wrap=True, min_width=DATES)
    for column, ratio in columns:
        table.add_column(column, ratio=ratio, overflow="ellipsis")
    return table


def print_document(console: Console, document: Document) -> None:
    """The events of one processed article, as a table."""
    article = document.article
    synd = article.syndication
    console.print(
        f"[bold]{article.title or article.source_path or article.id}[/bold]  "
        f"published {article.published or 'unknown'}"
        + (f"  (originally {synd.original_outlet or synd.wire}, {synd.original_published or '?'})" if synd else ""),
        highlight=False,
    )
    table = _table(None, (("event", 3), ("who → whom", 5), ("where", 3), ("when", 3), ("who says so", 6)))
    for event in document.events:
        status = "negated" if event.negated else "" if event.happened else event.modality
        table.add_row(
            f"{event.type}{f' ({event.mode})' if event.mode else ''} · {event.trigger.text}"
            + (f" [{status}]" if status else ""),
            f"{', '.join(a.name for a in event.actors) or '?'} → "
            f"{', '.join(a.name for a in event.recipients) or '?'}",
            f"{event.location.name}{f' ({event.location_role})' if event.location_role else ''}"
            if event.location else "",
            when(event.time.begin, event.time.end_date) if event.time else "",
            "; ".join(f"{source_label(s.actor.name if s.actor else None, s.outlet, s.level)}: {s.stance}"
                      for s in event.sources),
        )
    console.print(table)


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event (a :meth:`Reader.records` row) as one JSON object: participants, their
    countries and the sources as lists, each item whole, in the article's order."""
    return {
        "id": row["id"], "article_id": row["article_id"], "date": row["date"], "published": row["published"],
        "outlet": row["outlet"], "url": row["url"], "type": row["type"], "mode": row["mode"],
        "cameo": row["cameo"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
        "trigger": row["trigger_text"], "sentence": row["sentence_text"],
        "actors": [_participant(p) for p in row["actor_list"] or []],
        "recipients": [_participant(p) for p in row["recipient_list"] or []],
        "place": row["place_name"], "place_country": row["place_country"], "lat": row["lat"], "lon": row["lon"],
        "time_begin": row["time_begin"], "time_end": row["time_end"],
        "negated": row["negated"], "modality": row["modality"],
        "sources": [{"name": source_label(s["name"], s["outlet"], s["level"]), "id": s["id"],
                     "country": s["country"], "stance": s["stance"], "level": s["level"], "cue": s["cue"],
                     "negated": s["negated"]} for s in row["source_list"] or []],
        "story_event_id": row["story_event_id"],
    }


def _participant(part: dict[str, Any]) -> dict[str, Any]:
    return {"name": part["name"] or part["text"], "country": part["country"], "id": part["id"]}


def write_json_lines(records: Iterable[dict[str, Any]]) -> None:
    """One JSON object a line on standard output."""
    for record in records:
        sys.stdout.write(json.dumps(record, default=str, ensure_ascii=False) + "\n")


def print_events(console: Console, events: list[dict[str, Any]]) -> None:
    """Stored events (as :func:`event_record` gives them), as a table."""
    table = _table(f"{len(events)} events", (("event", 3), ("who → whom", 5), ("where", 3), ("who says so", 5)),
                   dates="when")
    for event in events:
        status = " (negated)" if event["negated"] else "" if event["modality"] in OK_MODALITIES \
            else f" ({event['modality']})"
        dated = when(event["time_begin"], event["time_end"]) or f"{event['published'] or '?'} (pub.)"
        table.add_row(
            dated, f"{event['type']} · {event['trigger']}{status}",
            f"{_names(event['actors'])} → {_names(event['recipients'])}", event["place"] or "",
            "; ".join(f"{s['name']}: {s['stance']}" for s in event["sources"]),
        )
    console.print(table)


def _names(parts: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] or "?" for p in parts) or "?"


def print_merged(console: Console, merged: list[dict[str, Any]]) -> None:
    """Merged events (one happening, all its reports), as a table; reports are mentions,
    articles and independent sources."""
    table = _table(f"{len(merged)} merged events", (("event", 2), ("who → whom", 4), ("reports m/a/s", 2),
                                                    ("first reported by", 3), ("stances", 3)), dates="when")
    for event in merged:
        table.add_row(
            when(event["time_begin"], event["time_end"]), event["type"],
            f"{', '.join(event['actors']) or '?'} → {', '.join(event['recipients']) or '?'}",
            f"{event['num_mentions']}/{event['num_articles']}/{event['num_sources']}",
            f"{event['first_reported_by'] or '?'} {event['first_reported_at'] or ''}".strip(),
            ", ".join(f"{stance} {count}" for stance, count in sorted(event["stances"].items())),
        )
    console.print(table)


def print_stories(console: Console, stories: list[dict[str, Any]]) -> None:
    """Stories (articles about one happening), as a table; sources are independent sources."""
    table = _table(f"{len(stories)} stories", (("title", 5), ("articles / sources", 2), ("outlets", 3),
                                               ("story", 2)), dates="first seen")
    for story in stories:
        table.add_row(str(story["first_seen"] or ""), story["title"] or "",
                      f"{story['n_articles']} / {story['n_sources']}", ", ".join(story["outlets"] or []),
                      story["id"])
    console.print(table)
