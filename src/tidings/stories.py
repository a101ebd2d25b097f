"""Stories: article identity, near-duplicates and syndication, story clusters and merged events.

An article's *identity* is its canonical URL, its normalised title and a MinHash signature of
its word shingles.  An article copies an earlier one when it has the same canonical URL, when
the two are near-duplicates (MinHash LSH), or when its syndication notice names an outlet in the
corpus and it is similar enough to that outlet's article.  Every article counts toward one
*independent source*: the source of the article it copies, else the outlet its notice names,
else its wire, else its own outlet — so copies never add a source.

Stories are the connected groups of articles linked by copying, by a shared title, or by a
shared event (type, actors, recipients, place) within a date window.  Within a story, event
mentions with the same type and actors whose places and times agree merge into one story event
that counts its mentions, articles and independent sources and tallies its sources' stances.

The identity of one article is computed in :mod:`tidings.story_identity`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from .model import Story
from .store import Store
from .store import stories as story_tables
from .store.stories import ArticleRow, EventRow, KeyHolder
from .story_identity import (NearDuplicateIndex, band_keys, canonical_url, outlet_key, signature_array,
                             signatures, similarity, title_key)

__all__ = ["StoryRules", "canonical_url", "link_articles", "merge_events", "outlet_key", "title_key",
           "update_stories"]


@dataclass(frozen=True)
class StoryRules:
    """How close articles must be to count as copies or as the same story."""

    near_duplicate: float = 0.5
    """Estimated Jaccard similarity of word shingles above which a later article copies an earlier one."""
    syndicated: float = 0.2
    """Lower similarity enough for an article whose notice names the earlier article's outlet."""
    window_days: int = 3
    """Articles sharing a title or an event are one story only within this many days."""


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """Where one article stands: its story, what it copies, and the source it counts toward."""

    article_id: str
    story_id: str
    duplicate_of: str | None
    relation: str  # original, same_url, near_duplicate, syndicated, credits
    source_key: str
    source_name: str | None


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """One happening of a story, merged from every mention of it."""

    id: str
    story_id: str
    type: str
    actor_ids: tuple[str, ...]
    recipient_ids: tuple[str, ...]
    place: str | None
    time_begin: dt.date | None
    time_end: dt.date | None
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    first_reported_by: str | None
    first_reported_at: dt.date | None
    stances: dict[str, int]

    @property
    def num_mentions(self) -> int:
        return len(self.event_ids)

    @property
    def num_articles(self) -> int:
        return len(self.article_ids)

    @property
    def num_sources(self) -> int:
        return len(self.sources)


