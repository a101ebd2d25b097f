"""The page over a database built from the seed article: its events with their sources and places."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from test_api import running_server
from test_web import _shoot, browser  # noqa: F401 - the shared headless Chromium fixture
from tidings.ingest import make_article
from tidings.store import Store


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory, pipeline, seed_text) -> Iterator[str]:
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    with Store(db) as store:
        store.add(pipeline.pipe([make_article(seed_text, source_path="seed.txt")]))
    with running_server(db) as base:
        yield base


def test_web_seed_events_show_sources_and_places(browser, seed_site):  # noqa: F811
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(seed_site)
               else route.abort())
    page.goto(seed_site + "/")
    rows = page.locator("#events tbody tr[data-id]")
    rows.first.wait_for()
    table = page.locator("#events tbody").inner_text()
    assert "Sinai" in table and "Gaza" in table  # places of the strikes and the tunnel
    assert "New York Times" in table  # who says so

    strikes = page.locator("#events tbody tr[data-id]", has_text="strikes")
    strikes.first.locator("a").click()
    page.locator("#detail .evidence").wait_for()
    chain = page.locator("#detail ol.chain").inner_text()
    assert "New York Times" in chain and "confirms" in chain and "declines_to_confirm" in chain.replace(" ", "_")
    marks = page.eval_on_selector_all("#detail .evidence mark.hl-trigger", "ms => ms.map(m => m.textContent)")
    assert any("strikes" in m for m in marks)
    _shoot(page, "seed-event")
    page.close()
