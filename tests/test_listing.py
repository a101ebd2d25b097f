"""Listings at any depth: keyset (cursor) pages, and facets counted by aggregate queries.

Runs over the API test corpus (``test_api.build_corpus``): the pipeline's own events plus the
events a reader codes in each test article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from test_api import build_corpus, running_server
from tidings.settings import Settings
from tidings.store.paging import SORT_KEYS, encode_cursor


@pytest.fixture(scope="module")
def api(tmp_path_factory, pipeline) -> Iterator[httpx.Client]:
    db = build_corpus(tmp_path_factory.mktemp("listing") / "corpus.duckdb", pipeline)
    with running_server(db, Settings(max_page_size=200)) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def _listing(api: httpx.Client, **params: Any) -> dict[str, Any]:
    response = api.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _by_cursor(api: httpx.Client, size: int, **params: Any) -> list[str]:
    """Every event id of a listing, page by page through ``next_cursor``."""
    ids, cursor = [], None
    while True:
        body = _listing(api, limit=size, **params, **({"cursor": cursor} if cursor else {}))
        ids += [row["id"] for row in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return ids
        assert len(body["events"]) == size  # only a full page has a next page


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_listing_cursor_pages_walk_the_whole_order_for_every_sort(api, sort):
    whole = _listing(api, limit=200, sort=sort)
    everything = [row["id"] for row in whole["events"]]
    assert whole["total"] == len(everything) > 10
    assert _by_cursor(api, 3, sort=sort) == everything
    assert _by_cursor(api, 4, sort=sort, quad_class=4) == [
        row["id"] for row in _listing(api, limit=200, sort=sort, quad_class=4)["events"]]


def test_listing_cursor_and_offset_pages_agree_and_nulls_come_last(api):
    everything = [row["id"] for row in _listing(api, limit=200, sort="-dead")["events"]]
    by_offset = [i for start in range(0, len(everything), 5)
                 for i in (row["id"] for row in _listing(api, limit=5, offset=start, sort="-dead")["events"])]
    assert by_offset == everything
    rows = _listing(api, limit=200, sort="-dead")["events"]
    dead = [(row["magnitude"] or {}).get("dead") for row in rows]
    known = [d for d in dead if d is not None]
    assert known and dead[:len(known)] == sorted(known, reverse=True)  # NULLs after every value


@pytest.mark.parametrize("cursor, word", [
    ("not a cursor", "cursor"), ("e30", "cursor"),  # e30: base64 of {}
    (encode_cursor("type", ("AID", "2024-01-01", "a", 1, "x")), "sort"),
    (encode_cursor("published", ("yesterday", "a", 1, "x")), "cursor"),
])
def test_listing_bad_cursors_get_422_naming_the_problem(api, cursor, word):
    response = api.get("/api/events", params={"cursor": cursor, "sort": "published"})
    assert response.status_code == 422 and word in response.json()["error"]


def _naive_facets(api: httpx.Client, **params: Any) -> dict[str, Counter]:
    """Facet counts made by hand from the full listing and each event's own record."""
    rows = _listing(api, limit=200, **params)["events"]
    values = {"type": lambda row: row["type"], "quad_class": lambda row: row["quad_class"],
              "country": lambda row: (row["location"] or {}).get("country"),
              "outlet": lambda row: row["article"]["outlet"], "modality": lambda row: row["modality"]}
    counts = {name: Counter(value for row in rows if (value := of(row)) is not None)
              for name, of in values.items()}
    stances = (api.get(f"/api/events/{row['id']}").json()["event"]["sources"] for row in rows)
    counts["stance"] = Counter(sources[0]["stance"] for sources in stances if sources)
    return counts


@pytest.mark.parametrize("params", [{}, {"quad_class": 4}, {"country": "PER"}, {"story": "story-fish"}])
def test_listing_facets_match_a_naive_count(api, params):
    facets = _listing(api, limit=1, facets="true", **params)["facets"]
    expected = _naive_facets(api, **params)
    assert set(facets) == set(expected)
    for name, counter in expected.items():
        assert {f["value"]: f["count"] for f in facets[name]} == dict(counter), name
        assert [f["count"] for f in facets[name]] == sorted((f["count"] for f in facets[name]), reverse=True)