class _Groups:
    """Union-find over article ids (an id not seen yet starts its own group)."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


UNKNOWN_OUTLET = ""  # articles whose outlet is not known, as candidates for a credited original


def _order_key(article) -> tuple:
    """Earliest first; on the same day an article without a notice before one crediting another."""
    return (article.published or dt.date.max, article.original_outlet is not None or article.wire is not None,
            article.id)


def _within(a: dt.date | None, b: dt.date | None, days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= days


def title_link_key(article: ArticleRow) -> str | None:
    """The key under which articles sharing a headline are linked."""
    return f"t:{article.title_key}" if article.title_key else None


def event_link_key(event: EventRow) -> str | None:
    """The key under which articles reporting the same specific event are linked."""
    signature = _event_signature(event)
    return "e:" + json.dumps(signature, separators=(",", ":")) if signature else None


class CopyFinder:
    """Which earlier article each article copies, looked up among a context of articles that
    holds every candidate of the articles asked about (all articles, or those the store's
    indexes name)."""

    def __init__(self, context: Iterable[ArticleRow], rules: StoryRules) -> None:
        self.rules = rules
        self.by_id: dict[str, ArticleRow] = {}
        self.by_url: dict[str, list[ArticleRow]] = defaultdict(list)
        self.by_outlet: dict[str, list[ArticleRow]] = defaultdict(list)
        self.index = NearDuplicateIndex(rules.near_duplicate)
        for article in sorted(context, key=_order_key):
            self.by_id[article.id] = article
            if article.canonical_url:
                self.by_url[article.canonical_url].append(article)
            self.by_outlet[outlet_key(article.outlet) or UNKNOWN_OUTLET].append(article)
            if article.minhash:
                self.index.add(article.id, signature_array(article.minhash))

    def find(self, article: ArticleRow) -> tuple[str, str] | None:
        """The earlier article this one copies, and how that was seen; None for an original."""
        mine = _order_key(article)
        same_url = [a for a in self.by_url.get(article.canonical_url, ()) if _order_key(a) < mine]
        if same_url:
            return same_url[0].id, "same_url"
        if not article.minhash:
            return None
        signature = signature_array(article.minhash)
        near = [(key, score) for key, score in self.index.query(signature)
                if _order_key(self.by_id[key]) < mine]
        if near:
            return min(near, key=lambda found: (-found[1], _order_key(self.by_id[found[0]])))[0], "near_duplicate"
        credited = outlet_key(article.original_outlet)
        if not credited:
            return None
        when = article.original_published or article.published
        candidates = self.by_outlet.get(credited, []) + self.by_outlet.get(UNKNOWN_OUTLET, [])
        scored = [
            (similarity(signature, self.index.signatures[other.id]), other.id) for other in candidates
            if other.id in self.index.signatures and _order_key(other) < mine
            and _within(other.published, when, self.rules.window_days)
        ]
        best = max(scored, default=None, key=lambda pair: pair[0])  # ties: the earliest, listed first
        if best and best[0] >= self.rules.syndicated:
            return best[1], "syndicated"
        return None


def first_article_name(ids: list[str]) -> str:
    """A new story's id: it follows the story's first article."""
    return "st_" + hashlib.sha1(ids[0].encode()).hexdigest()[:16]


def link_articles(articles: list[ArticleRow], copies: dict[str, tuple[str, str]], holders: Iterable[KeyHolder],
                  rules: StoryRules = StoryRules(),
                  name: Callable[[list[str]], str] = first_article_name) -> tuple[list[Story], dict[str, ArticleLink]]:
    """Cluster articles into stories: those linked by copying (``copies``: article -> the earlier
    article it copies and how) or by a key their ``holders`` share within the window; ``name``
    gives each story its id from its article ids, earliest first.  Pure and deterministic."""
    ordered = sorted(articles, key=_order_key)
    by_id = {a.id: a for a in ordered}
    groups = _Groups(by_id)
    roots: dict[str, tuple[str, str]] = {}  # article id -> (the original it copies, relation)
    for article in ordered:
        if article.id in copies:
            found, relation = copies[article.id]
            roots[article.id] = (roots.get(found, (found, ""))[0], relation)
            groups.union(article.id, found)
    keyed: dict[str, list[KeyHolder]] = defaultdict(list)
    for holder in holders:
        keyed[holder.key].append(holder)
    for run in (run for holding in keyed.values() for run in key_runs(holding, rules)):
        for later in run[1:]:
            if later in by_id and run[0] in by_id:
                groups.union(later, run[0])
    sources = _sources(ordered, roots)
    members: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        members[groups.find(article.id)].append(article.id)
    stories: list[Story] = []
    links: dict[str, ArticleLink] = {}
    for ids in members.values():
        story_id = name(ids)
        dates = [by_id[i].published for i in ids if by_id[i].published]
        outlets = {by_id[i].outlet or sources[i][1] for i in ids} - {None}
        stories.append(Story(id=story_id, article_ids=tuple(ids), first_seen=min(dates, default=None),
                             last_seen=max(dates, default=None), outlets=tuple(sorted(outlets))))
        for i in ids:
            root, relation = roots.get(i, (None, ""))
            article = by_id[i]
            relation = relation or ("credits" if article.original_outlet or article.wire else "original")
            links[i] = ArticleLink(i, story_id, root, relation, *sources[i])
    stories.sort(key=lambda s: (s.first_seen or dt.date.max, s.id))
    return stories, links


def _sources(ordered: list[ArticleRow], roots: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str | None]]:
    """The independent source each article counts toward: its original's, else its own."""
    by_id = {a.id: a for a in ordered}
    credited: dict[str, str] = {}  # an original of unknown outlet -> the outlet its copies credit
    for article in ordered:
        root = roots.get(article.id, (None, ""))[0]
        if root and article.original_outlet and not _own_names(by_id[root]):
            credited.setdefault(root, article.original_outlet)
    sources: dict[str, tuple[str, str | None]] = {}
    for article in ordered:
        root = roots.get(article.id, (None, ""))[0]
        sources[article.id] = sources[root] if root else _own_source(article, credited.get(article.id))
    return sources


