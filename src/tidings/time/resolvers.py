"""Resolvers: turn the groups a grammar rule captured into a TimeML value and a date span.

Each resolver is registered by the name ``rules.yaml`` gives it and returns a
:class:`~tidings.time.calendar.Period`, or ``None`` when the match is not a time expression
after all.  Expressions that need the publication date resolve to an unanchored value (or
``None``) with precision ``unknown`` when it is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from . import calendar as cal
from .grammar import Lexicon

# Which way a date without a year (or a weekday) is looked for: news in the present tense
# ("the trial opens Thursday", "school starts in September") mostly announces what is ahead.
TENSE_DIRECTION = {"past": -1, "present": 1, "future": 1}
# A day without a year further than this from publication in the tense's direction is taken
# at its nearest instead ("adjourned until Oct. 14" read two weeks ahead, not a year back).
STALE_DAYS = 300
CALENDAR_UNITS = ("W", "FN", "M", "Q", "Y", "DE", "CE")
CLOCK_UNITS = ("H", "MIN", "S")


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression is resolved against."""

    published: dt.date | None
    tense: str = "past"  # past, present, future: the tense of the clause holding it
    reference: cal.Period | None = None  # the last date the text mentioned ("the next day")
    # the last quarter the text mentioned: reports compare it with "a year ago", "the quarter"
    quarter: cal.Period | None = None

    @property
    def direction(self) -> int:
        return TENSE_DIRECTION.get(self.tense, -1)

    @property
    def anchor(self) -> dt.date | None:
        """The day relative expressions count from: the last date mentioned, else publication."""
        return self.reference.begin if self.reference is not None else self.published


Groups = dict[str, str]
Resolver = Callable[[Groups, Context, Lexicon], "cal.Period | None"]
RESOLVERS: dict[str, Resolver] = {}


def resolver(function: Resolver) -> Resolver:
    """Register a resolver under its function name."""
    RESOLVERS[function.__name__] = function
    return function


def unknown(value: str | None = None, type_: str = "DATE") -> cal.Period:
    """A value that cannot be placed on the calendar (no publication date)."""
    return cal.Period(value, None, None, "unknown", type_)


def _cue(groups: Groups, lex: Lexicon) -> int | None:
    return lex.cues[groups["cue"].lower()] if "cue" in groups else None


def _month_day(groups: Groups, lex: Lexicon) -> tuple[int, int | None]:
    """The month and (when given) the day of a calendar date or a holiday."""
    if "holiday" in groups:
        month, day = lex.holidays[" ".join(groups["holiday"].lower().split())]
        return month, day
    return _month(groups, lex), int(groups["day"]) if "day" in groups else None


def _month(groups: Groups, lex: Lexicon) -> int:
    if "month" in groups:
        return lex.months[groups["month"].lower()]
    return int(groups["mnum"])


def _years_around(published: dt.date) -> range:
    return range(published.year - 2, published.year + 2)


