"""Plain text articles: the text exactly as given, so offsets match the file."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Article
from ..settings import Settings
from . import decode_text, make_article, reader


@reader(".txt", ".text", ".md")
def read_text(path: str, data: bytes, settings: Settings) -> Iterator[Article]:
    text = decode_text(path, data)
    first_line = text.strip().split("\n", 1)[0].strip()
    title = first_line if 0 < len(first_line) <= 200 and not first_line.endswith(".") else None
    yield make_article(text, title=title, source_path=path)