def _own_names(article: ArticleRow) -> tuple[str, ...]:
    return tuple(name for name in (article.original_outlet, article.wire, article.outlet) if name)


def _own_source(article: ArticleRow, credited: str | None = None) -> tuple[str, str | None]:
    """The independent source of an article that copies no stored one: (key, display name);
    ``credited`` is the outlet that copies of an article of unknown outlet name as the original."""
    for name in (*_own_names(article), credited):
        key = outlet_key(name)
        if key:
            return key, name
    host = (article.canonical_url or "").split("/", 1)[0]
    return (f"host:{host}", host) if host else (f"article:{article.id}", None)


def _event_signature(event: EventRow) -> tuple | None:
    """What makes two event mentions in different articles the same happening, when specific enough."""
    participants = len(event.actor_ids) + len(event.recipient_ids)
    if participants == 0 or (participants == 1 and event.place is None):
        return None
    return event.type, event.actor_ids, event.recipient_ids, event.place


def key_runs(holders: Iterable, rules: StoryRules) -> list[list[str]]:
    """The holders of one key cut into runs: a run takes each later holder within the window of
    its first one, so a recurring key (the same pair clashing every week) starts a new story each
    window instead of chaining months of articles into one."""
    runs: list[list[str]] = []
    first = None
    for holder in sorted({h.id: h for h in holders}.values(), key=_order_key):
        if first is not None and _within(first.published, holder.published, rules.window_days):
            runs[-1].append(holder.id)
        else:
            first = holder
            runs.append([holder.id])
    return runs


def _link_shared(groups: _Groups, by_id: dict, keyed: Iterable[tuple[object, str]], rules: StoryRules) -> None:
    """Join articles sharing a key when they fall in one run of the key (see :func:`key_runs`)."""
    holders: dict[object, list] = defaultdict(list)
    for key, article_id in keyed:
        holders[key].append(by_id[article_id])
    for run in (run for held in holders.values() for run in key_runs(held, rules)):
        for later in run[1:]:
            groups.union(later, run[0])


@dataclass
class _Merging:
    place: str | None
    begin: dt.date | None
    end: dt.date | None
    mentions: list[EventRow] = field(default_factory=list)

    def accepts(self, event: EventRow) -> bool:
        if self.place and event.place and self.place != event.place:
            return False
        begin, end = event.time_begin, event.time_end or event.time_begin
        if self.begin is None or begin is None:
            return True
        return begin <= (self.end or self.begin) and self.begin <= (end or begin)

    def take(self, event: EventRow) -> None:
        self.mentions.append(event)
        self.place = self.place or event.place
        if event.time_begin is not None:
            end = event.time_end or event.time_begin
            if self.begin is None:
                self.begin, self.end = event.time_begin, end
            else:
                self.begin, self.end = max(self.begin, event.time_begin), min(self.end or self.begin, end)


