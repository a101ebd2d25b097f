"""Untrusted article data in a real headless Chromium: a feed's ``javascript:`` link is never
stored and never rendered as a link, the page forbids inline script, and ``/static/`` serves only
the page's assets; 405s say which methods are allowed."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from test_api import running_server
from test_web import browser  # noqa: F401 - the shared Chromium fixture
from tidings.errors import InputError
from tidings.ingest import make_article, read_bytes
from tidings.store import Store

EVIL = "javascript://%0aalert(document.domain)"
FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>
<item><title>Arrests in Tavir</title><link>{EVIL}</link>
<description>Police arrested two protest leaders in Tavir on Monday, officials said.</description></item>
</channel></rss>"""
SAFE_TEXT = "Police detained three journalists in Orlo on Tuesday, the ministry said."
OLD_TEXT = "Soldiers attacked a convoy near Castel on Wednesday, witnesses said."


@pytest.fixture(scope="module")
def site(tmp_path_factory, pipeline) -> Iterator[tuple[str, dict[str, str]]]:
    """A store with a feed article (javascript: link), a safe article and one whose stored URL
    was tampered with after ingest (as an older store might hold); the server over it."""
    db = tmp_path_factory.mktemp("xss") / "x.duckdb"
    [from_feed] = [item for item in read_bytes("courier.xml", FEED.encode()) if not isinstance(item, InputError)]
    safe = make_article(SAFE_TEXT, url="https://courier.example/orlo")
    old = make_article(OLD_TEXT, url="https://courier.example/castel")
    documents = list(pipeline.pipe([from_feed, safe, old]))
    with Store(db) as store:
        store.add(documents)
        store.con.execute("UPDATE articles SET url = ? WHERE id = ?", [EVIL, old.id])
        store.con.execute("UPDATE events SET url = ? WHERE article_id = ?", [EVIL, old.id])  # its copy
        stored = dict(store.con.execute("SELECT id, url FROM articles").fetchall())
    assert stored[from_feed.id] is None  # never stored as the article's URL
    events = {name: next(e.id for e in d.events) for name, d in zip(("feed", "safe", "old"), documents)}
    with running_server(db) as base:
        yield base, events


def _detail_links(context, base: str, event_id: str, dialogs: list[str]):
    """A fresh page showing the event; its detail's links' targets, and the page."""
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}/#event/{event_id}")
    page.locator("#detail .evidence").wait_for()
    return page.eval_on_selector_all("#detail a", "links => links.map(a => a.getAttribute('href'))"), page


def test_only_web_addresses_become_links_and_inline_script_never_runs(browser, site):  # noqa: F811
    base, events = site
    context = browser.new_context()
    dialogs: list[str] = []
    try:
        hrefs, _ = _detail_links(context, base, events["safe"], dialogs)
        assert "https://courier.example/orlo" in hrefs
        for name in ("feed", "old"):
            hrefs, page = _detail_links(context, base, events[name], dialogs)
            assert not [h for h in hrefs if not h.startswith(("#", "/", "http://", "https://"))], hrefs
            assert page.get_by_text("original page").count() == 0
        ran = page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.injected = true'; document.body.append(s); return window.injected === true; }""")
        assert ran is False, "the page ran an inline script"
        page.evaluate("""() => { const a = document.createElement('a'); a.href = 'javascript:alert(1)';
            a.id = 'evil'; a.textContent = 'x'; document.body.prepend(a); }""")
        page.click("#evil")
        page.wait_for_timeout(300)
        assert dialogs == []
    finally:
        context.close()


def test_page_sends_a_policy_forbidding_inline_script(site):
    base, _ = site
    policy = httpx.get(f"{base}/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert httpx.get(f"{base}/api").headers["x-content-type-options"] == "nosniff"


def test_static_serves_the_page_assets_only(site):
    base, _ = site
    assert httpx.get(f"{base}/static/app.js").status_code == 200
    for name in ("__init__.py", "countries.py", "../api.py"):
        assert httpx.get(f"{base}/static/{name}").status_code == 404, name


def test_wrong_method_is_405_with_allow(site):
    base, _ = site
    response = httpx.post(f"{base}/api/events")
    assert response.status_code == 405 and "GET" in response.headers["allow"]
