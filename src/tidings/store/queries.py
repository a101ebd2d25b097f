"""Read queries over the store: filters bound as parameters, never pasted into SQL.

:class:`EventQuery` says which events; :class:`Reader` runs the read queries the CLI, the
exporters and the HTTP API need (listings, one event with its evidence, articles, stories,
actors, counts over time, the actor network, places).  Column names only ever come from the
whitelists in this module; every value a user gives is bound.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import paging
from .evidence import EventEvidence, plain
from .schema import EVENT_COLUMNS, model_record
from .filters import FILTERS, Filter, facet_expressions, like, parse
from .paging import EVENT_DATE

INTERVALS = ("day", "week", "month", "year")
ARTICLE_FIELDS = ("id", "url", "outlet", "title", "published", "story_id")
"""What a nested event says of its article."""


@dataclass
class EventQuery:
    """Filters on events (one field per filter of :data:`~tidings.store.filters.FILTERS`),
    a sort and a page; every value is bound as a parameter, never pasted into SQL.

    >>> sql, params = EventQuery(actor="police", quad_class=4, limit=5).page_sql()
    >>> params
    ['%police%', '%police%', 'police', 4, 5, 0]
    """

    actor: str | None = None
    type: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    happened: bool = False
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
    outlet: str | None = None
    modality: str | None = None
    story: str | None = None
    article: str | None = None
    text: str | None = None
    """Words in the event's sentence."""
    sort: str = "published"
    after: list[Any] | None = None
    """The order values of the row a page starts after (a decoded cursor)."""

    def active(self) -> list[tuple[Filter, Any]]:
        """The filters this query sets, each with its checked value."""
        found = []
        for name, definition in FILTERS.items():
            value = parse(name, getattr(self, name))
            if value is not None:
                found.append((definition, value))
        return found

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE condition over :meth:`tables` and its parameters."""
        where, params = ["TRUE"], []
        for definition, value in self.active():
            where.append(definition.sql)
            params += definition.binds(value)
        return " AND ".join(where), params

    def tables(self) -> str:
        """The FROM clause :meth:`where` needs: ``events e``, joined to its articles only when a
        filter reads an article's own column."""
        return f"events e{self.joins()}"

    def joins(self) -> str:
        needed = any(definition.articles for definition, _ in self.active())
        return " JOIN articles a ON a.id = e.article_id" if needed else ""

    def selection(self) -> tuple[str, list[Any]]:
        """The ids of the selected events, as a subquery, and its parameters."""
        where, params = self.where()
        return f"SELECT e.id FROM {self.tables()} WHERE {where}", params

    def order_by(self) -> str:
        """The ORDER BY clause: the whitelisted sort column, then a stable tie-break."""
        return paging.order_by(self.sort)

    def page_sql(self) -> tuple[str, list[Any]]:
        """The ids of the page's events with their order values (``k0, k1, ...``): the page is
        chosen before any participant or source is read."""
        where, params = self.where()
        if self.after is not None:
            later, later_params = paging.after(self.sort, self.after)
            where, params = f"{where} AND {later}", [*params, *later_params]
        sql = (f"SELECT e.id, {paging.key_columns(self.sort)} FROM {self.tables()} WHERE {where} "
               f"ORDER BY {self.order_by()}")
        if self.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, self.limit, self.offset]
        return sql, params


def flat_sql(where: str, tables: str = "events e", order: str = "") -> str:
    """The flat rows (:data:`EVENT_COLUMNS`) of the events ``where`` selects from ``tables``, in
    ``order``, else in the order they were stored."""
    return f"SELECT {EVENT_COLUMNS} FROM {tables} WHERE {where}" + (f" ORDER BY {order}" if order else "")


RECORD_LISTS = """
    SELECT event_id,
        list({'id': actor_id, 'name': name, 'country': country, 'sector': sector, 'text': text,
              'start': start, 'end': "end"} ORDER BY position) FILTER (WHERE role = 'actor') AS actor_list,
        list({'id': actor_id, 'name': name, 'country': country, 'sector': sector, 'text': text,
              'start': start, 'end': "end"} ORDER BY position) FILTER (WHERE role = 'recipient') AS recipient_list
    FROM event_actors {restrict} GROUP BY event_id
"""

RECORD_SOURCES = """
    SELECT event_id, list({'name': actor_name, 'id': actor_id, 'country': actor_country,
        'outlet': outlet, 'stance': stance, 'cue': cue_text, 'negated': negated, 'level': level}
        ORDER BY position) AS source_list
    FROM sources {restrict} GROUP BY event_id
"""

STORY_COUNTS = """
    SELECT story_event_id, count(*) AS mentions, count(DISTINCT outlet) AS mention_outlets,
        count(DISTINCT article_id) AS mention_articles
    FROM events WHERE story_event_id IS NOT NULL GROUP BY story_event_id
"""
"""Reports of the same happening (events of one story event); an event on its own counts 1."""


