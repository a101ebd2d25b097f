"""HTTP API: a real uvicorn server on a free loopback port over a real DuckDB file.

The corpus is a handful of articles written for these tests.  The pipeline processes each;
the events a reader would code in them are annotated here (the event stage grows separately)
and stored with the pipeline's own records through :class:`Store`, as ``tidings ingest`` does.
Helpers here (``build_corpus``, ``running_server``) are shared with the page and export tests.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pyarrow.parquet
import pytest
import uvicorn

from tidings.api import create_app
from tidings.export import gdelt, plover  # noqa: F401 - registers the exporters
from tidings.ingest import make_article
from tidings.model import (ActorRef, Event, EventTime, Magnitude, Place, Source, Span,
                           Syndication, TimeExpr)
from tidings.settings import Settings
from tidings.store import Store


@dataclass
class Who:
    """An annotated participant: its surface text in the sentence and what it resolves to."""

    text: str
    name: str
    country: str | None
    sector: tuple[str, ...] = ()


@dataclass
class Coded:
    """An event a reader codes in one sentence of a test article."""

    key: str
    sentence: str
    trigger: str
    type: str
    cameo: str
    quad: int
    goldstein: float
    actor: Who
    recipient: Who | None = None
    place: tuple[str, str, str, float, float, str] | None = None  # text, name, country, lat, lon, precision
    time: tuple[str, str] | None = None  # text, ISO date
    sources: list[tuple[Who | None, str, str]] = field(default_factory=list)  # speaker, stance, cue
    dead: int | None = None
    modality: str = "asserted"


@dataclass
class Written:
    """A test article: its text, its metadata and its coded events."""

    text: str
    published: str
    outlet: str
    title: str
    events: list[Coded]
    wire: str | None = None
    story: str | None = None


CORPUS = [
    Written(
        "Police in Lagos arrested forty protesters on Tuesday, the interior ministry said. "
        "Organisers of the march called the arrests unlawful and demanded their release.",
        "2024-01-10", "Harbor Gazette", "Arrests at a Lagos march", [
            Coded("arrest", "Police in Lagos", "arrested", "COERCE", "173", 4, -5.0,
                  Who("Police", "Nigeria police", "NGA", ("COP",)), Who("protesters", "protesters", "NGA", ("OPP",)),
                  ("Lagos", "Lagos", "NGA", 6.45, 3.39, "city"), ("Tuesday", "2024-01-09"),
                  [(Who("the interior ministry", "Nigeria interior ministry", "NGA", ("GOV",)), "reports", "said")]),
            Coded("demand", "Organisers of the march", "demanded", "REQUEST", "100", 3, -5.0,
                  Who("Organisers", "march organisers", "NGA", ("OPP",)),
                  Who("Police", "Nigeria police", "NGA", ("COP",))),
        ]),
    Written(
        "The foreign ministers of Chile and Peru met in Lima on Wednesday to discuss fishing rights, "
        "officials from both governments confirmed.",
        "2024-02-15", "Andes Daily", "Ministers talk fish", [
            Coded("talks", "The foreign ministers", "met", "CONSULT", "040", 1, 1.0,
                  Who("Chile", "Chile", "CHL", ("GOV",)), Who("Peru", "Peru", "PER", ("GOV",)),
                  ("Lima", "Lima", "PER", -12.05, -77.04, "city"), ("Wednesday", "2024-02-14"),
                  [(Who("officials", "government officials", None, ("GOV",)), "confirms", "confirmed")]),
        ], story="story-fish"),
    Written(
        "Chilean and Peruvian negotiators met again in Lima this week over fishing quotas, "
        "a spokesperson in Santiago said.",
        "2024-02-16", "Pacific Ledger", "Fishing talks resume", [
            Coded("talks-again", "Chilean and Peruvian", "met", "CONSULT", "040", 1, 1.0,
                  Who("Chilean", "Chile", "CHL", ("GOV",)), Who("Peruvian", "Peru", "PER", ("GOV",)),
                  ("Lima", "Lima", "PER", -12.05, -77.04, "city"), None,
                  [(Who("a spokesperson", "Chile government spokesperson", "CHL", ("GOV",)), "reports", "said")]),
        ], story="story-fish"),
    Written(
        "Rebels shelled a market in Goma on Sunday, killing five people, according to a United Nations "
        "spokesperson. The army denied that its soldiers had fired on villagers near Sake.",
        "2024-02-20", "Lakeside Monitor", "Market shelled", [
            Coded("shelling", "Rebels shelled", "shelled", "ASSAULT", "194", 4, -10.0,
                  Who("Rebels", "rebels", "COD", ("REB",)), Who("people", "civilians", "COD", ("CVL",)),
                  ("Goma", "Goma", "COD", -1.68, 29.22, "city"), ("Sunday", "2024-02-18"),
                  [(Who("a United Nations spokesperson", "United Nations", None, ("IGO",)), "reports",
                    "according to")], dead=5),
            Coded("firing", "The army denied", "fired", "ASSAULT", "190", 4, -10.0,
                  Who("its soldiers", "Congo army", "COD", ("MIL",)), Who("villagers", "civilians", "COD", ("CVL",)),
                  ("Sake", "Sake", "COD", -1.57, 29.04, "city"), None,
                  [(Who("The army", "Congo army", "COD", ("MIL",)), "denies", "denied")], modality="denied"),
        ], wire="Global Wire Service"),
    Written(
        "Norway pledged twenty million dollars in aid to flood victims in Bangladesh on Monday, "
        "a statement from its embassy said.",
        "2024-03-05", "Harbor Gazette", "Flood aid pledged", [
            Coded("aid", "Norway pledged", "pledged", "AID", "070", 2, 7.0,
                  Who("Norway", "Norway", "NOR", ("GOV",)), Who("flood victims", "flood victims", "BGD", ("CVL",)),
                  ("Bangladesh", "Bangladesh", "BGD", 23.7, 90.35, "country"), ("Monday", "2024-03-04"),
                  [(Who("its embassy", "Norway embassy", "NOR", ("GOV",)), "reports", "said")]),
        ]),
    Written(
        "Builders 🚧 in Zürich were warned on Friday: the city council threatened to fine contractors "
        "who ignore the noise rules, a council member told reporters.",
        "2024-03-10", "Alpine Courier", "Noise fines", [
            Coded("fines", "the city council", "threatened", "THREATEN", "130", 3, -4.4,
                  Who("the city council", "Zurich city council", "CHE", ("GOV",)),
                  Who("contractors", "contractors", "CHE", ("BUS",)),
                  ("Zürich", "Zurich", "CHE", 47.37, 8.54, "city"), ("Friday", "2024-03-08"),
                  [(Who("a council member", "Zurich city council", "CHE", ("GOV",)), "reports", "told")]),
        ]),
]


def _span(text: str, surface: str, near: int = 0) -> Span:
    """The occurrence of ``surface`` in ``text`` nearest to offset ``near``."""
    starts = [i for i in range(len(text)) if text.startswith(surface, i)]
    if not starts:
        raise ValueError(f"{surface!r} not in the test article")
    start = min(starts, key=lambda i: abs(i - near))
    return Span(start, start + len(surface), surface)


def _ref(text: str, who: Who, near: int) -> ActorRef:
    span = _span(text, who.text, near)
    return ActorRef(who.name.lower().replace(" ", "-"), who.name, who.country, who.sector,
                    span.start, span.end, span.text)


def _coded_event(article_id: str, text: str, coded: Coded) -> tuple[Event, TimeExpr | None]:
    anchor = text.index(coded.sentence)
    sentence_end = text.find(". ", anchor)
    sentence = Span(anchor, len(text) if sentence_end < 0 else sentence_end + 1,
                    text[anchor:len(text) if sentence_end < 0 else sentence_end + 1])
    trigger = _span(text, coded.trigger, anchor)
    place = None
    if coded.place:
        surface, name, country, lat, lon, precision = coded.place
        at = _span(text, surface, trigger.start)
        place = Place(at.start, at.end, at.text, name, None, country, None, lat, lon, None, precision)
    time_expr, event_time = None, None
    if coded.time:
        surface, iso = coded.time
        at = _span(text, surface, trigger.start)
        day = dt.date.fromisoformat(iso)
        time_expr = TimeExpr(at.start, at.end, at.text, iso, "DATE", day, day, "day")
        event_time = EventTime(day, day, "day", surface)
    sources = tuple(
        Source(_ref(text, who, trigger.start) if who else None, None, stance, _span(text, cue, trigger.start),
               level="sentence")
        for who, stance, cue in coded.sources)
    event = Event(
        id=f"t-{coded.key}", type=coded.type, mode=None, context=(), cameo=coded.cameo,
        quad_class=coded.quad, goldstein=coded.goldstein, actors=(_ref(text, coded.actor, trigger.start),),
        recipients=(_ref(text, coded.recipient, trigger.end),) if coded.recipient else (),
        trigger=trigger, sentence=sentence, location=place, location_role="site" if place else None,
        time=event_time, magnitude=Magnitude(dead=coded.dead) if coded.dead else None,
        modality=coded.modality, sources=sources, rule="test-annotation",
    )
    return event, time_expr


def build_corpus(db_path: Path, pipeline: Any) -> Path:
    """Process the test articles, add their coded events, store them, and cluster the stories."""
    documents = []
    for written in CORPUS:
        article = make_article(written.text, published=written.published, outlet=written.outlet,
                               title=written.title, url=f"https://news.example/{written.title.lower().replace(' ', '-')}")
        if written.wire:
            article = _with(article, syndication=Syndication(wire=written.wire))
        found = pipeline.process(article)
        coded = [_coded_event(article.id, article.text, c) for c in written.events]
        documents.append(_with(
            found, events=(*found.events, *(e for e, _ in coded)),
            times=(*found.times, *(t for _, t in coded if t)),
        ))
    with Store(db_path) as store:
        store.add(documents)
        # what the stories stage records for articles it clusters together
        for written, document in zip(CORPUS, documents):
            if written.story:
                store.con.execute("UPDATE articles SET story_id = ? WHERE id = ?", [written.story, document.article.id])
                store.con.execute("UPDATE events SET story_event_id = ? WHERE article_id = ? AND id LIKE 't-%'",
                                  [f"{written.story}-talks", document.article.id])
    return db_path


def _with(record: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(record, **changes)


def _wait_until_responds(url: str, alive: Any, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or not alive():
            raise RuntimeError(f"{url} did not answer")
        time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(db_path: Path, settings: Settings | None = None) -> Iterator[str]:
    """The API over ``db_path`` in a uvicorn thread on a free loopback port; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_path, settings), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    _wait_until_responds(f"{base}/api", thread.is_alive)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, pipeline) -> Path:
    return build_corpus(tmp_path_factory.mktemp("api") / "corpus.duckdb", pipeline)


