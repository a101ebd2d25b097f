"""Find time expressions in a text and resolve them, in text order, against the publication
date and the last date the text mentioned."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from ..model import TimeExpr
from . import calendar as cal
from .grammar import DATA, Candidate, Lexicon, lexicon, prefix_patterns, scan
from .resolvers import Context, resolve

# A modifier or "since" is looked for at most this many characters before an expression.
PREFIX_WINDOW = 40
# Resolvers of counted expressions that an approximator ("nearly", "more than") may join.
APPROXIMABLE = ("duration", "ago", "reference_offset")
# Precisions a modifier ("early", "the end of") can narrow; on a day ("late Sunday") it
# joins the expression and leaves the day as it is.
NARROWABLE = ("week", "month", "quarter", "season", "year", "decade", "century")
# Precisions of dates that later anaphors ("the next day", "that year") count from.
REFERENCE_PRECISIONS = ("day", "week", "month", "quarter", "half", "season", "year")
# Reports' spans of several quarters, after which "a year earlier" compares with the year.
SEVERAL_QUARTERS = ("P6M", "P9M")
CLOCK_RESOLVER = "clock"
# Largest gap, in characters, between a clock time and the day expression it belongs to.
CLOCK_GAP = 30
SET_RESOLVER = "frequency"
# Resolvers of names that, beside a set in the same sentence, are generic rather than one
# date: "held each year in October" is XXXX-10.
GENERIC_RESOLVERS = ("month_name", "weekday", "season")
SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")

TenseOf = Callable[[int, int], str]
Keep = Callable[[Candidate], bool]


def _narrow(period: cal.Period, modifier: str, published: dt.date | None,
            lex: Lexicon) -> cal.Period | None:
    """``period`` cut down to the part a modifier names ("early 2017", "earlier this year")."""
    if period.precision == "day" and period.begin is not None:
        return period
    if period.begin is None or period.end is None or period.precision not in NARROWABLE:
        return None
    low, high, suffix = lex.modifiers[modifier]
    total = (period.end - period.begin).days + 1
    if low is None or high is None:  # earlier/later: up to or from publication
        if published is None or not period.begin <= published <= period.end:
            return None
        if low is None:
            return cal.Period(period.value, published, period.end, "span", period.type)
        return cal.Period(period.value, period.begin, published, "span", period.type)
    if period.precision == "year":  # whole months: "early 2017" is January to April
        first, last = round(low * 12), max(round(high * 12), round(low * 12) + 1)
        begin = dt.date(period.begin.year, first + 1, 1)
        end = cal.month_end(period.begin.year, last)
    else:
        begin = period.begin + dt.timedelta(days=round(low * total))
        end = period.begin + dt.timedelta(days=max(round(high * total), round(low * total) + 1) - 1)
    value = f"{period.value}-{suffix}" if suffix and period.precision == "year" else period.value
    return cal.Period(value, begin, min(end, period.end), period.precision, period.type)


def _since(period: cal.Period, published: dt.date | None) -> cal.Period | None:
    """From the start of ``period`` up to publication ("since 2014")."""
    if period.begin is None or period.type != "DATE":
        return None
    if published is None:
        return cal.Period(period.value, period.begin, None, "span")
    if period.begin > published:
        return None
    return cal.Period(period.value, period.begin, published, "span")


def _with_prefixes(
    text: str, candidate: Candidate, period: cal.Period, published: dt.date | None, folder: Path
) -> tuple[int, cal.Period]:
    """Extend an expression over a modifier or an approximator just before it, and read a
    "since" before that as a span up to publication (the signal stays outside the
    expression, as in TimeML)."""
    prefixes = prefix_patterns(folder)
    start = candidate.start
    window = text[max(0, start - PREFIX_WINDOW):start]
    match = prefixes.modifier.search(window)
    narrowed = (_narrow(period, " ".join(match["mod"].lower().split()), published, lexicon(folder))
                if match else None)
    if narrowed is not None:
        start, period = start - (len(window) - match.start()), narrowed
    elif candidate.rule.resolve in APPROXIMABLE:
        match = prefixes.approximator.search(window)
        if match:
            start -= len(window) - match.start()
    window = text[max(0, start - PREFIX_WINDOW):start]
    if prefixes.since.search(window):
        period = _since(period, published) or period
    return start, period


def _clock_day(candidate: Candidate, dated: list[TimeExpr]) -> dt.date | None:
    """The day a clock time belongs to: a day expression right beside it, else the last day
    mentioned before it."""
    days = [e for e in dated if e.precision == "day" and e.begin is not None]

    def gap(expr: TimeExpr) -> int:
        return max(candidate.start - expr.end, expr.start - candidate.end)

    beside = [e for e in days if 0 <= gap(e) <= CLOCK_GAP]
    if beside:
        return min(beside, key=gap).begin
    before = [e for e in days if e.end <= candidate.start]
    return max(before, key=lambda e: e.end).begin if before else None


def _generic(text: str, candidate: Candidate, sets: list[Candidate], folder: Path) -> bool:
    """Whether a name without a year, cue or "since" repeats with a set in its sentence."""
    if candidate.rule.resolve not in GENERIC_RESOLVERS or candidate.groups.keys() & {"cue", "year"}:
        return False
    if prefix_patterns(folder).since.search(text[max(0, candidate.start - PREFIX_WINDOW):candidate.start]):
        return False
    return any(not SENTENCE_END.search(text, min(s.end, candidate.end),
                                       max(s.start, candidate.start)) for s in sets)


def tag(
    text: str,
    published: dt.date | None,
    *,
    tense_of: TenseOf | None = None,
    keep: Keep | None = None,
    folder: Path = DATA,
) -> list[TimeExpr]:
    """Every time expression in ``text``, resolved.

    ``tense_of(start, end)`` gives the tense of the clause around an expression (``past`` when
    not given); ``keep`` can veto a candidate (for instance a bare number that is a count);
    ``folder`` holds the grammar's data files.
    """
    lex = lexicon(folder)
    candidates = [c for c in scan(text, folder) if keep is None or keep(c)]
    found: list[TimeExpr] = []
    reference: cal.Period | None = None
    quarter: cal.Period | None = None
    clocks: list[Candidate] = []
    sets = [c for c in candidates if c.rule.resolve == SET_RESOLVER]
    for candidate in candidates:
        if candidate.rule.resolve == CLOCK_RESOLVER:
            clocks.append(candidate)
            continue
        tense = tense_of(candidate.start, candidate.end) if tense_of else "past"
        anchor = None if _generic(text, candidate, sets, folder) else published
        period = resolve(candidate.rule.resolve, candidate.groups, Context(anchor, tense, reference,
                                                                        quarter), lex)
        if period is None:
            continue
        start, period = _with_prefixes(text, candidate, period, published, folder)
        found.append(_expr(text, start, candidate.end, period))
        if (period.type == "DATE" and period.begin and period.precision in REFERENCE_PRECISIONS
                and not candidate.rule.comparison):
            reference = period
            quarter = period if period.precision == "quarter" else quarter
        elif period.value in SEVERAL_QUARTERS:  # "for the nine months": a year's comparisons
            reference = quarter = None
    for candidate in clocks:
        day = _clock_day(candidate, found)
        on = cal.day_period(day) if day is not None else None
        period = resolve(CLOCK_RESOLVER, candidate.groups, Context(published, "past", on), lex)
        if period is not None:
            found.append(_expr(text, candidate.start, candidate.end, period))
    return sorted(found, key=lambda e: e.start)


def _expr(text: str, start: int, end: int, period: cal.Period) -> TimeExpr:
    return TimeExpr(
        start=start, end=end, text=text[start:end], value=period.value, type=period.type,
        begin=period.begin, end_date=period.end, precision=period.precision,
    )
