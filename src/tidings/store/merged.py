"""Reads of what the stories stage stored: stories, and merged events (one happening with all
its reports), for the command line."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from .evidence import plain

MERGED_COLUMNS = (
    "id, story_id, type, actor_ids, recipient_ids, place, time_begin, time_end, num_mentions, "
    "num_articles, num_sources, sources, first_reported_by, first_reported_at, confirmed_by, "
    "denied_by, stances, event_ids, article_ids"
)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [{name: plain(value) for name, value in zip(names, row)} for row in cursor.fetchall()]


def stories(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """Stories, latest first, with their independent sources as the stories stage counted them."""
    return _rows(con, "SELECT id, title, first_seen, last_seen, n_articles, n_sources, outlets, sources, "
                      "article_ids FROM stories ORDER BY last_seen DESC NULLS LAST, id LIMIT ?", [limit])


def merged_events(con: duckdb.DuckDBPyConnection, limit: int, type: str | None = None) -> list[dict[str, Any]]:
    """Merged events, latest first reported first: counts of mentions, articles and independent
    sources, the first reporter and the sources' stances; actors by name."""
    where, params = ("WHERE type = ?", [type]) if type else ("", [])
    rows = _rows(con, f"SELECT {MERGED_COLUMNS} FROM story_events {where} "
                      "ORDER BY first_reported_at DESC NULLS LAST, id LIMIT ?", [*params, limit])
    ids = sorted({i for row in rows for i in (row["actor_ids"] or []) + (row["recipient_ids"] or [])})
    names = dict(con.execute("SELECT actor_id, any_value(coalesce(name, text)) FROM event_actors "
                             "WHERE list_contains(?, actor_id) GROUP BY 1", [ids]).fetchall()) if ids else {}
    for row in rows:
        row["actors"] = [names.get(i, i) for i in row["actor_ids"] or []]
        row["recipients"] = [names.get(i, i) for i in row["recipient_ids"] or []]
        row["stances"] = json.loads(row["stances"]) if row["stances"] else {}
    return rows
