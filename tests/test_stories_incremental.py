"""Incremental stories: batches in any order give the stories of a whole re-clustering, ids stay."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys

import pytest
from support import load_corpus_module

from tidings.store import Store
from tidings.store import stories as story_tables
from tidings.stories import StoryRules, _Scope, update_stories

corpus_module = load_corpus_module()


@pytest.fixture(scope="module")
def corpus():
    return corpus_module.story_corpus(stories=60, unrelated=30, seed=23)


def _stories(store: Store) -> set[tuple]:
    """Every story as its members, counts and merged events, whatever its id."""
    members = {sid: tuple(sorted(ids)) for sid, ids in store.con.execute(
        "SELECT id, article_ids FROM stories").fetchall()}
    stories = {(members[sid], n_articles, n_sources, tuple(sources)) for sid, n_articles, n_sources, sources
               in store.con.execute("SELECT id, n_articles, n_sources, sources FROM stories").fetchall()}
    events = {(members[sid], eid, mentions, articles, sources, confirmed, denied) for
              sid, eid, mentions, articles, sources, confirmed, denied in store.con.execute(
                  "SELECT story_id, id, num_mentions, num_articles, num_sources, confirmed_by, denied_by "
                  "FROM story_events").fetchall()}
    links = set(store.con.execute(
        "SELECT article_id, duplicate_of, relation, source_key FROM article_stories").fetchall())
    article_story = {(a, members[s]) for a, s in store.con.execute("SELECT id, story_id FROM articles").fetchall()}
    return stories, events, links, article_story


def _ingest(store: Store, batches) -> None:
    for batch in batches:
        store.add(item.document for item in batch)
        update_stories(store)


def _batches(items: list, count: int) -> list[list]:
    size = -(-len(items) // count)
    return [items[start:start + size] for start in range(0, len(items), size)]


@pytest.mark.parametrize("order", ["shuffled", "newest_first", "copies_first"])
def test_stories_incremental_batches_give_the_whole_clustering(corpus, order, tmp_path):
    items = list(corpus)
    if order == "shuffled":
        random.Random(5).shuffle(items)
    elif order == "newest_first":
        items.sort(key=lambda item: item.document.article.published, reverse=True)
    else:
        items.sort(key=lambda item: item.kind == "original")
    with Store(tmp_path / "whole.duckdb") as whole:
        _ingest(whole, [corpus])
        expected = _stories(whole)
    with Store(tmp_path / "batches.duckdb") as store:
        _ingest(store, _batches(items, 6))
        assert _stories(store) == expected
        update_stories(store, rebuild=True)
        assert _stories(store) == expected


def test_stories_ids_stay_when_older_articles_arrive_later(corpus, tmp_path):
    newest_first = sorted(corpus, key=lambda item: item.document.article.published, reverse=True)
    with Store(tmp_path / "t.duckdb") as store:
        given: dict[str, str] = {}
        for batch in _batches(newest_first, 5):
            _ingest(store, [batch])
            now = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
            aliases = dict(store.con.execute(
                "SELECT id, merged_into FROM story_registry WHERE merged_into IS NOT NULL").fetchall())
            for article_id, story_id in given.items():
                assert now[article_id] in (story_id, aliases.get(story_id)), article_id
            given = now
        before = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
        update_stories(store, rebuild=True)
        assert dict(store.con.execute("SELECT id, story_id FROM articles").fetchall()) == before


def test_stories_an_older_original_keeps_the_id_its_copies_were_given(tmp_path):
    story = corpus_module.story_corpus(stories=1, unrelated=0, seed=2)
    original = [item for item in story if item.kind == "original"]
    later = [item for item in story if item.kind != "original"]
    assert later
    with Store(tmp_path / "t.duckdb") as store:
        _ingest(store, [later])
        ids = {row[0] for row in store.con.execute("SELECT story_id FROM articles").fetchall()}
        _ingest(store, [original])
        after = {row[0] for row in store.con.execute("SELECT story_id FROM articles").fetchall()}
        assert len(after) == 1 and after <= ids


def test_stories_merging_two_stories_keeps_the_id_given_first_and_records_the_alias(tmp_path):
    maker = corpus_module.CorpusMaker(seed=4)
    happening = maker.happening()
    day = happening["date"]
    first = maker.report(happening, outlet="Harbor Herald", published=day, story="s", kind="original")
    follow = maker.report(happening, outlet="Daily Lantern", published=day + dt.timedelta(days=4),
                          story="s", kind="follow_up")
    bridge = maker.report(happening, outlet="Meridian Post", published=day + dt.timedelta(days=2), story="s",
                          kind="original", text=follow.document.article.text)  # the later one copies it
    with Store(tmp_path / "t.duckdb") as store:
        _ingest(store, [[follow], [first]])  # 4 days apart: two stories, the later one given first
        ids = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
        assert len(set(ids.values())) == 2
        _ingest(store, [[bridge]])
        kept = ids[follow.document.article.id]
        assert {row[0] for row in store.con.execute("SELECT story_id FROM articles").fetchall()} == {kept}
        assert store.con.execute("SELECT merged_into FROM story_registry WHERE id = ?",
                                 [ids[first.document.article.id]]).fetchall() == [(kept,)]


def test_stories_an_unrelated_article_re_clusters_only_itself(corpus, tmp_path):
    extra = corpus_module.story_corpus(stories=0, unrelated=1, seed=99)[0].document
    with Store(tmp_path / "t.duckdb") as store:
        _ingest(store, [corpus])
        store.add([extra])
        assert _Scope.around(store.con, [extra.article.id], StoryRules()).ids == {extra.article.id}


def test_stories_only_later_crediting_copies_are_candidates_for_a_new_original(corpus, tmp_path):
    """An original precedes its copies: an article of no known outlet is looked up against the
    crediting copies published on or after its day (undated ones last), not against all."""
    window = StoryRules().window_days
    with Store(tmp_path / "t.duckdb") as store:
        _ingest(store, [corpus])
        days = dict(store.con.execute(
            "SELECT id, published FROM articles WHERE original_outlet IS NOT NULL").fetchall())
        middle = sorted(days.values())[len(days) // 2]
        undated = story_tables.crediting_ids(store.con, [("", None)], window)
        later = story_tables.crediting_ids(store.con, [("", middle)], window)
        assert days and undated == {i for i, day in days.items() if day is None}
        assert later and later == {i for i, day in days.items()
                                   if day is None or middle <= day <= middle + dt.timedelta(days=window)}


def test_stories_cli_rebuild_keeps_the_stories(corpus, tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path) as store:
        _ingest(store, _batches(corpus, 3))
        before = _stories(store)
    done = subprocess.run([sys.executable, "-m", "tidings", "stories", "--rebuild", "--db", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{len(before[0])} stories" in done.stdout
    with Store(path) as store:
        assert _stories(store) == before
