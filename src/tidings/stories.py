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

>>> canonical_url("https://www.example.com/news/a-story/?utm_source=x&id=7#top")
'example.com/news/a-story?id=7'
>>> title_key("Talks Resume in the Capital | Example News")
'talks resume in the capital'
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .datafiles import DataError, data_path, line_of, read_yaml, word_list
from .model import Story
from .store import Store
from .store import stories as story_tables
from .store.stories import ArticleRow, EventRow

NUM_PERM = 128
MINHASH_SCHEME = "affine32"
SHINGLE_WORDS = 3
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class StoryRules:
    """How close articles must be to count as copies or as the same story."""

    near_duplicate: float = 0.5
    """Estimated Jaccard similarity of word shingles above which a later article copies an earlier one."""
    syndicated: float = 0.2
    """Lower similarity enough for an article whose notice names the earlier article's outlet."""
    window_days: int = 3
    """Articles sharing a title or an event are one story only within this many days."""


IDENTITY_FILE = data_path("stories", "identity.yaml")


@functools.cache
def _identity_rules(path: Path = IDENTITY_FILE) -> dict:
    raw = read_yaml(path)
    params, title = raw.get("tracking_params"), raw.get("title")
    if not isinstance(params, dict) or not isinstance(title, dict):
        raise DataError(path, 0, "needs the sections tracking_params and title")
    prefixes = word_list(path, "tracking_params.prefixes", params.get("prefixes"))
    names = word_list(path, "tracking_params.names", params.get("names"))
    separators = title.get("outlet_separators")
    if not isinstance(separators, list) or not all(isinstance(s, str) and s for s in separators):
        raise DataError(path, line_of(path, "outlet_separators:"),
                        "title.outlet_separators: must be a list of non-empty strings")
    if not isinstance(title.get("min_words"), int):
        raise DataError(path, line_of(path, "min_words:"), "title.min_words: must be a whole number")
    return {"prefixes": tuple(prefixes), "names": frozenset(names),
            "separators": tuple(separators), "min_words": title["min_words"]}


def canonical_url(url: str | None) -> str | None:
    """The URL without scheme, ``www.``, fragment, tracking parameters or trailing slash."""
    if not url or not url.strip():
        return None
    try:  # a stored address with a bad port or bracket is no address, not a failed step
        parts = urlsplit(url.strip() if "://" in url else f"http://{url.strip()}")
        port_number = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    rules = _identity_rules()
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in rules["names"] and not k.lower().startswith(rules["prefixes"])
    )
    path = parts.path.rstrip("/")
    port = f":{port_number}" if port_number and port_number not in (80, 443) else ""
    return f"{host}{port}{path}" + (f"?{urlencode(query)}" if query else "")


def title_key(title: str | None) -> str | None:
    """The headline folded to lower-case words, without a trailing ``| Outlet``; None when short."""
    if not title:
        return None
    rules = _identity_rules()
    for separator in rules["separators"]:
        head, found, _ = title.rpartition(separator)
        if found and len(_WORD.findall(head)) >= rules["min_words"]:
            title = head
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()
    words = _WORD.findall(folded)
    return " ".join(words) if len(words) >= rules["min_words"] else None


def outlet_key(name: str | None) -> str | None:
    """An outlet name folded for comparison ("The Example Times" == "example times")."""
    if not name:
        return None
    words = _WORD.findall(unicodedata.normalize("NFKD", name).casefold())
    if words[:1] == ["the"]:
        words = words[1:]
    return "".join(words) or None


