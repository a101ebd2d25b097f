"""Read queries over the store: filters bound as parameters, never pasted into SQL.

:class:`EventQuery` says which events; :class:`Reader` runs the read queries the CLI, the
exporters and the HTTP API need (listings, one event with its evidence, articles, stories,
actors, counts over time, the actor network, places).  Column names only ever come from the
whitelists in this module; every value a user gives is bound.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

EVENT_COLUMNS = """
    e.id, e.article_id, a.published, a.outlet, a.url, e.type, e.mode, e.cameo, e.quad_class,
    e.goldstein,
    (SELECT string_agg(coalesce(x.name, x.text), '; ' ORDER BY x.position) FROM event_actors x
       WHERE x.event_id = e.id AND x.role = 'actor') AS actors,
    (SELECT string_agg(DISTINCT x.country, ';') FROM event_actors x
       WHERE x.event_id = e.id AND x.role = 'actor') AS actor_countries,
    (SELECT string_agg(coalesce(x.name, x.text), '; ' ORDER BY x.position) FROM event_actors x
       WHERE x.event_id = e.id AND x.role = 'recipient') AS recipients,
    (SELECT string_agg(DISTINCT x.country, ';') FROM event_actors x
       WHERE x.event_id = e.id AND x.role = 'recipient') AS recipient_countries,
    e.trigger_text, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end,
    e.sentence_text, e.place_name, e.place_country, e.place_admin1, e.lat, e.lon,
    e.place_precision, e.location_role, e.time_begin, e.time_end, e.time_precision, e.time_text,
    e.count, e.count_qualifier, e.dead, e.injured, e.negated, e.modality,
    (SELECT string_agg(coalesce(s.actor_name, s.outlet, 'the article') || ':' || s.stance, '; '
       ORDER BY s.position) FROM sources s WHERE s.event_id = e.id) AS sources,
    e.story_event_id