def merge_events(events: list[EventRow], links: dict[str, ArticleLink],
                 articles: dict[str, ArticleRow]) -> list[StoryEvent]:
    """Merge each story's event mentions into story events with honest counts."""
    def order(event: EventRow) -> tuple:
        return (_order_key(articles[event.article_id]), event.sentence_start, event.id)

    open_events: dict[tuple, list[_Merging]] = defaultdict(list)
    for event in sorted((e for e in events if e.article_id in links), key=order):
        key = (links[event.article_id].story_id, event.type, event.actor_ids, event.recipient_ids)
        target = next((m for m in open_events[key] if m.accepts(event)), None)
        if target is None:
            target = _Merging(event.place, None, None)
            open_events[key].append(target)
        target.take(event)

    merged: list[StoryEvent] = []
    for (story_id, type, actor_ids, recipient_ids), candidates in open_events.items():
        for merging in candidates:
            mentions = merging.mentions
            article_ids = tuple(dict.fromkeys(m.article_id for m in mentions))
            first_per_source: dict[str, str] = {}
            for article_id in article_ids:
                first_per_source.setdefault(links[article_id].source_key, article_id)
            first = articles[article_ids[0]]
            first_link = links[first.id]
            stances: dict[str, set[str]] = defaultdict(set)
            for mention in mentions:
                for actor_id, stance in mention.sources:
                    stances[stance].add(actor_id or links[mention.article_id].source_key)
            merged.append(StoryEvent(
                id="se_" + hashlib.sha1(mentions[0].id.encode()).hexdigest()[:16],
                story_id=story_id, type=type, actor_ids=actor_ids, recipient_ids=recipient_ids,
                place=merging.place, time_begin=merging.begin, time_end=merging.end,
                event_ids=tuple(m.id for m in mentions), article_ids=article_ids,
                sources=tuple(links[a].source_name or key for key, a in first_per_source.items()),
                first_reported_by=first_link.source_name or first.outlet,
                first_reported_at=first.original_published or first.published,
                stances={stance: len(holders) for stance, holders in sorted(stances.items())},
            ))
    merged.sort(key=lambda e: (e.story_id, e.id))
    return merged


def update_stories(store: Store, *, rules: StoryRules = StoryRules(), rebuild: bool = False) -> int:
    """Cluster the articles stored since the last update into stories and merge their events;
    returns the number of stories.

    Only the stories a new article can touch are recomputed: those of the articles the store's
    indexes name as its candidates (same canonical URL, a shared LSH band, the outlet its notice
    credits, a shared headline or event key), so the cost follows the batch, not the store, and
    the result is the one a whole re-clustering gives.  A story keeps its id; when stories
    merge, the id given first stays and the others are recorded as its aliases.  ``rebuild``
    (or a store written by an older layout) re-clusters every article.
    """
    con = store.con
    story_tables.ensure_schema(con)
    rebuild = rebuild or not story_tables.is_current(con) or not story_tables.story_count(con)
    fresh = story_tables.all_ids(con) if rebuild else story_tables.unclustered_ids(con)
    if fresh:
        _add_identities(con, fresh)
        with story_tables.transaction(con):
            if rebuild:
                story_tables.clear_index(con)
            _index(con, fresh)
            scope = _Scope.everything(con, rules) if rebuild else _Scope.around(con, fresh, rules)
            story_tables.write(con, scope.rows(con, rules))
            story_tables.mark_current(con)
    return story_tables.story_count(con)


def _add_identities(con, ids: list[str]) -> None:
    """Compute and cache the identity of the named articles that have none."""
    for batch in story_tables.texts_without_identity(con, ids):
        hashes = signatures(text for _, text, _, _ in batch)
        story_tables.add_identities(con, [
            {"article_id": id, "canonical_url": canonical_url(url), "title_key": title_key(title),
             "minhash": signature}
            for (id, _, url, title), signature in zip(batch, hashes)
        ])


def _index(con, ids: list[str], batch: int = 20_000) -> None:
    """Write the LSH band rows and linking keys of the articles ``ids``."""
    for start in range(0, len(ids), batch):
        part = ids[start:start + batch]
        rows = story_tables.articles(con, part)
        band_ids, band_values, keys = [], [], []
        for article in rows:
            if article.minhash:
                values = band_keys(signature_array(article.minhash))
                band_ids.extend([article.id] * len(values))
                band_values.append(values)
            keys.extend((key, article.id, day) for key, day in _article_keys(article))
        published = {a.id: a.published for a in rows}
        keys.extend((key, e.article_id, published[e.article_id])
                    for e in story_tables.events(con, part) if (key := event_link_key(e)))
        bands = pa.table({"key": pa.array(np.concatenate(band_values) if band_values else [], pa.int64()),
                          "article_id": pa.array(band_ids, pa.string())})
        key_table = pa.Table.from_pylist([{"key": k, "article_id": i, "day": d} for k, i, d in keys],
                                         schema=pa.schema([("key", pa.string()), ("article_id", pa.string()),
                                                           ("day", pa.date32())]))
        story_tables.add_index(con, bands, key_table)


