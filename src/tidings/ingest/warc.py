"""WARC files (news crawls): one article per HTML response record."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from . import reader
from .html import html_to_article


@reader(".warc", ".warc.gz")
def read_warc(path: str, data: bytes) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}#{number}"
            try:
                yield html_to_article(where, record.content_stream().read(), url=url)
            except InputError as error:
                yield error
    except ArchiveLoadFailed as error:
        yield InputError(path, f"not a readable WARC file: {error}")
