"""The analysts' page in headless Chromium against a real server: filter, open an event, see its
highlighted evidence and chain of sources, and the timeline, map and network drawn.

Screenshots go to ``tests/screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from test_api import build_corpus, running_server

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, pipeline) -> Iterator[str]:
    db = build_corpus(tmp_path_factory.mktemp("web") / "corpus.duckdb", pipeline)
    with running_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}; install the Debian package chromium")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site):
    # playwright's wait_for_function evaluates strings, which the page's policy forbids (no eval);
    # test_web_security.py checks the policy itself
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    page = context.new_page()
    outside: list[str] = []
    problems: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site)
               else (outside.append(route.request.url), route.abort()))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert outside == [], f"the page asked for resources outside the server: {outside}"
    assert problems == [], f"the page reported errors: {problems}"


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _marked(page, role: str) -> list[str]:
    """The article text each highlight of ``role`` covers (without its screen-reader label)."""
    return page.eval_on_selector_all(
        f"#detail .evidence mark.hl-{role}",
        "marks => marks.map(m => [...m.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(''))")


def test_web_filters_and_opens_an_event_with_its_evidence(page, site):
    page.goto(site + "/")
    rows = page.locator("#events tbody tr[data-id]")
    rows.first.wait_for()
    everything = rows.count()
    assaults = httpx.get(f"{site}/api/events", params={"type": "ASSAULT"}).json()["total"]
    page.get_by_label("Event type (PLOVER)").select_option("ASSAULT")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_function(f"document.querySelector('#count').textContent.startsWith('{assaults} events')")
    assert rows.count() == assaults < everything
    assert all(text.startswith("ASSAULT") for text in page.locator("#events tbody a").all_inner_texts())
    assert "type=ASSAULT" in page.url
    _shoot(page, "events-filtered")

    cells = page.locator('#events tr[data-id="t-shelling"] td').all_inner_texts()
    listed = httpx.get(f"{site}/api/events", params={"type": "ASSAULT", "limit": 500}).json()["events"]
    shelling = next(event for event in listed if event["id"] == "t-shelling")
    assert cells[2].startswith(shelling["actors"][0]["name"]) and "→" in cells[2]
    assert cells[3].startswith(shelling["location"]["name"])
    assert shelling["sources"][0]["stance"] in cells[4] and cells[5] == shelling["article"]["outlet"]

    page.locator('#events tr[data-id="t-shelling"] a').click()
    detail = page.locator("#detail")
    detail.wait_for(state="visible")
    assert page.locator("#detail-title").inner_text() == "ASSAULT: shelled"
    marks = {role: _marked(page, role) for role in ("actor", "trigger", "recipient", "place", "time", "source")}
    assert marks["actor"] == ["Rebels"] and marks["trigger"] == ["shelled"]
    assert marks["recipient"] == ["people"] and marks["place"] == ["Goma"] and marks["time"] == ["Sunday"]
    assert "according to" in " ".join(marks["source"])
    chain = page.locator("#detail ol.chain li")
    assert chain.count() == 3
    assert "Lakeside Monitor" in chain.nth(0).inner_text()
    assert "Global Wire Service" in chain.nth(1).inner_text()
    assert "United Nations" in chain.nth(2).inner_text() and "reports" in chain.nth(2).inner_text()
    _shoot(page, "event-detail")


def test_web_highlights_land_on_the_right_characters_after_emoji(page, site):
    page.goto(site + "/#event/t-fines")
    page.locator("#detail .evidence").wait_for()
    assert _marked(page, "place") == ["Zürich"]
    assert _marked(page, "trigger") == ["threatened"]
    assert _marked(page, "time") == ["Friday"]


def test_web_facet_buttons_filter(page, site):
    page.goto(site + "/")
    page.locator("#facet-lists button").first.wait_for()
    page.locator("#facet-lists button", has_text="CONSULT").click()
    page.wait_for_function("document.querySelector('#f-type').value === 'CONSULT' && "
                           "[...document.querySelectorAll('#events tbody a')].every(a => a.textContent.startsWith('CONSULT'))")
    assert "type=CONSULT" in page.url
    assert page.locator("#facet-lists button[aria-pressed=true]", has_text="CONSULT").count() == 1


def test_web_timeline_map_and_network_render(page, site):
    page.goto(site + "/")
    page.locator("#events tbody tr[data-id]").first.wait_for()

    page.get_by_role("tab", name="Timeline").click()
    bars = page.locator("#timeline svg rect.bar")
    bars.first.wait_for()
    assert {bars.nth(i).get_attribute("data-quad") for i in range(bars.count())} == {"1", "2", "3", "4"}
    _shoot(page, "timeline")
    page.get_by_label("Events per").select_option("day")
    page.wait_for_function("document.querySelectorAll('#timeline svg rect.bar').length >= 6")

    page.get_by_role("tab", name="Map").click()
    page.locator("#map svg circle.place").first.wait_for()
    assert page.locator("#map svg path.country").count() > 150
    assert page.locator("#map svg path.country.has-events").count() >= 5
    assert page.locator("#map svg circle.place").count() >= 6
    _shoot(page, "map")
    page.get_by_role("button", name=re.compile(r"^Goma \(COD\): \d+ events?\. Filter to this place\.$")).first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#f-place').value === 'Goma'")

    page.get_by_role("tab", name="Network").click()
    page.get_by_role("button", name="Filter by this actor").first.wait_for()
    page.get_by_role("button", name="Reset").click()
    page.wait_for_function("document.querySelectorAll('#network svg .node').length >= 8")
    assert page.locator("#network svg path.edge").count() >= 6
    _shoot(page, "network")


def test_web_is_usable_from_the_keyboard(page, site):
    page.goto(site + "/")
    page.locator("#events tbody tr[data-id]").first.wait_for()
    page.get_by_role("tab", name="Events").focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("tab", name="Timeline").get_attribute("aria-selected") == "true"
    assert page.locator("#panel-timeline").is_visible() and not page.locator("#panel-events").is_visible()
    page.keyboard.press("ArrowLeft")
    link = page.locator("#events tbody a").first
    link.focus()
    page.keyboard.press("Enter")
    page.locator("#detail").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "detail"
    unlabeled = page.evaluate("""[...document.querySelectorAll('input:not([type=hidden]), select')]
        .filter(el => !el.labels || !el.labels.length).map(el => el.id)""")
    assert unlabeled == []


def test_web_docs_page_lists_every_operation(page, site):
    page.goto(site + "/docs")
    page.locator("#endpoints section").first.wait_for()
    operations = httpx.get(f"{site}/openapi.json").json()["paths"]
    assert page.locator("#endpoints section").count() == sum(len(methods) for methods in operations.values())
    assert page.locator("#endpoints code", has_text="/api/events").count() >= 1
    _shoot(page, "docs")
