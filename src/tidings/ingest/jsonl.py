"""JSON Lines: one article a line, ``{"text", "url", "published", "outlet", "title"}``.

Each line is checked on its own: a line that is not JSON, lacks text, or has a field of the
wrong kind (a number for ``url``, an address that is not http(s), a lone surrogate) is reported
as ``path:line: reason`` and skipped; the other lines are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import check_url, decode_text, make_article, reader

TEXT_FIELDS = ("published", "outlet", "title")


@reader(".jsonl", ".ndjson")
def read_jsonl(path: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    for number, line in enumerate(decode_text(path, data).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield _article(where, line)
        except InputError as error:
            yield error


def _article(where: str, line: str) -> Article:
    """The article of one line, or :class:`InputError` naming the line and what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(where, f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        raise InputError(where, 'no "text" field with article text')
    fields = {name: _optional_text(where, record, name) for name in TEXT_FIELDS}
    url = None
    if record.get("url") is not None:
        try:
            url = check_url(record["url"])
        except ValueError as error:
            raise InputError(where, str(error), "give an http(s) address or leave url out") from None
    return make_article(record["text"], url=url, source_path=where, **fields)


def _optional_text(where: str, record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise InputError(where, f'"{name}" must be a string, got {type(value).__name__} {value!r:.40}')
    return value
