"""WARC files (news crawls): one article per successful HTML response record.

A payload is read up to ``Settings.max_bytes`` (decompressed), and a record whose payload ends
before its ``Content-Length`` (a cut archive) is reported, never stored in part.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import read_limited, reader
from .html import html_to_article

TRUNCATED_HINT = "the archive may be truncated; records before this one were read"


@reader(".warc", ".warc.gz")
def read_warc(path: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    """Articles from the HTML ``response`` records; redirects, errors and other media are passed over."""
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.format != "warc":
                raise InputError(path, "not a WARC file (no WARC record header)", "give a .warc or .warc.gz file")
            if _is_html_page(record):
                yield _article(f"{path}#{number}", record, settings)
    except InputError as error:
        yield error
    except Exception as error:  # noqa: BLE001 - warcio and zlib fail in many ways on broken archives
        where = f"{path}#{number + 1}" if number else path
        yield InputError(where, f"not a readable WARC record: {error or type(error).__name__}", TRUNCATED_HINT)


def _is_html_page(record) -> bool:
    """A successful HTTP response with an HTML body."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and "html" in content_type


def _article(where: str, record, settings: Settings) -> Article | InputError:
    """The record's article, or the reason it has none (too large, cut short, no main text)."""
    try:
        payload = read_limited(where, record.content_stream(), settings.max_bytes, "record payload")
        missing = getattr(record.raw_stream, "limit", 0)
        if missing:
            return InputError(where, f"record cut short ({missing:,} bytes of its Content-Length missing); "
                                     "nothing of it stored", TRUNCATED_HINT)
        return html_to_article(where, payload, url=record.rec_headers.get_header("WARC-Target-URI"))
    except InputError as error:
        return error
