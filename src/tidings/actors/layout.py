"""An article's layout as the actors stage reads it: a headline (and bylines) that must not
seed the body's names and pronouns, and a dateline that sets the article's country."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..ingest.wrapping import unwrapped
from ..nlp import TokenColumns, doc_text
from .dictionary import Dictionary

# A dateline opening a paragraph: "WASHINGTON (AP) -", "TRENTON, N.J. (Reuters) -", "SEATTLE -".
_DATELINE = re.compile(
    r"[ \t]*([A-Z][A-Za-z .,'’-]{1,60}?)(?:\s*\([^)\n]{1,40}\))?\s*(?:[-—–]{1,2})\s")
_BYLINE = re.compile(r"[ \t]*(?:By|BY)\s+[A-Z][^\n]{0,80}\n")


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the body begins (a token index: 0 without a headline), the character ranges of
    bylines, and the country the dateline names (None without one)."""

    body_start: int
    bylines: tuple[tuple[int, int], ...]
    country: str | None

    def seeds(self, start_char: int, token: int) -> bool:
        """True when a mention at this token may seed the body (not in a headline or byline)."""
        return token >= self.body_start and not any(a <= start_char < b for a, b in self.bylines)


def read_layout(doc: Doc, dictionary: Dictionary) -> Layout:
    """The layout of an article's text, read with its wrapping line breaks as spaces (a
    hard-wrapped first paragraph is no one-line headline)."""
    text = unwrapped(doc_text(doc))
    paragraphs = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    body_start, body_char = 0, 0
    title = getattr(doc._.article, "title", None)
    if len(paragraphs) > 1 and _headline(text, paragraphs, title, dictionary):
        body_char = paragraphs[1][0]
        tokens = TokenColumns.of(doc).tokens
        body_start = next((t.i for t in tokens if t.idx >= body_char), len(tokens))
    bylines = tuple((m.start(), m.end()) for m in _BYLINE.finditer(text, body_char)
                    if m.start() == 0 or text[m.start() - 1] == "\n")
    return Layout(body_start, bylines, _dateline_country(text, paragraphs, body_char, dictionary))


def _headline(text: str, paragraphs: list[tuple[int, int]], title: str | None,
              dictionary: Dictionary) -> bool:
    """A first paragraph of one sentence of at most ``headline_max_words`` words, without a
    dateline, that reads as a headline: the article's title, no final stop, title case, a
    dateline right after it, or no longer than a lead sentence ever is (15 words)."""
    line = text[paragraphs[0][0]:paragraphs[0][1]].strip()
    words = line.split()
    if (len(words) > dictionary.grammar.headline_max_words or _DATELINE.match(line)
            or re.search(r"[.!?][\"'’”]?\s+[A-Z]", line)):
        return False
    long_words = [w for w in words if len(w) > 3]
    return (bool(title) and line.startswith(title.strip()) or line[-1] not in ".!?\"'’”"
            or sum(w[0].isupper() for w in long_words) > 0.6 * len(long_words)
            or bool(_DATELINE.match(text, paragraphs[1][0])) or len(words) <= 15)


def _dateline_country(text: str, paragraphs: list[tuple[int, int]], body_char: int,
                      dictionary: Dictionary) -> str | None:
    """The country of the first dateline among the body's first two paragraphs."""
    for start, _ in [p for p in paragraphs if p[0] >= body_char][:2]:
        found = _DATELINE.match(text, start)
        if found is None:
            continue
        for part in reversed([p.strip() for p in found.group(1).split(",")]):
            country = _place_country(part, dictionary)
            if country:
                return country
    return None


def _place_country(place: str, dictionary: Dictionary) -> str | None:
    """The country of a dateline place: a country or capital name, or a listed place."""
    known = dictionary.grammar.dateline_places.get(place.lower())
    if known:
        return known
    words = tuple(w if w.isupper() and len(w) <= 3 else w.capitalize() for w in place.split())
    for meaning in dictionary.forms.get(words, ()):
        if meaning.form in ("country", "capital"):
            return meaning.target
    return None
