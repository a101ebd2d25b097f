"""Ingest: files, directories, globs and streams into :class:`Article` records.

Readers are registered by file suffix (``@reader(".html", ".htm")``); a format is one module.
Whole-file problems and per-record problems come out as :class:`InputError` values, so a batch
reports them and goes on.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import gzip
import hashlib
import importlib
import io
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .notices import find_published, find_syndication, parse_date

Reader = Callable[[str, bytes, Settings], Iterator["Article | InputError"]]
READERS: dict[str, Reader] = {}
READER_MODULES = ("text", "html", "jsonl", "feeds", "warc")


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for the given file suffixes."""

    def register(function: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = function
        return function

    return register


def make_article(
    text: str,
    *,
    published: dt.date | str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    source_path: str | None = None,
) -> Article:
    """An :class:`Article` with a stable id, its syndication notice and publication date.

    The date comes from ``published`` when given, else from a date line or a syndication
    notice in the text.  A URL other than an ``http(s)`` address is dropped (:func:`web_url`);
    text that is not valid Unicode is an :class:`InputError` naming ``source_path``.

    >>> a = make_article("Text.\\nThis story was first published by Example News, 2021-05-06.")
    >>> a.published.isoformat(), a.syndication.original_outlet
    ('2021-05-06', 'Example News')
    """
    _check_unicode(source_path or "<text>", "text", text)
    url = web_url(url)
    syndication = find_syndication(text)
    date = published if isinstance(published, dt.date) else parse_date(published)
    if date is None:
        date = find_published(text) or (syndication.original_published if syndication else None)
    return Article(
        id=article_id(text, url),
        text=text,
        url=url,
        outlet=_clean(outlet),
        title=_clean(title),
        published=date,
        syndication=syndication,
        source_path=source_path,
    )


URL_SHAPE = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)
"""The start of a web address: scheme and the first character of a host."""
MAX_URL = 4000