def word_shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of ``size``-word runs of the lower-cased text (the whole text when shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signatures(texts: Iterable[str]) -> list[bytes]:
    """MinHash signatures of the texts' word shingles, as bytes to store."""
    hashes = MinHash.bulk([word_shingles(text) for text in texts], num_perm=NUM_PERM)
    return [h.hashvalues.astype(np.uint32).tobytes() for h in hashes]


def _signature_array(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


class NearDuplicateIndex:
    """MinHash LSH over stored signatures: which earlier articles a text nearly repeats."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, np.ndarray] = {}

    def add(self, key: str, signature: np.ndarray) -> None:
        self.lsh.insert(key, LeanMinHash(seed=1, hashvalues=signature, scheme=MINHASH_SCHEME))
        self.signatures[key] = signature

    def query(self, signature: np.ndarray) -> list[tuple[str, float]]:
        """Indexed keys whose estimated similarity reaches the threshold, with it."""
        found = self.lsh.query(LeanMinHash(seed=1, hashvalues=signature, scheme=MINHASH_SCHEME))
        scored = ((key, similarity(signature, self.signatures[key])) for key in found)
        return [(key, score) for key, score in scored if score >= self.threshold]


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
    """Union-find over article ids."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


UNKNOWN_OUTLET = ""  # articles whose outlet is not known, as candidates for a credited original


def _order_key(article: ArticleRow) -> tuple:
    """Earliest first; on the same day an article without a notice before one crediting another."""
    return (article.published or dt.date.max, article.original_outlet is not None or article.wire is not None,
            article.id)


def _within(a: dt.date | None, b: dt.date | None, days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= days


def link_articles(articles: list[ArticleRow], events: list[EventRow],
                  rules: StoryRules = StoryRules()) -> tuple[list[Story], dict[str, ArticleLink]]:
    """Cluster articles into stories and say which copies which; pure, deterministic."""
    ordered = sorted(articles, key=_order_key)
    by_id = {a.id: a for a in ordered}
    groups = _Groups(by_id)
    index = NearDuplicateIndex(rules.near_duplicate)
    first_by_url: dict[str, str] = {}
    by_outlet: dict[str, list[str]] = defaultdict(list)
    copies: dict[str, tuple[str, str]] = {}  # article id -> (root it copies, relation)
    for article in ordered:
        signature = _signature_array(article.minhash) if article.minhash else None
        found = _find_original(article, signature, first_by_url, by_outlet, index, by_id, rules)
        if found:
            root = copies.get(found[0], (found[0], ""))[0]
            copies[article.id] = (root, found[1])
            groups.union(article.id, root)
        if article.canonical_url:
            first_by_url.setdefault(article.canonical_url, article.id)
        by_outlet[outlet_key(article.outlet) or UNKNOWN_OUTLET].append(article.id)
        if signature is not None:
            index.add(article.id, signature)
    _link_shared(groups, by_id, ((a.title_key, a.id) for a in ordered if a.title_key), rules)
    _link_shared(groups, by_id, ((key, e.article_id) for e in events if (key := _event_signature(e))), rules)

    credited: dict[str, str] = {}  # an original of unknown outlet -> the outlet its copies credit
    for copy_id, (root, _) in copies.items():
        if by_id[copy_id].original_outlet and not _own_names(by_id[root]):
            credited.setdefault(root, by_id[copy_id].original_outlet)
    sources: dict[str, tuple[str, str | None]] = {}
    for article in ordered:
        root = copies.get(article.id, (None, ""))[0]
        sources[article.id] = sources[root] if root else _own_source(article, credited.get(article.id))

    members: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        members[groups.find(article.id)].append(article.id)
    stories: list[Story] = []
    links: dict[str, ArticleLink] = {}
    for ids in members.values():
        story_id = "st_" + hashlib.sha1(ids[0].encode()).hexdigest()[:16]
        dates = [by_id[i].published for i in ids if by_id[i].published]
        outlets = {by_id[i].outlet or sources[i][1] for i in ids} - {None}
        stories.append(Story(id=story_id, article_ids=tuple(ids), first_seen=min(dates, default=None),
                             last_seen=max(dates, default=None), outlets=tuple(sorted(outlets))))
        for i in ids:
            root, relation = copies.get(i, (None, ""))
            article = by_id[i]
            relation = relation or ("credits" if article.original_outlet or article.wire else "original")
            links[i] = ArticleLink(i, story_id, root, relation, *sources[i])
    stories.sort(key=lambda s: (s.first_seen or dt.date.max, s.id))
    return stories, links


def _find_original(article: ArticleRow, signature: np.ndarray | None, first_by_url: dict[str, str],
                   by_outlet: dict[str, list[str]], index: NearDuplicateIndex,
                   by_id: dict[str, ArticleRow], rules: StoryRules) -> tuple[str, str] | None:
    """The earlier article this one copies, and how that was seen; None for an original."""
    if article.canonical_url in first_by_url:
        return first_by_url[article.canonical_url], "same_url"
    if signature is None:
        return None
    near = index.query(signature)
    if near:
        return min(near, key=lambda found: (-found[1], _order_key(by_id[found[0]])))[0], "near_duplicate"
    credited = outlet_key(article.original_outlet)
    if not credited:
        return None
    when = article.original_published or article.published
    candidates = by_outlet.get(credited, []) + by_outlet.get(UNKNOWN_OUTLET, [])
    scored = [
        (similarity(signature, index.signatures[other]), other) for other in candidates
        if other in index.signatures and _within(by_id[other].published, when, rules.window_days)
    ]
    best = max(scored, default=None, key=lambda pair: pair[0])  # ties: the earliest, listed first
    if best and best[0] >= rules.syndicated:
        return best[1], "syndicated"
    return None


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


def _link_shared(groups: _Groups, by_id: dict[str, ArticleRow], keyed: Iterable[tuple[object, str]],
                 rules: StoryRules) -> None:
    """Join articles sharing a key when they fall within the window of the first article of their
    run, so a recurring key (the same pair clashing every week) starts a new story each window
    instead of chaining months of articles into one."""
    holders: dict[object, list[str]] = defaultdict(list)
    for key, article_id in keyed:
        holders[key].append(article_id)
    for ids in holders.values():
        ordered = sorted(set(ids), key=lambda i: _order_key(by_id[i]))
        first = ordered[0]
        for later in ordered[1:]:
            if _within(by_id[first].published, by_id[later].published, rules.window_days):
                groups.union(later, first)
            else:
                first = later


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


def update_stories(store: Store, *, rules: StoryRules = StoryRules()) -> int:
    """Cluster the stored articles into stories and merge their events; returns the number of stories.

    Identities are computed once per article and cached; the clustering is recomputed whole
    from them, so running it twice gives the same rows.
    """
    con = store.con
    story_tables.ensure_schema(con)
    for batch in story_tables.texts_without_identity(con):
        hashes = signatures(text for _, text, _, _ in batch)
        story_tables.add_identities(con, [
            {"article_id": id, "canonical_url": canonical_url(url), "title_key": title_key(title),
             "minhash": signature}
            for (id, _, url, title), signature in zip(batch, hashes)
        ])
    articles = story_tables.articles(con)
    events = story_tables.events(con)
    stories, links = link_articles(articles, events, rules)
    merged = merge_events(events, links, {a.id: a for a in articles})
    titles = {a.id: a.title for a in articles}
    story_tables.replace_stories(
        con,
        stories=[{
            "id": s.id, "title": next((titles[i] for i in s.article_ids if titles[i]), None),
            "first_seen": s.first_seen, "last_seen": s.last_seen, "n_articles": len(s.article_ids),
            "n_sources": len({links[i].source_key for i in s.article_ids}),
            "article_ids": list(s.article_ids), "outlets": list(s.outlets),
            "sources": sorted({links[i].source_name or links[i].source_key for i in s.article_ids}),
        } for s in stories],
        story_events=[{
            "id": e.id, "story_id": e.story_id, "type": e.type, "actor_ids": list(e.actor_ids),
            "recipient_ids": list(e.recipient_ids), "place": e.place, "time_begin": e.time_begin,
            "time_end": e.time_end, "num_mentions": e.num_mentions, "num_articles": e.num_articles,
            "num_sources": e.num_sources, "sources": list(e.sources),
            "first_reported_by": e.first_reported_by, "first_reported_at": e.first_reported_at,
            "confirmed_by": e.stances.get("confirms", 0), "denied_by": e.stances.get("denies", 0),
            "stances": json.dumps(e.stances), "event_ids": list(e.event_ids),
            "article_ids": list(e.article_ids),
        } for e in merged],
        article_stories=[{
            "article_id": link.article_id, "story_id": link.story_id, "duplicate_of": link.duplicate_of,
            "relation": link.relation, "source_key": link.source_key, "source_name": link.source_name,
        } for link in links.values()],
        event_links=[{"event_id": event_id, "story_event_id": e.id} for e in merged for event_id in e.event_ids],
    )
    return len(stories)
