"""When: time expressions found in the text and normalised against the publication date.

The ``tidings_time`` component puts :class:`~tidings.model.TimeExpr` records on
``doc._.times``; :func:`date_event` tells other stages when an event happened;
:func:`normalize` resolves one expression on its own.

>>> import datetime as dt
>>> expr = normalize("over the past two years", dt.date(2018, 2, 4))
>>> expr.value, expr.begin.isoformat(), expr.end_date.isoformat()
('P2Y', '2016-02-04', '2018-02-04')
>>> normalize("over the weekend", "2018-02-04").value
'2018-W05-WE'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..docs import event_spans
from ..model import TimeExpr
from ..nlp import doc_text, entities
from .attach import clause_tense, date_event
from .grammar import DATA, Candidate
from .tagger import tag

# Entity labels of spaCy's that mark a bare number as a count rather than a year.
COUNT_LABELS = ("CARDINAL", "MONEY", "QUANTITY", "PERCENT")
# Dependencies of an adjective on a noun: a frequency word there ("weekly magazine") is no set.
MODIFIER_DEPS = ("amod", "compound")
# spaCy's labels for time expressions; those the grammar missed get a second reading.
TIME_LABELS = ("DATE", "TIME")
# The second reading puts the entity after a preposition, where the grammar accepts bare
# month names, years and plural units ("March was wet" reads as "in March").
SECOND_READING_PREFIX = "in "


@Language.factory(
    "tidings_time",
    requires=["token.dep", "token.tag", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.times"],
    default_config={"data_dir": None},
)
def make_time(nlp: Language, name: str, data_dir: str | None) -> TimeTagger:
    """The time tagger, with the bundled grammar unless ``data_dir`` names a folder holding
    ``lexicon.yaml`` and ``rules.yaml``."""
    return TimeTagger(Path(data_dir) if data_dir else DATA)


@Language.factory(
    "tidings_event_times",
    requires=["doc._.events", "doc._.times", "token.dep", "token.tag", "token.pos", "token.lemma"],
    assigns=["doc._.events"],
)
def make_event_times(nlp: Language, name: str) -> EventDater:
    return EventDater()


class EventDater:
    """Sets each event's time from the time expressions attached to its trigger
    (:func:`date_event`)."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.events:
            doc._.events = [dataclasses.replace(event, time=date_event(doc, *event_spans(doc, event)))
                            for event in doc._.events]
        return doc


class TimeTagger:
    """Finds time expressions and normalises them against ``doc._.article.published``."""

    def __init__(self, folder: Path = DATA) -> None:
        self.folder = folder  # the grammar's data files

    def __call__(self, doc: Doc) -> Doc:
        folder = self.folder
        article = doc._.article
        published = article.published if article is not None else None

        def tense_of(start: int, end: int) -> str:
            span = doc.char_span(start, end, alignment_mode="expand")
            return clause_tense(span, folder) if span is not None else "past"

        def keep(candidate: Candidate) -> bool:
            if not (candidate.rule.bare or candidate.rule.adverb):
                return True
            span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
            if span is None:
                return False
            token = span.root
            if candidate.rule.adverb:  # "the daily newspaper" names no set of times
                return token.dep_ not in MODIFIER_DEPS
            if token.ent_type_ == "DATE":
                return True
            return token.dep_ != "nummod" and token.ent_type_ not in COUNT_LABELS

        found = tag(doc_text(doc), published, tense_of=tense_of, keep=keep, folder=folder)
        doc._.times = sorted(found + _missed_entities(doc, found, published, tense_of, folder),
                             key=lambda e: e.start)
        return doc


def _missed_entities(
    doc: Doc, found: list[TimeExpr], published: dt.date | None, tense_of, folder: Path
) -> list[TimeExpr]:
    """Expressions in spaCy's DATE and TIME entities that the grammar did not find, read as
    if after a preposition."""
    extra = []
    for ent in entities(doc):
        if ent.label_ not in TIME_LABELS or any(
            e.start < ent.end_char and ent.start_char < e.end for e in found
        ):
            continue
        tense = tense_of(ent.start_char, ent.end_char)
        shift = ent.start_char - len(SECOND_READING_PREFIX)
        for expr in tag(SECOND_READING_PREFIX + ent.text, published,  # adverbs were judged
                        tense_of=lambda start, end, tense=tense: tense,
                        keep=lambda c: not c.rule.adverb, folder=folder):
            if expr.start >= len(SECOND_READING_PREFIX):
                extra.append(dataclasses.replace(expr, start=expr.start + shift,
                                                 end=expr.end + shift))
    return extra


def find_times(text: str, published: dt.date | str | None, *, tense: str = "past") -> list[TimeExpr]:
    """Every time expression in a plain text, resolved against ``published`` (a date or an ISO
    date string); with no parse, every clause counts as being in ``tense``."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return tag(text, published, tense_of=lambda start, end: tense)


def normalize(
    text: str, published: dt.date | str | None, *, tense: str = "past"
) -> TimeExpr | None:
    """The longest time expression in ``text`` (see :func:`find_times`), or ``None``."""
    found = find_times(text, published, tense=tense)
    return max(found, key=lambda e: (e.end - e.start, -e.start)) if found else None


__all__ = ["EventDater", "TimeTagger", "date_event", "find_times", "normalize"]
