"""Feeds from http(s) URLs, served by a real http.server on a free loopback port."""

from __future__ import annotations

import gzip
import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from tidings.errors import InputError
from tidings.ingest.feeds import is_url, read_url
from tidings.settings import Settings

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>
<item><title>Bridge reopens in Halden</title><link>https://courier.example/bridge</link>
<pubDate>Mon, 01 Jul 2024 08:00:00 GMT</pubDate>
<description>Engineers reopened the old bridge in Halden on Monday after repairs.</description></item>
</channel></rss>"""
PAGE = b"""<html><head><title>Grain exports resume | Atlas Bulletin</title></head><body><article>
<h1>Grain exports resume</h1>
<p>Grain ships left the port of Meridan on Wednesday for the first time in three weeks, harbour officials said.</p>
<p>Exporters had waited for inspectors to clear a backlog of cargo, and traders expect prices to ease.</p>
<p>The harbour authority said it would publish a new loading schedule by the end of the month.</p>
</article></body></html>"""
ROUTES = {
    "/feed": ("application/rss+xml", FEED),
    "/feed.xml.gz": ("application/gzip", gzip.compress(FEED)),
    "/story": ("text/html; charset=utf-8", PAGE),
    "/big": ("application/rss+xml", FEED + b" " * 5000),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/feed")
            self.end_headers()
            return
        if self.path not in ROUTES:
            self.send_error(404)
            return
        content_type, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feeds_http_feed_url_gives_articles_located_at_the_url(server: str) -> None:
    [article] = read_url(f"{server}/feed")
    assert article.outlet == "Valley Courier" and article.title == "Bridge reopens in Halden"
    assert article.source_path == f"{server}/feed#1"
    assert article.url == "https://courier.example/bridge"


def test_feeds_http_follows_redirects_and_reads_compressed_feeds(server: str) -> None:
    assert [a.title for a in read_url(f"{server}/moved")] == ["Bridge reopens in Halden"]
    assert [a.title for a in read_url(f"{server}/feed.xml.gz")] == ["Bridge reopens in Halden"]


def test_feeds_http_html_page_is_read_as_one_article(server: str) -> None:
    [article] = read_url(f"{server}/story")
    assert "Grain ships left the port of Meridan on Wednesday" in article.text
    assert "<" not in article.text and article.title == "Grain exports resume"
    assert article.source_path == f"{server}/story"


def test_feeds_http_errors_name_the_url(server: str) -> None:
    [missing] = read_url(f"{server}/nothing")
    assert isinstance(missing, InputError) and missing.path == f"{server}/nothing" and "404" in missing.reason
    [too_big] = read_url(f"{server}/big", Settings(max_bytes=1000))
    assert isinstance(too_big, InputError) and "limit" in too_big.reason
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/feed"
    [refused] = read_url(closed)
    assert isinstance(refused, InputError) and refused.path == closed and "cannot fetch" in refused.reason


def test_feeds_is_url_only_for_http_schemes() -> None:
    assert is_url("https://example.org/feed") and is_url("HTTP://example.org")
    assert not is_url("feeds/local.xml") and not is_url("ftp://example.org/x")
