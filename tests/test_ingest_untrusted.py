"""Untrusted input at the readers: only http(s) URLs kept, each JSONL record checked on its own,
bounded decompression, cut WARC records reported, UTF-16 and numeric dates read as written."""

from __future__ import annotations

import codecs
import gzip
import io
import json

import pytest
import zstandard

from tidings.errors import InputError
from tidings.ingest import check_url, make_article, read_bytes, read_paths
from tidings.settings import Settings

GOOD = "The port authority closed the harbour on Monday after a storm damaged two cranes."

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Post</title>
<item><title>Harbour closed</title><link>{link}</link><description>{text}</description></item>
</channel></rss>"""


@pytest.mark.parametrize("link", ["javascript://%0aalert(document.domain)", "JavaScript:alert(1)",
                                  "data:text/html,<script>alert(1)</script>", "http://host:80a/",
                                  "//news.example/a"])
def test_feed_link_that_is_not_a_web_address_is_never_the_article_url(link):
    [article] = read_bytes("feed.xml", FEED.format(link=link.replace("&", "&amp;").replace("<", "&lt;"), text=GOOD).encode())
    assert article.url is None and article.text == GOOD


def test_feed_http_link_is_kept():
    [article] = read_bytes("feed.xml", FEED.format(link="https://coast.example/harbour", text=GOOD).encode())
    assert article.url == "https://coast.example/harbour"


@pytest.mark.parametrize(("value", "reason"), [(12345, "must be a string"), ("javascript:alert(1)", r"http\(s\)"),
                                               ("http://example.com:80a/", "port"), ("https://a.example/\ud800", "surrogate"),
                                               ("https:///no-host", r"http\(s\)")])
def test_check_url_says_why(value, reason):
    with pytest.raises((ValueError, InputError), match=reason):
        check_url(value)


def test_jsonl_bad_records_are_reported_by_line_and_the_rest_read():
    lines = [
        json.dumps({"text": GOOD, "url": "https://a.example/1"}),
        json.dumps({"text": GOOD + " One.", "url": 12345}),
        '{"text": "Rebels seized a base \\ud800 near the river."}',
        json.dumps({"text": GOOD + " Two.", "url": "http://example.com:80a/"}),
        json.dumps({"text": GOOD + " Three.", "outlet": ["not", "text"]}),
        json.dumps({"text": GOOD + " Four.", "published": "1-01-01"}),
    ]
    items = list(read_bytes("in.jsonl", "\n".join(lines).encode()))
    errors = {i.path: i.reason for i in items if isinstance(i, InputError)}
    assert sorted(errors) == ["in.jsonl:2", "in.jsonl:3", "in.jsonl:4", "in.jsonl:5"], errors
    assert "must be a string" in errors["in.jsonl:2"] and "surrogate" in errors["in.jsonl:3"]
    assert "port" in errors["in.jsonl:4"] and '"outlet"' in errors["in.jsonl:5"]
    articles = [i for i in items if not isinstance(i, InputError)]
    assert [a.source_path for a in articles] == ["in.jsonl:1", "in.jsonl:6"]
    assert articles[1].published is None  # "1-01-01" is not a date, and never 2001-01-01


def test_lone_surrogate_in_text_is_an_input_error_naming_it():
    with pytest.raises(InputError, match="surrogate"):
        make_article("Text \udc00 here.", source_path="x.jsonl:7")


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_bom_is_read(bom, encoding):
    [article] = read_bytes("wide.txt", bom + GOOD.encode(encoding))
    assert article.text == GOOD


def _bomb(path, size: int, compress) -> None:
    """``size`` zero bytes, compressed into ``path`` a megabyte at a time."""
    zeros = bytes(1 << 20)
    with open(path, "wb") as raw, compress(raw) as out:
        for _ in range(size >> 20):
            out.write(zeros)


@pytest.mark.parametrize(("suffix", "compress"), [
    (".txt.gz", lambda raw: gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1)),
    (".jsonl.zst", lambda raw: zstandard.ZstdCompressor(level=1).stream_writer(raw)),
])
def test_compressed_input_is_refused_at_the_limit_not_after_it(tmp_path, suffix, compress):
    path = tmp_path / f"bomb{suffix}"
    _bomb(path, 64 << 20, compress)
    [error] = read_paths([str(path)], Settings(max_bytes=4 << 20))
    assert isinstance(error, InputError) and "over the limit" in error.reason and "decompressed" in error.reason


def test_truncated_gzip_is_a_named_error(tmp_path):
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(GOOD.encode() * 50)[:-30])
    [error] = read_paths([str(path)])
    assert isinstance(error, InputError) and "cannot decompress" in error.reason


def _warc_record(url: str, body: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


PAGE = (b"<html><body><article><p>" + GOOD.encode() + b"</p><p>Ferries were sent to the "
        b"northern quay, where crews unloaded the waiting lorries before nightfall.</p></article></body></html>")


@pytest.mark.parametrize("cut", ["payload", "header"])
def test_truncated_warc_record_is_reported_and_nothing_of_it_kept(cut):
    first = _warc_record("https://a.example/1", PAGE)
    second = _warc_record("https://a.example/2", PAGE.replace(b"Monday", b"Tuesday"))
    keep = len(second) - 40 if cut == "payload" else 30
    items = list(read_bytes("crawl.warc", first + second[:keep]))
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.url for a in articles] == ["https://a.example/1"]
    assert len(errors) == 1 and errors[0].path == "crawl.warc#2", errors


def test_warc_payload_over_the_limit_is_refused():
    big = PAGE.replace(b"</article>", b"<p>" + b"word " * 20_000 + b"</p></article>")
    [error] = read_bytes("crawl.warc", _warc_record("https://a.example/1", big), Settings(max_bytes=50_000))
    assert isinstance(error, InputError) and "over the limit" in error.reason
