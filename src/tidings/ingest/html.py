"""HTML pages: the main text by trafilatura, with notices the extractor dropped kept."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import make_article, reader
from .notices import find_syndication


WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 3
BLOCK_TAGS = ("p", "div", "footer", "header", "section", "article", "aside", "li", "br",
              "h1", "h2", "h3", "h4", "h5", "h6", "nav", "tr", "blockquote")


def html_to_article(path: str, html: str | bytes, *, url: str | None = None) -> Article:
    """One article from an HTML page; raises :class:`InputError` when it has no main text."""
    import lxml.html
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        except Exception as error:  # noqa: BLE001 - trafilatura fails in many ways on broken pages
            raise InputError(path, f"cannot parse HTML: {error}") from None
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or len(WORD.findall(text)) < MIN_WORDS:
        raise InputError(path, "no article text found in the HTML", "is this a page with an article?")
    if find_syndication(text) is None:
        text = _with_dropped_notice(text, html, lxml.html)
    return make_article(
        text,
        published=getattr(extracted, "date", None),
        url=url or getattr(extracted, "url", None),
        outlet=getattr(extracted, "sitename", None),
        title=getattr(extracted, "title", None),
        source_path=path,
    )


def _with_dropped_notice(text: str, html: str | bytes, lxml_html) -> str:
    """Append a syndication notice that sits outside the main text (footers, bylines)."""
    try:
        page = lxml_html.fromstring(html)
        for bad in page.xpath("//script|//style"):
            bad.drop_tree()
        for block in page.iter(*BLOCK_TAGS):
            block.tail = "\n" + (block.tail or "")
        raw = page.text_content()
    except Exception:  # noqa: BLE001 - the main text is already good; the notice is a bonus
        return text
    found = find_syndication(raw)
    if found is None or found.notice is None:
        return text
    return f"{text}\n\n{found.notice.text.strip()}"


@reader(".html", ".htm", ".xhtml")
def read_html(path: str, data: bytes, settings: Settings) -> Iterator[Article]:
    if not data.strip():
        raise InputError(path, "empty file", "nothing to read")
    yield html_to_article(path, data)
