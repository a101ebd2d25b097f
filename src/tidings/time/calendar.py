"""Calendar arithmetic: shifting dates by units and naming the period that holds a date."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

# TimeML duration unit -> (length in months, length in days); exactly one is non-zero.
UNIT_LENGTHS: dict[str, tuple[int, int]] = {
    "D": (0, 1), "W": (0, 7), "FN": (0, 14), "M": (1, 0), "Q": (3, 0), "Y": (12, 0),
    "DE": (120, 0), "CE": (1200, 0),
}
# TimeML duration unit -> the precision of the calendar period it names.
PRECISIONS: dict[str, str] = {
    "D": "day", "W": "week", "FN": "week", "M": "month", "Q": "quarter", "Y": "year",
    "DE": "decade", "CE": "century",
}
# Unit -> (how many of a smaller unit it holds, that unit), for fractional counts.
SMALLER_UNITS: dict[str, tuple[int, str]] = {
    "CE": (100, "Y"), "DE": (10, "Y"), "Y": (12, "M"), "W": (7, "D"), "D": (24, "H"),
    "H": (60, "MIN"),
}
# Units with no letter in TimeML durations -> (how many of a written unit they hold, that unit).
UNWRITTEN_UNITS: dict[str, tuple[int, str]] = {"FN": (2, "W"), "Q": (3, "M")}
# Season code -> (first month, number of months); a winter starts in December of its year.
SEASONS: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True, slots=True)
class Period:
    """A resolved stretch of calendar time with its TimeML value."""

    value: str | None
    begin: dt.date | None
    end: dt.date | None
    precision: str
    type: str = "DATE"


def shift(date: dt.date, count: float, unit: str) -> dt.date:
    """``date`` moved by ``count`` units (negative: back); month ends are clamped."""
    months, days = UNIT_LENGTHS[unit]
    if days:
        return date + dt.timedelta(days=round(count * days))
    total = date.year * 12 + date.month - 1 + round(count * months)
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"date out of range: {year}")
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(date.day, last))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def day_period(date: dt.date, part: str | None = None) -> Period:
    """One day, or a part of it (``MO``, ``NI`` …) as a TIME."""
    if part:
        return Period(f"{date.isoformat()}T{part}", date, date, "day", "TIME")
    return Period(date.isoformat(), date, date, "day")


def week_period(date: dt.date) -> Period:
    year, week, weekday = date.isocalendar()
    monday = date - dt.timedelta(days=weekday - 1)
    return Period(f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6), "week")


def weekend_period(date: dt.date) -> Period:
    """The weekend (Saturday and Sunday) of the ISO week holding ``date``."""
    year, week, weekday = date.isocalendar()
    saturday = date + dt.timedelta(days=6 - weekday)
    return Period(f"{year}-W{week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "week")


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` ISO ``weekday`` of a month (``nth`` -1: the last one)."""
    if nth < 0:
        last = month_end(year, month)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def month_period(year: int, month: int) -> Period:
    return Period(f"{year:04d}-{month:02d}", dt.date(year, month, 1), month_end(year, month), "month")


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(f"{year:04d}-Q{quarter}", dt.date(year, first, 1), month_end(year, first + 2),
                  "quarter")


def half_period(year: int, half: int) -> Period:
    first = 6 * (half - 1) + 1
    return Period(f"{year:04d}-H{half}", dt.date(year, first, 1), month_end(year, first + 5),
                  "half")


def season_period(year: int, season: str) -> Period:
    first = dt.date(year, SEASONS[season], 1)
    last = shift(first, 2, "M")
    return Period(f"{year:04d}-{season}", first, month_end(last.year, last.month), "season")


def year_period(year: int) -> Period:
    return Period(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def decade_period(year: int) -> Period:
    first = year - year % 10
    return Period(f"{first // 10:03d}", dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")


def century_period(year: int) -> Period:
    first = year - year % 100
    return Period(f"{first // 100:02d}", dt.date(first, 1, 1), dt.date(first + 99, 12, 31),
                  "century")


def period_of(date: dt.date, unit: str) -> Period:
    """The calendar period of kind ``unit`` (D, W, WE, M, Q, Y, DE, CE) that holds ``date``."""
    makers = {
        "D": lambda: day_period(date),
        "W": lambda: week_period(date),
        "FN": lambda: week_period(date),
        "WE": lambda: weekend_period(date),
        "M": lambda: month_period(date.year, date.month),
        "Q": lambda: quarter_period(date.year, (date.month - 1) // 3 + 1),
        "Y": lambda: year_period(date.year),
        "DE": lambda: decade_period(date.year),
        "CE": lambda: century_period(date.year),
    }
    if unit not in makers:
        raise KeyError(f"no calendar period for unit {unit!r}")
    return makers[unit]()


def duration_value(count: float | None, unit: str) -> str:
    """TimeML duration value: ``P2Y``, ``PT48H``, ``PXD`` for an unknown count; a fraction goes
    down to a smaller unit where one divides it ("half a century" is ``P50Y``), and so do the
    units TimeML does not write (a fortnight is ``P2W``, a quarter ``P3M``)."""
    if unit in UNWRITTEN_UNITS:
        factor, unit = UNWRITTEN_UNITS[unit]
        count = count * factor if count is not None else None
    while count is not None and count != int(count) and unit in SMALLER_UNITS:
        factor, unit = SMALLER_UNITS[unit]
        count *= factor
    if count is None:
        amount = "X"
    elif count == int(count):
        amount = str(int(count))
    else:
        amount = f"{count:g}"
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def nearest(candidates: list[dt.date], anchor: dt.date, direction: int) -> dt.date:
    """The candidate on the ``direction`` side of ``anchor`` (-1 at or before, +1 at or after,
    0 whichever is closer, ties going back)."""
    if direction < 0:
        return max(c for c in candidates if c <= anchor)
    if direction > 0:
        return min(c for c in candidates if c >= anchor)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))
