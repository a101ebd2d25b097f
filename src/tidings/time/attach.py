"""How time expressions sit in the parse: the tense of the clause that holds one, and which
expression dates an event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..model import EventTime, TimeExpr
from ..syntax import clause_family, clause_top
from .grammar import DATA, lexicon

PREDICATES = ("VERB", "AUX")
PAST_TAGS = ("VBD", "VBN")
PRESENT_TAGS = ("VBZ", "VBP", "VBG")
# Participles without an auxiliary take their tense from the clause they hang on.
PARTICIPLE_TAGS = ("VBG",)
# How far up the parse an expression may look for the predicate it modifies.
MAX_CLIMB = 6
# An event with no time of its own takes the time of a clause above it (reporting it, or
# holding it) only when that time is a period ("last month the army confirmed it destroyed a
# tunnel"): the day of a report ("the agency said Monday") is often not the day of what it
# reports.
REPORT_PRECISIONS = ("week", "month", "quarter", "half", "season", "year")


def governor(token: Token) -> Token:
    """The predicate a token belongs to: the nearest verb above it (or the root).

    A date the parser hung on a reported clause but that stands before that clause's subject
    ("said on Tuesday it would cut jobs") belongs to the reporting verb.
    """
    start = token
    for _ in range(MAX_CLIMB):
        if token.pos_ in PREDICATES or token.head.i == token.i:
            break
        token = token.head
    if token.dep_ == "ccomp" and token.head.i < start.i:
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and all(start.i < s.left_edge.i for s in subjects):
            return token.head
    return token


def clause_tense(span: Span, folder: Path = DATA) -> str:
    """``past``, ``present`` or ``future``: the tense of the clause a span modifies (with the
    tense cues of the lexicon in ``folder``)."""
    return _tense(span.root, governor(span.root), lexicon(folder).tense)


def _tense(root: Token, verb: Token, cues: dict[str, tuple[str, ...]]) -> str:
    """The tense of ``verb``'s clause as it bears on ``root``, an expression below it."""
    below = [root, *root.ancestors]
    below = below[: below.index(verb)] if verb in below else []
    if any(t.lemma_.lower() in cues["future_lemmas"] for t in below):  # "due in December"
        return "future"
    if verb.lemma_.lower() in cues["deferral_lemmas"] + cues["future_lemmas"] and any(
            t.lower_ in cues["deferral_signals"] for t in below):
        return "future"  # "postponed until Friday", "planned for early March"
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & set(cues["past_when_negated"]) and any(c.dep_ == "neg" for c in verb.children):
        return "past"
    if auxiliaries & set(cues["future_auxiliaries"]):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in cues["future_lemmas"] + ("be", "go"):
        return "future"
    if verb.lemma_.lower() in cues["future_verbs"] and root.i != verb.i:
        return "future"  # "planned a rally on Saturday"
    if verb.tag_ in PARTICIPLE_TAGS and not auxiliaries and verb.head.i != verb.i:
        return _tense(verb, governor(verb.head), cues)  # "before returning a verdict late Tuesday"
    if verb.tag_ in ("VB", "VBN") and auxiliaries & set(cues["infinitive_markers"]):
        return "present"  # "talks supposed to conclude by May", "rules to be published in May"
    if auxiliaries & set(cues["past_auxiliaries"]):
        return "past"
    if verb.tag_ in PAST_TAGS:
        return "present" if auxiliaries & set(cues["present_auxiliaries"]) else "past"
    if verb.tag_ in PRESENT_TAGS or (verb.tag_ == "VB" and not auxiliaries):
        return "present"  # a bare VB with no auxiliary is a mistagged present ("voters go")
    if verb.pos_ not in PREDICATES and not any(t.pos_ in PREDICATES for t in verb.sent):
        return "present"  # no verb at all: a present one read as an adjective ("Games open")
    return "past"


def _expression_span(doc: Doc, expr: TimeExpr) -> Span | None:
    return doc.char_span(expr.start, expr.end, alignment_mode="expand")


def _attachment(doc: Doc, expr: TimeExpr, trigger: Span,
                clauses: tuple[frozenset[int], frozenset[int]]) -> tuple[int, int] | None:
    """How closely an expression is tied to a trigger (lower is closer): modifying the
    trigger itself, then modifying the event's own clause, then a period of the clause
    above it (by distance in tokens); None when it belongs to another clause ("said Monday"
    above a reported event, "the letter sent Friday" below it).  ``clauses`` are the
    predicates of the event's clause and of the clauses above it."""
    span = _expression_span(doc, expr)
    if span is None:
        return None
    trigger_tokens = {t.i for t in trigger}
    for depth, ancestor in enumerate(span.root.ancestors):
        if ancestor.i in trigger_tokens:
            return (0, depth)
        if ancestor.pos_ in PREDICATES:
            break
    distance = min(abs(span.start - trigger.start), abs(span.end - trigger.end))
    own, above = clauses
    verb = governor(span.root).i
    if verb in own:
        return (1, distance)
    if verb in above and expr.precision in REPORT_PRECISIONS:
        return (2, distance)
    return None


def _clauses(trigger: Span) -> tuple[frozenset[int], frozenset[int]]:
    """The predicates of the event's own clause and of the clauses above it."""
    above = frozenset(t.i for t in clause_top(trigger.root).ancestors if t.pos_ in PREDICATES)
    return clause_family(trigger.root), above


def date_event(doc: Doc, trigger: Span, sentence: Span) -> EventTime | None:
    """When an event happened: the time expression attached to its trigger in the parse,
    else the nearest one of its own clause (see :func:`tidings.syntax.clause_family`), else
    "on or before publication" (precision ``before_publication``); ``None`` when the
    publication date is unknown too."""
    article = doc._.article
    published: dt.date | None = article.published if article is not None else None
    candidates = [
        expr for expr in doc._.times or ()
        if sentence.start_char <= expr.start and expr.end <= sentence.end_char
        and expr.type != "SET" and not (expr.type == "DURATION" and expr.begin is expr.end_date is None)
    ]
    clauses = _clauses(trigger) if candidates else (frozenset(), frozenset())
    tied = [(closeness, expr) for expr in candidates
            if (closeness := _attachment(doc, expr, trigger, clauses)) is not None]
    if tied:
        best = min(tied, key=lambda item: item[0])[1]
        return EventTime(best.begin, best.end_date, best.precision, best.text)
    if published is None:
        return None
    return EventTime(None, published, "before_publication", None)
