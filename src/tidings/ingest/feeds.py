"""RSS and Atom feeds: one article per entry, with its date, link and the feed's title."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from . import make_article, reader
from .html import html_to_article


@reader(".rss", ".atom", ".xml")
def read_feed(path: str, data: bytes) -> Iterator[Article | InputError]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a feed ({feed.bozo_exception})" if feed.get("bozo") else "feed has no entries"
        raise InputError(path, reason)
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}#{number}"
        content = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
        if not content.strip():
            yield InputError(where, "feed entry has no text")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*parsed[:3]) if parsed else None
        try:
            if "<" in content:
                article = html_to_article(where, f"<html><body><article>{content}</article></body></html>",
                                          url=entry.get("link"))
                text = article.text
            else:
                text = content
        except InputError:
            text = content
        yield make_article(text, published=published, url=entry.get("link"), outlet=outlet,
                           title=entry.get("title"), source_path=where)
