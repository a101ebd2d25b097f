"""Stores of any size for the scale benchmark: a base store from the generated corpus, grown by
DuckDB SQL replication.

The base store holds articles made by :mod:`benchmarks.corpus` (each joins the reports of several
made-up happenings, so an article carries several events, as real news does), run through the
full pipeline and the stories stage.  A store of *n* events then holds ``ceil(n / base events)``
copies of every row of the base store: copy *k* suffixes every id (article, event, story, story
event) with ``~k`` in every table and in the stored JSON, and moves its dates ``k`` weeks on (so
sorting and date filters see a spread of dates).  Ids stay consistent across tables; the store
is cut to *n* events by dropping the last copy's surplus articles.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
from pathlib import Path

import duckdb

from benchmarks.corpus import OUTLETS, CorpusMaker

ID_COLUMNS = {
    "articles": ("id", "story_id"),
    "events": ("id", "article_id", "story_event_id"),
    "event_actors": ("event_id", "article_id"),
    "sources": ("event_id", "article_id"),
    "quotes": ("article_id",), "actors": ("article_id",), "places": ("article_id",), "times": ("article_id",),
    "article_identity": ("article_id",),
    "article_stories": ("article_id", "story_id", "duplicate_of"),
    "stories": ("id", "article_ids"),
    "story_events": ("id", "story_id", "event_ids", "article_ids"),
}
"""The columns of each table that hold ids (or lists of ids), suffixed in each copy."""

REPORTS_PER_ARTICLE = 6


def base_articles(count: int, seed: int = 11) -> list:
    """``count`` generated articles, each the reports of several happenings in a row."""
    from tidings.ingest import make_article

    maker = CorpusMaker(seed)
    r = maker.random
    articles = []
    for number in range(count):
        happenings = [maker.happening() for _ in range(REPORTS_PER_ARTICLE)]
        text = "\n\n".join(maker.report(h, outlet="Base", published=h["date"], story="", kind="original",
                                        sentences=1).document.article.text for h in happenings)
        published = min(h["date"] for h in happenings) + dt.timedelta(days=r.randint(0, 3))
        outlet = r.choice(OUTLETS)
        articles.append(make_article(text, published=published, outlet=outlet,
                                     title=f"Report {number} from {outlet}",
                                     url=f"https://news.example/{number}"))
    return articles


def build_base(path: Path, articles: int) -> None:
    """The base store: ``articles`` generated articles through the pipeline and stories stage."""
    from tidings.pipeline import Pipeline
    from tidings.stories import update_stories
    from tidings.store import Store

    pipeline = Pipeline()
    with Store(path) as store:
        store.add(pipeline.pipe(base_articles(articles)))
        update_stories(store)


def _copied(column: str, kind: str, is_id: bool) -> str:
    """The SQL of one column in copy ``k`` of a row."""
    quoted = f'"{column}"'
    if is_id and kind.endswith("[]"):
        return f"list_transform({quoted}, lambda x: x || '~' || k)"
    if is_id:
        return f"{quoted} || '~' || k"
    if kind == "DATE":
        return f"{quoted} + CAST(7 * k AS INTEGER)"
    if column == "document":  # the article's id and its events' ids, as the tables copy them
        return ("CAST(regexp_replace(CAST(document AS VARCHAR), '\"' || id || '(-e[0-9]+)?\"', "
                "'\"' || id || '\\1~' || k || '\"', 'g') AS JSON)")
    return quoted


def replicate(base: Path, out: Path, events: int) -> dict[str, int]:
    """A store of about ``events`` events at ``out``, made of copies of the ``base`` store."""
    out.unlink(missing_ok=True)
    shutil.copy(base, out)
    con = duckdb.connect(str(out))
    con.execute("SET enable_progress_bar = false")
    try:
        base_events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        copies = max(1, math.ceil(events / base_events))
        for table, ids in ID_COLUMNS.items():
            columns = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                                  "ORDER BY column_index", [table]).fetchall()
            select = ", ".join(_copied(name, kind, name in ids) for name, kind in columns)
            con.execute(f"INSERT INTO {table} SELECT {select} FROM {table}, range(1, ?) copies(k) "
                        "ORDER BY k", [copies])
        _trim(con, events)
        con.execute("CHECKPOINT")
        return {"events": con.execute("SELECT count(*) FROM events").fetchall()[0][0],
                "articles": con.execute("SELECT count(*) FROM articles").fetchall()[0][0], "copies": copies}
    finally:
        con.close()


def _trim(con: duckdb.DuckDBPyConnection, events: int) -> None:
    """Drop the last articles (with all their rows) beyond ``events`` events."""
    con.execute(
        "CREATE TEMP TABLE surplus AS SELECT article_id AS id FROM (SELECT article_id, "
        "sum(count(*)) OVER (ORDER BY min(rowid)) AS running FROM events GROUP BY article_id) "
        "WHERE running > ?", [events])
    for table, ids in ID_COLUMNS.items():
        key = "id" if table == "articles" else "article_id" if "article_id" in ids else None
        if key:
            con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM surplus)")
    con.execute("DROP TABLE surplus")
