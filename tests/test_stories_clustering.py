"""Stories over a generated corpus: clustering quality, honest source counts, idempotence."""

from __future__ import annotations

import itertools
import json

import pytest
from support import load_corpus_module

from tidings.ingest import make_article
from tidings.model import Document
from tidings.store import Store
from tidings.stories import update_stories

corpus_module = load_corpus_module()


@pytest.fixture(scope="module")
def corpus():
    return corpus_module.story_corpus(stories=50, unrelated=30, seed=11)


@pytest.fixture
def clustered(corpus, db_path):
    store = Store(db_path)
    store.add(item.document for item in corpus)
    update_stories(store)
    yield store
    store.close()


def _pairwise(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold, same_predicted = gold[a] == gold[b], predicted[a] == predicted[b]
        tp += same_gold and same_predicted
        fp += same_predicted and not same_gold
        fn += same_gold and not same_predicted
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def test_stories_cluster_generated_corpus_with_high_pairwise_precision_and_recall(corpus, clustered):
    predicted = dict(clustered.con.execute("SELECT id, story_id FROM articles").fetchall())
    gold = {item.document.article.id: item.story for item in corpus}
    precision, recall = _pairwise(gold, predicted)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert len({item.story for item in corpus}) * 0.95 <= clustered.con.execute(
        "SELECT count(*) FROM stories").fetchone()[0]


def test_stories_copies_point_at_their_original_and_count_toward_its_outlet(corpus, clustered):
    links = {row[0]: row[1:] for row in clustered.con.execute(
        "SELECT article_id, duplicate_of, relation, source_name FROM article_stories").fetchall()}
    originals = {item.story: item.document.article for item in corpus if item.kind == "original"}
    copies = [item for item in corpus if item.kind in ("syndicated", "edited")]
    assert copies
    for item in copies:
        duplicate_of, relation, source_name = links[item.document.article.id]
        original = originals[item.story]
        assert duplicate_of == original.id
        assert relation in ("near_duplicate", "syndicated")
        assert source_name == original.outlet
    for item in corpus:
        if item.kind in ("original", "follow_up", "unrelated"):
            assert links[item.document.article.id][:2] == (None, "original")


def test_stories_story_events_count_each_independent_source_once(corpus, clustered):
    rows = clustered.con.execute("""
        SELECT story_id, num_mentions, num_articles, num_sources, sources, confirmed_by, denied_by,
               first_reported_by FROM story_events""").fetchall()
    story_of = dict(clustered.con.execute("SELECT id, story_id FROM articles").fetchall())
    by_story: dict[str, list] = {}
    for item in corpus:
        by_story.setdefault(story_of[item.document.article.id], []).append(item)
    assert len(rows) == len(by_story)  # every generated story is one happening
    for story_id, mentions, articles, sources, names, confirmed, denied, first in rows:
        items = by_story[story_id]
        independent = {i.document.article.outlet for i in items if i.kind in ("original", "follow_up", "unrelated")}
        assert (mentions, articles) == (len(items), len(items))
        assert sources == len(independent) and set(names) == independent
        assert confirmed == 1 and denied == int(any(i.kind == "follow_up" for i in items))
        assert first == next(i.document.article.outlet for i in items if i.kind in ("original", "unrelated"))


def test_stories_every_event_mention_is_linked_to_its_story_event(clustered):
    assert clustered.con.execute("SELECT count(*) FROM events WHERE story_event_id IS NULL").fetchone()[0] == 0
    mentions = clustered.con.execute("SELECT sum(num_mentions) FROM story_events").fetchone()[0]
    assert mentions == clustered.count("events")


def test_stories_update_is_idempotent_and_incremental_equals_whole(corpus, db_path, tmp_path):
    half = len(corpus) // 2
    with Store(db_path) as store:
        store.add(item.document for item in corpus[:half])
        update_stories(store)
        store.add(item.document for item in corpus[half:])
        update_stories(store)
        first = _snapshot(store)
        update_stories(store)
        assert _snapshot(store) == first
    with Store(tmp_path / "whole.duckdb") as whole:
        whole.add(item.document for item in corpus)
        update_stories(whole)
        assert _snapshot(whole) == first


def _snapshot(store: Store) -> tuple:
    return (
        store.con.execute("SELECT * FROM stories ORDER BY id").fetchall(),
        store.con.execute("SELECT * FROM story_events ORDER BY id").fetchall(),
        store.con.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall(),
        store.con.execute("SELECT id, story_event_id FROM events ORDER BY id").fetchall(),
    )


def test_stories_notice_links_a_rewritten_copy_to_the_outlet_in_the_corpus(db_path):
    maker = corpus_module.CorpusMaker(seed=3)
    happening = maker.happening()
    original = maker.report(happening, outlet="Harbor Herald", published=happening["date"], story="s",
                            kind="original").document.article
    paragraphs = original.text.split("\n\n")
    rewritten = "\n\n".join(paragraphs[:4] + [maker.text(sentences=4)]) + \
        "\n\nThis story was first published by Harbor Herald."
    copy = make_article(rewritten, published=happening["date"], outlet="Riverside Dispatch", title="A copy")
    with Store(db_path) as store:
        store.add([Document(article=original), Document(article=copy)])
        update_stories(store)
        relation, duplicate_of, source = store.con.execute(
            "SELECT relation, duplicate_of, source_name FROM article_stories WHERE article_id = ?",
            [copy.id]).fetchone()
        assert (relation, duplicate_of, source) == ("syndicated", original.id, "Harbor Herald")
        assert store.con.execute("SELECT n_sources, n_articles FROM stories").fetchall() == [(1, 2)]


def test_stories_wire_credit_is_the_source_of_unrelated_outlets(db_path):
    texts = [f"EASTPORT (Reuters) - Dockworkers in the port walked out over pay on day {n}.\n\n"
             f"The {word} dispute has lasted weeks, union leaders said." for n, word in ((1, "long"), (2, "bitter"))]
    articles = [make_article(text, published="2024-05-01", outlet=outlet)
                for text, outlet in zip(texts, ("Harbor Herald", "Daily Lantern"))]
    with Store(db_path) as store:
        store.add(Document(article=a) for a in articles)
        update_stories(store)
        names = {row[0] for row in store.con.execute("SELECT source_name FROM article_stories").fetchall()}
    assert names == {"Reuters"}


def test_stories_seed_article_and_two_copies_are_one_story_with_one_source(pipeline, seed_text, db_path):
    notice_start = seed_text.rindex("This article originally appeared")
    seed = make_article(seed_text, published="2018-02-04", source_path="seed.txt")
    reposted = make_article(seed_text, outlet="Another Example Outlet", url="https://another.example/item",
                            published="2018-02-05")
    body = seed_text[:notice_start].replace("Several reports", "A number of reports").replace(
        "over the weekend", "at the weekend")
    edited = make_article(body, outlet="Third Example Site", published="2018-02-06")
    documents = list(pipeline.pipe([seed, reposted, edited]))
    with Store(db_path) as store:
        store.add(documents)
        assert update_stories(store) == 1
        n_articles, n_sources, sources = store.con.execute(
            "SELECT n_articles, n_sources, sources FROM stories").fetchone()
        assert (n_articles, n_sources) == (3, 1)
        assert sources == [seed.syndication.original_outlet]
        if not any(d.events for d in documents):
            pytest.skip("the event stages found no events in the seed yet")
        rows = store.con.execute("SELECT num_articles, num_sources, sources, stances FROM story_events").fetchall()
    shared = [row for row in rows if row[0] == 3]
    assert shared, rows
    for _, sources, names, stances in shared:
        assert sources == 1 and names == [seed.syndication.original_outlet]
        assert all(count <= 3 for count in json.loads(stances).values())


def test_stories_recurring_event_key_does_not_chain_across_windows():
    import datetime as dt

    from tidings.stories import StoryRules, _Groups, _link_shared

    class Row:
        def __init__(self, article_id: str, day: int) -> None:
            self.id, self.published = article_id, dt.date(2024, 1, 1) + dt.timedelta(days=day)
            self.original_outlet = self.wire = None

    rows = {f"a{day}": Row(f"a{day}", day) for day in range(0, 20, 2)}  # every other day for 20 days
    groups = _Groups(rows)
    _link_shared(groups, rows, (("same-key", i) for i in rows), StoryRules(window_days=3))
    clusters = {groups.find(i) for i in rows}
    assert 4 <= len(clusters) <= 5  # runs of about one window each, not one 20-day story


def test_stories_copy_crediting_an_outlet_names_the_original_of_unknown_outlet(db_path):
    body = ("Fishermen in the delta said on Monday that a new dam upstream had cut their catch by half, "
            "and the provincial council promised to review the water releases before the dry season. "
            "Officials at the dam operator said the flow met the agreed minimum.")
    original = make_article(body, published="2023-04-03")  # no outlet known
    copy = make_article(body + "\n\nThis article originally appeared on Delta Courier, April 3, 2023.",
                        published="2023-04-05", outlet="Regional Digest")
    store = Store(db_path)
    store.add([Document(article=original), Document(article=copy)])
    update_stories(store)
    [(articles, sources)] = store.con.execute("SELECT n_articles, sources FROM stories").fetchall()
    store.close()
    assert (articles, sources) == (2, ["Delta Courier"])