def _article_keys(article: ArticleRow) -> list[tuple[str, dt.date | None]]:
    """An article's title key, its outlet (``o:`` alone when unknown) and the outlet it credits,
    each with the day it counts from."""
    keys = [(f"o:{outlet_key(article.outlet) or UNKNOWN_OUTLET}", article.published)]
    if title := title_link_key(article):
        keys.append((title, article.published))
    if credited := outlet_key(article.original_outlet):
        keys.append((f"c:{credited}", article.original_published or article.published))
    return keys


def _probes(rows: Iterable[ArticleRow], shared: bool = True, credited: bool = True) -> dict:
    """What to look up in the store for the articles' candidates: their canonical URLs and LSH
    bands (``shared``), and the outlets their notices credit, with the day (``credited``)."""
    rows = list(rows)
    return {
        "urls": sorted({a.canonical_url for a in rows if a.canonical_url}) if shared else [],
        "bands": sorted({int(k) for a in rows if a.minhash for k in band_keys(signature_array(a.minhash))})
        if shared else [],
        "credits": sorted({(key, a.original_published or a.published) for a in rows
                           if (key := outlet_key(a.original_outlet))}, key=str) if credited else [],
    }


class _Namer:
    """Gives each recomputed story its id: the earliest-given id whose anchor article it holds
    (the others it holds become aliases of it), else a new id anchored at its first article."""

    def __init__(self, old_story: dict[str, str], registry: dict[str, tuple[str, int]], update: int) -> None:
        self.old_story, self.registry, self.update = old_story, registry, update
        self.given: list[dict] = []
        self.merged: dict[str, str] = {}

    def __call__(self, ids: list[str]) -> str:
        position = {article_id: n for n, article_id in enumerate(ids)}
        held = {self.old_story[i] for i in ids if i in self.old_story} & set(self.registry)
        live = sorted((self.registry[s][1], position[self.registry[s][0]], s)
                      for s in held if self.registry[s][0] in position)
        if live:
            kept = live[0][2]
            self.merged.update((s, kept) for *_, s in live[1:])
            return kept
        story_id = first_article_name(ids)
        self.given.append({"id": story_id, "anchor": ids[0], "given": self.update, "merged_into": None})
        return story_id