def records_sql(where: str, restrict: str, order: str) -> str:
    """Selected events whole (every column, participants, sources, mentions and article), as
    :func:`flat_sql` selects them; participants and sources are gathered only for the event
    ids ``restrict`` (a WHERE over ``event_id``, or empty for all)."""
    return (
        f"SELECT e.*, {paging.EVENT_DATE} AS date, a.url, a.title, a.ingested_at, a.story_id, "
        "(instr(a.text, chr(10)) = 0 OR e.sentence_start < instr(a.text, chr(10))) AS in_lead, "
        "p.actor_list, p.recipient_list, s.source_list, coalesce(m.mentions, 1) AS mentions, "
        "coalesce(m.mention_outlets, 1) AS mention_outlets, "
        "coalesce(m.mention_articles, 1) AS mention_articles "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN ({RECORD_LISTS.replace('{restrict}', restrict)}) p ON p.event_id = e.id "
        f"LEFT JOIN ({RECORD_SOURCES.replace('{restrict}', restrict)}) s ON s.event_id = e.id "
        f"LEFT JOIN ({STORY_COUNTS}) m ON m.story_event_id = e.story_event_id "
        f"WHERE {where} ORDER BY {order}"
    )


@dataclass
class Page:
    """One page of a listing and the cursor of the next (None after the last page)."""

    rows: list[dict[str, Any]]
    next_cursor: str | None


class Reader(EventEvidence):
    """Read queries over one DuckDB connection (or cursor) of a tidings store."""

    def summary(self) -> dict[str, Any]:
        """How much the store holds, and the dates it spans."""
        row = self._rows(
            f"SELECT count(*) AS events, min({EVENT_DATE}) AS first, max({EVENT_DATE}) AS last "
            "FROM events e")[0]
        row["articles"] = self.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        row["stories"] = self.con.execute(
            "SELECT count(DISTINCT story_id) FROM articles").fetchall()[0][0]
        return row

    def page(self, query: EventQuery, nested: bool = False) -> Page:
        """A page of the listing: the page's ids and order values first (by the filters and
        sort alone), then the rows of those events only: flat, or ``nested`` (JSON v1)."""
        found = self.con.execute(*query.page_sql()).fetchall()
        ids = [row[0] for row in found]
        rows = self.nested_events(ids) if nested else self.flat_rows(ids)
        full = query.limit is not None and len(found) == query.limit
        return Page(rows, paging.encode_cursor(query.sort, found[-1][1:]) if full else None)

    def events(self, query: EventQuery) -> list[dict[str, Any]]:
        return self.page(query).rows

    def flat_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        """The flat rows of the events ``ids``, in that order, read through the primary key."""
        if not ids:
            return []
        found = {r["id"]: r for r in self._rows(flat_sql("list_contains(?, e.id)"), [ids])}
        return [found[i] for i in ids if i in found]

    def nested_events(self, ids: list[str]) -> list[dict[str, Any]]:
        """The events ``ids``, in that order, as the tidings JSON v1 gives them (rebuilt from
        their rows in ``events``, ``event_actors`` and ``sources``), each with its ``article``
        (id, url, outlet, title, published, story) and, once stories are clustered, the
        ``story_event_id`` of the happening it reports."""
        rows = self.flat_rows(ids)
        if not rows:
            return []
        participants: dict[str, dict[str, list]] = {row["id"]: {"actor": [], "recipient": []} for row in rows}
        for ref in self._rows(
                'SELECT event_id, role, actor_id AS id, name, country, sector, start, "end", text '
                f"FROM event_actors WHERE {_among('event_id', ids)} ORDER BY event_id, role, position", ids):
            participants[ref.pop("event_id")][ref.pop("role")].append(ref)
        sources: dict[str, list] = {row["id"]: [] for row in rows}
        for source in self._rows(
                f"SELECT * FROM sources WHERE {_among('event_id', ids)} ORDER BY event_id, position", ids):
            sources[source["event_id"]].append(_source_record(source))
        article_ids = sorted({row["article_id"] for row in rows})
        articles = {row[0]: dict(zip(ARTICLE_FIELDS, map(plain, row))) for row in self.con.execute(
            f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE {_among('id', article_ids)}",
            article_ids).fetchall()}
        return [{**model_record(row), "actors": participants[row["id"]]["actor"],
                 "recipients": participants[row["id"]]["recipient"], "sources": sources[row["id"]],
                 "story_event_id": row["story_event_id"], "article": articles[row["article_id"]]}
                for row in rows]

    def flat(self, query: EventQuery) -> tuple[str, list[Any]]:
        """The SQL and parameters of the flat rows of every event the query selects, in the
        order they were stored (a sort would hold every row in memory at once)."""
        where, params = query.where()
        return flat_sql(where, query.tables()), params

    def records(self, query: EventQuery, batch: int = 5000) -> Iterator[dict[str, Any]]:
        """Selected events whole (every column, participants, sources, mentions and article),
        read ``batch`` rows at a time."""
        where, params = query.where()
        selection, selection_params = query.selection()
        restrict = "" if where == "TRUE" else f"WHERE event_id IN ({selection})"
        twice = [] if where == "TRUE" else [*selection_params, *selection_params]
        cursor = self.con.execute(records_sql(where, restrict, query.order_by()), [*twice, *params])
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(batch):
            yield from (dict(zip(names, map(plain, row))) for row in rows)

    def count(self, query: EventQuery) -> int:
        where, params = query.where()
        return self.con.execute(f"SELECT count(*) FROM {query.tables()} WHERE {where}",
                                params).fetchall()[0][0]

    def facets(self, query: EventQuery, limit: int = 30) -> dict[str, list[dict[str, Any]]]:
        """For each filter with a facet, its most frequent values among the selected events
        with their counts: one grouping-sets pass over the events, and one per facet over the
        events' first sources."""
        where, params = query.where()
        over_events = {name: sql for name, sql in facet_expressions().items() if sql.startswith("e.")}
        names, columns = list(over_events), ", ".join(over_events.values())
        grouped = self.con.execute(
            f"SELECT {columns}, GROUPING({columns}) AS unset, count(*) FROM {query.tables()} "
            f"WHERE {where} GROUP BY GROUPING SETS ({', '.join(f'({c})' for c in over_events.values())})",
            params).fetchall()
        counted: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
        for row in grouped:
            column = _grouped_column(int(row[-2]), len(names))
            if row[column] is not None:
                counted[names[column]].append({"value": row[column], "count": row[-1]})
        found = {name: sorted(values, key=lambda v: (-v["count"], v["value"]))[:limit]
                 for name, values in counted.items()}
        selection, selection_params = query.selection()
        within = "" if where == "TRUE" else f"AND s.event_id IN ({selection})"
        for name, sql in facet_expressions().items():
            if name not in over_events:
                found[name] = self._rows(
                    f"SELECT {sql} AS value, count(*) AS count FROM sources s WHERE s.position = 0 "
                    f"{within} AND {sql} IS NOT NULL GROUP BY ALL ORDER BY count DESC, value LIMIT ?",
                    [*([] if where == "TRUE" else selection_params), limit])
        return found

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
            params.append(like(outlet))
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
            params += [like(name), like(name)]
        base = (
            "SELECT coalesce(x.actor_id, x.name, x.text) AS id, any_value(coalesce(x.name, x.text)) AS name, "
            "any_value(x.country) AS country, count(DISTINCT x.event_id) AS events, "
            "count(DISTINCT x.event_id) FILTER (WHERE x.role = 'actor') AS as_actor, "
            "count(DISTINCT x.event_id) FILTER (WHERE x.role = 'recipient') AS as_recipient "
            f"FROM event_actors x JOIN events e ON e.id = x.event_id{query.joins()} "
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
            f"e.quad_class, count(*) AS events FROM {query.tables()} "
            f"WHERE {where} AND {EVENT_DATE} IS NOT NULL GROUP BY ALL ORDER BY period, e.quad_class",
            params)

    def network(self, query: EventQuery, limit: int = 200) -> dict[str, list[dict[str, Any]]]:
        """Who acts on whom: actor → recipient edges weighted by events, and their nodes."""
        where, params = query.where()
        edges = self._rows(
            "SELECT coalesce(s.actor_id, s.name, s.text) AS source, "
            "coalesce(t.actor_id, t.name, t.text) AS target, count(DISTINCT e.id) AS weight, "
            "avg(e.goldstein) AS goldstein, mode(e.quad_class) AS quad_class "
            f"FROM {query.tables()} "
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
            f"FROM {query.tables()} "
            f"WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
            "GROUP BY e.place_name, e.place_country, round(e.lat, 1), round(e.lon, 1) "
            "ORDER BY events DESC, name LIMIT ?", [*params, limit])

    def countries(self, query: EventQuery) -> list[dict[str, Any]]:
        """Events per country of their place."""
        where, params = query.where()
        return self._rows(
            f"SELECT e.place_country AS country, count(*) AS events FROM {query.tables()} "
            f"WHERE {where} AND e.place_country IS NOT NULL "
            "GROUP BY 1 ORDER BY events DESC, country", params)


