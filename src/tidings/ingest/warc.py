"""WARC files (news crawls): one article per successful HTML response record."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from . import reader
from .html import html_to_article


@reader(".warc", ".warc.gz")
def read_warc(path: str, data: bytes) -> Iterator[Article | InputError]:
    """Articles from the HTML ``response`` records; redirects, errors and other media are passed over."""
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.format != "warc":
                raise InputError(path, "not a WARC file (no WARC record header)", "give a .warc or .warc.gz file")
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if not status.startswith("2") or "html" not in content_type:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}#{number}"
            try:
                yield html_to_article(where, record.content_stream().read(), url=url)
            except InputError as error:
                yield error
    except InputError as error:
        yield error
    except Exception as error:  # noqa: BLE001 - warcio and zlib fail in many ways on broken archives
        where = f"{path}#{number + 1}" if number else path
        yield InputError(where, f"not a readable WARC record: {error or type(error).__name__}",
                         "the archive may be truncated; records before this one were read")
