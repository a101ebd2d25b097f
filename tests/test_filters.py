"""One registry of event filters: the API's parameters, the CLI's options and the page's facets
all come from it, and a value no filter accepts is an error, not an empty result."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from test_api import build_corpus, running_server
from tidings.model import EVENT_TYPES, MODALITIES, PLOVER_TYPES, STANCES
from tidings.store import EventQuery, Store
from tidings.store.filters import FILTERS, FilterError, facet_expressions, like, parse

LISTINGS = ("/api/events", "/api/actors", "/api/timeline", "/api/network", "/api/places", "/api/download/{fmt}")


@pytest.fixture(scope="module")
def api(tmp_path_factory, pipeline) -> Iterator[httpx.Client]:
    db = build_corpus(tmp_path_factory.mktemp("filters") / "corpus.duckdb", pipeline)
    with running_server(db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def _ids(api: httpx.Client, **params) -> set[str]:
    response = api.get("/api/events", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return {row["id"] for row in response.json()["events"]}


def test_filters_every_listing_documents_every_filter_with_its_help_and_choices(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in LISTINGS:
        parameters = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert set(FILTERS) <= set(parameters), path
        for name, definition in FILTERS.items():
            assert parameters[name]["description"] == definition.help
    events = {p["name"]: p["schema"] for p in paths["/api/events"]["get"]["parameters"]}
    for name, choices in (("type", EVENT_TYPES), ("stance", STANCES), ("modality", MODALITIES)):
        listed = [v for option in events[name]["anyOf"] for v in option.get("enum", [])]
        assert listed == list(choices)


def test_filters_cli_events_has_an_option_for_every_filter():
    done = subprocess.run([sys.executable, "-m", "tidings", "events", "--help"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})
    options = set(re.findall(r"--([a-z-]+)", done.stdout))
    assert {name.replace("_", "-") for name in FILTERS} <= options


@pytest.mark.parametrize("args, expected", [
    (["--type", "FOO"], ["--type", *PLOVER_TYPES]),
    (["--country", "Narnia"], ["--country", "ISO", "alpha-3"]),
    (["--quad-class", "9"], ["--quad-class"]),
    (["--stance", "maybe"], ["--stance", *STANCES]),
    (["--bbox", "1,2,3"], ["--bbox"]),
])
def test_filters_cli_unknown_values_are_errors_naming_what_is_accepted(tmp_path, args, expected):
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    done = subprocess.run([sys.executable, "-m", "tidings", "events", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    for word in expected:
        assert word in done.stderr


def test_filters_cli_accepts_a_country_name(tmp_path):
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    done = subprocess.run([sys.executable, "-m", "tidings", "events", "--db", str(db), "--country", "Israel",
                           "--type", "assault", "--format", "json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""  # JSON Lines: no event, no line


def test_filters_parse_names_codes_and_refuses_the_rest():
    assert parse("country", "Israel") == parse("country", "israel") == "ISR"
    assert parse("country", "Russia") == "RUS" and parse("country", "per") == "PER"
    assert parse("type", "assault") == "ASSAULT" and parse("stance", "Denies") == "denies"
    for name, value in (("country", "Narnia"), ("type", "HUG"), ("quad_class", "0"), ("since", "soon"),
                        ("bbox", "0,95,10,40"), ("modality", "maybe")):
        with pytest.raises(FilterError, match=name):
            parse(name, value)


def test_filters_country_names_select_what_codes_select(api):
    assert _ids(api, country="Peru") == _ids(api, country="PER") != set()
    assert _ids(api, country="Democratic Republic of the Congo") == _ids(api, country="COD") != set()
    response = api.get("/api/events", params={"country": "Narnia"})
    assert response.status_code == 422 and "ISO 3166 alpha-3" in response.json()["error"]


def test_filters_words_are_matched_literally_not_as_like_patterns(api):
    assert _ids(api, text="%") == set() and _ids(api, actor="_") == set()
    assert _ids(api, text="flood") != set()
    assert like("a%b_c\\") == "%a\\%b\\_c\\\\%"


def test_filters_facets_are_the_filters_with_a_facet_and_filter_what_they_count(api):
    facets = api.get("/api/events", params={"limit": 1, "facets": "true"}).json()["facets"]
    assert set(facets) == set(facet_expressions())
    for name, values in facets.items():
        for entry in values[:3]:
            total = api.get("/api/events", params={"limit": 1, name: entry["value"]}).json()["total"]
            assert total >= entry["count"]  # the facet value, used as the filter, selects them


def test_filters_event_query_normalises_like_the_api():
    where, params = EventQuery(type="assault", country="Peru", outlet="Andes Daily").where()
    assert params == ["ASSAULT", "PER", "PER", "Andes Daily"]
    assert where.count("?") == len(params)


def test_filters_openapi_documents_the_nested_events_the_listing_returns(api):
    from dataclasses import fields

    from tidings.model import Event
    from tidings.store.queries import ARTICLE_FIELDS

    schema = api.get("/openapi.json").json()["components"]["schemas"]
    listed_schema = schema["ListedEvent"]["properties"]
    assert list(listed_schema) == [f.name for f in fields(Event)] + ["article", "story_event_id"]
    assert list(schema["ArticleRef"]["properties"]) == list(ARTICLE_FIELDS)
    assert listed_schema["goldstein"]["type"] == "number"
    listed = api.get("/api/events", params={"limit": 5}).json()["events"]
    assert listed and all(list(event) == list(listed_schema) for event in listed)
    for event in listed:
        assert set(event["trigger"]) == {"start", "end", "text"}
        article = api.get(f"/api/articles/{event['article']['id']}").json()["article"]
        assert article["text"][event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]