@pytest.fixture(scope="module")
def api(corpus_db) -> Iterator[httpx.Client]:
    with running_server(corpus_db, Settings(max_page_size=50)) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def _ids(client: httpx.Client, **params: Any) -> list[str]:
    response = client.get("/api/events", params={"limit": 50, **params})
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["events"]]


def _coded(client: httpx.Client, **params: Any) -> set[str]:
    return {i for i in _ids(client, **params) if i.startswith("t-")}


def test_api_filters_select_the_matching_events(api):
    assert _coded(api, type="ASSAULT") == {"t-shelling", "t-firing"}
    assert _coded(api, country="per") == {"t-talks", "t-talks-again"}
    assert _coded(api, quad_class=2) == {"t-aid"}
    assert _coded(api, place="goma") == {"t-shelling"}
    assert _coded(api, bbox="28,-3,30,0") == {"t-shelling", "t-firing"}
    assert _coded(api, source="United Nations") == {"t-shelling"}
    assert _coded(api, stance="denies") == {"t-firing"}
    assert _coded(api, story="story-fish") == {"t-talks", "t-talks-again"}
    assert _coded(api, recipient="civilians") == {"t-shelling", "t-firing"}
    assert _coded(api, actor="Norway", text="flood") == {"t-aid"}
    assert "t-firing" not in _coded(api, happened="true")
    assert _coded(api, since="2024-03-01", until="2024-03-31") == {"t-aid", "t-fines"}
    # a filter value is data, never SQL
    assert _ids(api, actor="x' OR '1'='1") == []