"""

EVENT_DATE = "coalesce(e.time_begin, a.published)"
"""The date an event is counted under: when it happened, else when it was reported."""

SORT_COLUMNS: dict[str, str] = {
    "date": EVENT_DATE,
    "published": "a.published",
    "type": "e.type",
    "quad_class": "e.quad_class",
    "goldstein": "e.goldstein",
    "outlet": "a.outlet",
    "place": "e.place_name",
    "country": "e.place_country",
    "dead": "e.dead",
}
"""Columns an event listing may be sorted by (prefix ``-`` for descending)."""

SORT_KEYS: tuple[str, ...] = tuple(k for name in SORT_COLUMNS for k in (name, f"-{name}"))

FACETS: dict[str, str] = {
    "type": "e.type",
    "quad_class": "e.quad_class",
    "country": "e.place_country",
    "outlet": "a.outlet",
    "modality": "e.modality",
    "stance": "(SELECT s.stance FROM sources s WHERE s.event_id = e.id ORDER BY s.position LIMIT 1)",
}
"""Values the events of a selection can be counted by (the stance is the first source's)."""

INTERVALS = ("day", "week", "month", "year")

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"}


@dataclass
class EventQuery:
    """Filters on events; every value is bound as a parameter, never pasted into SQL.

    >>> sql, params = EventQuery(actor="police", quad_class=4, limit=5).to_sql()
    >>> params
    ['%police%', '%police%', 'police', 4, 5, 0]
    """

    actor: str | None = None
    type: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    happened_only: bool = False
    limit: int | None = None
    offset: int = 0
    recipient: str | None = None
    quad_class: int | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    """West, south, east, north in degrees; events with coordinates inside."""
    source: str | None = None
    """A source's name or outlet, or the article's outlet."""
    stance: str | None = None
    story: str | None = None
    article: str | None = None
    text: str | None = None
    """Words in the event's sentence."""
    sort: str = "published"

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE condition over ``events e JOIN articles a`` and its parameters."""
        where, params = ["TRUE"], []
        for role, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value:
                where.append(
                    "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND "
                    f"{'TRUE' if role == 'actor' else 'x.role = ?'} AND "
                    "(x.name ILIKE ? ESCAPE '\\' OR x.text ILIKE ? ESCAPE '\\' OR x.actor_id = ?))"
                )
                params += ([] if role == "actor" else [role]) + [_contains(value), _contains(value), value]
        if self.type:
            where.append("e.type = ?")
            params.append(self.type.upper())
        if self.country:
            where.append(
                "(EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country = ?)"
                " OR e.place_country = ?)"
            )
            params += [self.country.upper(), self.country.upper()]
        if self.since:
            where.append("coalesce(e.time_end, a.published) >= ?")
            params.append(self.since)
        if self.until:
            where.append("coalesce(e.time_begin, a.published) <= ?")
            params.append(self.until)
        if self.happened_only:
            where.append("NOT e.negated AND e.modality IN ('asserted', 'reported_speech')")
        if self.quad_class is not None:
            where.append("e.quad_class = ?")
            params.append(self.quad_class)
        if self.place:
            where.append("(e.place_name ILIKE ? ESCAPE '\\' OR e.place_text ILIKE ? ESCAPE '\\')")
            params += [_contains(self.place), _contains(self.place)]
        if self.bbox:
            west, south, east, north = self.bbox
            lon_test = "e.lon BETWEEN ? AND ?" if west <= east else "(e.lon >= ? OR e.lon <= ?)"
            where.append(f"e.lat BETWEEN ? AND ? AND {lon_test}")
            params += [south, north, west, east]
        if self.source:
            where.append(
                "(a.outlet ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM sources s WHERE s.event_id = e.id AND "
                "(s.actor_name ILIKE ? ESCAPE '\\' OR s.outlet ILIKE ? ESCAPE '\\' OR s.actor_id = ?)))"
            )
            params += [_contains(self.source)] * 3 + [self.source]
        if self.stance:
            where.append("EXISTS (SELECT 1 FROM sources s WHERE s.event_id = e.id AND s.stance = ?)")
            params.append(self.stance)
        if self.story:
            where.append("(a.story_id = ? OR e.story_event_id = ?)")
            params += [self.story, self.story]
        if self.article:
            where.append("e.article_id = ?")
            params.append(self.article)
        if self.text:
            where.append("e.sentence_text ILIKE ? ESCAPE '\\'")
            params.append(_contains(self.text))
        return " AND ".join(where), params

    def order_by(self) -> str:
        """The ORDER BY clause: the whitelisted sort column, then a stable tie-break."""
        name = self.sort.lstrip("-")
        if name not in SORT_COLUMNS:
            raise ValueError(f"cannot sort by {self.sort!r}; choose from {', '.join(SORT_KEYS)}")
        direction = "DESC" if self.sort.startswith("-") else "ASC"
        return (f"{SORT_COLUMNS[name]} {direction} NULLS LAST, a.published NULLS LAST, "
                "e.article_id, e.trigger_start, e.id")

    def to_sql(self) -> tuple[str, list[Any]]:
        where, params = self.where()
        sql = (
            f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE {where} ORDER BY {self.order_by()}"
        )
        if self.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [self.limit, self.offset]
        return sql, params


_PARTICIPANTS = (
    "(SELECT list({{'id': x.actor_id, 'name': x.name, 'country': x.country, 'sector': x.sector, "
    "'text': x.text, 'start': x.start, 'end': x.\"end\"}} ORDER BY x.position) FROM event_actors x "
    "WHERE x.event_id = e.id AND x.role = '{role}')"
)


_STORY_COUNT = (
    "CASE WHEN e.story_event_id IS NULL THEN 1 ELSE (SELECT {what} FROM events m "
    "JOIN articles ma ON ma.id = m.article_id WHERE m.story_event_id = e.story_event_id) END"
)
"""Reports of the same happening (events of one story event); 1 for an event on its own."""


def _plain(value: Any) -> Any:
    """A DuckDB value as JSON-ready data: ISO dates, no NaN."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _contains(value: str) -> str:
    """An ``ILIKE ... ESCAPE '\\'`` pattern matching ``value`` anywhere, its ``%`` and ``_`` literal.

    >>> _contains("50%_off")
    '%50\\\\%\\\\_off%'
    """
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Reader:
    """Read queries over one DuckDB connection (or cursor) of a tidings store."""

    def __init__(self, con: Any) -> None:
        self.con = con

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, map(_plain, row))) for row in cursor.fetchall()]

    def has_table(self, name: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall()[0][0])

    def summary(self) -> dict[str, Any]:
        """How much the store holds, and the dates it spans."""
        row = self._rows(
            f"SELECT count(*) AS events, min({EVENT_DATE}) AS first, max({EVENT_DATE}) AS last "
            "FROM events e JOIN articles a ON a.id = e.article_id")[0]
        row["articles"] = self.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        row["stories"] = self.con.execute(
            "SELECT count(DISTINCT story_id) FROM articles").fetchall()[0][0]
        return row

    def events(self, query: EventQuery) -> list[dict[str, Any]]:
        return self._rows(*query.to_sql())

    def records(self, query: EventQuery) -> list[dict[str, Any]]:
        """Selected events whole: every column, participants, sources, mentions and article."""
        where, params = query.where()
        sql = (
            f"SELECT e.*, {EVENT_DATE} AS date, a.published, a.outlet, a.url, a.title, "
            "a.ingested_at, a.story_id, "
            "(instr(a.text, chr(10)) = 0 OR e.sentence_start < instr(a.text, chr(10))) AS in_lead, "
            f"{_PARTICIPANTS.format(role='actor')} AS actor_list, "
            f"{_PARTICIPANTS.format(role='recipient')} AS recipient_list, "
            "(SELECT list({'name': s.actor_name, 'id': s.actor_id, 'country': s.actor_country, "
            "'outlet': s.outlet, 'stance': s.stance, 'cue': s.cue_text, 'negated': s.negated, "
            "'level': s.level} ORDER BY s.position) FROM sources s WHERE s.event_id = e.id) AS source_list, "
            f"{_STORY_COUNT.format(what='count(*)')} AS mentions, "
            f"{_STORY_COUNT.format(what='count(DISTINCT ma.outlet)')} AS mention_outlets, "
            f"{_STORY_COUNT.format(what='count(DISTINCT m.article_id)')} AS mention_articles "
            f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} ORDER BY {query.order_by()}"
        )
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [query.limit, query.offset]
        return self._rows(sql, params)

    def count(self, query: EventQuery) -> int:
        where, params = query.where()
        return self.con.execute(
            f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}",
            params).fetchall()[0][0]

    def facets(self, query: EventQuery, limit: int = 30) -> dict[str, list[dict[str, Any]]]:
        """For each facet, its values among the selected events with their counts."""
        where, params = query.where()
        return {
            name: self._rows(
                f"SELECT {expression} AS value, count(*) AS count FROM events e "
                f"JOIN articles a ON a.id = e.article_id WHERE {where} AND {expression} IS NOT NULL "
                "GROUP BY ALL ORDER BY count DESC, value LIMIT ?", [*params, limit])
            for name, expression in FACETS.items()
        }

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

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its text, its events and its quotes."""
        rows = self._rows(
            "SELECT id, url, outlet, title, published, language, original_outlet, "
            "original_published, wire, story_id, n_events, text FROM articles WHERE id = ?",
            [article_id])
        if not rows:
            return None
        article = rows[0]
        article["events"] = self.events(EventQuery(article=article_id, sort="published"))
        article["quotes"] = self._rows(
            "SELECT kind, speaker_name, speaker_start, speaker_end, cue_start, cue_end, cue_text, "
            "content_start, content_end, content_text FROM quotes WHERE article_id = ? "
            "ORDER BY position", [article_id])
        return article

    def articles(self, *, outlet: str | None = None, story: str | None = None,
                 limit: int = 100, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Articles, newest first, without their text."""
        where, params = ["TRUE"], []
        if outlet:
            where.append("outlet ILIKE ? ESCAPE '\\'")
            params.append(_contains(outlet))
        if story:
            where.append("story_id = ?")
            params.append(story)
        condition = " AND ".join(where)
        total = self.con.execute(f"SELECT count(*) FROM articles WHERE {condition}", params).fetchall()[0][0]
        rows = self._rows(
            "SELECT id, url, outlet, title, published, original_outlet, wire, story_id, n_events "
            f"FROM articles WHERE {condition} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return total, rows

    def stories(self, *, limit: int = 100, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Stories, latest first: each ``articles.story_id`` with its articles' count, outlets
        and dates (the stories stage's own record is in :meth:`story`)."""
        having = "WHERE story_id IS NOT NULL"
        total = self.con.execute(
            f"SELECT count(DISTINCT story_id) FROM articles {having}").fetchall()[0][0]
        # independent sources as the stories stage counted them (an article without an outlet
        # is still one source), else distinct outlets
        counted = ("(SELECT any_value(s.n_sources) FROM stories s WHERE s.id = story_id)"
                   if self.has_table("stories") else "NULL")
        rows = self._rows(
            "SELECT story_id AS id, arg_min(title, published) AS title, min(published) AS first_seen, "
            f"max(published) AS last_seen, count(*) AS n_articles, "
            f"coalesce({counted}, count(DISTINCT outlet)) AS n_sources, "
            "list(DISTINCT outlet ORDER BY outlet) FILTER (WHERE outlet IS NOT NULL) AS outlets, "
            "sum(n_events) AS events "
            f"FROM articles {having} GROUP BY story_id "
            "ORDER BY last_seen DESC NULLS LAST, id LIMIT ? OFFSET ?", [limit, offset])
        return total, rows

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story: its articles and the stored story record when there is one."""
        total, articles = self.articles(story=story_id, limit=10_000)
        if not total:
            return None
        record = {}
        if self.has_table("stories"):
            columns = [r[0] for r in self.con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = 'stories'").fetchall()]
            if "id" in columns:
                found = self._rows("SELECT * FROM stories WHERE id = ?", [story_id])
                record = found[0] if found else {}
        return {**record, "id": story_id, "articles": articles}

    def actors(self, query: EventQuery, *, name: str | None = None, limit: int = 100,
               offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Actors of the selected events, most active first, with counts by role."""
        where, params = query.where()
        name_test = "TRUE"
        if name:
            name_test = "(x.name ILIKE ? ESCAPE '\\' OR x.text ILIKE ? ESCAPE '\\')"
            params += [_contains(name), _contains(name)]
        base = (
            "SELECT coalesce(x.actor_id, x.name, x.text) AS id, any_value(coalesce(x.name, x.text)) AS name, "
            "any_value(x.country) AS country, count(DISTINCT x.event_id) AS events, "
            "count(DISTINCT x.event_id) FILTER (WHERE x.role = 'actor') AS as_actor, "
            "count(DISTINCT x.event_id) FILTER (WHERE x.role = 'recipient') AS as_recipient "
            "FROM event_actors x JOIN events e ON e.id = x.event_id JOIN articles a ON a.id = e.article_id "
            f"WHERE {where} AND {name_test} GROUP BY 1"
        )
        total = self.con.execute(f"SELECT count(*) FROM ({base})", params).fetchall()[0][0]
        rows = self._rows(f"{base} ORDER BY events DESC, name LIMIT ? OFFSET ?", [*params, limit, offset])
        return total, rows

    def timeline(self, query: EventQuery, interval: str = "month") -> list[dict[str, Any]]:
        """Events per ``interval`` (day, week, month, year) and quad class."""
        if interval not in INTERVALS:
            raise ValueError(f"interval must be one of {', '.join(INTERVALS)}, got {interval!r}")
        where, params = query.where()
        return self._rows(
            f"SELECT CAST(date_trunc('{interval}', {EVENT_DATE}) AS DATE) AS period, "
            "e.quad_class, count(*) AS events FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE {where} AND {EVENT_DATE} IS NOT NULL GROUP BY ALL ORDER BY period, e.quad_class",
            params)

    def network(self, query: EventQuery, limit: int = 200) -> dict[str, list[dict[str, Any]]]:
        """Who acts on whom: actor → recipient edges weighted by events, and their nodes."""
        where, params = query.where()
        edges = self._rows(
            "SELECT coalesce(s.actor_id, s.name, s.text) AS source, "
            "coalesce(t.actor_id, t.name, t.text) AS target, count(DISTINCT e.id) AS weight, "
            "avg(e.goldstein) AS goldstein, mode(e.quad_class) AS quad_class "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "JOIN event_actors s ON s.event_id = e.id AND s.role = 'actor' "
            "JOIN event_actors t ON t.event_id = e.id AND t.role = 'recipient' "
            f"WHERE {where} GROUP BY 1, 2 ORDER BY weight DESC, source, target LIMIT ?",
            [*params, limit])
        ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = self._rows(
            "SELECT coalesce(actor_id, name, text) AS id, any_value(coalesce(name, text)) AS name, "
            "any_value(country) AS country, count(DISTINCT event_id) AS events FROM event_actors "
            "WHERE list_contains(?, coalesce(actor_id, name, text)) GROUP BY 1 ORDER BY 1", [ids])
        return {"nodes": nodes, "edges": edges}

    def places(self, query: EventQuery, limit: int = 500) -> list[dict[str, Any]]:
        """Places of the selected events that have coordinates, with their event counts (one
        place per name and country within about 10 km, whatever gazetteer row placed it)."""
        where, params = query.where()
        return self._rows(
            "SELECT e.place_name AS name, e.place_country AS country, mode(e.place_precision) AS precision, "
            "avg(e.lat) AS lat, avg(e.lon) AS lon, count(*) AS events "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
            "GROUP BY e.place_name, e.place_country, round(e.lat, 1), round(e.lon, 1) "
            "ORDER BY events DESC, name LIMIT ?", [*params, limit])

    def countries(self, query: EventQuery) -> list[dict[str, Any]]:
        """Events per country of their place."""
        where, params = query.where()
        return self._rows(
            "SELECT e.place_country AS country, count(*) AS events FROM events e "
            f"JOIN articles a ON a.id = e.article_id WHERE {where} AND e.place_country IS NOT NULL "
            "GROUP BY 1 ORDER BY events DESC, country", params)


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