def _grouped_column(unset: int, columns: int) -> int:
    """Which column a grouping set of one column groups, from SQL's ``GROUPING(...)`` mask
    (a bit per column, the first column's highest, set for the columns not grouped)."""
    return next(i for i in range(columns) if not unset >> (columns - 1 - i) & 1)


def _among(column: str, values: list[str]) -> str:
    """``column IN (?, ...)`` for a page's few ``values``: a list of parameters lets DuckDB look
    them up in the column's index, where a list parameter makes it scan the table."""
    return f"{column} IN ({', '.join('?' * len(values))})"


def _source_record(row: dict[str, Any]) -> dict[str, Any]:
    """A source as the tidings JSON v1 gives it, from its row in ``sources``."""
    actor = None if row["actor_id"] is None else {
        "id": row["actor_id"], "name": row["actor_name"], "country": row["actor_country"],
        "sector": row["actor_sector"] or [], "start": row["actor_start"], "end": row["actor_end"],
        "text": row["actor_text"]}
    cue = None if row["cue_start"] is None else {
        "start": row["cue_start"], "end": row["cue_end"], "text": row["cue_text"]}
    return {"actor": actor, "outlet": row["outlet"], "stance": row["stance"], "cue": cue,
            "negated": row["negated"], "level": row["level"]}