def check_url(value: object) -> str:
    """``value`` as an article URL: an ``http(s)`` address with a host and a valid port, else
    ``ValueError`` saying why (only such URLs may ever become links on the page).

    >>> check_url(" https://news.example/a ")
    'https://news.example/a'
    >>> check_url("javascript://%0aalert(1)")
    Traceback (most recent call last):
    ...
    ValueError: "url" must be an http(s) address, got 'javascript://%0aalert(1)'
    """
    if not isinstance(value, str):
        raise ValueError(f'"url" must be a string, got {type(value).__name__} {value!r:.40}')
    url = value.strip()
    if not URL_SHAPE.match(url) or any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise ValueError(f'"url" must be an http(s) address, got {value!r:.80}')
    _check_unicode("url", '"url"', url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        raise ValueError(f'"url" has a bad port or host ({error}): {value!r:.80}') from None
    if not parts.hostname:
        raise ValueError(f'"url" has no host name: {value!r:.80}')
    return url


def web_url(value: object) -> str | None:
    """``value`` when :func:`check_url` accepts it (and it is not over-long), else None."""
    if value is None:
        return None
    try:
        url = check_url(value)
    except ValueError:
        return None
    return url if len(url) <= MAX_URL else None


def _check_unicode(where: str, field: str, value: str) -> None:
    """Refuse text Python holds but UTF-8 cannot encode (a lone surrogate from JSON's ``\\ud800``)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(where, f"{field} holds a lone surrogate (U+{ord(value[error.start]):04X} at "
                                f"character {error.start}), not valid Unicode") from None


def _clean(value: object) -> str | None:
    """An optional text field: a string with any unencodable characters replaced, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.encode("utf-8", "replace").decode("utf-8")


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: the same text from the same URL (or none) always gets the same id."""
    normalised = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha1(f"{url or ''}\n{normalised}".encode()).hexdigest()[:16]


def decode_text(path: str, data: bytes) -> str:
    """Bytes to text, refusing empty, binary and non-UTF-8 input with a clear reason."""
    if not data.strip():
        raise InputError(path, "empty file", "nothing to read")
    for bom, encoding in UTF16_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(path, f"not valid {encoding.upper()} (at byte {error.start + len(bom)})") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary data, not text", "give a .txt, .html, .jsonl, feed or WARC file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8",
        ) from None


UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _load_readers() -> None:
    for name in READER_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def _decompressing(path: str, stream: BinaryIO) -> tuple[str, BinaryIO]:
    """The inner name and a reader that strips a .gz or .zst layer (WARC reads its own)."""
    lowered = path.lower()
    if lowered.endswith(".gz") and not lowered.endswith(".warc.gz"):
        return path[:-3], gzip.GzipFile(fileobj=stream, mode="rb")
    if lowered.endswith(".zst"):
        import zstandard

        return path[:-4], zstandard.ZstdDecompressor().stream_reader(stream)
    return path, stream


CHUNK = 1 << 20


def read_limited(path: str, stream: BinaryIO, limit: int, what: str = "input") -> bytes:
    """At most ``limit`` bytes of ``stream``, read a megabyte at a time, so a decompression bomb
    is refused when it passes the limit, not after it has filled the memory."""
    data = bytearray()
    try:
        while chunk := stream.read(min(CHUNK, limit + 1 - len(data))):
            data += chunk
            if len(data) > limit:
                raise InputError(path, f"{what} is over the limit of {limit:,} bytes (decompressed)",
                                 "split it, or raise Settings.max_bytes")
    except (OSError, EOFError, zlib.error, ValueError) as error:
        raise InputError(path, f"cannot decompress: {error or type(error).__name__}") from None
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - zstandard raises its own ZstdError
        raise InputError(path, f"cannot decompress: {error}") from None
    return bytes(data)


def read_bytes(path: str, data: bytes, settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Articles (and per-record errors) from the bytes of one input named ``path``."""
    settings = settings or Settings()
    if len(data) > settings.max_bytes:
        yield _too_large(path, len(data), settings)
        return
    yield from read_stream(path, io.BytesIO(data), settings)


def read_stream(path: str, stream: BinaryIO, settings: Settings) -> Iterator[Article | InputError]:
    """Articles (and per-record errors) from one input read from ``stream``, decompressed as
    its name says, never holding more than ``settings.max_bytes`` of it."""
    _load_readers()
    try:
        inner, source = _decompressing(path, stream)
        data = read_limited(path, source, settings.max_bytes)
        suffix = next((s for s in sorted(READERS, key=len, reverse=True) if inner.lower().endswith(s)), ".txt")
        yield from READERS[suffix](path, data, settings)
    except InputError as error:
        yield error


def _too_large(path: str, size: int, settings: Settings) -> InputError:
    return InputError(path, f"file is {size:,} bytes, over the limit of {settings.max_bytes:,}",
                      "split it, or raise Settings.max_bytes")


def _is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named by paths, directories (recursively, sorted) and glob patterns."""
    for raw in paths:
        if raw == "-" or _is_url(raw):
            yield raw
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from (str(p) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("."))
            else:
                yield str(path)


def read_paths(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Every article in the given paths ("-" is standard input; http(s) URLs are fetched), with
    errors in line."""
    settings = settings or Settings()
    for path in expand_paths(paths):
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
                yield from read_bytes("<stdin>", data, settings)
                continue
            if _is_url(path):
                from .feeds import read_url

                yield from read_url(path, settings)
                continue
            size = Path(path).stat().st_size
            if size > settings.max_bytes:
                yield _too_large(path, size, settings)
                continue
            stream = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is done
        except OSError as error:
            yield InputError(path, f"cannot read: {error.strerror or error}")
            continue
        with stream:
            yield from read_stream(path, stream, settings)


__all__ = ["READERS", "reader", "make_article", "article_id", "check_url", "web_url", "decode_text",
           "read_bytes", "read_stream", "read_limited", "read_paths", "expand_paths"]
