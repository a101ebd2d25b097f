"""Ingest: readers, decoding errors, notices, article identity."""

from __future__ import annotations

import gzip
import json

import pytest

from tidings.errors import InputError
from tidings.ingest import article_id, expand_paths, make_article, read_bytes, read_paths
from tidings.settings import Settings


def test_ingest_plain_text_keeps_text_exactly():
    text = "Title line\r\n\r\nTroops  entered the town.\u00a0Officials said so.\n"
    [article] = read_bytes("a.txt", text.encode("utf-8"))
    assert article.text == text
    assert article.title == "Title line"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary", "binary"), (b"caf\xe9 au lait", "UTF-8")],
)
def test_ingest_bad_text_is_named_error(data, reason):
    [error] = read_bytes("bad.txt", data)
    assert isinstance(error, InputError)
    assert error.path == "bad.txt"
    assert reason in error.reason


def test_ingest_oversized_input_refused():
    [error] = read_bytes("big.txt", b"word " * 100, Settings(max_bytes=50))
    assert isinstance(error, InputError) and "over the limit" in error.reason


def test_ingest_jsonl_reports_bad_lines_and_keeps_good_ones():
    lines = [
        json.dumps({"text": "Police detained two men.", "published": "2021-03-04", "outlet": "X", "url": "https://x.example/1"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Rebels seized a base.", "published": "yesterday-ish"}),
    ]
    items = list(read_bytes("feed.jsonl", "\n".join(lines).encode()))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert items[0].published.isoformat() == "2021-03-04" and items[0].outlet == "X"
    assert items[1].path == "feed.jsonl:2"
    assert items[3].published is None  # an unreadable date is unknown, not an error


def test_ingest_html_main_text_and_dropped_footer_notice():
    html = (
        "<html><head><meta property='og:site_name' content='Site A'>"
        "<meta name='date' content='2022-07-08'></head><body><nav>Menu</nav><article>"
        "<p>The coast guard rescued forty migrants off the island on Sunday, officials said.</p>"
        "<p>Another boat was still missing late on Sunday night, a spokesman added.</p></article>"
        "<footer>This article originally appeared on Harbour Times, July 7, 2022.</footer></body></html>"
    )
    [article] = read_bytes("page.html", html.encode())
    assert "rescued forty migrants" in article.text and "Menu" not in article.text
    assert article.outlet == "Site A"
    assert article.published.isoformat() == "2022-07-08"
    assert article.syndication.original_outlet == "Harbour Times"
    notice = article.syndication.notice
    assert article.text[notice.start:notice.end] == notice.text


@pytest.mark.parametrize("html", [b"<html><body><div></div></body></html>", b"<<<>>>", b"<html><p>"])
def test_ingest_broken_html_is_named_error(html):
    [error] = read_bytes("broken.html", html)
    assert isinstance(error, InputError) and error.path == "broken.html"


def test_ingest_gzip_and_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt.gz").write_bytes(gzip.compress(b"Soldiers opened fire on a convoy."))
    (tmp_path / "b.txt").write_text("Ministers agreed to meet again.", encoding="utf-8")
    (tmp_path / ".hidden").write_text("skip me", encoding="utf-8")
    assert sorted(p.rsplit("/", 1)[1] for p in expand_paths([str(tmp_path)])) == ["a.txt.gz", "b.txt"]
    texts = sorted(a.text for a in read_paths([str(tmp_path / "**" / "*.gz"), str(tmp_path / "b.txt")]))
    assert texts == ["Ministers agreed to meet again.", "Soldiers opened fire on a convoy."]


def test_ingest_missing_file_is_named_error(tmp_path):
    [error] = read_paths([str(tmp_path / "nope.txt")])
    assert isinstance(error, InputError) and "nope.txt" in str(error)


def test_article_identity_is_stable_and_whitespace_blind():
    assert article_id("A  b\nc") == article_id("A b c")
    assert article_id("A b c") != article_id("A b c", "https://x.example/1")
    assert make_article("Same text.").id == make_article("Same text.").id


@pytest.mark.parametrize(
    ("text", "outlet", "date", "wire"),
    [
        ("Body.\n\nThis article originally appeared on River Post, March 3, 2020, and is shared here.",
         "River Post", "2020-03-03", None),
        ("Body text here.\nThis story was first published by The Hill Gazette.", "The Hill Gazette", None, None),
        ("LAGOS, June 2 (Reuters) - Nigeria's army said on Tuesday it had freed 20 hostages.", None, None, "Reuters"),
        ("Body.\nCopyright 2019 The Associated Press. All rights reserved.", None, None, "Associated Press"),
    ],
)
def test_ingest_syndication_notices(text, outlet, date, wire):
    article = make_article(text)
    synd = article.syndication
    assert synd is not None
    assert synd.original_outlet == outlet
    assert (synd.original_published.isoformat() if synd.original_published else None) == date
    assert synd.wire == wire
    assert text[synd.notice.start:synd.notice.end] == synd.notice.text


def test_ingest_published_from_date_line_and_explicit_argument_wins():
    assert make_article("Headline\nPublished: 12 March 2021\nBody.").published.isoformat() == "2021-03-12"
    assert make_article("Headline\nPublished: 12 March 2021", published="2021-03-13").published.isoformat() == "2021-03-13"
    assert make_article("No date anywhere.").published is None