@resolver
def calendar_date(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Full or partial calendar dates: 2018-02-04, Feb. 4, 4 February 2018, Feb. 2018,
    and holidays ("Christmas", "Thanksgiving": the fourth Thursday of November)."""
    moving = lex.moving_holidays.get(" ".join(groups.get("holiday", "").lower().split()))
    month, day = (moving[0], 0) if moving else _month_day(groups, lex)  # 0: set by the year

    def on(year: int) -> dt.date:
        return cal.nth_weekday(year, *moving) if moving else dt.date(year, month, day)

    if day is None:
        return cal.month_period(int(groups["year"]), month)
    if "year" in groups:
        try:
            return cal.day_period(on(int(groups["year"])))
        except ValueError:
            return None
    if ctx.published is None:
        return unknown(f"XXXX-{month:02d}" + ("" if moving else f"-{day:02d}"))
    options = []
    for year in _years_around(ctx.published):
        try:
            options.append(on(year))
        except ValueError:
            continue
    if not options:
        return None
    chosen = cal.nearest(options, ctx.published, ctx.direction)
    if abs((chosen - ctx.published).days) > STALE_DAYS:
        chosen = cal.nearest(options, ctx.published, 0)
    return cal.day_period(chosen)


@resolver
def month_name(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """A month without a year: "in March", "last March", "March last year"."""
    month = lex.months[groups["month"].lower()]
    if ctx.published is None:
        return unknown(f"XXXX-{month:02d}")
    pub = ctx.published
    cue = _cue(groups, lex)
    if cue == 0:
        return cal.month_period(pub.year, month)
    firsts = [dt.date(y, month, 1) for y in _years_around(pub)]
    this_month = pub.replace(day=1)
    if cue is None and ctx.tense == "present":  # the nearest, half a year away ahead
        def months_away(first: dt.date) -> int:
            return (first.year - pub.year) * 12 + first.month - pub.month

        chosen = min(firsts, key=lambda f: (abs(months_away(f)), months_away(f) < 0))
    elif cue is None:
        chosen = cal.nearest(firsts, this_month, ctx.direction)
    elif cue < 0:
        chosen = max(f for f in firsts if f < this_month)
    else:
        chosen = min(f for f in firsts if f > this_month)
    return cal.month_period(chosen.year, month)


@resolver
def month_of_year(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """A month of a year named relatively: "March last year", "June of next year"."""
    month = lex.months[groups["month"].lower()]
    if ctx.published is None:
        return unknown(f"XXXX-{month:02d}")
    return cal.month_period(ctx.published.year + (_cue(groups, lex) or 0), month)


@resolver
def quarter(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Quarters: "the first quarter of 2018", "Q3 2017", "the fourth quarter" (with no year:
    the latest one begun in the past tense, else the nearest, ahead on ties — "expects to
    report a third-quarter loss" in October is the quarter just over)."""
    number = int(groups["qnum"]) if "qnum" in groups else lex.ordinals[groups["ordinal"].lower()]
    if "year" in groups:
        return cal.quarter_period(int(groups["year"]), number)
    if ctx.published is None:
        return unknown(f"XXXX-Q{number}")
    if "cue" in groups:
        return cal.quarter_period(ctx.published.year + (_cue(groups, lex) or 0), number)
    options = [cal.quarter_period(y, number) for y in _years_around(ctx.published)]
    starts = {p.begin: p for p in options}
    current = cal.period_of(ctx.published, "Q").begin
    if ctx.direction < 0:
        return starts[cal.nearest(list(starts), current, -1)]
    return starts[min(starts, key=lambda b: (abs((b - current).days), b < current))]


@resolver
def quarter_of_year(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """A report's quarter in a named year: "the 1988 quarter", "last year's period" (the
    quarter last mentioned, in that year; the year when none was)."""
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.published is not None:
        year = ctx.published.year + (_cue(groups, lex) or 0)
    else:
        return unknown()
    if ctx.quarter is not None:
        return _years_from(ctx.quarter, year - ctx.quarter.begin.year)
    return cal.year_period(year)


@resolver
def half(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Halves of a year named as reporting periods: "first-half profit"."""
    number = 1 if groups["half"].lower() == "first" else 2
    if ctx.published is None:
        return unknown(f"XXXX-H{number}")
    options = [cal.half_period(y, number) for y in _years_around(ctx.published)]
    starts = {p.begin: p for p in options}
    current = cal.half_period(ctx.published.year, 1 if ctx.published.month <= 6 else 2).begin
    return starts[cal.nearest(list(starts), current, ctx.direction)]


@resolver
def season(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Seasons: "the summer of 2016", "last winter", "in the spring"."""
    code = lex.seasons[groups["season"].lower()]
    if "year" in groups:
        return cal.season_period(int(groups["year"]), code)
    if ctx.published is None:
        return unknown(f"XXXX-{code}")
    pub = ctx.published
    options = [cal.season_period(y, code) for y in _years_around(pub)]
    cue = _cue(groups, lex)
    holding = [p for p in options if p.begin <= pub <= p.end]
    if cue is None or cue == 0:
        if holding:
            return holding[0]
        if cue == 0:  # "this autumn": the one of the publication's year
            return cal.season_period(pub.year, code)
        cue = ctx.direction
    if cue < 0:
        return max((p for p in options if p.end < pub), key=lambda p: p.begin)
    if cue > 0:
        return min((p for p in options if p.begin > pub), key=lambda p: p.begin)
    return min(options, key=lambda p: abs((p.begin - pub).days))


@resolver
def decade(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Decades: "the 1990s", "the '80s"."""
    if "decade" in groups:
        return cal.decade_period(int(groups["decade"]))
    short = int(groups["decade2"])
    latest = ctx.published.year % 100 if ctx.published else -1  # unknown: the 1900s
    return cal.decade_period((2000 if short <= latest else 1900) + short)


@resolver
def century(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Centuries by ordinal: "the 20th century" (value 19)."""
    return cal.century_period((int(groups["century"]) - 1) * 100)


@resolver
def year(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """A year: "2014"."""
    return cal.year_period(int(groups["year"]))


@resolver
def spelled_year(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Years in words, as transcripts write them: "nineteen ninety-six", "the year two
    thousand"."""
    words = groups.get("spelled", groups.get("spelled2", "")).lower().replace("-", " ").split()
    if words[0] == "nineteen":
        rest = lex.number(" ".join(words[1:]))
        return cal.year_period(1900 + int(rest)) if rest is not None else None
    rest = " ".join(w for w in words[2:] if w != "and")  # after "two thousand"
    return cal.year_period(2000 + int(lex.number(rest) or 0))


@resolver
def deictic(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Days named from the publication day: today, yesterday, last night, this morning."""
    offset, part = lex.deictic_days.get(groups.get("deictic", "today").lower(), (0, None))
    if "daypart" in groups:
        part = lex.day_parts[groups["daypart"].lower()]
    if ctx.published is None:
        return unknown(None, "TIME" if part else "DATE")
    return cal.day_period(ctx.published + dt.timedelta(days=offset), part)


@resolver
def anaphor(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Periods named from the last date mentioned: "the next day", "that year"."""
    offset, unit = lex.anaphora[" ".join(groups["anaphor"].lower().split())]
    if ctx.anchor is None:
        return unknown()
    return cal.period_of(cal.shift(ctx.anchor, offset, unit), unit)


def _years_from(period: cal.Period, years: int) -> cal.Period:
    """The period ``years`` years from a referenced one, as fine as it when it is a week,
    month, quarter, season or half (the same quarter a year earlier), else a whole year."""
    if period.precision == "week":
        return cal.week_period(cal.shift(period.begin, years, "Y"))
    year = period.begin.year + years
    if period.precision in ("month", "quarter", "half", "season", "year") and period.value:
        shifted = cal.shift(period.begin, years, "Y")
        end = cal.shift(period.end, years, "Y") if period.end else None
        return cal.Period(f"{year:04d}{period.value[4:]}", shifted, end, period.precision)
    return cal.year_period(year)


@resolver
def year_before(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """The same stretch of the year before: "the same period last year", "the year-ago
    quarter" (the period last mentioned, a year back; a quarter or month named in the
    expression when none was)."""
    unit = lex.units.get(groups.get("part", "").lower())
    reference = ctx.quarter if unit in (None, "Q") and ctx.quarter else ctx.reference
    if reference is None:
        if ctx.published is None:
            return unknown()
        reference = cal.period_of(ctx.published, unit or "Y")
    elif unit is not None and reference.precision != cal.PRECISIONS[unit]:
        reference = cal.period_of(reference.begin, unit)
    return _years_from(reference, -1)


@resolver
def weekday(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Weekdays: "on Monday" (the latest Monday for the past tense, the next one for the
    future, the nearest for the present: "the trial opens Thursday", "Tuesday's vote
    follows"), "last Friday", "Tuesday night"."""
    number = lex.weekdays[groups["weekday"].lower()]
    part = lex.day_parts[groups["daypart"].lower()] if "daypart" in groups else None
    if ctx.published is None:
        return unknown(f"XXXX-WXX-{number}", "TIME" if part else "DATE")
    pub = ctx.published
    back = (pub.isoweekday() - number) % 7
    options = [pub - dt.timedelta(days=back + 7 * k) for k in (0, 1)]
    options += [pub + dt.timedelta(days=(7 - back) % 7 + 7 * k) for k in (0, 1)]
    cue = _cue(groups, lex)
    if (cue is None or cue == 0) and ctx.tense == "present":  # the nearest, ahead on ties
        date = min(options, key=lambda o: (abs((o - pub).days), o < pub))
    elif cue is None or cue == 0:
        date = cal.nearest(options, pub, ctx.direction)
    elif cue < 0:
        date = max(o for o in options if o < pub)
    else:
        date = min(o for o in options if o > pub)
    return cal.day_period(date, part)


@resolver
def weekend(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """The weekend: "over the weekend" is the last one (the current one when published on a
    Saturday or Sunday) unless the clause looks ahead."""
    if ctx.published is None:
        return unknown("XXXX-WXX-WE")
    pub = ctx.published
    cue = _cue(groups, lex)
    if groups.get("cue", "").lower() == "past":  # "this past weekend": the latest one
        cue, ctx = None, Context(pub, "past", ctx.reference)
    saturdays = [pub + dt.timedelta(days=6 - pub.isoweekday() + 7 * k) for k in (-2, -1, 0, 1)]
    if cue == 0:
        return cal.weekend_period(pub)
    if cue is None:
        direction = ctx.direction
        if ctx.tense == "present" and pub.isoweekday() >= 6:
            return cal.weekend_period(pub)
        if direction <= 0:
            saturday = max(s for s in saturdays if s <= pub)
        else:
            saturday = min(s for s in saturdays if s + dt.timedelta(days=1) >= pub)
    elif cue < 0:
        saturday = max(s for s in saturdays if s + dt.timedelta(days=1) < pub)
    else:
        saturday = min(s for s in saturdays if s > pub)
    return cal.weekend_period(saturday)


@resolver
def relative_unit(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Calendar units named from the publication date: last week, this month, next year; with
    no cue ("during the year") the one last mentioned, if any."""
    unit, _ = lex.unit(groups["unit"])
    if unit not in CALENDAR_UNITS:
        return None
    if "cue" not in groups and unit == "Q" and ctx.direction < 0:
        return latest_quarter(groups, ctx, lex)  # a report's "the quarter"
    if "cue" not in groups and unit == "Q" and ctx.quarter is not None:
        return ctx.quarter
    if "cue" not in groups and ctx.reference and ctx.reference.precision == cal.PRECISIONS[unit]:
        return ctx.reference
    if ctx.published is None:
        return unknown()
    return cal.period_of(cal.shift(ctx.published, _cue(groups, lex) or 0, unit), unit)


@resolver
def latest_quarter(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """A report's "the latest quarter" or "the latest period": the quarter last mentioned if
    it is over by publication, else (for a quarter) the one before publication's."""
    if ctx.published is None:
        return ctx.quarter or (unknown() if "unit" in groups else None)
    current = cal.period_of(ctx.published, "Q")
    if ctx.quarter is not None and ctx.quarter.begin < current.begin:
        return ctx.quarter
    if "unit" not in groups:
        return None
    return cal.period_of(cal.shift(current.begin, -1, "Q"), "Q")


def _count(groups: Groups, lex: Lexicon) -> float | None:
    """The count of a duration: a number, None for a vague one ("several")."""
    if "num" in groups:
        return lex.number(groups["num"])
    return None


@resolver
def ago(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Offsets from publication: "two days ago", "a year ago", "several weeks ago", "two weeks
    from now"."""
    unit, _ = lex.unit(groups["unit"])
    count = _count(groups, lex)
    if ctx.published is None:
        return unknown()
    if count is None:
        return cal.Period("PAST_REF", None, ctx.published, "span")
    if unit in CLOCK_UNITS:
        return cal.day_period(ctx.published)
    sign = 1 if "ahead" in groups else -1
    if unit == "Y" and count == 1 and sign < 0 and ctx.quarter is not None:
        return _years_from(ctx.quarter, -1)  # a report's "a year ago": the same quarter
    return cal.period_of(cal.shift(ctx.published, sign * count, unit), unit)


@resolver
def reference_offset(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Offsets from the last date mentioned: "two days later", "a year earlier"."""
    unit, _ = lex.unit(groups["unit"])
    count = _count(groups, lex)
    if count is None or unit in CLOCK_UNITS:
        return None
    if ctx.anchor is None:
        return unknown()
    sign = 1 if groups["direction"].lower() == "later" else -1
    if unit == "Y" and count == 1 and (ctx.quarter or ctx.reference) is not None:
        return _years_from(ctx.quarter or ctx.reference, sign)  # "a year earlier"
    return cal.period_of(cal.shift(ctx.anchor, sign * count, unit), unit)


@resolver
def anchored_duration(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Durations ending or starting at publication: "the past two years" (P2Y, from two years
    before publication to publication), "the coming weeks", "recent months"."""
    unit, plural = lex.unit(groups["unit"])
    cue_word = groups["cue"].lower()
    direction = lex.cues[cue_word]
    count = _count(groups, lex)
    if count is None and "vague" not in groups and not plural:
        count = 1
        if cue_word in ("last", "final") and unit in ("D", *CLOCK_UNITS):
            return None  # "the last day of the talks"
    if direction == 0:
        return relative_unit(groups, ctx, lex)
    value = cal.duration_value(count, unit)
    if ctx.published is None:
        return unknown(value, "DURATION")
    pub = ctx.published
    if unit in CLOCK_UNITS and count is not None:  # "the past 48 hours": whole days
        minutes = count * {"H": 60, "MIN": 1}[unit]
        days = dt.timedelta(days=-(-minutes // (24 * 60)))
        begin, end = (pub - days, pub) if direction < 0 else (pub, pub + days)
        return cal.Period(value, begin, end, "span", "DURATION")
    if unit in CLOCK_UNITS:
        return cal.Period(value, None if direction < 0 else pub, pub if direction < 0 else None,
                          "span", "DURATION")
    if direction < 0:
        begin = cal.shift(pub, -count, unit) if count is not None else None
        return cal.Period(value, begin, pub, "span", "DURATION")
    end = cal.shift(pub, count, unit) if count is not None else None
    return cal.Period(value, pub, end, "span", "DURATION")


@resolver
def duration(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Durations not tied to a date: "for five years", "a three-day visit", "for months"."""
    unit, plural = lex.unit(groups["unit"])
    count = _count(groups, lex)
    if "num" in groups and count is None:
        return None
    if count is None and not plural and "vague" not in groups:
        count = 1  # "a year-long strike", "the year ended June 30"
    return cal.Period(cal.duration_value(count, unit), None, None, "unknown", "DURATION")


@resolver
def frequency(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Sets: "every week", "each Monday", "every summer", "every two years", "twice a month",
    "annually"."""
    if "weekday" in groups:
        value = f"XXXX-WXX-{lex.weekdays[groups['weekday'].lower()]}"
    elif "month" in groups:
        value = f"XXXX-{lex.months[groups['month'].lower()]:02d}"
    elif "season" in groups:
        value = f"XXXX-{lex.seasons[groups['season'].lower()]}"
    elif "weekend" in groups:
        value = "XXXX-WXX-WE"
    elif "daypart" in groups:
        value = f"XXXX-XX-XXT{lex.day_parts[groups['daypart'].lower()]}"
    elif "adverb" in groups:
        value = cal.duration_value(1, lex.frequency_adverbs[groups["adverb"].lower()])
    else:  # "three times a week" counts occurrences, not weeks
        unit, _ = lex.unit(groups["unit"])
        every: float | None = 1
        if "other" in groups:
            every = 2
        elif "times" not in groups:
            every = _count(groups, lex) if "num" in groups or "vague" in groups else 1
        value = cal.duration_value(every, unit)
    return cal.Period(value, None, None, "unknown", "SET")


def _clock_text(groups: Groups) -> str | None:
    """``THH:MM`` of a clock time, or None when the hour does not fit its a.m./p.m."""
    if "named" in groups:
        hour, minute = (24 if groups["named"].lower() == "midnight" else 12), 0
    else:
        hour, minute = int(groups["hour"]), int(groups.get("minute", 0))
        if "ampm" in groups:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if groups["ampm"].lower().startswith("p") else 0)
    return f"T{hour:02d}:{minute:02d}"


def _at_clock(day: dt.date | None, clock_text: str | None) -> cal.Period | None:
    if clock_text is None:
        return None
    if day is None:
        return cal.Period(clock_text, None, None, "unknown", "TIME")
    return cal.Period(f"{day.isoformat()}{clock_text}", day, day, "day", "TIME")


@resolver
def clock(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Clock times: "3 p.m.", "at 14:30", "at noon", on the day mentioned with them."""
    return _at_clock(ctx.anchor, _clock_text(groups))


@resolver
def clock_on_weekday(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """A clock time on a weekday: "10 p.m. Wednesday" (the weekday as :func:`weekday` reads
    it)."""
    day = weekday(groups, ctx, lex)
    return _at_clock(day.begin if day is not None else None, _clock_text(groups))


@resolver
def reference(groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Vague references: now (PRESENT_REF), recently (PAST_REF), in the future (FUTURE_REF)."""
    key = " ".join(groups["reference"].lower().split())
    value = lex.references.get(key) or lex.references_after_in[key]
    pub = ctx.published
    if pub is None:
        return unknown(value)
    if value == "PRESENT_REF":
        return cal.Period(value, pub, pub, "day")
    if value == "PAST_REF":
        return cal.Period(value, None, pub, "span")
    return cal.Period(value, pub, None, "span")


def resolve(name: str, groups: Groups, ctx: Context, lex: Lexicon) -> cal.Period | None:
    """Run the resolver registered as ``name``; dates out of range count as no expression."""
    try:
        return RESOLVERS[name](groups, ctx, lex)
    except (ValueError, OverflowError):
        return None