def test_api_sorts_by_whitelisted_columns_and_pages(api):
    rows = api.get("/api/events", params={"sort": "-goldstein", "limit": 50}).json()["events"]
    scores = [r["goldstein"] for r in rows if r["goldstein"] is not None]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 8
    everything = _ids(api, sort="published")
    pages = [_ids(api, sort="published", limit=3, offset=o) for o in range(0, len(everything), 3)]
    assert [i for page in pages for i in page] == everything
    assert api.get("/api/events").json()["limit"] == 50  # the default page never exceeds the cap
    body = api.get("/api/events", params={"limit": 3}).json()
    assert body["total"] == len(everything) and len(body["events"]) == 3
    refused = api.get("/api/events", params={"sort": "sentence_text; DROP TABLE events"})
    assert refused.status_code == 422 and "sort" in refused.json()["error"]


@pytest.mark.parametrize("params, word", [
    ({"limit": 51}, "limit"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset"),
    ({"since": "yesterday"}, "since"), ({"quad_class": 9}, "quad_class"), ({"type": "HUG"}, "type"),
    ({"country": "Narnia"}, "country"), ({"bbox": "1,2,3"}, "bbox"), ({"bbox": "0,95,10,40"}, "bbox"),
    ({"until": "0"}, "until"), ({"actor": "x" * 500}, "actor"),
])
def test_api_bad_parameters_get_422_with_the_parameter_named(api, params, word):
    response = api.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False and body["status"] == 422 and word in body["error"]


def test_api_crossed_bounds_select_nothing(api):
    for params in ({"since": "2024-03-01", "until": "2024-01-01"}, {"bbox": "0,50,10,40"}):
        response = api.get("/api/events", params=params)
        assert response.status_code == 200 and response.json()["total"] == 0, params


def test_api_unknown_things_get_404_in_the_error_shape(api):
    for path in ("/api/events/nope", "/api/articles/nope", "/api/stories/nope", "/api/nothing-here"):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json()["ok"] is False and response.json()["status"] == 404


def test_api_event_carries_evidence_spans_sources_and_mentions(api):
    event = api.get("/api/events/t-talks").json()["event"]
    text = api.get(f"/api/articles/{event['article_id']}").json()["article"]["text"]
    roles = {span["role"] for span in event["spans"]}
    assert {"actor", "recipient", "trigger", "place", "time", "source"} <= roles
    for span in event["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    evidence = event["evidence"]
    assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    assert all(evidence["start"] <= s["start"] and s["end"] <= evidence["end"] for s in event["spans"])
    chain = event["chain"]
    assert chain[0] == {"kind": "outlet", "name": "Andes Daily", "published": "2024-02-15", "stance": "reports"}
    assert chain[-1]["name"] == "government officials" and chain[-1]["stance"] == "confirms"
    assert [m["id"] for m in event["mentions"]] == ["t-talks-again"]


def test_api_event_chain_names_the_wire_and_offsets_survive_emoji(api):
    shelling = api.get("/api/events/t-shelling").json()["event"]
    assert [link["name"] for link in shelling["chain"][:2]] == ["Lakeside Monitor", "Global Wire Service"]
    fines = api.get("/api/events/t-fines").json()["event"]
    text = api.get(f"/api/articles/{fines['article_id']}").json()["article"]["text"]
    place = next(s for s in fines["spans"] if s["role"] == "place")
    assert text[place["start"]:place["end"]] == "Zürich"


def test_api_article_story_and_actor_listings(api):
    articles = api.get("/api/articles", params={"limit": 50}).json()
    assert articles["total"] == len(CORPUS)
    harbor = api.get("/api/articles", params={"outlet": "harbor"}).json()["articles"]
    assert {a["title"] for a in harbor} == {"Arrests at a Lagos march", "Flood aid pledged"}
    one = api.get(f"/api/articles/{harbor[0]['id']}").json()["article"]
    assert one["text"] and all(e["article_id"] == one["id"] for e in one["events"])
    stories = api.get("/api/stories").json()["stories"]
    fish = next(s for s in stories if s["id"] == "story-fish")
    assert fish["n_articles"] == 2 and fish["outlets"] == ["Andes Daily", "Pacific Ledger"]
    story = api.get("/api/stories/story-fish").json()["story"]
    assert len(story["articles"]) == 2
    actors = api.get("/api/actors", params={"name": "civilians"}).json()["actors"]
    assert actors[0]["as_recipient"] == 2 and actors[0]["country"] == "COD"


def test_api_timeline_counts_add_up_to_the_selection(api):
    total = api.get("/api/events", params={"limit": 1}).json()["total"]
    for interval in ("day", "month"):
        counts = api.get("/api/timeline", params={"interval": interval}).json()["counts"]
        assert sum(c["events"] for c in counts) == total
        assert all(1 <= c["quad_class"] <= 4 for c in counts if c["quad_class"] is not None)
    months = api.get("/api/timeline", params={"interval": "month", "quad_class": 4}).json()["counts"]
    assert {c["period"] for c in months} >= {"2024-01-01", "2024-02-01"}
    assert api.get("/api/timeline", params={"interval": "fortnight"}).status_code == 422


def test_api_network_and_places(api):
    network = api.get("/api/network", params={"actor": "Chile"}).json()
    edge = next(e for e in network["edges"] if e["source"] == "chile" and e["target"] == "peru")
    assert edge["weight"] == 2
    assert {n["id"] for n in network["nodes"]} >= {"chile", "peru"}
    places = api.get("/api/places").json()
    lima = next(p for p in places["places"] if p["name"] == "Lima")
    assert lima["events"] >= 2 and lima["country"] == "PER"
    assert {c["country"] for c in places["countries"]} >= {"NGA", "PER", "COD", "BGD", "CHE"}


def test_api_serves_country_shapes(api):
    shapes = api.get("/api/geo/countries").json()
    assert shapes["type"] == "FeatureCollection" and len(shapes["features"]) > 150
    by_code = {f["properties"]["iso3"]: f for f in shapes["features"]}
    peru = by_code["PER"]["geometry"]["coordinates"]
    lons = [p[0] for polygon in peru for ring in polygon for p in ring]
    assert -82 < min(lons) < max(lons) < -68


def test_api_downloads_match_the_listing(api, tmp_path):
    params = {"country": "COD"}
    listed = set(_ids(api, **params))
    csv_text = api.get("/api/download/csv", params=params)
    assert csv_text.status_code == 200 and "filename=" in csv_text.headers["content-disposition"]
    assert {row["id"] for row in csv.DictReader(io.StringIO(csv_text.text))} == listed
    parquet = tmp_path / "events.parquet"
    parquet.write_bytes(api.get("/api/download/parquet", params=params).content)
    assert set(pyarrow.parquet.read_table(parquet).column("id").to_pylist()) == listed
    tsv = api.get("/api/download/gdelt", params=params).text.splitlines()
    assert len(tsv) == len(listed) and all(len(line.split("\t")) == 61 for line in tsv)
    assert api.get("/api/download/xlsx").status_code == 422


def test_api_docs_and_page_need_no_network(api):
    assert api.get("/openapi.json").json()["info"]["title"] == "tidings"
    for path in ("/docs", "/"):
        page = api.get(path)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert "https://" not in page.text and "http://" not in page.text



def test_api_cli_serves_the_database_read_only_in_another_process(corpus_db, api):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db", str(corpus_db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_responds(f"http://127.0.0.1:{port}/api", lambda: server.poll() is None)
        # two servers read the same file at once: both opened it read-only
        assert httpx.get(f"http://127.0.0.1:{port}/api").json()["events"] == api.get("/api").json()["events"]
    finally:
        server.terminate()
        server.wait(10)