@dataclass
class _Scope:
    """The articles an update re-clusters, and the original each of them copies."""

    ids: set[str]
    copies: dict[str, tuple[str, str]]

    @classmethod
    def everything(cls, con, rules: StoryRules) -> _Scope:
        rows = story_tables.articles(con)
        finder = CopyFinder(rows, rules)
        return cls({a.id for a in rows}, {a.id: found for a in rows if (found := finder.find(a))})

    @classmethod
    def around(cls, con, fresh: list[str], rules: StoryRules) -> _Scope:
        """New articles, the stored ones whose original they may change, and the whole stories
        of every article whose links change (see :func:`update_stories`)."""
        window = rules.window_days
        new = story_tables.articles(con, fresh)
        shared = story_tables.candidate_ids(con, **_probes(new, credited=False), window_days=window)
        related = (shared | story_tables.crediting_ids(
            con, sorted({(outlet_key(a.outlet) or UNKNOWN_OUTLET, a.published) for a in new}, key=str), window)
        ) - set(fresh)
        related_rows = story_tables.articles(con, related) if related else []
        deciding = set(fresh) | related
        probes = _probes(new, shared=False)
        for name, values in _probes(related_rows).items():
            probes[name] = sorted(set(probes[name]) | set(values), key=str)
        context = story_tables.articles(con, deciding | shared | story_tables.candidate_ids(
            con, **probes, window_days=window))
        finder = CopyFinder(context, rules)
        decided = {a.id: finder.find(a) for a in context if a.id in deciding}
        stored = story_tables.copies(con, related)
        changed = {i for i in related if decided[i] != stored.get(i)}
        seeds = set(fresh) | changed | {found[0] for i in set(fresh) | changed if (found := decided[i])}
        seeds |= _moved_holders(story_tables.key_holders(con, story_tables.keys_of(con, fresh)), set(fresh), rules)
        ids = set(fresh) | seeds | story_tables.members(con, set(story_tables.story_of(con, seeds).values()))
        copies = story_tables.copies(con, ids)
        for i in deciding & ids:
            copies.pop(i, None)
            if decided[i]:
                copies[i] = decided[i]
        return cls(ids, copies)

    def rows(self, con, rules: StoryRules) -> story_tables.StoryRows:
        """The story rows of the scope's articles, re-clustered."""
        articles = story_tables.articles(con, self.ids)
        old_story = story_tables.story_of(con, self.ids)
        holders = story_tables.key_holders(con, story_tables.keys_of(con, self.ids))
        namer = _Namer(old_story, story_tables.registry(con, set(old_story.values())), story_tables.next_update(con))
        stories, links = link_articles(articles, self.copies, holders, rules, namer)
        merged = merge_events(story_tables.events(con, self.ids), links, {a.id: a for a in articles})
        return story_tables.StoryRows(
            article_ids=sorted(self.ids), replaced_stories=sorted(set(old_story.values())),
            stories=_story_rows(stories, links, {a.id: a.title for a in articles}),
            story_events=[_story_event_row(e) for e in merged],
            article_stories=[{
                "article_id": link.article_id, "story_id": link.story_id, "duplicate_of": link.duplicate_of,
                "relation": link.relation, "source_key": link.source_key, "source_name": link.source_name,
            } for link in links.values()],
            copies=[{"article_id": i, "copy_of": found, "relation": how} for i, (found, how) in self.copies.items()],
            event_links=[{"event_id": event_id, "story_event_id": e.id} for e in merged for event_id in e.event_ids],
            registry=namer.given, merged=namer.merged,
        )


def _moved_holders(holders: list[KeyHolder], fresh: set[str], rules: StoryRules) -> set[str]:
    """Stored holders of the new articles' keys whose run of the key the new articles change."""
    keyed: dict[str, list[KeyHolder]] = defaultdict(list)
    for holder in holders:
        keyed[holder.key].append(holder)
    moved: set[str] = set()
    for holding in keyed.values():
        before = {frozenset(run) for run in key_runs((h for h in holding if h.id not in fresh), rules)}
        for run in key_runs(holding, rules):
            if frozenset(run) not in before:
                moved.update(run)
    return moved - fresh


def _story_rows(stories: list[Story], links: dict[str, ArticleLink], titles: dict[str, str | None]) -> list[dict]:
    return [{
        "id": s.id, "title": next((titles[i] for i in s.article_ids if titles[i]), None),
        "first_seen": s.first_seen, "last_seen": s.last_seen, "n_articles": len(s.article_ids),
        "n_sources": len({links[i].source_key for i in s.article_ids}),
        "article_ids": list(s.article_ids), "outlets": list(s.outlets),
        "sources": sorted({links[i].source_name or links[i].source_key for i in s.article_ids}),
    } for s in stories]


def _story_event_row(e: StoryEvent) -> dict:
    return {
        "id": e.id, "story_id": e.story_id, "type": e.type, "actor_ids": list(e.actor_ids),
        "recipient_ids": list(e.recipient_ids), "place": e.place, "time_begin": e.time_begin,
        "time_end": e.time_end, "num_mentions": e.num_mentions, "num_articles": e.num_articles,
        "num_sources": e.num_sources, "sources": list(e.sources),
        "first_reported_by": e.first_reported_by, "first_reported_at": e.first_reported_at,
        "confirmed_by": e.stances.get("confirms", 0), "denied_by": e.stances.get("denies", 0),
        "stances": json.dumps(e.stances), "event_ids": list(e.event_ids), "article_ids": list(e.article_ids),
    }
