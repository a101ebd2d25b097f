"""Time expressions resolved on their own (no parse): every kind, anchored on a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.time import find_times, normalize
from tidings.time.calendar import weekend_period
from tidings.time.grammar import GrammarError, lexicon, rules

SUNDAY = dt.date(2018, 2, 4)  # a Sunday, the last day of ISO week 5 of 2018
WEDNESDAY = dt.date(2021, 6, 16)


def value(text: str, published: dt.date | None = SUNDAY, **kwargs) -> str | None:
    expr = normalize(text, published, **kwargs)
    assert expr is not None, f"no expression found in {text!r}"
    return expr.value


def test_time_grammar_loads_and_validates():
    assert len(rules()) > 20
    assert lexicon().months["sept"] == 9
    assert lexicon().number("fives") == 5
    assert lexicon().number("twenty-five") == 25


@pytest.mark.parametrize("text, expected", [
    ("February 4, 2018", "2018-02-04"),
    ("Sunday, Feb. 4, 2018", "2018-02-04"),
    ("4 February 2018", "2018-02-04"),
    ("2018-02-04", "2018-02-04"),
    ("02/04/2018", "2018-02-04"),
    ("Feb. 2018", "2018-02"),
    ("in 2014", "2014"),
    ("the 1990s", "199"),
    ("the '80s", "198"),
    ("the summer of 2016", "2016-SU"),
    ("Q3 2017", "2017-Q3"),
])
def test_time_absolute_dates(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("yesterday", "2018-02-03"),
    ("today", "2018-02-04"),
    ("tomorrow", "2018-02-05"),
    ("last night", "2018-02-03TNI"),
    ("on Monday", "2018-01-29"),
    ("last week", "2018-W04"),
    ("this week", "2018-W05"),
    ("next week", "2018-W06"),
    ("last month", "2018-01"),
    ("this month", "2018-02"),
    ("last year", "2017"),
    ("two days ago", "2018-02-02"),
    ("a year ago", "2017"),
    ("in March", "2017-03"),
    ("on Jan. 30", "2018-01-30"),
    ("March last year", "2017-03"),
])
def test_time_relative_to_publication(text, expected):
    assert value(text) == expected


def test_time_weekend_before_a_sunday_publication_is_iso_week_5():
    expr = normalize("over the weekend", SUNDAY)
    assert expr.text == "the weekend"
    assert expr.value == "2018-W05-WE"
    assert (expr.begin, expr.end_date) == (dt.date(2018, 2, 3), SUNDAY)
    assert weekend_period(dt.date(2018, 2, 3)).value == f"2018-W{SUNDAY.isocalendar()[1]:02d}-WE"


def test_time_weekend_from_a_weekday_is_the_previous_one():
    assert value("over the weekend", WEDNESDAY) == "2021-W23-WE"
    assert value("next weekend", WEDNESDAY) == "2021-W24-WE"


def test_time_tense_decides_direction():
    assert value("on Monday", WEDNESDAY) == "2021-06-14"
    assert value("on Monday", WEDNESDAY, tense="future") == "2021-06-21"
    assert value("in March", SUNDAY, tense="future") == "2018-03"
    assert value("on Sept. 1", WEDNESDAY, tense="future") == "2021-09-01"
    assert value("on Sept. 1", WEDNESDAY, tense="past") == "2020-09-01"


def test_time_day_without_year_far_back_is_read_ahead():
    assert value("until Oct. 14", dt.date(2020, 10, 1)) == "2020-10-14"


def test_time_past_two_years_is_an_anchored_duration():
    expr = normalize("over the past two years", SUNDAY)
    assert (expr.value, expr.type, expr.precision) == ("P2Y", "DURATION", "span")
    assert (expr.begin, expr.end_date) == (dt.date(2016, 2, 4), SUNDAY)


def test_time_typo_in_number_is_tolerated():
    expr = normalize("for the past fives years", SUNDAY)
    assert expr.text == "the past fives years"
    assert expr.value == "P5Y"
    assert expr.begin == dt.date(2013, 2, 4)


def test_time_since_spans_up_to_publication():
    expr = normalize("since 2014", SUNDAY)
    assert expr.text == "since 2014"
    assert (expr.begin, expr.end_date, expr.precision) == (dt.date(2014, 1, 1), SUNDAY, "span")
    spring = normalize("since last spring", SUNDAY)
    assert (spring.value, spring.begin) == ("2017-SP", dt.date(2017, 3, 1))


def test_time_modifiers_narrow_the_period():
    earlier = normalize("earlier this year", SUNDAY)
    assert (earlier.value, earlier.begin, earlier.end_date) == ("2018", dt.date(2018, 1, 1), SUNDAY)
    late = normalize("late 2016", SUNDAY)
    assert late.value == "2016" and late.begin.month >= 8 and late.end_date == dt.date(2016, 12, 31)
    assert normalize("mid-March", SUNDAY).text == "mid-March"


@pytest.mark.parametrize("text, expected, kind", [
    ("for three days", "P3D", "DURATION"),
    ("a five-year plan", "P5Y", "DURATION"),
    ("for 48 hours", "PT48H", "DURATION"),
    ("for years", "PXY", "DURATION"),
    ("in recent months", "PXM", "DURATION"),
    ("every week", "P1W", "SET"),
    ("each Monday", "XXXX-WXX-1", "SET"),
    ("now", "PRESENT_REF", "DATE"),
    ("recently", "PAST_REF", "DATE"),
    ("in the near future", "FUTURE_REF", "DATE"),
    ("at 3 p.m.", "2018-02-04T15:00", "TIME"),
])
def test_time_durations_sets_references_and_clock_times(text, expected, kind):
    expr = normalize(text, SUNDAY)
    assert (expr.value, expr.type) == (expected, kind)


def test_time_anaphors_count_from_the_last_date_mentioned():
    times = find_times("The dam burst on May 3, 2016. Two days later the river crested; "
                       "the next year it was rebuilt.", SUNDAY)
    assert [t.value for t in times] == ["2016-05-03", "2016-05-05", "2017"]


def test_time_clock_takes_the_day_beside_it():
    times = find_times("Shops will close at 6 p.m. on Saturday.", SUNDAY, tense="future")
    assert [t.value for t in times] == ["2018-02-10T18:00", "2018-02-10"]


@pytest.mark.parametrize("text", [
    "Theresa May said she would stay.",
    "The 10-year-old boy was rescued.",
    "He spoke for a second time.",
    "The fall of the city shocked the region.",
])
def test_time_no_false_alarms(text):
    assert find_times(text, SUNDAY) == []


def test_time_unknown_publication_date_leaves_relative_values_unanchored():
    last_month = normalize("last month", None)
    assert last_month.value is None and last_month.precision == "unknown"
    monday = normalize("on Monday", None)
    assert (monday.value, monday.begin, monday.precision) == ("XXXX-WXX-1", None, "unknown")
    duration = normalize("the past two years", None)
    assert (duration.value, duration.begin, duration.end_date) == ("P2Y", None, None)
    absolute = normalize("February 4, 2018", None)
    assert (absolute.value, absolute.precision) == ("2018-02-04", "day")


def test_time_grammar_errors_name_the_file(monkeypatch):
    from tidings.time import grammar

    grammar.placeholders()  # the word lists stay as loaded
    monkeypatch.setattr(grammar, "_read", lambda name: {"rules": [{"id": "x", "pattern": "{nope}",
                                                                    "resolve": "year"}]})
    grammar.rules.cache_clear()
    try:
        with pytest.raises(GrammarError, match=r"rules.yaml: rule 'x': unknown placeholder"):
            grammar.rules()
    finally:
        monkeypatch.undo()
        grammar.rules.cache_clear()
