"""Quotation marks: the quoted regions of a text, and which speech cue introduces each."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Quote, Span
from ..nlp import children_of
from .cues import Hit

OPEN_QUOTES, CLOSE_QUOTES = "“«", "”»"
# The characters that open or close a quotation region: the only ones its scan looks at.
QUOTE_EDGE = re.compile("[\n\"" + OPEN_QUOTES + CLOSE_QUOTES + "]")
# How a quotation ends when the words after it say who spoke: "“…,” said X".
OPEN_ENDINGS = (",", "?", "!", "—", "–", "-", "…")
# How far a speech cue may lie from its quotation, in tokens: before it, after it.
CUE_REACH_BEFORE, CUE_REACH_AFTER = 25, 10


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """Text between quotation marks: ``open`` is the opening mark, ``close`` the closing one."""

    open: int
    close: int
    starts_paragraph: bool
    closed: bool = True  # False: left open at its paragraph's end, to go on in the next

    def interior(self, text: str) -> Span | None:
        begin, end = self.open + 1, self.close
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        return Span(begin, end, text[begin:end]) if begin < end else None

    def is_speech(self, text: str) -> bool:
        """Long enough to be speech rather than a scare quote: four words, or a sentence."""
        inner = text[self.open + 1:self.close]
        return len(inner.split()) >= 4 or bool(re.search(r"[.!?,]\s*$", inner))


def find_quote_regions(text: str) -> list[QuoteRegion]:
    """Quoted stretches, curly and straight; a quote left open closes at its paragraph end."""
    regions: list[QuoteRegion] = []
    opened: int | None = None
    paragraph_start = 0
    for match in QUOTE_EDGE.finditer(text):
        index, char = match.start(), match.group()
        if char == "\n":
            if opened is not None:
                regions.append(QuoteRegion(opened, index, _at_start(text, paragraph_start, opened), False))
                opened = None
            paragraph_start = index + 1
        elif char in OPEN_QUOTES or (char == '"' and opened is None):
            if opened is None:
                opened = index
        elif (char in CLOSE_QUOTES or char == '"') and opened is not None:
            regions.append(QuoteRegion(opened, index, _at_start(text, paragraph_start, opened)))
            opened = None
    if opened is not None:
        regions.append(QuoteRegion(opened, len(text), _at_start(text, paragraph_start, opened), False))
    return regions


def _at_start(text: str, paragraph_start: int, position: int) -> bool:
    return not text[paragraph_start:position].strip()


class QuoteRegions:
    """The quotation regions of one text (sorted and disjoint), for position look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.regions = find_quote_regions(text)
        self.opens = [region.open for region in self.regions]

    def quoted(self, position: int) -> bool:
        """Whether ``position`` lies inside a quotation long enough to be speech."""
        index = bisect.bisect_left(self.opens, position) - 1
        return index >= 0 and self.regions[index].close > position and self.regions[index].is_speech(self.text)

    def holds_quote(self, content: Span) -> bool:
        """Whether a whole quotation lies inside ``content``."""
        index = bisect.bisect_left(self.opens, content.start)
        return index < len(self.regions) and self.regions[index].close <= content.end + 1

    def quotations(self, regions: Iterable[QuoteRegion]) -> Iterator[tuple[Span, QuoteRegion]]:
        """The quoted words of a cue's regions; a quotation left open at a paragraph's end and
        taken up at the next paragraph's start is one quotation."""
        merged: list[list[QuoteRegion]] = []
        for region in regions:
            if merged and not merged[-1][-1].closed and region.starts_paragraph:
                merged[-1].append(region)
            else:
                merged.append([region])
        for group in merged:
            first, last = group[0].interior(self.text), group[-1].interior(self.text)
            if first is not None and last is not None:
                yield Span(first.start, last.end, self.text[first.start:last.end]), group[0]

    def unlinked(self, linked: dict[int, list[QuoteRegion]], signed: Iterable[QuoteRegion] = ()) -> list[Quote]:
        """The quotations no cue introduces nor a name signs (speaker unknown)."""
        used = {region for regions_of_cue in linked.values() for region in regions_of_cue} | set(signed)
        return [Quote("direct", None, None, None, content) for region in self.regions
                if region not in used and region.is_speech(self.text)
                and (content := region.interior(self.text)) is not None]


