"""RSS and Atom feeds, from files or http(s) URLs: one article per entry.

Each entry's fullest text (its content, else its summary) becomes the article, HTML reduced to
text; the entry's link, title and date and the feed's title (as the outlet) come along.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import make_article, read_bytes, reader

URL_SCHEMES = ("http://", "https://")
FEED_TYPES = ("xml", "rss", "atom", "rdf")
BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "br", "tr")


def is_url(path: str) -> bool:
    """True for an ``http://`` or ``https://`` argument."""
    return path.lower().startswith(URL_SCHEMES)


@reader(".rss", ".atom", ".xml", ".rdf")
def read_feed(path: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.get("version"):
        reason = f"not an RSS or Atom feed ({feed.bozo_exception})" if feed.get("bozo") else "not an RSS or Atom feed"
        raise InputError(path, reason, "give an RSS or Atom file")
    if not feed.entries:
        raise InputError(path, "feed has no entries")
    outlet = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}#{number}"
        text = _plain_text(_entry_text(entry))
        if not text:
            yield InputError(where, "feed entry has no text")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*parsed[:3]) if parsed else None
        try:  # a link other than http(s) (javascript:, data:) is dropped by make_article
            yield make_article(text, published=published,
                               url=entry.get("link"), outlet=outlet, title=entry.get("title"), source_path=where)
        except InputError as error:
            yield error


def _entry_text(entry: dict) -> str:
    """The longest of the entry's content blocks and its summary."""
    candidates = [block.get("value") or "" for block in entry.get("content", [])]
    candidates.append(entry.get("summary") or "")
    return max(candidates, key=len)


def _plain_text(content: str) -> str:
    """Entry text without markup, one paragraph per block element."""
    if "<" not in content:
        return content.strip()
    import lxml.html

    fragment = lxml.html.fragment_fromstring(content, create_parent="div")
    for bad in fragment.xpath(".//script|.//style"):
        bad.drop_tree()
    for element in fragment.iter(*BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    paragraphs = (re.sub(r"[ \t\r\n]+", " ", part).strip() for part in re.split(r"\n\s*\n", fragment.text_content()))
    return "\n\n".join(part for part in paragraphs if part)


def read_url(url: str, settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Articles from a feed (or page) at an http(s) URL; failures come out as :class:`InputError`."""
    import httpx

    settings = settings or Settings()
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=30.0,
                          headers={"User-Agent": "tidings (news event extraction)"}) as response:
            if response.status_code >= 400:
                yield InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
                return
            data = bytearray()
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > settings.max_bytes:
                    yield InputError(url, f"response is over the limit of {settings.max_bytes:,} bytes",
                                     "raise Settings.max_bytes")
                    return
            content_type = response.headers.get("content-type", "").lower()
    except httpx.HTTPError as error:
        yield InputError(url, f"cannot fetch: {error}")
        return
    name = urlsplit(url).path.rsplit("/", 1)[-1] or "index"
    if "html" in content_type and not any(kind in content_type for kind in FEED_TYPES):
        name += ".html"
    elif not name.lower().endswith((".gz", ".zst", ".warc")):
        name += ".xml"
    for item in read_bytes(name, bytes(data), settings):
        if isinstance(item, InputError):
            yield InputError(url + item.path[len(name):], item.reason, item.hint)
        else:
            yield item if item.source_path is None else _located(item, url + item.source_path[len(name):])


def _located(article: Article, where: str) -> Article:
    from dataclasses import replace

    return replace(article, source_path=where)
