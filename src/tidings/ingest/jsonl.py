"""JSON Lines: one article a line, ``{"text", "url", "published", "outlet", "title"}``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from . import decode_text, make_article, reader


@reader(".jsonl", ".ndjson")
def read_jsonl(path: str, data: bytes) -> Iterator[Article | InputError]:
    for number, line in enumerate(decode_text(path, data).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(where, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield InputError(where, 'no "text" field with article text')
            continue
        yield make_article(
            record["text"],
            published=record.get("published") if isinstance(record.get("published"), str) else None,
            url=record.get("url"),
            outlet=record.get("outlet"),
            title=record.get("title"),
            source_path=where,
        )