def link_quotes(doc: Doc, text: str, regions: list[QuoteRegion], hits: list[Hit],
                starts: list[int]) -> dict[int, list[QuoteRegion]]:
    """Which verb cue introduces each quotation: after it, before it (also across a paragraph
    break after a colon: "He said:"), or the quote before (when
    the quotation opens a paragraph, or goes on in the same paragraph with no other cue between:
    "“…,” said X. “…”")."""
    speech = {hit.head: n for n, hit in enumerate(hits)
              if hit.entry.kind in ("verb", "clause_verb", "phrase") and not hit.entry.frame
              and doc[hit.head].pos_ in ("VERB", "AUX")}
    speech_heads = sorted(speech)
    speech_starts = [doc[head].idx for head in speech_heads]
    linked: dict[int, list[QuoteRegion]] = {}
    previous: int | None = None
    previous_close = 0
    for region in regions:
        if not region.is_speech(text):
            continue
        after = _cue_near(doc, speech, bisect.bisect_left(starts, region.close + 1), +1)
        before = _cue_near(doc, speech, _before_colon(doc, bisect.bisect_left(starts, region.open) - 1), -1)
        inner = text[region.open + 1:region.close].rstrip()
        open_end = inner[-1:] in OPEN_ENDINGS or text[region.close + 1:region.close + 2] == ","
        choice = after if after is not None and (open_end or before is None) else before
        if choice is not None and _says_other(doc[hits[choice].head], region, text):
            choice = None
        if choice is None and previous is not None:
            speaker_cue = doc[hits[previous].head]
            others = [head for head in speech_heads[bisect.bisect_left(speech_starts, previous_close):
                                                    bisect.bisect_left(speech_starts, region.open)]
                      if head != speaker_cue.i and not speaker_cue.is_ancestor(doc[head])]
            if region.starts_paragraph or ("\n" not in text[previous_close:region.open] and not others):
                choice = previous
        if choice is not None:
            linked.setdefault(choice, []).append(region)
        previous, previous_close = choice, region.close
    return linked


def _says_other(verb, region: QuoteRegion, text: str) -> bool:
    """Whether a speech verb after a quotation has a clause of its own after it ("“…” She says
    the pilots have stopped"): then that clause, not the quotation, is what it says."""
    return region.close < verb.idx and any(
        c.dep_ == "ccomp" and c.left_edge.idx > region.close
        and not QUOTE_EDGE.search(text, verb.idx, c.left_edge.idx + 1) for c in children_of(verb) if c.i > verb.i)


def _before_colon(doc: Doc, index: int) -> int:
    """The token before a colon that ends the paragraph before a quotation ("He said:" then
    the quotation as a paragraph of its own); else ``index`` itself."""
    back = index
    while back >= 0 and doc[back].is_space:
        back -= 1
    return back - 1 if back < index and back >= 0 and doc[back].text == ":" else index


def _cue_near(doc: Doc, speech: dict[int, int], index: int, step: int) -> int | None:
    """The nearest speech cue from token ``index`` walking by ``step``, within the sentence."""
    for _ in range(CUE_REACH_BEFORE if step < 0 else CUE_REACH_AFTER):
        if not 0 <= index < len(doc):
            return None
        token = doc[index]
        if "\n" in token.text or (token.is_punct and token.text in ".!?") or (
                token.text in OPEN_QUOTES + CLOSE_QUOTES + '"'):
            return None
        if token.i in speech:
            return speech[token.i]
        index += step
    return None
