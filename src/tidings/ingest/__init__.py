"""Ingest: files, directories, globs and streams into :class:`Article` records.

Readers are registered by file suffix (``@reader(".html", ".htm")``); a format is one module.
Whole-file problems and per-record problems come out as :class:`InputError` values, so a batch
reports them and goes on.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import hashlib
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .notices import find_published, find_syndication, parse_date

Reader = Callable[[str, bytes], Iterator["Article | InputError"]]
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
    notice in the text.

    >>> a = make_article("Text.\\nThis story was first published by Example News, 2021-05-06.")
    >>> a.published.isoformat(), a.syndication.original_outlet
    ('2021-05-06', 'Example News')
    """
    syndication = find_syndication(text)
    date = published if isinstance(published, dt.date) else parse_date(published)
    if date is None:
        date = find_published(text) or (syndication.original_published if syndication else None)
    return Article(
        id=article_id(text, url),
        text=text,
        url=url,
        outlet=outlet,
        title=title,
        published=date,
        syndication=syndication,
        source_path=source_path,
    )


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: the same text from the same URL (or none) always gets the same id."""
    normalised = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha1(f"{url or ''}\n{normalised}".encode()).hexdigest()[:16]


def decode_text(path: str, data: bytes) -> str:
    """Bytes to text, refusing empty, binary and non-UTF-8 input with a clear reason."""
    if not data.strip():
        raise InputError(path, "empty file", "nothing to read")
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


def _load_readers() -> None:
    for name in READER_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def _decompress(path: str, data: bytes) -> tuple[str, bytes]:
    """Strip a .gz or .zst layer, returning the inner name and bytes."""
    lowered = path.lower()
    try:
        if lowered.endswith(".gz") and not lowered.endswith(".warc.gz"):
            return path[:-3], gzip.decompress(data)
        if lowered.endswith(".zst"):
            import zstandard

            return path[:-4], zstandard.ZstdDecompressor().decompressobj().decompress(data)
    except Exception as error:  # noqa: BLE001 - any corruption is a bad input
        raise InputError(path, f"cannot decompress: {error}") from None
    return path, data


def read_bytes(path: str, data: bytes, settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Articles (and per-record errors) from the bytes of one input named ``path``."""
    settings = settings or Settings()
    _load_readers()
    if len(data) > settings.max_bytes:
        yield InputError(
            path, f"file is {len(data):,} bytes, over the limit of {settings.max_bytes:,}",
            "split it, or raise Settings.max_bytes",
        )
        return
    try:
        inner, data = _decompress(path, data)
        suffix = next((s for s in sorted(READERS, key=len, reverse=True) if inner.lower().endswith(s)), ".txt")
        yield from READERS[suffix](path, data)
    except InputError as error:
        yield error


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
                yield InputError(path, f"file is {size:,} bytes, over the limit of {settings.max_bytes:,}",
                                 "split it, or raise Settings.max_bytes")
                continue
            data = Path(path).read_bytes()
        except OSError as error:
            yield InputError(path, f"cannot read: {error.strerror or error}")
            continue
        yield from read_bytes(path, data, settings)


__all__ = ["READERS", "reader", "make_article", "article_id", "decode_text", "read_bytes",
           "read_paths", "expand_paths"]
